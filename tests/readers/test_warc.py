"""The WARC reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.document import Document, DocumentError
from support.readers import ARTICLE, WARC_PAGES, read, write_warc


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
