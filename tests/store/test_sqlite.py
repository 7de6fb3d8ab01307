"""The SQLite store (``onrecord.store.sqlite``): reopened in WAL mode with its schema, refused
when newer than this onrecord, and never created by a command that only reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord.store import StoreError, open_store
from onrecord.store.schema import LATEST
from support.store import baldwin_article


def test_reopening_keeps_schema_and_data(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with open_store(str(path)) as first:
        first.add_article(baldwin_article())
        first.commit()
        assert first.schema_version() == LATEST
    with open_store(str(path)) as again:
        assert again.stats().documents == 1
        assert again.schema_version() == LATEST
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


def test_a_store_of_schema_1_gains_the_content_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        store.add_article(baldwin_article())
        store.commit()
        n = store.stats().attributions
    conn = sqlite3.connect(path)  # back to what schema 1 wrote
    conn.executescript(
        """DROP INDEX attributions_kind;
           ALTER TABLE attributions DROP COLUMN content_parts;
           ALTER TABLE attributions DROP COLUMN content_form;
           DELETE FROM schema_migrations WHERE version = 2;"""
    )
    conn.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == LATEST
        assert store.stats().attributions == n
        assert {r["content_form"] for r in store.iter_attribution_records()} == {None}


def test_a_store_of_schema_2_gains_the_audits_tallies_from_its_rows(tmp_path: Path) -> None:
    from support.audited import audited_articles

    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        for article in audited_articles():
            store.add_article(article)
        store.commit()
        before = store.audit(by=("month",)).to_dict()
    conn = sqlite3.connect(path)  # back to what schema 2 wrote
    conn.executescript(
        """DROP TABLE audit_counts; DROP TABLE audit_speakers; DROP TABLE documents_fts;
           DROP TABLE audit_week_counts; DROP TABLE audit_week_people;
           DROP TABLE claims; DROP TABLE relations; DROP TABLE corpus_claims;
           DROP TABLE audit_people; DROP INDEX documents_newest; DROP INDEX attributions_in_order;
           DROP INDEX documents_outlet;
           ALTER TABLE documents DROP COLUMN outlet;
           ALTER TABLE attributions DROP COLUMN speaker_gender;
           ALTER TABLE attributions DROP COLUMN addressee;
           ALTER TABLE speakers DROP COLUMN gender;
           ALTER TABLE speakers DROP COLUMN n_female;
           ALTER TABLE speakers DROP COLUMN n_male;
           DELETE FROM schema_migrations WHERE version >= 3;"""
    )
    conn.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == LATEST
        after = store.audit(by=("month",)).to_dict()
        # Counted again from the rows: the same groups, kinds, types and speakers; the
        # genders schema 2 did not store are unknown.
        for key in ("attributions", "speakers", "types", "direct", "persons"):
            assert [g[key] for g in after["groups"]] == [g[key] for g in before["groups"]]
        assert after["total"]["genders"] == {"female": 0, "male": 0, "unknown": 9}
        assert [h.title for h in store.search_articles("rain")] == ["Vote stands"]


def test_a_store_of_schema_4_gains_the_weekly_tallies_from_its_rows(tmp_path: Path) -> None:
    from support.audited import audited_articles

    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        for article in audited_articles():
            store.add_article(article)
        store.commit()
        before = store.audit(by=("outlet", "week")).to_dict()
        assert store.audit(by=("week",)).read_from == "tallies"
    conn = sqlite3.connect(path)  # back to what schema 4 wrote
    conn.executescript(
        """DROP TABLE audit_week_counts; DROP TABLE audit_week_people;
           DELETE FROM schema_migrations WHERE version = 5;"""
    )
    conn.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == LATEST
        # Counted again from the rows by SQL's own week: the same as written one by one.
        assert store.audit(by=("outlet", "week")).to_dict() == before
