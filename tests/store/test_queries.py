"""The store's queries (``onrecord.store.queries``): search that treats any text as words,
speakers joined across articles, quotes by speaker, date, kind and least confidence, listings
and the flat records, the same answers from SQLite and a real PostgreSQL server."""

from __future__ import annotations

from onrecord.document import content_id
from onrecord.store import Store
from support.store import corpus, make_article, person, quote

pytest_plugins = ("support.pg",)


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
