"""Named mentions: the first pass clusters the named entities spaCy found into people and
organisations; at resolution, a proper noun the NER missed is matched against them or made an
entity of its own, and an addressee given only by name is looked up."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from onrecord.speakers.clusters import (
    MODIFIER_DEPS,
    NAME_VOTE,
    TITLE_VOTE,
    Cluster,
    Context,
    lemma,
)
from onrecord.speakers.headlines import Headlines, in_lines
from onrecord.speakers.lexicon import SpeakerLexicon, shipped_words
from onrecord.speakers.name_matching import (
    Parts,
    cluster_name_score,
    display_name,
    is_initials,
    name_gender,
    org_names_match,
    org_parts,
    person_parts,
    split_titles,
)
from onrecord.speakers.run import Resolution

LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "FAC": "organization",
               "GPE": "organization", "NORP": "group"}  # fmt: skip
# Labels whose entities are listed even when nobody refers to them; GPE, NORP and FAC
# clusters are kept only when they speak or are spoken to ("China said ...").
LISTED_LABELS = frozenset({"PERSON", "ORG"})


def _title_start(doc: Doc, ent: Span, lex: SpeakerLexicon, headlines: Headlines) -> int:
    """Move a PERSON mention's start left over titles spaCy left outside ("Mrs." Clinton)."""
    start = ent.start
    if start > ent.sent.start:
        # The small model sometimes leaves the given name out: "Sadiq Khan has said" ->
        # "Khan", "Marcel Lehel Lazar, 44," -> "Lehel Lazar" (a known given name only
        # before a name of two words or more).
        first = doc[start - 1]
        if (
            first.pos_ == "PROPN"
            and first.dep_ == "compound"
            and ent.start <= first.head.i < ent.end
            and first.is_title
            and (len(ent) == 1 or first.lower_ in lex.first_names)
            and lex.title_or_role(first.text) is None
            and not headlines.glued(first)  # "Derelict Obama and Clinton" in a headline
        ):
            start -= 1
    while start > ent.sent.start and lex.title(doc[start - 1].text) is not None:
        start -= 1
    return start


def _name_end(doc: Doc, ent: Span, lex: SpeakerLexicon, headlines: Headlines) -> int:
    """Move a PERSON mention's end right over the surname spaCy left outside: "Former
    secretary of state Hillary Rodham Clinton:" is tagged "Hillary Rodham", whose last word
    the parser still makes a compound of "Clinton"."""
    end = ent.end
    if end >= len(doc) or end >= ent.sent.end:
        return end
    last, after = doc[end - 1], doc[end]
    if (
        after.pos_ == "PROPN"
        and last.dep_ == "compound"
        and last.head.i == after.i
        and after.is_title
        and not last.whitespace_.count("\n")
        and lex.title_or_role(after.text) is None
        and not headlines.glued(after)
    ):
        return end + 1
    return end


_GLUED_WORD = re.compile(r"([A-Z][\w'’-]+)[:\"“”]")


def _glued_surname(doc: Doc, span: Span) -> str | None:
    """The surname a scrape glued to the punctuation after it, which the tokenizer keeps
    as one token: 'Hillary Rodham Clinton:"We learned ...' gives the token 'Clinton:"We',
    of which the parser still makes "Rodham" a compound. Its word, or None."""
    if not len(span) or span.end >= len(doc):
        return None
    last, after = span[-1], doc[span.end]
    if last.dep_ != "compound" or last.head.i != after.i or last.whitespace_ != " ":
        return None
    m = _GLUED_WORD.match(after.text)
    return m.group(1) if m else None


