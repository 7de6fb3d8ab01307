"""The verb rule: a reporting or belief verb with its subject, addressee and content.

"Torraco told ABC News that her client ..." -> source Torraco, cue told, addressee ABC News,
content "that her client ...". The rule reads the verb in steps, each a function below: the
cue; the content heads (its clausal complements); the one asked or told; the content from the
heads, a parenthetical quote or an object; the fallbacks when none gave any (a quotation
before "X said", a preposition's object, "in a statement that", a one-word "said yes"); and
last the source.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import (
    CLAUSAL,
    JOINERS,
    NOUN_SUBJECTS,
    OBJECT_PREDICATES,
    OBJECTS,
    PREP_OBJECTS,
    PURPOSE_CLAUSES,
    RAISING_COMPLEMENTS,
    VERBAL,
    WH_OBJECTS,
)
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import (
    Candidate,
    Extent,
    span_of,
    subtree_extent,
    trim,
)
from onrecord.attribution.rules.clause import cue_extent, participle_aside
from onrecord.attribution.rules.source import asked_aside, source_of, subject_of
from onrecord.attribution.rules.verb_content import (
    ON_UPON,
    colon_after,
    colon_between,
    complement_on_a_noun,
    controller,
    medium_clause,
    parataxis_content,
    passive_subject,
    prep_complement,
    relativizer,
    reporting_asides,
    sentence_before_cue,
)
from onrecord.wordlists import words


def verb_rule(verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """A reporting or belief verb with its subject and complement.

    "Torraco told ABC News that her client ..." -> source Torraco, cue told, addressee ABC News,
    content "that her client ...".
    """
    if verb.pos_ not in VERBAL:
        return None
    category = lexicon.verb_category(verb.lemma_)
    if category is None or anonymity_purpose(verb):
        return None
    cue = cue_extent(verb)
    if verb.lemma_ in words("aspectual_verbs") and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # the verb it governs is the cue, if any
    if verb.lemma_ in words("raising_verbs") and not any(c.dep_ == "ccomp" for c in verb.children):
        return raising_candidate(verb, cue, lexicon)
    return reported(verb, category, called_on(verb, cue), lexicon)


def reported(verb: Token, category: str, cue: Extent, lexicon: CueLexicon) -> Candidate | None:
    """The verb's attribution once its cue is known: content, addressee and source."""
    cue_tokens = set(range(*cue))
    heads = content_heads(verb, category)
    asked, aside_end = asked_aside(verb) or (None, None)
    addressee: Extent | None = None
    if asked is not None:
        # "Delaney, asked about the remark, laughed": what follows the aside is not the question.
        if aside_end is not None:
            heads = [c for c in heads if c.i < aside_end]
        addressee = asked_addressee(verb, asked)
    addressee, objects = told(verb, category, heads, addressee, cue_tokens)
    exclude = set(cue_tokens)
    content = direct_content(verb, heads, objects, exclude, lexicon)
    subject = subject_of(verb) if asked is None else None
    if not content:
        cue, content, exclude = fallback_content(verb, category, subject, cue, exclude)
    if not content and (category == "other" or subject is None):
        return None
    passive = passive_subject(verb, heads) if category != "addressee" else None
    if passive is not None and all(s > passive.i for s, _ in content):
        # "Trump is expected to deliver a speech", "Pigs are considered unclean": what is
        # expected or considered is the subject with its complement (on PolNeAR train the
        # content wraps such a cue 107 times in 129); whoever expects is the agent, if named.
        content.insert(0, subtree_extent(passive, exclude))
    source = source_of(verb, subject, exclude)
    if source and any(s[0] <= source[0] < s[1] for s in content):
        source = None
    return Candidate(
        cue=[cue_with_modifier(verb, cue, content)],
        content=content,
        source=source,
        addressee=addressee,
        category="other" if category == "other" else "speech",
        rule="verb",
    )


def anonymity_purpose(verb: Token) -> bool:
    """ "speaking on condition of anonymity to describe private conversations", "who were not
    authorized to discuss it": why a source is unnamed, not something anyone said."""
    if verb.dep_ not in PURPOSE_CLAUSES or verb.head.i == verb.i:
        return False
    head = verb.head
    if head.lemma_ == "authorize":
        return True
    return any(t.lower_ == "anonymity" for t in head.subtree if t.i < verb.i)


