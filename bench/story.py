"""A long-running story of many articles, assembled from varied paragraphs with a fixed seed.

The benchmark needs a newsroom-sized archive without anything from outside: each article gets front matter, a
headline, and paragraphs drawn from templates whose slots (people, roles, places, dates, figures) vary, so the
parser sees quotes, attributions, dates and hedged questions in the proportions of wire copy.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

STORY = "harbor-line"

# Invented people, each with one role, so actor merging sees the same names again and again across articles.
PEOPLE = [
    ("Maria Okafor", "mayor"), ("Daniel Reyes", "transit director"), ("Helen Park", "council member"),
    ("Tomas Lindqvist", "chief engineer"), ("Grace Mwangi", "union president"), ("Peter Vance", "state auditor"),
    ("Aisha Rahman", "city attorney"), ("Luis Ortega", "contractor spokesman"), ("Nora Feld", "council member"),
    ("Samuel Achebe", "judge"), ("Ingrid Holm", "budget director"), ("Victor Chen", "rider advocate"),
    ("Rosa Delgado", "neighborhood association chair"), ("Owen Briggs", "state senator"),
    ("Fatima Noor", "environmental scientist"), ("Jonas Weber", "project manager"), ("Claire Dumont", "economist"),
    ("Marcus Hale", "police chief"), ("Yuki Tanaka", "structural engineer"), ("Ethan Cole", "governor"),
]
ORGS = ["the Harbor Transit Authority", "Bayside Construction Group", "the City Council", "the State Department of "
        "Transportation", "the Riders Alliance", "the Federal Transit Administration", "Local 412",
        "the Harbor Chamber of Commerce"]
PLACES = ["Eastport", "the Dockside district", "Millbrook", "the river crossing", "Central Station", "Northgate",
          "the old freight yard", "Harbor Heights"]
SOURCES = ["Harbor Courier", "City Ledger", "Bay Daily", "Metro Wire", "Eastport Sentinel"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
THINGS = ["the tunnel boring", "the station redesign", "the signal contract", "the cost overrun",
          "the safety review", "the fare plan", "the land purchase", "the federal grant", "the drainage work",
          "the opening date"]
VERBS = ["said", "told reporters", "said in a statement", "wrote in a letter to the council", "said on " "Tuesday"]

# Paragraph templates: {p}/{q} a person, {r}/{s} their roles, {o} an organisation, {pl} a place, {d} a weekday,
# {m} a month, {y} a year, {n} a figure, {t} a topic, {v} a speech verb.
PARAGRAPHS = [
    "{R} {p} said on {d} that {t} would be finished by {m} {y}, months later than the authority had promised.",
    '"We are not going to cut corners on safety to meet a deadline," {p} said. "The public deserves a line that '
    'works for the next hundred years."',
    "{o} approved a further ${n} million for {t} on {d}, the third increase since construction began in {m} {y0}.",
    "It remains unclear whether {o} will be able to recover the money from its contractors, and {q} said the "
    "question would be decided in court.",
    'Residents of {pl} packed a public meeting on {d} evening. "Our homes shook for weeks and nobody told us why," '
    "said {q}, the {s}.",
    "{R} {q} disputed that account, saying the problems with {t} were known as early as {m} {y0}.",
    "According to a report by {R2} {p}, the project is {n} percent over budget and at least two years behind "
    "schedule.",
    "The authority has not said how it will pay for {t}, and officials declined to say whether fares would rise.",
    '"I have asked for a full accounting, and I expect it on my desk by {m} {dn}," {p} {v}.',
    "Work on {t} stopped in {m} {y0} after crews found groundwater near {pl}. It resumed {n} weeks later.",
    "{o} will vote on {t} on {m} {dn}, {y}. A hearing on the contract is scheduled for the following week.",
    "{p}, who has led {o} since {y0}, said the delays were caused by supply shortages rather than poor planning.",
    "Critics say the authority underestimated the cost of building beneath {pl}. {q}, a {s}, called the original "
    "estimate \"a fantasy from the start.\"",
    "The line is expected to carry {n},000 passengers a day when it opens, according to projections published in "
    "{m} {y0}.",
    "Judge {p} ruled on {d} that {o} must release its internal emails about {t}, a decision the authority said it "
    "would appeal.",
    "It is not yet known who approved the change order, or whether {o} was told about it before the vote.",
    '"Every month of delay costs this city money it does not have," said {q}, the {s}. "Someone has to answer for '
    'that."',
    "Shares of Bayside Construction Group fell {n} percent on {d} after the company warned investors about "
    "penalties tied to {t}.",
    "The state auditor's office opened an inquiry into {t} in {m} {y0}. Its findings are due in {m} {y}.",
    "{p} told the council that {o} had met every milestone it controlled, and blamed {q} for the late permits.",
    "Union members walked off the job at {pl} on {d} over pay and safety. {p}, the {r}, said the strike would "
    "continue until the authority returned to talks.",
    "The first test trains ran between {pl} and {pl2} last {m}, reaching a top speed of {n} miles per hour.",
    "Whether the federal government will cover the shortfall remains an open question; {p} said only that talks "
    "were continuing.",
    "{o} said in a statement that it \"regrets the inconvenience\" and would publish a new timetable in {m}.",
    "Neighbors in {pl} have complained about noise since the spring, and the city has issued {n} citations to "
    "contractors.",
    "Asked whether she would seek another term, {p} said she was focused on finishing the line.",
    "In an interview, {q} said the project had been \"oversold from the very first day\" and called for an "
    "independent review.",
    "{R} {p} said the authority expected to open the first section, from {pl} to {pl2}, in {m} {y}.",
]
HEADLINES = [
    "Harbor line delayed again as {t} runs over", "{o} approves more money for {t}",
    "Residents of {pl} demand answers over {t}", "Auditor questions {t} on harbor line",
    "Judge orders release of emails on {t}", "Strike halts work at {pl}", "Harbor line opening pushed to {y}",
    "Council split over {t}", "What we know about {t}", "Opinion: the harbor line needs a reset",
]


def article(rng: random.Random, i: int, day: date) -> str:
    """One article's file text: front matter, a headline, eight to fourteen paragraphs."""
    slots = _slots(rng, day)
    kind = rng.choice(["news"] * 8 + ["analysis", "opinion"])
    head = rng.choice(HEADLINES).format(**slots)
    paras = rng.sample(PARAGRAPHS, rng.randint(8, 14))
    body = []
    for text in paras:
        body.append(text.format(**_slots(rng, day)))
    byline = rng.choice(PEOPLE[5:])[0].split()[0] + " " + rng.choice(["Ames", "Baptiste", "Cortez", "Duval", "Eng"])
    return (f"---\ntitle: \"{head[0].upper() + head[1:]}\"\nsource: {rng.choice(SOURCES)}\nbyline: {byline}\n"
            f"published: {day.isoformat()}\nurl: https://example.org/harbor/{i:04d}\nkind: {kind}\n---\n"
            f"# {head[0].upper() + head[1:]}\n\n" + "\n\n".join(body) + "\n")


def _slots(rng: random.Random, day: date) -> dict:
    (p, r), (q, s), (_, r2) = rng.sample(PEOPLE, 3)
    pl, pl2 = rng.sample(PLACES, 2)
    return dict(p=p, r=r, R=r[0].upper() + r[1:], q=q, s=s, R2=r2[0].upper() + r2[1:], o=rng.choice(ORGS),
                pl=pl, pl2=pl2, d=rng.choice(DAYS), m=rng.choice(MONTHS), y=day.year + rng.randint(0, 2),
                y0=day.year - rng.randint(0, 2), dn=rng.randint(1, 28), n=rng.randint(2, 95), t=rng.choice(THINGS),
                v=rng.choice(VERBS))


def write_story(seeds: Path, n: int, *, seed: int = 8) -> list[Path]:
    """``n`` articles in ``seeds/harbor-line/``, one every few days from 2022 on; returns their paths."""
    rng = random.Random(seed)
    folder = seeds / STORY
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    day = date(2022, 1, 3)
    for i in range(n):
        day += timedelta(days=rng.randint(0, 2))
        path = folder / f"{i:04d}-{day.isoformat()}.md"
        path.write_text(article(rng, i, day), encoding="utf-8")
        paths.append(path)
    return paths
