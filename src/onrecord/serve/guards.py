"""ASGI middleware that applies to every request before any route sees it.

Plain ASGI rather than ``BaseHTTPMiddleware``: the body limit has to wrap ``receive`` to
count bytes as they arrive, and plain middleware adds no task or buffering per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.serve.errors import BodyTooLarge, body_too_large_message
from onrecord.serve.headers import SECURITY_HEADERS


async def send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class SecurityHeaders:
    """Adds the CSP and its companions to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD wherever GET answers, as HTTP asks: the request goes on as a GET and the
    response keeps its status and headers (Content-Length too, as RFC 9110 allows) but not
    its body. FastAPI routes a ``@router.get`` for GET alone, so ``curl -I /reader``, a link
    checker or an uptime probe got 405; where GET is 405 (``/extract``), HEAD still is."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        # A copy: the server keeps its own scope, and must still know the request was HEAD.
        await self.app({**scope, "method": "GET"}, receive, send_without_body)


# A body declared over the limit is read and dropped before the 413 when it is at most this
# many times the limit: closing a socket with unread data makes the kernel reset it, and a
# client still writing its 6 MB upload then gets "connection reset" instead of the answer.
# A larger one is refused at once (reading it would be the attack the limit stops).
DRAIN_FACTOR = 4
DRAIN_TIMEOUT_S = 10.0


async def _drain(receive: Receive) -> None:
    async def read_all() -> None:
        while True:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return

    # A client that declared more than it sends gets its answer after the timeout.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(read_all(), DRAIN_TIMEOUT_S)


class BodyLimit:
    """Refuses bodies over ``max_body`` bytes with 413: at once when Content-Length says so,
    else as soon as the streamed body passes the limit (a chunked upload cannot sneak by)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await send_error(send, 400, "Content-Length is not a number")
                return
            if int(declared) > self.max_body:
                if int(declared) <= DRAIN_FACTOR * self.max_body:
                    await _drain(receive)
                await send_error(send, 413, body_too_large_message(self.max_body))
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, limited_receive, send)


class HostCheck:
    """Answers only requests addressed to an allowed host name. A server on 127.0.0.1 is
    otherwise open to DNS rebinding: a web page whose name resolves to 127.0.0.1 could read
    the API from the visitor's browser as if it were same-origin."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}

    @staticmethod
    def _hostname(host: str) -> str:
        host = host.strip().lower()
        if host.startswith("["):  # [::1]:8000
            return host[1 : host.find("]")] if "]" in host else host
        return host.rsplit(":", 1)[0] if host.count(":") == 1 else host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = self._hostname(_header(scope, b"host") or "")
            if host not in self.allowed:
                await send_error(send, 400, f"this server does not answer for host {host!r}")
                return
        await self.app(scope, receive, send)
