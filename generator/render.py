"""Pages: the YAML of content/ shaped into view data, then Jinja templates write Markdown beside it.

Templates hold markup only. Every value a template prints is escaped for Markdown and HTML unless it is marked
``Markup`` here (links and anchors the generator made itself): article text is untrusted and must stay text.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import schema, store
from generator.graph import actor_graph
from generator.records import Evidence, StoryContent

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("index", "timeline", "actors", "quotes", "questions", "perspectives")
PAGE_TITLES = {"index": "Overview", "timeline": "Timeline", "actors": "Who's who", "quotes": "Who said what",
               "questions": "Open questions", "perspectives": "Perspectives"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SPLIT_QUOTES = 300  # quotes in a story past which each speaker's are on a page of their own
ACTOR_EVENTS = 12  # dated events listed on an actor's profile; the timeline has the rest
HOME_LIST = 20  # articles and upcoming events listed on a story's home
MAX_LINKS = 6  # evidence links shown for one item; the last place says how many more when there are more
PRECISION = {"day": "exact date", "month": "month only", "year": "year only"}
ACTOR_TYPES = {"person": "Person", "organization": "Organisation", "group": "Group", "place": "Place"}
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
    href: Markup | None  # None: a count of links not shown


def render(content: Path, *, cache_dir: Path | None = None) -> list[Path]:
    """Write every story's pages and the site home into ``content``; returns the files that changed.

    A story whose YAML and rendering code are as at the last run, and whose pages are all there, is not read
    again: its home-page card comes from the stamp that run left (``cache_dir``, beside the findings cache).
    """
    env = _env()
    stamp_dir = (cache_dir or content.parent / ".explainer-cache") / "pages"
    files: dict[Path, str] = {}
    stamps: dict[Path, str] = {}
    gone: list[Path] = []
    cards = []
    for folder in store.story_folders(content):
        stamp = _page_stamp(folder)
        done = _read_json(stamp_dir / f"{folder.name}.json")
        if done and done.get("stamp") == stamp and all((content / p).exists() for p in done["pages"]):
            cards.append(Markup(done["card"]))
            continue
        story = store.read_content(folder, memory=store.content_memory(stamp_dir.parent, folder.name))
        views = shape(story)
        pages = {folder / f"{page}.md": env.get_template(f"{page}.md.j2").render(**views, page=page)
                 for page in PAGES}
        listed = set(pages)
        # An article's page shows that article alone: it is rendered again only when its record changed.
        rendered_before = (done or {}).get("sources", {})
        digests = {}
        for src, record in zip(views["sources"], story.sources):
            path = folder / "sources" / f"{src['id']}.md"
            listed.add(path)
            digests[src["id"]] = _source_digest(record, src["ref"])
            if rendered_before.get(src["id"]) != digests[src["id"]] or not path.exists():
                pages[path] = env.get_template("source.md.j2").render(src=src)
        if views["split_quotes"]:
            for speaker in views["speakers"]:
                path = folder / "quotes" / f"{speaker['slug']}.md"
                pages[path] = env.get_template("speaker.md.j2").render(s=speaker)
                listed.add(path)
        card = env.get_template("_story_card.md.j2").render(s=_story_card(story, views))
        files.update(pages)
        cards.append(Markup(card))
        now = sorted(str(p.relative_to(content)) for p in listed)
        gone += [content / p for p in (done or {}).get("pages", []) if p not in set(now)]
        stamps[stamp_dir / f"{folder.name}.json"] = json.dumps(
            {"stamp": stamp, "card": card, "pages": now, "sources": digests})
    files[content / "index.md"] = env.get_template("home.md.j2").render(cards=cards)
    written = [p for p, text in sorted(files.items()) if store.write_if_changed(p, text)]
    # Pages this code made for an article that is no longer in the story go with it (MkDocs would warn about a
    # page in no navigation, and a strict build stop).
    for path in gone:
        if path.exists():
            path.unlink()
            written.append(path)
    # Stamps only after the pages are written: an interrupted run renders those stories again next time.
    for path, text in sorted(stamps.items()):
        store.write_if_changed(path, text)
    return written


def _source_digest(record, ref) -> str:
    data = json.dumps([schema.to_data(record), schema.to_data(ref)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((_render_code() + data).encode()).hexdigest()[:24]


def _page_stamp(folder: Path) -> str:
    digest = hashlib.sha256(_render_code().encode())
    for path in sorted(folder.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _render_code() -> str:
    """The templates and the modules that shape pages: a change to any renders every story again."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*TEMPLATES.glob("*.j2"), here / "render.py", here / "graph.py", here / "records.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def nav(content: Path) -> list:
    """The MkDocs navigation: site home, then each story's pages in reading order (its home opens the section)."""
    out: list = [{"Home": "index.md"}]
    for folder in store.story_folders(content):
        story = store.read_file(folder / "story.yaml", "story")
        pages: list = [f"{folder.name}/index.md"]
        pages += [{PAGE_TITLES[p]: f"{folder.name}/{p}.md"} for p in PAGES if p != "index"]
        pages.append({"Sources": [{a.title or a.id: f"{folder.name}/sources/{a.id}.md"} for a in story.articles]})
        out.append({story.title: pages})
    return out


