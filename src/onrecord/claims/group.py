"""Claims within one article: attributions that put forward the same proposition, whoever
the speaker, grouped by the meaning of their contents (the sentence encoder's cosine), not
their words: "he did not pull the trigger", "Baldwin never pulled the trigger" and "I
didn't pull the trigger" are one claim.

Only an attribution that puts its content forward has a claim: not one whose cue denies or
disputes it ("denied that he pulled the trigger" is a relation to that claim, not a member),
not a negated belief ("does not think that ..."), not a bare noun phrase ("the plan") that
names rather than states. Two attributions are one claim when their cosine reaches
GROUP_THRESHOLD and neither is nested in the other (the outer one passes the inner one on:
a ``reports`` relation); groups join through shared members.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.claims.text import claim_text
from onrecord.record import Attribution, Claim

# Chosen on PolNeAR train's 60 labelled articles (scripts/claim_gold.py: the middle of the
# thresholds with train's best grouping F1; 0.80 since speakers are named better, 0.91
# before). One article's contents are about one topic, so even two different claims sit
# near each other: below about 0.8 false pairs swamp the true ones (docs/claims.md).
GROUP_THRESHOLD = 0.80
MIN_WORDS = 3
# Cue lemmas that put the content forward as false or doubtful, not as so.
DOUBTING = frozenset(
    {"deny", "dispute", "reject", "refute", "rebut", "dismiss", "doubt", "question",
     "debunk", "contradict", "overrule", "overturn", "challenge", "scoff", "bristle"}
)  # fmt: skip


def puts_forward(doc: Doc, a: Attribution) -> bool:
    """Whether the attribution's speaker puts its content forward as so."""
    if a.content_form == "phrase" or len(claim_text(a.content.text).split()) < MIN_WORDS:
        return False
    if a.cue is None:
        return True
    cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if cue is None:
        return True
    for token in cue:
        if token.lemma_.lower() in DOUBTING:
            return False
        if any(child.dep_ == "neg" for child in token.children):
            return False
    return True


def group_claims(
    doc: Doc,
    attributions: Sequence[Attribution],
    similarity: dict[tuple[str, str], float],
    threshold: float = GROUP_THRESHOLD,
) -> list[Claim]:
    """One claim per group of attributions that carry the same proposition (a group of one
    too: every attribution that puts something forward has its claim), in text order."""
    members = [
        a for a in sorted(attributions, key=lambda x: x.content.start) if puts_forward(doc, a)
    ]
    parent = {a.id: a.id for a in members}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.parent == b.id or b.parent == a.id:
                continue
            if similarity.get((a.id, b.id), 0.0) >= threshold:
                parent[root(b.id)] = root(a.id)
    groups: dict[str, list[Attribution]] = {}
    for a in members:
        groups.setdefault(root(a.id), []).append(a)
    return [
        Claim(f"C{n}", tuple(a.id for a in group), claim_text(group[0].content.text))
        for n, group in enumerate(groups.values(), start=1)
    ]
