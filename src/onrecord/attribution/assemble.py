"""From rule candidates and quotation marks to attributions.

The dependency rules see one sentence at a time; quotations do not respect sentences. Here a
candidate whose content touches a quotation takes the whole quotation, a split quote's second
half joins the first, a quote-only paragraph continues the previous speaker, and titles and
scare quotes with no cue stay unattributed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from onrecord.attribution.quotes import Quote
from onrecord.attribution.rules.candidate import Candidate
from onrecord.clean import ELSEWHERE
from onrecord.offsets import TokenOffsets
from onrecord.record import Addressee, Attribution, Boilerplate, Span
from onrecord.wordlists import words

_WORD = re.compile(r"[\w’']+")
_SEPARATOR = re.compile(r"[\s,;:.—–-]*")


@dataclass
class Draft:
    """An attribution under construction, in character offsets."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    addressee: tuple[int, int] | None = None
    category: str = "speech"
    rule: str = ""
    quotes: set[int] = field(default_factory=set)
    continues: Draft | None = None  # the draft whose speech this one continues
    confidence: float | None = None  # the learned filter's probability, when it ran

    @property
    def start(self) -> int:
        return min((s for s, _ in self.content), default=self.cue[0] if self.cue else 0)

    @property
    def end(self) -> int:
        return max((e for _, e in self.content), default=self.cue[1] if self.cue else 0)


def is_speech_quote(text: str, quote: Quote) -> bool:
    """Long enough or sentence-like enough to be someone's words rather than a title or a
    scare quote."""
    inner = quote.inner(text)
    found = _WORD.findall(inner)
    if len(found) >= 5:
        return True
    return bool(len(found) >= 3 and re.search(r"[.?!,]\W*$", inner))


@functools.cache
def _title_words() -> frozenset[str]:
    """Words before a quoted name that make it a title, not speech ("the film “Rust”",
    "dubbed “Operation Warp Speed”"): the names of works and the words that name."""
    return words("work_nouns") | words("naming_words")


def _word_before(text: str, quote: Quote) -> str | None:
    """The word right before a quotation, lowercase ("film" in “the film “Rust””)."""
    before = _WORD.findall(text[max(0, quote.start - 40) : quote.start].lower())
    return before[-1] if before else None


def names_a_work(text: str, quote: Quote) -> bool:
    """A quotation that a noun before it says is a title: “the team's podcast, “Gull Talk,”",
    “the film “Rust”” (a short capitalised quote alone may still be speech: “Quiet,” he
    demanded)."""
    return (
        _word_before(text, quote) in words("work_nouns")
        and len(_WORD.findall(quote.inner(text))) <= 6
    )


def is_title_quote(text: str, quote: Quote) -> bool:
    """A name in quotation marks: “Rust”, “20/20”, “Saturday Night Live”."""
    inner = quote.inner(text)
    found = _WORD.findall(inner)
    if not found or len(found) > 6:
        return False
    if _word_before(text, quote) in _title_words():
        return True
    if re.search(r"[.?!]\W*$", inner):
        return False
    small = words("title_small_words")
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in found) and (
        found[0][0].isupper() or found[0][0].isdigit()
    )


def char_extent(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    start, end = tokens
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# A wire dateline the parser reads into the first sentence's subject: "Washington (CNN)
# Senate Majority Leader ...", "WASHINGTON (AP) — President ...", "MARLOW FALLS - The council",
# "Oct 14 (Reuters) - Orbitek ...".
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z0-9][\w.'’-]*)*\s*\((?:AP|CNN|Reuters|AFP|UPI|Bloomberg|"
    r"dpa|CNS|RNS)\)\s*[—–-]*\s*|[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*\s+[—–-]+\s+)"
)


def _without_dateline(text: str, span: tuple[int, int]) -> tuple[int, int]:
    # match() anchors at the span's start; a "^" would only ever match at the text's start.
    m = _DATELINE.match(text, span[0], span[1])
    return (m.end(), span[1]) if m and m.end() < span[1] else span


