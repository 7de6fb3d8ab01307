"""The part of a store that is only a database: statements, transactions, migrations.

Everything is written once in SQL both dialects accept (``?`` placeholders, rewritten for
psycopg); a backend (``sqlite``, ``postgres``) supplies the connection and the few things that
differ. Writes accumulate in a transaction until ``commit``; a store is not thread-safe, so
open one per thread (cheap for both backends).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Self

from onrecord.store.errors import StoreError
from onrecord.store.schema import LATEST, MIGRATIONS_TABLE, Dialect, migrations

_IN_CHUNK = 500
_NO_LIMIT = 2**62


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def placeholders(n: int) -> str:
    """``?, ?, ?`` for three values."""
    return ", ".join("?" * n)


def chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    """The items a few hundred at a time, to keep ``IN (...)`` lists within every driver's
    limit on parameters."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """The query with ``LIMIT`` and ``OFFSET`` when either is asked for."""
    if limit is None and not offset:
        return sql, params
    # SQLite allows OFFSET only after a LIMIT; "no limit" is one no store reaches.
    return f"{sql} LIMIT ? OFFSET ?", [*params, _NO_LIMIT if limit is None else limit, offset]


class Database(ABC):
    """A connection to a store's database, with its schema brought up to date on open. Use
    as a context manager, or call ``close``."""

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
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        """Rows of ``queries.HIT_COLUMNS`` plus a score (higher is better), best first, of
        attributions (``a``) that also meet ``where`` (SQL, with its ``params``)."""

    @abstractmethod
    def _article_search_rows(
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        """Rows of ``queries.ARTICLE_HIT_COLUMNS`` plus a snippet and a score, best first, of
        documents (``d``) whose title or text has every term and that meet ``where``."""

    def _begin(self) -> None:
        """Open the batch's transaction if none is open (PostgreSQL always has one)."""
        return None

    def _end_read(self) -> None:
        """Called after each read; PostgreSQL ends its snapshot there."""
        return None

    # -- statements ---------------------------------------------------------------------

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

    # -- transactions -------------------------------------------------------------------

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

    def __enter__(self) -> Self:
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
