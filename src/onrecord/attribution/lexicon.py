"""The cue lexicon (``data/cues.tsv``): which words introduce an attribution, and how."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from onrecord.settings import DATA_DIR


@dataclass(frozen=True)
class Cue:
    category: str  # speech | addressee | other
    rate: float  # share of the lemma's train occurrences inside a gold cue
    count: int  # train occurrences; 0 for hand-added entries
    # The same share over the occurrences outside gold content: a cue inside someone's quote
    # is never annotated (attributions are not nested), so "I think" in a quotation says
    # nothing about "Trump thinks" in the narrative. The rules-only threshold uses this one.
    top_rate: float = 0.0


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    min_rate: float = 0.0  # cues rarer than this are ignored (the rules-only mode raises it)

    def _get(self, table: dict[str, Cue], lemma: str) -> Cue | None:
        cue = table.get(lemma.lower())
        if cue is None or (cue.count and cue.top_rate < self.min_rate):
            return None
        return cue

    def verb(self, lemma: str) -> Cue | None:
        return self._get(self.verbs, lemma)

    def noun(self, lemma: str) -> Cue | None:
        return self._get(self.nouns, lemma)

    def verb_category(self, lemma: str) -> str | None:
        cue = self.verb(lemma)
        return cue.category if cue else None

    def noun_category(self, lemma: str) -> str | None:
        cue = self.noun(lemma)
        return cue.category if cue else None


@functools.cache
def load_lexicon(min_rate: float = 0.0, path: Path = DATA_DIR / "cues.tsv") -> CueLexicon:
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, category, rate, count, *top = line.split("\t")
        top_rate = float(top[0]) if top else float(rate)
        (verbs if pos == "verb" else nouns)[lemma] = Cue(
            category, float(rate), int(count), top_rate
        )
    return CueLexicon(verbs, nouns, min_rate)
