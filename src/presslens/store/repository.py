"""Open a presslens database (SQLite or PostgreSQL) and save analyses into it.

Why the shape: a corpus run must be idempotent and survive ``kill -9``. Each chunk of
analyses is written in one transaction (articles, their entities, quotes, techniques, the
people they link to and any rejections), so a killed run leaves only whole chunks behind, and
an article whose content hash is already stored is skipped and counted, so the rerun picks up
exactly where the last commit ended. The database is checked before any work starts: an
unreachable URL or a schema newer than this code fails at once with one clear message, and an
older schema is upgraded in place by the bundled alembic migrations.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from presslens.model import Analysis, Rejection
from presslens.store import gender as gender_mod
from presslens.store.people import PersonIndex, first_name, fold, merge_within_article, surname
from presslens.store.schema import (
    ArticleRow,
    EntityRow,
    MentionRow,
    PersonLinkRow,
    PersonRow,
    QuoteRow,
    RejectionRow,
    RoleRow,
    TechniqueRow,
    utcnow,
)

MIGRATIONS = Path(__file__).parent / "migrations"


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


def _migrate(engine: Engine, display_url: str) -> None:
    """Refuse a schema newer than the code; upgrade an older (or empty) one to head."""
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
            for pid, name, key in conn.execute(select(PersonRow.id, PersonRow.name, PersonRow.key)):
                index.add(pid, key)
                index.display[pid] = (name, key)
            # Every variant already linked to a person resolves to it exactly.
            variants = conn.execute(
                select(PersonLinkRow.person_id, EntityRow.name).join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
            )
            for pid, name in variants:
                index.add(pid, fold(name))
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

    def save(self, items: Iterable[Analysis | Rejection]) -> SaveResult:
        """Store one chunk in one transaction; already-stored articles are skipped and counted."""
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
                    })
                    for a in analyses
                ],
            )
        )
        # Entities, keyed (article index, local id); a surname-only person entity is folded
        # into its full-name entity of the same article before anything else is written.
        entity_rows: list[dict] = []
        aliases: list[dict[str, str]] = []
        for i, a in enumerate(analyses):
            alias = merge_within_article(a.entities)
            aliases.append(alias)
            for e in a.entities:
                ev = gender_mod.entity_evidence(e, a.quotes) if e.type == "PERSON" else []
                g, src, detail = gender_mod.summarise(ev)
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

        mentions, roles, quotes, techniques = [], [], [], []
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
                               "technique": t.technique, "score": t.score, "in_quote": t.in_quote}
                              for t in a.techniques)
        for model, rows in ((MentionRow, mentions), (RoleRow, roles), (QuoteRow, quotes), (TechniqueRow, techniques)):
            if rows:
                conn.execute(insert(model), [_no_nul(r) for r in rows])
        self._link_people(conn, analyses, aliases, pk_of)

    def _link_people(self, conn: Connection, analyses: list[Analysis], aliases: list[dict[str, str]],
                     pk_of: dict[tuple[int, str], int]) -> None:
        """Resolve every PERSON entity of the chunk to a corpus person, then refresh their gender."""
        links: list[dict] = []
        touched: set[int] = set()
        for i, a in enumerate(analyses):
            by_id = {e.id: e for e in a.entities}
            for e in a.entities:
                if e.type != "PERSON":
                    continue
                target = by_id[aliases[i][e.id]] if e.id in aliases[i] else e
                key = fold(target.name)
                if not key:
                    continue
                match = self._people.resolve(key)
                if match.person_id is None:
                    pid = conn.execute(
                        insert(PersonRow).returning(PersonRow.id),
                        {"name": target.name, "key": key, "surname_key": surname(key)},
                    ).scalar_one()
                    self._people.display[pid] = (target.name, key)
                    method, score = match.method, 100.0
                else:
                    pid, method, score = match.person_id, match.method, match.score
                    if self._people.better_name(pid, target.name, key):
                        conn.execute(update(PersonRow).where(PersonRow.id == pid).values(name=target.name, key=key))
                if target is not e:
                    method = f"article-surname/{method}"
                self._people.add(pid, key)
                links.append({"entity_pk": pk_of[(i, e.id)], "person_id": pid, "method": method, "score": score})
                touched.add(pid)
        if links:
            conn.execute(insert(PersonLinkRow), links)
        self._refresh_gender(conn, touched)

    @staticmethod
    def _refresh_gender(conn: Connection, person_ids: set[int]) -> None:
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
            verdict = gender_mod.decide(votes[pid], first_name(names[pid]))
            if verdict != current[pid]:
                conn.execute(update(PersonRow).where(PersonRow.id == pid).values(
                    gender=verdict[0], gender_source=verdict[1], gender_evidence=verdict[2]))


def open_store(url: str | None = None) -> Store:
    """Connect, check and migrate the database before any work; raise StoreError with one clear message."""
    if url is None:
        from presslens.settings import get_settings

        url = get_settings().db
    url = normalise_url(url)
    engine = _make_engine(url)
    display = engine.url.render_as_string(hide_password=True)
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

