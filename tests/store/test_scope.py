"""The store reads with a selection (``--scope``, ``--kinds``): search, speakers, one speaker,
quotes and the export keep what ``Selection.keeps`` keeps, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from onrecord.scope import selection
from onrecord.store import Store
from support.store import make_article, person, quote

pytest_plugins = ("support.pg",)

TEXT = (
    '"The ferry will run," Ann Lee said. Lee said the fares would rise. '
    "Lee voiced support for the plan. Lee believes the ferry is safe."
)


@pytest.fixture
def scoped(store: Store) -> Store:
    entity = person(TEXT, "e1", "Ann Lee", "Ann Lee")
    attrs = [
        replace(quote(TEXT, "a1", '"The ferry will run,"', "Ann Lee", entity="e1"),
                content_form="quotation"),
        replace(quote(TEXT, "a2", "the fares would rise", "Lee", entity="e1", kind="indirect",
                      cue=None), content_form="clause"),
        replace(quote(TEXT, "a3", "support for the plan", "Lee", entity="e1", kind="indirect",
                      cue=None), content_form="phrase"),
        replace(quote(TEXT, "a4", "the ferry is safe", "Lee", entity="e1", kind="other",
                      cue=None), content_form="clause"),
        replace(quote(TEXT, "a5", "Ann Lee said", "Lee", entity="e1", kind="direct", cue=None),
                content_form="quotation", parent="a1"),
    ]  # fmt: skip
    store.add_article(make_article(TEXT, [entity], attrs, name="lee", date="2024-05-01"))
    store.commit()
    return store


def test_quotes_in_speech_scope_are_top_level_speech_with_a_clause(scoped: Store) -> None:
    assert [q.attr_id for q in scoped.quotes(selection=selection("speech"))] == ["a1", "a2"]
    assert [q.attr_id for q in scoped.quotes(selection=selection("all"))] == [
        "a1", "a2", "a3", "a4", "a5"
    ]  # fmt: skip


def test_quotes_of_the_kinds_asked_for(scoped: Store) -> None:
    chosen = selection("all", "indirect,other")
    assert [q.attr_id for q in scoped.quotes(selection=chosen)] == ["a2", "a3", "a4"]


def test_speakers_are_counted_in_the_scope(scoped: Store) -> None:
    (lee,) = scoped.speakers()
    assert lee.n_attributions == 5
    (speech,) = scoped.speakers(selection=selection("speech"))
    assert speech.n_attributions == 2
    one = scoped.speaker(lee.id, selection=selection("speech", "direct"))
    assert one is not None and one.n_attributions == 1
    assert scoped.speakers(selection=selection("all", "mixed")) == []


def test_search_in_the_scope(scoped: Store) -> None:
    assert {h.attr_id for h in scoped.search("ferry")} == {"a1", "a4"}
    assert {h.attr_id for h in scoped.search("ferry", selection=selection("speech"))} == {"a1"}


def test_export_in_the_scope(scoped: Store) -> None:
    rows = list(scoped.iter_attribution_records(selection("speech")))
    assert [r["attr_id"] for r in rows] == ["a1", "a2"]
    assert [r["content_form"] for r in rows] == ["quotation", "clause"]
    (article,) = scoped.iter_articles(selection("speech"))
    assert [a.id for a in article.attributions] == ["a1", "a2"]