def drafts_from_candidates(doc: Doc, candidates: list[Candidate]) -> list[Draft]:
    drafts = []
    text = doc.text  # built anew on each access: once, not per candidate
    for c in candidates:
        content = [char_extent(doc, piece) for piece in c.content]
        if content:
            # "Oct 14 (Reuters) - Orbitek will cut ..., Rao told employees": the wire's
            # dateline is no more the content than it is a source.
            content[0] = _without_dateline(text, content[0])
        cue = char_extent(doc, (c.cue[0][0], c.cue[-1][1]))
        source = _without_dateline(text, char_extent(doc, c.source)) if c.source else None
        drafts.append(
            Draft(
                content=content,
                cue=cue,
                source=source,
                addressee=char_extent(doc, c.addressee) if c.addressee else None,
                category=c.category,
                rule=c.rule,
            )
        )
    return drafts


def clip_to_paragraph(text: str, drafts: list[Draft]) -> None:
    """Scraped text has no sentence break at a line end, so a parse can run a clause into the
    next line; content found by the rules stays in its cue's paragraph (quotations may cross
    paragraphs, and are attached afterwards)."""
    for draft in drafts:
        if draft.cue is None:
            continue
        para_start = text.rfind("\n", 0, draft.cue[0]) + 1
        para_end = text.find("\n", draft.cue[1])
        para_end = len(text) if para_end == -1 else para_end
        clipped = [(max(s, para_start), min(e, para_end)) for s, e in draft.content]
        draft.content = [(s, e) for s, e in clipped if e > s]
        if draft.source:
            start, end = max(draft.source[0], para_start), min(draft.source[1], para_end)
            while start < end and text[start].isspace():
                start += 1
            draft.source = (start, end) if end > start else None


def attach_quotes(text: str, drafts: list[Draft], quotes: list[Quote]) -> None:
    """A content that touches a quotation takes all of it (a quote runs over sentences)."""
    for draft in drafts:
        pieces = list(draft.content)
        for qi, quote in enumerate(quotes):
            if any(overlaps(p, (quote.start, quote.end)) for p in pieces):
                if draft.cue and quote.start < draft.cue[0] < quote.end:
                    continue  # the cue itself is quoted: a nested attribution, not this one
                draft.quotes.add(qi)
                pieces.append((quote.start, quote.end))
        merged: list[tuple[int, int]] = []
        for s, e in sorted(pieces):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        draft.content = merged


def _gap_is_separator(text: str, start: int, end: int) -> bool:
    """Only punctuation and spaces, within one paragraph: a quote in the next paragraph
    continues the speech as an attribution of its own."""
    gap = text[start:end]
    return start <= end and "\n" not in gap and _SEPARATOR.fullmatch(gap) is not None


def attach_orphan_quotes(
    text: str, drafts: list[Draft], quotes: list[Quote], paragraphs: list[tuple[int, int]]
) -> list[Draft]:
    """Quotes no rule reached: the second half of a split quote, a quote after "X said:",
    or a quote-only paragraph that continues the previous speaker."""
    used = {qi for d in drafts for qi in d.quotes}
    extra: list[Draft] = []
    by_end = sorted(drafts, key=lambda d: d.end)
    for qi, quote in enumerate(quotes):
        if qi in used or is_title_quote(text, quote):
            continue
        speech = is_speech_quote(text, quote)
        owner = _split_quote_owner(text, quote, by_end)
        if owner is not None and (speech or not owner.content):
            # 'Priebus said, "Probably."': a short quote is speech when a cue with nothing
            # else to say introduces it.
            owner.content.append((quote.start, quote.end))
            owner.quotes.add(qi)
            continue
        if not speech:
            continue
        previous = _previous_speech(text, quote, drafts + extra, paragraphs)
        if previous is not None:
            extra.append(
                Draft(
                    content=[(quote.start, quote.end)],
                    cue=None,
                    source=None,
                    rule="continuation",
                    quotes={qi},
                    continues=previous,
                )
            )
    return extra


def _split_quote_owner(text: str, quote: Quote, drafts: list[Draft]) -> Draft | None:
    """“A,” she said, “B.” / She said: “B.” — the draft whose cue and source end right
    before this quote."""
    for draft in drafts:
        if draft.cue is None:
            continue
        tail = max(draft.cue[1], draft.source[1] if draft.source else 0)
        if draft.addressee:
            tail = max(tail, draft.addressee[1])
        follows = tail <= quote.start and _gap_is_separator(text, tail, quote.start)
        if follows and (draft.start < draft.cue[0] or not draft.content or draft.end <= tail):
            return draft
        if draft.quotes and draft.end <= draft.cue[0] and _rest_of_sentence(text, tail, quote):
            return draft
    return None


