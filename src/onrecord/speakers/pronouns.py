"""Pronouns: the antecedent of a third-person pronoun among the mentions seen so far, and
pronoun sources resolved ("he" to its antecedent, "I" and "you" in a quotation to its speaker
and addressee, "who" to the noun its clause hangs on)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from onrecord.speakers.clusters import PRONOUN_VOTE, Cluster, Context, Mention
from onrecord.speakers.interviews import turn_speaker
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.phrases import noun_phrase
from onrecord.speakers.run import Resolution, Run, covers, enclosing, note_mention

THIRD_PERSON_CLASSES = ("masculine", "feminine", "neuter", "plural")

WINDOW = 3  # sentences back searched before falling back to the whole text before
# Weights of the antecedent score; recency costs one point a sentence, so these read as
# "worth this many sentences of distance".
SUBJECT_BONUS = 0.6
SPEAKER_BONUS = 0.8
GENDER_KNOWN_BONUS = 0.4
MODIFIER_PENALTY = 1.0
DIRECT_QUOTE_PENALTY = 2.0
INDIRECT_QUOTE_PENALTY = 0.5
MAX_RELCL_HOPS = 6  # how far up a "who" may climb to find its relative clause


@cache
def pronouns(kind: str) -> frozenset[str]:
    """The pronouns of ``kind`` in ``pronouns.txt`` ("first-singular", "first-plural",
    "second", "masculine", "feminine", "neuter", "plural", "relative"); "third" is the four
    third-person classes together."""
    if kind == "third":
        return frozenset().union(*(pronouns(k) for k in THIRD_PERSON_CLASSES))
    return shipped_words("pronouns", kind)


@dataclass(frozen=True)
class PronounFeatures:
    """What a pronoun requires of its antecedent."""

    gender: str | None  # "m", "f", or None
    plural: bool
    personal: bool | None  # True: a person; False: not a person ("it"); None: either


def pronoun_features(word: str) -> PronounFeatures | None:
    """Agreement features of a third-person pronoun, None for any other word."""
    w = word.lower()
    if w in pronouns("masculine"):
        return PronounFeatures("m", False, True)
    if w in pronouns("feminine"):
        return PronounFeatures("f", False, True)
    if w in pronouns("neuter"):
        return PronounFeatures(None, False, False)
    if w in pronouns("plural"):
        return PronounFeatures(None, True, None)
    return None


def agrees(features: PronounFeatures, mention: Mention) -> bool:
    """Hard agreement between a pronoun and a candidate antecedent mention."""
    cluster = mention.cluster
    kind = cluster.type if cluster is not None else "group"
    if features.plural:
        # "they": groups, organisations, plural anonymous sources ("people close to him").
        return kind in ("group", "organization") or (kind == "anonymous" and mention.plural)
    if features.personal is False:
        return kind == "organization" or (kind == "group" and not mention.plural)
    if kind not in ("person", "anonymous") or mention.plural:
        return False
    gender = cluster.gender if cluster is not None else None
    return not (gender and features.gender and gender != features.gender)


def _quote_penalty(ctx: Context, mention: Mention, pronoun: Token) -> float:
    """Penalty for an antecedent inside a quotation the pronoun is not in: in '"I met
    Biden," Trump said. He ...' the pronoun is far more likely Trump."""
    q = ctx.quote_of[mention.head]
    if q < 0:
        return 0.0
    start, end, direct = ctx.quotes[q]
    if start <= pronoun.i < end:
        return 0.0
    return DIRECT_QUOTE_PENALTY if direct else INDIRECT_QUOTE_PENALTY


def _co_argument(mention: Mention, pronoun: Token) -> bool:
    """Binding: a non-reflexive pronoun is not its own clause-mate ("Halls told him")."""
    if pronoun.tag_ == "PRP$" or pronoun.lower_.endswith("self"):
        return False
    head = pronoun.doc[mention.head]
    return head.head.i == pronoun.head.i and head.i != pronoun.i