def shape(c: StoryContent) -> dict:
    """View data for the templates: every list sorted, every date spelled out, every evidence a link."""
    actors = {a.id: a for a in c.actors}
    labels = _article_labels(c.story.articles)
    refs = {a.id: a for a in c.story.articles}
    split = len(c.quotes) > SPLIT_QUOTES
    quotes_by = defaultdict(list)
    for q in c.quotes:
        quotes_by[q.speaker].append(q)
    events_by = defaultdict(list)
    for t in c.timeline:
        for a in t.actors:
            events_by[a].append(t)
    past = sorted((t for t in c.timeline if not t.scheduled), key=lambda t: t.date, reverse=True)
    upcoming = sorted((t for t in c.timeline if t.scheduled), key=lambda t: t.date)
    prominent = sorted((a for a in c.actors if a.type in ("person", "organization")),
                       key=lambda a: (-(a.mentions + 2 * len(quotes_by.get(a.id, []))), a.name))
    kinds = Counter(a.kind or "unknown" for a in c.story.articles)
    return {
        "story": c.story,
        "summary": c.story.description or _summary(c, prominent, upcoming, quotes_by),
        "updated": _latest(c.story.articles),
        # The story's home lists the latest articles and the next events; every article is on the perspectives
        # page and in the navigation, every event on the timeline: a 1,000-article story's home stays a page.
        "articles": [_article(a, labels) for a in _latest_first(c.story.articles)[:HOME_LIST]],
        "more_articles": max(0, len(c.story.articles) - HOME_LIST),
        "kinds": [dict(kind=k, count=n) for k, n in sorted(kinds.items())],
        "stats": [dict(n=len(c.actors), label="people, groups and places" if len(c.actors) != 1 else "actor",
                       href=Markup("actors.md")),
                  dict(n=len(c.timeline), label=_plural(len(c.timeline), "dated event"), href=Markup("timeline.md")),
                  dict(n=len(c.quotes), label=_plural(len(c.quotes), "quote"), href=Markup("quotes.md")),
                  dict(n=len(c.questions), label=_plural(len(c.questions), "open question"),
                       href=Markup("questions.md"))],
        "known": [_event(t, labels, prefix="timeline.md") for t in past[:5]],
        "upcoming": [_event(t, labels, prefix="timeline.md") for t in upcoming[:HOME_LIST]],
        "more_upcoming": max(0, len(upcoming) - HOME_LIST),
        "next_event": _event(upcoming[0], labels, prefix="timeline.md") if upcoming else None,
        "key_people": [_person(a, quotes_by, Markup(f"actors.md#{_slug(a.id)}")) for a in prominent[:6]],
        "questions": [dict(q=q, links=_links(q.evidence, labels), context=_context(q.evidence)) for q in c.questions],
        "top_questions": [dict(q=q, links=_links(q.evidence, labels)) for q in c.questions[:3]],
        "graph": actor_graph(c, href="#"),
        "actor_groups": [(label, [_actor(a, quotes_by, events_by, labels, split)
                                   for a in c.actors if a.type == kind])
                         for kind, label in (("person", "People"), ("organization", "Organisations"))],
        "minor_groups": [(label, [dict(a=a, anchor=Markup(_slug(a.id)), links=_links(a.evidence[:1], labels))
                                  for a in c.actors if a.type == kind])
                         for kind, label in (("group", "Groups and nationalities"), ("place", "Places"))],
        # A story with many quotes gives each speaker a page: one changed article re-renders one speaker's quotes,
        # and a reader on a phone does not load ten thousand quotes to read one person's.
        "split_quotes": split,
        "speakers": _speakers(c, actors, quotes_by, labels, prefix="../" if split else ""),
        "years": _years(c, labels),
        "conflicts": [dict(c=x, statements=[dict(text=e.text, link=link) for e, link in
                                            zip(_unique(x.evidence), _links(x.evidence, labels, limit=None))])
                      for x in c.conflicts],
        "voices": _voices(c, actors, labels),
        "sources": [_source(s, refs) for s in c.sources],
    }


