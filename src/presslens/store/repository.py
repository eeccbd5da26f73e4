"""Open a presslens database (SQLite or PostgreSQL) and save analyses into it.

Why the shape: a corpus run must be idempotent and survive ``kill -9``. Each chunk of
analyses is written in one transaction (articles, their entities, quotes, techniques, claims, the
people they link to and any rejections), so a killed run leaves only whole chunks behind, and
an article whose content hash is already stored is skipped and counted, so the rerun picks up
exactly where the last commit ended. The database is checked before any work starts: an
unreachable URL or a schema newer than this code fails at once with one clear message, and an
older schema is upgraded in place by the bundled alembic migrations.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

try:  # POSIX only; elsewhere SQLite migrations run unlocked, as before
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, literal, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import aliased

from presslens.analysis.names import (
    INSTITUTION_HEADS,
    ORG_HEADS,
    ORGANISATION_NOUNS,
    coined_of_words,
    english_words,
    first_name_gender,
    made_of_words,
    noun_only_words,
    role_words,
)
from presslens.model import Analysis, Entity, Rejection
from presslens.settings import get_settings
from presslens.store import fetched as _fetched  # noqa: F401 - registers the fetch tables on Base
from presslens.store import gender as gender_mod
from presslens.store.people import (
    INFER_MIN_ARTICLES,
    Match,
    PersonIndex,
    first_name,
    fold,
    merge_within_article,
    month_of,
    repaired,
    seeks_office,
    surname,
)
from presslens.store.schema import (
    ArticleRow,
    ArticleClaimRow,
    EntityRow,
    MentionRow,
    PersonAliasRow,
    PersonLinkRow,
    PersonRow,
    PersonUnresolvedRow,
    QuoteRow,
    RejectionRow,
    RoleRow,
    TechniqueRow,
    utcnow,
)

MIGRATIONS = Path(__file__).parent / "migrations"
#: US party tags as articles write them after a name ("Sen. Marco Rubio (R-Fla.)").
PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent", "L": "Libertarian"}
_PARTY_TAG = re.compile(r"([RDIL])-[A-Z]")


def _no_nul(row: dict) -> dict:
    """Replace NUL characters with U+FFFD: PostgreSQL text cannot hold NUL, and a one-for-one
    replacement keeps every character offset (and the content hash, taken before) intact."""
    return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()}


class StoreError(RuntimeError):
    """A database problem a user can act on (unreachable, too new, unsupported URL)."""


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as PostgreSQL through psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def code_head() -> str:
    """The newest schema revision this code knows."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook signature
    """WAL lets readers (search, the web UI) work during an ingest; FKs make cascades real."""
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open SQLite database {database}: folder {parent} does not exist")
            if not os.access(parent, os.W_OK):
                raise StoreError(f"cannot open SQLite database {database}: folder {parent} is not writable")
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://USER@HOST/DB")


@contextmanager
def _sqlite_migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations of one SQLite file across processes, as the advisory lock does for
    PostgreSQL: Alembic's SQLite DDL is not transactional, so two processes opening a new file at
    once (an ingest and a reader, two workers) would both create the tables and one would fail.
    The lock is taken on a sibling ``<db>.lock`` file, never on the database file itself: closing
    any descriptor of the database file would drop SQLite's own POSIX locks in this process."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if fcntl is None or not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    with open(f"{path}.lock", "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(engine: Engine, display_url: str) -> None:
    """Refuse a schema newer than the code; upgrade an older (or empty) one to head.

    For SQLite the caller holds ``_sqlite_migration_lock``."""
    head = code_head()
    cfg_probe = Config()
    cfg_probe.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg_probe)
    known = {rev.revision for rev in scripts.walk_revisions()}
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two processes opening a fresh database at once must not both create tables.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(5170815)")
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise StoreError(
                f"database {display_url} has schema revision {', '.join(unknown)}, made by a newer presslens "
                f"(this one knows up to {head}); upgrade presslens to use it"
            )
        if tuple(current) != (head,):
            command.upgrade(_alembic_config(conn), "head")


@dataclass
class SaveResult:
    """What one ``save`` call did, for progress bars and the final summary."""

    stored: int = 0
    skipped: int = 0
    rejected: int = 0

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.stored += other.stored
        self.skipped += other.skipped
        self.rejected += other.rejected
        return self


