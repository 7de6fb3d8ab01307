"""The cue lexicon (``data/cues.tsv``): which words introduce an attribution, and how."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> category: speech | other | addressee
    nouns: dict[str, str]

    def verb_category(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())

    def noun_category(self, lemma: str) -> str | None:
        return self.nouns.get(lemma.lower())


@functools.cache
def load_lexicon(path: Path = DATA / "cues.tsv") -> Lexicon:
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, category = line.split("\t")
        (verbs if pos == "verb" else nouns)[lemma] = category
    return Lexicon(verbs, nouns)
