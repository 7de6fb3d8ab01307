"""``GET /audit``, the filters on the API's and the reader's readings, and the Sources page,
over the store whose figures are known by construction (``support.audited``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[dev]')")

from fastapi.testclient import TestClient  # noqa: E402

from onrecord.serve.app import create_app  # noqa: E402
from onrecord.store import open_store  # noqa: E402
from support.audited import audited_articles  # noqa: E402


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("audited") / "store.db"
    with open_store(str(db)) as store:
        for article in audited_articles():
            store.add_article(article)
        store.commit()

    def no_pipeline() -> Any:
        raise AssertionError("reading a store never loads the pipeline")

    with TestClient(create_app(str(db), nlp_factory=no_pipeline)) as client:
        yield client


def test_audit_answers_as_the_command_does(audited: TestClient) -> None:
    data = audited.get("/audit", params={"by": "outlet,month"}).json()
    assert data["by"] == ["outlet", "month"] and data["total"]["attributions"] == 13
    groups = {(g["outlet"], g["month"]): g["attributions"] for g in data["groups"]}
    assert groups == {("The Guardian", ""): 1, ("The Guardian", "2024-01"): 4,
                      ("apnews.com", "2024-01"): 5, ("apnews.com", "2024-02"): 3}  # fmt: skip
    speech = audited.get("/audit", params={"scope": "speech", "gender": "female"}).json()
    assert speech["total"]["attributions"] == 4
    assert speech["total"]["genders"] == {"female": 4, "male": 0, "unknown": 0}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"by": "day"}, "choose from outlet"),
        ({"gender": "woman"}, "choose from female"),
        ({"type": "robot"}, "choose from person"),
        ({"from": "May 2024"}, "YYYY-MM-DD"),
    ],
)
def test_bad_readings_are_422_naming_the_choices(
    audited: TestClient, params: dict[str, str], message: str
) -> None:
    answer = audited.get("/audit", params=params)
    assert answer.status_code == 422 and message in answer.text


def test_every_reading_route_takes_the_filters(audited: TestClient) -> None:
    women = audited.get("/speakers", params={"gender": "female"}).json()["items"]
    assert [s["name"] for s in women] == ["Ann Lee"] and women[0]["gender"] == "female"
    orgs = audited.get("/speakers", params={"type": "organization"}).json()["items"]
    assert [s["name"] for s in orgs] == ["Acme Corp"]
    lee = women[0]["id"]
    one = audited.get(f"/speakers/{lee}", params={"outlet": "apnews.com"}).json()
    assert one["n_attributions"] == 4
    quotes = audited.get(f"/speakers/{lee}/attributions", params={"from": "2024-02-01"}).json()
    assert [q["content"] for q in quotes["items"]] == ['"Soon,"']
    hits = audited.get("/search", params={"q": "vote", "type": "group"}).json()
    assert hits["items"] == []
    doc = audited_articles()[0].id
    record = audited.get(f"/documents/{doc}", params={"type": "anonymous"}).json()
    assert [a["speaker"]["name"] for a in record["attributions"]] == ["Officials"]


def test_the_sources_page_draws_each_chart_with_a_table(audited: TestClient) -> None:
    page = audited.get("/reader/sources")
    assert page.status_code == 200
    html = page.text
    assert html.count("<svg") == 3 and html.count('<table class="figures"') == 2
    # A bar per outlet, a segment per type present, each titled with its figures.
    assert "<title>apnews.com: person 75% (6 of 8)</title>" in html
    assert "<title>The Guardian: female 33% (1 of 3)</title>" in html
    assert re.search(r"<title>2024-01: women among person sources \d+%</title>", html)
    assert "<script" not in html.split("</head>")[1]  # readable without JavaScript
    assert 'href="/static/charts.css"' in html and "http" not in html.split("<body")[0]
    narrowed = audited.get("/reader/sources", params={"outlet": "The Guardian", "over": "week"})
    assert "apnews.com:" not in narrowed.text and "2024-01-15" in narrowed.text
    assert 'option value="The Guardian" selected' in narrowed.text


def test_the_reader_pages_keep_the_filters(audited: TestClient) -> None:
    speakers = audited.get("/reader/speakers", params={"gender": "male"}).text
    assert "Bob Stone" in speakers and "Ann Lee" not in speakers
    articles = audited.get("/reader/articles", params={"outlet": "apnews.com"}).text
    titles = re.findall(r'<a href="/reader/articles/[^"]+">([^<]+)</a>', articles)
    assert titles == ["Prices to fall", "Port to shut"]  # newest first
    every = re.findall(r'<a href="/reader/articles/[^"]+">([^<]+)</a>',
                       audited.get("/reader/articles").text)  # fmt: skip
    assert every == ["Prices to fall", "Vote stands", "Port to shut", "March goes on"]

    def said(params: dict[str, str]) -> list[str]:
        html = audited.get("/reader/search", params=params).text
        return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<p class="said">(.*?)</p>', html)]

    assert said({"q": "stands"}) == ["the vote stands"]
    assert said({"q": "stands", "type": "group"}) == []


def test_an_empty_store_has_an_empty_sources_page(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"))) as client:
        page = client.get("/reader/sources")
    assert page.status_code == 200 and "Nothing to count" in page.text


def test_article_text_is_searched_by_the_api_and_the_reader(audited: TestClient) -> None:
    found = audited.get("/search/articles", params={"q": "voiced"}).json()["items"]
    assert [a["title"] for a in found] == ["Port to shut"] and "voiced" in found[0]["snippet"]
    # No quote has "voiced"; the page still lists the article that says it, the word marked.
    page = audited.get("/reader/search", params={"q": "voiced"}).text
    assert "In the articles’ text" in page and '<mark class="term">voiced</mark>' in page