def called_on(verb: Token, cue: Extent) -> Extent:
    """ "called on X to resign": PolNeAR's cue takes the preposition (36 to 5 on train)."""
    nxt = verb.i + 1
    if (
        verb.lemma_ in words("called_on_verbs")
        and nxt < len(verb.doc)
        and verb.doc[nxt].lower_ in ON_UPON
        and verb.doc[nxt].head == verb
        and cue[1] == nxt
    ):
        return cue[0], nxt + 1
    return cue


def raising_candidate(verb: Token, cue: Extent, lexicon: CueLexicon) -> Candidate | None:
    """ "Ms. Kelly seemed certain to leave." -> no source, cue seemed, content the clause.
    "Cruz seemed to blame the network" is the inner verb's attribution instead."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is not None and xcomp.pos_ == "VERB" and lexicon.verb(xcomp.lemma_) is not None:
        return None
    if not any(c.dep_ in RAISING_COMPLEMENTS for c in verb.children):
        return None
    if not any(c.dep_ in NOUN_SUBJECTS for c in verb.children):
        return None
    # The clause without what is joined to it ("... and seemed to take hope") or heads it.
    outside = {
        t.i
        for c in verb.children
        if c.dep_ in JOINERS or (c.dep_ == "advcl" and c.i < verb.i)
        for t in c.subtree
    }
    content = span_of(verb, outside)
    if content is None:
        return None
    return Candidate(cue=[cue], content=[content], category="other", rule="raising")


def content_heads(verb: Token, category: str) -> list[Token]:
    """The tokens whose subtrees are the content: the verb's clausal complements, not a
    clausal subject, a clause a colon sets apart or a participle aside; else a that-clause
    the parser hung on a noun; and the question of "asked if ..."."""
    heads = [
        c
        for c in verb.children
        if c.dep_ in CLAUSAL
        and c.dep_ != "csubj"
        and not colon_between(c, verb)
        and not participle_aside(verb, c)
    ]
    if not heads and category != "other":
        misplaced = complement_on_a_noun(verb)
        if misplaced is not None:
            heads.append(misplaced)
    if verb.lemma_ == "ask":
        # "asked if he was ready": the parser often reads the question as an adverbial clause.
        heads += [
            c
            for c in verb.children
            if c.dep_ == "advcl" and any(g.lower_ in {"if", "whether"} for g in c.children)
        ]
    return heads


def asked_addressee(verb: Token, asked: Token) -> Extent | None:
    """The one asked in an aside: the noun phrase before the aside's opening comma."""
    comma = max(t.i for t in verb.doc[asked.i : verb.i] if t.text == ",")
    return trim(verb.doc, asked.left_edge.i, comma)


def told(
    verb: Token,
    category: str,
    heads: list[Token],
    addressee: Extent | None,
    cue_tokens: set[int],
) -> tuple[Extent | None, list[Token]]:
    """The addressee ("told ABC News that", "was told that", "said to reporters") and the
    verb's objects that are left for the content."""
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    if category == "addressee" and objects and (heads or verb.lemma_ == "tell"):
        addressee = span_of(objects[0], cue_tokens)
        objects = objects[1:]
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if category == "addressee" and passive is not None and heads and addressee is None:
        # "The senator was told that the bill had failed": the one told is the addressee,
        # not the source (PolNeAR train gives no source in 8 of the 12 passive "told",
        # "warned", "informed" it annotates).
        addressee = span_of(passive, cue_tokens)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" and category != "other":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj and addressee is None and verb.lemma_ in words("to_addressee_verbs"):
                addressee = span_of(pobj[0], cue_tokens)
    return addressee, objects


def direct_content(
    verb: Token,
    heads: list[Token],
    objects: list[Token],
    exclude: set[int],
    lexicon: CueLexicon,
) -> list[Extent]:
    """The content the verb's own dependents give: its complements, else the quotation it is
    a parenthetical of, else its object."""
    if heads:
        return complement_content(verb, heads, exclude, lexicon)
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # “We will appeal,” the mayor said. — the quote is the head, the cue its parenthetical.
        return parataxis_content(verb, exclude)
    if objects and (
        verb.lemma_ not in {"ask", "tell"} or (verb.lemma_ == "ask" and objects[0].pos_ == "NOUN")
    ):
        # "asked a question about police violence": the question is the content; a person
        # asked ("asked him") is not.
        return object_content(verb, objects[0], exclude)
    return []


