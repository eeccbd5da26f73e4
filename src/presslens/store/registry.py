"""A register of people the user trusts: pinned identities and attributes for the person registry.

Why: automatic merging is cautious (a bare ``Clinton`` is inferred only on overwhelming evidence,
two same-surname people are never merged on the surname alone), so a researcher who knows their
corpus needs a way to say "``Clinton`` in this corpus is Hillary Clinton, Q6294, a Democrat".
``presslens people --register people.csv`` loads such a list: each row names a person, the
aliases that always mean them, and optional Wikidata id, gender, party, side and role. Loading
merges every stored person the row's names match into one pinned person, moves their article
links, records each attribute with ``register`` as its source, and re-resolves bare surnames
the aliases settle. A bad row gets one error naming its line and the reason; the rest loads.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from presslens.store.people import fold, surname
from presslens.store.repository import Store
from presslens.store.schema import PersonAliasRow, PersonLinkRow, PersonRow

COLUMNS = ("name", "aliases", "wikidata_id", "gender", "party", "side", "role")
GENDERS = {"male", "female", "unknown", ""}
_WIKIDATA = re.compile(r"Q[1-9]\d*")
#: Aliases within the ``aliases`` cell are separated by ``;`` or ``|`` (commas appear in names).
_ALIAS_SPLIT = re.compile(r"[;|]")


@dataclass
class RegisterRow:
    """One valid register row, with the line it came from."""

    line: int
    name: str
    aliases: list[str]
    wikidata_id: str | None
    gender: str | None
    party: str | None
    side: str | None
    role: str | None

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(k for k in (fold(n) for n in [self.name, *self.aliases]) if k))


@dataclass
class RegisterReport:
    """What loading a register did: people pinned, people merged into them, links moved, errors per row."""

    pinned: int = 0
    merged: int = 0
    relinked: int = 0
    errors: list[str] = field(default_factory=list)


def parse_register(text: str, source: str) -> tuple[list[RegisterRow], list[str]]:
    """Valid rows and one error per bad row (``source:line: reason``); unknown columns are one error."""
    errors: list[str] = []
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        return [], [f"{source}:1: no 'name' column (columns: {', '.join(COLUMNS)})"]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        errors.append(f"{source}:1: unknown column(s) {', '.join(unknown)} ignored (known: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    rows: list[RegisterRow] = []
    names: dict[str, int] = {}
    owners: dict[str, tuple[int, str]] = {}
    for line, raw in enumerate(reader, start=2):
        cell = {k: (v or "").strip() for k, v in raw.items() if k in COLUMNS and isinstance(v, str)}
        name = cell.get("name", "")
        wikidata = cell.get("wikidata_id") or None
        gender = cell.get("gender", "").lower()
        problem = None
        if not fold(name):
            problem = "empty name"
        elif fold(name) in names:
            problem = f"duplicate name {name!r} (first on line {names[fold(name)]})"
        elif wikidata and not _WIKIDATA.fullmatch(wikidata):
            problem = f"bad Wikidata id {wikidata!r} (expected Q followed by digits, e.g. Q6294)"
        elif gender not in GENDERS:
            problem = f"bad gender {cell.get('gender')!r} (male, female or unknown)"
        row = RegisterRow(line, name, [a.strip() for a in _ALIAS_SPLIT.split(cell.get("aliases", "")) if a.strip()],
                          wikidata, gender or None, cell.get("party") or None, cell.get("side") or None,
                          cell.get("role") or None)
        if problem is None:
            clash = [(k, owners[k]) for k in row.keys if k in owners]
            if clash:
                k, (other_line, other) = clash[0]
                problem = f"alias {k!r} is already claimed by {other!r} (line {other_line})"
        if problem:
            errors.append(f"{source}:{line}: {problem}")
            continue
        names[fold(name)] = line
        for k in row.keys:
            owners[k] = (line, name)
        rows.append(row)
    return rows, errors


def load_register(store: Store, path: Path) -> RegisterReport:
    """Load a register file into the store's person registry (one transaction); see the module docstring."""
    report = RegisterReport()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.errors.append(f"{path}: cannot read register ({exc})")
        return report
    rows, report.errors = parse_register(text, str(path))
    people = store._people  # noqa: SLF001 - the registry is the store's own index
    with store.engine.begin() as conn:
        stored_aliases = dict(conn.execute(select(PersonAliasRow.key, PersonAliasRow.person_id)
                                           .where(PersonAliasRow.source == "register")).all())
        registered = dict(conn.execute(select(PersonRow.id, PersonRow.name).where(PersonRow.pinned)).all())
        dirty: set[str] = set()
        touched: set[int] = set()
        for row in rows:
            matched: list[int] = []
            if row.wikidata_id:
                matched += conn.scalars(select(PersonRow.id).where(PersonRow.wikidata_id == row.wikidata_id))
            for k in row.keys:
                pid = stored_aliases.get(k, people.by_key.get(k) if len(k.split()) > 1 or k == fold(row.name) else None)
                if pid is not None and pid not in matched:
                    matched.append(pid)
            rivals = [registered[p] for p in matched[1:] if p in registered]
            if rivals:
                report.errors.append(f"{path}:{row.line}: {row.name!r} would merge with {rivals[0]!r}, registered "
                                     "earlier as another person; give each alias to one person")
                continue
            key = fold(row.name)
            if matched:
                target = matched[0]
            else:
                target = conn.execute(insert(PersonRow).returning(PersonRow.id),
                                      {"name": row.name, "key": key, "surname_key": surname(key)}).scalar_one()
            for other in matched[1:]:
                report.relinked += conn.execute(update(PersonLinkRow).where(PersonLinkRow.person_id == other)
                                                .values(person_id=target)).rowcount or 0
                conn.execute(update(PersonAliasRow).where(PersonAliasRow.person_id == other).values(person_id=target))
                conn.execute(delete(PersonRow).where(PersonRow.id == other))
                people.forget(other)
                report.merged += 1
            values = {"name": row.name, "key": key, "surname_key": surname(key), "pinned": True,
                      "wikidata_id": row.wikidata_id}
            for attr in ("party", "side", "role"):
                if getattr(row, attr):
                    values |= {attr: getattr(row, attr), f"{attr}_source": "register"}
            if row.gender in ("male", "female"):
                values |= {"gender": row.gender, "gender_source": "register", "gender_evidence": f"register line {row.line}"}
            conn.execute(update(PersonRow).where(PersonRow.id == target).values(**values))
            people.display[target] = (row.name, key)
            if row.gender in ("male", "female"):
                people.gender[target] = row.gender
            for alias, k in zip([row.name, *row.aliases], [fold(n) for n in [row.name, *row.aliases]]):
                if not k or k in stored_aliases:
                    continue
                conn.execute(insert(PersonAliasRow).values(person_id=target, alias=alias, key=k, source="register"))
                stored_aliases[k] = target
                people.pinned[k] = target
                people.add(target, k)
                dirty.add(surname(k))
            touched.add(target)
            registered[target] = row.name
            report.pinned += 1
        touched |= store._reresolve(conn, dirty, fresh=set())  # noqa: SLF001
        store._refresh_gender(conn, touched)  # noqa: SLF001
    return report
