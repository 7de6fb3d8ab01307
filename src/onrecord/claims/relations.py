"""Relations between the attributions of one article, from the words that say so.

A relation is found in two steps, each a small function: what the words say (``signal``:
the attribution's cue, words before it in its sentence, or a short content that calls
something false, matched against ``data/claims/relations.tsv``) and which attribution they
point at (``target``, which may be none: "denied any improper role" names no one's claim).
Plus two relations without a word: an attribution nested in another's content is passed on
by it (``reports``), and someone speaking right after another's question answers it
(``answered``).

    "The assistant director backs up the actor's assertion that he did not pull the trigger."
      -> supports: the assistant director's attribution -> the actor's (nested in it)
    "Lisa Torraco told ABC News that her client has always said Baldwin never pulled it."
      -> reports: Torraco's -> her client's
    "Asked whether he would run, Smith said he had not decided."
      -> responds: Smith's -> the question
    '"She just made it up," he said.'
      -> disputes: his -> the charge before it
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord import settings
from onrecord.attribution.lexicon import load_lexicon
from onrecord.record import Attribution, Relation, Span, speaker_key
from onrecord.wordlists import words as word_list

# How far back a supports/disputes/responds cue looks for what it answers: attributions
# before it in the article (a denial answers the charge a few sentences up).
LOOK_BACK = 8
# The least cosine between two contents for "denied it" to point at one that is not nested
# in it (below this, the nearest earlier attribution by someone else is taken, less sure).
MIN_SIMILARITY = 0.35
# Confidence of a relation, times the attribution's own: by how its target was found.
SURE = {"nested": 0.9, "similar": 0.75, "named": 0.85, "nearest": 0.5, "asked": 0.6}


@dataclass(frozen=True)
class RelationCue:
    kind: str
    where: str  # "cue", "before" or "content"
    lemmas: tuple[str, ...]


@lru_cache(maxsize=4)
def load_relation_cues(path: Path | None = None) -> tuple[RelationCue, ...]:
    """The relation words, longest first (so "push back" wins over a one-word entry)."""
    path = path or settings.CLAIMS_DIR / "relations.tsv"
    cues = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, where, lemmas = line.split("\t")[:3]
        cues.append(RelationCue(kind, where, tuple(lemmas.split())))
    return tuple(sorted(cues, key=lambda c: -len(c.lemmas)))


def _tokens(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _find(tokens: Sequence, lemmas: tuple[str, ...]) -> tuple[int, int] | None:
    """Character offsets of the first run of ``tokens`` whose lemmas are ``lemmas``."""
    words = [t.lemma_.lower() for t in tokens]
    n = len(lemmas)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == lemmas:
            first, last = tokens[i], tokens[i + n - 1]
            return first.idx, last.idx + len(last)
    return None


def signal(doc: Doc, a: Attribution, cues: Sequence[RelationCue]) -> tuple[str, str, Span] | None:
    """(kind, where, the words) when the attribution's cue, or its sentence before the cue,
    says how it stands to another: "denied" -> disputes; "Asked about" -> responds."""
    cue = _cue_tokens(doc, a)
    if cue is None:
        return None
    if _refused(cue):
        return None  # "did not respond to a request for comment", "declined to confirm"
    sentence = cue.sent
    before_end = min(a.cue.start, a.content.start)
    before = [t for t in sentence if t.idx + len(t) <= before_end]
    content = _tokens(doc, a.content.start, a.content.end)
    # A noun phrase judged is the writer's word ("repeating a false claim that ..."), unless
    # the speaker names it so ("calls this a false narrative").
    judges = a.content_form != "phrase" or any(t.lemma_.lower() in NAMING for t in cue)
    for c in cues:
        if c.where == "content":
            found = _judged(content, c.lemmas) if content is not None and judges else None
        else:
            found = _find(cue if c.where == "cue" else before, c.lemmas)
        if found is None:
            continue
        start, end = found
        if c.kind == "supports" and _commits(doc, end):
            continue  # "agreed to testify" is a promise, not agreement with a claim
        return c.kind, c.where, Span(start, end, doc.text[start:end])
    return None


# Verbs that name their object as something: "calls this a false narrative".
NAMING = frozenset({"call", "label", "brand", "dismiss"})
# A content that judges what someone said is short: "She just made it up", "they are wrong",
# 'the allegations had "no substance"'; a long quotation using "wrong" says something else.
JUDGING_WORDS = 25
# Where a judging word stands in its clause when it says what the thing is: the predicate
# ("is false", "a lie"), the object ("had no substance") or the verb itself ("made it up").
JUDGING_DEPS = frozenset({"ROOT", "attr", "acomp", "oprd", "dobj", "ccomp", "conj", "xcomp"})


def _judged(content: SpacySpan, lemmas: tuple[str, ...]) -> tuple[int, int] | None:
    """Where a short content calls something false ("She's a liar", "calls this a false
    narrative"): the judging words, when they are its predicate or its object, or say what
    a predicate noun is ("a false narrative"), not a word in passing ("the wrong door")."""
    words = [t for t in content if not t.is_space]
    if len(words) > JUDGING_WORDS:
        return None
    found = _find(words, lemmas)
    if found is None:
        return None
    if any(t.tag_ in ("WP", "WDT") and t.idx < found[0] for t in words):
        return None  # "reciting what is wrong with the other side" calls nothing false
    for token in words:
        if found[0] <= token.idx < found[1]:
            if token.dep_ in JUDGING_DEPS:
                return found
            if token.dep_ in ("amod", "det", "neg") and token.head.dep_ in JUDGING_DEPS:
                return found
    return None


# Verbs that say the cue's act did not happen: "declined to respond", "refused to confirm".
REFUSING = frozenset({"decline", "refuse", "fail"})


def _refused(cue: SpacySpan) -> bool:
    """Whether a cue is negated or refused: what was not said stands to nothing."""
    for token in cue:
        if any(child.dep_ == "neg" for child in token.children):
            return True
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in REFUSING:
            return True
    return False


def _commits(doc: Doc, end: int) -> bool:
    """Whether the words ending at ``end`` go on with "to" and a verb."""
    after = doc.char_span(end, min(len(doc.text), end + 40), alignment_mode="expand")
    words = [t for t in after or () if not t.is_space][:2]
    return len(words) == 2 and words[0].lower_ == "to" and words[1].pos_ in ("VERB", "AUX")


def _answered_before(
    doc: Doc, a: Attribution, words: Span, attributions: Sequence[Attribution]
) -> bool:
    """Whether someone speaking comes between the words and this attribution's cue: "Asked
    about it, Smith said the plan, which critics called costly, would pass" is Smith's
    answer, not the critics'. A mention in passing does not answer ("Asked about his
    criticisms of the plan, Reyes said ...": Reyes answers)."""
    end = a.cue.start if a.cue else words.end
    return any(
        b is not a and b.cue is not None and words.end <= b.cue.start < end and _speaks(doc, b)
        for b in attributions
    )


def _by_someone_else(a: Attribution, b: Attribution) -> bool:
    mine, theirs = speaker_key(a), speaker_key(b)
    return mine is None or theirs is None or mine != theirs


def target(
    doc: Doc,
    a: Attribution,
    kind: str,
    words: Span,
    attributions: Sequence[Attribution],
    similarity: dict[tuple[str, str], float],
    refers: bool = False,
) -> tuple[str, str] | None:
    """(the attribution ``a`` stands to, how it was found), or None. ``refers``: the content
    is about something said before ("She just made it up"), as a pointing phrase is."""
    nested = [b for b in attributions if b.parent == a.id]
    if kind in ("supports", "disputes") and nested and not refers:
        return nested[0].id, "nested"
    # "Asked whether he would run, Smith said ...": the question is an attribution whose
    # cue is those words, or one said in the words between them and the answer ("Asked
    # about his criticisms of Trump, Christie said": the criticisms).
    asked = (words.start, a.cue.start if a.cue else words.end)
    others = [
        b for b in attributions if b is not a and b.cue is not None and _by_someone_else(a, b)
    ]
    for b in others:
        if b.cue.start < words.end and words.start < b.cue.end:
            return b.id, "named"
    for b in others:
        if asked[0] <= b.cue.start < asked[1]:
            return b.id, "named"
    position = attributions.index(a)
    earlier = [
        b
        for b in reversed(attributions[max(0, position - LOOK_BACK) : position])
        if _by_someone_else(a, b) and b.id != a.parent and b.parent != a.id
    ]
    # What someone passes on is answered through them: "Investors implying that they expect
    # higher rates ... Trump shares this bleak view" stands to the investors' attribution.
    earlier = [b for b in earlier if b.parent is None] or earlier
    if not earlier:
        return None
    refers = refers or (a.content_form == "phrase" and _names_a_claim(doc, a))
    if a.content_form == "phrase" and not refers:
        return None  # "denied any improper role", "challenged her": no one's claim
    if kind == "responds":
        questions = [b for b in earlier[:3] if _question_mark(b)]
        return (questions or earlier)[0].id, "nearest"
    scored = [(similarity.get((a.id, b.id), 0.0), b) for b in earlier]
    best, b = max(scored, key=lambda s: s[0])
    if best >= MIN_SIMILARITY:
        return b.id, "similar"
    if refers:
        return earlier[0].id, "nearest"  # "rejected that idea": the one just before
    return None  # "agreed that the fleet had value" like nothing said before: its own claim


# Determiners that point back: "that idea", "this proposal", "such an argument".
POINTING = frozenset({"this", "that", "these", "those", "such", "same"})


def _names_a_claim(doc: Doc, a: Attribution) -> bool:
    """Whether a noun-phrase content stands for something said: it points back ("that idea",
    "those sentiments", "it") or its head is a noun of saying ("the fraud claims")."""
    phrase = _tokens(doc, a.content.start, a.content.end)
    if phrase is None:
        return False
    head = phrase.root
    if head.lower_ in ("it", "this", "that", "these", "those", "so"):
        return True
    nouns = word_list("claim_nouns")
    compound = " ".join(t.lemma_.lower() for t in (*head.lefts, head)
                        if t.dep_ == "compound" or t is head)  # fmt: skip
    if head.lemma_.lower() in nouns or compound in nouns:
        return True
    return any(t.lower_ in POINTING for t in phrase if t.i < head.i)


# How many attributions back an answer looks for the question it answers.
ANSWER_WINDOW = 1
# Cue lemmas of a question put to someone: "asked whether", "questioned him about".
ASKING = frozenset({"ask", "question", "inquire", "wonder", "press"})


def _question_mark(a: Attribution) -> bool:
    """Whether an attribution's content ends with a question mark ('"But why?" Smith said')."""
    return a.content.text.rstrip(" \"'”’").endswith("?")


def _cue_tokens(doc: Doc, a: Attribution) -> SpacySpan | None:
    return _tokens(doc, a.cue.start, a.cue.end) if a.cue is not None else None


def _asks(doc: Doc, a: Attribution) -> bool:
    """Whether an attribution is a question put to someone: its content ends with a question
    mark, or its cue is a verb of asking that asks ("Smith asked whether ...") and is neither
    a request ("asked the court for quick action", "asking the department to investigate")
    nor refused ("did not respond to questions about")."""
    if _question_mark(a):
        return True
    cue = _cue_tokens(doc, a)
    if cue is None or _refused(cue):
        return False
    return any(t.lemma_.lower() in ASKING and t.pos_ in ("VERB", "AUX") and not _requests(t)
               for t in cue)  # fmt: skip


def _requests(verb: Token) -> bool:
    """Whether a verb of asking asks someone to do something rather than asks something: it
    goes on with "to" and a verb ("asked voters to turn out"). Not "for": "asked for his
    position" is a question."""
    return any(
        child.dep_ == "xcomp" and any(t.lower_ == "to" for t in child.children)
        for child in verb.children
    )


# Cue categories of the lexicon (data/cues.tsv) that speak; "other" is beliefs and findings.
SPEAKING = frozenset({"speech", "addressee"})


def _speaks(doc: Doc, a: Attribution) -> bool:
    """Whether an attribution is someone named speaking, as an answer is: a quotation, or
    reported speech whose cue is a verb of speech ("Christie said that ..."), by a source
    the text gives ("has polarized the electorate", "are widely recognized" answer nothing)."""
    if a.source is None or a.content_form == "phrase":
        return False
    source = _tokens(doc, a.source.start, a.source.end)
    if source is not None and source.root.tag_ in ("WP", "WDT", "PRP$"):
        return False  # "who has insulted women", "his criticisms of": told in passing
    if a.kind in ("direct", "mixed"):
        return True
    cue = _cue_tokens(doc, a)
    lexicon = load_lexicon()
    return cue is not None and any(
        t.pos_ in ("VERB", "AUX") and lexicon.verb_category(t.lemma_) in SPEAKING for t in cue
    )


def answered(doc: Doc, a: Attribution, ordered: Sequence[Attribution]) -> Attribution | None:
    """The question an attribution answers, by layout: one of the attributions just before
    it asks, someone else speaks now, and this one asks nothing itself ("Asked whether he
    would release his returns, ... 'Well, we'll see,' Pence said")."""
    cue = _cue_tokens(doc, a)
    if _asks(doc, a) or (cue is not None and _refused(cue)) or not _speaks(doc, a):
        return None
    position = ordered.index(a)
    for b in reversed(ordered[max(0, position - ANSWER_WINDOW) : position]):
        if b.id == a.parent or b.parent == a.id:
            continue
        if _asks(doc, b) and _by_someone_else(a, b):
            return b
    return None


def find_relations(
    doc: Doc,
    attributions: Sequence[Attribution],
    similarity: dict[tuple[str, str], float],
    cues: Sequence[RelationCue] | None = None,
) -> list[Relation]:
    """Every relation of the article, in the order of the attributions they come from."""
    cues = load_relation_cues() if cues is None else cues
    ordered = sorted(attributions, key=lambda x: (x.content.start, x.id))
    relations: list[Relation] = []
    for a in ordered:
        said = signal(doc, a, cues)
        if said is not None and (
            (said[1] == "before" and _answered_before(doc, a, said[2], ordered))
            or (said[0] == "responds" and not _speaks(doc, a))
        ):
            said = None  # someone else answers; "... who has insulted women" answers nothing
        pointed: str | None = None
        if said is not None:
            kind, where, words = said
            found = target(doc, a, kind, words, ordered, similarity, refers=where == "content")
            if found is not None:
                pointed, how = found
                relations.append(Relation(kind, a.id, pointed, words, a.confidence * SURE[how]))
        if said is None:
            question = answered(doc, a, ordered)
            if question is not None:
                pointed = question.id
                sure = a.confidence * SURE["asked"]
                relations.append(Relation("responds", a.id, question.id, question.cue, sure))
        for b in ordered:
            if b.parent == a.id and b.id != pointed:
                relations.append(
                    Relation("reports", a.id, b.id, a.cue, min(a.confidence, b.confidence))
                )
    return relations


def cosines(ids: Sequence[str], vectors: np.ndarray) -> dict[tuple[str, str], float]:
    """Cosine of every two contents, both ways round (the vectors are unit length)."""
    sims = vectors @ vectors.T if len(ids) else np.zeros((0, 0))
    return {
        (x, y): float(sims[i, j]) for i, x in enumerate(ids) for j, y in enumerate(ids) if i != j
    }
