"""The plain text reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.document import Document, DocumentError, content_id
from support.readers import ARTICLE, only, read


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
