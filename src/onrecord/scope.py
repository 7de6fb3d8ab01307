"""Which attributions a reading of the record counts: the scope presets and the kinds filter.

The record keeps every attribution PolNeAR's scheme defines (speech, beliefs, knowledge,
"according to", nested ones, those in captions). A source audit counts less: attributed speech
in the article body. One ``Selection`` says what a reading keeps; ``extract``, the store's
queries, the export, the API and the web reader all take one, so "speech" means the same
everywhere.

======  =====================================================================================
scope   keeps
======  =====================================================================================
all     every attribution in the record (the default)
speech  direct, indirect and mixed attributions only; top level (not nested in another);
        not in boilerplate (captions, video blocks, share lines); a content that is a
        quotation or a clause, not a bare noun phrase ("voiced support for the bill")
======  =====================================================================================

``kinds`` narrows either scope further: ``--scope speech --kinds direct`` is direct quotations
in the body.

A ``Filters`` narrows a reading of a store by who spoke and where and when it was published:
speaker type, a person's gender, outlet, publication dates (``--type``, ``--gender``,
``--outlet``, ``--from``/``--to``). A selection is about the attribution; filters about its
speaker and its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.record import GENDERS, KINDS, SPEAKER_TYPES, Article, Attribution, keeping

SCOPES: tuple[str, ...] = ("all", "speech")
DEFAULT_SCOPE = "all"
SPEECH_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Selection:
    """What a reading of the record keeps. The default keeps everything."""

    kinds: tuple[str, ...] = KINDS
    top_level: bool = False  # only attributions not nested in another
    body: bool = False  # only attributions outside boilerplate
    spoken: bool = False  # only contents that are a quotation or a clause (or not known)
    min_confidence: float = 0.0

    @property
    def everything(self) -> bool:
        return self == Selection()

    def keeps(self, a: Attribution) -> bool:
        return (
            a.kind in self.kinds
            and not (self.top_level and a.parent is not None)
            and not (self.body and a.in_boilerplate)
            and not (self.spoken and a.content_form == "phrase")
            and a.confidence >= self.min_confidence
        )


def parse_kinds(value: str | None) -> tuple[str, ...] | None:
    """``"direct, indirect"`` as the kinds it names, in the record's order; None for no value.
    An unknown kind is a ``ValueError`` naming the ones there are."""
    if value is None or not value.strip():
        return None
    named = {k.strip().lower() for k in value.split(",") if k.strip()}
    unknown = sorted(named - set(KINDS))
    if unknown:
        raise ValueError(f"unknown kind {', '.join(unknown)}: choose from {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in named)


def selection(
    scope: str | None = None,
    kinds: tuple[str, ...] | str | None = None,
    min_confidence: float = 0.0,
) -> Selection:
    """The selection a scope preset, a kinds filter and a least confidence make.
    ``selection("speech", "direct")`` keeps top-level direct quotations in the body."""
    scope = scope or DEFAULT_SCOPE
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}: choose from {', '.join(SCOPES)}")
    if isinstance(kinds, str):
        kinds = parse_kinds(kinds)
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    speech = scope == "speech"
    allowed = SPEECH_KINDS if speech else KINDS
    chosen = tuple(k for k in allowed if kinds is None or k in kinds)
    return Selection(
        kinds=chosen,
        top_level=speech,
        body=speech,
        spoken=speech,
        min_confidence=min_confidence,
    )


def select(article: Article, chosen: Selection, also: Filters | None = None) -> Article:
    """A copy of the record with only the attributions the selection (and the speaker
    filters ``also``) keep; nested ones hang from their nearest kept ancestor, as
    ``record.confident`` does."""
    if also is not None and also.of_speakers:
        return keeping(article, lambda a: chosen.keeps(a) and also.keeps(a, article))
    if chosen.everything:
        return article
    return keeping(article, chosen.keeps)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Filters:
    """Which speakers and articles a reading of a store keeps; empty keeps all. A gender
    keeps person sources of that gender (``genders=("female",)`` is women quoted);
    ``since``/``until`` are inclusive YYYY-MM-DD publication dates (an undated article is
    outside any date range)."""

    speaker_types: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def everything(self) -> bool:
        return self == Filters()

    @property
    def of_speakers(self) -> bool:
        """Whether these filters look at the speaker (type or gender)."""
        return bool(self.speaker_types or self.genders)

    @property
    def of_articles(self) -> bool:
        """Whether these filters look at the article (outlet or dates)."""
        return bool(self.outlets or self.since or self.until)

    def of_article(self) -> Filters:
        """Only the article-level half (outlets and dates), for readings of whole articles."""
        return Filters(outlets=self.outlets, since=self.since, until=self.until)

    def keeps_article(self, article: Article) -> bool:
        """The article-level half, as the store reads it (``flat.document_values``)."""
        from onrecord.store.flat import document_values

        doc = document_values(article)
        published = doc["published"]
        return (
            (not self.outlets or doc["outlet"] in self.outlets)
            and (self.since is None or (published is not None and published >= self.since))
            and (self.until is None or (published is not None and published <= self.until))
        )

    def keeps(self, a: Attribution, article: Article) -> bool:
        """The speaker half for one attribution of ``article``: the SQL twin is
        ``store.conditions.filters_sql``."""
        from onrecord.store.flat import speaker_gender

        kind = a.speaker.type if a.speaker else "unknown"
        if self.speaker_types and kind not in self.speaker_types:
            return False
        return not self.genders or (kind == "person" and speaker_gender(a, article) in self.genders)


def _choices(
    value: tuple[str, ...] | str | None, allowed: tuple[str, ...], what: str
) -> tuple[str, ...]:
    """``"person, group"`` as the choices it names, in ``allowed``'s order; a
    ``ValueError`` names the choices for an unknown one."""
    if value is None:
        return ()
    named = {v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value)}
    named.discard("")
    unknown = sorted(named - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}: choose from {', '.join(allowed)}")
    return tuple(v for v in allowed if v in named)


def _date(value: str | None, what: str) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise ValueError(f"{what} must be a date as YYYY-MM-DD, not {value!r}")
    return value


def filters(
    types: tuple[str, ...] | str | None = None,
    genders: tuple[str, ...] | str | None = None,
    outlets: tuple[str, ...] | str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """The filters these options make, checked: ``filters("person", "female", since=
    "2024-01-01")`` keeps women quoted in articles published from 2024. Outlets are names as
    stored, comma-separated in one string."""
    if isinstance(outlets, str):
        outlets = tuple(o.strip() for o in outlets.split(",") if o.strip())
    return Filters(
        speaker_types=_choices(types, SPEAKER_TYPES, "speaker type"),
        genders=_choices(genders, GENDERS, "gender"),
        outlets=tuple(dict.fromkeys(outlets or ())),
        since=_date(since, "--from"),
        until=_date(until, "--to"),
    )
