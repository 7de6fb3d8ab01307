"""Web archives (.warc, .warc.gz): every HTTP 200 HTML response is a page, read as HTML.

Records are read in order, so when the archive is truncated (a crawl cut off mid-write) the
pages before the damage are kept and the damage becomes one error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.document import Document, DocumentError
from onrecord.readers.common import DEFAULT_MAX_CHARS, byte_limit, too_large_reason
from onrecord.readers.html import MARKUP_FACTOR, html_document

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The blank lines that end an uncompressed archive's last record.
_TRAILER = 4


def _content_type(record: Any) -> tuple[str, str | None]:
    """The media type and charset of an HTTP response record."""
    header = record.http_headers.get_header("Content-Type") or ""
    media, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.lower(), charset


def is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return _content_type(record)[0] in HTML_TYPES


def _decode(body: bytes, charset: str | None, encoding: str | None) -> bytes | str:
    """The server's declared charset when it works; otherwise the bytes, for trafilatura to
    sniff from the page."""
    enc = encoding or charset
    if not enc:
        return body
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return body


def _checked_iterator(stream: BinaryIO) -> Any:
    """warcio's record iterator, noting whether the last gzip member was complete: warcio
    ends quietly when a file stops mid-member, so that is checked as it closes."""
    from warcio.archiveiterator import ArchiveIterator  # optional dependency

    class CheckedIterator(ArchiveIterator):  # type: ignore[misc]
        ended_cleanly: bool | None = None
        compressed: bool | None = None

        def close(self) -> None:
            if self.reader is not None:
                decompressor = self.reader.decompressor
                self.compressed = decompressor is not None
                self.ended_cleanly = decompressor is None or bool(
                    getattr(decompressor, "eof", True)
                )
            super().close()

    return CheckedIterator(stream)


def iter_warc(
    stream: BinaryIO,
    name: str,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    size: int | None = None,
) -> Iterator[Document | DocumentError]:
    """Pages of a WARC stream. ``size`` (the file's) lets an uncompressed archive that stops
    inside a record's headers be told from a complete one."""
    limit = byte_limit(max_chars) * MARKUP_FACTOR
    offset = end = 0
    read_any = False  # the first record is at byte 0, so the offset cannot tell

    def _where() -> str:
        return f"after the record at byte {offset}" if read_any else "before any record"

    try:
        records = _checked_iterator(stream)
        for record in records:
            page = is_html_page(record)
            body = record.content_stream().read(limit + 1) if page else b""
            # Asking for the offset reads the rest of the record, so only after the body.
            offset = records.get_record_offset()
            end = offset + records.get_record_length()
            read_any = True
            source = f"{name}#{offset}"
            # A cut-off archive ends inside a record without any decompression error; what
            # gives it away is a record shorter than its declared length.
            missing = getattr(record.raw_stream, "limit", 0)
            if record.rec_headers.get_header("Content-Length") is None:
                # Mandatory in every record; without it the headers were cut off.
                yield DocumentError(source, "truncated or corrupt WARC: a record has no length")
                return
            if missing:
                yield DocumentError(
                    source, f"truncated WARC: the record ends {missing:,} bytes early"
                )
                return
            if not page:
                continue
            if len(body) > limit:
                yield DocumentError(source, too_large_reason(len(body), max_chars * MARKUP_FACTOR))
                continue
            yield _page(record, body, source, encoding=encoding, max_chars=max_chars)
        if records.ended_cleanly is False:
            yield DocumentError(name, f"truncated WARC: the gzip data ends early, {_where()}")
        elif records.compressed is False and size is not None and size - end > _TRAILER:
            yield DocumentError(
                name, f"truncated WARC: {size - end:,} bytes after byte {end} are no record"
            )
    except Exception as exc:  # warcio/zlib/EOF errors alike mean the archive ends here
        yield DocumentError(
            name, f"truncated or corrupt WARC {_where()}: {type(exc).__name__}: {exc}"
        )


def _page(
    record: Any, body: bytes, source: str, *, encoding: str | None, max_chars: int
) -> Document | DocumentError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    metadata = {
        "url": url,
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    page = _decode(body, _content_type(record)[1], encoding)
    return html_document(
        page,
        source,
        url=url,
        max_chars=max_chars,
        metadata={k: v for k, v in metadata.items() if v},
    )


def read_warc_file(
    path: Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | DocumentError]:
    try:
        stream = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield DocumentError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        stream.close()
        yield DocumentError(str(path), "empty file: no WARC records")
        return
    with stream:
        yield from iter_warc(stream, str(path), encoding=encoding, max_chars=max_chars, size=size)
