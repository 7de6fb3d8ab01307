"""HTML pages: the article body and its metadata, via trafilatura.

Navigation, ads, comments, related-link boxes and footers are dropped by trafilatura's
main-content extraction; what is kept becomes the document text, so attribution offsets
point into the extracted text, not the markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.document import Document, DocumentError
from onrecord.readers.common import (
    DEFAULT_MAX_CHARS,
    byte_limit,
    looks_binary,
    too_large_reason,
    too_long_reason,
)

# Raw markup is much longer than its text (scripts, styles, inline images); allow for it.
MARKUP_FACTOR = 10
# trafilatura's name -> ours; only these are kept, so metadata stays small and stable.
_METADATA_FIELDS = {
    "title": "title",
    "author": "author",
    "date": "date",
    "url": "url",
    "sitename": "site_name",
    "hostname": "hostname",
    "description": "description",
    "language": "language",
}


def _extract(markup: str | bytes, url: str | None) -> Any:
    import trafilatura  # imported here: it is an optional dependency and slow to import

    return trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )


def _words(line: str) -> str:
    return " ".join(line.split()).casefold()


def without_repeated_title(text: str, title: str | None) -> str:
    """The body without its first line when that line is the page's title. trafilatura keeps
    the ``<h1>`` as the body's first line, so a page titled "Council vote" reads "Council
    vote\nThe council met ..." and the headline would be read as the first paragraph; it
    stays in the metadata instead. Only a whole line that is the title goes ("Council vote
    delayed" begins a paragraph, not a headline), compared without case or spacing; a body
    that is the title alone is left as it is. The text returned is the document's, so every
    offset is into it."""
    first, newline, rest = text.partition("\n")
    if not (title and newline and _words(first) == _words(title)):
        return text
    return rest.lstrip("\n")


def html_document(
    markup: bytes | str,
    source: str,
    *,
    url: str | None = None,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    metadata: dict[str, Any] | None = None,
) -> Document | DocumentError:
    """One page's bytes as a document. ``metadata`` (e.g. from a WARC record) is kept, and
    what the page itself declares is added under it."""
    if len(markup) > byte_limit(max_chars) * MARKUP_FACTOR:
        return DocumentError(source, too_large_reason(len(markup), max_chars * MARKUP_FACTOR))
    page: str | bytes = markup
    if isinstance(markup, bytes):
        utf16 = markup.startswith((b"\xff\xfe", b"\xfe\xff"))
        if encoding is None and not utf16 and looks_binary(markup):
            return DocumentError(source, "binary file (contains NUL bytes), not HTML")
        try:
            # Without an encoding, trafilatura reads the page's own <meta charset>.
            page = markup.decode(encoding) if encoding else markup
        except (UnicodeDecodeError, LookupError) as exc:
            return DocumentError(source, f"cannot decode as {encoding}: {exc}")
    meta: dict[str, Any] = dict(metadata or {})
    if not page.strip():
        return Document("", source=source, metadata=meta)
    try:
        result = _extract(page, url)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        return DocumentError(source, f"HTML extraction failed: {type(exc).__name__}: {exc}")
    if result is None:
        return DocumentError(source, "no article text found in the HTML")
    found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = without_repeated_title(found.get("text") or "", found.get("title"))
    if len(text) > max_chars:
        return DocumentError(source, too_long_reason(len(text), max_chars))
    for theirs, ours in _METADATA_FIELDS.items():
        value = found.get(theirs)
        if value and ours not in meta:
            meta[ours] = value
    if url and "url" not in meta:
        meta["url"] = url
    return Document(text, source=source, metadata=meta)


def read_html_file(
    path: Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Document | DocumentError:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > byte_limit(max_chars) * MARKUP_FACTOR:
            return DocumentError(source, too_large_reason(size, max_chars * MARKUP_FACTOR))
        data = path.read_bytes()
    except OSError as exc:
        return DocumentError(source, f"cannot read: {exc.strerror or exc}")
    return html_document(data, source, encoding=encoding, max_chars=max_chars)
