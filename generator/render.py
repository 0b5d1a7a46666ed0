"""Pages: the YAML of content/ shaped into view data, then Jinja templates write Markdown beside it.

Templates hold markup only. Every value a template prints is escaped for Markdown and HTML unless it is marked
``Markup`` here (links and anchors the generator made itself): article text is untrusted and must stay text.
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic_core import to_json

import yaml

from generator import cache, feeds, paging, updates
from generator.graph import actor_graph
from generator.markup import escape, inert_title, slug
from generator.records import Evidence, Story, StoryContent, Update
from generator.store import atomic, schema, story_content, yaml_text

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("index", "timeline", "actors", "quotes", "questions", "perspectives", "updates")
PAGE_TITLES = {"index": "Overview", "timeline": "Timeline", "actors": "Who's who", "quotes": "Who said what",
               "questions": "Open questions", "perspectives": "Perspectives", "updates": "Updates"}
MONTHS = paging.MONTHS
SPLIT_QUOTES = 300  # quotes in a story past which each speaker's are on a page of their own
ACTOR_EVENTS = 12  # dated events listed on an actor's profile; the timeline has the rest
ACTOR_PROFILES = 40  # people and organisations with a profile on "Who's who"; the others are named in a list
HOME_LIST = 20  # articles and upcoming events listed on a story's home
UPDATES_SHOWN = 50  # entries on a story's Updates page, newest first; updates.yaml keeps them all
SITE_UPDATES = 10  # the latest updates across stories on the site's home
CITED = 20  # source articles cited in a page's structured data, newest first
MAX_LINKS = 6  # evidence links shown for one item; the last place says how many more when there are more
# Past this many articles a story lists them on its Sources pages, month by month, instead of in the navigation
# that Material prints into every page: a page's size must not grow with the story.
NAV_ARTICLES = 30
# Items on one page of a long list (the timeline's months, the articles' months, one speaker's quotes): about
# 100 KB of HTML, whatever the story's length.
LIST_PAGE = 100
PRECISION = {"day": "exact date", "month": "month only", "year": "year only"}
ACTOR_TYPES = {"person": "Person", "organization": "Organisation", "group": "Group", "place": "Place"}
def _env(compiled: Path | None = None) -> Environment:
    """The templates' environment; ``compiled`` keeps them compiled between runs (Jinja's bytecode cache)."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    # Autoescape makes macros return Markup, so a macro's links pass ``finalize`` untouched like any Markup.
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                       bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
                       finalize=lambda v: v if isinstance(v, Markup) else Markup(escape(v)),
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=True)


@dataclass(frozen=True)
class Link:
    label: str
    href: Markup | None  # None: a count of links not shown


@dataclass(frozen=True)
class Rendered:
    written: list[Path]  # the pages that changed
    nav: list  # the MkDocs navigation of the pages (what :func:`nav` reads from the YAML)


