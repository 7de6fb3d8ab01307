"""Malformed requests sent to a real uvicorn server, as raw bytes on a socket: each gets a 4xx
(or, for odd but valid searches, a 200) with the JSON error shape and the security headers,
never a 500, a plain-text answer or a reset connection."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (the serve extra)")

from onrecord.serve.app import create_app  # noqa: E402
from onrecord.serve.headers import SECURITY_HEADERS  # noqa: E402
from onrecord.serve.protocol import SERVER_OPTIONS  # noqa: E402
from support.serve import ARTICLE_A  # noqa: E402

MAX_BODY = 64 * 1024


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[int]:
    db = tmp_path_factory.mktemp("malformed") / "store.db"
    app = create_app(str(db), nlp_factory=lambda: nlp, max_body=MAX_BODY)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="critical", lifespan="on", **SERVER_OPTIONS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    number = sock.getsockname()[1]
    status, _, _ = request(number, post("/documents", json.dumps({"text": ARTICLE_A}).encode()))
    assert status == 201  # something to search, so FTS syntax meets a real index
    try:
        yield number
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def post(path: str, body: bytes, *, headers: str | None = None) -> bytes:
    if headers is None:
        headers = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode() + body


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()


def request(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``raw`` whole, then read the answer to its end (``Connection: close``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(raw.replace(b"\r\n", b"\r\nConnection: close\r\n", 1))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


def check_shape(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    assert headers.get("content-type", "").startswith("application/json"), (status, headers)
    for name, value in SECURITY_HEADERS:
        assert headers.get(name.decode()) == value.decode(), name
    return json.loads(body)


BAD = {
    "deep JSON": post("/extract", b"[" * 100_000),
    "deep JSON in an object": post("/extract", b'{"text": ' + b"[" * 50_000),
    "text of the wrong type": post("/extract", b'{"text": 5}'),
    "text null": post("/extract", b'{"text": null}'),
    "a list body": post("/extract", b'["a", "b"]'),
    "a string body": post("/extract", b'"said"'),
    "an unknown field": post("/extract", b'{"text": "He said so.", "evil": 1}'),
    "not UTF-8": post("/extract", b'{"text": "\xff\xfe"}'),
    "Content-Length not a number": post(
        "/extract", b"{}", headers="Content-Type: application/json\r\nContent-Length: abc\r\n"
    ),
    "Content-Length negative": post(
        "/extract", b"{}", headers="Content-Type: application/json\r\nContent-Length: -5\r\n"
    ),
    "two Content-Lengths": post(
        "/extract",
        b"{}",
        headers="Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 7\r\n",
    ),
    "Content-Length huge": post(
        "/extract",
        b"{}",
        headers="Content-Type: application/json\r\nContent-Length: 99999999999999999\r\n",
    ),
    "a body over the limit, sent whole": post("/extract", b"x" * (MAX_BODY * 3)),
    "a huge limit": get("/speakers?limit=99999999999999999999999"),
    "a negative offset": get("/documents?offset=-1"),
    "a huge query value": get("/search?q=" + "a" * 5000),
    "a request line over h11's size limit": get("/search?q=" + "a" * 70_000),
    "an id with ../": get("/documents/..%2F..%2Fetc%2Fpasswd"),
    "a path with ../": get("/documents/../../etc/passwd"),
    "a speaker id that is no number": get("/speakers/..%2F1"),
    "a garbage request line": b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n",
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_malformed_request_gets_a_json_4xx(port: int, name: str) -> None:
    status, headers, body = request(port, BAD[name])
    assert 400 <= status < 500, (name, status, body[:200])
    error = check_shape(status, headers, body)["error"]
    assert isinstance(error, str) and error


@pytest.mark.parametrize(
    "query", ['"unbalanced', "NEAR(", "NEAR(ferry fares", "a AND", "*", "ferry OR", "-", "^", ":"]
)
def test_search_syntax_is_read_as_words(port: int, query: str) -> None:
    from urllib.parse import quote

    status, headers, body = request(port, get("/search?q=" + quote(query)))
    assert status == 200, (query, body[:200])
    assert "items" in check_shape(status, headers, body)


def test_a_lone_surrogate_is_text_not_an_error(port: int) -> None:
    status, headers, body = request(
        port, post("/extract", b'{"text": "The mayor said \\ud800 the ferry runs."}')
    )
    assert status == 200, body[:200]
    record = check_shape(status, headers, body)
    assert "\ufffd" in record["text"] and record["attributions"]


def test_a_body_over_the_limit_is_answered_not_reset(port: int) -> None:
    # The whole 192 KB is written before anything is read, as most clients do: with the
    # server closing on unread data the write failed with "connection reset".
    status, headers, body = request(port, post("/extract", b"x" * (MAX_BODY * 3)))
    assert status == 413
    assert "limit" in check_shape(status, headers, body)["error"]


def test_the_server_still_answers_after_all_that(port: int) -> None:
    for raw in BAD.values():
        request(port, raw)
    status, _, body = request(port, get("/health"))
    assert status == 200, body
