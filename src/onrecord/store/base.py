"""The store's query API, shared by SQLite and PostgreSQL.

Everything here is written once in SQL both dialects accept (``?`` placeholders, rewritten for
psycopg); a backend supplies the connection and the two things that differ: how full-text
search is indexed and queried. Writes accumulate in a transaction until ``commit``; a
``Store`` is not thread-safe, so open one per thread (cheap for both backends).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Self

from onrecord.document import DocumentError
from onrecord.errors import OnrecordError
from onrecord.record import Article, Attribution
from onrecord.store import identity
from onrecord.store.rows import DocumentRow, ErrorRow, QuoteRow, SearchHit, SpeakerRow, Stats
from onrecord.store.schema import LATEST, MIGRATIONS_TABLE, Dialect, migrations
from onrecord.store.search import search_terms

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_IN_CHUNK = 500
_PAGE = 1000
_NO_LIMIT = 2**62


class StoreError(OnrecordError):
    """The store cannot be opened or used."""


class StoreConflict(StoreError):
    """A document id is already stored with a different text."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def published_date(metadata: dict[str, Any]) -> str | None:
    """The article's date as YYYY-MM-DD when its metadata has an ISO date or datetime."""
    value = metadata.get("date") or metadata.get("published")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value[:10]
    return None


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_HIT_COLUMNS = """a.doc_id, a.attr_id, a.kind, a.content, a.speaker_name, a.speaker_id, s.name,
    d.title, d.published, d.source, a.confidence"""

_QUOTE_COLUMNS = """a.doc_id, a.attr_id, a.position, a.kind, a.confidence, a.content, a.cue,
    a.speaker_name, a.speaker_id, s.name, d.title, d.published, d.source, d.url"""

EXPORT_COLUMNS: tuple[str, ...] = (
    "doc_id", "source", "title", "url", "published", "attr_id", "position", "kind",
    "confidence", "speaker", "speaker_type", "speaker_id", "speaker_name", "content",
    "content_start", "content_end", "cue", "cue_start", "cue_end", "source_text",
    "in_boilerplate", "parent",
)  # fmt: skip