def render(content: Path, *, cache_dir: Path | None = None, site_url: str | None = None,
           stories: Mapping[str, StoryContent] | None = None) -> Rendered:
    """Write every story's pages and the site home into ``content``; returns the files that changed and the
    navigation.

    ``stories`` are the stories the run just assembled, in memory; any other is read from its YAML, and only when
    its pages must change: a story whose YAML and rendering code are as at the last run, and whose pages are all
    there, is not read at all, its home-page card coming from the cache entry that run left (in the cache, ``cache_dir``
    or the default beside ``content``: see ``generator.cache``). ``site_url`` makes the feeds' links absolute.
    """
    kept = cache.Cache(cache_dir) if cache_dir else cache.Cache.beside(content)
    env = _env(kept.templates)
    pages_dir = kept.pages
    files: dict[Path, str] = {}
    entries_written: dict[Path, str] = {}
    gone: list[Path] = []
    cards = []
    entries: list[dict] = []  # every story's latest updates, for the site's home and feed
    sections = []  # every story's part of the navigation
    for folder in story_content.story_folders(content):
        key = _pages_key(folder, site_url)
        done = _read_json(pages_dir / f"{folder.name}.json")
        if done and done.get("key") == key and "nav" in done and all((content / p).exists() for p in done["pages"]):
            cards.append(Markup(done["card"]))
            entries += done.get("entries", [])
            sections.append(done["nav"])
            continue
        story = (stories or {}).get(folder.name) or story_content.read_content(folder)
        views = shape(story, log=updates.read_log(folder))
        pages = {folder / f"{page}.md": _with_meta(env.get_template(f"{page}.md.j2").render(**views, page=page),
                                                   views["meta"][page])
                 for page in PAGES}
        story_entries = [dict(story=story.story.id, story_title=story.story.title, **u)
                         for u in views["feed_entries"]]
        pages[folder / feeds.FEED] = _feed(story_entries, story=story.story, site_url=site_url)
        listed = set(pages)
        # The pages of which one article changes a few are rendered again only when their key changed.
        parts = _Parts(env, pages, before=(done or {}).get("parts", {}), root=content)
        # An article's page shows that article alone (and the story's name): keyed by those records, it is not even
        # shaped when they are unchanged.
        refs = {a.id: a for a in story.story.articles}
        for record in story.sources:
            parts.render(folder / "sources" / f"{record.id}.md", "source.md.j2",
                         key=_source_key(record, refs[record.id], story.story, views["search_sources"]),
                         values=lambda r=record: dict(src=source_view(story, r, refs[r.id],
                                                                      search=views["search_sources"])),
                         meta=lambda values: values["src"]["meta"])
        # A long list's pages (a speaker's quotes, a month of the timeline or of articles): keyed by their view.
        if views["split_quotes"]:
            for speaker in views["speakers"]:
                # What a page of the speaker's prints besides its own quotes: a page's key is no larger than it.
                head = dict(name=speaker["name"], actor=speaker["actor"], profile=speaker["profile"],
                            pages=[dict(href=p["href"]) for p in speaker["pages"]])
                for part in speaker["pages"]:
                    parts.render_view(folder / "quotes" / f"{part['slug']}.md", "speaker.md.j2", dict(s=head, part=part),
                                      _part_meta(story, f"What {speaker['name']} said", part["number"]))
        for part in views["timeline_parts"]:
            parts.render_view(folder / "timeline" / f"{part['slug']}.md", "timeline_part.md.j2", dict(part=part),
                              _part_meta(story, f"What happened in {part['label']}"))
        if views["article_parts"]:
            path = folder / "articles" / "index.md"
            pages[path] = _with_meta(env.get_template("articles.md.j2").render(**views), views["meta"]["sources"])
            listed.add(path)
        for part in views["article_parts"]:
            parts.render_view(folder / "articles" / f"{part['slug']}.md", "articles_part.md.j2",
                              dict(part=part, story=views["story"]),
                              _part_meta(story, f"The articles of {part['label']}"))
        listed.update(parts.paths)
        card = env.get_template("_story_card.md.j2").render(s=_story_card(story, views))
        files.update(pages)
        cards.append(Markup(card))
        entries += story_entries
        now = sorted(str(p.relative_to(content)) for p in listed)
        gone += [content / p for p in (done or {}).get("pages", []) if p not in set(now)]
        sections.append(_story_nav(folder.name, story.story))
        entries_written[pages_dir / f"{folder.name}.json"] = json.dumps(
            {"key": key, "card": card, "pages": now, "parts": parts.keys,
             "entries": story_entries, "nav": sections[-1]})
    latest = sorted(entries, key=lambda e: (e["date"] or "", e["story"], e["id"]), reverse=True)
    files[content / "index.md"] = env.get_template("home.md.j2").render(cards=cards, updates=[
        dict(e, when=spell_date(e["date"]) if e["date"] else None, href=Markup(f"{e['story']}/updates.md#{e['id']}"))
        for e in latest[:SITE_UPDATES]])
    files[content / feeds.FEED] = _feed(entries, story=None, site_url=site_url)
    written = [p for p, text in sorted(files.items()) if atomic.write_if_changed(p, text)]
    # Pages this code made for an article that is no longer in the story go with it (MkDocs would warn about a
    # page in no navigation, and a strict build stop).
    for path in gone:
        if path.exists():
            path.unlink()
            written.append(path)
    # Cache entries only after the pages are written: an interrupted run renders those stories again next time.
    for path, text in sorted(entries_written.items()):
        atomic.write_if_changed(path, text)
    return Rendered(written, [{"Home": "index.md"}, *sections])


