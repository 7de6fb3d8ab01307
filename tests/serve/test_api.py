"""The HTTP API (``onrecord.serve.api``): every endpoint does its job, lists page, and every bad
input gets a 4xx with a message (TestClient re-raises server errors, so a 500 fails the test
outright)."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.record import Article
from onrecord.serve.extraction import ExtractJob, Extractor, default_nlp_factory
from support.serve import (
    ARTICLE_A,
    ARTICLE_B,
    AppFactory,
    BlockingNlp,
    error_of,
    speaker_id,
    store_articles,
)

pytest_plugins = ("support.serve_fixtures", "support.pg")


# -- extraction --------------------------------------------------------------------------


def test_health_reports_store_and_extractor(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["store"]["schema_version"] >= 1
    assert body["extraction"]["mode"] == "thread"
    assert body["auth"] is False


def test_extract_returns_the_record_without_storing(client: TestClient) -> None:
    r = client.post("/extract", json={"text": ARTICLE_A, "id": "ferry-1", "title": "Fares"})
    assert r.status_code == 200
    article = Article.from_dict(r.json())
    assert article.id == "ferry-1"
    assert article.metadata["title"] == "Fares"
    speakers = {a.speaker.name for a in article.attributions if a.speaker}
    assert {"Dana Whitlock", "Omar Reyes"} <= speakers
    for a in article.attributions:
        assert ARTICLE_A[a.content.start : a.content.end] == a.content.text
    assert client.get("/documents").json()["total"] == 0


def test_extract_reads_html_and_raw_bodies(client: TestClient) -> None:
    page = (
        "<html><head><title>Ferry fares</title></head><body><main><article><h1>Ferry fares</h1>"
        "<p>&quot;We will keep the ferry running,&quot; Mayor Dana Whitlock said on Monday.</p>"
        "<script>var tracker = 1;</script></article></main></body></html>"
    )
    r = client.post("/extract", json={"html": page, "url": "https://news.example/fares"})
    assert r.status_code == 200, r.text
    record = r.json()
    assert '"We will keep the ferry running," Mayor Dana Whitlock said' in record["text"]
    assert "tracker" not in record["text"]
    assert record["metadata"]["title"] == "Ferry fares"
    assert record["source"] == "https://news.example/fares"
    assert any(a["speaker"] and a["speaker"]["name"] == "Dana Whitlock"
               for a in record["attributions"])  # fmt: skip
    r = client.post("/extract", content=ARTICLE_B.encode(),
                    headers={"content-type": "text/plain; charset=utf-8"})  # fmt: skip
    assert r.status_code == 200
    assert r.json()["text"] == ARTICLE_B


def test_extract_html_without_text_is_422(client: TestClient) -> None:
    message = error_of(client.post("/extract", json={"html": "<html><body></body></html>"}), 422)
    assert "text" in message


# -- storing -----------------------------------------------------------------------------


def test_store_then_read_back(client: TestClient) -> None:
    r = client.post("/documents", json={"text": ARTICLE_A, "title": "Fares", "date": "2024-05-06"})
    assert r.status_code == 201
    body = r.json()
    assert body["stored"] is True
    assert r.headers["location"] == f"/documents/{body['id']}"
    got = client.get(body["url"])
    assert got.status_code == 200
    assert got.json() == body["document"]
    # The same text again writes nothing.
    again = client.post("/documents", json={"text": ARTICLE_A})
    assert again.status_code == 200 and again.json()["stored"] is False
    # An id already taken by another text is a conflict, not a silent overwrite.
    error_of(client.post("/documents", json={"text": ARTICLE_B, "id": body["id"]}), 409)


def test_documents_page_with_total_and_next(seeded: TestClient) -> None:
    first = seeded.get("/documents", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1
    assert first["next"] == "/documents?limit=1&offset=1"
    second = seeded.get(first["next"]).json()
    assert second["next"] is None
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert seeded.get("/documents", params={"offset": 5}).json()["items"] == []


def test_speakers_are_joined_across_articles(seeded: TestClient) -> None:
    body = seeded.get("/speakers").json()
    by_name = {s["name"]: s for s in body["items"]}
    assert by_name["Dana Whitlock"]["n_articles"] == 2
    assert by_name["Dana Whitlock"]["n_attributions"] == 3
    assert body["total"] == len(body["items"])
    paged = seeded.get("/speakers", params={"limit": 1, "offset": 1}).json()
    assert paged["items"] == body["items"][1:2]
    people = seeded.get("/speakers", params={"type": "person"}).json()["items"]
    assert people and all(s["type"] == "person" for s in people)


def test_one_speaker_and_their_attributions(seeded: TestClient) -> None:
    sid = speaker_id(seeded, "Dana Whitlock")
    speaker = seeded.get(f"/speakers/{sid}").json()
    assert speaker["name"] == "Dana Whitlock" and "Whitlock" in speaker["aliases"]
    page = seeded.get(f"/speakers/{sid}/attributions", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next"]
    rest = seeded.get(page["next"]).json()
    quotes = page["items"] + rest["items"]
    assert {q["speaker_id"] for q in quotes} == {sid}
    stored = {d["id"] for d in seeded.get("/documents").json()["items"]}
    assert {q["doc_id"] for q in quotes} == stored
    direct = seeded.get(f"/speakers/{sid}/attributions", params={"kind": "direct"}).json()
    assert direct["items"] and all(q["kind"] == "direct" for q in direct["items"])


def test_speakers_counted_by_least_confidence(seeded: TestClient) -> None:
    every = seeded.get("/speakers").json()["items"]
    quotes = {
        s["id"]: seeded.get(f"/speakers/{s['id']}/attributions").json()["items"] for s in every
    }
    confidences = sorted(q["confidence"] for qs in quotes.values() for q in qs)
    cut = confidences[len(confidences) // 2]
    sure = seeded.get("/speakers", params={"min_confidence": cut}).json()["items"]
    assert sure
    assert {s["id"]: s["n_attributions"] for s in sure} == {
        sid: n for sid, qs in quotes.items() if (n := sum(q["confidence"] >= cut for q in qs))
    }
    counts = [s["n_attributions"] for s in sure]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) < sum(s["n_attributions"] for s in every)
    assert seeded.get("/speakers", params={"min_confidence": -1}).status_code == 422


def test_a_speakers_attributions_filtered_by_least_confidence(seeded: TestClient) -> None:
    sid = speaker_id(seeded, "Dana Whitlock")
    url = f"/speakers/{sid}/attributions"
    every = seeded.get(url).json()["items"]
    cut = sorted(q["confidence"] for q in every)[len(every) // 2]
    kept = seeded.get(url, params={"min_confidence": cut}).json()
    assert [q["attr_id"] for q in kept["items"]] == [
        q["attr_id"] for q in every if q["confidence"] >= cut
    ]
    assert 0 < len(kept["items"]) < len(every)
    assert kept["total"] == len(kept["items"])
    speaker = seeded.get(f"/speakers/{sid}", params={"min_confidence": cut}).json()
    assert speaker["n_attributions"] == len(kept["items"])
    assert seeded.get(url, params={"min_confidence": 1.5}).status_code == 422


def test_search_by_least_confidence(seeded: TestClient) -> None:
    every = seeded.get("/search", params={"q": "Whitlock"}).json()["items"]
    cut = sorted(h["confidence"] for h in every)[len(every) // 2]
    sure = seeded.get("/search", params={"q": "Whitlock", "min_confidence": cut}).json()["items"]
    assert [h["attr_id"] for h in sure] == [h["attr_id"] for h in every if h["confidence"] >= cut]
    assert 0 < len(sure) < len(every)
    page = seeded.get("/reader/search", params={"q": "Whitlock", "min_confidence": cut}).text
    assert page.count('<li class="result">') == len(sure)
    surest = seeded.get("/reader/search", params={"q": "Whitlock", "min_confidence": 0.9}).text
    assert '<option value="0.9" selected>' in surest
    assert seeded.get("/search", params={"q": "Whitlock", "min_confidence": 2}).status_code == 422


def test_search_finds_quotes_and_pages(seeded: TestClient) -> None:
    hits = seeded.get("/search", params={"q": "ferry running"}).json()["items"]
    assert len(hits) == 1 and hits[0]["speaker_name"] == "Dana Whitlock"
    one = seeded.get("/search", params={"q": "riders", "limit": 1}).json()
    assert len(one["items"]) == 1 and one["next"] is not None
    assert seeded.get("/search", params={"q": "the"}).json()["items"] == []


@pytest.mark.parametrize("q", ["'; DROP TABLE documents; --", '" OR 1=1 --', "NEAR(a b)", "*"])
def test_search_text_is_never_syntax(seeded: TestClient, q: str) -> None:
    assert seeded.get("/search", params={"q": q}).status_code == 200
    assert seeded.get("/documents").json()["total"] == 2


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/health", "/extract", "/documents", "/documents/{doc_id}", "/speakers",
            "/speakers/{speaker_id}", "/speakers/{speaker_id}/attributions",
            "/search"} <= set(schema["paths"])  # fmt: skip
    body = schema["paths"]["/extract"]["post"]["requestBody"]["content"]
    assert "text" in body["application/json"]["schema"]["properties"]
    assert not any(p.startswith("/reader") for p in schema["paths"])


# -- bad input ---------------------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"", JSON, 400),
        (b"   \n", JSON, 400),
        (b"{not json", JSON, 400),
        (b"\xff\xfe{}", JSON, 400),
        (b"[1, 2]", JSON, 422),
        (b'"text"', JSON, 422),
        (b"{}", JSON, 422),
        (b'{"text": 5}', JSON, 422),
        (b'{"text": ["a"]}', JSON, 422),
        (b'{"text": null, "html": null}', JSON, 422),
        (b'{"text": "a", "html": "<p>a</p>"}', JSON, 422),
        (b'{"text": "   "}', JSON, 422),
        (b'{"text": "a", "colour": "red"}', JSON, 422),
        (b'{"text": "a", "id": "bad\\nid"}', JSON, 422),
        (b'{"text": "a", "date": "yesterday"}', JSON, 422),
        (b'{"text": "a", "title": 7}', JSON, 422),
        (b'{"text": "a"}', {"content-type": "application/xml"}, 415),
        (b'{"text": "a"}', {"content-type": ""}, 415),
        (b"text=a", {"content-type": "application/x-www-form-urlencoded"}, 415),
    ],
)
@pytest.mark.parametrize("path", ["/extract", "/documents"])
def test_bad_bodies_get_4xx_with_a_message(
    client: TestClient, path: str, body: bytes, headers: dict[str, str], status: int
) -> None:
    error_of(client.post(path, content=body, headers=headers), status)


def test_body_over_the_limit_is_413_declared_or_streamed(make_app: AppFactory) -> None:
    with TestClient(make_app(max_body=1000)) as c:
        big = {"text": "word " * 400}
        assert "limit" in error_of(c.post("/extract", json=big), 413)

        def chunks() -> Any:  # no Content-Length: the limit must hold while streaming
            for _ in range(10):
                yield b"x" * 200

        r = c.post("/extract", content=chunks(), headers={"content-type": "text/plain"})
        error_of(r, 413)
        assert c.post("/extract", json={"text": "Short."}).status_code == 200


def test_text_over_the_character_limit_is_413(make_app: AppFactory) -> None:
    with TestClient(make_app(max_chars=50)) as c:
        assert "limit" in error_of(c.post("/extract", json={"text": "a" * 51}), 413)


def test_default_body_limit_is_five_megabytes(client: TestClient) -> None:
    r = client.post("/extract", content=b"x" * (5 * 1024 * 1024 + 1), headers=JSON)
    error_of(r, 413)


@pytest.mark.parametrize(
    "path",
    [
        "/documents?limit=0",
        "/documents?limit=100000",
        "/documents?limit=ten",
        "/documents?offset=-1",
        "/speakers?type=planet",
        "/speakers/abc",
        "/speakers/0",
        "/speakers/99999999999999999999999",
        "/speakers/1/attributions?kind=rumour",
        "/search",
        "/search?q=",
        "/search?q=%20%20",
        "/search?q=" + "a" * 501,
    ],
)
def test_bad_parameters_are_422(client: TestClient, path: str) -> None:
    error_of(client.get(path), 422)


@pytest.mark.parametrize(
    "path", ["/documents/nope", "/speakers/424242", "/speakers/424242/attributions", "/nowhere"]
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    error_of(client.get(path), 404)


def test_wrong_method_is_405(client: TestClient) -> None:
    error_of(client.delete("/documents"), 405)
    error_of(client.get("/extract"), 405)


def test_head_answers_wherever_get_does(seeded: TestClient) -> None:
    doc_id = seeded.get("/documents").json()["items"][0]["id"]
    sid = speaker_id(seeded, "Dana Whitlock")
    paths = [
        "/health", "/documents", f"/documents/{doc_id}", "/speakers", f"/speakers/{sid}",
        f"/speakers/{sid}/attributions", "/search?q=ferry", "/openapi.json", "/",
        "/reader", "/reader/articles", f"/reader/articles/{doc_id}", f"/reader/speakers/{sid}",
        "/reader/search?q=ferry", "/static/reader.css",
        "/documents/nope", "/reader/nowhere", "/documents?limit=0", "/extract",
    ]  # fmt: skip
    statuses = set()
    for path in paths:
        got = seeded.get(path, follow_redirects=False)
        head = seeded.head(path, follow_redirects=False)
        statuses.add(got.status_code)
        assert (head.status_code, dict(head.headers)) == (got.status_code, dict(got.headers))
        assert head.content == b"" and (got.content or got.status_code == 307), path
    # Pages, the API, a redirect, a missing one, a bad parameter; POST-only is 405 to both.
    assert statuses == {200, 307, 404, 422, 405}
    assert seeded.head("/extract").headers["allow"] == "POST"


# -- auth, origin, host, headers ---------------------------------------------------------


def test_storing_needs_the_token_when_one_is_set(make_app: AppFactory) -> None:
    with TestClient(make_app(token="s3cret")) as c:
        r = c.post("/documents", json={"text": ARTICLE_A})
        assert "Bearer" in error_of(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
        for header in ("Bearer wrong", "Basic s3cret", "Bearer", "s3cret"):
            error_of(c.post("/documents", json={"text": ARTICLE_A},
                            headers={"Authorization": header}), 401)  # fmt: skip
        assert c.get("/documents").json()["total"] == 0
        store_articles(c, (ARTICLE_A, "Fares"), token="s3cret")
        assert c.get("/documents").json()["total"] == 1
        # Reading and extracting without storing stay open.
        assert c.post("/extract", json={"text": ARTICLE_B}).status_code == 200
        assert c.get("/health").json()["auth"] is True


def test_token_is_checked_before_the_body(make_app: AppFactory) -> None:
    with TestClient(make_app(token="s3cret")) as c:
        error_of(c.post("/documents", content=b"{broken", headers=JSON), 401)


def test_cross_origin_posts_are_refused(client: TestClient) -> None:
    evil = {"origin": "http://evil.example"}
    error_of(client.post("/extract", json={"text": ARTICLE_A}, headers=evil), 403)
    error_of(client.post("/documents", json={"text": ARTICLE_A}, headers=evil), 403)
    same = {"origin": "http://testserver"}
    assert client.post("/extract", json={"text": ARTICLE_A}, headers=same).status_code == 200


def test_host_check_blocks_dns_rebinding(make_app: AppFactory) -> None:
    app = make_app(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/health").status_code == 200
        assert c.get("/health", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/health", headers={"host": "[::1]:8000"}).status_code == 200
        error_of(c.get("/health", headers={"host": "rebind.evil.example"}), 400)


def test_security_headers_on_every_response(make_app: AppFactory) -> None:
    with TestClient(make_app(max_body=10)) as c:
        for r in (c.get("/health"), c.get("/reader"), c.get("/nowhere"),
                  c.post("/extract", json={"text": "far too long"})):  # fmt: skip
            csp = r.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp
            assert r.headers["x-content-type-options"] == "nosniff"


# -- load ----------------------------------------------------------------------------------


def test_a_store_that_is_not_there_is_refused_unless_created(tmp_path: Path, nlp: Any) -> None:
    from onrecord.serve.app import create_app
    from onrecord.store import StoreError

    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no store at"):
        create_app(str(missing), nlp_factory=lambda: nlp, create=False)
    assert not missing.exists()
    with TestClient(create_app(str(missing), nlp_factory=lambda: nlp)) as c:  # create=True
        assert c.get("/documents").json()["total"] == 0
    assert missing.exists()


def test_health_answers_while_an_extraction_runs(make_app: AppFactory, nlp: Any) -> None:
    blocking = BlockingNlp(nlp)
    with TestClient(make_app(nlp_factory=lambda: blocking)) as c:
        result: dict[str, Any] = {}
        worker = threading.Thread(
            target=lambda: result.update(r=c.post("/extract", json={"text": ARTICLE_A}))
        )
        worker.start()
        assert blocking.entered.wait(10)
        started = time.perf_counter()
        health = c.get("/health").json()
        assert time.perf_counter() - started < 2
        assert health["extraction"]["pending"] == 1
        assert c.get("/documents").status_code == 200
        blocking.release.set()
        worker.join(10)
        assert result["r"].status_code == 200


def test_slow_extraction_times_out_with_503(make_app: AppFactory, nlp: Any) -> None:
    blocking = BlockingNlp(nlp)
    with TestClient(make_app(nlp_factory=lambda: blocking, extract_timeout=0.2)) as c:
        try:
            assert "longer than" in error_of(c.post("/extract", json={"text": ARTICLE_A}), 503)
        finally:
            blocking.release.set()


def test_full_queue_answers_503_with_retry_after(make_app: AppFactory, nlp: Any) -> None:
    blocking = BlockingNlp(nlp)
    with TestClient(make_app(nlp_factory=lambda: blocking, max_pending=1)) as c:
        worker = threading.Thread(target=lambda: c.post("/extract", json={"text": ARTICLE_A}))
        worker.start()
        try:
            assert blocking.entered.wait(10)
            r = c.post("/extract", json={"text": ARTICLE_B})
            error_of(r, 503)
            assert r.headers["retry-after"]
        finally:
            blocking.release.set()
            worker.join(10)
        assert c.post("/extract", json={"text": ARTICLE_B}).status_code == 200


def test_concurrent_reads_from_many_threads(seeded: TestClient) -> None:
    # Handler threads each need their own store connection (SQLite forbids sharing one).
    paths = ["/documents", "/speakers", "/search?q=ferry", "/health"] * 6
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda p: seeded.get(p).status_code, paths))
    assert statuses == [200] * len(paths)


@pytest.mark.postgres
def test_the_api_over_postgresql(pg_url: str, nlp: Any) -> None:
    from onrecord.serve.app import create_app

    with TestClient(create_app(pg_url, nlp_factory=lambda: nlp)) as c:
        store_articles(c, (ARTICLE_A, "Fares"), (ARTICLE_B, "Crowd"))
        sid = speaker_id(c, "Dana Whitlock")
        paths = ["/documents", "/speakers", "/search?q=ferry+running", "/health",
                 f"/speakers/{sid}/attributions", f"/reader/speakers/{sid}"] * 3  # fmt: skip
        with ThreadPoolExecutor(4) as pool:
            responses = list(pool.map(c.get, paths))
        assert [r.status_code for r in responses] == [200] * len(paths)
        hits = c.get("/search", params={"q": "ferry running"}).json()["items"]
        assert hits[0]["speaker_id"] == sid
        assert c.get(f"/speakers/{sid}/attributions").json()["total"] == 3


# -- the worker processes ------------------------------------------------------------------


@pytest.mark.slow
def test_process_workers_extract() -> None:
    # Spawns a real worker process that loads its own pipeline: what `onrecord serve` runs.
    extractor = Extractor(default_nlp_factory(use_model=False), workers=1, timeout=120)
    extractor.start()
    try:
        result = asyncio.run(extractor.run(ExtractJob(text=ARTICLE_A, doc_id="a")))
        assert isinstance(result, Article) and result.id == "a"
        assert {a.speaker.name for a in result.attributions if a.speaker} >= {"Dana Whitlock"}
        assert extractor.ready and extractor.mode == "process"
        failed = asyncio.run(extractor.run(ExtractJob(text="x" * 20, max_chars=10)))
        assert not isinstance(failed, Article) and "limit" in failed.reason
    finally:
        extractor.close()


def test_speakers_and_search_in_the_speech_scope(seeded: TestClient) -> None:
    sid = speaker_id(seeded, "Dana Whitlock")
    every = seeded.get(f"/speakers/{sid}/attributions").json()["items"]
    speech = seeded.get(f"/speakers/{sid}/attributions", params={"scope": "speech"}).json()
    kinds = {q["kind"] for q in speech["items"]}
    assert speech["items"] and kinds <= {"direct", "indirect", "mixed"}
    assert speech["total"] == len(speech["items"]) <= len(every)
    one = seeded.get(f"/speakers/{sid}", params={"scope": "speech"}).json()
    assert one["n_attributions"] == len(speech["items"])
    hits = seeded.get("/search", params={"q": "Whitlock", "kinds": "direct"}).json()["items"]
    assert hits and {h["kind"] for h in hits} == {"direct"}


def test_a_document_read_in_a_scope_keeps_only_its_kinds(seeded: TestClient) -> None:
    doc_id = seeded.get("/documents").json()["items"][0]["id"]
    every = seeded.get(f"/documents/{doc_id}").json()["attributions"]
    direct = seeded.get(f"/documents/{doc_id}", params={"kinds": "direct"}).json()
    assert [a["id"] for a in direct["attributions"]] == [
        a["id"] for a in every if a["kind"] == "direct"
    ]


def test_bad_scope_or_kinds_are_422_with_the_choices(seeded: TestClient) -> None:
    bad_kind = seeded.get("/speakers", params={"kinds": "direct,quoted"})
    assert bad_kind.status_code == 422
    assert "unknown kind quoted" in bad_kind.json()["error"]
    assert seeded.get("/speakers", params={"scope": "audit"}).status_code == 422


def test_the_reader_keeps_the_chosen_scope(seeded: TestClient) -> None:
    page = seeded.get("/reader/speakers", params={"scope": "speech", "kinds": "direct"}).text
    assert '<option value="speech" selected>' in page
    assert '<option value="direct" selected>' in page
    assert "scope=speech" in page  # carried into each speaker's link
    doc_id = seeded.get("/documents").json()["items"][0]["id"]
    article = seeded.get(f"/reader/articles/{doc_id}", params={"kinds": "indirect"}).text
    assert '<option value="indirect" selected>' in article