def score(ctx: Context, mention: Mention, pronoun: Token, features: PronounFeatures) -> float:
    """Higher is a likelier antecedent: recency, subjecthood, having spoken, gender known."""
    distance = ctx.sent_of[pronoun.i] - ctx.sent_of[mention.head]
    value = -float(distance) - 0.001 * (pronoun.i - mention.head)
    if mention.subject:
        value += SUBJECT_BONUS
    if mention.speaker:
        value += SPEAKER_BONUS
    if mention.modifier:
        value -= MODIFIER_PENALTY
    cluster = mention.cluster
    if features.gender and cluster is not None and cluster.gender == features.gender:
        value += GENDER_KNOWN_BONUS
    return value - _quote_penalty(ctx, mention, pronoun)


def candidates(
    ctx: Context, pronoun: Token, features: PronounFeatures, exclude: Collection[Cluster]
) -> list[Mention]:
    """Mentions before the pronoun that agree with it and are not excluded."""
    out = []
    for m in ctx.mentions.values():
        if m.end > pronoun.i or m.head == pronoun.i:
            continue
        if m.cluster is not None and m.cluster in exclude:
            continue
        if agrees(features, m) and not _co_argument(m, pronoun) and not _where(ctx, m):
            out.append(m)
    return out


# Prepositions that make a place's name where something happens, not someone who speaks.
LOCATIVE = frozenset({"in", "at", "from", "across", "near", "throughout", "outside", "inside"})


def _where(ctx: Context, m: Mention) -> bool:
    """Whether a mention is a place named as where something is ("In Los Angeles, ...",
    "a rally in Ames"): no antecedent of "it" or "they" ("China said" speaks; "in China"
    does not)."""
    if m.cluster is None or m.cluster.label not in ("GPE", "FAC", "LOC"):
        return False
    head = ctx.doc[m.head]
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE


def best_antecedent(
    ctx: Context,
    pronoun: Token,
    exclude: Collection[Cluster] = (),
    prefer: Collection[Cluster] = (),
) -> Mention | None:
    """The best-scoring agreeing mention within ``WINDOW`` sentences, else in all the text
    before; None for a pronoun that is not third person or that nothing agrees with.
    Mentions of ``prefer`` entities win whenever one agrees (the possessor in "his lawyer"
    is whoever has a lawyer)."""
    features = pronoun_features(pronoun.text)
    if features is None:
        return None
    found = candidates(ctx, pronoun, features, exclude)
    if prefer:
        found = [m for m in found if m.cluster in prefer] or found
    if not found:
        return None
    sent = ctx.sent_of[pronoun.i]
    near = [m for m in found if sent - ctx.sent_of[m.head] <= WINDOW] or found
    return max(near, key=lambda m: score(ctx, m, pronoun, features))


# How many sentences back a plural pronoun looks for the named people it stands for.
PAIR_SENTENCES = 1
PAIR_TOKENS = 120