class _Parts:
    """A story's pages of which one changed article touches only a few (its own page, a month of the timeline, a
    page of a speaker's quotes): each is rendered only when its key differs from the last run's, or its file is
    missing. The keys go into the story's cache entry."""

    def __init__(self, env: Environment, pages: dict[Path, str], *, before: dict[str, str], root: Path) -> None:
        self.env, self.pages, self.before, self.root = env, pages, before, root
        self.keys: dict[str, str] = {}
        self.paths: list[Path] = []

    def render(self, path: Path, template: str, *, key: str, values: Callable[[], dict],
               meta: Callable[[dict], dict]) -> None:
        """The page at ``path`` unless its ``key`` is the last run's; ``values`` and ``meta`` are made only then."""
        name = str(path.relative_to(self.root))
        self.keys[name] = key
        self.paths.append(path)
        if self.before.get(name) != key or not path.exists():
            made = values()
            self.pages[path] = _with_meta(self.env.get_template(template).render(**made), meta(made))

    def render_view(self, path: Path, template: str, values: dict, meta: dict) -> None:
        """The page keyed by its view: pydantic writes the view's JSON in Rust (records, Markup and all), far
        cheaper than rendering it."""
        key = cache.digest(_render_code(), template, to_json([values, meta], fallback=repr))
        self.render(path, template, key=key, values=lambda: values, meta=lambda _: meta)


def _source_key(record, ref, story, search: bool) -> str:
    # pydantic writes a record's JSON in Rust: a story's thousand sources are digested in a few milliseconds.
    return cache.digest(_render_code(), schema.adapter(type(record)).dump_json(record),
                        schema.adapter(type(ref)).dump_json(ref), story.id, story.title, str(search))


def _pages_key(folder: Path, site_url: str | None) -> str:
    return cache.digest(_render_code(), site_url or "", *(part for path in sorted(folder.glob("*.yaml"))
                                          for part in (path.name, path.read_bytes())), size=64)


@functools.cache
def _render_code() -> str:
    """The templates and the modules that shape pages (followed through their imports): a change to any renders
    every story again."""
    return cache.code_digest("render.py", extra=tuple(sorted(TEMPLATES.glob("*.j2"))))


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def nav(content: Path) -> list:
    """The MkDocs navigation: site home, then each story's pages in reading order (its home opens the section).
    Read from the YAML; :func:`render` returns the same without reading it."""
    return [{"Home": "index.md"}, *(_story_nav(folder.name, yaml_text.read_file(folder / "story.yaml", "story"))
                                   for folder in story_content.story_folders(content))]


def _story_nav(folder: str, story: Story) -> dict:
    pages: list = [f"{folder}/index.md"]
    pages += [{PAGE_TITLES[p]: f"{folder}/{p}.md"} for p in PAGES if p != "index"]
    if len(story.articles) > NAV_ARTICLES:
        pages.append({"Sources": f"{folder}/articles/index.md"})
    else:
        pages.append({"Sources": [{a.title or a.id: f"{folder}/sources/{a.id}.md"} for a in story.articles]})
    return {story.title: pages}


