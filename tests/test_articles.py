"""The reading stage: article files to blocks, body text, offsets back into the file, and metadata."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.articles import (MAX_BYTES, read_article, read_seeds, read_story, read_story_meta, read_text,
                                source_offset)
from generator.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "seeds" / "xi-north-korea-visit"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared corpus beside the checkout ({CORPUS})")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(folder: Path, content: str | bytes, name: str = "story.md"):
    return read_article(write(folder, name, content))


def kinds(article) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in article.blocks]


def of_kind(article, kind: str) -> list[str]:
    return [block.text for block in article.blocks if block.kind == kind]


def assert_offsets_honest(article) -> None:
    """Blocks are slices of the body, and every body character outside the separators is a character of the file."""
    text = read_text(Path(article.path))
    assert article.body == "\n\n".join(block.text for block in article.blocks)
    for block in article.blocks:
        assert article.body[block.start:block.end] == block.text
        assert block.text == block.text.strip() and block.text
        assert [text[source_offset(article, i)] for i in range(block.start, block.end)] == list(block.text)
        assert text.count("\n", 0, source_offset(article, block.start)) + 1 == block.line


# --- the two sample articles -----------------------------------------------------------------------------------

def test_wire_report_is_markdown_in_a_txt_file():
    article = read_article(SAMPLES / "wire-report.txt")
    assert article.id == "wire-report"
    assert article.title == "Xi travels to Pyongyang to cement North Korea in China's orbit"
    assert (article.byline, article.source) == ("TA", "AP Insight")
    assert article.blocks[0].kind == "byline" and article.blocks[0].text == "By: TA | AP Insight"
    assert article.blocks[1].kind == "title" and article.blocks[1].line == 8
    assert of_kind(article, "heading") == ["What Kim wants", "What Xi wants"]
    [pullquote] = of_kind(article, "pullquote")
    assert pullquote.startswith("From North Korea's perspective") and pullquote.endswith("- Park Won Gon")
    [caption] = of_kind(article, "caption")
    assert caption.startswith("In April, Wang Yi visited Pyongyang") and "*" not in caption
    assert "their first since Kim traveled to Beijing for a World War II event" in article.body
    assert "**" not in article.body
    assert "byline inferred from line 6" in article.notes and "source inferred from line 6" in article.notes
    assert "no publication date: add `published: YYYY-MM-DD`" in article.notes
    assert_offsets_honest(article)


def test_desk_editorial_is_plain_text_with_one_paragraph_per_line():
    article = read_article(SAMPLES / "desk-editorial.txt")
    assert article.title == "Xi's Pyongyang trip is a salvage operation, not a reassurance visit"
    assert article.blocks[0].kind == "title"
    assert of_kind(article, "heading") == ["What the choreography hides", "The Russia variable",
                                           "What Beijing actually wants", "The audience that actually matters",
                                           "Wire provenance"]
    [note] = of_kind(article, "note")
    assert note.startswith("Desk note: Monexus frames this")
    assert len(of_kind(article, "paragraph")) == 13  # one per line, none merged
    assert article.blocks[-2].text == "This editorial synthesis draws on the following public wire/social posts:"
    links = article.blocks[-1]
    assert links.kind == "links" and links.text.splitlines() == list(article.links)
    assert article.links[0] == "https://en.wikipedia.org/wiki/Xi_Jinping" and len(article.links) == 4
    assert article.byline is None and "no byline: add `byline:` to the front matter" in article.notes
    assert_offsets_honest(article)


def test_a_story_folder_reads_both_samples_sorted_by_id():
    assert [article.id for article in read_story(SAMPLES)] == ["desk-editorial", "wire-report"]


# --- real articles from the corpus -----------------------------------------------------------------------------

@needs_corpus
def test_bbc_captions_close_despite_the_space_before_the_underscore_and_bullets_are_items():
    article = read_article(CORPUS / "bbc-1.md")
    assert (article.title, article.source, article.published) == (
        "Obama admits US gun laws are his 'biggest frustration'", "BBC News", "2015-07-24")
    assert article.notes == ()
    assert "The president said he would continue fighting for greater gun control laws" in of_kind(article, "caption")
    items = of_kind(article, "item")
    assert len(items) == 6 and items[0] == "The UK must stay in the EU to have influence on the world stage"
    assert "Analysis: Jon Sopel, BBC News, Washington" in of_kind(article, "heading")


@needs_corpus
def test_nytimes_image_placeholders_are_layout_and_brackets_without_a_url_stay():
    article = read_article(CORPUS / "nytimes-3.md")
    assert article.blocks[1].kind == "heading" and article.blocks[1].text == "Image"
    assert of_kind(article, "caption")[0].startswith("A Con Edison worker repairing underground cables")
    assert "[What you need to know to start the day: Get New York Today in your inbox.]" in article.body
    assert "Rock salt on icy streets can cause mayhem below them" in of_kind(article, "heading")
    assert "no source: add `source:` to the front matter" in article.notes


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")) if CORPUS.is_dir() else [])
def test_every_corpus_article_reads_with_honest_offsets(name):
    article = read_article(CORPUS / name)
    assert article.title and any(block.kind == "paragraph" for block in article.blocks)
    assert_offsets_honest(article)


# --- inline markup ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("markdown, text", [
    ("He said **no** and __never__.", "He said no and never."),
    ("An *emphatic* and _quiet_ reply.", "An emphatic and quiet reply."),
    ("Keep snake_case_names, 5*3*2 and file_name_ here.", "Keep snake_case_names, 5*3*2 and file_name_ here."),
    ("Read [the report](https://example.org/report) today.", "Read the report today."),
    ("![a chart](chart.png)Prices rose.", "Prices rose."),
    ("Run `rm -rf *_old` with care.", "Run rm -rf *_old with care."),
    (r"Not \*emphasis\* and not \_this\_.", "Not *emphasis* and not _this_."),
    ("One line<br>and <b>bold</b> tags.", "One lineand bold tags."),
    ("Literal <script>alert('x')</script> stays.", "Literal <script>alert('x')</script> stays."),
    ("See <https://example.org/a_b_> now.", "See https://example.org/a_b_ now."),
    ("Her site https://example.org/_x_ stays whole.", "Her site https://example.org/_x_ stays whole."),
])
def test_inline_markup_is_stripped_but_literal_text_stays(tmp_path, markdown, text):
    article = read(tmp_path, markdown)
    assert of_kind(article, "paragraph") == [text]
    assert_offsets_honest(article)


def test_link_targets_and_bare_urls_are_collected_once(tmp_path):
    article = read(tmp_path, "See [this](https://a.org/x) and https://b.org/y, then [that](https://a.org/x).")
    assert article.links == ("https://a.org/x", "https://b.org/y")


# --- block kinds -----------------------------------------------------------------------------------------------

def test_markdown_blocks_by_kind(tmp_path):
    article = read(tmp_path, "\n".join([
        "By JANE DOE, Associated Press", "",
        "# The title", "", "Kim met Xi on Monday, officials said.", "",
        "## A section", "", "# A second level-one heading", "",
        "- A prose item that says something.", "* Another item.", "1. A numbered item.", "",
        "- https://example.org/a", "- https://example.org/b", "",
        "**A wholly bold paragraph is a pull quote**", "",
        "*A wholly italic paragraph is a caption*", "",
        "“We will not back down” – Kim Jong Un", "",
        "> Kim met Xi on Monday, officials said.", "",
        "> A block quote that repeats nothing is prose.", "",
        "Editor's note: This story was updated.", "",
        "Correction: An earlier version misspelt a name.", "",
        "https://example.org/only-a-url", "",
        "Advertisement", "", "1 / 5", "",
        "Setext heading", "--------------", "",
        "***", "",
        "A last paragraph.",
    ]))
    assert kinds(article) == [
        ("byline", "By JANE DOE, Associated Press"),
        ("title", "The title"),
        ("paragraph", "Kim met Xi on Monday, officials said."),
        ("heading", "A section"),
        ("heading", "A second level-one heading"),
        ("item", "A prose item that says something."),
        ("item", "Another item."),
        ("item", "A numbered item."),
        ("links", "https://example.org/a\nhttps://example.org/b"),
        ("pullquote", "A wholly bold paragraph is a pull quote"),
        ("caption", "A wholly italic paragraph is a caption"),
        ("pullquote", "“We will not back down” – Kim Jong Un"),
        ("pullquote", "Kim met Xi on Monday, officials said."),
        ("paragraph", "A block quote that repeats nothing is prose."),
        ("note", "Editor's note: This story was updated."),
        ("note", "Correction: An earlier version misspelt a name."),
        ("links", "https://example.org/only-a-url"),
        ("heading", "Advertisement"),
        ("heading", "1 / 5"),
        ("heading", "Setext heading"),
        ("paragraph", "A last paragraph."),
    ]
    assert (article.title, article.byline, article.source) == ("The title", "JANE DOE", "Associated Press")
    assert article.links == ("https://example.org/a", "https://example.org/b", "https://example.org/only-a-url")
    assert_offsets_honest(article)


@pytest.mark.parametrize("line, byline, source", [
    ("By Jane Doe", "Jane Doe", None),
    ("By: TA | AP Insight", "TA", "AP Insight"),
    ("By JANE DOE, Associated Press", "JANE DOE", "Associated Press"),
    ("By Ludwig van Beethoven | The Times of London", "Ludwig van Beethoven", "The Times of London"),
])
def test_byline_lines_give_byline_and_source(tmp_path, line, byline, source):
    article = read(tmp_path, f"{line}\n\nThe story itself.\n", name="a.txt")
    assert article.blocks[0].kind == "byline"
    assert (article.byline, article.source) == (byline, source)


@pytest.mark.parametrize("line", ["By Monday, officials had left the city", "By the end of the day"])
def test_by_at_the_start_of_prose_is_not_a_byline(tmp_path, line):
    article = read(tmp_path, f"Title line\n\n{line}\n\nMore text follows.\n", name="a.txt")
    assert "byline" not in [block.kind for block in article.blocks] and article.byline is None


def test_plain_text_hard_wrapped_lines_make_one_paragraph_and_keep_their_newlines(tmp_path):
    article = read(tmp_path, "A short title\n\nThe council met on Monday and voted\nto approve the budget, which the\n"
                             "mayor had opposed.\n\nA second paragraph.\n", name="a.txt")
    assert kinds(article) == [
        ("title", "A short title"),
        ("paragraph", "The council met on Monday and voted\nto approve the budget, which the\nmayor had opposed."),
        ("paragraph", "A second paragraph."),
    ]
    assert_offsets_honest(article)


def test_plain_text_first_line_with_a_full_stop_is_not_a_title(tmp_path):
    article = read(tmp_path, "The council met on Monday.\n\nIt voted.\n", name="a.txt")
    assert [block.kind for block in article.blocks] == ["paragraph", "paragraph"]
    assert article.title is None and "no title: add `title:` to the front matter" in article.notes


# --- front matter ----------------------------------------------------------------------------------------------

def test_front_matter_gives_metadata_and_wins_over_the_text(tmp_path):
    article = read(tmp_path, "\n\n---\ntitle: Given title\nbyline: Jane Doe\nsource: AP\npublished: 2026-06-08\n"
                             "url: https://example.org/a\nkind: Analysis\n---\nBy: TA | AP Insight\n\n# Body title\n\n"
                             "Text.\n")
    assert (article.title, article.byline, article.source, article.published, article.url, article.kind) == (
        "Given title", "Jane Doe", "AP", "2026-06-08", "https://example.org/a", "analysis")
    assert article.notes == ()
    assert [block.kind for block in article.blocks] == ["byline", "title", "paragraph"]
    assert article.blocks[0].line == 11


@pytest.mark.parametrize("published", ["2015-07-24", "'2015-07-24'", "2015-07-24T10:00:00Z", "2015-07-24 10:00:00",
                                       "'2015-07-24T10:00:00+02:00'"])
def test_published_keeps_the_date_part(tmp_path, published):
    assert read(tmp_path, f"---\npublished: {published}\n---\nText.\n").published == "2015-07-24"


def test_unknown_front_matter_keys_are_noted_not_refused(tmp_path):
    article = read(tmp_path, "---\ntitle: T\nfoo: bar\n---\nText.\n")
    assert "unknown front matter key 'foo' ignored" in article.notes


@pytest.mark.parametrize("front_matter, line, message", [
    ("title: T\npublished: not-a-date", 3, "published: expected an ISO date like 2026-06-08, got 'not-a-date'"),
    ("published: 2026-02-30", 2, "front matter is not valid YAML"),
    ("kind: rant", 2, "kind: expected one of news, analysis, opinion, got 'rant'"),
    ("title: T\n\nbyline: [Jane, John]", 4, "byline: expected text, got ['Jane', 'John'] (list)"),
    ("url: example.org", 2, "url: expected a web address"),
    ("title: [1984]", 2, "title: expected text, got [1984] (list)"),
    ("title: ok\nbyline: \"Jane\" Doe", 3, "front matter is not valid YAML"),
    ("- just\n- a list", 1, "front matter must be `key: value` lines, got list"),
])
def test_bad_front_matter_names_the_line_and_the_fix(tmp_path, front_matter, line, message):
    with pytest.raises(InputError) as caught:
        read(tmp_path, f"---\n{front_matter}\n---\nText.\n")
    assert caught.value.line == line and message in caught.value.message
    assert str(caught.value).startswith(f"{tmp_path / 'story.md'}:{line}: ")


def test_unclosed_front_matter_is_refused(tmp_path):
    with pytest.raises(InputError, match="front matter is not closed") as caught:
        read(tmp_path, "\n---\ntitle: T\n\nText.\n")
    assert caught.value.line == 2 and "`---`" in caught.value.hint


# --- bytes to text ---------------------------------------------------------------------------------------------

def test_bom_and_crlf_are_normalised_and_offsets_count_the_normalised_text(tmp_path):
    article = read(tmp_path, "\ufeff# Title\r\n\r\nFirst line\r\nwraps here.\rAnd a *third*.\r\n".encode(), "a.md")
    assert read_text(Path(article.path)) == "# Title\n\nFirst line\nwraps here.\nAnd a *third*.\n"
    assert kinds(article) == [("title", "Title"), ("paragraph", "First line\nwraps here.\nAnd a third.")]
    assert_offsets_honest(article)


def test_latin1_is_refused_with_byte_and_line(tmp_path):
    with pytest.raises(InputError) as caught:
        read(tmp_path, "Title\n\nCaf\u00e9 society.\n".encode("latin-1"))
    assert caught.value.message == "not UTF-8 at byte 10 (line 3): save the file as UTF-8"
    assert caught.value.line == 3


def test_binary_file_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"not UTF-8 at byte 4 \(line 1\)"):
        read(tmp_path, b"\x89PNG\x00\x00\x00\rIHDR")


def test_files_over_the_size_limit_are_refused(tmp_path):
    with pytest.raises(InputError, match="over the 5 MB limit"):
        read(tmp_path, b"a" * (MAX_BYTES + 1))


@pytest.mark.parametrize("content", ["", "\n\n", "---\ntitle: T\n---\n", "# Only a title\n\n## And a heading\n"])
def test_an_article_without_prose_is_refused(tmp_path, content):
    with pytest.raises(InputError, match="empty article"):
        read(tmp_path, content)


def test_a_missing_file_is_an_input_error_not_a_traceback(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        read_article(tmp_path / "missing.md")


def test_source_offset_rejects_offsets_outside_the_body(tmp_path):
    article = read(tmp_path, "Text.")
    assert source_offset(article, len(article.body)) == len("Text.")
    with pytest.raises(IndexError):
        source_offset(article, len(article.body) + 1)


# --- folders ---------------------------------------------------------------------------------------------------

def test_read_story_skips_story_yaml_and_hidden_files_and_sorts_by_id(tmp_path):
    for name in ("b.md", "a.txt", ".draft.md", "story.yaml", "notes.json"):
        write(tmp_path, name, "title: x\n" if name.endswith("yaml") else "Some prose.\n")
    assert [article.id for article in read_story(tmp_path)] == ["a", "b"]
    assert read_story(tmp_path)[0].path == str(tmp_path / "a.txt")


def test_two_files_with_one_id_are_refused(tmp_path):
    write(tmp_path, "a.md", "Prose.\n")
    write(tmp_path, "a.txt", "Prose.\n")
    with pytest.raises(InputError, match="two articles with id 'a': a.md and a.txt"):
        read_story(tmp_path)


def test_a_story_folder_without_articles_is_refused(tmp_path):
    write(tmp_path, "story.yaml", "title: Empty\n")
    with pytest.raises(InputError, match="no articles"):
        read_story(tmp_path)


def test_read_seeds_maps_visible_story_folders_in_order(tmp_path):
    write(tmp_path, "zeta/a.md", "Prose.\n")
    write(tmp_path, "alpha/b.txt", "Prose.\n")
    write(tmp_path, ".git/c.md", "Prose.\n")
    write(tmp_path, "README.md", "Not a story.\n")
    seeds = read_seeds(tmp_path)
    assert list(seeds) == ["alpha", "zeta"] and [a.id for a in seeds["zeta"]] == ["a"]
    with pytest.raises(InputError, match="seeds folder not found"):
        read_seeds(tmp_path / "missing")


def test_story_meta_is_optional_and_validated(tmp_path):
    assert read_story_meta(tmp_path) == {}
    write(tmp_path, "story.yaml", "title: Xi visits Pyongyang\ndescription: What the trip means.\n")
    assert read_story_meta(tmp_path) == {"title": "Xi visits Pyongyang", "description": "What the trip means."}
    write(tmp_path, "story.yaml", "title: T\ndescription:\n  - a list\n")
    with pytest.raises(InputError, match="description: expected text") as caught:
        read_story_meta(tmp_path)
    assert caught.value.line == 2
    write(tmp_path, "story.yaml", "title: [unclosed\n")
    with pytest.raises(InputError, match="story.yaml is not valid YAML"):
        read_story_meta(tmp_path)


def test_a_story_meta_key_it_does_not_know_is_left_out_and_said_with_its_line(tmp_path):
    write(tmp_path, "story.yaml", "title: Budget vote\ndescripton: What the council decided.\n")
    report: list[str] = []
    assert read_story_meta(tmp_path, report=report) == {"title": "Budget vote"}
    assert report == [f"{tmp_path / 'story.yaml'}:2: unknown key 'descripton' ignored (story.yaml sets title and "
                      "description)"]


# --- offsets, on generated Markdown ----------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "Kim", "word", "snake_case", "5*3", "**", "*", "_", "__", "`", "``", "[", "]", "(", ")", "](https://x.org/a_b)",
    "![", "\\", "\\*", "<br>", "<b>", "<script>", "</i>", "https://example.org/x_y", "“", "”", "\"", " – ",
    ".", ",", " ", " ", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "# ", "## ", "- ", "* ", "1. ", "> ", "---", "===",
    "***", "By: ", "Note: ", "Photo", "é", "😀", "\ufeff",
])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(fragments=st.lists(FRAGMENTS, max_size=80), suffix=st.sampled_from([".md", ".txt"]),
       front_matter=st.booleans(), bom=st.booleans(), crlf=st.booleans())
def test_every_body_character_maps_back_to_the_same_character_of_the_file(fragments, suffix, front_matter, bom, crlf):
    text = ("---\ntitle: T\n---\n" if front_matter else "") + "Prose comes first.\n\n" + "".join(fragments)
    text += "\n\nAnd prose comes last.\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as folder:
        article = read_article(write(Path(folder), "generated" + suffix, ("\ufeff" if bom else "") + text))
        assert_offsets_honest(article)
        assert [block.start for block in article.blocks] == sorted(block.start for block in article.blocks)
        assert list(article.source_map) == sorted(article.source_map)