class Store(ABC):
    """An onrecord store: documents and their attributions, speakers across articles, and
    the inputs that failed. Use as a context manager, or call ``close``."""

    dialect: Dialect

    def __init__(self, conn: Any, target: str) -> None:
        self._conn = conn
        self.target = target
        self._dirty = False

    # -- the dialect's part -------------------------------------------------------------

    @abstractmethod
    def _sql(self, sql: str) -> str:
        """The statement with this driver's placeholders."""

    @abstractmethod
    def _index_search(self, doc_id: str) -> None:
        """Make a newly added document's attributions searchable."""

    @abstractmethod
    def _search_rows(
        self, terms: list[str], limit: int, offset: int, min_confidence: float
    ) -> list[tuple[Any, ...]]:
        """Rows of ``_HIT_COLUMNS`` plus a score (higher is better), best first, of
        attributions at least ``min_confidence`` sure."""

    def _begin(self) -> None:
        """Open the batch's transaction if none is open (PostgreSQL always has one)."""
        return None

    # -- plumbing -----------------------------------------------------------------------

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def _write(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._dirty = True
        return int(self._exec(sql, params).rowcount)

    def _write_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._dirty = True
        cur = self._conn.cursor()
        try:
            cur.executemany(self._sql(sql), [tuple(r) for r in rows])
        finally:
            cur.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows = [tuple(r) for r in self._exec(sql, params).fetchall()]
        self._end_read()
        return rows

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _end_read(self) -> None:
        """Called after each read; PostgreSQL ends its snapshot there."""
        return None

    def commit(self) -> None:
        self._conn.commit()
        self._dirty = False

    def rollback(self) -> None:
        self._conn.rollback()
        self._dirty = False

    def close(self) -> None:
        try:
            if self._dirty:
                self.rollback()
        finally:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    @classmethod
    def _migrated(cls, conn: Any, target: str, db_error: type[BaseException], failure: str) -> Self:
        """A store over an open connection with its schema brought up to date; the connection
        is closed when that fails, and a database error becomes ``failure: <error>``."""
        store = cls(conn, target)
        try:
            store.migrate()
        except db_error as exc:
            conn.close()
            raise StoreError(f"{failure}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return store

    def migrate(self) -> int:
        """Apply the migrations this store lacks; returns the schema version."""
        self._exec(MIGRATIONS_TABLE)
        self._conn.commit()
        applied = {int(v) for (v,) in self._rows("SELECT version FROM schema_migrations")}
        if applied and max(applied) > LATEST:
            raise StoreError(
                f"{self.target} has schema version {max(applied)}, newer than this onrecord "
                f"understands ({LATEST}); upgrade onrecord"
            )
        for migration in migrations(self.dialect):
            if migration.version in applied:
                continue
            self._begin()
            for statement in migration.statements:
                self._exec(statement)
            self._write(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, now_iso()),
            )
            self.commit()
        return LATEST

    def schema_version(self) -> int:
        row = self._one("SELECT MAX(version) FROM schema_migrations")
        return int(row[0]) if row and row[0] is not None else 0

    # -- writing ------------------------------------------------------------------------

    def known_hashes(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these text hashes are stored already (the ingest skip check)."""
        wanted = list(dict.fromkeys(sha256s))
        found: set[str] = set()
        for chunk in _chunks(wanted):
            sql = f"SELECT sha256 FROM documents WHERE sha256 IN ({_placeholders(len(chunk))})"
            found.update(r[0] for r in self._rows(sql, chunk))
        return found

    def add_article(self, article: Article, *, ingested_at: str | None = None) -> bool:
        """Store an article with its entities and attributions, joining its speakers to the
        global ones. False when the same text is stored already (nothing is written);
        ``StoreConflict`` when its id is taken by a different text."""
        # A savepoint per article: if anything fails (or Ctrl-C lands) half way, none of
        # this article stays in the batch, and the articles before it can still commit.
        self._begin()
        self._write("SAVEPOINT add_article")
        try:
            stored = self._add_article(article, ingested_at)
        except BaseException:
            self._exec("ROLLBACK TO SAVEPOINT add_article")
            self._exec("RELEASE SAVEPOINT add_article")
            raise
        self._exec("RELEASE SAVEPOINT add_article")
        return stored

    def _add_article(self, article: Article, ingested_at: str | None) -> bool:
        meta = article.metadata
        record = article.to_dict(include_text=False)
        added = self._write(
            """INSERT INTO documents (id, sha256, source, title, url, published, text,
                   metadata, article, n_attributions, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            (
                article.id,
                article.text_sha256,
                article.source,
                _text_or_none(meta.get("title")),
                _text_or_none(meta.get("url")),
                published_date(meta),
                article.text,
                json.dumps(meta, ensure_ascii=False, default=str),
                json.dumps(record, ensure_ascii=False, default=str),
                len(article.attributions),
                ingested_at or now_iso(),
            ),
        )
        if not added:
            if self._one("SELECT 1 FROM documents WHERE sha256 = ?", (article.text_sha256,)):
                return False
            raise StoreConflict(f"document id {article.id!r} is stored with a different text")
        speakers = self._join_speakers(article)
        self._add_entities(article, speakers)
        self._add_attributions(article, speakers)
        self._index_search(article.id)
        if article.source:
            # An input that failed before and is stored now is no longer an error.
            self._write("DELETE FROM errors WHERE source = ?", (article.source,))
        return True

    def add_error(self, error: DocumentError, *, when: str | None = None) -> None:
        """Record an input that could not be stored; the same failure again only counts."""
        stamp = when or now_iso()
        self._write(
            """INSERT INTO errors (source, reason, doc_id, count, first_seen, last_seen)
               VALUES (?, ?, ?, 1, ?, ?)
               ON CONFLICT (source, reason) DO UPDATE SET count = errors.count + 1,
                   last_seen = excluded.last_seen, doc_id = excluded.doc_id""",
            (error.source, error.reason, error.id, stamp, stamp),
        )

    def _join_speakers(self, article: Article) -> dict[str, tuple[int, str]]:
        """Global speaker (id, canonical name) for each attribution id that has one."""
        by_key: dict[tuple[str, ...], tuple[int, str] | None] = {}
        joined: dict[str, tuple[int, str]] = {}
        for attr in article.attributions:
            speaker = attr.speaker
            if speaker is None:
                continue
            entity = article.entity(speaker.entity)
            if entity is not None:
                kind = entity.type if entity.type in identity.NAMED_TYPES else speaker.type
                key: tuple[str, ...] = ("entity", entity.id)
                name, mentions = entity.name, [m.text for m in entity.mentions]
            else:
                kind, key = speaker.type, ("name", speaker.type, speaker.name)
                name, mentions = speaker.name, []
            if key not in by_key:
                by_key[key] = self._resolve_speaker(name, kind, mentions)
            if by_key[key] is not None:
                joined[attr.id] = by_key[key]  # type: ignore[assignment]
        return joined

    def _resolve_speaker(self, name: str, kind: str, mentions: list[str]) -> tuple[int, str] | None:
        if kind not in identity.NAMED_TYPES or not identity.looks_like_name(name):
            return None
        person = kind == "person"
        display = identity.best_name(name, mentions, person=person)
        key = identity.name_key(display, person=person)
        if not key:
            return None
        found: tuple[Any, ...] | None
        if identity.is_full(key):
            found = self._one(
                """SELECT s.id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
                   WHERE a.alias_key = ? AND s.type = ? ORDER BY s.id LIMIT 1""",
                (key, kind),
            )
        else:
            found = None
            if kind == "person":
                same_surname = self._rows(
                    """SELECT id, name FROM speakers
                       WHERE type = ? AND surname = ? AND full_name = 1 LIMIT 2""",
                    (kind, key),
                )
                found = same_surname[0] if len(same_surname) == 1 else None
            if found is None:
                found = self._one(
                    "SELECT id, name FROM speakers WHERE type = ? AND name_key = ?", (kind, key)
                )
        if found is None:
            found = self._exec(
                """INSERT INTO speakers (name, type, name_key, surname, full_name)
                   VALUES (?, ?, ?, ?, ?) RETURNING id, name""",
                (display, kind, key, identity.surname(key), int(identity.is_full(key))),
            ).fetchall()[0]
            self._dirty = True
        assert found is not None
        speaker_id, canonical = int(found[0]), str(found[1])
        self._write_many(
            """INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [
                (speaker_id, alias, identity.name_key(alias, person=person))
                for alias in identity.aliases(display, [name, *mentions], person=person)
            ],
        )
        return speaker_id, canonical

    def _add_entities(self, article: Article, speakers: dict[str, tuple[int, str]]) -> None:
        by_entity = {
            a.speaker.entity: speakers[a.id][0]
            for a in article.attributions
            if a.speaker and a.speaker.entity and a.id in speakers
        }
        self._write_many(
            """INSERT INTO entities (doc_id, entity_id, name, type, n_mentions, speaker_id)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (article.id, e.id, e.name, e.type, len(e.mentions), by_entity.get(e.id))
                for e in article.entities
            ],
        )

    def _add_attributions(self, article: Article, speakers: dict[str, tuple[int, str]]) -> None:
        rows = [
            _attribution_row(article.id, position, attr, speakers.get(attr.id))
            for position, attr in enumerate(article.attributions)
        ]
        self._write_many(
            f"""INSERT INTO attributions (doc_id, attr_id, position, kind, confidence, content,
                   content_start, content_end, cue, cue_start, cue_end, source_text,
                   source_start, source_end, speaker_name, speaker_type, entity_id,
                   speaker_id, speaker_search, in_boilerplate, parent)
                VALUES ({_placeholders(21)})""",
            rows,
        )
        counts: dict[int, int] = {}
        for speaker_id, _ in (speakers[a.id] for a in article.attributions if a.id in speakers):
            counts[speaker_id] = counts.get(speaker_id, 0) + 1
        self._write_many(
            """UPDATE speakers SET n_articles = n_articles + 1,
                   n_attributions = n_attributions + ? WHERE id = ?""",
            [(n, speaker_id) for speaker_id, n in sorted(counts.items())],
        )

    # -- reading ------------------------------------------------------------------------

    def get_article(self, doc_id: str) -> Article | None:
        """The article exactly as it was stored (``to_dict`` round-trips)."""
        row = self._one("SELECT text, article FROM documents WHERE id = ?", (doc_id,))
        return _article(row[0], row[1]) if row else None

    def match_document_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Document ids starting with ``prefix`` (so a short id prefix can name a document)."""
        pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
        rows = self._rows(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '!' ORDER BY id LIMIT ?",
            (pattern, limit),
        )
        return [r[0] for r in rows]

    def documents(self, *, limit: int | None = 50, offset: int = 0) -> list[DocumentRow]:
        sql = """SELECT id, source, title, url, published, n_attributions, ingested_at
                 FROM documents ORDER BY ingested_at, id"""
        rows = self._rows(*_paged(sql, [], limit, offset))
        return [DocumentRow(*r) for r in rows]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        min_confidence: float | None = None,
    ) -> list[SearchHit]:
        """Attributions whose content or speaker name contains every word of ``query``
        (stemmed; English stop words ignored), best first. The text is never query syntax.
        With ``min_confidence`` only attributions at least that sure are found."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        rows = self._search_rows(terms, limit, offset, min_confidence or 0.0)
        return [SearchHit(*r[:11], score=float(r[11])) for r in rows]

    def speakers(
        self,
        *,
        top: int | None = None,
        type: str | None = None,
        offset: int = 0,
        min_confidence: float | None = None,
    ) -> list[SpeakerRow]:
        """Speakers by how often they are quoted, most first (``top`` of them, after
        skipping ``offset``). With ``min_confidence`` only attributions at least that sure
        count, in the ranking and in the counts shown."""
        if min_confidence:
            return self._confident_speakers(top, type, offset, min_confidence)
        sql = "SELECT id FROM speakers WHERE n_attributions > 0"
        params: list[Any] = []
        if type:
            sql += " AND type = ?"
            params.append(type)
        sql += " ORDER BY n_attributions DESC, n_articles DESC, id"
        ids = [r[0] for r in self._rows(*_paged(sql, params, top, offset))]
        return self._speaker_rows(ids)

    def _confident_speakers(
        self, top: int | None, type: str | None, offset: int, min_confidence: float
    ) -> list[SpeakerRow]:
        sql = """SELECT a.speaker_id, COUNT(*), COUNT(DISTINCT a.doc_id) FROM attributions a
                 JOIN speakers s ON s.id = a.speaker_id WHERE a.confidence >= ?"""
        params: list[Any] = [min_confidence]
        if type:
            sql += " AND s.type = ?"
            params.append(type)
        sql += " GROUP BY a.speaker_id ORDER BY 2 DESC, 3 DESC, a.speaker_id"
        counts = {
            int(r[0]): (int(r[1]), int(r[2])) for r in self._rows(*_paged(sql, params, top, offset))
        }
        return [
            replace(row, n_attributions=counts[row.id][0], n_articles=counts[row.id][1])
            for row in self._speaker_rows(list(counts))
        ]

    def speaker(self, speaker_id: int, *, min_confidence: float | None = None) -> SpeakerRow | None:
        """One speaker; with ``min_confidence`` its counts are of the surer attributions."""
        rows = self._speaker_rows([speaker_id])
        if not rows or not min_confidence:
            return rows[0] if rows else None
        n_attributions, n_articles = self._one(
            """SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM attributions
               WHERE speaker_id = ? AND confidence >= ?""",
            (speaker_id, min_confidence),
        )
        return replace(rows[0], n_attributions=int(n_attributions), n_articles=int(n_articles))

    def find_speakers(self, name: str) -> list[SpeakerRow]:
        """Speakers a name can mean: a full name matches that name or alias; a bare surname
        matches every full-named person with it and any bare-name speaker."""
        ids: set[int] = set()
        # The name could be a person's or an organisation's; titles are stripped for persons
        # only, so look up both readings.
        for person in (True, False):
            key = identity.name_key(name, person=person)
            if not key:
                continue
            if identity.is_full(key):
                rows = self._rows(
                    """SELECT a.speaker_id FROM speaker_aliases a
                       JOIN speakers s ON s.id = a.speaker_id
                       WHERE a.alias_key = ? AND (s.type = 'person') = ?""",
                    (key, person),
                )
            elif person:
                rows = self._rows(
                    """SELECT id FROM speakers WHERE type = 'person'
                       AND (name_key = ? OR (surname = ? AND full_name = 1))""",
                    (key, key),
                )
            else:
                rows = self._rows(
                    "SELECT id FROM speakers WHERE type <> 'person' AND name_key = ?", (key,)
                )
            ids.update(int(r[0]) for r in rows)
        return self._speaker_rows(sorted(ids))

    def _speaker_rows(self, ids: Sequence[int]) -> list[SpeakerRow]:
        if not ids:
            return []
        found: dict[int, tuple[Any, ...]] = {}
        aliases: dict[int, list[str]] = {}
        for chunk in _chunks(list(ids)):
            marks = _placeholders(len(chunk))
            for r in self._rows(
                f"""SELECT id, name, type, n_articles, n_attributions FROM speakers
                    WHERE id IN ({marks})""",
                chunk,
            ):
                found[int(r[0])] = r
            for sid, alias in self._rows(
                f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN ({marks})",
                chunk,
            ):
                aliases.setdefault(int(sid), []).append(alias)
        return [
            SpeakerRow(
                id=i,
                name=found[i][1],
                type=found[i][2],
                # The canonical name first, then the rest in a collation-free order.
                aliases=tuple(sorted(aliases.get(i, []), key=lambda a, n=found[i][1]: (a != n, a))),
                n_articles=int(found[i][3]),
                n_attributions=int(found[i][4]),
            )
            for i in ids
            if i in found
        ]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        speaker_id: int | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Attributions, newest article first, filtered by speaker (a name, see
        ``find_speakers``, or an id), publication date range (inclusive ISO dates), kind and
        least confidence. A speaker name that matches nobody gives no quotes."""
        where: list[str] = []
        params: list[Any] = []
        ids: list[int] = []
        if speaker is not None:
            ids.extend(s.id for s in self.find_speakers(speaker))
            if not ids:
                return []
        if speaker_id is not None:
            ids.append(speaker_id)
        if ids:
            where.append(f"a.speaker_id IN ({_placeholders(len(ids))})")
            params.extend(ids)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("d.published <= ?")
            params.append(until)
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        if min_confidence:
            where.append("a.confidence >= ?")
            params.append(min_confidence)
        sql = f"""SELECT {_QUOTE_COLUMNS} FROM attributions a
                  JOIN documents d ON d.id = a.doc_id
                  LEFT JOIN speakers s ON s.id = a.speaker_id
                  {"WHERE " + " AND ".join(where) if where else ""}
                  ORDER BY (d.published IS NULL), d.published DESC, a.doc_id, a.position"""
        return [
            QuoteRow(*r[:4], float(r[4]), *r[5:])  # type: ignore[arg-type]
            for r in self._rows(*_paged(sql, params, limit, offset))
        ]

    def errors(self, *, limit: int | None = None, offset: int = 0) -> list[ErrorRow]:
        sql = """SELECT id, source, reason, doc_id, count, first_seen, last_seen
                 FROM errors ORDER BY id"""
        return [ErrorRow(*r) for r in self._rows(*_paged(sql, [], limit, offset))]

    def stats(self) -> Stats:
        row = self._one(
            """SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM attributions),
                      (SELECT COUNT(*) FROM speakers WHERE n_attributions > 0),
                      (SELECT COUNT(*) FROM errors)"""
        )
        assert row is not None
        return Stats(*(int(v) for v in row), schema_version=self.schema_version())

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, by id, read a page at a time."""
        last = ""
        while True:
            rows = self._rows(
                "SELECT id, text, article FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                (last, _PAGE // 10),
            )
            for _, text, record in rows:
                yield _article(text, record)
            if len(rows) < _PAGE // 10:
                return
            last = rows[-1][0]

    def iter_attribution_records(self) -> Iterator[dict[str, Any]]:
        """One flat record per attribution (``EXPORT_COLUMNS``), for CSV and Parquet."""
        last = 0
        while True:
            rows = self._rows(
                """SELECT a.id, a.doc_id, d.source, d.title, d.url, d.published, a.attr_id,
                       a.position, a.kind, a.confidence, a.speaker_name, a.speaker_type,
                       a.speaker_id, s.name, a.content, a.content_start, a.content_end, a.cue,
                       a.cue_start, a.cue_end, a.source_text, a.in_boilerplate, a.parent
                   FROM attributions a JOIN documents d ON d.id = a.doc_id
                   LEFT JOIN speakers s ON s.id = a.speaker_id
                   WHERE a.id > ? ORDER BY a.id LIMIT ?""",
                (last, _PAGE),
            )
            for r in rows:
                record = dict(zip(EXPORT_COLUMNS, r[1:], strict=True))
                record["in_boilerplate"] = bool(record["in_boilerplate"])
                record["confidence"] = float(record["confidence"])
                yield record
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _article(text: str, record: str) -> Article:
    data = json.loads(record)
    data["text"] = text
    return Article.from_dict(data)


def _paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return sql, params
    # SQLite allows OFFSET only after a LIMIT; "no limit" is one no store reaches.
    return f"{sql} LIMIT ? OFFSET ?", [*params, _NO_LIMIT if limit is None else limit, offset]


def _attribution_row(
    doc_id: str, position: int, attr: Attribution, speaker: tuple[int, str] | None
) -> tuple[Any, ...]:
    said = attr.speaker.name if attr.speaker else None
    # What a search for a speaker should find: the name as the article gives it and, when
    # it differs, the speaker's canonical name ("Baldwin" is also "Alec Baldwin").
    names = [n for n in (said, speaker[1] if speaker else None) if n]
    search_names = " ".join(dict.fromkeys(names))
    cue, src = attr.cue, attr.source
    return (
        doc_id,
        attr.id,
        position,
        attr.kind,
        float(attr.confidence),
        attr.content.text,
        attr.content.start,
        attr.content.end,
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        src.text if src else None,
        src.start if src else None,
        src.end if src else None,
        said,
        attr.speaker.type if attr.speaker else None,
        attr.speaker.entity if attr.speaker else None,
        speaker[0] if speaker else None,
        search_names,
        int(attr.in_boilerplate),
        attr.parent,
    )
