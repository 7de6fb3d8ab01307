"""The PostgreSQL store (``--db postgresql://...``), via psycopg 3: the same tables and
queries as SQLite, searched through a generated ``tsvector`` column."""

from __future__ import annotations

from typing import Any

from onrecord.store.base import Store
from onrecord.store.errors import StoreError
from onrecord.store.queries import ARTICLE_HIT_COLUMNS, HIT_COLUMNS
from onrecord.store.schema import Dialect
from onrecord.store.search import tsquery_text

URL_PREFIXES = ("postgresql://", "postgres://")


class PostgresStore(Store):
    dialect: Dialect = "postgres"

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> PostgresStore:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("PostgreSQL needs psycopg: pip install 'onrecord[ingest]'") from exc
        try:
            conn = psycopg.connect(url)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip()) from exc
        return cls._migrated(conn, _redact(url), psycopg.Error, "cannot set up the onrecord schema")

    def _sql(self, sql: str) -> str:
        # psycopg's placeholder is %s; the shared SQL has no literal % or ? characters.
        return sql.replace("?", "%s")

    def _end_read(self) -> None:
        # psycopg opens a transaction for every statement; ending read-only ones keeps a
        # long-lived store (a server's) from holding a snapshot open between queries.
        if not self._dirty:
            self._conn.commit()

    def _index_search(self, doc_id: str) -> None:
        """Nothing to do: the ``search`` column is generated from the row."""

    def _search_rows(
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        return self._rows(
            f"""SELECT {HIT_COLUMNS}, ts_rank_cd(a.search, q) AS score
                FROM attributions a
                CROSS JOIN plainto_tsquery('english', ?) AS q
                JOIN documents d ON d.id = a.doc_id
                LEFT JOIN speakers s ON s.id = a.speaker_id
                WHERE a.search @@ q AND {where}
                ORDER BY score DESC, a.doc_id, a.position LIMIT ? OFFSET ?""",
            (tsquery_text(terms), *params, limit, offset),
        )

    def _article_search_rows(
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        # ts_headline reads the whole text, so only for the page of hits, after the limit.
        return self._rows(
            f"""SELECT {ARTICLE_HIT_COLUMNS},
                       ts_headline('english', d.text, plainto_tsquery('english', ?),
                                   'StartSel="", StopSel="", MaxWords=30, MinWords=15'),
                       hit.score
                FROM (SELECT d.id, ts_rank_cd(d.search, q) AS score
                      FROM documents d CROSS JOIN plainto_tsquery('english', ?) AS q
                      WHERE d.search @@ q AND {where}
                      ORDER BY score DESC, d.id LIMIT ? OFFSET ?) hit
                JOIN documents d ON d.id = hit.id
                ORDER BY hit.score DESC, d.id""",
            (tsquery_text(terms), tsquery_text(terms), *params, limit, offset),
        )


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
