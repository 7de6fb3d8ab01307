"""The store fixtures: ``store`` (an empty store, once on SQLite and once on a real PostgreSQL
server; modules using it load ``pytest_plugins = ("support.pg",)``) and ``filled`` (it, holding
``support.store.corpus()``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.store import Store, open_store
from support.store import corpus


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        target = str(tmp_path / "store.db")
    else:
        target = request.getfixturevalue("pg_url")
    with open_store(target) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    for article in corpus():
        assert store.add_article(article, ingested_at="2024-01-01T00:00:00+00:00")
    store.commit()
    return store
