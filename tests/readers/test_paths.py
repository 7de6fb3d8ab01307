"""The paths and stdin reader."""

from __future__ import annotations

import io
from pathlib import Path

from onrecord.document import Document, DocumentError
from onrecord.readers import read_inputs, sniff_kind
from onrecord.readers.paths import count_documents, missing_input
from support.readers import ARTICLE, PAGE, only, read


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


def test_an_input_that_names_nothing_is_told(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "c.txt").write_text("Three.")
    for named in ("-", tmp_path / "a", tmp_path / "c.txt", tmp_path / "*.txt"):
        assert missing_input(str(named)) is None
    assert missing_input(str(tmp_path / "nope")) == "no such file or directory"
    assert missing_input(str(tmp_path / "x*.txt")) == "no files match this pattern"


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
