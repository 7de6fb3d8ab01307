"""Adversarial text for the fuzz test (hypothesis, in CI) and ``benchmarks/fuzz.py`` (100,000
cases, outside CI): the pieces news scrapes really hold, mixed with what breaks parsers."""

from __future__ import annotations

import random

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "'", "''", "``", "«", "»", "„", "‹", "›", "「", "」"]
WORDS = [
    "said", "told", "according", "to", "he", "she", "The", "mayor", "that", "Smith", "Ann Lee",
    "believes", "“Rust”", "6:29", "Read more", "I", "we", "reporters", "in a statement", "Q:",
    "A:", "TAPPER:", "— Maria Ortiz", "(AP) —", "asked whether", "urged", "the actor's assertion",
]  # fmt: skip
PUNCTUATION = [",", ".", ":", ";", "!", "?", "—", "–", "-", "(", ")", "[", "]", "…", "/", "@", "#"]
SPACES = [" ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u3000"]
# Right-to-left text and marks, combining marks, emoji with joiners and skin tones, controls,
# lone surrogates (legal in a Python str and in JSON), a BOM, zero-width characters.
ODD = [
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u200f", "\u202e", "\u2066",
    "e\u0301", "a\u0308\u0323", "\u0301", "\U0001f600", "\U0001f469\u200d\U0001f4bb",
    "\U0001f44d\U0001f3fd", "\U0001f1fa\U0001f1f8", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85",
    "\ud800", "\udfff", "\ud83d", "\ufeff", "\u200b", "\ufffd", "\U0010ffff",
]  # fmt: skip
PIECES = QUOTE_MARKS + WORDS + PUNCTUATION + SPACES + ODD


def long_sentence(rng: random.Random) -> str:
    """One sentence of hundreds of words and no full stop."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(200, 600)))


def punctuation_paragraphs(rng: random.Random) -> str:
    """Paragraphs of only punctuation and quote marks."""
    marks = PUNCTUATION + QUOTE_MARKS
    return "\n\n".join(
        "".join(rng.choice(marks) for _ in range(rng.randint(1, 80))) for _ in range(5)
    )


def random_text(rng: random.Random) -> str:
    """One adversarial text: mostly a mix of pieces, sometimes one of the extreme shapes."""
    roll = rng.random()
    if roll < 0.05:
        return long_sentence(rng)
    if roll < 0.10:
        return punctuation_paragraphs(rng)
    if roll < 0.20:  # arbitrary code points, surrogates included
        return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 120)))
    n = rng.randint(0, 80)
    return rng.choice(["", " "]).join(rng.choice(PIECES) for _ in range(n))
