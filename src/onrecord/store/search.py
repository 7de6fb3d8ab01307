"""A search box's text as full-text terms, the same for SQLite FTS5 and PostgreSQL.

User text is never passed through as query syntax: it is cut into words and each word is
quoted (FTS5) or handed to ``plainto_tsquery`` as a bound parameter (PostgreSQL), so quotes,
operators, ``NEAR``, column filters or SQL in the text are only words. Both backends then
require every word; PostgreSQL's English stop words are dropped on both so a query like
"pull the trigger" means the same on each.
"""

from __future__ import annotations

import re

# PostgreSQL's english.stop (Snowball), so SQLite ignores exactly what PostgreSQL ignores.
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Letters and digits; underscores and apostrophes split words, as both tokenizers do.
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 32


def search_terms(query: str) -> list[str]:
    words = (w.casefold() for w in _WORD.findall(query))
    return [w for w in words if w not in STOP_WORDS][:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term; each is a quoted string, and terms
    never contain a double quote, so nothing in them is read as FTS5 syntax."""
    return " ".join(f'"{t}"' for t in terms)


def tsquery_text(terms: list[str]) -> str:
    return " ".join(terms)