def _joined_people(ents: list[Span], headlines: Headlines) -> list[Span]:
    """Two PERSON entities one space apart are one name the NER cut in two: "Judge Daniel
    Porter Jordan III" is tagged "Daniel Porter" and "Jordan III". Not in a title-case line,
    where a headline runs names together ("Derelict Obama Clinton")."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == ent.label_ == "PERSON"
            and prev.end == ent.start
            and prev[-1].whitespace_ == " "
            and not headlines.glued(ent[0])
            and not in_lines(ent[0], headlines.lines)
        ):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


# A quoted nickname inside a name: 'Rep. Robert C. "Bobby" Scott', 'Marcia "Cia" Price'.
# At most four words before the nickname, so that a long run of capitals (a text in
# upper case) is read once, not once a word.
_NICKNAMED = re.compile(
    r"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} [\"“][A-Z][\w'’-]*[\"”] [A-Z][\w'’-]+"
)


def _nicknamed(doc: Doc, ents: list[Span]) -> list[Span]:
    """The entities with each name that holds a quoted nickname made one PERSON: the small
    model cuts 'Robert C. "Bobby" Scott' in two at the quotation marks (PERSON 'Robert C.
    "Bobby' and PERSON 'Scott'), and 'Marcia "Cia" Price' into a PERSON and a title."""
    found = []
    for m in _NICKNAMED.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), label="PERSON", alignment_mode="contract")
        if span is not None and any(e.label_ == "PERSON" for e in ents if _meets(e, span)):
            found.append(span)
    if not found:
        return ents
    kept = [e for e in ents if not any(_meets(e, f) for f in found)]
    return sorted([*kept, *found], key=lambda e: e.start)


