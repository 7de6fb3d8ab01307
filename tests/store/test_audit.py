"""The source audit (``Store.audit``) and the filters, on a store whose every figure is known
by construction (``support.audited``), on SQLite and PostgreSQL. Each audit is asked twice
where it can be: from the tallies and by reading every attribution, which must agree."""

from __future__ import annotations

import pytest

from onrecord.audit import Audit, csv_text, parse_by, table_text, week_of
from onrecord.scope import filters, selection
from onrecord.store import Store
from support.audited import audited_articles

pytest_plugins = ("support.pg",)


@pytest.fixture
def audited(store: Store) -> Store:
    for article in audited_articles():
        assert store.add_article(article)
    store.commit()
    return store


def _by_rows(store: Store, **kwargs: object) -> Audit:
    """The same audit read from every attribution: a least confidence below every
    attribution's (0.4) keeps them all but sends the store past its tallies."""
    chosen = kwargs.pop("selection", selection("all"))
    from dataclasses import replace

    return store.audit(selection=replace(chosen, min_confidence=0.01), **kwargs)  # type: ignore[arg-type]


def _figures(audit: Audit) -> list[dict[str, object]]:
    return [g.to_dict() for g in (*audit.groups, audit.total)]


def test_the_whole_store_in_one_group(audited: Store) -> None:
    audit = audited.audit()
    assert audit.read_from == "tallies"
    total = audit.total.to_dict()
    assert total["attributions"] == 13
    assert total["types"] == {"person": 9, "organization": 1, "group": 1, "anonymous": 1,
                              "unknown": 1}  # fmt: skip
    assert total["genders"] == {"female": 5, "male": 1, "unknown": 3}
    assert total["gender_shares"]["female"] == round(5 / 9, 4)
    assert total["direct"] == 5 and total["direct_share"] == round(5 / 13, 4)
    assert total["speakers"] == 4  # Ann Lee, Bob Stone, Acme Corp, Pat Quinn
    top = [(s["name"], s["attributions"]) for s in total["top_speakers"]]
    # Most quoted first; a tie goes to the speaker stored first (Bob Stone before Pat Quinn).
    assert top == [("Ann Lee", 5), ("Bob Stone", 2), ("Pat Quinn", 2), ("Acme Corp", 1)]
    assert _figures(_by_rows(audited)) == _figures(audit)


def test_by_outlet_and_month(audited: Store) -> None:
    audit = audited.audit(by=("outlet", "month"))
    rows = {(g.key["outlet"], g.key["month"]): g for g in audit.groups}
    assert list(rows) == [
        ("The Guardian", ""), ("The Guardian", "2024-01"), ("apnews.com", "2024-01"),
        ("apnews.com", "2024-02"),
    ]  # fmt: skip
    ap_jan = rows["apnews.com", "2024-01"]
    assert (ap_jan.attributions, ap_jan.speakers, ap_jan.direct) == (5, 2, 2)
    assert ap_jan.genders == {"female": 3, "male": 1}
    assert rows["apnews.com", "2024-02"].types == {"person": 2, "organization": 1}
    assert rows["The Guardian", ""].types == {"group": 1}
    assert rows["The Guardian", ""].speakers == 0
    assert _figures(_by_rows(audited, by=("outlet", "month"))) == _figures(audit)


def test_by_week_folds_days_into_their_monday(audited: Store) -> None:
    audit = audited.audit(by=("week",))
    assert audit.read_from == "tallies"  # the weekly tallies (schema 5)
    weeks = {g.key["week"]: g.attributions for g in audit.groups}
    # 2024-01-15 and 2024-01-20 share the week of Monday 15 January.
    assert weeks == {"": 1, "2024-01-15": 9, "2024-01-29": 3}
    assert week_of("2024-02-03") == "2024-01-29"


@pytest.mark.parametrize("by", [("week",), ("outlet", "week")])
@pytest.mark.parametrize("scope", ["all", "speech"])
def test_the_weekly_tallies_give_what_every_row_gives(
    audited: Store, by: tuple[str, ...], scope: str
) -> None:
    audit = audited.audit(by=by, selection=selection(scope))
    assert audit.read_from == "tallies"
    assert _figures(_by_rows(audited, by=by, selection=selection(scope))) == _figures(audit)


@pytest.mark.parametrize(
    "chosen", [filters(genders="female"), filters(since="2024-01-01", until="2024-01-31")]
)
def test_weeks_under_a_speaker_or_date_filter_read_every_row(
    audited: Store, chosen: object
) -> None:
    audit = audited.audit(by=("week",), filters=chosen)  # type: ignore[arg-type]
    assert audit.read_from == "attributions"
    assert _figures(_by_rows(audited, by=("week",), filters=chosen)) == _figures(audit)


