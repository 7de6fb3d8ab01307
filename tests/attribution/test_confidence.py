"""Keeping only confident attributions: the record, `extract`, `eval` and the store."""

from __future__ import annotations

import pytest

from onrecord.record import Article, Attribution, Span, confident

TEXT = "A said B. C said D. E said F."


def attribution(attr_id: str, confidence: float, **links: str) -> Attribution:
    return Attribution(
        id=attr_id,
        kind="indirect",
        content=Span.of(TEXT, 0, 1),
        confidence=confidence,
        **links,  # type: ignore[arg-type]
    )


def article(*attributions: Attribution) -> Article:
    return Article(id="doc", text=TEXT, attributions=list(attributions))


def test_keeps_attributions_at_or_above_the_threshold():
    record = article(attribution("A1", 0.95), attribution("A2", 0.8), attribution("A3", 0.4))
    assert [a.id for a in confident(record, 0.8).attributions] == ["A1", "A2"]
    assert [a.id for a in confident(record, 0.0).attributions] == ["A1", "A2", "A3"]
    assert confident(record, 1.0).attributions == []


def test_nested_attributions_hang_from_the_nearest_kept_ancestor():
    record = article(
        attribution("A1", 0.9),
        attribution("A2", 0.3, parent="A1"),
        attribution("A3", 0.9, parent="A2"),
        attribution("A4", 0.2),
        attribution("A5", 0.9, parent="A4"),
    )
    kept = {a.id: a.parent for a in confident(record, 0.5).attributions}
    assert kept == {"A1": None, "A3": "A1", "A5": None}


def test_a_continuation_of_a_dropped_attribution_stands_alone():
    record = article(attribution("A1", 0.3), attribution("A2", 0.9, continues="A1"))
    [kept] = confident(record, 0.5).attributions
    assert kept.id == "A2" and kept.continues is None


def test_the_original_record_is_left_as_it_was():
    record = article(attribution("A1", 0.9), attribution("A2", 0.3, parent="A1"))
    confident(record, 0.5)
    assert [(a.id, a.parent) for a in record.attributions] == [("A1", None), ("A2", "A1")]


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_a_threshold_outside_zero_to_one_is_refused(bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        confident(article(), bad)