_SENTENCE_REST = re.compile(r"[^\n\"“”]{0,160}?[.!?][ \t\xa0]*")
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s")  # "cheered. ", not "S.C. " or "Mr. "


def _rest_of_sentence(text: str, tail: int, quote: Quote) -> bool:
    """“A,” Trump said of waterboarding. “B.” — the quote opens the next sentence of the
    paragraph, and only the rest of the cue's sentence lies between."""
    if tail > quote.start or _SENTENCE_REST.fullmatch(text, tail, quote.start) is None:
        return False
    # One sentence only: "Cruz said. The crowd cheered. “B.”" is the article talking.
    return _SENTENCE_END.search(text[max(0, tail - 2) : quote.start].rstrip(" \t\xa0.!?")) is None


def _previous_speech(
    text: str, quote: Quote, drafts: list[Draft], paragraphs: list[tuple[int, int]]
) -> Draft | None:
    """The direct quote right before this one, when this one opens its own paragraph and
    nothing but that paragraph break lies between them."""
    para = next((p for p in paragraphs if p[0] <= quote.start < p[1]), None)
    if para is None or text[para[0] : quote.start].strip():
        return None
    before = [d for d in drafts if d.end <= quote.start and d.quotes]
    if not before:
        return None
    prev = max(before, key=lambda d: d.end)
    prev_para = next((p for p in paragraphs if p[0] <= prev.end - 1 < p[1]), None)
    if prev_para is None:
        return None
    index = paragraphs.index(prev_para)
    if index + 1 < len(paragraphs) and paragraphs[index + 1] == para:
        return prev
    return None


# A dash opening a paragraph opens a quotation in news that quotes that way ("- We will
# not give up, said Whitlock."), as quotation marks do elsewhere.
_DASH = re.compile(r"[-–—―][ \t]+")
_DASH_OPENING = re.compile(r"[ \t]*" + _DASH.pattern)


def dash_opened(text: str, draft: Draft) -> bool:
    """Whether the content is a paragraph's words after an opening dash (the content may
    start at the dash or right after it)."""
    if not draft.content:
        return False
    start = min(s for s, _ in draft.content)
    opening = _DASH_OPENING.match(text, text.rfind("\n", 0, start) + 1)
    return opening is not None and opening.end() >= start


