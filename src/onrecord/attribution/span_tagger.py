"""The learned span tagger: source, cue and content as a sequence-labelling problem.

The rules propose attributions only where they recognise a structure ("X said that ...",
"according to X"); the filter can only keep or drop what they propose. The tagger reads every
paragraph token by token and labels each token B/I of a source, cue or content, or O, with a
linear-chain CRF (CRFsuite). Its features are the token and its neighbours, the parse around
it (the nearest cue of the lexicon above it and the branch it sits on), quotation marks, and
what the rules proposed for it, so it starts from the rules' reading and learns where the
annotators cut differently and which structures the rules do not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from onrecord.attribution.assemble import (
    Draft,
    is_speech_quote,
    is_title_quote,
    overlaps,
)
from onrecord.attribution.crf import CrfModel, save
from onrecord.attribution.deps import KID_FEATURES, NOMINAL
from onrecord.attribution.lexicon import CueLexicon, load_lexicon
from onrecord.attribution.quotes import Quote
from onrecord.attribution.tagged import (
    OUTSIDE,
    Paragraph,
    paragraphs,
    tagged_drafts,
)
from onrecord.offsets import TokenOffsets
from onrecord.settings import SPAN_TAGGER_THRESHOLD

ROLES = ("S", "C", "T")  # source, cue, content (T: the quoted or reported text)
_ANCESTOR_STEPS = 6
# Regularisation chosen by 2-fold cross-validation on PolNeAR train (tagger alone, content
# exact / overlap F1): c2 0.05 -> 0.528 / 0.812, 1.0 -> 0.553 / 0.820, 3.0 -> 0.564 / 0.825,
# 10.0 (c1 0) -> 0.551 / 0.821. With the final features c1 0.1, 0.5 and 1.0 score within
# 0.002 alone (0.567 / 0.830, 0.566 / 0.829, 0.566 / 0.828); with the filter 0.1 stays ahead
# of 0.5 (0.5796 / 0.8334 against 0.5781 / 0.8323, cue exact 0.6871 against 0.6857), for a
# model twice the size (29 MB against about 13).
C1 = 0.1
C2 = 3.0
ITERATIONS = 100


def _rate_bucket(rate: float) -> str:
    return str(min(9, int(rate * 10)))


def _cue_entry(lemma: str, pos: str, lexicon: CueLexicon) -> str | None:
    """The token's lexicon rate as a bucket, when it is a cue word of the lexicon."""
    entry = lexicon.noun(lemma) if pos in NOMINAL else lexicon.verb(lemma)
    if entry is None:
        return None
    return _rate_bucket(entry.top_rate if entry.count else 0.5)