def complement_content(
    verb: Token, heads: list[Token], exclude: set[int], lexicon: CueLexicon
) -> list[Extent]:
    """Each complement's span, without participles of reporting inside it."""
    content: list[Extent] = []
    for head in heads:
        span = span_of(head, exclude | reporting_asides(head, lexicon))
        control = controller(verb, head)
        if span and control is not None:
            # "urged party leaders to turn away from ...": PolNeAR's content starts at
            # the one urged (who is also the addressee).
            span = (min(span[0], subtree_extent(control, exclude)[0]), span[1])
        if span:
            content.append(span)
        if verb.dep_ == "relcl" and span:
            # "emails, which she said represented all her work": the relative pronoun
            # belongs to what was said (PolNeAR starts the content there in 36 of 48
            # such clauses on train).
            moved = next((t for t in head.subtree if t.i < verb.i and relativizer(t)), None)
            if moved is not None:
                content.insert(0, (moved.i, moved.i + 1))
    return content


def object_content(verb: Token, obj: Token, exclude: set[int]) -> list[Extent]:
    """The object with its predicate: "described the handling as “complacent”", "blamed Bush
    for the crash", "likened the campaign to a car crash"."""
    start, end = subtree_extent(obj, exclude)
    if obj.i < verb.i and obj.tag_ in WH_OBJECTS and any(c.dep_ == "oprd" for c in verb.children):
        # "what the network called the “safety culture”": the name given is the content.
        start = end = verb.i + 1
    for child in sorted(verb.children, key=lambda c: c.i):
        if (
            child.dep_ in OBJECT_PREDICATES
            and child.i > obj.i
            and (child.dep_ == "oprd" or child.lower_ in words("object_preps"))
            and child.left_edge.i <= end + 1
        ):
            end = max(end, subtree_extent(child, exclude)[1])
    span = trim(verb.doc, start, end)
    return [span] if span else []


def fallback_content(
    verb: Token, category: str, subject: Token | None, cue: Extent, exclude: set[int]
) -> tuple[Extent, list[Extent], set[int]]:
    """When the verb's dependents give no content, in order: the quotation before "X said",
    a preposition's object ("called for a ban", which joins the cue), a clause hung on "in a
    statement", a one-word stand-in ("said yes"). Returns the cue (perhaps widened), the
    content and the tokens kept out of content and source."""
    speech = category != "other"
    content: list[Extent] = []
    if subject is not None and speech:
        # '"We need it NOW!" Trump said on Twitter': the quotation before is what was said;
        # "on Twitter", "to a crowd", "at a hearing" only say where.
        content = sentence_before_cue(verb, subject)
    prep = prep_complement(verb) if not content else None
    if prep is not None and colon_after(prep):
        # "posted on X: ...": where it was said joins the cue, the colon introduces the words.
        cue = (cue[0], max(cue[1], prep.right_edge.i + 2))
        exclude = exclude | set(range(*cue))
    elif prep is not None:
        # "called for a ban", "referring to the memo": the preposition belongs to the cue.
        cue = (cue[0], max(cue[1], prep.i + 1))
        span = span_of(next(c for c in prep.children if c.dep_ in PREP_OBJECTS), set(range(*cue)))
        if span:
            content.append(span)
    if not content and (clause := medium_clause(verb)) is not None:
        span = span_of(clause, exclude)
        if span:
            content.append(span)
    if not content and subject is not None and speech:
        # "said yes", "half said so", "So says a booming voice": a one-word stand-in content.
        content = [
            (c.i, c.i + 1)
            for c in verb.children
            if c.dep_ == "intj" or (c.dep_ == "advmod" and c.lower_ == "so")
        ]
    return cue, content, exclude


def cue_with_modifier(verb: Token, cue: Extent, content: list[Extent]) -> Extent:
    """PolNeAR's cue takes the modifier right after the verb in two frequent shapes: a day
    after a quote ("...," he said Tuesday.) and an adverb before the content ("said
    repeatedly that ...")."""
    if cue[1] >= len(verb.doc):
        return cue
    nxt = verb.doc[cue[1]]
    if nxt.head.i != verb.i:
        return cue
    after = all(s >= cue[1] for s, _ in content)
    before = all(e <= cue[0] for _, e in content)
    if (nxt.dep_ == "npadvmod" and before) or (nxt.dep_ == "advmod" and after):
        end = nxt.right_edge.i + 1
        if not any(s < end for s, _ in content if s >= cue[1]):
            return cue[0], end
    return cue