def _meets(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _most_recent(candidates: list[Cluster], token: int) -> Cluster | None:
    """The candidate mentioned last before ``token`` (else the earliest created)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.last_before(token), -c.order))


def _subject_nearby(ctx: Context, cluster: Cluster, token: int) -> int:
    """Token index of the cluster's latest mention before ``token`` as the subject of the same
    or the previous sentence, or -1: "Mr. Clinton said he was tired. Clinton added ..."."""
    here = ctx.sent_of[token]
    return max(
        (
            p
            for p in cluster.positions
            if p < token
            and here - ctx.sent_of[p] <= 1
            and (m := ctx.mentions.get(p)) is not None
            and m.subject
        ),
        default=-1,
    )


def _most_salient(ctx: Context, candidates: list[Cluster], token: int) -> Cluster | None:
    """The person a name shared by several means: the one just the subject, else the one
    mentioned most so far ("Cruz" in a story about Ted Cruz that names Heidi Cruz once),
    else the one mentioned last."""
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda c: (
            _subject_nearby(ctx, c, token),
            sum(p < token for p in c.positions),
            c.last_before(token),
            -c.order,
        ),
    )


def match_person(ctx: Context, parts: Parts, gender: str | None, token: int) -> Cluster | None:
    """The person cluster a name refers to: best name evidence, a compatible gender, then the
    most salient (``_most_salient``)."""
    best_score, best = 0, []
    for c in ctx.clusters:
        if c.type != "person" or not c.names:
            continue
        if gender and c.gender and gender != c.gender:
            continue
        score = cluster_name_score(parts, c.names)
        if score > best_score:
            best_score, best = score, [c]
        elif score == best_score and score > 0:
            best.append(c)
    # A lone first name may only join a person; a full name joins on a surname or a first name.
    return _most_salient(ctx, best, token) if best_score >= 1 else None


def match_org(ctx: Context, parts: Parts, label: str, token: int) -> Cluster | None:
    """The organisation (or place, or nationality group) cluster a name refers to."""
    family = {"ORG": "ORG", "FAC": "ORG", "GPE": "GPE", "NORP": "NORP"}.get(label, label)
    found = [
        c
        for c in ctx.clusters
        if c.label is not None
        and {"ORG": "ORG", "FAC": "ORG"}.get(c.label, c.label) == family
        and any(org_names_match(parts, n) for n in c.names)
    ]
    if not found:
        # Initials are the organisation the article names in full whatever the NER calls
        # them: the small model tags "the I.R.S." GPE after "the Internal Revenue Service".
        found = [
            c
            for c in ctx.clusters
            if c.type == "organization" and any(is_initials(parts, n) for n in c.names)
        ]
    return _most_recent(found, token)


def _person_mention(ctx: Context, ent: Span, headlines: Headlines) -> None:
    """Add a PERSON entity mention, joining the person it names or starting one."""
    start = _title_start(ctx.doc, ent, ctx.lex, headlines)
    span = ctx.doc[start : _name_end(ctx.doc, ent, ctx.lex, headlines)]
    glued = _glued_surname(ctx.doc, span)
    titles, words = split_titles([t.text for t in span] + ([glued] if glued else []), ctx.lex)
    parts = person_parts(words)
    if not parts:
        return
    gender = name_gender(parts, titles, ctx.lex)
    cluster = match_person(ctx, parts, gender, ent.start)
    if cluster is None:
        cluster = ctx.new_cluster("person", label="PERSON", listed=True)
    shown = [t.text_with_ws for t in span[len(titles) :]]
    display = display_name([*shown[:-1], shown[-1].rstrip() + " ", glued] if glued else shown)
    _add_name(ctx, cluster, span, ent, parts, display)
    title_genders = []
    for t in titles:
        role, title_gender = ctx.lex.title_or_role(t) or (None, None)
        cluster.vote_gender(title_gender, TITLE_VOTE)
        title_genders.append(title_gender)
        if role:
            cluster.aliases.update(role.split(","))  # "Justice Nervo": the justice, the judge
    if len(parts) >= 2 and not any(title_genders):
        cluster.vote_gender(ctx.lex.first_names.get(parts[0]), NAME_VOTE)


def _other_mention(ctx: Context, ent: Span) -> None:
    """Add an ORG/GPE/NORP/FAC mention. A lone word that is a known person's surname is that
    person: the small model often tags a surname ORG ("Halls's lawyer")."""
    words = [t.text for t in ent]
    if len(ent) == 1 and ent.label_ == "ORG" and lemma(ent[0]) in ctx.lex.roles:
        return  # "Coach says team ..." in a headline: a role noun in capitals, not a name
    if ent.label_ == "NORP" and (ent.root.dep_ in MODIFIER_DEPS or ent.root.pos_ == "ADJ"):
        return  # "Democratic lawmakers": an adjective, not a mention of the Democrats
    if ent.label_ in ("ORG", "GPE"):
        parts = person_parts(words)
        # A surname may come with its particle: the NER tags "De Blasio said" ORG too.
        # ("\x19" alone has no name parts at all.)
        particle = len(parts) > 1 and parts[0] in shipped_words("name_particles")
        surname = len(parts) == 1 or particle
        person = match_person(ctx, parts, None, ent.start) if surname else None
        if person is not None and cluster_name_score(parts, person.names) >= 2:
            _add_name(ctx, person, ent, ent, parts, display_name(_with_ws(ent)))
            return
    parts = org_parts(words)
    if not parts:
        return
    cluster = match_org(ctx, parts, ent.label_, ent.start)
    if cluster is None:
        cluster = ctx.new_cluster(
            LABEL_TYPES[ent.label_], label=ent.label_, listed=ent.label_ in LISTED_LABELS
        )
    _add_name(ctx, cluster, ent, ent, parts, display_name(_with_ws(ent)))


def _with_ws(tokens: Span) -> list[str]:
    """Token texts with their trailing whitespace, for names as written."""
    return [t.text_with_ws for t in tokens]


def _add_name(
    ctx: Context, cluster: Cluster, span: Span, ent: Span, parts: Parts, display: str
) -> None:
    """Record a named mention: its name for matching and its tokens for lookups."""
    cluster.names.append(parts)
    cluster.displays.append(display)
    for i in range(span.start, span.end):
        ctx.by_token[i] = cluster
    ctx.add_mention(span, ent.root, cluster)


def _line_pieces(ent: Span) -> list[Span]:
    """An entity cut at line breaks: the small model runs a byline into the next line
    ("Hollis Brand-Aquino\nCourier staff writer"), and no name spans two lines."""
    pieces, start = [], ent.start
    for token in ent:
        if "\n" in token.text:
            if token.i > start:
                pieces.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if ent.end > start:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return pieces


def _joint_pieces(ent: Span) -> list[Span]:
    """An organisation's name that is two joined by a slash, or a hyphen between names of
    two words or more, is both: "CNN/ORC", "Washington Post-ABC News" (a poll's two
    sponsors); "Coca-Cola" stays one."""
    if ent.label_ != "ORG":
        return [ent]
    cuts = [
        t.i
        for t in ent
        if t.text == "/"
        or (t.text in ("-", "–") and t.i - ent.start >= 2 and ent.end - t.i - 1 >= 2)
    ]
    if not cuts:
        return [ent]
    bounds = [ent.start - 1, *cuts, ent.end]
    pairs = zip(bounds, bounds[1:], strict=False)
    return [Span(ent.doc, a + 1, b, label="ORG") for a, b in pairs if b > a + 1]


def _colon_pieces(ent: Span) -> list[Span]:
    """An entity cut at the colons the NER runs it over: "Luciana Lopez: Saying" (a
    speaker's label in a transcript), "Poll: Bernie Sanders" (a headline's label). A piece
    of one word that is a verb form or a common word ("Saying", "Poll") is no name and goes."""
    pieces, start = [], ent.start
    for i in [*(t.i for t in ent if t.text == ":"), ent.end]:
        if i > start and not _label_word(ent.doc[start:i]):
            pieces.append(Span(ent.doc, start, i, label=ent.label_))
        start = i + 1
    return pieces


def _label_word(piece: Span) -> bool:
    word = piece[0]
    if len(piece) != 1:
        return False
    return word.tag_.startswith("VB") or word.lower_ in shipped_words("nonagents")


def _without_lowercase_lead(ent: Span) -> Span:
    """An organisation's name without the lowercase words the NER runs into its start: "the
    federal Securities and Exchange Commission" is the Securities and Exchange Commission
    (and so "the S.E.C."). A name all in lowercase stays as it is."""
    if ent.label_ not in ("ORG", "FAC"):
        return ent
    start = next((t.i for t in ent if not t.is_lower), ent.end)
    if start in (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, ent.end, label=ent.label_)


def _without_verb_lead(ent: Span) -> Span:
    """A PERSON entity without the verb the NER runs into its start: "Entrusting Donald
    Trump with the nuclear codes ..." is Donald Trump."""
    start = ent.start
    while ent.label_ == "PERSON" and start < ent.end - 1 and ent.doc[start].tag_.startswith("VB"):
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _without_score(ent: Span) -> Span | None:
    """An entity without a score the small model runs into it ("Northfield 2-1" in "beat
    Northfield 2-1 on Saturday"); a number alone stays ("BBC Radio 4")."""
    text = ent.text
    m = _SCORE.search(text)
    if m is None:
        return ent
    cut = ent.doc.char_span(ent.start_char, ent.start_char + m.start(), alignment_mode="contract")
    if cut is None or not len(cut):
        return None
    return Span(ent.doc, cut.start, cut.end, label=ent.label_)


_SCORE = re.compile(r"\s+\d+\s*[-–]\s*\d+(?:\s*[-–]\s*\d+)*$")


def build_named_clusters(ctx: Context) -> None:
    """Cluster every PERSON mention first, so that the others can be checked against people,
    then ORG, GPE, NORP and FAC mentions."""
    headlines = Headlines.of(ctx.doc)
    ents = [
        headlines.trim(_without_verb_lead(_without_lowercase_lead(named)), ctx.lex)
        for ent in ctx.doc.ents
        for line in _line_pieces(ent)
        for cut in _colon_pieces(line)
        for piece in _joint_pieces(cut)
        if (named := _without_score(piece)) is not None
    ]
    ents = _joined_people(_nicknamed(ctx.doc, ents), headlines)
    for ent in ents:
        # A name has a capital: the small model tags a lowercase "bin" PERSON.
        if ent.label_ == "PERSON" and any(t.text[:1].isupper() for t in ent):
            _person_mention(ctx, ent, headlines)
    for ent in ents:
        if ent.label_ in LABEL_TYPES and ent.label_ != "PERSON":
            _other_mention(ctx, ent)


def _name_tokens(head: Token) -> list[Token]:
    return [*(t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"), head]


def _person_by_name(ctx: Context, parts: Parts, titles: list[str], token: int) -> Cluster | None:
    person = match_person(ctx, parts, name_gender(parts, titles, ctx.lex), token)
    if person is not None and cluster_name_score(parts, person.names) >= 2:
        return person
    return None


def known_person(ctx: Context, head: Token) -> Cluster | None:
    """The person of the article whose name this proper noun (with its compounds) is."""
    titles, words = split_titles([t.text for t in _name_tokens(head)], ctx.lex)
    return _person_by_name(ctx, person_parts(words), titles, head.i)


def unnamed_proper(ctx: Context, head: Token) -> Resolution:
    """A proper noun the NER did not tag: match it against known names, else make it an
    entity, guessing person unless it looks like an organisation or a group."""
    tokens = _name_tokens(head)
    titles, words = split_titles([t.text for t in tokens], ctx.lex)
    parts = person_parts(words)
    person = _person_by_name(ctx, parts, titles, head.i)
    if person is not None:
        return Resolution(person)
    org = match_org(ctx, org_parts(words), "ORG", head.i)
    if org is not None:
        return Resolution(org)
    cluster = ctx.new_cluster(guess_type(ctx, head, words, titles), listed=True)
    cluster.names.append(parts if cluster.type == "person" else org_parts(words))
    cluster.displays.append(display_name([t.text_with_ws for t in tokens[len(titles) :]]))
    cluster.vote_gender(name_gender(parts, titles, ctx.lex), NAME_VOTE)
    if cluster.type == "person":
        # As for a tagged name: "Police Chief Renata Osei" is who "the chief" is later on.
        cluster.aliases.update(
            role
            for t in titles
            if (found := ctx.lex.title_or_role(t)) and found[0]
            for role in found[0].split(",")
        )
    for t in tokens:
        ctx.by_token[t.i] = cluster
    ctx.add_mention(head.doc[tokens[0].i : head.i + 1], head, cluster)
    return Resolution(cluster)


def guess_type(ctx: Context, head: Token, words: list[str], titles: list[str]) -> str:
    """Type of an untagged proper name: a title or a known first name makes a person, a
    plural a group, an organisation word or an acronym an organisation."""
    lowered = [w.lower() for w in words]
    if titles or (len(lowered) >= 2 and lowered[0] in ctx.lex.first_names):
        return "person"
    if head.tag_ == "NNPS" or plural_person_noun(ctx, head):
        return "group"
    if any(w in ctx.lex.organizations for w in lowered) or (head.text.isupper() and len(head) > 1):
        return "organization"
    return "person"


def plural_person_noun(ctx: Context, head: Token) -> bool:
    """A capitalised plural of a person noun, as a headline writes it: "Black Lawmakers Rip
    Trump" (the tagger reads "Lawmakers" a singular name)."""
    word = head.lower_
    return word.endswith("s") and ctx.lex.is_person_noun(word[:-1])


def by_name(ctx: Context, name: str) -> Cluster | None:
    """The entity an addressee given only by name refers to, matched on its words."""
    words = name.split()
    parts = person_parts(split_titles(words, ctx.lex)[1])
    person = match_person(ctx, parts, None, len(ctx.doc))
    if person is not None and cluster_name_score(parts, person.names) >= 2:
        return person
    return match_org(ctx, org_parts(words), "ORG", len(ctx.doc))