def test_the_speech_scope_and_kinds(audited: Store) -> None:
    speech = audited.audit(selection=selection("speech"))
    assert speech.total.attributions == 9
    assert speech.total.types == {"person": 6, "anonymous": 1, "organization": 1, "group": 1}
    direct = audited.audit(selection=selection("speech", "direct"))
    assert direct.total.attributions == 4  # the caption's is not speech
    for chosen in (selection("speech"), selection("speech", "direct"), selection("all", "other")):
        assert _figures(_by_rows(audited, selection=chosen)) == _figures(
            audited.audit(selection=chosen)
        )


@pytest.mark.parametrize(
    ("chosen", "attributions", "speakers"),
    [
        (filters(types="person"), 9, 3),
        (filters(types="organization,anonymous"), 2, 1),
        (filters(genders="female"), 5, 1),
        (filters(genders="male,unknown"), 4, 2),
        (filters(outlets="The Guardian"), 5, 2),
        (filters(outlets="apnews.com", since="2024-02-01"), 3, 3),
        (filters(since="2024-01-01", until="2024-01-31"), 9, 3),
        # Inside a month: read from the attributions, the same figures as ever.
        (filters(since="2024-01-16"), 7, 4),
        (filters(until="2024-01-19"), 5, 2),
    ],
)
def test_each_filter_narrows_the_audit(
    audited: Store, chosen: object, attributions: int, speakers: int
) -> None:
    audit = audited.audit(filters=chosen)  # type: ignore[arg-type]
    assert (audit.total.attributions, audit.total.speakers) == (attributions, speakers)
    assert _figures(_by_rows(audited, filters=chosen)) == _figures(audit)


@pytest.mark.parametrize("by", [("outlet",), ("month",), ("outlet", "month")])
@pytest.mark.parametrize("chosen", [filters(genders="female"), filters(types="person,group")])
def test_a_filtered_audit_by_group_ranks_as_every_row_does(
    audited: Store, by: tuple[str, ...], chosen: object
) -> None:
    # Type and gender filters rank each group's speakers off audit_speakers in one windowed
    # query; its distinct and most quoted speakers per group are those the rows give.
    audit = audited.audit(by=by, filters=chosen)  # type: ignore[arg-type]
    assert audit.read_from == "tallies" and any(g.top_speakers for g in audit.groups)
    assert _figures(_by_rows(audited, by=by, filters=chosen)) == _figures(audit)


def test_a_least_confidence_leaves_out_the_unsure(audited: Store) -> None:
    audit = audited.audit(selection=selection("all", min_confidence=0.5))
    assert audit.read_from == "attributions"
    assert audit.total.attributions == 12 and audit.total.direct == 4


def test_speakers_have_a_gender_across_the_store(audited: Store) -> None:
    genders = {s.name: s.gender for s in audited.speakers()}
    # Bob Stone: "m" in one article, nothing in the other; Pat Quinn: never said.
    assert genders == {"Ann Lee": "female", "Bob Stone": "male", "Pat Quinn": "unknown",
                       "Acme Corp": None}  # fmt: skip


def test_the_other_readings_take_the_filters(audited: Store) -> None:
    women = filters(genders="female")
    assert {q.speaker_name for q in audited.quotes(filters=women)} == {"Ann Lee"}
    assert [s.name for s in audited.speakers(filters=women)] == ["Ann Lee"]
    guardian = filters(outlets="The Guardian")
    assert {r["doc_id"] for r in audited.iter_attribution_records(filters=guardian)} == {
        a.id for a in audited_articles()[2:]
    }
    titles = [d.title for d in audited.documents(filters=guardian)]
    assert titles == ["Vote stands", "March goes on"]
    assert [a.metadata["title"] for a in audited.iter_articles(filters=filters(types="group"))
            if a.attributions] == ["March goes on"]  # fmt: skip
    assert [h.attr_id for h in audited.search("vote", filters=filters(types="person"))] == ["a2"]
    assert audited.search("vote", filters=filters(types="group")) == []
    lee = next(s for s in audited.speakers() if s.name == "Ann Lee")
    one = audited.speaker(lee.id, filters=filters(outlets="apnews.com"))
    assert one is not None and (one.n_attributions, one.n_articles) == (4, 2)


