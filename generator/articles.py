"""Reading ``seeds/``: article files to :class:`~generator.records.Article` records, the pipeline's first stage.

An article is UTF-8 text with optional YAML front matter, then Markdown (``.md``, or a ``.txt`` that uses Markdown
headings or bold lines) or plain text. Reading cuts the body into layout blocks (title, byline, headings,
paragraphs, list items, captions, pull quotes, notes, link lists), strips inline markup and joins the block texts
with blank lines into ``Article.body``, the text every later stage takes its offsets from.

Offsets: ``Article.source_map`` points into the file's text as :func:`read_text` returns it: decoded from UTF-8,
a byte-order mark removed and every CRLF or lone CR turned into LF. They count characters, not bytes, and line
numbers are the file's own. Reading only ever *drops* characters (markup, indentation, list markers), never
rewrites one, so every body character outside the separators between blocks is a character of that text.

Block kinds, the first rule that fits:
- a Markdown ``#`` heading is the ``title`` (the first one) or a ``heading``, as are ``##``..``######`` and setext;
- a list item is ``links`` if it is only a URL (a run of them makes one block), else an ``item``; a ``>`` block
  quote is a ``pullquote`` if its first words occur again in the article, else a ``paragraph``;
- among the first blocks, a one-line "By Name", "By: Name | Org" or "By NAME, Org" is the ``byline``;
- in Markdown, a paragraph wholly in ``**bold**`` is a ``pullquote``, wholly in ``*italics*`` a ``caption``;
  a line “Quote” – Name is a ``pullquote``; "Desk note:", "Correction:" and the like open a ``note``; a
  paragraph of nothing but URLs is ``links``;
- in plain text, the first line (after any byline) is the ``title`` when short and without a full stop;
- a short capitalised line without closing punctuation, or page furniture ("Photo", "1 / 5"), is a ``heading``;
- anything else is a ``paragraph``. Plain-text paragraphs are separated by blank lines, or are single lines when
  every line of a run stands alone (ends a sentence, or is a heading or an item); hard-wrapped lines make one
  block, their newlines kept.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from pathlib import Path
from typing import Callable, NamedTuple, NoReturn, Optional, get_args

import yaml

from generator.errors import InputError
from generator.records import PROSE_BLOCKS, Article, ArticleKind, Block

MAX_BYTES = 5 * 2**20  # far above any article: a bigger file is an export or a binary dropped in by mistake
# spaCy refuses a text over its max_length (1,000,000 characters by default) mid-run; a long read is 100,000.
MAX_CHARS = 1_000_000
MAX_FRONT_MATTER = 20_000  # characters: six keys take a few hundred
ARTICLE_SUFFIXES = (".md", ".txt")
FRONT_MATTER_KEYS = ("title", "source", "byline", "published", "url", "kind")
ARTICLE_KINDS: tuple[str, ...] = get_args(ArticleKind)
BLOCK_SEPARATOR = "\n\n"
MISSING = {
    "title": "no title: add `title:` to the front matter",
    "byline": "no byline: add `byline:` to the front matter",
    "source": "no source: add `source:` to the front matter",
    "published": "no publication date: add `published: YYYY-MM-DD`",
}

# Openers of an editor's aside: newsroom conventions for text about the article rather than of it.
NOTE_CUES = ("desk note", "editor's note", "editor’s note", "editors' note", "correction", "clarification", "note")
# Page furniture that survives an HTML-to-text conversion (image placeholders, gallery counters, teasers):
# layout, not prose, so it is kept out of the sentences extraction reads.
LAYOUT_LINE = re.compile(r"(?i)(photo|image|video|advertisement|read more|continue reading|\d+\s*/\s*\d+)")
# Lowercase words allowed inside a byline's names ("Ludwig van Beethoven", "Jane Doe and John Roe") and inside
# the organisation after its comma ("The Times of India", "Agence France-Presse & Reuters").
NAME_PARTICLES = frozenset("and de del der da di van von la le al bin".split())
ORG_PARTICLES = frozenset("of the for and & de".split())
# A bare line ending in one of these was cut by hard wrapping mid-phrase; it is not a heading.
FUNCTION_WORDS = frozenset("a an and as at but by for from in into of on or that the to with".split())
TITLE_MAX = 150  # a longer first line of plain text is the lede, not a title
HEADING_MAX, HEADING_MAX_WORDS = 80, 12  # a longer bare line is a paragraph without its full stop
BYLINE_WINDOW = 5  # bylines sit among the first blocks; "By ..." further down is prose
PULL_QUOTE_WORDS = 6  # a block quote repeating this many words in a row from elsewhere is a pull quote

FRONT_MATTER_OPEN = re.compile(r"(?:[ \t]*\n)*(?P<rule>---)[ \t]*(?:\n|$)")
FRONT_MATTER_CLOSE = re.compile(r"^---[ \t]*$", re.M)
KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)
ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
MARKDOWN_CUE = re.compile(r"^(?:#{1,2} \S|\*\*[^*\n]+\*\*[ \t]*$)", re.M)

LINE = re.compile(r"^.*$", re.M)  # without its newline
ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")
QUOTE = re.compile(r" {0,3}>")
PREFIX = {  # what is dropped at the start of each line of a block, by what the block is
    "heading": re.compile(r"[ \t]*(?:#{1,6}(?:[ \t]+|$))?"),
    "item": ITEM,
    "quote": re.compile(r"[ \t]*>?[ \t]*"),
    "para": re.compile(r"[ \t]*"),
}
TRAILING = {"heading": re.compile(r"(?:[ \t]+#+)?[ \t]*$"), "other": re.compile(r"[ \t]*$")}

# Inline Markdown, applied in this order; DROP marks a removed character, KEEP a literal that later patterns must
# not read as markup (code, escapes, URLs). NUL can stand for DROP because files with NUL bytes are refused.
DROP, KEEP = "\x00", "\x01"
BACKTICKS = re.compile(r"`+")


class _Span(NamedTuple):
    """The part of ``re.Match`` that ``_strip_inline`` uses: group 0 and group 2 (the code)."""

    spans: tuple[tuple[int, int], ...]

    def span(self, group: int = 0) -> tuple[int, int]:
        return self.spans[group]

    def start(self, group: int = 0) -> int:
        return self.spans[group][0]

    def end(self, group: int = 0) -> int:
        return self.spans[group][1]


class _CodeSpans:
    """Code spans as CommonMark finds them: a backtick run closed by the next run of the same length.

    Not a regex: ``(`+)(.+?)\\1`` backtracks cubically on a line of backticks, and even anchored to whole runs it
    rescans to the end for each unclosed run. Here each run finds its closer through one backward pass.
    """

    @staticmethod
    def finditer(text: str):
        runs = [m.span() for m in BACKTICKS.finditer(text)]
        closer: list[Optional[int]] = [None] * len(runs)
        last: dict[int, int] = {}
        for i in range(len(runs) - 1, -1, -1):
            length = runs[i][1] - runs[i][0]
            closer[i], last[length] = last.get(length), i
        i = 0
        while i < len(runs):
            j = closer[i]
            if j is None:  # an unclosed run is literal backticks
                i += 1
                continue
            yield _Span(((runs[i][0], runs[j][1]), runs[i], (runs[i][1], runs[j][0])))
            i = j + 1


CODE = _CodeSpans()
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Every repeated part stops at the next bracket or quote, so a long run of "![](" or '[a](x "' stays linear.
IMAGE = re.compile(r"!\[[^\][]*\]\((?:[^()]|\([^()]*\))*\)")
LINK = re.compile(r"\[([^\][]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
URL = re.compile(r"https?://[^\s<>\"\x00\x01]*[^\s<>\"\x00\x01.,;:!?)\]*_'’”]")
# Harmless inline tags from converted web pages; any other <...> (a <script>, a <div>) stays as literal text so
# that no words vanish silently. Escaping it is the renderer's job.
HTML_TAG = re.compile(r"</?(?:a|abbr|b|br|cite|del|em|i|ins|mark|p|q|s|small|span|strong|sub|sup|u)\b[^<>]*>", re.I)


def _emphasis(delim: str) -> re.Pattern[str]:
    d, c = re.escape(delim), re.escape(delim[0])
    # CommonMark's flanking rules, simplified: an opener is not inside a word (snake_case and 5*3 stay) and is
    # followed by text; a closer follows text, or spaces when it ends the line (converted captions: "_Credit X _").
    # The emphasised text never holds its delimiter except inside a word, so a failed opener stops at the next
    # delimiter instead of scanning the rest of the block: that keeps a paragraph of stray asterisks linear.
    inner = rf"(?:[^{c}]|(?<=\w){c}(?=\w))" if len(delim) == 1 else rf"(?:(?!{d}).)"
    return re.compile(
        rf"(?<![\w{c}]){d}(?=[^\s{c}])({inner}+?)(?:(?<=[^\s{c}])|[ \t]+(?={d}[ \t]*(?:\n|$))){d}(?![\w{c}])", re.S)


EMPHASIS = tuple(_emphasis(d) for d in ("**", "__", "*", "_"))
WHOLLY_BOLD = re.compile(r"(\*\*|__)(?!\s)((?:(?!\1).)+)\1", re.S)
WHOLLY_ITALIC = re.compile(r"([*_])(?![*_\s])((?:(?!\1).)+)\1", re.S)
QUOTE_DASH_NAME = re.compile(r"[“\"].+[”\"][ \t]*[–—-]{1,2}[ \t]*[A-Z][\w.'’ -]{1,60}")
NOTE = re.compile(r"(?i)(?:%s)[ \t]*:" % "|".join(map(re.escape, NOTE_CUES)))
BYLINE = re.compile(r"(?:By|BY):?[ \t]+(?P<name>[^|,]+?)[ \t]*(?:(?P<sep>[|,])[ \t]*(?P<org>.+?))?[ \t]*")
COMPLETE = re.compile(r"[.!?:;…][\"”’')\]]*$")
WORD = re.compile(r"\w+")


class _Raw(NamedTuple):
    """A block as cut from the lines, before markup is stripped: ``hint`` says which line prefixes to drop."""

    hint: str  # heading | item | quote | para
    lines: list[tuple[int, int]]  # (start, end) of each line in the text, newline excluded
    level: int = 0


class _Piece(NamedTuple):
    kind: str
    line: int
    ranges: list[tuple[int, int]]  # the text offsets whose characters, in order, spell the block's text
    text: str


# --- bytes to text, front matter ---------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The file's text as offsets count it: UTF-8, no byte-order mark, LF line endings. Refuses big or binary files."""
    try:
        size = Path(path).stat().st_size
        data = Path(path).read_bytes() if size <= MAX_BYTES else b""
    except OSError as err:
        raise InputError(path, f"cannot read the file: {err.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(path, f"file is {size / 2**20:.1f} MB, over the {MAX_BYTES // 2**20} MB limit for an "
                         "article", hint="keep only the article's text in seeds/")
    bad = data.find(b"\0")
    try:
        if bad >= 0:  # valid UTF-8 but never text: a binary, or UTF-16 saved by a Windows editor
            raise UnicodeDecodeError("utf-8", data, bad, bad + 1, "NUL byte")
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = len(re.findall(rb"\r\n?|\n", data[:err.start])) + 1
        binary = err.reason == "NUL byte"
        raise InputError(path, f"not UTF-8 at byte {err.start} (line {line}): save the file as UTF-8", line=line,
                         hint="this looks like a binary file (an image, a PDF, a Word file): remove it from seeds/"
                         if binary else "re-save it as UTF-8 text (your editor's 'Save with encoding' → UTF-8)") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# libyaml's parser when PyYAML has it: a 1,000-article story's front matter took seconds with the pure-Python one.
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BASE = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _load_yaml(path: Path, source: str, first_line: int, what: str) -> object:
    try:
        return yaml.load(source, Loader=_SAFE)
    except (yaml.YAMLError, ValueError) as err:  # ValueError: a date yaml recognises but cannot build (02-30)
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise InputError(path, f"{what} is not valid YAML: {problem}", line=first_line + (mark.line if mark else 0),
                         hint="write one `key: value` per line; quote values that contain ': ' or '#'") from None


def _key_lines(source: str, first_line: int) -> dict[str, int]:
    return {m[1]: first_line + source.count("\n", 0, m.start()) for m in KEY_LINE.finditer(source)}


def _iso_date(value: object) -> Optional[str]:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and (m := ISO_DATE.fullmatch(value.strip())):
        try:
            return dt.date.fromisoformat(m[1]).isoformat()
        except ValueError:
            return None
    return None


def _check_value(path: Path, key: str, value: object, line: int) -> str:
    def fail(expected: str, hint: str) -> NoReturn:
        shown = repr(value) if isinstance(value, str) else f"{value} ({type(value).__name__})"
        raise InputError(path, f"{key}: expected {expected}, got {shown}", line=line, hint=hint)

    if key == "published":
        return _iso_date(value) or fail("an ISO date like 2026-06-08", "write it as `published: YYYY-MM-DD`")
    if not isinstance(value, str):
        fail("text", f'put the value in quotes: {key}: "{value}"')
    if key == "kind" and value.strip().lower() not in ARTICLE_KINDS:
        fail("one of " + ", ".join(ARTICLE_KINDS), "leave `kind` out to have it inferred")
    if key == "url" and not re.fullmatch(r"https?://\S+", value.strip()):
        fail("a web address starting with https://", "give the article's address, or leave `url` out")
    return value.strip().lower() if key == "kind" else value.strip()


def _front_matter(path: Path, text: str) -> tuple[dict[str, str], list[str], int]:
    """The validated front matter, notes about it, and the offset where the body starts."""
    opening = FRONT_MATTER_OPEN.match(text)
    if not opening:
        return {}, [], 0
    open_line = text.count("\n", 0, opening.start("rule")) + 1
    closing = FRONT_MATTER_CLOSE.search(text, opening.end())
    if not closing:
        raise InputError(path, "front matter is not closed", line=open_line,
                         hint="end it with a line `---` after the last key")
    source = text[opening.end():closing.start()]
    if len(source) > MAX_FRONT_MATTER:  # PyYAML reads ~20,000 lines a second: a long one would stall the run
        raise InputError(path, f"front matter is {len(source):,} characters long, over {MAX_FRONT_MATTER:,}",
                         line=open_line, hint="keep only the keys " + ", ".join(FRONT_MATTER_KEYS) +
                         "; check that the `---` closing it is where you meant")
    data = _load_yaml(path, source, open_line + 1, "front matter")
    if data is None:
        return {}, [], min(closing.end() + 1, len(text))
    if not isinstance(data, dict):
        raise InputError(path, f"front matter must be `key: value` lines, got {type(data).__name__}",
                         line=open_line, hint="allowed keys: " + ", ".join(FRONT_MATTER_KEYS))
    lines = _key_lines(source, open_line + 1)
    # `title: no`, `byline: 1984` and `source: 2026-06-08` mean the words as written, not YAML 1.1's boolean,
    # number or date: those keys take the scalar's own text (BaseLoader resolves nothing).
    raw = yaml.load(source, Loader=_BASE)
    meta, notes = {}, []
    for key, value in data.items():
        if key not in FRONT_MATTER_KEYS:
            notes.append(f"unknown front matter key {key!r} ignored")
        elif value is not None and value != "":
            if isinstance(value, (bool, int, float, dt.date)) and isinstance(raw.get(key), str):
                value = raw[key]
            meta[key] = _check_value(path, key, value, lines.get(key, open_line))
    return meta, notes, min(closing.end() + 1, len(text))


# --- lines to blocks ---------------------------------------------------------------------------------------------

def _markdown_blocks(text: str, lines: list[tuple[int, int]]) -> list[_Raw]:
    """Cut Markdown lines into blocks: ATX and setext headings, list items, block quotes, paragraphs."""
    blocks: list[_Raw] = []
    current: Optional[_Raw] = None
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            current = None
        elif current and current.hint == "para" and len(current.lines) == 1 and SETEXT.match(line):
            blocks[-1] = current._replace(hint="heading", level=1 if "=" in line else 2)
            current = None
        elif RULE.match(line):  # a thematic break is layout with no text
            current = None
        elif heading := ATX.match(line):
            blocks.append(_Raw("heading", [(start, end)], len(heading[1])))
            current = None
        elif ITEM.match(line) or (QUOTE.match(line) and not (current and current.hint == "quote")):
            current = _Raw("item" if ITEM.match(line) else "quote", [(start, end)])
            blocks.append(current)
        elif current:  # a continuation line, lazy or indented
            current.lines.append((start, end))
        else:
            current = _Raw("para", [(start, end)])
            blocks.append(current)
    return blocks


def _heading_like(line: str) -> bool:
    """A bare line that names a section: short, capitalised, without closing punctuation or a dangling word."""
    if LAYOUT_LINE.fullmatch(line):
        return True
    words = line.split()
    return (0 < len(words) <= HEADING_MAX_WORDS and len(line) < HEADING_MAX and (line[0].isupper() or line[0].isdigit())
            and line[-1] not in ".!?:;,\"”'’…" and words[-1].lower() not in FUNCTION_WORDS)


def _plain_blocks(text: str, lines: list[tuple[int, int]]) -> list[_Raw]:
    """Cut plain text into blocks: paragraphs between blank lines, or one per line when every line stands alone."""
    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in lines:
        if text[start:end].strip():
            groups[-1].append((start, end))
        elif groups[-1]:
            groups.append([])
    blocks = []
    for group in filter(None, groups):
        strs = [text[s:e].strip() for s, e in group]
        width = max(map(len, strs))
        items = [bool(ITEM.match(text, s, e)) for s, e in group]

        def stands_alone(i: int) -> bool:
            # a heading inside a run of lines is much shorter than the run's lines, which hard wrapping fills
            return (i == len(strs) - 1 or bool(COMPLETE.search(strs[i])) or items[i]
                    or (_heading_like(strs[i]) and len(strs[i]) <= 0.6 * width and not strs[i + 1][0].islower()))

        if all(map(stands_alone, range(len(strs)))):
            blocks += [_Raw("item" if item else "para", [line]) for item, line in zip(items, group)]
        else:  # hard-wrapped: the lines make one paragraph
            blocks.append(_Raw("para", group))
    return blocks


# --- blocks to text ----------------------------------------------------------------------------------------------

def _fill(view: list[str], start: int, end: int, mark: str) -> None:
    view[start:end] = [mark] * (end - start)


def _strip_inline(view: list[str], raw: str) -> list[str]:
    """Drop inline Markdown from ``view`` (``raw``'s characters) in place; return the link targets met."""
    links: list[str] = []
    sweeps = [(CODE, 2, True, 0), (ESCAPE, 1, True, 0), (IMAGE, None, False, 0), (LINK, 1, False, 2),
              (AUTOLINK, 1, True, 1), (URL, 0, True, 0), (HTML_TAG, None, False, 0)]
    sweeps += [(pattern, 1, False, 0) for pattern in EMPHASIS]
    joined = "".join(view)
    for pattern, keep, literal, target in sweeps:
        found = list(pattern.finditer(joined))
        if not found:  # most sweeps find nothing in a paragraph: the view is joined again only after a change
            continue
        for m in found:
            kept = m.span(keep) if keep is not None else (m.end(), m.end())
            _fill(view, m.start(), kept[0], DROP)
            _fill(view, kept[1], m.end(), DROP)
            if literal:
                _fill(view, *kept, KEEP)
            if target:
                links.append(raw[m.start(target):m.end(target)])
        joined = "".join(view)
    return links


def _cut(ranges: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The characters ``lo:hi`` of the text that ``ranges`` spell, as ranges."""
    out, pos = [], 0
    for a, b in ranges:
        x, y = max(a, a + lo - pos), min(b, a + hi - pos)
        if x < y:
            out.append((x, y))
        pos += b - a
    return out


def _spell(text: str, ranges: list[tuple[int, int]]) -> str:
    return "".join(text[a:b] for a, b in ranges)


def _strip(text: str, raw: _Raw, markdown: bool) -> tuple[list[tuple[int, int]], str, list[str]]:
    """A block's kept ranges, its text before inline markup was dropped, and its link targets."""
    base = raw.lines[0][0]
    view = list(text[base:raw.lines[-1][1]])
    for i, (start, end) in enumerate(raw.lines):
        prefix = PREFIX[raw.hint if i == 0 or raw.hint == "quote" else "para"]
        trailing = TRAILING["heading" if raw.hint == "heading" else "other"]
        _fill(view, start - base, start - base + prefix.match(text, start, end).end() - start, DROP)
        _fill(view, trailing.search(text, start, end).start() - base, end - base, DROP)
    before = "".join(view).replace(DROP, "").strip()
    links = _strip_inline(view, text[base:raw.lines[-1][1]]) if markdown else []
    ranges = [(base + m.start(), base + m.end()) for m in re.finditer(r"[^\x00]+", "".join(view))]
    spelled = _spell(text, ranges)
    return _cut(ranges, len(spelled) - len(spelled.lstrip()), len(spelled.rstrip())), before, links


def _byline(line: str) -> Optional[tuple[str, Optional[str]]]:
    """(name, organisation) of a "By: TA | AP Insight" or "By JANE DOE, Associated Press" line."""
    m = BYLINE.fullmatch(line) if len(line) <= 120 and line[-1] not in ".!?" else None
    if not m:
        return None
    names, org = m["name"].split(), m["org"]
    capitalised = lambda word, particles: word[0].isupper() or word[0].isdigit() or word.lower() in particles
    if len(names) > 6 or not all(capitalised(w, NAME_PARTICLES) for w in names):
        return None
    if org and m["sep"] == "," and not all(capitalised(w, ORG_PARTICLES) for w in org.split()):
        return None  # "By Monday, officials had..." is prose
    return m["name"], org


def _only_urls(text: str) -> bool:
    return bool(text) and all(URL.fullmatch(word) for word in text.split())


def _kind(raw: _Raw, text: str, before: str, markdown: bool, index: int, seen: set[str]) -> str:
    """What a block is, from its markup, its shape, its position and the kinds ``seen`` before it."""
    one_line = "\n" not in text
    if raw.hint == "heading":
        return "title" if raw.level == 1 and "title" not in seen else "heading"
    if raw.hint == "quote":
        return "blockquote"  # decided once the whole article is read: a pull quote repeats the text
    if raw.hint == "item":
        return "links" if _only_urls(text) else "item"
    if one_line and index < BYLINE_WINDOW and "byline" not in seen and _byline(text):
        return "byline"
    if markdown and WHOLLY_BOLD.fullmatch(before):
        return "pullquote"
    if markdown and WHOLLY_ITALIC.fullmatch(before):
        return "caption"
    if one_line and QUOTE_DASH_NAME.fullmatch(text):
        return "pullquote"
    if NOTE.match(text):
        return "note"
    if _only_urls(text):
        return "links"
    if (not markdown and one_line and seen <= {"byline"} and len(text) < TITLE_MAX
            and not text.endswith(".")):
        return "title"
    return "heading" if one_line and _heading_like(text) else "paragraph"


def _settle_block_quotes(pieces: list[_Piece]) -> None:
    """A block quote whose opening words occur again in the article repeats it: a pull quote; else it is prose."""
    opening = {i: tuple(WORD.findall(p.text.lower())[:PULL_QUOTE_WORDS]) for i, p in enumerate(pieces)
               if p.kind == "blockquote"}
    wanted = {words for words in opening.values() if len(words) == PULL_QUOTE_WORDS}
    words = WORD.findall(" ".join(p.text for p in pieces).lower()) if wanted else []
    counts = Counter(run for run in zip(*(words[i:] for i in range(PULL_QUOTE_WORDS))) if run in wanted)
    for i, words in opening.items():
        pieces[i] = pieces[i]._replace(kind="pullquote" if counts[words] > 1 else "paragraph")


def _pieces(text: str, raws: list[_Raw], markdown: bool) -> tuple[list[_Piece], list[str]]:
    """Strip and classify blocks; merge runs of link blocks into one; collect every URL met."""
    pieces: list[_Piece] = []
    links: list[str] = []
    seen: set[str] = set()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for raw in raws:
        ranges, before, targets = _strip(text, raw, markdown)
        links += targets
        if not ranges:  # an image, a lone <br>: nothing left to read
            continue
        block_text = _spell(text, ranges)
        kind = _kind(raw, block_text, before, markdown, len(pieces), seen)
        seen.add(kind)
        line = bisect.bisect_right(line_starts, ranges[0][0])
        if kind == "links" and pieces and pieces[-1].kind == "links":
            previous = pieces.pop()  # a list of URLs is one links block, newlines kept between them
            newline = text.index("\n", previous.ranges[-1][1])
            ranges = previous.ranges + [(newline, newline + 1)] + ranges
            line, block_text = previous.line, _spell(text, ranges)
        pieces.append(_Piece(kind, line, ranges, block_text))
    _settle_block_quotes(pieces)
    for piece in pieces:
        links += URL.findall(piece.text)
    return pieces, list(dict.fromkeys(links))


def _metadata(meta: dict[str, str], blocks: tuple[Block, ...]) -> list[str]:
    """Fill what front matter left out from the title and byline blocks, in place; say what was inferred or missing."""
    found: dict[str, tuple[str, int]] = {}
    for block in blocks:
        if block.kind == "title" and "title" not in found:
            found["title"] = (block.text, block.line)
        if block.kind == "byline" and "byline" not in found:
            name, org = _byline(block.text) or (block.text, None)
            found["byline"] = (name, block.line)
            if org:
                found["source"] = (org, block.line)
    notes = []
    for key in ("title", "byline", "source", "published"):
        if key in meta:
            continue
        if key in found:
            meta[key], line = found[key]
            notes.append(f"{key} inferred from line {line}")
        else:
            notes.append(MISSING[key])
    return notes


# --- public ------------------------------------------------------------------------------------------------------

def read_article(path: Path) -> Article:
    """Read one article file; raise :class:`InputError` naming file and line when it cannot be read."""
    text = read_text(path)
    if len(text) > MAX_CHARS:
        raise InputError(path, f"article is {len(text):,} characters, over the {MAX_CHARS:,} the parser takes",
                         hint="keep only the article's text in seeds/, or split it into several articles")
    meta, notes, body_start = _front_matter(Path(path), text)
    markdown = Path(path).suffix.lower() == ".md" or bool(MARKDOWN_CUE.search(text, body_start))
    lines = [m.span() for m in LINE.finditer(text, body_start)]
    raws = _markdown_blocks(text, lines) if markdown else _plain_blocks(text, lines)
    pieces, links = _pieces(text, raws, markdown)
    if not any(piece.kind in PROSE_BLOCKS for piece in pieces):
        raise InputError(path, "empty article: no prose after the front matter, title and headings",
                         hint="add the article's text, or remove the file")
    blocks, source_map, pos = [], [], 0
    for piece in pieces:
        start = pos
        for a, b in piece.ranges:
            source_map.append((pos, a))
            pos += b - a
        blocks.append(Block(piece.kind, start, pos, piece.text, piece.line))  # type: ignore[arg-type]
        pos += len(BLOCK_SEPARATOR)
    notes += _metadata(meta, tuple(blocks))
    return Article(
        id=Path(path).stem, path=str(path), title=meta.get("title"), source=meta.get("source"),
        byline=meta.get("byline"), published=meta.get("published"), url=meta.get("url"),
        kind=meta.get("kind"),  # type: ignore[arg-type]
        body=BLOCK_SEPARATOR.join(block.text for block in blocks), blocks=tuple(blocks), links=tuple(links),
        source_map=tuple(source_map), notes=tuple(notes))


def source_offset(article: Article, body_offset: int) -> int:
    """The offset in :func:`read_text`'s text of ``article.body[body_offset]`` (``len(body)`` maps past the end)."""
    if not 0 <= body_offset <= len(article.body):
        raise IndexError(f"offset {body_offset} outside the body of {article.id} ({len(article.body)} characters)")
    body_start, file_start = article.source_map[bisect.bisect_right(article.source_map, (body_offset, math.inf)) - 1]
    return file_start + body_offset - body_start


def read_story(folder: Path, reader: Optional[Callable[[Path], Article]] = None) -> list[Article]:
    """Every ``.md``/``.txt`` article in a story folder, sorted by id; hidden files and ``story.yaml`` are skipped.

    ``reader`` reads one file (:func:`read_article` unless a caller remembers articles it read before)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "story folder not found")
    by_id: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES:
            if path.stem in by_id:
                raise InputError(folder, f"two articles with id {path.stem!r}: {by_id[path.stem].name} and {path.name}",
                                 hint="an article's id is its file name: rename or remove one of them")
            by_id[path.stem] = path
    if not by_id:
        raise InputError(folder, "no articles in this story folder", hint="add .md or .txt files, or remove the folder")
    return [(reader or read_article)(by_id[key]) for key in sorted(by_id)]


def read_seeds(seeds: Path, reader: Optional[Callable[[Path], Article]] = None) -> dict[str, list[Article]]:
    """Story id (its folder's name) to articles, for every visible folder in ``seeds``, in name order."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise InputError(seeds, "seeds folder not found", hint="pass --seeds with the folder of story folders")
    return {d.name: read_story(d, reader) for d in sorted(seeds.iterdir())
            if d.is_dir() and not d.name.startswith(".")}


# What a story folder's story.yaml may set: the story's title and the lede under it, where the articles' own would
# not do (a story's name is rarely any one article's headline).
STORY_META_KEYS = ("title", "description")


def read_story_meta(folder: Path, *, report: list[str] | None = None) -> dict[str, str]:
    """The story folder's optional ``story.yaml`` (:data:`STORY_META_KEYS`): text values only; ``{}`` if absent.
    A key it does not know (a typo: ``titel``) is left out and said in ``report``, as front matter's are."""
    path = Path(folder) / "story.yaml"
    if not path.is_file():
        return {}
    source = read_text(path)
    data = _load_yaml(path, source, 1, "story.yaml")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, f"story.yaml must be `key: value` lines, got {type(data).__name__}", line=1,
                         hint="write e.g. `title: Council passes budget` and `description: ...`")
    lines = _key_lines(source, 1)
    for key, value in data.items():
        if key not in STORY_META_KEYS:
            if report is not None:
                report.append(f"{path}:{lines.get(str(key), 1)}: unknown key {key!r} ignored "
                              f"(story.yaml sets {' and '.join(STORY_META_KEYS)})")
        elif not isinstance(value, str):
            raise InputError(path, f"{key}: expected text, got {value!r}", line=lines.get(str(key), 1),
                             hint=f'put the value in quotes: {key}: "..."')
    return {str(key): value.strip() for key, value in data.items() if key in STORY_META_KEYS}
