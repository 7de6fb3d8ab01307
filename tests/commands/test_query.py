"""The commands that read a store (``search``, ``speakers``, ``quotes``, ``show``,
``export``, ``errors``) over one real ingest, and what they do without a store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from onrecord.store import open_store
from support.cli import run_cli

pytest_plugins = ("support.ingested",)


def test_cli_queries(ingested: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = str(ingested[0])
    code, out = run_cli("search", "appeal ruling", "--db", db, "--json", capsys=capsys)
    [hit] = json.loads(out)
    assert "We will appeal the ruling" in hit["content"]
    sure = ["search", "appeal ruling", "--db", db, "--json", "--min-confidence"]
    code, out = run_cli(*sure, str(hit["confidence"]), capsys=capsys)
    assert [h["attr_id"] for h in json.loads(out)] == [hit["attr_id"]]
    code, out = run_cli(*sure, str(min(1.0, hit["confidence"] + 0.01)), capsys=capsys)
    assert code == 1 and json.loads(out) == []
    code, out = run_cli("search", '"); DROP TABLE documents; --', "--db", db, capsys=capsys)
    assert code == 1  # nothing found, nothing dropped
    code, out = run_cli("speakers", "--db", db, "--json", capsys=capsys)
    names = {s["name"] for s in json.loads(out)}
    assert "Ann Lee" in names
    code, out = run_cli("quotes", "--speaker", "Lee", "--db", db, "--json", capsys=capsys)
    assert any("appeal" in q["content"] for q in json.loads(out))
    code, out = run_cli("show", hit["doc_id"][:8], "--db", db, capsys=capsys)
    assert code == 0 and "We will appeal the ruling" in out
    code, _ = run_cli("show", "ffffffffffff", "--db", db, capsys=capsys)
    assert code == 1


def test_cli_exports(
    ingested: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    db = str(ingested[0])
    with open_store(db) as store:
        n_docs, n_attrs = store.stats().documents, store.stats().attributions
        articles = {a.id: a.to_dict() for a in store.iter_articles()}
    run_cli("export", "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"), "--db", db,
            capsys=capsys)  # fmt: skip
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert len(lines) == n_docs
    assert {d["id"]: d for d in map(json.loads, lines)} == articles
    run_cli("export", "-f", "csv", "-o", str(tmp_path / "a.csv"), "--db", db, capsys=capsys)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text())))
    assert len(rows) == n_attrs
    run_cli("export", "-f", "parquet", "-o", str(tmp_path / "a.parquet"), "--db", db,
            capsys=capsys)  # fmt: skip
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == n_attrs
    assert table.schema.field("confidence").type == "double"


def test_cli_queries_need_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from onrecord.cli import main

    assert main(["speakers", "--db", str(tmp_path / "none.db")]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


@pytest.fixture
def audited_db(tmp_path: Path) -> str:
    from support.audited import audited_articles

    db = str(tmp_path / "audited.db")
    with open_store(db) as store:
        for article in audited_articles():
            store.add_article(article)
        store.commit()
    return db


def test_cli_audit(audited_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli("audit", "--db", audited_db, "--by", "outlet", "--format", "json",
                        capsys=capsys)  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["by"] == ["outlet"]
    assert {g["outlet"]: g["attributions"] for g in data["groups"]} == {
        "The Guardian": 5, "apnews.com": 8
    }  # fmt: skip
    code, out = run_cli("audit", "--db", audited_db, "--scope", "speech", "--gender", "female",
                        "--format", "csv", capsys=capsys)  # fmt: skip
    total = list(csv.DictReader(io.StringIO(out)))[-1]
    assert total["attributions"] == "4" and total["gender_female"] == "4"
    code, out = run_cli("audit", "--db", audited_db, "--by", "month", capsys=capsys)
    assert out.splitlines()[0].split()[:2] == ["group", "attrib."]
    assert "2024-01" in out and out.splitlines()[-1].split()[:2] == ["total", "13"]
    code, _ = run_cli("audit", "--db", audited_db, "--outlet", "nobody.example", capsys=capsys)
    assert code == 1  # nothing to count


def test_cli_filters_on_every_reading(audited_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", audited_db]
    _, out = run_cli("speakers", *db, "--gender", "male", "--json", capsys=capsys)
    assert [s["name"] for s in json.loads(out)] == ["Bob Stone"]
    _, out = run_cli("speakers", *db, "--type", "organization", "--json", capsys=capsys)
    assert [s["name"] for s in json.loads(out)] == ["Acme Corp"]
    _, out = run_cli("quotes", *db, "--speaker", "officials", "--json", capsys=capsys)
    assert [q["content"] for q in json.loads(out)] == ["the port shuts"]
    _, out = run_cli("quotes", *db, "--outlet", "The Guardian", "--from", "2024-01-01", "--json",
                     capsys=capsys)  # fmt: skip
    assert {q["doc_id"] for q in json.loads(out)} == {audited_articles_ids()[2]}
    _, out = run_cli("search", "vote", *db, "--type", "group", "--json", capsys=capsys)
    assert json.loads(out) == []
    code, out = run_cli("export", "-f", "csv", "-o", "-", *db, "--outlet", "apnews.com",
                        capsys=capsys)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 8 and {r["outlet"] for r in rows} == {"apnews.com"}
    assert {r["speaker_gender"] for r in rows if r["speaker_type"] == "person"} == {
        "female", "male", "unknown"
    }  # fmt: skip


def test_cli_filters_are_checked(audited_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli("audit", "--db", audited_db, "--gender", "woman", capsys=capsys)
    assert exit_.value.code == 2
    assert "choose from female, male, unknown" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run_cli("audit", "--db", audited_db, "--by", "day", capsys=capsys)


def audited_articles_ids() -> list[str]:
    from support.audited import audited_articles

    return [a.id for a in audited_articles()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_to_a_path_that_cannot_be_written_is_one_line(
    ingested: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    from onrecord.cli import main

    (tmp_path / "file").write_text("not a folder")
    (tmp_path / "folder").mkdir()
    for out, reason in [
        (tmp_path / "nonexistent" / f"x.{fmt}", f"no such directory {tmp_path / 'nonexistent'}"),
        (tmp_path / "file" / f"x.{fmt}", f"{tmp_path / 'file'} is not a directory"),
        (tmp_path / "folder", "is a directory"),
    ]:
        code = main(["export", "-f", fmt, "-o", str(out), "--db", str(ingested[0])])
        assert code == 2
        err = capsys.readouterr().err
        assert err == f"onrecord: error: --out {out}: cannot write there: {reason}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]


def test_cli_searches_article_text(audited_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli("search", "voiced", "--articles", "--db", audited_db, "--json",
                        capsys=capsys)  # fmt: skip
    assert code == 0 and [h["title"] for h in json.loads(out)] == ["Port to shut"]
    code, out = run_cli("search", "voiced", "--db", audited_db, "--json", capsys=capsys)
    assert code == 1 and json.loads(out) == []  # in no quote
