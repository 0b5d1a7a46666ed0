"""Each attribution pattern of wire copy, on one small article, with the real pipeline."""
from __future__ import annotations

import pytest

from generator.extract import actors, quotes
from generator.records import Article, Block


def article(text: str) -> Article:
    blocks, start = [], 0
    for n, para in enumerate(text.split("\n\n")):
        blocks.append(Block(kind="paragraph", start=start, end=start + len(para), text=para, line=n + 1))
        start += len(para) + 2
    return Article(id="a", path="a.md", title=None, source=None, byline=None, published=None, url=None,
                   kind=None, body=text, blocks=tuple(blocks), links=(), source_map=((0, 0),))


def said(nlp, text: str) -> list[tuple[str, str | None, str]]:
    art = article(text)
    from generator.nlp import _doc_with_blocks

    doc = nlp(_doc_with_blocks(nlp, art))
    found = quotes.quotes(doc, art, mentions=actors.mentions(doc, art))
    return [(q.text, q.speaker_name, q.kind) for q in found]


def speaker_of(found, start: str) -> str | None:
    return next(s for text, s, _ in found if text.startswith(start))


PATTERNS = [
    ("quote then 'X said'", 'Mayor Ruth Kessler spoke first. "We will rebuild the bridge by spring," Kessler said.',
     "We will rebuild", "Kessler"),
    ("quote then 'said X, role'", '"The river rose faster than any model predicted," said Omar Haddad, a hydrologist '
     'at the state university.', "The river rose", "Omar Haddad"),
    ("'X says' in the present", '"Nobody told us the dam was at risk," says Lena Fischer, who farms below it.',
     "Nobody told us", "Lena Fischer"),
    ("'X said:' before the quote", 'Coach Tomas Reyes said: "We defended well for eighty minutes and then we stopped."',
     "We defended well", "Tomas Reyes"),
    ("'X told' reporters", 'Senator Paula Grant told reporters: "This bill will not pass the chamber this year."',
     "This bill will not", "Paula Grant"),
    ("X added", 'Judge Alan Price read the verdict. "The law allows no other sentence here," Price added.',
     "The law allows", "Alan Price"),
    ("pronoun speaker", 'Maria Lopez runs the shelter. "We turned away forty families last night," she said.',
     "We turned away", "Maria Lopez"),
    ("second segment continues", 'Dr. Ken Abe studied the outbreak. "Cases doubled in a week," Abe said. '
     '"We expect them to double again before the holiday."', "We expect them", "Ken Abe"),
    ("attribution in the next sentence", 'Councilmember Dana Wu voted no.\n\n"This budget hurts the people who can '
     'least afford it." Councilmember Dana Wu made that argument before the vote.', "This budget hurts", "Dana Wu"),
    ("attribution in the previous sentence", 'Economist Lara Voss once summed up the risk with a metaphor. '
     '"It is not the wolf at the door but the termites in the woodwork."', "It is not the wolf", "Lara Voss"),
    ("X warned", '"Another storm like this one would overwhelm the levee," engineer Paul Brandt warned.',
     "Another storm like this", "Paul Brandt"),
    ("quote across paragraphs", 'Chief Executive Rob Tanner spoke for an hour. "Demand fell in every region this '
     'quarter and we cut prices to hold on to customers.\n\n"We expect a better spring," Tanner said.',
     "Demand fell in every region", "Rob Tanner"),
]


@pytest.mark.parametrize("name,text,start,speaker", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_direct_quotes_are_attributed(nlp, name, text, start, speaker):
    # Within one article a speaker is the name as written there ("Tanner"); the story resolves it to the
    # actor with the fullest name, which tests/test_pipeline.py checks.
    found = speaker_of(said(nlp, text), start)
    assert found is not None and found.split()[-1] == speaker.split()[-1], found


def test_an_unnamed_speaker_is_recorded_as_written(nlp):
    # Issue 17: someone the text does not name is kept as written (speaker_name), never guessed to a named actor.
    found = said(nlp, 'Mayor Lin Ortiz left early. "Give us the results now," a man in the front row shouted.')
    assert speaker_of(found, "Give us the results") == "a man in the front row"


def test_according_to_reports_the_clause(nlp):
    found = said(nlp, "Thirty people were rescued from their cars, according to fire chief Nora Blake.")
    assert ("Thirty people were rescued from their cars", "Nora Blake", "indirect") in found


def test_said_that_is_an_indirect_quote(nlp):
    found = said(nlp, "Prosecutor Emma Stone said that the defendant had hidden the money in three accounts.")
    assert ("the defendant had hidden the money in three accounts", "Emma Stone", "indirect") in found


def test_scare_quotes_are_not_quotes(nlp):
    assert said(nlp, 'Officials described the plan as "ambitious" and the timeline as "tight".') == []


def test_a_pull_quote_is_counted_once_with_the_body_quote(nlp):
    text = ('“The harbour will never be the same again.” – Ada Moreno\n\n'
            'Ada Moreno has fished here for forty years. “The harbour will never be the same again,” Moreno said.')
    art = article(text)
    art = art.__class__(**{**art.__dict__, "blocks": (art.blocks[0].__class__(**{**art.blocks[0].__dict__,
                                                                                 "kind": "pullquote"}),
                                                      art.blocks[1])})
    from generator.nlp import _doc_with_blocks

    doc = nlp(_doc_with_blocks(nlp, art))
    found = [q for q in quotes.quotes(doc, art, mentions=actors.mentions(doc, art)) if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].speaker_name == "Moreno" and found[0].evidence[0].start > art.blocks[1].start - 1