def shape(c: StoryContent, *, log: list[Update] | tuple = ()) -> dict:
    """View data for the templates: every list sorted, every date spelled out, every evidence a link.

    ``log`` is the story's updates log, newest first: the items its latest entry added are marked new (unless it
    is the story's first, when everything would be)."""
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
    chronological = sorted(c.timeline, key=lambda t: (t.date, t.scheduled))
    # A long timeline is a page per month; every link to an event goes to the page that has it.
    months = (paging.by_month(chronological, lambda t: t.date[:7], limit=LIST_PAGE)
              if len(chronological) > LIST_PAGE else [])
    event_page = {t.id: f"timeline/{part.slug}.md" for part in months for t in part.items}
    at = lambda t: Markup(f"{event_page.get(t.id, 'timeline.md')}#{slug(t.id)}")  # noqa: E731
    listed = len(c.story.articles) > NAV_ARTICLES
    voices = _voices(c, actors, labels, prefix="../" if listed else "")
    prominent = sorted((a for a in c.actors if a.type in ("person", "organization")),
                       key=lambda a: (-(a.mentions + 2 * len(quotes_by.get(a.id, []))), a.name))
    kinds = Counter(a.kind or "unknown" for a in c.story.articles)
    profiled = {a.id for a in prominent[:ACTOR_PROFILES]}
    new = _new_ids(log)
    lede = c.story.summary or c.story.description
    description = lede or (c.story.key_points[0].text if c.story.key_points else
                           _summary(c, prominent, upcoming, quotes_by))
    return {
        "story": c.story,
        # An editor's summary is shown as written, in place of the key points.
        "summary": lede,
        "key_points": [] if c.story.summary else [dict(text=k.text, links=_links(k.evidence, labels, limit=1))
                                                  for k in c.story.key_points],
        "new": new,
        "updates": [_update(u, labels, refs) for u in log[:UPDATES_SHOWN]],
        "more_updates": max(0, len(log) - UPDATES_SHOWN),
        "feed_entries": [dict(id=u.id, title=u.summary, date=u.date) for u in log[:feeds.ENTRIES]],
        "meta": _meta(c, description, prominent, log),
        "updated": _latest(c.story.articles),
        # The story's home lists the latest articles and the next events; every article is on the perspectives
        # page and in the navigation, every event on the timeline: a 1,000-article story's home stays a page.
        "articles": [_article(a, labels) for a in _home_order(c.story.articles)[:HOME_LIST]],
        "more_articles": max(0, len(c.story.articles) - HOME_LIST),
        "all_articles": Markup("articles/index.md" if listed else "perspectives.md"),
        "kinds": [dict(kind=k, count=n) for k, n in sorted(kinds.items())],
        "stats": [dict(n=len(c.actors), label="people, groups and places" if len(c.actors) != 1 else "actor",
                       href=Markup("actors.md")),
                  dict(n=len(c.timeline), label=_plural(len(c.timeline), "dated event"), href=Markup("timeline.md")),
                  dict(n=len(c.quotes), label=_plural(len(c.quotes), "quote"), href=Markup("quotes.md")),
                  dict(n=len(c.questions), label=_plural(len(c.questions), "open question"),
                       href=Markup("questions.md"))],
        "known": [_event(t, labels, href=at(t)) for t in past[:5]],
        "upcoming": [_event(t, labels, href=at(t)) for t in upcoming[:HOME_LIST]],
        "more_upcoming": max(0, len(upcoming) - HOME_LIST),
        "next_event": _event(upcoming[0], labels, href=at(upcoming[0])) if upcoming else None,
        "key_people": [_person(a, quotes_by, Markup(f"actors.md#{slug(a.id)}")) for a in prominent[:6]],
        "questions": [dict(q=q, links=_links(q.evidence, labels), context=_in_quotes(_context(q.evidence)),
                           new=q.id in new) for q in c.questions],
        "top_questions": [dict(q=q, links=_links(q.evidence, labels)) for q in c.questions[:3]],
        "graph": actor_graph(c, href="#"),
        "actor_groups": [(label, [_actor(a, quotes_by=quotes_by, events_by=events_by, labels=labels,
                                         split_quotes=split, at=at, new=new)
                                  for a in c.actors if a.type == kind and a.id in profiled])
                         for kind, label in (("person", "People"), ("organization", "Organisations"))],
        "minor_groups": [(label, [dict(a=a, anchor=Markup(slug(a.id)), links=_links(a.evidence[:1], labels))
                                  for a in c.actors if a.type in kinds and a.id not in profiled])
                         for kinds, label in ((("person", "organization"), "Also named"),
                                              (("group",), "Groups and nationalities"), (("place",), "Places"))],
        # A story with many quotes gives each speaker a page: one changed article re-renders one speaker's quotes,
        # and a reader on a phone does not load ten thousand quotes to read one person's.
        "split_quotes": split,
        "speakers": _speakers(actors, quotes_by, labels, split=split, new=new),
        "years": [] if months else _years(chronological, labels, new=new),
        "timeline_index": [dict(year=year, months=[dict(label=part.label, href=Markup(f"timeline/{part.slug}.md"),
                                                        count=len(part.items)) for part in parts])
                           for year, parts in _by_year(months)],
        "timeline_parts": [dict(slug=part.slug, label=part.label,
                                years=_years(part.items, labels, prefix="../", new=new))
                           for part in months],
        "conflicts": [dict(c=x, statements=[dict(text=e.text, link=link) for e, link in
                                            zip(_unique(x.evidence), _links(x.evidence, labels, limit=None))])
                      for x in c.conflicts],
        # A long story's articles are listed month by month on pages of their own (``articles/``), not here.
        "voices": [] if listed else list(voices.values()),
        "article_parts": [dict(slug=part.slug, href=Markup(f"{part.slug}.md"), label=part.label,
                               voices=[voices[a.id] for a in part.items])
                          for part in (paging.by_month(_newest_first(c.story.articles), _month, limit=LIST_PAGE)
                                       if listed else [])],
        # A long story's search index keeps titles and items but not every article's text, which would make each
        # reader download the archive to search it.
        "search_sources": not listed,
    }


