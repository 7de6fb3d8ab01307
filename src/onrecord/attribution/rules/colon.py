"""The colon rule: a short noun phrase, a colon, and what it says ("Wash Post Fact-Check: If
Obama Says It, It's True")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import NAMING, VERBAL
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import Candidate, trim
from onrecord.wordlists import words


def colon_rule(colon: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "Wash Post Fact-Check: If Obama Says It, It's True" -> source the noun phrase before
    the colon, cue the colon, content what follows. A verb before the colon ("He said:") is
    the verb rule's business."""
    if colon.text != ":":
        return None
    sent = colon.sent
    if colon.i == sent.start:
        return None
    left = sent.doc[sent.start : colon.i]
    right = sent.doc[colon.i + 1 : sent.end]
    if not 1 <= len(left) <= 8 or len([t for t in right if not t.is_punct]) < 3:
        return None
    if any(t.pos_ in VERBAL for t in left) or not any(t.pos_ in NAMING for t in left):
        return None
    labels = words("colon_labels")
    if (len(left) == 1 and left[0].lower_ in labels) or left.root.lower_ in labels:
        # "Photo:", "Update:", "Editor's note:" label what follows; nobody says it.
        return None
    source = trim(sent.doc, left.start, left.end)
    content = trim(sent.doc, right.start, right.end)
    if source is None or content is None:
        return None
    return Candidate(cue=[(colon.i, colon.i + 1)], content=[content], source=source, rule="colon")
