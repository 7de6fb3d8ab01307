"""The store's API, shared by SQLite and PostgreSQL: ``Store``.

A store is a database (``database``: statements, transactions, migrations) that takes
articles in (``writes``) and answers queries (``queries``); a backend (``sqlite``,
``postgres``) supplies the connection and the two things that differ: how full-text search
is indexed and queried.
"""

from __future__ import annotations

from onrecord.store.audits import Audits
from onrecord.store.claims import Claims
from onrecord.store.database import now_iso
from onrecord.store.errors import StoreConflict, StoreError
from onrecord.store.flat import EXPORT_COLUMNS, published_date
from onrecord.store.writes import Writes

# Names this module held before it was split, for code that imports them from here.
__all__ = ["EXPORT_COLUMNS", "Store", "StoreConflict", "StoreError", "now_iso", "published_date"]


class Store(Audits, Claims, Writes):
    """An onrecord store: documents and their attributions, speakers across articles, and
    the inputs that failed. Use as a context manager, or call ``close``."""