@dataclass
class _Tokens:
    """The token attributes the features read, pulled out of the Doc once: spaCy makes a
    new Token object on every access, which made feature extraction cost more than tagging."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    shape: list[str]
    sent_start: list[bool]
    kids: list[set[str]]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        n = len(doc)
        table = cls([], [], [], [], [], [], [], [], [], [set() for _ in range(n)])
        for t in doc:
            table.lower.append(t.lower_)
            table.lemma.append(t.lemma_.lower())
            table.pos.append(t.pos_)
            table.tag.append(t.tag_)
            table.dep.append(t.dep_)
            table.head.append(t.head.i)
            table.ent.append(f"{t.ent_iob_}{t.ent_type_}")
            table.shape.append(
                "X" if t.is_title else ("U" if t.is_upper else ("p" if t.is_punct else "x"))
            )
            table.sent_start.append(bool(t.is_sent_start))
        for i, h in enumerate(table.head):
            if h != i:
                table.kids[h].add(table.dep[i])
        return table


def _quote_states(offsets: TokenOffsets, quotes: list[Quote]) -> list[str]:
    """For each token: inside a speech quotation, a title, a short quote, or none."""
    text = offsets.text
    state = ["out"] * len(offsets.starts)
    for quote in quotes:
        if is_title_quote(text, quote):
            kind = "title"
        else:
            kind = "speech" if is_speech_quote(text, quote) else "short"
        for start, end in quote.pieces or ((quote.start, quote.end),):
            first, last = offsets.indices(start, end)
            state[first:last] = [kind] * (last - first)
    return state


def _rule_roles(offsets: TokenOffsets, drafts: list[Draft]) -> list[list[str]]:
    """What the rules proposed for each token: its role and the rule, and where spans start
    and end."""
    roles: list[list[str]] = [[] for _ in offsets.starts]

    def mark(span: tuple[int, int] | None, role: str, rule: str) -> None:
        if span is None:
            return
        first, last = offsets.indices(*span)
        for i in range(first, last):
            roles[i].append(f"r{role}")
            roles[i].append(f"r{role}={rule}")
        if first < last:
            roles[first].append(f"r{role}B")
            roles[last - 1].append(f"r{role}E")

    for draft in drafts:
        mark(draft.cue, "C", draft.rule)
        mark(draft.source, "S", draft.rule)
        for piece in draft.content:
            mark(piece, "T", draft.rule)
    return roles


def _ancestor_cue(i: int, tokens: _Tokens, is_cue: list[str | None]) -> list[str]:
    """The nearest lexicon cue above token ``i`` and the branch the token hangs from: the
    clause under "said" is content, its subject the source."""
    node = i
    for step in range(_ANCESTOR_STEPS):
        head = tokens.head[node]
        if head == node:
            return ["anc=none"]
        child, node = node, head
        rate = is_cue[node]
        if rate is not None:
            dep = tokens.dep[child]
            return [
                f"anc_dep={dep}",
                f"anc_rate={rate}",
                f"anc_dep_rate={dep}|{rate}",
                f"anc_lemma={tokens.lemma[node]}",
                f"anc_steps={min(step, 3)}",
                f"anc_side={'before' if i < node else 'after'}",
            ]
    return ["anc=far"]


def doc_features(
    doc: Doc, drafts: list[Draft], quotes: list[Quote], lexicon: CueLexicon | None = None
) -> list[list[str]]:
    """Features of every token of a parsed article."""
    lexicon = lexicon or load_lexicon()
    offsets = TokenOffsets(doc)
    tokens = _Tokens.of(doc)
    lemmas, pos, dep, heads = tokens.lemma, tokens.pos, tokens.dep, tokens.head
    n = len(lemmas)
    is_cue = [_cue_entry(lemma, p, lexicon) for lemma, p in zip(lemmas, pos, strict=True)]
    quote_state = _quote_states(offsets, quotes)
    rule_roles = _rule_roles(offsets, drafts)
    # The sentence's strongest cue word and where each token lies from it: the parse links
    # a token to a cue only through its own branch, which a misparse cuts.
    strongest: list[int | None] = [None] * n
    for sent in doc.sents:
        cues = [j for j in range(sent.start, sent.end) if is_cue[j] is not None]
        best = max(cues, key=lambda j: is_cue[j] or "", default=None)
        strongest[sent.start : sent.end] = [best] * (sent.end - sent.start)
    feats: list[list[str]] = []
    for i in range(n):
        best = strongest[i]
        if best is None:
            where = "sent_cue=none"
        else:
            side = "at" if best == i else ("before" if i < best else "after")
            where = f"sent_cue={is_cue[best]}|{side}|{min(abs(best - i), 8) // 3}"
        h = heads[i]
        f = [
            where,
            "bias",
            f"w={tokens.lower[i]}",
            f"l={lemmas[i]}",
            f"p={pos[i]}",
            f"t={tokens.tag[i]}",
            f"d={dep[i]}",
            f"hd={dep[h]}",
            f"hl={lemmas[h]}",
            f"hp={pos[h]}",
            f"d|hp={dep[i]}|{pos[h]}",
            f"q={quote_state[i]}",
            f"e={tokens.ent[i]}",
            f"sh={tokens.shape[i]}",
        ]
        if tokens.sent_start[i]:
            f.append("sent_start")
        if i + 1 == n or tokens.sent_start[i + 1]:
            f.append("sent_end")
        rate = is_cue[i]
        if rate is not None:
            f.append(f"cue_rate={rate}")
            f.append(f"cue_rate|d={rate}|{dep[i]}")
        kids = tokens.kids[i]
        f.extend(f"kid={d}" for d in KID_FEATURES if d in kids)
        f.extend(_ancestor_cue(i, tokens, is_cue))
        f.extend(rule_roles[i])
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.append(f"{offset}l={lemmas[j]}")
                f.append(f"{offset}p={pos[j]}")
                if offset in (-1, 1):
                    f.append(f"{offset}q={quote_state[j]}")
                    if rule_roles[j]:
                        f.append(f"{offset}r={rule_roles[j][0]}")
            else:
                f.append(f"{offset}=edge")
        f.append(f"-1p|p={pos[i - 1] if i else 'edge'}|{pos[i]}")
        # Cue phrases are word pairs ("according to", "told reporters", "in a statement").
        f.append(f"-1l|l={lemmas[i - 1] if i else 'edge'}|{lemmas[i]}")
        f.append(f"l|1l={lemmas[i]}|{lemmas[i + 1] if i + 1 < n else 'edge'}")
        feats.append(f)
    return feats


def gold_labels(doc: Doc, spans: Iterable[tuple[str, list[tuple[int, int]]]]) -> list[str]:
    """BIO labels of every token from (role, pieces) character spans."""
    labels = [OUTSIDE] * len(doc)
    for role, pieces in spans:
        for start, end in pieces:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            first = True
            for token in span:
                if token.is_space:
                    continue
                labels[token.i] = f"{'B' if first else 'I'}-{role}"
                first = False
    return labels


class SpanTagger(CrfModel):
    """A trained linear-chain CRF over paragraphs."""

    default_threshold = SPAN_TAGGER_THRESHOLD

    def label(
        self, doc: Doc, features: list[list[str]], paras: list[Paragraph] | None = None
    ) -> tuple[list[str], list[float]]:
        """Each token's label and the probability the CRF gives it (whitespace: O, 1.0)."""
        labels = [OUTSIDE] * len(doc)
        confidence = [1.0] * len(doc)
        for para in paragraphs(doc) if paras is None else paras:
            found = self.tagger.tag([features[i] for i in para.tokens])
            for position, (i, label) in enumerate(zip(para.tokens, found, strict=True)):
                labels[i] = label
                confidence[i] = self.tagger.marginal(label, position)
        return labels, confidence

    def probabilities(
        self, doc: Doc, features: list[list[str]], paras: list[Paragraph] | None = None
    ) -> list[dict[str, float]]:
        """Each token's marginal probability of every label (whitespace: O, 1.0): what the
        accurate reader weighs against the encoder's."""
        out: list[dict[str, float]] = [{OUTSIDE: 1.0} for _ in range(len(doc))]
        labels = self.tagger.labels()
        for para in paragraphs(doc) if paras is None else paras:
            self.tagger.set([features[i] for i in para.tokens])
            for position, i in enumerate(para.tokens):
                out[i] = {label: self.tagger.marginal(label, position) for label in labels}
        return out

    def drafts(
        self, doc: Doc, drafts: list[Draft], quotes: list[Quote], threshold: float | None = None
    ) -> list[Draft]:
        """The tagger's attributions, with the mean probability of their cue and content
        tokens as confidence; those under the threshold (the tagger's own unless given) are
        left out."""
        paras = paragraphs(doc)
        features = doc_features(doc, drafts, quotes, load_lexicon())
        labels, confidence = self.label(doc, features, paras)
        threshold = self.threshold if threshold is None else threshold
        return tagged_drafts(doc, labels, confidence, quotes, threshold, paras)


