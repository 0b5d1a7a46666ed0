"""The actor graph: who appears with whom, drawn at build time as inline, accessible SVG (no script, no library).

Two actors are linked when they are named in the same sentence, take part in the same dated event, or when one is
quoted in a sentence that names the other. Nodes sit on a circle in order of prominence, so the drawing is the
same for the same data and needs no layout solver; the strongest ties are drawn thickest.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from markupsafe import Markup

from generator.markup import escape, slug
from generator.records import StoryContent

# Places and nationality groups co-occur with everyone and drown the people in a small drawing.
NODE_TYPES = ("person", "organization")
MAX_NODES = 12
RX, RY = 250, 190  # the ellipse the nodes sit on; the viewBox is fitted around nodes and labels
CHAR = 8.6  # average advance of a 15 px semi-bold label character, to fit the viewBox around the labels


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    weight: int


def ties(c: StoryContent, ids: set[str]) -> list[Edge]:
    """Weighted ties between the actors in ``ids``, strongest first, then by name order for a stable drawing."""
    by_sentence: dict[tuple[str, int], set[str]] = {}
    for actor in c.actors:
        if actor.id in ids:
            for e in actor.evidence:
                by_sentence.setdefault((e.article, e.sentence), set()).add(actor.id)
    groups = [set(g) for g in by_sentence.values()]
    groups += [set(t.actors) & ids for t in c.timeline]
    for q in c.quotes:
        if q.speaker in ids:
            for e in q.evidence:
                groups.append({q.speaker} | by_sentence.get((e.article, e.sentence), set()))
    count: Counter = Counter()
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            count[(a, b)] += 1
    return [Edge(a, b, n) for (a, b), n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def actor_graph(c: StoryContent, *, href: str = "#") -> dict | None:
    """View data for the actor graph: the SVG as ``Markup`` and the ties as text; None when nobody is linked."""
    quoted = Counter(q.speaker for q in c.quotes if q.speaker)
    candidates = sorted((a for a in c.actors if a.type in NODE_TYPES),
                        key=lambda a: (-(a.mentions + 2 * quoted[a.id]), a.name))
    edges = ties(c, {a.id for a in candidates})
    linked = {x for e in edges for x in (e.a, e.b)}
    nodes = [a for a in candidates if a.id in linked][:MAX_NODES]
    keep = {a.id for a in nodes}
    edges = [e for e in edges if e.a in keep and e.b in keep]
    if not edges:
        return None
    names = {a.id: a.name for a in nodes}
    return {
        "svg": Markup(_svg(nodes, edges, quoted)),
        # Anchors are slugs of the ids (an editor may type an id with spaces or quotes), as the profiles' are.
        "ties": [{"a": names[e.a], "b": names[e.b], "a_href": Markup(f"{href}{slug(e.a)}"),
                  "b_href": Markup(f"{href}{slug(e.b)}"), "weight": e.weight} for e in edges],
    }


def _svg(nodes, edges: list[Edge], quoted: Counter) -> str:
    pos = {}
    for i, a in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / len(nodes)
        pos[a.id] = (RX * math.cos(angle), RY * math.sin(angle), angle)
    top = max(e.weight for e in edges)
    most = max(a.mentions for a in nodes)
    names = {a.id: a.name for a in nodes}
    strongest = ", ".join(f"{names[e.a]} and {names[e.b]}" for e in edges[:3])
    desc = (f"{len(nodes)} people and organisations, linked when the articles name them together. "
            f"Strongest ties: {strongest}.")
    out = ['<title id="actor-graph-title">Who appears with whom</title>',
           f'<desc id="actor-graph-desc">{escape(desc)}</desc>', '<g class="actor-graph__edges">']
    box = [0.0, 0.0, 0.0, 0.0]  # min x, min y, max x, max y of everything drawn
    for e in reversed(edges):  # strongest drawn last, on top
        (x1, y1, _), (x2, y2, _) = pos[e.a], pos[e.b]
        width = 1 + 5 * e.weight / top
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke-width="{width:.1f}"/>')
    out.append('</g><g class="actor-graph__nodes">')
    for a in nodes:
        x, y, angle = pos[a.id]
        r = 7 + 11 * math.sqrt(a.mentions / most)
        kind = "person" if a.type == "person" else "org"
        cls = f"actor-graph__node actor-graph__node--{kind}" + (" actor-graph__node--quoted" if quoted[a.id] else "")
        lx, ly = x + (r + 8) * math.cos(angle), y + (r + 8) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        if anchor == "middle":
            ly += (r + 6) * (1 if math.sin(angle) > 0 else -0.2)
        width = CHAR * len(a.name)
        left = lx if anchor == "start" else lx - width if anchor == "end" else lx - width / 2
        box = [min(box[0], left, x - r), min(box[1], ly - 12, y - r), max(box[2], left + width, x + r),
               max(box[3], ly + 8, y + r)]
        out.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>')
        out.append(f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="{anchor}">{escape(a.name)}</text>')
    out.append("</g></svg>")
    x0, y0, x1, y1 = box[0] - 12, box[1] - 12, box[2] + 12, box[3] + 12
    head = (f'<svg class="actor-graph__svg" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" role="img" '
            f'aria-labelledby="actor-graph-title actor-graph-desc" xmlns="http://www.w3.org/2000/svg">')
    return head + "".join(out)
