"""A story assembled from its articles' findings: actors merged, speakers resolved, dates anchored, conflicts found.

Pure Python over cached findings: nothing here needs spaCy, so a story re-assembles without parsing any article
again (about a second at 1,000 articles).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Optional

from generator.assemble import actors as actor_kind
from generator.assemble import conflicts, questions, timeline
from generator.assemble.keypoints import key_points
from generator.extract.common import norm_name
from generator.extract.published import infer_published
from generator.records import (Actor, Article, ArticleRef, Findings, Quote, Story, StoryContent, TimelineItem)


def assemble(story_id: str, meta: dict, articles: list[Article], findings: dict[str, Findings],
             report: list[str]) -> StoryContent:
    """The story's content from each article's findings; what had to be inferred or is missing goes to ``report``."""
    published = _published(articles, findings, report)
    flat_sents = {a.id: [s for b in findings[a.id].source.blocks for s in b.sentences] for a in articles}
    found_actors, ids = actor_kind.assemble(
        (a.id, findings[a.id].mentions, _by_number(flat_sents[a.id])) for a in articles)
    by_id = {a.id: a for a in found_actors}
    quotes = [_resolve_speaker(q, ids, by_id) for a in articles for q in findings[a.id].quotes]
    items: list[TimelineItem] = []
    for a in articles:
        items += timeline.resolve(a.id, findings[a.id].times, published=published[a.id][0],
                                  sents=_by_number(flat_sents[a.id]))
    items = [_actor_ids(i, ids) for i in timeline.merge(items)]
    open_questions = questions.merge([q for a in articles for q in findings[a.id].questions], actors=found_actors)
    refs = [_ref(a, findings[a.id], published[a.id]) for a in articles]
    sources = [findings[a.id].source for a in articles]
    story = Story(id=story_id, title=meta.get("title") or _title(refs), summary=None,
                  key_points=key_points(sources, {r.id: r for r in refs}), articles=refs,
                  description=meta.get("description"))
    disagreements = conflicts.date_conflicts(items, {a.id: a.name for a in found_actors}) + conflicts.number_conflicts(
        (a.id, findings[a.id].figures, _by_number(flat_sents[a.id])) for a in articles)
    return StoryContent(story=story, sources=sources, actors=found_actors, quotes=quotes, timeline=items,
                        questions=open_questions, conflicts=disagreements)


def _by_number(sents):
    out = {s.n: s for s in sents}
    return [out.get(i) for i in range(max(out) + 1)] if out else []


def _published(articles: list[Article], findings: dict[str, Findings],
               report: list[str]) -> dict[str, tuple[Optional[date], Optional[str]]]:
    own = {a.id: infer_published(a, findings[a.id].times) for a in articles}
    known = [d for d, _ in own.values() if d]
    out = {}
    for a in articles:
        day, how = own[a.id]
        if day is None and known:
            # Articles of one story are written about the same events: the latest known date is the best bound.
            day, how = max(known), "from the story's other articles"
        if day is None:
            report.append(f"{a.path}: no publication date found: add `published: YYYY-MM-DD` to its front matter; "
                          "relative dates in it stay unresolved")
        elif how:
            report.append(f"{a.path}: publication date {day.isoformat()} inferred {how}")
        out[a.id] = (day, how)
    return out


def _resolve_speaker(q: Quote, ids: dict[str, str], by_id: dict[str, Actor]) -> Quote:
    if not q.speaker_name:
        return q
    actor_id = ids.get(norm_name(q.speaker_name))
    if actor_id is None:
        return q
    if by_id[actor_id].type == "place":
        # A place does not speak, an organisation named after it does: "Harlow says" is Harlow Group.
        actor_id = _organisation_named(q.speaker_name, by_id) or actor_id
    return replace(q, speaker=actor_id, speaker_name=by_id[actor_id].name)


def _organisation_named(name: str, by_id: dict[str, Actor]) -> Optional[str]:
    words = norm_name(name).split()
    found = [a.id for a in by_id.values() if a.type == "organization" and norm_name(a.name).split()[:len(words)] == words]
    return found[0] if len(found) == 1 else None


def _actor_ids(item: TimelineItem, ids: dict[str, str]) -> TimelineItem:
    return replace(item, actors=sorted({ids[norm_name(n)] for n in item.actors if norm_name(n) in ids}))


def _ref(a: Article, f: Findings, published: tuple[Optional[date], Optional[str]]) -> ArticleRef:
    day, how = published
    return ArticleRef(id=a.id, title=a.title, source=a.source, byline=a.byline,
                      published=day.isoformat() if day else None, url=a.url, kind=f.kind,
                      published_inferred_from=how, kind_inferred_from=f.kind_cue)


def _title(refs: list[ArticleRef]) -> str:
    """A news article's headline names the story better than an opinion piece's argument."""
    titled = [a for a in refs if a.title]
    news = [a for a in titled if a.kind in (None, "news")]
    return (news or titled)[0].title if titled else refs[0].id.replace("-", " ").capitalize()