def _same_cue(draft: Draft, found: list[Draft]) -> Draft | None:
    """The first of the tagger's attributions whose cue overlaps the draft's."""
    if draft.cue is None:
        return None
    cue = draft.cue
    return next((f for f in found if f.cue is not None and overlaps(f.cue, cue)), None)


def extend_cues(kept: list[Draft], found: list[Draft]) -> None:
    """Give a kept draft's cue the words the tagger puts before it: "declined to say",
    "went on to endorse", "expressed concern", "has repeatedly said" where the rules cut
    "to say", "to endorse", "concern", "said". Only a cue that ends where the rules' cue ends
    and runs into neither the content nor the source is taken (2-fold CV on PolNeAR train:
    cue exact F1 +0.007; extending to the right as well loses half of that)."""
    for draft in kept:
        other = _same_cue(draft, found)
        if other is None or draft.cue is None or other.cue is None:
            continue
        wider = other.cue
        taken = [*draft.content, *([draft.source] if draft.source else [])]
        if (
            wider[1] == draft.cue[1]
            and wider[0] < draft.cue[0]
            and not any(overlaps(wider, piece) for piece in taken)
        ):
            draft.cue = wider


def extend_quotations(text: str, kept: list[Draft], found: list[Draft]) -> None:
    """Give a kept draft the later paragraphs of a quotation the other reading of the same
    cue follows past a paragraph break: 'Reyes added: "The riders have told us ...' with no
    closing mark, and the quotation going on in the next paragraph ("We should listen ...").
    The encoder reads a paragraph at a time and stops at the first; the rules' quotation
    finder runs on. Only what a quotation (the other reading holds quotes) runs on past a
    line break after the kept content's end is taken."""
    for draft in kept:
        other = _same_cue(draft, found)
        if other is None or not other.quotes or not draft.content:
            continue
        end = draft.end
        later = [
            (max(s, end), e) for s, e in other.content if e > end and "\n" in text[max(s, end) : e]
        ]
        if later:
            draft.content = sorted([*draft.content, *later])


def fill_sources(kept: list[Draft], found: list[Draft]) -> None:
    """A kept draft with no source takes the source the tagger gives the same cue, when it
    lies outside the draft's cue and content (2-fold CV on PolNeAR train: source exact F1
    +0.0016). Nor is the addressee taken: "The senator was told that ..." names no source."""
    for draft in kept:
        other = _same_cue(draft, found)
        if draft.source is not None or other is None or other.source is None:
            continue
        taken = [*draft.content, *(s for s in (draft.cue, draft.addressee) if s)]
        if not any(overlaps(other.source, piece) for piece in taken):
            draft.source = other.source


def train(
    sequences: Iterable[tuple[list[list[str]], list[str]]],
    out: Path,
    *,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = ITERATIONS,
) -> Path:
    """Fit the tagger on (features, labels) paragraphs and save it to ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
        n += 1
    if n == 0:
        raise ValueError("no training sequences")
    trainer.select("lbfgs")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            # Weights also for label pairs and (attribute, label) pairs never seen together,
            # so the model can learn that a feature speaks against a label: 2-fold CV on
            # train, two fold splits, every role's exact F1 +0.001 to +0.002 (content
            # 0.5829 -> 0.5842 and 0.5834 -> 0.5846), for a model a fifth larger.
            "feature.possible_states": True,
            "feature.possible_transitions": True,
        }
    )
    return save(trainer, out)