def coordinated_subject(
    ctx: Context, pronoun: Token, exclude: Collection[Cluster] = ()
) -> list[Cluster]:
    """The named people (or organisations) a plural pronoun stands for when the nearest
    subject before it, in its sentence or the one before, coordinates two or more of them:
    "Sens. Grassley and Leahy wrote to the agency. They said ..." Empty when that subject
    is anything else: "Investigators and police searched the set. They found ..."."""
    here = ctx.sent_of[pronoun.i]
    # Bounded in tokens too: a text with no sentence breaks is one endless sentence.
    for token in reversed(ctx.doc[max(0, pronoun.i - PAIR_TOKENS) : pronoun.i]):
        if here - ctx.sent_of[token.i] > PAIR_SENTENCES:
            return []
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        first = ctx.by_token.get(token.i)
        if first is None:
            return []
        listed = [first]
        for conj in token.conjuncts:
            c = ctx.by_token.get(conj.i)
            if c is not None and c.type == first.type and c not in listed:
                listed.append(c)
        if len(listed) >= 2 and not set(listed) & set(exclude):
            return listed  # type: ignore[return-value]
        return []
    return []


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause
    ("Smith, who told reporters" -> Smith)."""
    token = pronoun
    for _ in range(MAX_RELCL_HOPS):
        if token.dep_ in ("relcl", "acl"):
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def first_person(run: Run, pronoun: Token, k: int | None) -> Resolution:
    """ "I"/"we" in a source: the speaker of the quotation it stands in; outside quotations
    "I" is the article's author. Inside its own attribution's content it is never the
    source (the content's "I" is what the speaker says about themself)."""
    own = run.attributions[k].content if k is not None else None
    if own is not None and covers(own, pronoun.idx):
        return Resolution(None, pronoun.text, "unknown")
    outer = enclosing(run, pronoun, k)
    if outer is not None:
        result = run.resolve_attribution(outer)
        if result is not None and result.cluster is not None:
            note_mention(run.ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], result.cluster)
            return result
        return Resolution(None, pronoun.text, "unknown")
    turn = turn_speaker(run.ctx, pronoun.idx)
    if turn is not None:  # "A: I think it's in our interests": the one interviewed
        if turn.cluster is not None:
            note_mention(run.ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], turn.cluster)
        return turn
    if pronoun.lower_ in pronouns("first-plural"):
        return Resolution(None, pronoun.text, "unknown")
    if run.author is None:
        # No byline names them: someone the article does not name, as an audit counts it
        # (a corpus's people are not led by "the author").
        run.author = run.ctx.new_cluster("anonymous", nominal="the author")
    elif run.author.names:
        note_mention(run.ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], run.author)
    return Resolution(run.author)


def second_person(run: Run, pronoun: Token, k: int | None) -> Resolution:
    """ "you" in a source: inside a quotation, whom that quotation was addressed to."""
    outer = enclosing(run, pronoun, k)
    if outer is not None and run.attributions[outer].addressee is not None:
        run.resolve_attribution(outer)
        found = run.addressees.get(outer)
        if found is not None and found.cluster is not None:
            return found
    if outer is None:
        turn = turn_speaker(run.ctx, pronoun.idx, addressed=True)
        if turn is not None:  # "Q: You thank him for that.": asked of the one interviewed
            return turn
    return Resolution(None, pronoun.text, "unknown")


def third_person(
    run: Run, pronoun: Token, exclude: Collection[Cluster], prefer: Collection[Cluster] = ()
) -> Resolution:
    """A third-person pronoun: its best antecedent, which also tells its entity's gender.
    Never the article's author: the writer is "I" ("I asked Mr. Trump; he said no": "he" is
    Trump, though the last person mentioned is the writer)."""
    ctx = run.ctx
    if run.author is not None:
        exclude = {*exclude, run.author}
    if pronoun.lower_ in pronouns("plural") and not prefer:
        named = coordinated_subject(ctx, pronoun, exclude)
        if named:  # "Grassley and Leahy wrote to the agency. They said ...": both
            for c in named:
                note_mention(ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], c)
            return Resolution(named[0], others=tuple(named[1:]))
    mention = best_antecedent(ctx, pronoun, exclude, prefer)
    if mention is None:
        personal = pronoun.lower_ in pronouns("masculine") or pronoun.lower_ in pronouns("feminine")
        return Resolution(None, pronoun.text, "person" if personal else "unknown")
    cluster = mention.cluster
    if cluster is None:
        # A latent group ("investigators ... they said") becomes an entity now.
        head = ctx.doc[mention.head]
        cluster = run.resolve_nominal(head, None, exclude).cluster
        mention.cluster = cluster
        if cluster is not None:
            note_mention(ctx, head, noun_phrase(head), cluster)
    if cluster is None:
        return Resolution(None, pronoun.text, "unknown")
    if pronoun.lower_ in pronouns("masculine"):
        cluster.vote_gender("m", PRONOUN_VOTE)
    elif pronoun.lower_ in pronouns("feminine"):
        cluster.vote_gender("f", PRONOUN_VOTE)
    note_mention(ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], cluster)
    return Resolution(cluster)