def test_unnamed_sources_are_found_by_their_words(audited: Store) -> None:
    assert [q.content for q in audited.quotes(speaker="officials")] == ["the port shuts"]
    assert [q.content for q in audited.quotes(speaker="Protesters")] == ["the march goes on"]


def test_articles_list_newest_first_with_titles(audited: Store) -> None:
    assert [d.title for d in audited.documents()] == [
        "Prices to fall", "Vote stands", "Port to shut", "March goes on"
    ]  # fmt: skip
    assert [d.outlet for d in audited.documents()] == [
        "apnews.com", "The Guardian", "apnews.com", "The Guardian"
    ]  # fmt: skip
    assert audited.outlets() == [("The Guardian", 2), ("apnews.com", 2)]


def test_written_as_json_csv_and_a_table(audited: Store) -> None:
    audit = audited.audit(by=("outlet",))
    data = audit.to_dict()
    assert data["by"] == ["outlet"] and [g["outlet"] for g in data["groups"]] == [
        "The Guardian", "apnews.com"
    ]  # fmt: skip
    lines = csv_text(audit).splitlines()
    assert lines[0].startswith("outlet,attributions,speakers,type_person")
    assert lines[1].startswith("The Guardian,5,2,") and lines[-1].startswith("total,13,4,")
    table = table_text(audit).splitlines()
    assert table[0].split()[:3] == ["group", "attrib.", "speakers"]
    assert table[-1].split()[:3] == ["total", "13", "4"]


def test_a_grouping_is_checked() -> None:
    assert parse_by("Outlet, month") == ("outlet", "month")
    with pytest.raises(ValueError, match="choose from outlet"):
        parse_by("day")
    with pytest.raises(ValueError, match="not both"):
        parse_by("month,week")
    with pytest.raises(ValueError, match="choose from female"):
        filters(genders="woman")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        filters(since="May 2024")


def test_article_text_is_searchable_with_a_snippet(audited: Store) -> None:
    ids = [a.id for a in audited_articles()]
    # "Photo" is in no attribution, only in the article's text.
    [hit] = audited.search_articles("photo")
    assert (hit.doc_id, hit.title, hit.outlet) == (ids[2], "Vote stands", "The Guardian")
    assert "Photo" in hit.snippet
    assert [h.doc_id for h in audited.search_articles("shut")] == [ids[0]]  # title and text
    assert audited.search_articles("march", filters=filters(outlets="apnews.com")) == []
    assert [h.doc_id for h in audited.search_articles("marching")] == [ids[3]]  # stemmed
    assert audited.search_articles("the") == []  # stop words only


def test_speakers_in_a_scope_rank_the_same_from_the_tallies(audited: Store) -> None:
    from dataclasses import replace

    for chosen in (selection("speech"), selection("all")):
        for wanted in (None, filters(outlets="apnews.com"), filters(since="2024-01-01")):
            tallied = audited.speakers(selection=chosen, filters=wanted)
            counted = audited.speakers(
                selection=replace(chosen, min_confidence=0.01), filters=wanted
            )  # past the tallies: every attribution read
            assert tallied == counted and tallied
    lee = audited.speakers(selection=selection("speech"))[0]
    assert (lee.name, lee.n_attributions, lee.n_articles) == ("Ann Lee", 4, 3)


@pytest.mark.parametrize("chosen", [filters(genders="female"), filters(types="person,group")])
def test_an_audit_asked_for_no_top_speakers_counts_them_the_same(
    audited: Store, chosen: object
) -> None:
    ranked = audited.audit(by=("month",), filters=chosen)  # type: ignore[arg-type]
    counted = audited.audit(by=("month",), filters=chosen, top=0)  # type: ignore[arg-type]
    assert [g.speakers for g in counted.groups] == [g.speakers for g in ranked.groups]
    assert counted.total.speakers == ranked.total.speakers
    assert not any(g.top_speakers for g in (*counted.groups, counted.total))


def test_the_weekly_tallies_are_built_from_the_rows_of_an_older_store(store: Store) -> None:
    # Migration 5's SQL week (SQLite's date modifiers, PostgreSQL's date_trunc) is the
    # Monday that onrecord.audit.week_of gives, which the writes use.
    for article in audited_articles():
        store.add_article(article)
    store.commit()
    before = store.audit(by=("outlet", "week")).to_dict()
    for sql in (
        "DROP TABLE audit_week_counts",
        "DROP TABLE audit_week_people",
        "DELETE FROM schema_migrations WHERE version = 5",
    ):
        store._exec(sql)
    store.commit()
    store.migrate()
    assert store.audit(by=("outlet", "week")).to_dict() == before
