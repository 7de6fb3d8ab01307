"""A search box's text as full-text terms, the same for SQLite FTS5 and PostgreSQL.

User text is never passed through as query syntax: it is cut into words and each word is
quoted (FTS5) or handed to ``plainto_tsquery`` as a bound parameter (PostgreSQL), so quotes,
operators, ``NEAR``, column filters or SQL in the text are only words. Both backends then
require every word; PostgreSQL's English stop words are dropped on both so a query like
"pull the trigger" means the same on each.
"""

from __future__ import annotations

import re

from onrecord.wordlists import words

# Letters and digits; underscores and apostrophes split words, as both tokenizers do.
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 32


def search_terms(query: str) -> list[str]:
    # PostgreSQL's english.stop, so SQLite ignores exactly what PostgreSQL ignores.
    stop_words = words("search_stop_words")
    found = (w.casefold() for w in _WORD.findall(query))
    return [w for w in found if w not in stop_words][:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term; each is a quoted string, and terms
    never contain a double quote, so nothing in them is read as FTS5 syntax."""
    return " ".join(f'"{t}"' for t in terms)


def tsquery_text(terms: list[str]) -> str:
    return " ".join(terms)
