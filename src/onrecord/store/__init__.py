"""Where records are kept: SQLite by default, PostgreSQL for a ``postgresql://`` URL.

``open_store(target)`` is the entry point; both backends answer the same ``Store`` API
(``base``), which is a database (``database``: statements, transactions, migrations of
``schema``) that takes articles in (``writes``, joining speakers by ``identity``) and answers
``queries`` in ``rows``, searched through ``search``. ``flat`` is the one flat attribution
layout, shared with ``export`` (JSON Lines, CSV, Parquet) and the batch runner's part files.
"""

from __future__ import annotations

from onrecord import settings
from onrecord.store.base import Store
from onrecord.store.errors import StoreConflict, StoreError
from onrecord.store.flat import EXPORT_COLUMNS
from onrecord.store.postgres import URL_PREFIXES, PostgresStore
from onrecord.store.rows import DocumentRow, ErrorRow, QuoteRow, SearchHit, SpeakerRow, Stats
from onrecord.store.sqlite import SqliteStore

__all__ = [
    "DEFAULT_DB",
    "EXPORT_COLUMNS",
    "DocumentRow",
    "ErrorRow",
    "QuoteRow",
    "SearchHit",
    "SpeakerRow",
    "Stats",
    "Store",
    "StoreConflict",
    "StoreError",
    "default_db",
    "open_store",
]


def default_db() -> str:
    return settings.database()


def open_store(target: str | None = None, *, create: bool = True) -> Store:
    """Open (and bring up to date) the store at a path or PostgreSQL URL. ``create=False``
    refuses to make a new SQLite file, for commands that only read."""
    target = target or default_db()
    if target.startswith(URL_PREFIXES):
        return PostgresStore.open(target, create=create)
    return SqliteStore.open(target, create=create)
