"""Store connections for request handlers, and the few queries the server composes itself.

A ``Store`` is not thread-safe, and a SQLite connection may only be used by the thread that
opened it, so each handler thread keeps a store of its own for as long as it lives
(thread-pool threads are long-lived, and opening one runs the schema check, so a store per
request would cost more).
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from onrecord.record import Article, speaker_key
from onrecord.store import SpeakerRow, Store, open_store


class StorePool:
    """One store connection per thread, for one target (SQLite path or PostgreSQL URL).
    ``opener`` is called as ``open_store`` is, with the target and ``create``."""

    def __init__(self, target: str, opener: Callable[..., Store] = open_store) -> None:
        self.target = target
        self._opener = opener
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Store] = []

    def check(self, *, create: bool = True) -> None:
        """Open and close a connection now, so a bad target fails at startup, not on a
        request; ``create=False`` refuses a SQLite file that is not there."""
        self._opener(self.target, create=create).close()

    def _mine(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            # ``check`` made the store or found it: one gone since (deleted under the
            # server) is an error, not a new empty store answering every request.
            store = self._opener(self.target, create=False)
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def _forget(self, store: Store) -> None:
        self._local.store = None
        with self._lock:
            if store in self._open:
                self._open.remove(store)
        # A broken connection may fail to close; it is gone either way.
        with suppress(Exception):
            store.close()

    @contextmanager
    def session(self) -> Iterator[Store]:
        store = self._mine()
        try:
            yield store
        except BaseException:
            try:
                store.rollback()
            except Exception:
                # The connection itself is broken: open a fresh one next time.
                self._forget(store)
            raise

    def close(self) -> None:
        """Close what can be closed from here. SQLite refuses to close another thread's
        connection; those close when their thread ends or the pool is collected."""
        with self._lock:
            stores, self._open = self._open, []
        for store in stores:
            with suppress(Exception):
                store.close()


def _takes_offset(method: Callable[..., object]) -> bool:
    return "offset" in inspect.signature(method).parameters


def speakers_page(store: Store, *, limit: int, offset: int) -> list[SpeakerRow]:
    """One page of speakers, most quoted first.

    ``Store.speakers`` takes ``top`` but no ``offset``; until it does, a page is the top
    ``offset + limit`` sliced (the caller caps ``offset``, which bounds the cost).
    """
    if _takes_offset(store.speakers):
        return store.speakers(top=limit, offset=offset)  # type: ignore[call-arg]
    return store.speakers(top=offset + limit)[offset:]


def article_speaker_ids(store: Store, article: Article) -> dict[str, int]:
    """The store's speaker id for each speaker key (``record.speaker_key``) of a stored
    article, where it can be told for certain.

    The store joins an article's speakers to its global ones when adding it, but keeps that
    join behind its API; until it exposes it, ask by name and accept only a single speaker
    of the right type (an ambiguous bare surname gets no link rather than a wrong one).
    """
    found: dict[str, int] = {}
    asked: set[str] = set()
    for a in article.attributions:
        key = speaker_key(a)
        if key is None or key in asked or a.speaker is None:
            continue
        asked.add(key)
        entity = article.entity(a.speaker.entity)
        name = entity.name if entity else a.speaker.name
        kind = entity.type if entity else a.speaker.type
        matches = [s for s in store.find_speakers(name) if s.type == kind]
        if len(matches) == 1:
            found[key] = matches[0].id
    return found
