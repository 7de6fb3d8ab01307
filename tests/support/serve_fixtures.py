"""Fixtures for the server tests (load with ``pytest_plugins = ("support.serve_fixtures",)``):
an app factory over a temporary store and a module-wide seeded store. Every app shares the
session's loaded pipeline (``nlp``) and extracts in a thread, so no test loads spaCy again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[dev]')")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from onrecord.serve.app import create_app  # noqa: E402
from support.serve import ARTICLE_A, ARTICLE_B, AppFactory, store_articles  # noqa: E402


@pytest.fixture
def make_app(tmp_path: Path, nlp: Any) -> AppFactory:
    """``make_app(**create_app_kwargs)``: an app over a fresh SQLite store."""
    count = 0

    def make(**kwargs: Any) -> FastAPI:
        nonlocal count
        count += 1
        kwargs.setdefault("nlp_factory", lambda: nlp)
        return create_app(str(tmp_path / f"store{count}.db"), **kwargs)

    return make


@pytest.fixture
def client(make_app: AppFactory) -> Iterator[TestClient]:
    with TestClient(make_app()) as c:
        yield c


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[TestClient]:
    """A client over a store holding ARTICLE_A and ARTICLE_B; for tests that only read."""
    db = tmp_path_factory.mktemp("seeded") / "store.db"
    with TestClient(create_app(str(db), nlp_factory=lambda: nlp)) as c:
        store_articles(c, (ARTICLE_A, "Harbor board approves ferry fares"),
                       (ARTICLE_B, "Ferry plan draws a crowd"))  # fmt: skip
        yield c
