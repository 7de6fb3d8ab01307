"""The store's write path (``onrecord.store.writes``): exact round trips, one copy of a text,
batches that commit whole, articles that fail leaving nothing, speakers joined as they come
and failed inputs counted, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from onrecord.document import DocumentError, content_id
from onrecord.record import Article, Attribution, Boilerplate, Entity, Span, Speaker
from onrecord.store import Store, StoreConflict
from support.store import baldwin_article, corpus, make_article, person, quote

pytest_plugins = ("support.pg",)


def test_articles_round_trip_exactly(store: Store) -> None:
    text = "Café owner Zoë said: «we stay open».\r\nShare this story"
    article = make_article(
        text,
        [Entity("e1", "Zoë", "person", [Span.of(text, 11, 14)], gender="f")],
        [
            Attribution(
                "a1",
                "mixed",
                Span.from_pieces(text, [(21, 26), (27, 35)]),
                cue=Span.of(text, 15, 19),
                source=Span.of(text, 11, 14),
                speaker=Speaker("Zoë", "person", "e1"),
                confidence=0.12345,
            )
        ],
        name="cafe",
        title="Café",
        author="A. Writer",
    )
    article.boilerplate = [Boilerplate(38, 54, "share")]
    article.metadata["tags"] = ["x", 1, None]
    assert store.add_article(article)
    store.commit()
    assert store.get_article(article.id).to_dict() == article.to_dict()
    assert store.get_article("nope") is None


def test_the_same_text_is_stored_once(store: Store) -> None:
    article = baldwin_article()
    assert store.add_article(article)
    assert not store.add_article(article)
    store.commit()
    assert store.stats().documents == 1
    assert store.stats().attributions == 2
    assert store.known_hashes([article.text_sha256, "0" * 64]) == {article.text_sha256}
    clash = Article(id=article.id, text="other text", source="x")
    with pytest.raises(StoreConflict):
        store.add_article(clash)


def test_writes_wait_for_commit(store: Store) -> None:
    first, second = corpus()[:2]
    store.add_article(first)
    store.add_error(DocumentError("bad.bin", "binary file"))
    store.rollback()
    assert store.stats().documents == store.stats().errors == 0
    store.add_article(first)
    store.add_article(second)
    store.commit()
    assert store.stats().documents == 2


def test_a_failed_article_leaves_nothing_behind(store: Store) -> None:
    good = baldwin_article()
    text = "Ann Lee said yes. Ann Lee said no."
    bad = make_article(  # two attributions with one id: the second insert fails
        text,
        [person(text, "e1", "Ann Lee", "Ann Lee")],
        [quote(text, "a1", "yes", "Ann Lee", entity="e1", cue=None),
         quote(text, "a1", "no", "Ann Lee", entity="e1", cue=None)],
    )  # fmt: skip
    store.add_article(good)
    with pytest.raises(Exception):  # noqa: B017 - the driver's own integrity error
        store.add_article(bad)
    store.commit()
    assert store.stats().documents == 1
    assert store.get_article(bad.id) is None
    assert [s.name for s in store.speakers()] == ["Alec Baldwin"]


def test_a_lone_surname_joins_the_only_person_with_it(store: Store) -> None:
    first, second = corpus()[:2]
    store.add_article(second)  # "Baldwin" alone, before any full name is known
    store.add_article(first)
    third_text = "Baldwin said filming would resume."
    third = make_article(
        third_text,
        [person(third_text, "e1", "Baldwin", "Baldwin")],
        [quote(third_text, "a1", "filming would resume", "Baldwin", entity="e1", cue=None)],
    )
    store.add_article(third)
    store.commit()
    counts = {s.name: s.n_attributions for s in store.speakers()}
    # The first bare "Baldwin" had no full name to join; the later one joins Alec Baldwin.
    assert counts == {"Alec Baldwin": 3, "Baldwin": 1}


def test_errors_count_repeats_and_clear_when_stored(store: Store) -> None:
    store.add_error(DocumentError("bad.bin", "binary file"), when="2024-01-01T00:00:00+00:00")
    store.add_error(DocumentError("bad.bin", "binary file"), when="2024-01-02T00:00:00+00:00")
    store.add_error(DocumentError("doc.txt", "not valid UTF-8 at byte 3"))
    store.commit()
    rows = store.errors()
    assert [(e.source, e.count) for e in rows] == [("bad.bin", 2), ("doc.txt", 1)]
    assert (rows[0].first_seen, rows[0].last_seen) == (
        "2024-01-01T00:00:00+00:00",
        "2024-01-02T00:00:00+00:00",
    )
    article = Article(id=content_id("fixed"), text="fixed", source="doc.txt")
    store.add_article(article)
    store.commit()
    assert [e.source for e in store.errors()] == ["bad.bin"]


def test_a_speaker_is_stored_under_the_entitys_name_without_its_title(store: Store) -> None:
    text = "Police Chief Robert Akins said the road would reopen. Akins said no one was hurt."
    entity = person(text, "e1", "Robert Akins", "Police Chief Robert Akins", "Akins")
    attrs = [quote(text, "a1", "the road would reopen", "Robert Akins", entity="e1",
                   kind="indirect", cue=None)]  # fmt: skip
    store.add_article(make_article(text, [entity], attrs))
    store.commit()
    (speaker,) = store.speakers()
    assert speaker.name == "Robert Akins"
    assert "Police Chief Robert Akins" in speaker.aliases
