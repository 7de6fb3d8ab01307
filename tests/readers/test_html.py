"""The HTML reader."""

from __future__ import annotations

from pathlib import Path

from onrecord.document import Document, DocumentError, content_id
from onrecord.readers.html import html_document, without_repeated_title
from support.readers import ARTICLE, PAGE, only, read


def test_html_keeps_the_article_and_drops_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert ARTICLE in doc.text
    assert "I didn't pull the trigger" in doc.text
    for junk in ("Sports section", "BUY CHEAP WIDGETS", "Ten things you missed", "Commenter99",
                 "Copyright Daily Planet"):  # fmt: skip
        assert junk not in doc.text
    assert doc.source == str(path)
    assert doc.id == content_id(doc.text)
    assert doc.metadata["title"] == "Baldwin speaks out after set shooting"
    assert doc.metadata["author"] == "Lois Lane"
    assert doc.metadata["date"] == "2021-12-02"
    assert doc.metadata["url"] == "https://planet.example/news/baldwin-speaks"
    assert doc.metadata["site_name"] == "Daily Planet"


def test_the_headline_is_metadata_not_the_first_paragraph() -> None:
    doc = html_document(PAGE.encode(), "page.html")
    assert isinstance(doc, Document)
    # The <h1> repeats the og:title; the body starts at the first paragraph.
    assert doc.text.startswith(ARTICLE)
    assert "Baldwin speaks out after set shooting" not in doc.text
    assert doc.metadata["title"] == "Baldwin speaks out after set shooting"
    assert doc.id == content_id(doc.text)


def test_only_a_whole_first_line_equal_to_the_title_is_dropped() -> None:
    body = "Council vote\n\nThe council met on Tuesday."
    assert without_repeated_title(body, "Council vote") == "The council met on Tuesday."
    assert without_repeated_title("council  VOTE\nIt met.", "Council vote") == "It met."
    kept = [
        ("Council vote delayed\nIt met.", "Council vote"),  # the headline begins a sentence
        ("It met.\nCouncil vote", "Council vote"),  # not the first line
        ("Council vote", "Council vote"),  # the body is the headline alone
        ("Council vote\nIt met.", None),
        ("Council vote\nIt met.", ""),
    ]
    for text, title in kept:
        assert without_repeated_title(text, title) == text


def test_html_without_text_and_empty_html(tmp_path: Path) -> None:
    blank = tmp_path / "blank.htm"
    blank.write_text(
        "<html><head><title>T</title></head><body><script>x = 1;</script></body></html>"
    )
    empty = tmp_path / "empty.html"
    empty.write_text("\n")
    error, doc = read(blank, empty)
    assert isinstance(error, DocumentError) and "no article text" in error.reason
    assert isinstance(doc, Document) and doc.text == ""