def _story_card(c: StoryContent, views: dict) -> dict:
    return {"title": c.story.title, "summary": views["summary"], "href": Markup(f"{c.story.id}/index.md"),
            "key_points": views["key_points"][:3],
            "updated": views["updated"], "stats": views["stats"], "sources": len(c.story.articles),
            "stats_prefix": Markup(f"{c.story.id}/"), "next_event": views["next_event"]}


def _home_order(articles: list) -> list:
    """The story's order when every article fits on its home; else the newest first."""
    return list(articles) if len(articles) <= HOME_LIST else _newest_first(articles)


def _newest_first(articles: list) -> list:
    """Newest first, undated ones last; articles of one date in the story's order."""
    return sorted(articles, key=lambda a: a.published or "", reverse=True)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


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


def _article(a, labels, prefix: str = "") -> dict:
    return dict(ref=a, label=labels[a.id], link=Link(a.title or a.id, Markup(f"{prefix}sources/{a.id}.md")),
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


def _full_stop(text: str) -> str:
    """A caption printed as the sentence it is (captions are stored without their full stop)."""
    return text if text.rstrip()[-1:] in ".!?…”\"'’" else text.rstrip() + "."


def _in_quotes(text: str | None) -> str | None:
    """A sentence shown as quoted: in quotation marks, unless it opens with its own (a quotation paragraph)."""
    if text is None or text[:1] in "“\"'‘":
        return text
    return f"“{text}”"


def _event(t, labels, *, href: Markup | None = None, prefix: str = "", new: frozenset = frozenset()) -> dict:
    """An event as the pages show it; ``prefix`` leads its evidence links from a page in a subfolder."""
    return dict(t=t, when=spell_date(t.date, t.end), precision=PRECISION.get(t.precision, t.precision), new=t.id in new,
                anchor=Markup(slug(t.id)), href=href or Markup(f"#{slug(t.id)}"),
                links=_links(t.evidence, labels, prefix), context=_context(t.evidence),
                # The caption is the event in a sentence of its own; the article's sentence is one click away.
                what=_full_stop(t.event) if t.event else _context(t.evidence))


def _month(article) -> str:
    return (article.published or "")[:7]


def _by_year(parts: list) -> list[tuple[str, list]]:
    years: dict[str, list] = {}
    for part in parts:
        years.setdefault(part.slug[:4] if part.slug[:1].isdigit() else part.label, []).append(part)
    return list(years.items())


def _person(a, quotes_by, href) -> dict:
    return dict(a=a, href=href, initials=_initials(a.name), quotes=len(quotes_by.get(a.id, [])),
                kind=ACTOR_TYPES.get(a.type, a.type))


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    return "".join(w[0].upper() for w in (words[:1] + words[1:][-1:])) or "?"


def _actor(a, *, quotes_by, events_by, labels, split_quotes: bool, at, new: frozenset) -> dict:
    quotes = quotes_by.get(a.id, [])
    events = sorted(events_by.get(a.id, []), key=lambda t: t.date)
    return dict(a=a, anchor=Markup(slug(a.id)), initials=_initials(a.name), kind=ACTOR_TYPES.get(a.type, a.type),
                new=a.id in new,
                links=_links(a.evidence[:3], labels), quote_count=len(quotes),
                quotes_href=Markup(f"quotes/{_speaker_page(a.id)}.md" if split_quotes else f"quotes.md#{slug(a.id)}"),
                quotes=[dict(q=q, links=_links(q.evidence, labels)) for q in quotes[:3]],
                events=[dict(when=spell_date(t.date, t.end), t=t, href=at(t))
                        for t in events[:ACTOR_EVENTS]],
                more_events=max(0, len(events) - ACTOR_EVENTS))


def _speaker_page(actor_id: str | None) -> str:
    """The name of a speaker's page under ``quotes/`` (``index`` would be the quotes page itself)."""
    name = slug(actor_id or "unattributed")
    return "index-speaker" if name == "index" else name


def _speakers(actors, quotes_by, labels, *, split: bool, new: frozenset = frozenset()) -> list[dict]:
    """Each speaker's quotes, most quoted first; ``split``: each speaker has pages of their own (``quotes/``),
    ``LIST_PAGE`` quotes a page, over as many pages as the speaker needs, whose links lead one folder up."""
    prefix = "../" if split else ""
    order = sorted(quotes_by, key=lambda k: (k is None, -len(quotes_by[k]), actors[k].name if k in actors else ""))
    out = []
    for key in order:
        actor = actors.get(key)
        name = actor.name if actor else "Unattributed or unresolved"
        page = _speaker_page(key)
        parts = paging.by_count(quotes_by[key], page, limit=LIST_PAGE if split else max(1, len(quotes_by[key])))
        pages = [dict(slug=part.slug, href=Markup(f"{part.slug}.md"), number=n + 1,
                      direct=[dict(q=q, links=_links(q.evidence, labels, prefix), new=q.id in new)
                              for q in part.items if q.kind == "direct"],
                      indirect=[dict(q=q, links=_links(q.evidence, labels, prefix), new=q.id in new)
                                for q in part.items if q.kind != "direct"])
                 for n, part in enumerate(parts)]
        out.append(dict(name=name, anchor=Markup(page), slug=page, page=Markup(f"quotes/{page}.md"),
                        attr=Markup("{#" + page + "}"), actor=actor,
                        profile=Markup(f"{prefix}actors.md#{slug(key)}") if actor and actor.type in ("person", "organization") else None,
                        initials=_initials(name) if actor else "?",
                        direct_count=sum(q.kind == "direct" for q in quotes_by[key]),
                        indirect_count=sum(q.kind != "direct" for q in quotes_by[key]),
                        direct=pages[0]["direct"], indirect=pages[0]["indirect"], pages=pages))
    return out


def _voices(c: StoryContent, actors, labels, *, prefix: str = "") -> dict[str, dict]:
    """Per article: its kind and whom it lets speak, the outline of its perspective."""
    names = defaultdict(list)
    for q in c.quotes:
        names[q.article].append(q.speaker_name or (actors[q.speaker].name if q.speaker in actors else None))
    out = {}
    for a in c.story.articles:
        speakers = Counter(names[a.id])
        named = sorted(((n, k) for n, k in speakers.items() if n), key=lambda nk: (-nk[1], nk[0]))
        out[a.id] = dict(article=_article(a, labels, prefix), speakers=[dict(name=n, count=k) for n, k in named],
                         unattributed=speakers.get(None, 0))
    return out


def _years(events: list, labels, *, prefix: str = "", new: frozenset = frozenset()) -> list[dict]:
    years: dict[str, dict[str, list]] = {}
    for t in events:
        year, month = t.date[:4], t.date[5:7]
        years.setdefault(year, {}).setdefault(month, []).append(_event(t, labels, prefix=prefix, new=new))
    return [dict(year=y, anchor=Markup(f"y{y}"),
                 months=[dict(month=paging.spell_month(f"{y}-{m}" if m else y),
                              anchor=Markup(f"y{y}-{m}" if m else f"y{y}-any"), events=evs)
                         for m, evs in sorted(ms.items())])
            for y, ms in sorted(years.items())]


def source_view(c: StoryContent, s, ref, *, search: bool = True) -> dict:
    """View data of an article's own page (``source.md.j2``)."""
    meta = _source_meta(c, ref)
    blocks = [dict(kind=b.kind, sentences=[dict(anchor=Markup(f"s-{x.n}"), text=x.text) for x in b.sentences])
              for b in s.blocks if b.sentences]
    headline = blocks.pop(0) if blocks and blocks[0]["kind"] == "title" else None
    meta = {**meta, "search": {"exclude": True}} if not search else meta
    return dict(id=s.id, ref=ref, url=_safe_url(ref.url), headline=headline, blocks=blocks, search_exclude=not search,
                meta=meta,
                published=spell_date(ref.published) if ref.published else None, kind=ref.kind or "unknown")


def _new_ids(log) -> frozenset[str]:
    """What the latest update added, when there was a story before it."""
    if len(log) < 2:
        return frozenset()
    u = log[0]
    return frozenset([*u.actors, *u.quotes, *u.events, *u.questions])


def _update(u: Update, labels: dict[str, str], refs: dict) -> dict:
    counts = [(len(ids), noun) for ids, noun in ((u.actors, "people, organisations and places"), (u.quotes, "quotes"),
                                                  (u.events, "dated events"), (u.questions, "open questions")) if ids]
    return dict(u=u, anchor=Markup(slug(u.id)), when=spell_date(u.date) if u.date else "Date not given",
                articles=[Link(refs[a].title or a, Markup(f"sources/{a}.md")) if a in refs else Link(a, None)
                          for a in u.articles[:MAX_LINKS]],
                more_articles=max(0, len(u.articles) - MAX_LINKS),
                counts=[dict(n=n, label=noun) for n, noun in counts])


def _meta(c: StoryContent, description: str, prominent: list, log) -> dict[str, dict]:
    """Each page's front matter: the description link previews show, the story it belongs to (its feed) and its
    schema.org record (JSON-LD)."""
    n = len(c.story.articles)
    descriptions = {
        "index": description,
        "timeline": f"What happened when in “{c.story.title}”: {len(c.timeline)} dated events from {n} articles.",
        "actors": f"Who's who in “{c.story.title}”: the people, organisations and places the {n} articles name.",
        "quotes": f"Who said what in “{c.story.title}”: {len(c.quotes)} quotes, by speaker.",
        "questions": f"What is still unknown in “{c.story.title}”: {len(c.questions)} open questions.",
        "perspectives": f"Whom each of the {n} sources of “{c.story.title}” lets speak, and where they disagree.",
        "updates": f"What changed in “{c.story.title}”, update by update, newest first.",
        "sources": f"The {n} articles “{c.story.title}” was made from, month by month.",
    }
    about = [{"@type": SCHEMA_TYPES[a.type], "name": a.name} for a in prominent[:5]]
    cited = [_citation(a) for a in _newest_first(c.story.articles)[:CITED]]
    modified = log[0].date if log and log[0].date else _newest(c.story.articles)
    # The story's home opens with its kicker, so MkDocs finds no title in it (it looks at the first element alone):
    # without one, browsers' tabs and the footer's links would say "Index".
    return {page: dict(**({"title": inert_title(c.story.title)} if page == "index" else {}), description=text,
                       story=c.story.id,
                       jsonld=_jsonld(f"{c.story.title}: {PAGE_TITLES.get(page, 'Sources')}" if page != "index"
                                      else c.story.title, text, about=about, cited=cited, modified=modified))
            for page, text in descriptions.items()}


def _part_meta(c: StoryContent, what: str, number: int = 1) -> dict:
    """The front matter of one page of a long list: what it holds, and nothing that changes with every article
    (counts, the newest sources), so that a new article does not rewrite every month's page."""
    text = f"{what} in “{c.story.title}”" + (f", page {number}" if number > 1 else "") + "."
    return dict(description=text, story=c.story.id,
                jsonld=_jsonld(f"{c.story.title}: {what}", text, about=[], cited=[], modified=None))


def _source_meta(c: StoryContent, ref) -> dict:
    text = f"“{ref.title or ref.id}”" + (f", {ref.source}" if ref.source else "") + (
        f", {spell_date(ref.published)}" if ref.published else "") + f": a source of “{c.story.title}”."
    return dict(description=text, story=c.story.id,
                jsonld=_jsonld(ref.title or ref.id, text, about=[], cited=[_citation(ref)],
                               modified=ref.published))


SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place", "group": "Organization"}


def _jsonld(headline: str, description: str, *, about: list, cited: list, modified: str | None) -> dict:
    record = {"@context": "https://schema.org", "@type": "Article", "headline": headline,
              "description": description, "about": about, "citation": cited}
    if modified:
        record["dateModified"] = modified
    return record


def _citation(ref) -> dict:
    out = {"@type": "NewsArticle", "headline": ref.title or ref.id}
    if ref.source:
        out["publisher"] = {"@type": "Organization", "name": ref.source}
    if ref.published:
        out["datePublished"] = ref.published
    if _safe_url(ref.url):
        out["url"] = ref.url
    return out


def _newest(articles) -> str | None:
    dates = sorted(a.published for a in articles if a.published)
    return dates[-1] if dates else None


def _with_meta(text: str, meta: dict) -> str:
    """A page with its front matter (what MkDocs hands the theme as ``page.meta``)."""
    if text.startswith("---\n"):  # a page whose template has front matter of its own (the site's home)
        return text
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml where installed: a long story has many pages
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n" + text


def _feed(entries: list[dict], *, story, site_url: str | None) -> str:
    found = [feeds.Entry(id=e["id"], story=e["story"], title=(f"{e['story_title']}: " if story is None else "")
                         + e["title"], date=e["date"], href=f"{e['story']}/updates/#{e['id']}") for e in entries]
    if story is None:
        return feeds.atom(feed_id="urn:explainer:site", title="Explainer: every story's updates",
                          subtitle="What changed in each story, newest first.", href="", self_href=feeds.FEED,
                          entries=found, author="Explainer", base=site_url)
    return feeds.atom(feed_id=f"urn:explainer:{story.id}", title=f"{story.title}: updates",
                      subtitle=f"What changed in “{story.title}”, newest first.", href=f"{story.id}/",
                      self_href=f"{story.id}/{feeds.FEED}", entries=found, author="Explainer", base=site_url)


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
