"""Readers: each input kind on small files written here, and every way an input can fail."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from onrecord.document import Document, DocumentError, content_id
from onrecord.readers import read_inputs, sniff_kind
from onrecord.readers.paths import count_documents

ARTICLE = (
    "Alec Baldwin said on Thursday that he did not pull the trigger of the gun that killed "
    "the cinematographer on the set of the film Rust in New Mexico."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Baldwin speaks out | Daily Planet</title>
<meta property="og:title" content="Baldwin speaks out after set shooting">
<meta property="og:site_name" content="Daily Planet">
<meta property="og:url" content="https://planet.example/news/baldwin-speaks">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2021-12-02T10:00:00Z">
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sports">Sports section</a></li></ul></nav>
<div class="ad banner" id="ad-top">BUY CHEAP WIDGETS NOW</div>
<article>
<h1>Baldwin speaks out after set shooting</h1>
<p>{article}</p>
<p>"I didn't pull the trigger," Baldwin told ABC News in an interview that aired on Thursday
evening. "I would never point a gun at anyone and pull the trigger at them, never," he said.</p>
<p>The sheriff of Santa Fe County said the investigation was continuing and that no charges
had been filed so far in the case.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/x">Ten things you missed this week</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Commenter99: This is outrageous, I demand answers!</p></div></section>
<footer>Copyright Daily Planet 2021. All rights reserved.</footer>
</body></html>
""".replace("{article}", ARTICLE)


def read(*paths: Path | str, **kwargs: object) -> list[Document | DocumentError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only(items: list[Document | DocumentError]) -> Document | DocumentError:
    assert len(items) == 1, items
    return items[0]


# -- plain text --------------------------------------------------------------------------


def test_text_file_is_one_document_with_a_content_id(tmp_path: Path) -> None:
    path = tmp_path / "cnn_2016-03-01_story.txt"
    path.write_bytes(("\ufeff" + ARTICLE + "\r\n").encode())
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE + "\r\n"  # BOM dropped, line ends kept as they are
    assert doc.id == content_id(doc.text)
    assert doc.source == str(path)
    assert doc.metadata == {"date": "2016-03-01"}


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le maire a déclaré: « non ».".encode("latin-1"))
    failed = only(read(path))
    assert isinstance(failed, DocumentError)
    assert failed.source == str(path)
    assert "not valid UTF-8 at byte 12" in failed.reason
    doc = only(read(path, encoding="latin-1"))
    assert isinstance(doc, Document) and doc.text == "Le maire a déclaré: « non »."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary file (contains NUL bytes)"),
        (bytes(range(1, 9)) * 40, "binary file (mostly control characters)"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_unreadable_text_is_an_error_naming_the_file(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = only(read(path))
    assert isinstance(error, DocumentError)
    assert error.source == str(path)
    assert reason in error.reason


def test_limits(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 30)
    error = only(read(path, max_chars=100))
    assert isinstance(error, DocumentError) and "too long: 150 characters" in error.reason
    error = only(read(path, max_chars=10))  # over 4 bytes a character: refused unread
    assert isinstance(error, DocumentError) and "too large: 150 bytes" in error.reason


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_text_is_a_valid_empty_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.text == content.decode()


# -- HTML --------------------------------------------------------------------------------


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


# -- JSON Lines --------------------------------------------------------------------------


def test_jsonl_reads_every_good_line_and_names_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": "First story.", "title": "One", "url": "https://a.example/1",
                    "date": "2020-01-02", "section": "politics"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"body": "no text field"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Second story."}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Document", "DocumentError", "DocumentError", "DocumentError", "DocumentError",
        "Document",
    ]  # fmt: skip
    first, second = items[0], items[-1]
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source == f"{path}:1"
    assert first.id == content_id("First story.")
    assert first.metadata == {
        "title": "One", "url": "https://a.example/1", "date": "2020-01-02", "section": "politics",
    }  # fmt: skip
    assert second.source == f"{path}:7"
    errors = {i.source: i.reason for i in items if isinstance(i, DocumentError)}
    assert errors[f"{path}:2"].startswith("invalid JSON")
    assert errors[f"{path}:4"] == "expected a JSON object, got list"
    assert errors[f"{path}:5"] == "no 'text' field"
    assert errors[f"{path}:6"] == "'text' is int, not a string"


def test_a_null_text_is_the_wrong_type_not_a_missing_field(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": null}\n{"title": "no text"}\n')
    null, missing = read(path)
    assert isinstance(null, DocumentError) and "null, not a string" in null.reason
    assert isinstance(missing, DocumentError) and "no 'text' field" in missing.reason


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    record = {"uid": 7, "article": {"body": "Nested text."}, "headline": "H",
              "link": "https://b.example", "when": "2019-05-06T10:00:00"}  # fmt: skip
    path.write_text(json.dumps(record) + "\n")
    doc = only(
        read(path, text_field="article.body", id_field="uid", title_field="headline",
             url_field="link", date_field="when")
    )  # fmt: skip
    assert isinstance(doc, Document)
    assert (doc.text, doc.id) == ("Nested text.", "7")
    assert doc.metadata == {
        "title": "H", "url": "https://b.example", "date": "2019-05-06T10:00:00",
    }  # fmt: skip


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "a.json"
    array.write_text(json.dumps([{"text": "One."}, {"text": "Two."}], indent=2))
    single = tmp_path / "b.json"
    single.write_text(json.dumps({"text": "Three."}, indent=2))
    docs = read(array, single)
    assert [(d.text, d.source) for d in docs if isinstance(d, Document)] == [
        ("One.", f"{array}[0]"),
        ("Two.", f"{array}[1]"),
        ("Three.", str(single)),
    ]


# -- WARC --------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[str, int, str, bytes]], *, info: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        if info:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, content_type, body in pages:
            headers = StatusAndHeaders(
                f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-12-03T10:00:00Z"},
            )
            writer.write_record(record)


WARC_PAGES = [
    ("https://a.example/1", 200, "text/html; charset=utf-8", PAGE.encode()),
    ("https://a.example/gone", 404, "text/html", PAGE.encode()),
    ("https://a.example/logo", 200, "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://a.example/2", 200, "text/html", PAGE.replace("Alec", "Alexander").encode()),
]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, WARC_PAGES)
    docs = read(path)
    assert all(isinstance(d, Document) for d in docs)
    assert [d.metadata["url"] for d in docs] == ["https://a.example/1", "https://a.example/2"]
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert ARTICLE in first.text and "Alexander Baldwin" in second.text
    assert first.metadata["warc_date"] == "2021-12-03T10:00:00Z"
    assert first.metadata["title"] == "Baldwin speaks out after set shooting"
    assert first.source.startswith(f"{path}#")
    offset = int(first.source.rsplit("#", 1)[1])
    assert offset > 0  # the warcinfo record comes first
    assert first.source != second.source


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, WARC_PAGES)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])  # inside the last page's gzip member
    items = read(cut)
    assert [type(i).__name__ for i in items] == ["Document", "DocumentError"]
    assert items[0].metadata["url"] == "https://a.example/1"  # type: ignore[union-attr]
    error = items[1]
    assert isinstance(error, DocumentError)
    assert "truncated" in error.reason and error.source.startswith(str(cut))