def _story_card(c: StoryContent, views: dict) -> dict:
    return {"title": c.story.title, "summary": views["summary"], "href": Markup(f"{c.story.id}/index.md"),
            "updated": views["updated"], "stats": views["stats"], "sources": len(c.story.articles),
            "stats_prefix": Markup(f"{c.story.id}/"), "next_event": views["next_event"]}


def _latest_first(articles: list) -> list:
    """The story's order when every article fits on its home; else the newest first (undated ones last)."""
    if len(articles) <= HOME_LIST:
        return list(articles)
    return sorted(articles, key=lambda a: a.published or "", reverse=True)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def _slug(value: str) -> str:
    """An id safe in an HTML attribute and a URL fragment (ids are generator slugs; editors may type anything)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-") or "item"


def _latest(articles) -> str | None:
    dates = sorted(a.published for a in articles if a.published)
    return spell_date(dates[-1]) if dates else None


def _summary(c: StoryContent, prominent, upcoming, quotes_by) -> str:
    """A lede from the data alone: how much was read, who matters most, what comes next, what is open."""
    n = len(c.story.articles)
    outlets = sorted({a.source for a in c.story.articles if a.source})
    latest = _latest(c.story.articles)
    parts = [f"Drawn from {n} {_plural(n, 'article')}" + (f" including {_join(outlets)}" if outlets else "")
             + (f", the latest published {latest}." if latest else ".")]
    if prominent:
        most = sorted(prominent, key=lambda a: (-a.mentions, a.name))[:3]
        who = [f"{a.name} ({a.role})" if a.role else a.name for a in most]
        parts.append(f"The most mentioned are {_join(who)}.")
    if upcoming:
        parts.append(f"Next on the calendar: {spell_date(upcoming[0].date, upcoming[0].end)}.")
    if c.questions:
        parts.append(f"{len(c.questions)} {_plural(len(c.questions), 'question')} remain open.")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _article_labels(articles) -> dict[str, str]:
    """A short name for each article in evidence links: its outlet when that is unique, else its file name."""
    outlets = Counter(a.source for a in articles if a.source)
    return {a.id: a.source if a.source and outlets[a.source] == 1 else a.id.replace("-", " ").capitalize()
            for a in articles}


def _article(a, labels) -> dict:
    return dict(ref=a, label=labels[a.id], link=Link(a.title or a.id, Markup(f"sources/{a.id}.md")),
                url=_safe_url(a.url), published=spell_date(a.published) if a.published else None,
                kind=a.kind or "unknown")


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        if (e.article, e.sentence) not in seen:
            seen.add((e.article, e.sentence))
            out.append(e)
    return out


def _links(evidence: list[Evidence], labels: dict[str, str], prefix: str = "",
           limit: int | None = MAX_LINKS) -> list[Link]:
    """A link to each sentence an item stands on; past ``limit``, the count of the rest (a question forty
    articles raise is not followed by forty links: the YAML keeps them all)."""
    unique = _unique(evidence)
    shown = unique if limit is None or len(unique) <= limit else unique[:limit - 1]
    links = [Link(f"{labels.get(e.article, e.article)}, sentence {e.sentence + 1}",
                  Markup(f"{prefix}sources/{e.article}.md#s-{e.sentence}")) for e in shown]
    if len(shown) < len(unique):
        links.append(Link(f"and {len(unique) - len(shown)} more", None))
    return links


def _context(evidence: list[Evidence]) -> str | None:
    return evidence[0].text if evidence else None


def _event(t, labels, prefix: str = "") -> dict:
    return dict(t=t, when=spell_date(t.date, t.end), precision=PRECISION.get(t.precision, t.precision),
                anchor=Markup(_slug(t.id)), href=Markup(f"{prefix}#{_slug(t.id)}"),
                links=_links(t.evidence, labels), context=_context(t.evidence))


def _person(a, quotes_by, href) -> dict:
    return dict(a=a, href=href, initials=_initials(a.name), quotes=len(quotes_by.get(a.id, [])),
                kind=ACTOR_TYPES.get(a.type, a.type))


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    return "".join(w[0].upper() for w in (words[:1] + words[1:][-1:])) or "?"


def _actor(a, quotes_by, events_by, labels, split_quotes: bool) -> dict:
    quotes = quotes_by.get(a.id, [])
    events = sorted(events_by.get(a.id, []), key=lambda t: t.date)
    return dict(a=a, anchor=Markup(_slug(a.id)), initials=_initials(a.name), kind=ACTOR_TYPES.get(a.type, a.type),
                links=_links(a.evidence[:3], labels), quote_count=len(quotes),
                quotes_href=Markup(f"quotes/{_speaker_page(a.id)}.md" if split_quotes else f"quotes.md#{_slug(a.id)}"),
                quotes=[dict(q=q, links=_links(q.evidence, labels)) for q in quotes[:3]],
                events=[dict(when=spell_date(t.date, t.end), t=t, href=Markup(f"timeline.md#{_slug(t.id)}"))
                        for t in events[:ACTOR_EVENTS]],
                more_events=max(0, len(events) - ACTOR_EVENTS))


def _speaker_page(actor_id: str | None) -> str:
    """The name of a speaker's page under ``quotes/`` (``index`` would be the quotes page itself)."""
    slug = _slug(actor_id or "unattributed")
    return "index-speaker" if slug == "index" else slug


