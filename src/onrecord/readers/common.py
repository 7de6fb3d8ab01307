"""Checks every reader applies the same way: size limits, binary sniffing and decoding."""

from __future__ import annotations

import re
from datetime import date

from onrecord.document import DocumentError
from onrecord.settings import DEFAULT_MAX_CHARS as DEFAULT_MAX_CHARS  # re-exported to the readers

# UTF-8 needs at most 4 bytes a character, so a file larger than this many bytes per allowed
# character is over the limit whatever it holds; checking the size first means a 50 MB file
# is refused without being read.
MAX_BYTES_PER_CHAR = 4
_SNIFF = 8192
# Characters that never occur in running text; a few may, from bad conversions, so only a
# large share of them marks a file as binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_SHARE = 0.10
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def byte_limit(max_chars: int) -> int:
    return max_chars * MAX_BYTES_PER_CHAR


def too_long_reason(n_chars: int, max_chars: int) -> str:
    return f"too long: {n_chars:,} characters (the limit is {max_chars:,}; see --max-chars)"


def too_large_reason(n_bytes: int, max_chars: int) -> str:
    return (
        f"too large: {n_bytes:,} bytes, more than {max_chars:,} characters can take "
        "(see --max-chars)"
    )


def looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in text encodings readers accept without a BOM."""
    return b"\x00" in data[:_SNIFF]


def mostly_control(text: str) -> bool:
    head = text[:_SNIFF]
    return bool(head) and len(_CONTROL.findall(head)) / len(head) > _BINARY_SHARE


def decode(data: bytes, source: str, encoding: str | None) -> str | DocumentError:
    """Bytes to text: the given encoding, else a BOM's, else UTF-8. Never guesses further,
    because a wrong guess yields plausible-looking garbage with wrong offsets downstream."""
    if encoding is None:
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
        if encoding is None and looks_binary(data):
            return DocumentError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        enc = encoding or "UTF-8"
        return DocumentError(
            source, f"not valid {enc} at byte {exc.start} (pass --encoding to read it as another)"
        )
    except LookupError:
        return DocumentError(source, f"unknown encoding {encoding!r}")
    if encoding and text.startswith("\ufeff"):
        text = text[1:]
    if mostly_control(text):
        return DocumentError(source, "binary file (mostly control characters), not text")
    return text


def date_in_name(name: str) -> str | None:
    """A YYYY-MM-DD date in a file name (``cnn_2016-03-01_...txt``), as news dumps name files."""
    for m in _ISO_DATE.finditer(name):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None
