"""Pages: the YAML of content/ shaped into view data, then Jinja templates write Markdown beside it.

Templates hold markup only. Every value a template prints is escaped for Markdown and HTML unless it is marked
``Markup`` here (links and anchors the generator made itself): article text is untrusted and must stay text.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import store
from generator.records import Evidence, StoryContent

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("index", "timeline", "actors", "quotes", "questions", "perspectives")
PAGE_TITLES = {"index": "Overview", "timeline": "Timeline", "actors": "Who's who", "quotes": "Who said what",
               "questions": "Open questions", "perspectives": "Perspectives"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Characters that start Markdown or HTML syntax; written as numeric entities they render as themselves.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&\"'~$=:-]")


def escape(value: object) -> str:
    """Text as literal Markdown: no emphasis, link, heading, HTML or attribute syntax survives."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = re.sub(r"\s+", " ", str(value))
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def _env() -> Environment:
    # Autoescape makes macros return Markup, so a macro's links pass ``finalize`` untouched like any Markup.
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                       finalize=lambda v: v if isinstance(v, Markup) else Markup(escape(v)),
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=True)


@dataclass(frozen=True)
class Link:
    label: str
    href: Markup


def render(content: Path) -> list[Path]:
    """Write every story's pages and the site home into ``content``; returns the files that changed."""
    env = _env()
    stories = [store.read_content(folder) for folder in store.story_folders(content)]
    files: dict[Path, str] = {}
    for story in stories:
        folder = content / story.story.id
        views = shape(story)
        for page in PAGES:
            files[folder / f"{page}.md"] = env.get_template(f"{page}.md.j2").render(**views, page=page)
        for src in views["sources"]:
            files[folder / "sources" / f"{src['id']}.md"] = env.get_template("source.md.j2").render(src=src,
                                                                                                  **views)
    files[content / "index.md"] = env.get_template("home.md.j2").render(
        stories=[{"title": s.story.title, "summary": s.story.summary, "href": Markup(f"{s.story.id}/index.md"),
                  "articles": len(s.story.articles)} for s in stories])
    return [p for p, text in sorted(files.items()) if store.write_if_changed(p, text)]


def nav(content: Path) -> list:
    """The MkDocs navigation: site home, then each story's pages in reading order."""
    out: list = [{"Home": "index.md"}]
    for folder in store.story_folders(content):
        story = store.read_file(folder / "story.yaml", "story")
        pages = [{PAGE_TITLES[p]: f"{folder.name}/{p}.md"} for p in PAGES]
        pages.append({"Sources": [{a.title or a.id: f"{folder.name}/sources/{a.id}.md"} for a in story.articles]})
        out.append({story.title: pages})
    return out


def shape(c: StoryContent) -> dict:
    """View data for the templates: every list sorted, every date spelled out, every evidence a link."""
    actors = {a.id: a for a in c.actors}
    titles = {a.id: (a.title or a.id) for a in c.story.articles}
    quotes_by = defaultdict(list)
    for q in c.quotes:
        quotes_by[q.speaker].append(q)
    people = [a for a in c.actors if a.type == "person"]
    return {
        "story": c.story,
        "summary": c.story.summary,
        "articles": [dict(ref=a, link=Link(titles[a.id], Markup(f"sources/{a.id}.md")), url=_safe_url(a.url))
                     for a in c.story.articles],
        "known": [_event(t, titles) for t in sorted((t for t in c.timeline if not t.scheduled),
                                                     key=lambda t: t.date, reverse=True)[:5]],
        "upcoming": [_event(t, titles) for t in c.timeline if t.scheduled],
        "key_people": [dict(a=a, href=Markup(f"actors.md#{a.id}")) for a in people[:6]],
        "questions": [dict(q=q, links=_links(q.evidence, titles)) for q in c.questions],
        "top_questions": [dict(q=q, links=_links(q.evidence, titles)) for q in c.questions[:5]],
        "actor_groups": [(label, [dict(a=a, anchor=Markup(a.id), attr=Markup("{#" + a.id + "}"), links=_links(a.evidence[:3], titles),
                                       quotes=len(quotes_by.get(a.id, [])))
                                  for a in c.actors if a.type == kind])
                         for kind, label in (("person", "People"), ("organization", "Organisations"),
                                             ("group", "Groups"), ("place", "Places"))],
        "speakers": _speakers(c, actors, quotes_by, titles),
        "years": _years(c, titles),
        "conflicts": [dict(c=x, links=_links(x.evidence, titles)) for x in c.conflicts],
        "sources": [_source(s, c) for s in c.sources],
    }


def _links(evidence: list[Evidence], titles: dict[str, str], prefix: str = "") -> list[Link]:
    return [Link(f"{titles.get(e.article, e.article)}, sentence {e.sentence + 1}",
                 Markup(f"{prefix}sources/{e.article}.md#s-{e.sentence}")) for e in evidence]


def _event(t, titles) -> dict:
    return dict(t=t, when=spell_date(t.date, t.end), links=_links(t.evidence, titles))


def _speakers(c: StoryContent, actors, quotes_by, titles) -> list[dict]:
    order = sorted(quotes_by, key=lambda k: (k is None, -len(quotes_by[k]), actors[k].name if k in actors else ""))
    out = []
    for key in order:
        actor = actors.get(key)
        name = actor.name if actor else "Unattributed or unresolved"
        out.append(dict(name=name, anchor=Markup(key or "unattributed"), attr=Markup("{#" + (key or "unattributed") + "}"), actor=actor,
                        quotes=[dict(q=q, links=_links(q.evidence, titles)) for q in quotes_by[key]]))
    return out


def _years(c: StoryContent, titles) -> list[dict]:
    years: dict[str, dict[str, list]] = {}
    for t in c.timeline:
        year, month = t.date[:4], t.date[5:7]
        years.setdefault(year, {}).setdefault(month, []).append(_event(t, titles))
    return [dict(year=y, months=[dict(month=MONTHS[int(m) - 1] if m else "During the year", events=evs)
                                 for m, evs in sorted(ms.items())])
            for y, ms in sorted(years.items())]


def _source(s, c: StoryContent) -> dict:
    ref = next(a for a in c.story.articles if a.id == s.id)
    return dict(id=s.id, ref=ref, url=_safe_url(ref.url),
                blocks=[dict(kind=b.kind, sentences=[dict(anchor=Markup(f"s-{x.n}"), text=x.text) for x in b.sentences])
                        for b in s.blocks if b.sentences])


def spell_date(value: str, end: str | None = None) -> str:
    """ "2026-06-08" → "8 June 2026", "2026-06" → "June 2026": precision shown as written."""
    def one(v: str) -> str:
        parts = v.split("-")
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
        return parts[0]
    return one(value) + (f" to {one(end)}" if end and end != value else "")


def _safe_url(url: str | None) -> Markup | None:
    """Only http(s) links are shown as links: a ``javascript:`` URL in front matter stays inert."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return Markup(quote(url, safe=":/?#[]@!$&'*+,;=%~-._"))
