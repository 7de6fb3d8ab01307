"""The store: exact round trips, search that treats any text as words, speakers joined across
articles, and the same answers from SQLite and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.document import DocumentError, content_id
from onrecord.record import Article, Attribution, Boilerplate, Entity, Span, Speaker
from onrecord.store import Store, StoreConflict, StoreError, open_store
from onrecord.store.identity import best_name, name_key

pytest_plugins = ("support.pg",)


def quote(
    text: str,
    attr_id: str,
    content: str,
    speaker: str | None,
    *,
    entity: str | None = None,
    kind: str = "direct",
    cue: str | None = "said",
    speaker_type: str = "person",
) -> Attribution:
    start = text.index(content)
    cue_span = None
    if cue:
        at = text.index(cue, start + len(content))
        cue_span = Span.of(text, at, at + len(cue))
    return Attribution(
        id=attr_id,
        kind=kind,
        content=Span.of(text, start, start + len(content)),
        cue=cue_span,
        speaker=Speaker(speaker, speaker_type, entity) if speaker else None,
        confidence=0.8,
    )


def person(text: str, entity_id: str, name: str, *mentions: str) -> Entity:
    spans = [Span.of(text, text.index(m), text.index(m) + len(m)) for m in mentions]
    return Entity(entity_id, name, "person", spans)


def make_article(
    text: str, entities: list[Entity], attrs: list[Attribution], **metadata: str
) -> Article:
    return Article(
        id=content_id(text),
        text=text,
        source=f"{metadata.pop('name', 'doc')}.txt",
        entities=entities,
        attributions=attrs,
        metadata=dict(metadata),
    )


def baldwin_article() -> Article:
    text = (
        '"I didn\'t pull the trigger," Alec Baldwin said on Thursday. '
        "Baldwin said he would never point a gun at anyone."
    )
    return make_article(
        text,
        [person(text, "e1", "Alec Baldwin", "Alec Baldwin", "Baldwin")],
        [
            quote(text, "a1", '"I didn\'t pull the trigger,"', "Alec Baldwin", entity="e1"),
            quote(
                text,
                "a2",
                "he would never point a gun at anyone",
                "Baldwin",
                entity="e1",
                kind="indirect",
                cue=None,
            ),
        ],
        name="baldwin1",
        title="Baldwin speaks",
        date="2021-12-02",
    )


def corpus() -> list[Article]:
    t2 = "Baldwin said the safety checks were the armorer's job. Sheriffs said charges may come."
    t3 = "Bill Clinton said the economy was strong. Hillary Clinton said she would run."
    t4 = "Clinton said the emails were a mistake, aides said on Monday."
    t5 = "The White House said the policy stands."
    return [
        baldwin_article(),
        make_article(
            t2,
            [person(t2, "e1", "Baldwin", "Baldwin")],
            [
                quote(t2, "a1", "the safety checks were the armorer's job", "Baldwin", entity="e1",
                      kind="indirect", cue=None),
                quote(t2, "a2", "charges may come", "Sheriffs", kind="indirect", cue=None,
                      speaker_type="group"),
            ],
            name="baldwin2", title="Armorer blamed", date="2022-01-10T09:00:00Z",
        ),
        make_article(
            t3,
            [person(t3, "e1", "Bill Clinton", "Bill Clinton"),
             person(t3, "e2", "Hillary Clinton", "Hillary Clinton")],
            [
                quote(t3, "a1", "the economy was strong", "Bill Clinton", entity="e1",
                      kind="indirect", cue=None),
                quote(t3, "a2", "she would run", "Hillary Clinton", entity="e2",
                      kind="indirect", cue=None),
            ],
            name="clintons", title="Two Clintons", date="2016-03-01",
        ),
        make_article(
            t4,
            [person(t4, "e1", "Clinton", "Clinton")],
            [quote(t4, "a1", "the emails were a mistake", "Clinton", entity="e1",
                   kind="indirect", cue=None)],
            name="clinton", date="2016-03-05",
        ),
        make_article(
            t5,
            [Entity("e1", "The White House", "organization",
                    [Span.of(t5, 0, 15)])],
            [quote(t5, "a1", "the policy stands", "The White House", entity="e1",
                   kind="indirect", cue=None, speaker_type="organization")],
            name="whitehouse",
        ),
    ]  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        target = str(tmp_path / "store.db")
    else:
        target = request.getfixturevalue("pg_url")
    with open_store(target) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    for article in corpus():
        assert store.add_article(article, ingested_at="2024-01-01T00:00:00+00:00")
    store.commit()
    return store


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


def hits(store: Store, query: str) -> set[tuple[str, str]]:
    return {(h.doc_id, h.attr_id) for h in store.search(query)}


def test_search_finds_words_stems_and_speakers(filled: Store) -> None:
    b1, b2 = content_id(corpus()[0].text), content_id(corpus()[1].text)
    assert hits(filled, "pull the trigger") == {(b1, "a1")}
    assert hits(filled, "pulled triggers") == {(b1, "a1")}  # stemmed on both backends
    assert hits(filled, "TRIGGER") == {(b1, "a1")}
    # "Baldwin" the speaker, including where the article only said "Baldwin"
    assert hits(filled, "Alec Baldwin") == {(b1, "a1"), (b1, "a2"), (b2, "a1")}
    assert hits(filled, "armorer") == {(b2, "a1")}
    assert hits(filled, "clinton") == {
        (content_id(corpus()[2].text), "a1"),
        (content_id(corpus()[2].text), "a2"),
        (content_id(corpus()[3].text), "a1"),
    }
    assert hits(filled, "trigger armorer") == set()  # every word is required
    assert filled.search("the of and") == []  # only stop words: nothing to look for
    top = filled.search("pull the trigger")[0]
    assert top.speaker_name == "Alec Baldwin"
    assert top.title == "Baldwin speaks"
    assert top.published == "2021-12-02"
    assert len(filled.search("would")) == 2
    first, second = filled.search("would", limit=1), filled.search("would", limit=1, offset=1)
    assert len(first) == len(second) == 1
    assert first != second


HOSTILE_QUERIES = [
    '"); DROP TABLE documents; --',
    "'; DELETE FROM attributions; --",
    'trigger" OR "armorer',
    "NEAR(pull trigger) content:pull speaker:* ^trigger",
    "pull AND NOT trigger",
    "%_?\\",
    '"',
    "*",
    "-",
]


def test_search_text_is_only_words(filled: Store) -> None:
    before = filled.stats()
    for query in HOSTILE_QUERIES:
        filled.search(query)  # must not raise
    assert filled.stats() == before
    assert filled.get_article(content_id(corpus()[0].text)) is not None
    b1 = content_id(corpus()[0].text)
    # Operators are words: NOT is a stop word, so it excludes nothing ...
    assert hits(filled, "pull AND NOT trigger") == {(b1, "a1")}
    # ... and NEAR is an ordinary word that no quote contains.
    assert hits(filled, "NEAR trigger") == set()
    assert hits(filled, '"pull the trigger"') == {(b1, "a1")}


def test_injection_string_is_searched_as_plain_text(store: Store) -> None:
    text = 'The hacker said "); DROP TABLE documents; -- was his favourite joke.'
    content = '"); DROP TABLE documents; -- was his favourite joke'
    article = make_article(text, [], [quote(text, "a1", content, "The hacker", cue=None)])
    store.add_article(article)
    store.commit()
    assert hits(store, '"); DROP TABLE documents; --') == {(article.id, "a1")}
    assert hits(store, 'trigger" OR "joke') == set()  # OR is a word here, not an operator
    assert store.stats().documents == 1


def test_speakers_join_across_articles(filled: Store) -> None:
    rows = {s.name: s for s in filled.speakers()}
    assert set(rows) == {
        "Alec Baldwin",
        "Bill Clinton",
        "Hillary Clinton",
        "Clinton",  # a bare surname shared by two people joins neither
        "The White House",
    }
    baldwin = rows["Alec Baldwin"]
    assert (baldwin.n_articles, baldwin.n_attributions) == (2, 3)
    assert baldwin.aliases[0] == "Alec Baldwin"
    assert "Baldwin" in baldwin.aliases
    assert rows["Bill Clinton"].n_attributions == 1
    assert rows["Hillary Clinton"].n_attributions == 1
    assert rows["The White House"].type == "organization"
    assert filled.speakers(top=1)[0].name == "Alec Baldwin"
    everyone = filled.speakers()
    assert filled.speakers(top=2, offset=1) == everyone[1:3]
    assert filled.speakers(offset=3) == everyone[3:]
    assert [s.name for s in filled.find_speakers("Mr. Baldwin")] == ["Alec Baldwin"]
    assert {s.name for s in filled.find_speakers("Clinton")} == {
        "Bill Clinton",
        "Hillary Clinton",
        "Clinton",
    }
    assert [s.name for s in filled.find_speakers("white house")] == ["The White House"]
    assert filled.find_speakers("Nobody Here") == []


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


def test_quotes_filter_by_speaker_date_and_kind(filled: Store) -> None:
    by_baldwin = filled.quotes(speaker="Alec Baldwin")
    assert [(q.published, q.attr_id) for q in by_baldwin] == [
        ("2022-01-10", "a1"),
        ("2021-12-02", "a1"),
        ("2021-12-02", "a2"),
    ]
    assert {q.speaker_name for q in by_baldwin} == {"Alec Baldwin"}
    assert [q.kind for q in filled.quotes(speaker="Alec Baldwin", kind="direct")] == ["direct"]
    assert len(filled.quotes(speaker="Baldwin", since="2022-01-01")) == 1
    assert len(filled.quotes(speaker="Baldwin", until="2021-12-31")) == 2
    assert filled.quotes(speaker="Nobody Here") == []
    everything = filled.quotes(limit=None)
    assert len(everything) == filled.stats().attributions == 8
    assert everything[-1].published is None  # undated articles last
    assert len(filled.quotes(limit=3, offset=6)) == 2


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


def test_exports_and_listing(filled: Store) -> None:
    articles = list(filled.iter_articles())
    assert sorted(a.id for a in articles) == [a.id for a in articles]
    assert {a.id for a in articles} == {a.id for a in corpus()}
    records = list(filled.iter_attribution_records())
    assert len(records) == 8
    first = next(r for r in records if r["content"].startswith('"I didn'))
    assert first["speaker_name"] == "Alec Baldwin"
    assert first["cue"] == "said"
    assert first["in_boilerplate"] is False
    docs = filled.documents(limit=None)
    assert len(docs) == 5
    assert {d.title for d in docs} >= {"Baldwin speaks", "Two Clintons"}
    some_id = articles[0].id
    assert filled.match_document_ids(some_id[:6]) == [some_id]
    assert filled.match_document_ids("%") == []  # LIKE wildcards are literal


def test_reopening_keeps_schema_and_data(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with open_store(str(path)) as first:
        first.add_article(baldwin_article())
        first.commit()
        assert first.schema_version() == 1
    with open_store(str(path)) as again:
        assert again.stats().documents == 1
        assert again.schema_version() == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


def test_a_missing_store_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(str(tmp_path / "missing.db"), create=False)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Alec Baldwin", "alec baldwin"),
        ("Mr. Baldwin", "baldwin"),
        ("President Barack Obama", "barack obama"),
        ("Martin Luther King Jr.", "martin luther king"),
        ("Trump's", "trump"),
        ("Beto O\u2019Rourke", "beto o'rourke"),
        ("José Díaz-Balart", "jose diaz-balart"),
        ("President", "president"),
    ],
)
def test_name_keys(name: str, key: str) -> None:
    assert name_key(name) == key


def test_org_names_keep_their_title_words() -> None:
    assert name_key("General Electric", person=False) == "general electric"
    assert name_key("The White House", person=False) == "white house"


def test_best_name_prefers_the_fullest_related_mention() -> None:
    assert best_name("Baldwin", ["he", "Alec Baldwin", "Baldwin"]) == "Alec Baldwin"
    assert best_name("Bill Clinton", ["Hillary Clinton"]) == "Bill Clinton"


def test_quotes_filter_by_least_confidence(store: Store) -> None:
    text = '"We are ready," Dana Whitlock said. Whitlock believes the ferry will run.'
    sure = quote(text, "a1", '"We are ready,"', "Dana Whitlock")
    unsure = quote(text, "a2", "the ferry will run", "Whitlock", kind="other", cue=None)
    sure.confidence, unsure.confidence = 0.97, 0.55
    store.add_article(make_article(text, [], [sure, unsure]))
    store.commit()
    assert [q.attr_id for q in store.quotes()] == ["a1", "a2"]
    assert [q.attr_id for q in store.quotes(min_confidence=0.6)] == ["a1"]
    assert [q.attr_id for q in store.quotes(min_confidence=0.55)] == ["a1", "a2"]
    assert store.quotes(min_confidence=0.99) == []


def test_search_and_a_speakers_counts_by_least_confidence(store: Store) -> None:
    text = '"The ferry is ready," Dana Whitlock said. Whitlock believes the ferry will run.'
    entities = [person(text, "e1", "Dana Whitlock", "Dana Whitlock", "Whitlock")]
    sure = quote(text, "a1", '"The ferry is ready,"', "Dana Whitlock", entity="e1")
    unsure = quote(text, "a2", "the ferry will run", "Whitlock", entity="e1", cue=None)
    sure.confidence, unsure.confidence = 0.97, 0.55
    store.add_article(make_article(text, entities, [sure, unsure]))
    store.commit()
    assert sorted(h.attr_id for h in store.search("ferry")) == ["a1", "a2"]
    hits = store.search("ferry", min_confidence=0.6)
    assert [(h.attr_id, h.confidence) for h in hits] == [("a1", 0.97)]
    assert store.search("ferry", min_confidence=0.99) == []
    sid = store.speakers()[0].id
    assert (store.speaker(sid).n_attributions, store.speaker(sid).n_articles) == (2, 1)
    cut = store.speaker(sid, min_confidence=0.6)
    assert (cut.name, cut.n_attributions, cut.n_articles) == ("Dana Whitlock", 1, 1)
    assert store.speaker(sid, min_confidence=0.99).n_attributions == 0


def test_speakers_ranked_by_confident_attributions_only(store: Store) -> None:
    text = (
        '"We are ready," Dana Whitlock said. Whitlock believes the ferry will run. '
        '"Not yet," Omar Reyes said.'
    )
    entities = [
        person(text, "e1", "Dana Whitlock", "Dana Whitlock", "Whitlock"),
        person(text, "e2", "Omar Reyes", "Omar Reyes"),
    ]
    ready = quote(text, "a1", '"We are ready,"', "Dana Whitlock", entity="e1")
    ferry = quote(text, "a2", "the ferry will run", "Whitlock", entity="e1", cue=None)
    not_yet = quote(text, "a3", '"Not yet,"', "Omar Reyes", entity="e2")
    ready.confidence, ferry.confidence, not_yet.confidence = 0.6, 0.55, 0.95
    store.add_article(make_article(text, entities, [ready, ferry, not_yet]))
    store.commit()
    ranked = [(s.name, s.n_attributions, s.n_articles) for s in store.speakers()]
    assert ranked == [("Dana Whitlock", 2, 1), ("Omar Reyes", 1, 1)]
    sure = [(s.name, s.n_attributions, s.n_articles) for s in store.speakers(min_confidence=0.58)]
    assert sure == [("Dana Whitlock", 1, 1), ("Omar Reyes", 1, 1)]  # a tie: the older first
    assert [s.name for s in store.speakers(min_confidence=0.9, top=1)] == ["Omar Reyes"]
    assert [s.name for s in store.speakers(min_confidence=0.58, offset=1)] == ["Omar Reyes"]
    assert store.speakers(min_confidence=0.58, type="organization") == []
    assert store.speakers(min_confidence=0.99) == []
