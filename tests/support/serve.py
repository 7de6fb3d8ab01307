"""Shared pieces of the server tests: tiny articles (an XSS one among them), a pipeline that
can be held mid-extraction, and small client helpers. Fixtures are in ``support.serve_fixtures``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

ARTICLE_A = """Ferry fares to rise in spring

"We will keep the ferry running," Mayor Dana Whitlock said on Monday.

Whitlock said the fares would rise in spring. Council member Omar Reyes warned that riders \
"cannot pay more."
"""

ARTICLE_B = """Ferry plan draws a crowd

"The numbers work," Dana Whitlock told reporters on Tuesday.

Omar Reyes said the board had ignored the riders.
"""

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Markup inside a highlighted quote, in plain text, and in the title line.
XSS_ARTICLE = f"""Council fight {SCRIPT}

"This plan {SCRIPT} is a mess," Mayor Dana Whitlock said on Monday.

Residents left notes reading {IMG} at the door.
"""


class BlockingNlp:
    """A pipeline that waits for ``release`` before parsing: lets a test hold an extraction
    in flight while it checks what the server does meanwhile."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.release = threading.Event()
        self.entered = threading.Event()

    def __call__(self, text: str) -> Any:
        self.entered.set()
        self.release.wait(10)
        return self.nlp(text)


AppFactory = Callable[..., FastAPI]


def store_articles(c: TestClient, *texts: tuple[str, str], token: str | None = None) -> list[str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    ids = []
    for text, title in texts:
        r = c.post("/documents", json={"text": text, "title": title}, headers=headers)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def error_of(r: Any, status: int) -> str:
    """The message of a JSON error response with this status (and a useful length)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    message = r.json()["error"]
    assert isinstance(message, str) and len(message) > 5
    return message


def speaker_id(c: TestClient, name: str) -> int:
    items = c.get("/speakers", params={"limit": 200}).json()["items"]
    return int(next(s["id"] for s in items if s["name"] == name))