class Store:
    """A migrated presslens database plus the in-memory person index used while saving.

    One writer at a time: the person index is loaded when the store opens and kept in step
    with this process's own commits.
    """

    def __init__(self, engine: Engine, display_url: str) -> None:
        self.engine = engine
        self.url = display_url
        self.dialect = engine.dialect.name
        self._people = self._load_people()

    def _load_people(self) -> PersonIndex:
        index = PersonIndex()
        with self.engine.connect() as conn:
            for pid, name, key, g in conn.execute(select(PersonRow.id, PersonRow.name, PersonRow.key, PersonRow.gender)):
                index.add(pid, key)
                index.display[pid] = (name, key)
                index.gender[pid] = g
            # Every variant already linked to a person resolves to it exactly; bare surnames
            # (linked by inference) do not, so they stay open to re-resolution.
            variants = conn.execute(
                select(PersonLinkRow.person_id, EntityRow.name, PersonLinkRow.surname_key, ArticleRow.outlet,
                       ArticleRow.date, EntityRow.article_pk)
                .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
                .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
            )
            seen: set[tuple[int, int]] = set()
            for pid, name, bare, outlet, date, apk in variants:
                if bare is None:
                    index.add(pid, fold(name))
                    if first_name(fold(name)) is not None and (pid, apk) not in seen:
                        seen.add((pid, apk))
                        index.note_article(pid, outlet, month_of(date))
            # As when saving (``_full_name_roles``): not a title right before a one-word mention.
            # Through the article's entities (indexed by article), not the mentions' own article
            # column (not indexed).
            after, holder = aliased(MentionRow), aliased(EntityRow)
            word = func.substr(ArticleRow.text, after.start + 1, after.end - after.start)
            before_a_word = (select(after.id).join(holder, holder.id == after.entity_pk)
                             .join(ArticleRow, ArticleRow.id == holder.article_pk)
                             .where(holder.article_pk == RoleRow.article_pk, after.start >= RoleRow.end,
                                    after.start <= RoleRow.end + 2, word.not_like("% %")).exists())
            for pid, text in conn.execute(select(PersonLinkRow.person_id, RoleRow.text)
                                          .join(RoleRow, RoleRow.entity_pk == PersonLinkRow.entity_pk)
                                          .where(PersonLinkRow.surname_key.is_(None), ~before_a_word)):
                index.roles.setdefault(pid, set()).update(role_words(text))
                if seeks_office(text):
                    index.seekers.add(pid)
            for pid, key in conn.execute(select(PersonAliasRow.person_id, PersonAliasRow.key)
                                         .where(PersonAliasRow.source == "register")):
                index.pinned[key] = pid
            for name, type_, n in conn.execute(
                    select(EntityRow.name, EntityRow.type, func.count(func.distinct(EntityRow.article_pk)))
                    .where(EntityRow.name.not_like("% %"), EntityRow.type.in_(_WORD_KINDS))
                    .group_by(EntityRow.name, EntityRow.type)):
                index.word_kinds[(fold(name), type_ == "PERSON")] += n
        return index

    def close(self) -> None:
        """Release pooled connections (and SQLite file handles)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored (queried in bounded batches)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), 500):
                part = list(hashes[i : i + 500])
                found.update(conn.scalars(select(ArticleRow.hash).where(ArticleRow.hash.in_(part))))
        return found

    def save(self, items: Iterable[Analysis | Rejection], *,
             extra: Callable[[Connection], None] | None = None) -> SaveResult:
        """Store one chunk in one transaction; already-stored articles are skipped and counted.

        ``extra(conn)`` runs last inside the same transaction (``presslens fetch`` records the
        URLs and raw HTML of the chunk's pages with it, so both commit or neither does).
        """
        items = list(items)
        result = SaveResult()
        try:
            with self.engine.begin() as conn:
                analyses = [x for x in items if isinstance(x, Analysis)]
                for rej in (x for x in items if isinstance(x, Rejection)):
                    self._save_rejection(conn, rej)
                    result.rejected += 1
                have = self._existing(conn, [a.article.hash for a in analyses])
                fresh: list[Analysis] = []
                for a in analyses:
                    h = a.article.hash
                    if h in have:
                        result.skipped += 1
                    else:
                        have.add(h)
                        fresh.append(a)
                if fresh:
                    self._save_analyses(conn, fresh)
                result.stored = len(fresh)
                if extra is not None:
                    extra(conn)
        except SQLAlchemyError:
            # The transaction rolled back: forget people this chunk added to the index.
            self._people = self._load_people()
            raise
        return result

    @staticmethod
    def _existing(conn: Connection, hashes: list[str]) -> set[str]:
        if not hashes:
            return set()
        return set(conn.scalars(select(ArticleRow.hash).where(ArticleRow.hash.in_(hashes))))

    @staticmethod
    def _save_rejection(conn: Connection, rej: Rejection) -> None:
        now = utcnow()
        existing = conn.execute(
            select(RejectionRow.id).where(RejectionRow.input == rej.input, RejectionRow.reason == rej.reason)
        ).scalar()
        if existing is None:
            conn.execute(insert(RejectionRow).values(input=rej.input, reason=rej.reason, created_at=now, last_seen=now))
        else:
            conn.execute(
                update(RejectionRow)
                .where(RejectionRow.id == existing)
                .values(last_seen=now, times_seen=RejectionRow.times_seen + 1)
            )

    def _save_analyses(self, conn: Connection, analyses: list[Analysis]) -> None:
        now = utcnow()
        article_pks = list(
            conn.scalars(
                insert(ArticleRow).returning(ArticleRow.id, sort_by_parameter_order=True),
                [
                    _no_nul({
                        "hash": a.article.hash, "article_id": a.article.id, "source": a.article.source or "",
                        "outlet": a.article.outlet, "date": a.article.date, "title": a.article.title,
                        "text": a.article.text, "url": a.article.url, "author": a.article.author,
                        "body_start": a.article.body_start, "errors": list(a.errors), "ingested_at": now,
                        "lead": None if a.lead is None else a.lead.to_dict(),
                    })
                    for a in analyses
                ],
            )
        )
        # Entities, keyed (article index, local id); a surname-only person entity is folded
        # into its full-name entity of the same article before anything else is written.
        entity_rows: list[dict] = []
        aliases: list[dict[str, str]] = []
        #: (article index, local id) → the article's gender verdict for a person entity (honorific,
        #: and pronouns the quote extractor resolved to it): what the stored entity row says.
        genders: dict[tuple[int, str], str | None] = {}
        for i, a in enumerate(analyses):
            alias = merge_within_article(a.entities)
            aliases.append(alias)
            for e in a.entities:
                ev = gender_mod.entity_evidence(e, a.quotes) if e.type == "PERSON" else []
                g, src, detail = gender_mod.summarise(ev)
                genders[(i, e.id)] = g
                entity_rows.append({
                    "article_pk": article_pks[i], "local_id": e.id, "name": e.name, "type": e.type,
                    "gender": g, "gender_source": src, "gender_evidence": detail,
                })
        entity_pks = list(
            conn.scalars(insert(EntityRow).returning(EntityRow.id, sort_by_parameter_order=True),
                         [_no_nul(r) for r in entity_rows])
        ) if entity_rows else []
        pk_of: dict[tuple[int, str], int] = {}
        n = 0
        for i, a in enumerate(analyses):
            for e in a.entities:
                pk_of[(i, e.id)] = entity_pks[n]
                n += 1

        mentions, roles, quotes, techniques, claims = [], [], [], [], []
        for i, a in enumerate(analyses):
            apk = article_pks[i]
            for e in a.entities:
                epk = pk_of[(i, e.id)]
                mentions.extend({"entity_pk": epk, "article_pk": apk, "start": s, "end": t} for s, t in e.mentions)
                roles.extend({"entity_pk": epk, "article_pk": apk, "text": r.text, "start": r.start, "end": r.end}
                             for r in e.roles)
            for q in a.quotes:
                sp, cue = q.speaker, q.cue
                speaker_pk = pk_of.get((i, sp.entity_id)) if sp is not None and sp.entity_id else None
                quotes.append({
                    "article_pk": apk, "start": q.start, "end": q.end, "text": q.text, "type": q.type,
                    "channel": q.channel,
                    "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
                    "cue_text": cue.text if cue else None, "cue_lemma": cue.lemma if cue else None,
                    "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
                    "speaker_text": sp.text if sp else None, "speaker_name": sp.name if sp else None,
                    "speaker_entity_pk": speaker_pk, "confidence": q.confidence,
                })
            techniques.extend({"article_pk": apk, "start": t.start, "end": t.end, "text": t.text,
                               "technique": t.technique, "score": t.score, "in_quote": t.in_quote,
                               "confidence": t.confidence}
                              for t in a.techniques)
            claims.extend({"article_pk": apk, **asdict(c)} for c in a.claims)
        for model, rows in ((MentionRow, mentions), (RoleRow, roles), (QuoteRow, quotes), (TechniqueRow, techniques),
                            (ArticleClaimRow, claims)):
            if rows:
                conn.execute(insert(model), [_no_nul(r) for r in rows])
        self._link_people(conn, analyses, aliases, pk_of, genders)

    def _link_people(self, conn: Connection, analyses: list[Analysis], aliases: list[dict[str, str]],
                     pk_of: dict[tuple[int, str], int], genders: dict[tuple[int, str], str | None]) -> None:
        """Resolve every PERSON entity of the chunk to a corpus person, then refresh their gender.

        Full names first (their articles are the evidence), then bare surnames: one the article
        itself names two people for stays unresolved; others are inferred from what the outlet
        means by the surname in that period, or stay unresolved. Earlier bare surnames whose
        evidence this chunk changed are re-resolved (incrementally: only those surnames and months).
        """
        links: list[dict] = []
        unresolved: list[dict] = []
        touched: set[int] = set()
        dirty: set[str] = set()
        bare: list[tuple[int, Analysis, Entity, str, bool]] = []
        #: (chunk index, article, surname entity, its full-name entity) for surnames the store joins.
        joined: list[tuple[int, Analysis, Entity, Entity]] = []
        #: (chunk index, article, full-name entity, its person) whose surname mentions are checked for a rival.
        owners: list[tuple[int, Analysis, Entity, int]] = []
        person_of: dict[tuple[int, str], int] = {}
        for a in analyses:
            for word, is_person in {(fold(e.name), e.type == "PERSON") for e in a.entities
                                    if e.type in _WORD_KINDS and " " not in e.name.strip()}:
                self._people.word_kinds[(word, is_person)] += 1
        for i, a in enumerate(analyses):
            by_id = {e.id: e for e in a.entities}
            speakers = {q.speaker.entity_id for q in a.quotes if q.speaker is not None and q.speaker.entity_id}
            month = month_of(a.article.date)
            named: set[int] = set()
            # Last words of the article's places: "N. Korea" beside "North Korea" is a place.
            places = {surname(fold(x.name)) for x in a.entities if x.type in ("GPE", "LOC")}
            one_word = {s for x in a.entities for s, t in x.mentions if " " not in a.article.text[s:t]}
            for e in a.entities:
                if e.type != "PERSON":
                    continue
                target = by_id[aliases[i][e.id]] if e.id in aliases[i] else e
                key = fold(target.name)
                if not key:
                    continue
                signs = _person_signs(e, speakers)
                if target is e and first_name(key) is None:
                    bare.append((i, a, e, key, _bare_word_signs(e, key, speakers)))
                    continue
                if target is not e:
                    joined.append((i, a, e, target))
                    continue
                why_not = _not_a_person(target.name, key, signs, places)
                if why_not:
                    unresolved.append({"entity_pk": pk_of[(i, e.id)], "surname_key": surname(key), "reason": why_not})
                    continue
                match = self._people.resolve(key)
                pid = self._person_for(conn, match, target.name, key)
                method, score = (match.method, match.score) if match.person_id is not None else (match.method, 100.0)
                self._people.add(pid, key)
                person_of[(i, e.id)] = pid
                if first_name(key) is not None:
                    owners.append((i, a, e, pid))
                links.append({"entity_pk": pk_of[(i, e.id)], "person_id": pid, "method": method, "score": score,
                              "confidence": None, "surname_key": None})
                touched.add(pid)
                if first_name(key) is not None:
                    self._people.roles.setdefault(pid, set()).update(_full_name_roles(e, one_word))
                    if any(seeks_office(r.text) for r in e.roles):
                        self._people.seekers.add(pid)
                if first_name(key) is not None and pid not in named:
                    named.add(pid)
                    self._people.note_article(pid, a.article.outlet, month)
                    dirty.add(surname(key))
        # Surnames joined to the article's only full name of that surname (by the entity
        # extractor, or above): kept only when no likelier bearer of the surname is on file.
        for i, a, e, target in joined:
            pid = person_of.get((i, target.id))
            if pid is None:
                continue
            sur = surname(fold(target.name))
            why = self._people.rival(sur, pid, a.article.outlet, month_of(a.article.date))
            if why:
                unresolved.append({"entity_pk": pk_of[(i, e.id)], "surname_key": sur,
                                   "reason": f"ambiguous in article: it names only {target.name} in full, but {why}"})
                continue
            links.append({"entity_pk": pk_of[(i, e.id)], "person_id": pid, "method": "article-surname", "score": 100.0,
                          "confidence": None, "surname_key": None})
        for i, a, e, pid in owners:
            self._split_surname_mentions(conn, a, e, pk_of[(i, e.id)], pid, unresolved)
        for i, a, e, key, signs in bare:
            full_here = [x for x in a.entities
                         if x.type == "PERSON" and first_name(fold(x.name)) is not None and surname(fold(x.name)) == key]
            if len({fold(x.name) for x in full_here}) > 1:
                rest = self._take_titled(conn, a, e, pk_of[(i, e.id)], full_here,
                                         [person_of.get((i, x.id)) for x in full_here], links)
                if rest is None:
                    continue
                e = rest
                match, strict = self._settle_in_article(key, full_here, [person_of.get((i, x.id)) for x in full_here],
                                                        a, e)
                if match.person_id is not None:
                    self._keep_nearest(conn, a, e, pk_of[(i, e.id)], full_here,
                                       [person_of.get((i, x.id)) for x in full_here], match, unresolved, strict)
            else:
                # The stored gender verdict, as ``_reresolve`` reads it back: "Clinton ... she said"
                # rules out Bill Clinton here and when the surname is re-resolved.
                match = self._people.infer(key, a.article.outlet, month_of(a.article.date), genders.get((i, e.id)),
                                           frozenset().union(*(role_words(r.text) for r in e.roles)))
                if match.person_id is None and match.method == "unresolved" and not full_here:
                    rest = self._take_office_holders(conn, a, e, pk_of[(i, e.id)], genders.get((i, e.id)), links)
                    if rest is None:
                        continue
                    e = rest
            # A quote alone does not show a single word is a person: outlets, polls and agencies
            # "report" and "say" too ("Politico reported"), and news prose names a person in full
            # before quoting them by surname.
            if match.method == "new" and not signs and key not in self._people.by_key:
                match = Match(None, "unresolved", 0.0, None, "a single word never named in full, with no role, "
                              "honorific or epithet to show it is a person")
            elif match.method == "new" and self._people.mostly_a_thing(key):
                match = Match(None, "unresolved", 0.0, None, self._people.mostly_a_thing(key))
            elif match.method == "new" and key not in self._people.by_key and (family := self._people.family_of(key)):
                match = Match(None, "unresolved", 0.0, None, family)
            self._apply_bare(conn, pk_of[(i, e.id)], key, match, e.name, links, unresolved, touched)
        if links:
            conn.execute(insert(PersonLinkRow), links)
        if unresolved:
            conn.execute(insert(PersonUnresolvedRow), unresolved)
        touched |= self._reresolve(conn, dirty, fresh={r["entity_pk"] for r in links} | {r["entity_pk"] for r in unresolved})
        self._refresh_gender(conn, touched)
        self._refresh_party(conn, touched)

    def _take_titled(self, conn: Connection, a: Analysis, e: Entity, entity_pk: int, named: list[Entity],
                     pids: list[int | None], links: list[dict]) -> Entity | None:
        """Link the mentions of a surname the article shares between bearers that follow a title
        exactly one of them holds, in this article or in articles naming them in full
        (``title-holder``): "Secretary Clinton" in an article naming Bill and Hillary Clinton, where
        only she is called secretary. Returns the entity with its other mentions, or None when
        every mention was linked so (the entity itself is then linked). A hypothetical title ("a
        President Clinton") is no evidence, nor is any title while another bearer of the surname
        runs for office (``_runs_for_office``).

        Why: the extractor's own role clue reads only the roles the article gives each bearer; the
        registry knows the roles articles give them when naming them in full."""
        held = [(p, self._people.roles.get(p, set()).union(*(role_words(r.text) for r in x.roles)))
                for x, p in zip(named, pids) if p is not None]
        claimed = [(p, r.text) for x, p in zip(named, pids) for r in x.roles]
        return self._link_titled(conn, a, e, entity_pk, held, claimed, links)

    def _take_office_holders(self, conn: Connection, a: Analysis, e: Entity, entity_pk: int, gender: str | None,
                             links: list[dict]) -> Entity | None:
        """Of a bare surname the article names nobody in full for, and the outlet and period leave
        unresolved, link the mentions after a title, or before a president's office ("the Obama
        administration"), that exactly one bearer on file holds (``title-holder``), when that
        bearer is named in full in at least ``INFER_MIN_ARTICLES`` articles, is of no gender the
        mention's honorific or pronouns rule out, and no other bearer runs for office. Returns the
        entity with its other mentions, or None when every mention was linked so.

        Why: "the Obama administration" in an article naming no Obama is the president's whoever
        else named Obama the month's articles name (his wife); the office settles it where the
        share of articles cannot."""
        sur = surname(fold(e.name))
        held = [(p, self._people.roles.get(p, set())) for p in sorted(self._people.full_name_people(sur))]
        claimed = [(None, r.text) for r in e.roles]
        return self._link_titled(conn, a, e, entity_pk, held, claimed, links, offices=True, gender=gender)

    def _link_titled(self, conn: Connection, a: Analysis, e: Entity, entity_pk: int,
                     held: list[tuple[int, set[str]]], claimed: list[tuple[int | None, str]], links: list[dict],
                     *, offices: bool = False, gender: str | None = None) -> Entity | None:
        """Link each mention of ``e`` after a title (with ``offices``, also before a president's
        office) that exactly one of ``held`` (person, role words) holds to that person
        (``title-holder``), unless another bearer runs for office (``claimed``: the article's roles
        by person) or, with ``gender``, the holder is known to be of the other gender. Returns the
        entity with its other mentions, or None when every mention was linked so."""
        text = a.article.text
        sur = surname(fold(e.name))
        taken: dict[int, list[tuple[int, int]]] = {}
        for s, t in e.mentions:
            title = _title_before(text, s)
            if title and _hypothetical_title(text, s):
                continue
            title = title or (_office_after(text, s, t) if offices else frozenset())
            fit = {p for p, roles in held if roles & title} if title else set()
            if len(fit) != 1 or self._runs_for_office(sur, fit, [r for p, r in claimed if p not in fit]):
                continue
            pid = fit.pop()
            if offices and (self._people.by_person.get(pid, 0) < INFER_MIN_ARTICLES
                            or gender in ("male", "female") and self._people.gender.get(pid) not in (gender, None, "unknown")):
                continue
            taken.setdefault(pid, []).append((s, t))
        if not taken:
            return e
        moved = {m for spans in taken.values() for m in spans}
        rest = [m for m in e.mentions if m not in moved]
        # When every mention is so linked, the entity itself goes to the bearer of most of them.
        keep = None if rest else max(taken, key=lambda p: (len(taken[p]), -p))
        for n, (pid, spans) in enumerate(sorted(taken.items())):
            if pid == keep:
                links.append({"entity_pk": entity_pk, "person_id": pid, "method": "title-holder", "score": 100.0,
                              "confidence": TITLE_HOLDER_CONFIDENCE, "surname_key": None})
            else:
                self._move_mentions(conn, entity_pk, f"{e.id}/held{n}", text, spans, [], "",
                                    link=(pid, TITLE_HOLDER_CONFIDENCE))
        return replace(e, mentions=rest) if rest else None

    def _runs_for_office(self, sur: str, holders: set[int], article_roles: list[str]) -> bool:
        """Whether a bearer of the surname other than the title's ``holders`` runs for an office:
        one articles call a candidate or nominee when naming them in full, or one the article
        itself calls so (``article_roles``: the roles it gives its other bearers of the surname).

        Why: such a bearer may be the one a title means, as the office they hope for
        ("President Clinton will face ..." of the nominee, in an article naming only her or only
        her husband), so another bearer's holding that title is no evidence the mention is
        theirs. Which office is sought ("presidential nominee") is not read, so any candidacy counts."""
        return bool(self._people.office_seekers(sur) - holders) or any(seeks_office(r) for r in article_roles)

    def _settle_in_article(self, sur: str, named: list[Entity], pids: list[int | None], a: Analysis,
                           bare: Entity) -> tuple[Match, bool]:
        """A bare surname the article's own evidence left between several people it names in full:
        the one the article names most (strictly more mentions than each other), if the outlet
        and period also name that one in full far more often (``PersonIndex.likeliest``); else
        the same when the article itself is not counted in the period, or the one the article is
        overwhelmingly about (``_dominant``). The flag says the choice rests on thin evidence, so
        each mention must pass the stricter checks of ``_keep_nearest``.

        "Names most" counts the mentions that carry the surname: a bearer the article goes on to
        call by first name alone ("Melania", "Jeb") is the one its bare surname does not mean, so
        those mentions are no weight for them (an article on Melania Trump's speech names her 14
        times, 4 as "Melania", and Donald Trump 13 times; its bare "Trump" is his)."""
        among = {p for p in pids if p is not None}
        weight: Counter = Counter()
        text = a.article.text
        for x, p in zip(named, pids):
            if p is not None:
                weight[p] += sum(surname(fold(text[s:t])) == sur for s, t in x.mentions)
        ranked = weight.most_common(2)
        ambiguous = Match(None, "unresolved", 0.0, None, f"ambiguous in article: {len(named)} people named '{sur}'")
        if len(among) < 2 or len(ranked) < 2 or ranked[0][1] <= ranked[1][1]:
            return ambiguous, False
        outlet, month = a.article.outlet, month_of(a.article.date)
        match = self._people.likeliest(sur, among, outlet, month)
        if match.person_id is not None:
            return (match if match.person_id == ranked[0][0] else ambiguous), False
        thin = self._people.likeliest(sur, among, outlet, month, without_own=True)
        if thin.person_id is not None:
            return (thin if thin.person_id == ranked[0][0] else ambiguous), True
        return self._dominant(sur, named, pids, weight, a, bare) or match, True

    def _dominant(self, sur: str, named: list[Entity], pids: list[int | None], weight: Counter, a: Analysis,
                  bare: Entity) -> Match | None:
        """The bearer of a shared surname an article is overwhelmingly about, for its bare mentions
        (``article-dominant``), or None: named at least ``DOMINANT_MIN_MENTIONS`` times and
        ``DOMINANT_RATIO`` times as often as all the others together, of no gender the bare
        mentions' honorific or pronouns rule out, and no other bearer the outlet and period name
        in full in more articles (the article itself not counted). ``_keep_nearest`` then keeps
        only the mentions far from every other bearer.

        Why: an article about Bernie Sanders that names his wife once, or a senator's profile
        that names a victim sharing his surname, otherwise leaves every later bare surname open,
        and a thin corpus (a senator two outlets name once each) cannot break the tie. Why this
        strictly: one wrong bare "Clinton" merges Bill with Hillary, so an article naming the
        other bearer more than a few times (a Bill Clinton profile naming his wife nine times)
        is left alone.
        """
        (top, n), = weight.most_common(1)
        others = sum(weight.values()) - n
        if n < DOMINANT_MIN_MENTIONS or n < DOMINANT_RATIO * others:
            return None
        gender = self._bearer_gender(top, named, pids)
        if bare.gender in ("male", "female") and gender != bare.gender:
            return None
        own = frozenset(p for p in pids if p is not None)
        if self._people.rival(sur, top, a.article.outlet, month_of(a.article.date), own):
            return None
        name = self._people.display.get(top, ("?", ""))[0]
        return Match(top, "article-dominant", 100.0, round(n / (n + others + 1), 3),
                     f"the article names {len({p for p in pids if p is not None})} people '{sur}' and names {name} "
                     f"{n} times, the others {others}; the mention is far from the others")

    def _bearer_gender(self, pid: int, named: list[Entity], pids: list[int | None]) -> str | None:
        """A person's gender as the registry, the article's entity or the first name gives it."""
        for x, p in zip(named, pids):
            if p == pid:
                for g in (self._people.gender.get(pid), x.gender, first_name_gender(first_name(fold(x.name)))):
                    if g in ("male", "female"):
                        return g
        return None

    def _keep_nearest(self, conn: Connection, a: Analysis, e: Entity, entity_pk: int, named: list[Entity],
                      pids: list[int | None], match: Match, unresolved: list[dict], strict: bool = False) -> None:
        """Of a surname settled among the article's same-surname people, keep the mentions that do
        not follow closely (``RIVAL_NEAR_CHARS``) on a full-name mention of one of the others:
        those are likely about that other person ("Gore distanced himself from Clinton" a
        sentence after "Bill Clinton") and stay unresolved. When the choice rests on thin
        evidence (``strict``), also those in a paragraph naming another bearer, after an honorific
        or title that does not fit the chosen one, or modifying a noun or name ("a Bush lawyer",
        "the Bush name", "the Clinton White House": a family, an office or another generation's
        administration as often as the person)."""
        text = a.article.text
        full = _full_name_mentions(text, named, pids)
        near = [(s, t) for s, t in e.mentions if _after_rival(full, s, match.person_id)]
        unfit = [(s, t) for s, t in e.mentions if strict and (s, t) not in near and (
            _modifies_a_noun(text, t) or not self._fits_bearer(text, s, named, pids, match.person_id))]
        sur = surname(fold(e.name))
        if len(near) + len(unfit) == len(e.mentions):
            match.person_id, match.method, match.reason = None, "unresolved", (
                "ambiguous in article: each mention closely follows the full name of another person "
                f"named '{sur}'" if not unfit else f"ambiguous in article: {len(named)} people named '{sur}' "
                "and no mention is far from the others, in a plain use that fits the one named most")
            return
        if near:
            self._move_mentions(conn, entity_pk, f"{e.id}/other", text, near, unresolved,
                                f"ambiguous in article: it closely follows the full name of another person named '{sur}'")
        if unfit:
            self._move_mentions(conn, entity_pk, f"{e.id}/unfit", text, unfit, unresolved,
                                f"ambiguous in article: {len(named)} people named '{sur}'; near another of them, "
                                f"modifying a noun, or after an honorific or title that does not fit "
                                f"{self._people.display.get(match.person_id, ('?', ''))[0]}")

    def _fits_bearer(self, text: str, s: int, named: list[Entity], pids: list[int | None], top: int | None) -> bool:
        """Whether a bare mention may go to the article's dominant bearer ``top``: no other bearer
        mentioned in its paragraph, and no honorific of another gender or title ``top`` is not given."""
        para = (text.rfind("\n", 0, s) + 1, text.find("\n", s) % (len(text) + 1))
        if any(para[0] <= ms < para[1] for x, p in zip(named, pids) if p != top for ms, _ in x.mentions):
            return False
        honorific = _honorific_before(text, s)
        if honorific and honorific != self._bearer_gender(top, named, pids):
            return False
        known = self._people.roles.get(top, set()).union(
            *(role_words(r.text) for x, p in zip(named, pids) if p == top for r in x.roles))
        return not _title_before(text, s) - known

    def _split_surname_mentions(self, conn: Connection, a: Analysis, e: Entity, entity_pk: int, pid: int,
                                unresolved: list[dict]) -> None:
        """Take apart the bare-surname mentions of a full-name entity that may mean someone else,
        leaving them unresolved with the reason: all of them when a likelier bearer of the surname
        is on file (``PersonIndex.rival``), except one right after an honorific of the person's
        gender (``Mr.`` for Bill Clinton: the article says whom it means); one after an
        honorific of the other gender always; and one after a title only another bearer of the
        surname is given (``PersonIndex.role_holders``). When exactly one other bearer holds a
        title written right before the mention, not as a hypothetical ("a President Clinton"),
        the mention is theirs (``title-holder``): "Secretary Clinton" in an article naming only
        Bill Clinton in full is the Clinton articles call secretary; not while another bearer runs
        for office (``_runs_for_office``: "President Clinton" in one naming only the nominee).
        """
        sur = surname(fold(e.name))
        text = a.article.text
        gender = next((g for g in (self._people.gender.get(pid), e.gender, first_name_gender(first_name(fold(e.name))))
                       if g in ("male", "female")), None)
        bare = [(s, t, _honorific_before(text, s)) for s, t in e.mentions if fold(text[s:t]) == sur]
        # "Mrs. Obama" in an article that names only Barack Obama is not him, whoever else is on file.
        other = [(s, t) for s, t, h in bare if h and gender in ("male", "female") and h != gender]
        if other:
            self._move_mentions(conn, entity_pk, f"{e.id}/honorific", text, other, unresolved,
                                f"ambiguous in article: the honorific says {'a man' if gender == 'female' else 'a woman'}, "
                                f"but {e.name} is {gender}")
        spans = [(s, t) for s, t, h in bare if not h or not gender]
        # "President Obama" in an article naming only Michelle Obama, "the Bush administration" in
        # one naming only Jeb Bush: a title or office that articles give another bearer in full,
        # never this one, says the mention is not theirs.
        titled: dict[tuple[str, tuple[int, ...], bool], list[tuple[int, int]]] = {}
        for s, t in spans:
            before = _title_before(text, s)
            title = before or _office_after(text, s, t)
            holders = self._people.role_holders(sur, pid, title)
            if holders:
                taken = (bool(before) and len(holders) == 1 and not _hypothetical_title(text, s)
                         and not self._runs_for_office(sur, set(holders), [r.text for r in e.roles]))
                titled.setdefault((", ".join(sorted(title)), tuple(holders), taken), []).append((s, t))
        for n, ((role, holders, taken), moved) in enumerate(sorted(titled.items())):
            holder = self._people.display.get(holders[0], ("?", ""))[0]
            if taken:
                self._move_mentions(conn, entity_pk, f"{e.id}/title{n}", text, moved, unresolved, "",
                                    link=(holders[0], TITLE_HOLDER_CONFIDENCE))
            else:
                self._move_mentions(conn, entity_pk, f"{e.id}/title{n}", text, moved, unresolved,
                                    f"ambiguous in article: the title before it or the office after it ({role}) is "
                                    f"one articles give {holder} when naming them in full, never {e.name}")
            spans = [x for x in spans if x not in moved]
        why = self._people.rival(sur, pid, a.article.outlet, month_of(a.article.date)) if spans else None
        if why:
            self._move_mentions(conn, entity_pk, f"{e.id}/surname", text, spans, unresolved,
                                f"ambiguous in article: joined to {e.name} by the surname alone, but {why}")

    def _move_mentions(self, conn: Connection, entity_pk: int, local_id: str, text: str,
                       spans: list[tuple[int, int]], unresolved: list[dict], reason: str,
                       link: tuple[int, float] | None = None) -> None:
        """Move some mentions of a stored entity (and the quotes they speak) to a new entity
        ``local_id`` of their own, left unresolved with ``reason``: how the store keeps apart the
        mentions of one article entity that the corpus shows may mean someone else. With ``link``
        (person, confidence) the new entity is linked to that person (``title-holder``) instead."""
        split = conn.execute(insert(EntityRow).returning(EntityRow.id), {
            "article_pk": self._article_pk(conn, entity_pk), "local_id": local_id,
            "name": text[spans[0][0]:spans[0][1]], "type": "PERSON"}).scalar_one()
        for s, t in spans:
            conn.execute(update(MentionRow).where(MentionRow.entity_pk == entity_pk, MentionRow.start == s)
                         .values(entity_pk=split))
            conn.execute(update(QuoteRow).where(QuoteRow.speaker_entity_pk == entity_pk, QuoteRow.speaker_start >= s,
                                                QuoteRow.speaker_end <= t).values(speaker_entity_pk=split))
        if link is not None:
            conn.execute(insert(PersonLinkRow).values(entity_pk=split, person_id=link[0], method="title-holder",
                                                      score=100.0, confidence=link[1], surname_key=None))
            return
        unresolved.append({"entity_pk": split, "surname_key": surname(fold(text[spans[0][0]:spans[0][1]])),
                           "reason": reason})

    @staticmethod
    def _article_pk(conn: Connection, entity_pk: int) -> int:
        return conn.execute(select(EntityRow.article_pk).where(EntityRow.id == entity_pk)).scalar_one()

    def _person_for(self, conn: Connection, match: Match, name: str, key: str) -> int:
        """The matched person (adopting a fuller display name) or a new one; a name mis-decoded
        by its source ("FranÃ§ois") is shown as written before that (``repaired``)."""
        name = repaired(name)
        if match.person_id is None:
            pid = conn.execute(insert(PersonRow).returning(PersonRow.id),
                               {"name": name, "key": key, "surname_key": surname(key)}).scalar_one()
            self._people.display[pid] = (name, key)
            return pid
        pid = match.person_id
        if self._people.better_name(pid, name, key):
            conn.execute(update(PersonRow).where(PersonRow.id == pid).values(name=name, key=key))
        return pid

    def _apply_bare(self, conn: Connection, entity_pk: int, key: str, match: Match, name: str,
                    links: list[dict], unresolved: list[dict], touched: set[int]) -> None:
        """Record a bare surname's resolution: a link (inferred, register, or a person known only by
        this surname when nobody else bears it) or an unresolved row with the reason."""
        if match.method == "unresolved":
            unresolved.append({"entity_pk": entity_pk, "surname_key": key, "reason": match.reason or ""})
            return
        if match.method == "new":
            existing = self._people.by_key.get(key)
            pid = existing if existing is not None else self._person_for(conn, match, name, key)
            self._people.add(pid, key)
            match = Match(pid, "surname-only", 100.0)
        links.append({"entity_pk": entity_pk, "person_id": match.person_id, "method": match.method,
                      "score": match.score, "confidence": match.confidence, "surname_key": key})
        touched.add(match.person_id)

    def _reresolve(self, conn: Connection, dirty: set[str], fresh: set[int]) -> set[int]:
        """Re-resolve the stored bare surnames whose evidence changed: only the dirty surnames'
        rows (not a corpus rebuild); returns the people whose links changed."""
        if not dirty:
            return set()
        rows: list[tuple] = []
        surnames = sorted(dirty)
        for n in range(0, len(surnames), 500):
            part = surnames[n:n + 500]
            rows += conn.execute(
                select(PersonLinkRow.entity_pk, PersonLinkRow.surname_key, ArticleRow.outlet, ArticleRow.date,
                       EntityRow.gender, EntityRow.name, PersonLinkRow.person_id, PersonLinkRow.method,
                       PersonLinkRow.confidence)
                .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
                .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
                .where(PersonLinkRow.surname_key.in_(part),
                       PersonLinkRow.method.not_in(("register", "article-likeliest", "article-dominant")))).all()
            rows += conn.execute(
                select(PersonUnresolvedRow.entity_pk, PersonUnresolvedRow.surname_key, ArticleRow.outlet,
                       ArticleRow.date, EntityRow.gender, EntityRow.name, literal(None), literal("unresolved"),
                       literal(None))
                .join(EntityRow, EntityRow.id == PersonUnresolvedRow.entity_pk)
                .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
                .where(PersonUnresolvedRow.surname_key.in_(part),
                       PersonUnresolvedRow.reason.not_like("ambiguous in article%"),
                       PersonUnresolvedRow.reason.not_like("not a person%"))).all()
        links: list[dict] = []
        unresolved: list[dict] = []
        touched: set[int] = set()
        left: set[int] = set()
        claimed: dict[int, set[str]] = {}
        pks = [r[0] for r in rows if r[0] not in fresh]
        for n in range(0, len(pks), 500):
            for epk, text in conn.execute(select(RoleRow.entity_pk, RoleRow.text)
                                          .where(RoleRow.entity_pk.in_(pks[n:n + 500]))):
                claimed.setdefault(epk, set()).update(role_words(text))
        for epk, key, outlet, date, gender, name, pid, method, confidence in rows:
            if epk in fresh:
                continue
            match = self._people.infer(key, outlet, month_of(date), gender, frozenset(claimed.get(epk, ())))
            if match.method == "new" or (match.person_id == pid and match.method == method
                                         and match.confidence == confidence):
                continue
            if method == "unresolved" and match.method == "unresolved":
                continue
            if pid is None:
                conn.execute(delete(PersonUnresolvedRow).where(PersonUnresolvedRow.entity_pk == epk))
            else:
                conn.execute(delete(PersonLinkRow).where(PersonLinkRow.entity_pk == epk))
                left.add(pid)
            self._apply_bare(conn, epk, key, match, name, links, unresolved, touched)
        if links:
            conn.execute(insert(PersonLinkRow), links)
        if unresolved:
            conn.execute(insert(PersonUnresolvedRow), unresolved)
        return (touched | left) - self._drop_orphans(conn, left)

    def _drop_orphans(self, conn: Connection, person_ids: set[int]) -> set[int]:
        """Delete people left with no article link (a surname-only record whose mentions were
        resolved) and say which were deleted."""
        dropped: set[int] = set()
        for pid in sorted(person_ids):
            linked = conn.execute(select(PersonLinkRow.entity_pk).where(PersonLinkRow.person_id == pid).limit(1)).first()
            pinned = conn.execute(select(PersonRow.pinned).where(PersonRow.id == pid)).scalar()
            if linked is None and not pinned:
                conn.execute(delete(PersonRow).where(PersonRow.id == pid))
                self._people.forget(pid)
                dropped.add(pid)
        return dropped

    @staticmethod
    def _refresh_party(conn: Connection, person_ids: set[int]) -> None:
        """A person's party from the party tags articles give them (``R-Fla.``), when one party
        has a strict majority; ``party_source`` says ``article``. A register's party is kept."""
        ids = sorted(person_ids)
        for n in range(0, len(ids), 500):
            part = ids[n:n + 500]
            tags: dict[int, Counter] = {}
            for pid, text in conn.execute(
                select(PersonLinkRow.person_id, RoleRow.text)
                .join(RoleRow, RoleRow.entity_pk == PersonLinkRow.entity_pk)
                .where(PersonLinkRow.person_id.in_(part), PersonLinkRow.surname_key.is_(None))
            ):
                m = _PARTY_TAG.match(text)
                if m:
                    tags.setdefault(pid, Counter())[PARTIES[m.group(1)]] += 1
            sources = dict(conn.execute(select(PersonRow.id, PersonRow.party_source).where(PersonRow.id.in_(part))).all())
            for pid, votes in tags.items():
                ranked = votes.most_common(2)
                if sources.get(pid) == "register" or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
                    continue
                conn.execute(update(PersonRow).where(PersonRow.id == pid).values(party=ranked[0][0], party_source="article"))

    def _refresh_gender(self, conn: Connection, person_ids: set[int]) -> None:
        if not person_ids:
            return
        ids = sorted(person_ids)
        votes: dict[int, list[tuple[str, str, str]]] = {pid: [] for pid in ids}
        names: dict[int, str] = {}
        current: dict[int, tuple] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = conn.execute(
                select(PersonLinkRow.person_id, EntityRow.gender, EntityRow.gender_source, EntityRow.gender_evidence,
                       EntityRow.article_pk)
                .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
                .where(PersonLinkRow.person_id.in_(part), EntityRow.gender.is_not(None))
            )
            for pid, g, src, ev, apk in rows:
                votes[pid].append((g, src or "", f"article {apk}: {ev}" if ev else f"article {apk}"))
            for pid, key, *verdict in conn.execute(
                select(PersonRow.id, PersonRow.key, PersonRow.gender, PersonRow.gender_source,
                       PersonRow.gender_evidence).where(PersonRow.id.in_(part))
            ):
                names[pid] = key
                current[pid] = tuple(verdict)
        for pid in ids:
            if current[pid][1] == "register":  # the user's register fixes gender
                continue
            verdict = gender_mod.decide(votes[pid], first_name(names[pid]))
            self._people.gender[pid] = verdict[0]
            if verdict != current[pid]:
                conn.execute(update(PersonRow).where(PersonRow.id == pid).values(
                    gender=verdict[0], gender_source=verdict[1], gender_evidence=verdict[2]))


#: Entity types whose one-word names are counted to tell a person's name from an organisation's or a place's.
_WORD_KINDS = ("PERSON", "ORG", "GPE", "LOC")

#: A bare surname this close after a full-name mention of another person with that surname may
#: be about them: about two sentences of news prose.
RIVAL_NEAR_CHARS = 300
#: Confidence of a bare surname linked to the one other bearer its title is given to (``title-holder``).
TITLE_HOLDER_CONFIDENCE = 0.8
#: An article's dominant bearer of a shared surname (``Store._dominant``): at least this many
#: mentions, and this many times as many as all other bearers of the surname together.
DOMINANT_MIN_MENTIONS = 5
DOMINANT_RATIO = 4
#: Words after a surname that make it a family's, a name's or a period's ("the Bush name").
_FAMILY_NOUNS = frozenset("family families dynasty clan name names era years legacy".split())

def _not_a_person(name: str, key: str, signs: bool, places: set[str]) -> str | None:
    """Why a name of several words is not a person's (the reason, starting "not a person"), or None:
    only initials ("O.K."), initials before one of the article's place names ("N. Korea"), or
    English words without a first name and without any sign of a person ("Squawk Box")."""
    if all(len(w) == 1 for w in key.split()):
        return f"not a person: {name!r} is only initials"
    if all(len(w) == 1 for w in key.split()[:-1]) and surname(key) in places:
        return f"not a person: {name!r} is an abbreviated place name"
    if not signs and made_of_words(name, english_words(get_settings().model)):
        return f"not a person: no first name, English words, and no role, honorific or quote for {name!r}"
    if not signs and coined_of_words(name, english_words(get_settings().model)):
        return (f"not a person: {name!r} is two English words, a first name only second, with no role, "
                "honorific or quote")
    return None


def _full_name_mentions(text: str, named: list[Entity], pids: list[int | None]) -> list[tuple[int, int | None]]:
    """(start, person) of every full-name mention of these entities, in text order."""
    return sorted((s, p) for x, p in zip(named, pids) for s, t in x.mentions if len(fold(text[s:t]).split()) > 1)


def _after_rival(full: list[tuple[int, int | None]], start: int, person: int | None) -> bool:
    """Whether the nearest full-name mention before ``start`` is of someone else and close."""
    before = [(s, p) for s, p in full if s < start]
    return bool(before) and before[-1][1] != person and start - before[-1][0] <= RIVAL_NEAR_CHARS


_HONORIFIC_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether a mention ending at ``end`` is written before a noun it modifies, read without a
    parser: a capitalised word on its line ("Clinton White House"), an organisation, family or
    period noun ("campaign", "name", "years"), or a word that is only ever a noun ("lawyer",
    "supporters", "outpost"). A possessive ("Clinton's aides") is the person's own."""
    words = text[end:text.find("\n", end) % (len(text) + 1)].split()
    if not words or not words[0][0].isalpha():
        return False
    word = words[0].rstrip(".,;:!?\"”’)").lower()
    if words[0][0].isupper():
        return True
    if word in ORG_HEADS or word in _FAMILY_NOUNS:
        return True
    if word in STOP_WORDS:  # "as", "has", "may": WordNet also lists them as nouns
        return False
    nouns = noun_only_words(get_settings().model)
    return (word in nouns
            or word.endswith("s") and (word[:-1] in nouns or word[:-1] in ORG_HEADS))


#: Words after a surname naming a president's office and term ("the Bush administration").
_PRESIDENTS_OFFICE = re.compile(r"\s+(?:administrations?|presidency|presidencies|White House)\b")


def _office_after(text: str, start: int, end: int) -> frozenset[str]:
    """``{"president"}`` when the mention names a president's office or term, one that was ("the
    Bush administration", "the Clinton White House"), else empty; "a Clinton administration" is
    one a candidate may yet lead."""
    before = text[max(0, start - 5):start].split()
    definite = bool(before) and before[-1].lower() == "the"
    return frozenset({"president"}) if definite and _PRESIDENTS_OFFICE.match(text, end) else frozenset()


def _hypothetical_title(text: str, start: int) -> bool:
    """Whether the capitalised title before a mention follows "a", "an" or "another" ("a President
    Clinton would ..."): an office someone may hold, not the one who holds it."""
    words = text[text.rfind("\n", 0, start) + 1:start].split()
    while words and words[-1][:1].isupper():
        words.pop()
    return bool(words) and words[-1].lower() in {"a", "an", "another"}


def _honorific_before(text: str, start: int) -> str | None:
    """The gender of a ``Mr.``/``Mrs.``/``Ms.`` right before a mention, else None."""
    words = text[max(0, start - 6):start].split()
    return _HONORIFIC_GENDER.get(words[-1].rstrip(".").lower()) if words else None


def _full_name_roles(entity: Entity, one_word: set[int]) -> set[str]:
    """The role words an entity's roles give the person named in full, for the registry: not a
    title right before a one-word mention (``one_word`` holds the article's one-word mention
    starts). Why: "President Obama", joined to the only Obama an article names in full (Michelle),
    would otherwise make her a president on file and draw the next bare "Obama" to her."""
    return set().union(*(role_words(r.text) for r in entity.roles
                         if not any(r.end <= s <= r.end + 2 for s in one_word)))


def _title_before(text: str, start: int) -> frozenset[str]:
    """The role words of the capitalised title right before a mention on its line ("Like
    President Obama" → president, "former Sen. Cheney" → sen), empty when there is none."""
    words: list[str] = []
    for w in reversed(text[text.rfind("\n", 0, start) + 1:start].split()[-4:]):
        if not w[:1].isupper() or w[-1] in ",;:\"”’)":
            break
        words.append(w)
    return role_words(" ".join(words))


def _person_roles(entity: Entity) -> list:
    """The entity's claimed roles that a person can hold: not a description whose head noun is an
    organisation's ("the official Chinese news agency"; "a member of the group" is a member)."""
    heads = [re.findall(r"[a-z]+", r.text.lower().split(" of ")[0]) for r in entity.roles]
    return [r for r, h in zip(entity.roles, heads) if not h or h[-1] not in ORGANISATION_NOUNS]


def _person_signs(entity: Entity, speakers: set[str]) -> bool:
    """Whether the article shows the entity is a person: a claimed role, a gender signal, an
    epithet, or a quote attributed to it."""
    return bool(_person_roles(entity) or entity.gender or entity.labels or entity.id in speakers)


def _bare_word_signs(entity: Entity, key: str, speakers: set[str]) -> bool:
    """Whether the article shows a one-word name is a person's: a claimed role, an epithet, or an
    honorific's or pronoun's gender (a quote alone does not: "Politico reported"). For a word of
    English that is no first name the gender needs a quote beside it, and so does an epithet before
    any word of English: "Miss Universe" and "Miss Manners" name a pageant and a column, "Common
    Core" a standard; "said Mr. Pike" is a man."""
    if key in INSTITUTION_HEADS:  # "Library" of "the Clinton Presidential Library"
        return False
    if _person_roles(entity):
        return True
    words = english_words(get_settings().model)
    if entity.labels and (entity.id in speakers or key not in words):
        return True  # an epithet before a word of English ("Common Core" standards) shows no person
    return bool(entity.gender) and (entity.id in speakers or not made_of_words(key, words))


def open_store(url: str | None = None) -> Store:
    """Connect, check and migrate the database before any work; raise StoreError with one clear message."""
    if url is None:
        url = get_settings().db
    url = normalise_url(url)
    engine = _make_engine(url)
    display = engine.url.render_as_string(hide_password=True)
    # The first connection of a new SQLite file switches it to WAL, which needs the file to itself:
    # taken while another process migrates it, that fails at once with 'database is locked' (the busy
    # timeout does not apply to it), so the probe runs under the same lock as the migration.
    with _sqlite_migration_lock(engine):
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot reach database {display}: {reason}") from None
        try:
            _migrate(engine, display)
        except StoreError:
            engine.dispose()
            raise
    return Store(engine, display)