def test_a_cut_after_a_first_record_at_byte_0_says_so(tmp_path: Path) -> None:
    # No warcinfo record: the first page starts at byte 0, which once read as "no record yet".
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, [WARC_PAGES[0], WARC_PAGES[3]], info=False)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-300])
    first, error = read(cut)
    assert isinstance(first, Document) and first.source == f"{cut}#0"
    assert isinstance(error, DocumentError)
    # Where the cut falls varies with the random record ids: inside the second record's gzip
    # member (the member ends early) or past its headers (that record ends early).
    assert "before any record" not in error.reason
    assert "after the record at byte 0" in error.reason or (
        "the record ends" in error.reason and error.source != first.source
    ), error


def test_every_cut_of_a_gzipped_warc_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, WARC_PAGES[:1])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    for end in range(1, len(data), max(1, len(data) // 40)):
        cut.write_bytes(data[:end])
        items = read(cut)
        assert isinstance(items[-1], DocumentError), end


# -- paths and stdin ---------------------------------------------------------------------


def test_folders_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "a" / "b" / "two.txt").write_text("Two.")
    (tmp_path / "a" / "b" / "notes.ann").write_text("T1 annotation")  # not a document
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "c.txt").write_text("Three.")
    items = read(tmp_path / "a", tmp_path / "*.txt", tmp_path / "nope.txt", tmp_path / "x*.txt")
    texts = [i.text for i in items if isinstance(i, Document)]
    assert texts == ["Two.", "One.", "Three."]  # sorted paths: a/b/two.txt < a/one.txt
    errors = [(i.source, i.reason) for i in items if isinstance(i, DocumentError)]
    assert errors == [
        (str(tmp_path / "nope.txt"), "no such file or directory"),
        (str(tmp_path / "x*.txt"), "no files match this pattern"),
    ]
    assert count_documents([str(tmp_path / "a"), str(tmp_path / "c.txt")]) == 3


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    def from_stdin(data: bytes) -> list[Document | DocumentError]:
        return list(read_inputs(["-"], stdin=io.BytesIO(data)))

    text = only(from_stdin(ARTICLE.encode()))
    assert isinstance(text, Document) and text.text == ARTICLE and text.source == "-"
    lines = from_stdin(b'{"text": "A."}\n{"text": "B."}\n')
    assert [(d.text, d.source) for d in lines if isinstance(d, Document)] == [
        ("A.", "-:1"),
        ("B.", "-:2"),
    ]
    page = only(from_stdin(PAGE.encode()))
    assert isinstance(page, Document) and ARTICLE in page.text
    assert sniff_kind(b"  <!DOCTYPE html><html>") == "html"
    assert sniff_kind(b"Plain words.") == "txt"
