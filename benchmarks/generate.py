"""Generate N synthetic but realistic news articles (JSONL) for load tests and benchmarks.

Why synthetic: ingest and search must be measured at 1,000–10,000 articles and the shared
corpora are smaller than that; the text has the shapes the analysis has to handle (direct
quotes with "said X", "X told reporters", "according to", indirect "X said that ...", pronoun
speakers, appositive roles, honorifics, accented and unaccented spellings of the same name,
two people sharing a surname) spread over outlets and dates. Deterministic by seed: the same
``--seed`` gives byte-identical output, so benchmark runs are comparable.

    python benchmarks/generate.py 1000 --seed 1 --out benchmarks/work/articles-1000.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["Daily Ledger", "Evening Courier", "The Northern Post", "Metro Herald", "Coastal Times", "Capital Wire"]
# (first, surname, gender, roles) — a few accented names appear unaccented in some outlets.
PEOPLE = [
    ("María", "Fernández", "female", ["the finance minister", "a senior minister"]),
    ("José", "Núñez", "male", ["the opposition leader", "the head of the National Assembly"]),
    ("Delcy", "Rodríguez", "female", ["the vice president"]),
    ("Jorge", "Rodríguez", "male", ["the information minister"]),
    ("Amina", "Okafor", "female", ["the mayor", "the city's mayor"]),
    ("Thomas", "Keller", "male", ["the police chief"]),
    ("Priya", "Raman", "female", ["an economist at the Institute for Fiscal Studies", "a labour economist"]),
    ("Daniel", "Hart", "male", ["a spokesman for the health ministry"]),
    ("Sofia", "Lindqvist", "female", ["the environment secretary"]),
    ("Kwame", "Mensah", "male", ["the union leader", "general secretary of the transport union"]),
    ("Elena", "Petrova", "female", ["the foreign minister"]),
    ("Robert", "Chen", "male", ["a professor of political science"]),
    ("Laura", "Bianchi", "female", ["the central bank governor"]),
    ("Samuel", "Adeyemi", "male", ["the defence minister"]),
    ("Hannah", "Weiss", "female", ["a senator", "the senator"]),
    ("Casey", "Morgan", "unknown", ["a local resident", "a shop owner"]),
]
TOPICS = [
    ("budget", ["The budget gap is wider than anyone admitted", "spending cuts will hit the poorest families",
                "the tax plan was never costed", "the deficit will fall by next year"]),
    ("protest", ["the protest was peaceful until the police arrived", "nobody wants violence on the streets",
                 "the coup attempt has failed", "the demonstrators have a right to be heard"]),
    ("health", ["the hospitals are running out of beds", "the new vaccine programme is working",
                "waiting lists have doubled in two years", "the ministry ignored early warnings"]),
    ("transport", ["the strike will continue until wages rise", "the new rail line is years behind schedule",
                   "fares cannot keep going up", "the trains are safe"]),
    ("climate", ["the flood defences failed", "emissions targets are out of reach",
                 "farmers are paying for a drought they did not cause", "the coal plant must close"]),
]
BACKGROUND = [
    "The government has faced months of criticism over its handling of the issue.",
    "Parliament is expected to vote on the measure before the summer recess.",
    "Opinion polls published last week showed support for the plan falling below 40 percent.",
    "Critics say the figures released by the ministry do not add up.",
    "The debate has split the governing coalition, with two junior partners threatening to walk out.",
    "Similar proposals were rejected by voters in a referendum three years ago.",
    "Business groups have lobbied hard against the changes, warning of job losses.",
    "The opposition has called for an independent inquiry.",
]
CUES_DIRECT = ["said", "told reporters", "said in a statement", "wrote on Twitter", "told the BBC", "added"]
CUES_INDIRECT = ["said that", "argued that", "claimed that", "warned that", "told reporters that"]


def _name(rng: random.Random, person: tuple, outlet: str) -> str:
    first, last, _, _ = person
    if outlet in ("Metro Herald", "Capital Wire"):  # wire-style ASCII spellings
        first, last = _ascii(first), _ascii(last)
    return f"{first} {last}"


def _ascii(s: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _pronoun(person: tuple) -> str:
    return {"female": "she", "male": "he"}.get(person[2], "they")


def article(rng: random.Random, n: int, start: date) -> dict:
    """One article: headline, dateline, 4–9 paragraphs mixing narrative, direct and indirect quotes."""
    outlet = rng.choice(OUTLETS)
    topic, claims = rng.choice(TOPICS)
    day = start + timedelta(days=rng.randrange(730))
    cast = rng.sample(PEOPLE, k=rng.randint(2, 4))
    lead = cast[0]
    lead_name = _name(rng, lead, outlet)
    paras = [f"{lead_name}, {rng.choice(lead[3])}, faced new questions on {topic} on {day:%A} as pressure mounted "
             f"in the capital."]
    for i in range(rng.randint(4, 9)):
        person = rng.choice(cast)
        name = _name(rng, person, outlet)
        surname = name.split()[-1]
        claim = rng.choice(claims)
        style = rng.randrange(6)
        if style == 0:
            paras.append(f'"{claim[0].upper() + claim[1:]}," {name} {rng.choice(CUES_DIRECT)}.')
        elif style == 1:
            paras.append(f"{name}, {rng.choice(person[3])}, {rng.choice(CUES_INDIRECT)} {claim}.")
        elif style == 2:
            honorific = {"female": "Ms.", "male": "Mr."}.get(person[2])
            who = f"{honorific} {surname}" if honorific else name
            paras.append(f'"We will not accept this," {who} said. "{claim[0].upper() + claim[1:]}."')
        elif style == 3:
            paras.append(f'{name} spoke at length on Tuesday. "{claim[0].upper() + claim[1:]}," '
                         f'{_pronoun(person)} said.')
        elif style == 4:
            paras.append(f"According to {name}, {claim}.")
        else:
            paras.append(f"Officials met {name} in {rng.choice(['the morning', 'private', 'the afternoon'])} "
                         f"to discuss the {topic} plan, which has been debated for {rng.randint(2, 14)} months.")
        if rng.random() < 0.6:
            paras[-1] += " " + " ".join(rng.sample(BACKGROUND, k=rng.randint(1, 3)))
    title = f"{lead_name.split()[-1]} under pressure over {topic}"
    text = title + "\n\n" + "\n\n".join(paras) + "\n"
    return {"id": f"synthetic-{n:06d}", "outlet": outlet, "date": day.isoformat(),
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/{n}",
            "title": title, "text": text}


def generate(n: int, seed: int = 0) -> Iterator[dict]:
    """N articles, deterministic for a given seed."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for i in range(n):
        yield article(rng, i, start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="JSONL file (default stdout)")
    args = parser.parse_args(argv)
    sink = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for rec in generate(args.n, args.seed):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            sink.close()


if __name__ == "__main__":
    main()
