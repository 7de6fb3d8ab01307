"""The web reader's pages (``onrecord.serve.pages``): they render, count by least confidence,
escape article text, and show form errors on the form (the browser test drives them for
real)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from support.serve import ARTICLE_A, IMG, SCRIPT, XSS_ARTICLE, AppFactory, speaker_id

pytest_plugins = ("support.serve_fixtures",)


def test_reader_pages_render(seeded: TestClient) -> None:
    doc_id = seeded.get("/documents").json()["items"][0]["id"]
    sid = speaker_id(seeded, "Dana Whitlock")
    for path in ("/reader", "/reader/articles", "/reader/speakers", f"/reader/speakers/{sid}",
                 "/reader/search?q=ferry", f"/reader/articles/{doc_id}"):  # fmt: skip
        r = seeded.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "<script>" not in r.text  # only <script src=...> from static files
    article = seeded.get(f"/reader/articles/{doc_id}").text
    assert 'id="attr-A1"' in article and 'data-attr="A1"' in article
    assert f'href="/reader/speakers/{sid}"' in article
    speaker = seeded.get(f"/reader/speakers/{sid}").text
    assert f"/reader/articles/{doc_id}#attr-A1" in speaker
    assert seeded.get("/", follow_redirects=False).headers["location"] == "/reader"


def test_reader_speakers_counted_by_least_confidence(seeded: TestClient) -> None:
    every = seeded.get("/speakers").json()["items"]
    cut = 0.8  # the rules' direct quotations (0.85) count, their indirect ones (0.7) do not
    sure = seeded.get("/speakers", params={"min_confidence": cut}).json()["items"]
    assert 0 < sum(s["n_attributions"] for s in sure) < sum(s["n_attributions"] for s in every)
    page = seeded.get("/reader/speakers", params={"min_confidence": cut}).text
    assert page.count("<li><a href=") == len(sure)
    for s in sure:
        assert f'/reader/speakers/{s["id"]}?min_confidence={cut}">' in page
        n = s["n_attributions"]
        assert f"{n} attribution{'s' if n != 1 else ''} in" in page
    assert '<option value="0.8" selected>' in page
    assert seeded.get("/reader/speakers").text.count("<li><a href=") == len(every)


def test_reader_speaker_page_shows_the_surer_attributions(seeded: TestClient) -> None:
    sid = speaker_id(seeded, "Dana Whitlock")
    quotes = seeded.get(f"/speakers/{sid}/attributions").json()["items"]
    cut = sorted(q["confidence"] for q in quotes)[len(quotes) // 2]
    page = seeded.get(f"/reader/speakers/{sid}", params={"min_confidence": cut}).text
    shown = page.count('<li class="quote">')
    assert shown == sum(q["confidence"] >= cut for q in quotes) < len(quotes)
    every = seeded.get(f"/reader/speakers/{sid}").text
    assert every.count('<li class="quote">') == len(quotes)
    assert '<option value="0.0" selected>every attribution</option>' in every
    assert f"{shown} attributions of confidence {cut} or more" in page
    surest = seeded.get(f"/reader/speakers/{sid}", params={"min_confidence": 0.9}).text
    assert '<option value="0.9" selected>' in surest
    assert seeded.get(f"/reader/speakers/{sid}", params={"min_confidence": 2}).status_code == 422


def test_reader_errors_are_pages(client: TestClient) -> None:
    r = client.get("/reader/articles/missing")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "missing" in r.text
    assert client.get("/reader/speakers/abc").status_code == 422


def test_reader_escapes_article_text(client: TestClient) -> None:
    r = client.post("/reader/extract", data={"text": XSS_ARTICLE, "title": IMG})
    assert r.status_code == 200
    assert SCRIPT not in r.text and "<img" not in r.text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in r.text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in r.text
    stored = client.post("/reader/save", data={"text": XSS_ARTICLE}, follow_redirects=True)
    assert stored.status_code == 200 and SCRIPT not in stored.text
    search = client.get("/reader/search", params={"q": "plan mess"})
    assert "mess" in search.text and SCRIPT not in search.text


def test_reader_upload_and_save_with_token(make_app: AppFactory) -> None:
    with TestClient(make_app(token="s3cret")) as c:
        files = {"file": ("fares.txt", ARTICLE_A.encode(), "text/plain")}
        r = c.post("/reader/extract", data={"text": ""}, files=files)
        assert r.status_code == 200 and "Dana Whitlock" in r.text
        refused = c.post("/reader/save", data={"text": ARTICLE_A, "token": "nope"})
        assert refused.status_code == 401 and "wrong token" in refused.text
        assert ARTICLE_A.splitlines()[0] in refused.text  # the pasted text is kept
        saved = c.post("/reader/save", data={"text": ARTICLE_A, "token": "s3cret"},
                       follow_redirects=False)  # fmt: skip
        assert saved.status_code == 303
        assert saved.headers["location"].startswith("/reader/articles/")
        assert c.get("/documents").json()["total"] == 1


def test_reader_form_errors_are_shown_on_the_form(client: TestClient) -> None:
    r = client.post("/reader/extract", data={"text": "  "})
    assert r.status_code == 422 and "paste an article" in r.text
    files = {"file": ("blob.txt", b"\x00\x01\x02binary", "application/octet-stream")}
    assert client.post("/reader/extract", data={"text": ""}, files=files).status_code == 422
    assert client.post("/reader/extract", json={"text": "a"}).status_code == 415
    assert client.post("/reader/extract", data={"text": "a"},
                       headers={"origin": "http://evil.example"}).status_code == 403  # fmt: skip
