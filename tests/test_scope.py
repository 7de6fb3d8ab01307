"""Which attributions a reading keeps (``onrecord.scope``): the presets, the kinds filter, and
a record narrowed by them."""

from __future__ import annotations

import pytest

from onrecord.record import Article, Attribution, Span
from onrecord.scope import Selection, parse_kinds, select, selection

TEXT = "Ann said it. Bob thinks so. Cal voiced support. Dee said more. Eve told all."


def attr(attr_id: str, kind: str, words: str, **kw: object) -> Attribution:
    start = TEXT.index(words)
    return Attribution(attr_id, kind, Span.of(TEXT, start, start + len(words)), **kw)  # type: ignore[arg-type]


def article() -> Article:
    return Article(
        "d",
        TEXT,
        attributions=[
            attr("A1", "direct", "Ann said it.", content_form="quotation", confidence=0.9),
            attr("A2", "other", "Bob thinks so.", content_form="clause"),
            attr("A3", "indirect", "Cal voiced support.", content_form="phrase"),
            attr("A4", "indirect", "Dee said more.", content_form="clause", parent="A2"),
            attr("A5", "mixed", "Eve told all.", content_form="clause", in_boilerplate=True),
        ],
    )


def kept(chosen: Selection) -> list[str]:
    return [a.id for a in select(article(), chosen).attributions]


def test_scope_all_keeps_every_attribution() -> None:
    assert kept(selection("all")) == ["A1", "A2", "A3", "A4", "A5"]
    assert selection().everything


def test_scope_speech_keeps_top_level_speech_in_the_body_with_a_clause_or_quotation() -> None:
    # A2 is a belief ("other"), A3's content a bare noun phrase, A4 nested, A5 in a caption.
    assert kept(selection("speech")) == ["A1"]


def test_speech_keeps_a_content_of_unknown_form() -> None:
    old = Article("d", TEXT, attributions=[attr("A1", "indirect", "Dee said more.")])
    assert [a.id for a in select(old, selection("speech")).attributions] == ["A1"]


def test_kinds_narrow_a_scope() -> None:
    assert kept(selection("all", "indirect")) == ["A3", "A4"]
    assert kept(selection("all", ("direct", "mixed"))) == ["A1", "A5"]
    assert kept(selection("speech", "other")) == []  # "other" is never speech


def test_min_confidence_joins_the_selection() -> None:
    assert kept(selection("all", min_confidence=0.8)) == ["A1"]


def test_a_nested_attribution_hangs_from_its_kept_ancestor() -> None:
    narrowed = select(article(), selection("all", "indirect"))
    assert {a.id: a.parent for a in narrowed.attributions} == {"A3": None, "A4": None}


def test_kinds_are_parsed_from_a_comma_list_in_record_order() -> None:
    assert parse_kinds(" Mixed,direct ") == ("direct", "mixed")
    assert parse_kinds("") is None and parse_kinds(None) is None
    with pytest.raises(ValueError, match="unknown kind quoted: choose from direct"):
        parse_kinds("direct,quoted")


def test_an_unknown_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scope 'audit'"):
        selection("audit")
