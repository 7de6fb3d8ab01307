"""Records into a store: ``onrecord load`` (Parquet parts into SQLite or PostgreSQL, one
writer) and the distributed workers writing straight to PostgreSQL (many writers).

Loading is idempotent: a document whose text is stored already is skipped by hash, and an
error row already recorded (same source, same reason) is not counted again, so loading a
directory twice, or one a rerun added parts to, stores each document once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from onrecord.batch.parquet import LoadStats, has_success, part_paths, read_part
from onrecord.document import DocumentError
from onrecord.record import Article
from onrecord.store import Store

_CHUNK = 64
# PostgreSQL SQLSTATEs two writers can cause each other (a speaker both insert, counters both
# update); the statement is retried, by then seeing what the other one committed.
_CONTENTION = {"23505", "40P01", "40001"}
_ATTEMPTS = 4


def _contended(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) in _CONTENTION


def _add_article(store: Store, article: Article) -> bool:
    for attempt in range(_ATTEMPTS):
        try:
            return store.add_article(article)
        except Exception as exc:
            if not _contended(exc) or attempt == _ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def store_items(
    store: Store,
    items: Iterable[Article | DocumentError],
    stats: LoadStats,
    *,
    commit_each: bool = False,
    known_errors: set[tuple[str, str]] | None = None,
) -> None:
    """Store records and errors. ``commit_each`` commits every item, so concurrent writers
    hold their locks for one document only; a writer killed in between loses nothing that
    the hash check would not skip on a rerun. ``known_errors`` (source, reason) pairs are
    not written again."""
    batch = list(items)
    for start in range(0, len(batch), _CHUNK):
        chunk = batch[start : start + _CHUNK]
        known = store.known_hashes(i.text_sha256 for i in chunk if isinstance(i, Article))
        for item in chunk:
            if isinstance(item, DocumentError):
                stats.errors += 1
                key = (item.source, item.reason)
                if known_errors is None or key not in known_errors:
                    store.add_error(item)
                    if known_errors is not None:
                        known_errors.add(key)
            elif item.text_sha256 in known:
                stats.skipped += 1
                continue
            else:
                _store_article(store, item, stats)
            if commit_each:
                store.commit()


def _store_article(store: Store, article: Article, stats: LoadStats) -> None:
    try:
        added = _add_article(store, article)
    except Exception as exc:
        reason = f"cannot store: {type(exc).__name__}: {exc}"
        store.add_error(DocumentError(article.source or article.id, reason, article.id))
        stats.errors += 1
        return
    if added:
        stats.stored += 1
    else:
        stats.skipped += 1


def load_parts(
    out: str, store: Store, *, on_file: Callable[[LoadStats, int], Any] | None = None
) -> LoadStats:
    """Load every part file under ``out`` into ``store``, committing once per file, so an
    interrupted load keeps whole files and a rerun skips them by hash."""
    paths = part_paths(out)
    known_errors = {(e.source, e.reason) for e in store.errors()}
    stats = LoadStats()
    for path in paths:
        store_items(store, read_part(out, path), stats, known_errors=known_errors)
        store.commit()
        stats.files += 1
        if on_file:
            on_file(stats, len(paths))
    return stats


def finished(out: str) -> bool:
    """Whether the run that wrote ``out`` completed (``_SUCCESS`` is there)."""
    return has_success(out)
