"""The default store: one SQLite file in WAL mode, searched with FTS5."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from onrecord.store.base import Store
from onrecord.store.errors import StoreError
from onrecord.store.queries import ARTICLE_HIT_COLUMNS, HIT_COLUMNS
from onrecord.store.schema import Dialect
from onrecord.store.search import fts5_match

# Long enough to wait out another process's commit (an ingest running beside a query).
BUSY_TIMEOUT_S = 30.0


class SqliteStore(Store):
    dialect: Dialect = "sqlite"

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> SqliteStore:
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(f"no store at {path} (run `onrecord ingest` first, or pass --db)")
        if path.parent and not path.parent.exists():
            raise StoreError(f"cannot create a store in {path.parent}: no such directory")
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
            # WAL lets queries read while an ingest writes; NORMAL sync keeps every committed
            # batch across a process kill (only an OS crash can lose the latest commit).
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {path} as an onrecord store: {exc}") from exc
        return cls._migrated(
            conn, str(path), sqlite3.DatabaseError, f"cannot open {path} as an onrecord store"
        )

    def _sql(self, sql: str) -> str:
        return sql

    def _begin(self) -> None:
        # Python's sqlite3 runs DDL and SAVEPOINT outside transactions unless one is begun
        # explicitly: a migration must apply whole, and releasing an outermost savepoint
        # would commit each article on its own instead of in batches.
        if not self._conn.in_transaction:
            self._conn.execute("BEGIN")

    def _index_search(self, doc_id: str) -> None:
        self._write(
            """INSERT INTO attributions_fts (rowid, content, speaker)
               SELECT id, content, speaker_search FROM attributions WHERE doc_id = ?""",
            (doc_id,),
        )
        self._write(
            """INSERT INTO documents_fts (rowid, title, text)
               SELECT rowid, COALESCE(title, ''), text FROM documents WHERE id = ?""",
            (doc_id,),
        )

    def _search_rows(
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        return self._rows(
            f"""SELECT {HIT_COLUMNS}, -bm25(attributions_fts) AS score
                FROM attributions_fts f
                JOIN attributions a ON a.id = f.rowid
                JOIN documents d ON d.id = a.doc_id
                LEFT JOIN speakers s ON s.id = a.speaker_id
                WHERE attributions_fts MATCH ? AND {where}
                ORDER BY score DESC, a.doc_id, a.position LIMIT ? OFFSET ?""",
            (fts5_match(terms), *params, limit, offset),
        )

    def _article_search_rows(
        self, terms: list[str], limit: int, offset: int, where: str, params: list[Any]
    ) -> list[tuple[Any, ...]]:
        # The snippet: about 24 words of the text around the matches, unmarked (the reader
        # marks the words itself, as it does in quotes).
        return self._rows(
            f"""SELECT {ARTICLE_HIT_COLUMNS}, snippet(documents_fts, 1, '', '', '…', 24),
                       -bm25(documents_fts) AS score
                FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
                WHERE documents_fts MATCH ? AND {where}
                ORDER BY score DESC, d.id LIMIT ? OFFSET ?""",
            (fts5_match(terms), *params, limit, offset),
        )
