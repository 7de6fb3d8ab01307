"""Headlines: a line in title case capitalises every word, so the NER runs a name into the
words around it ("Obama Says ...", "Derelict Obama and Clinton"). A name read in such a line
keeps only the words the body also writes with a capital."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from onrecord.speakers.lexicon import SpeakerLexicon

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Short words ("if", "for", "and", "the") are lowercase in many title-case styles.
SHORT_WORD = 3


def is_title_case(line: str) -> bool:
    """Whether a line capitalises all its longer words, as a headline does: "Obama Says
    African-American Museum Will Tell of 'Suffering'" is; "Trump will go on offense." is not."""
    long_words = [w for w in _WORD.findall(line) if len(w) > SHORT_WORD]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` that are in title case."""
    lines, start = [], 0
    for line in text.split("\n"):
        if is_title_case(line):
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def in_lines(token: Token, lines: Sequence[tuple[int, int]]) -> bool:
    """Whether a token lies in one of the character ranges ``lines`` (sorted, apart): by
    bisection, as every token of the body is asked about."""
    i = bisect_right(lines, (token.idx, math.inf)) - 1
    return i >= 0 and lines[i][0] <= token.idx < lines[i][1]


def body_capitals(doc: Doc, lines: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Lowercase forms of the words the body capitalises where a capital means something:
    not first in a sentence and not in a title-case line ("Obama", "Clinton", but not the
    "Says" of a headline)."""
    return frozenset(
        t.lower_
        for t in doc
        if t.text[:1].isupper() and not t.is_sent_start and not in_lines(t, lines)
    )


@dataclass(frozen=True)
class Headlines:
    """An article's title-case lines and the words its body capitalises."""

    lines: tuple[tuple[int, int], ...]
    capitals: frozenset[str]

    @classmethod
    def of(cls, doc: Doc) -> Headlines:
        lines = tuple(title_case_lines(doc.text))
        return cls(lines, body_capitals(doc, lines))

    def glued(self, token: Token) -> bool:
        """Whether a word is capitalised only because a title-case line capitalises all
        words: "Says" in "Obama Says ...", when the body never writes "Says"."""
        return in_lines(token, self.lines) and token.lower_ not in self.capitals

    def trim(self, ent: Span, lex: SpeakerLexicon) -> Span:
        """An entity of a title-case line without the edge words the body never capitalises:
        "Obama Says" -> "Obama". A known first name may stay at the start ("Ted Cruz" where
        the body says only "Cruz"). An entity outside such lines, or none of whose words the
        body capitalises (a byline's "By Dana Reyes"), is returned as it is."""
        if not in_lines(ent[0], self.lines) or all(self.glued(t) for t in ent):
            return ent
        doc, start, end = ent.doc, ent.start, ent.end
        while self.glued(doc[start]) and doc[start].lower_ not in lex.first_names:
            start += 1
        # The name ends at a speech verb or a possessive run into it: "Bernie Sanders
        # Promises Action On Immigration" (the body writes "Deferred Action" too), "ISIS'
        # Death Order".
        end = next(
            (t.i for t in doc[start + 1 : end] if self.glued(t) and speech_verb(t.lower_)
             or t.tag_ == "POS" or t.text in ("'", "’")),
            end,
        )  # fmt: skip
        while end > start and self.glued(doc[end - 1]):
            end -= 1
        if end <= start:
            return ent
        return Span(doc, start, end, label=ent.label_)


def speech_verb(word: str) -> bool:
    """Whether a lowercase word is a form of a speech verb of the cue lexicon: "says",
    "promises", "dismissed", "slams"."""
    from onrecord.attribution.lexicon import load_lexicon

    lexicon = load_lexicon()
    for lemma in (word, word[:-1], word[:-2], word.removesuffix("d")):
        if len(lemma) > 2 and lexicon.verb_category(lemma) in ("speech", "addressee"):
            return True
    return False