def _speakers(c: StoryContent, actors, quotes_by, labels, prefix: str = "") -> list[dict]:
    """Each speaker's quotes, most quoted first; ``prefix`` leads links from a speaker's own page (``quotes/``)."""
    order = sorted(quotes_by, key=lambda k: (k is None, -len(quotes_by[k]), actors[k].name if k in actors else ""))
    out = []
    for key in order:
        actor = actors.get(key)
        name = actor.name if actor else "Unattributed or unresolved"
        slug = _speaker_page(key)
        out.append(dict(name=name, anchor=Markup(slug), slug=slug, page=Markup(f"quotes/{slug}.md"),
                        attr=Markup("{#" + slug + "}"), actor=actor,
                        profile=Markup(f"{prefix}actors.md#{_slug(key)}") if actor and actor.type in ("person", "organization") else None,
                        initials=_initials(name) if actor else "?",
                        direct=[dict(q=q, links=_links(q.evidence, labels, prefix)) for q in quotes_by[key]
                                if q.kind == "direct"],
                        indirect=[dict(q=q, links=_links(q.evidence, labels, prefix)) for q in quotes_by[key]
                                  if q.kind != "direct"]))
    return out


def _voices(c: StoryContent, actors, labels) -> list[dict]:
    """Per article: its kind and whom it lets speak, the outline of its perspective."""
    names = defaultdict(list)
    for q in c.quotes:
        names[q.article].append(q.speaker_name or (actors[q.speaker].name if q.speaker in actors else None))
    out = []
    for a in c.story.articles:
        speakers = Counter(names[a.id])
        named = sorted(((n, k) for n, k in speakers.items() if n), key=lambda nk: (-nk[1], nk[0]))
        out.append(dict(article=_article(a, labels), speakers=[dict(name=n, count=k) for n, k in named],
                        unattributed=speakers.get(None, 0)))
    return out


def _years(c: StoryContent, labels) -> list[dict]:
    years: dict[str, dict[str, list]] = {}
    for t in sorted(c.timeline, key=lambda t: (t.date, t.scheduled)):
        year, month = t.date[:4], t.date[5:7]
        years.setdefault(year, {}).setdefault(month, []).append(_event(t, labels))
    return [dict(year=y, anchor=Markup(f"y{y}"),
                 months=[dict(month=f"{MONTHS[int(m) - 1]} {y}" if m else f"{y}, month not given",
                              anchor=Markup(f"y{y}-{m}" if m else f"y{y}-any"), events=evs)
                         for m, evs in sorted(ms.items())])
            for y, ms in sorted(years.items())]


def _source(s, refs: dict) -> dict:
    ref = refs[s.id]
    blocks = [dict(kind=b.kind, sentences=[dict(anchor=Markup(f"s-{x.n}"), text=x.text) for x in b.sentences])
              for b in s.blocks if b.sentences]
    headline = blocks.pop(0) if blocks and blocks[0]["kind"] == "title" else None
    return dict(id=s.id, ref=ref, url=_safe_url(ref.url), headline=headline, blocks=blocks,
                published=spell_date(ref.published) if ref.published else None, kind=ref.kind or "unknown")


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