def trim_dash(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces without an opening dash and the blanks after it: "- We will" -> "We will"."""
    out = []
    for start, end in pieces:
        m = _DASH.match(text[start:end])
        out.append((start + m.end(), end) if m and start + m.end() < end else (start, end))
    return out


def kind_of(text: str, draft: Draft, quotes: list[Quote]) -> str:
    if draft.category == "other":
        return "other"
    if dash_opened(text, draft):
        return "direct"
    if draft.rule in {"transcript", "answer", "tweet"}:
        return "direct"  # the words as spoken or posted, without quotation marks
    speech_quotes = [quotes[qi] for qi in draft.quotes if not is_title_quote(text, quotes[qi])]
    if not speech_quotes:
        return "indirect"
    quoted = sum(q.end - q.start for q in speech_quotes)
    content = sum(e - s for s, e in draft.content)
    unquoted = text[draft.start : draft.end]
    for q in speech_quotes:
        unquoted = unquoted.replace(text[q.start : q.end], " ")
    speechlike = any(is_speech_quote(text, q) for q in speech_quotes)
    if speechlike and (quoted >= 0.8 * content or len(_WORD.findall(unquoted)) <= 2):
        return "direct"
    return "mixed"


def confidence_of(kind: str, draft: Draft) -> float:
    """The learned filter's probability; without it, a fixed prior for each shape."""
    if draft.confidence is not None:
        return draft.confidence
    if draft.continues is not None:
        return 0.6
    base = {"direct": 0.85, "mixed": 0.75, "indirect": 0.7, "other": 0.55}[kind]
    if draft.source is None:
        base -= 0.2
    return base


def drop_titles(text: str, drafts: list[Draft], quotes: list[Quote]) -> list[Draft]:
    """Drop drafts whose whole content is a title in quotation marks: in "arguing about the
    team's podcast, “Gull Talk,”" the parser makes the name the verb's object, but a name
    is not what anyone said."""
    edge = " \t\n,;:.!?\"'“”‘’"
    titles = {q.inner(text).strip(edge) for q in quotes if names_a_work(text, q)}
    return [
        d for d in drafts if len(d.content) > 1 or text[d.start : d.end].strip(edge) not in titles
    ]


def dedupe(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[tuple[int, int], ...]] = set()
    out = []
    for d in sorted(drafts, key=lambda d: (d.start, -(d.end - d.start))):
        key = tuple(d.content)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def drop_echoed_complements(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Drop a nested draft that only repeats the start of its holder's content: "declined to
    discuss a motive" is one attribution (cue "declined", content "to discuss a motive"), not
    also a "to discuss" whose speaker discussed nothing."""
    offsets = TokenOffsets(doc)
    kept = []
    for draft in drafts:
        outer = enclosing(draft, drafts)
        if outer is None or draft.cue is None or outer.cue is None:
            kept.append(draft)
            continue
        inner_cue = offsets.span(*draft.cue)
        outer_cue = offsets.span(*outer.cue)
        echoed = (
            inner_cue is not None
            and outer_cue is not None
            and draft.cue[0] <= outer.start
            and any(t.dep_ == "xcomp" and t.head in outer_cue for t in inner_cue)
        )
        if not echoed:
            kept.append(draft)
    return kept


def enclosing(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The smallest other draft whose content holds this one's cue: the attribution it is
    nested in ("her client has always said ..." inside "Torraco told ABC News that ...")."""
    anchor = draft.cue or (draft.start, draft.end)
    size = draft.end - draft.start
    holders = [
        other
        for other in drafts
        if other is not draft
        and any(s <= anchor[0] and anchor[1] <= e for s, e in other.content)
        and other.end - other.start > size  # after the cheap test: start/end scan content
    ]
    return min(holders, key=lambda o: o.end - o.start, default=None)


_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


def split_at_paragraphs(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces, each cut where a paragraph break runs through it: a long quotation over
    two paragraphs is two parts, so a reader highlights the words and not the gap, and a
    count per piece sees both. Text of the example '"We will win.\n\nWe always do."' gives
    the pieces of '"We will win.' and 'We always do."'."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        at = start
        for gap in _PARAGRAPH_BREAK.finditer(text, start, end):
            if gap.start() > at:
                out.append((at, gap.start()))
            at = gap.end()
        if end > at:
            out.append((at, end))
    return out or pieces


def from_elsewhere(draft: Draft, boilerplate: list[Boilerplate]) -> bool:
    """Whether the draft's cue (or, without one, its content) starts in a teaser of another
    story ("Read more: Mayor says fares will rise"): ``clean.ELSEWHERE``."""
    at = draft.cue[0] if draft.cue else draft.start
    return any(b.reason in ELSEWHERE and b.start <= at < b.end for b in boilerplate)


def to_attributions(
    text: str, drafts: list[Draft], quotes: list[Quote], boilerplate: list[Boilerplate]
) -> list[Attribution]:
    """Number the drafts in document order and make them records; nested ones get a parent.
    A draft from another story's teaser is not one (``from_elsewhere``)."""
    drafts = [d for d in drafts if not from_elsewhere(d, boilerplate)]
    order = sorted(drafts, key=lambda d: (d.start, d.cue[0] if d.cue else d.start))
    ids = {id(d): f"A{i + 1}" for i, d in enumerate(order)}
    out: list[Attribution] = []
    for d in order:
        kind = kind_of(text, d, quotes)
        outer = enclosing(d, order)
        parent = ids[id(outer)] if outer is not None else None
        content = Span.from_pieces(text, split_at_paragraphs(text, trim_dash(text, d.content)))
        out.append(
            Attribution(
                id=ids[id(d)],
                kind=kind,
                content=content,
                cue=Span.of(text, *d.cue) if d.cue else None,
                source=Span.of(text, *d.source) if d.source else None,
                addressee=(
                    Addressee(text[d.addressee[0] : d.addressee[1]], Span.of(text, *d.addressee))
                    if d.addressee
                    else None
                ),
                parent=parent,
                in_boilerplate=any(
                    b.start <= content.start < b.end or (d.cue and b.start <= d.cue[0] < b.end)
                    for b in boilerplate
                ),
                confidence=confidence_of(kind, d),
                continues=ids.get(id(d.continues)) if d.continues is not None else None,
            )
        )
    return out
