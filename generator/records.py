"""The records the generator reads and writes: one declaration, used everywhere.

Every extracted kind is a frozen dataclass whose fields are the YAML keys of ``CONTRACT.md``. The JSON Schema
exported beside the YAML, the validation of what is read back and the cache of per-article findings are all
derived from these classes (see ``generator.store.schema``); nothing else declares a field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

ArticleKind = Literal["news", "analysis", "opinion"]
ActorType = Literal["person", "organization", "place", "group"]
QuoteKind = Literal["direct", "indirect"]
ConflictKind = Literal["date", "number", "claim"]
Precision = Literal["year", "month", "day"]
BlockKind = Literal["title", "byline", "heading", "paragraph", "item", "caption", "pullquote", "note", "links"]

# Blocks whose sentences are the article's own prose: extraction reads these. Titles, bylines, headings and link
# lists are layout; a pull quote repeats a body quote, so it is read only to be matched with that quote.
PROSE_BLOCKS: frozenset[str] = frozenset({"paragraph", "item", "caption", "note"})


# --- reading ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One layout unit of an article's body: ``body[start:end] == text``."""

    kind: BlockKind
    start: int
    end: int
    text: str
    line: int  # 1-based line in the source file where the block starts


@dataclass(frozen=True)
class Article:
    """An article as read from ``seeds/<story>/<id>.(md|txt)``, markup stripped.

    ``body`` is the text that is parsed; ``source_map`` maps body offsets back to the file (see
    ``generator.articles.source_offset``). Metadata the file does not give is ``None``; ``notes`` says what was
    inferred and what is missing, for the run's report.
    """

    id: str
    path: str
    title: Optional[str]
    source: Optional[str]
    byline: Optional[str]
    published: Optional[str]  # ISO date YYYY-MM-DD
    url: Optional[str]
    kind: Optional[ArticleKind]
    body: str
    blocks: tuple[Block, ...]
    links: tuple[str, ...]
    # (body_start, file_start) pairs, sorted: body[b:] continues at file offset f until the next pair
    source_map: tuple[tuple[int, int], ...]
    notes: tuple[str, ...] = ()


# --- output -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """Where an item comes from: ``text`` is exactly ``article.body[start:end]``, sentence number ``sentence``."""

    article: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: Optional[str]
    source: Optional[str]
    byline: Optional[str]
    published: Optional[str]
    url: Optional[str]
    kind: Optional[ArticleKind]
    published_inferred_from: Optional[str] = None
    kind_inferred_from: Optional[str] = None


@dataclass(frozen=True)
class KeyPoint:
    """A sentence that carries the story, as written, and where it stands."""

    text: str
    evidence: list[Evidence]


@dataclass(frozen=True, kw_only=True)
class Story:
    id: str
    title: str
    summary: Optional[str] = None  # an editor's, shown as written instead of the key points; the machine writes none
    key_points: list[KeyPoint] = field(default_factory=list)
    articles: list[ArticleRef]
    description: Optional[str] = None


@dataclass(frozen=True)
class Update:
    """One run that changed a story's content (``updates.yaml``): when, in a line, and what it added."""

    id: str
    date: Optional[str]  # the newest publication date among the articles it adds or changes: never the clock
    summary: str
    articles: list[str]  # ids of the articles added, changed or removed
    actors: list[str] = field(default_factory=list)  # ids of the items that are new
    quotes: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    questions_closed: list[str] = field(default_factory=list)  # open questions the articles no longer raise


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: ActorType
    aliases: list[str]
    role: Optional[str]
    mentions: int
    articles: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    kind: QuoteKind
    speaker: Optional[str]
    speaker_name: Optional[str]
    article: str
    evidence: list[Evidence]
    cue: Optional[str] = None  # the attribution verb or phrase ("said", "according to")


@dataclass(frozen=True)
class TimelineItem:
    id: str
    date: str
    text: str
    event: str
    article: str
    evidence: list[Evidence]
    precision: Precision = "day"
    end: Optional[str] = None  # the last day of a range ("8–9 June 2026")
    scheduled: bool = False  # after the publication date, or told in the future tense
    actors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    cue: str
    article: str
    evidence: list[Evidence]
    articles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: ConflictKind
    summary: str
    evidence: list[Evidence]


# --- what one article yields before the story is assembled (cached per article) ----------------------------------

@dataclass(frozen=True)
class Sentence:
    n: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceBlock:
    kind: BlockKind
    line: int
    sentences: list[Sentence]


@dataclass(frozen=True)
class Source:
    """An article's text as sentences in layout blocks: what the source page renders, one anchor a sentence."""

    id: str
    title: Optional[str]
    blocks: list[SourceBlock]


@dataclass(frozen=True)
class Mention:
    """A name in one article: ``text`` cleaned of titles and possessives, ``role``/``title`` as found beside it."""

    text: str
    type: ActorType
    sentence: int
    start: int
    end: int
    role: Optional[str] = None
    title: Optional[str] = None
    speaker: bool = False  # subject of a speech verb: a person, whatever the NER label said


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression before it is resolved against the publication date."""

    text: str
    sentence: int
    start: int
    end: int
    tense: Optional[Literal["past", "present", "future"]]
    event: str
    actors: list[str] = field(default_factory=list)  # names (Mention.text) in the event's clause


@dataclass(frozen=True)
class Figure:
    """A number stated about a counted thing: "30 people were rescued" → value 30, thing "people", verb "rescue"."""

    value: float
    text: str
    thing: str
    verb: str
    sentence: int
    tense: Optional[Literal["past", "present", "future"]] = None


@dataclass(frozen=True)
class Findings:
    """Everything extracted from one article on its own; the story is assembled from these without spaCy."""

    article: str
    source: Source
    mentions: list[Mention]
    quotes: list[Quote]
    times: list[TimeMention]
    questions: list[Question]
    kind: Optional[ArticleKind] = None
    kind_cue: Optional[str] = None
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class StoryContent:
    """A story's content/ files, in memory."""

    story: Story
    sources: list[Source]
    actors: list[Actor]
    quotes: list[Quote]
    timeline: list[TimelineItem]
    questions: list[Question]
    conflicts: list[Conflict]
