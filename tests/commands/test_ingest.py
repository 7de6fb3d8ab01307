"""``onrecord ingest`` (the local engine) with the real pipeline: it stores and reports,
a rerun skips what is stored, and one folder named three ways is one set of error rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import run_cli

pytest_plugins = ("support.ingested",)


def test_cli_ingest_stores_and_reports(
    ingested: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, inputs = ingested
    code, out = run_cli("errors", "--db", str(db), "--json", capsys=capsys)
    reasons = {Path(e["source"].split(":")[0].split("#")[0]).name for e in json.loads(out)}
    assert reasons == {"binary.txt", "latin.txt", "big.txt", "cut.warc.gz", "dump.jsonl"}
    code, out = run_cli(
        "ingest", str(inputs), "--db", str(db), "--n-process", "1", "--json", capsys=capsys
    )
    summary = json.loads(out)
    assert (summary["stored"], summary["errors"]) == (0, 5)
    assert summary["skipped"] == 5  # 2 texts, the empty one, a JSONL line, a WARC page


def test_one_folder_by_two_spellings_is_one_set_of_error_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 50)
    db = str(tmp_path / "s.db")
    monkeypatch.chdir(tmp_path)
    for spelling in ("corpus", str(tmp_path / "corpus"), "./corpus/../corpus"):
        code, _ = run_cli("ingest", spelling, "--db", db, "--n-process", "1", capsys=capsys)
        assert code == 1
    code, out = run_cli("errors", "--db", db, "--json", capsys=capsys)
    [error] = json.loads(out)
    assert error["source"] == str(tmp_path / "corpus" / "binary.txt")
    assert error["count"] == 3


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_an_input_that_names_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    from onrecord.cli import main

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Ann Lee said that it rained.")
    db = tmp_path / "s.db"
    missing, pattern = str(tmp_path / "nonexistent"), str(tmp_path / "*.jsonl")
    argv = ["ingest", str(tmp_path / "corpus"), missing, pattern, "--db", str(db)]
    dask = ["--engine", "dask", "--out", str(tmp_path / "parts")] if engine == "dask" else []
    assert main([*argv, *dask]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"onrecord: error: {missing}: no such file or directory; "
        f"{pattern}: no files match this pattern\n"
    )
    assert not db.exists() and not (tmp_path / "parts").exists()  # nothing was started


def test_inputs_without_documents_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onrecord.cli import main

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("Ann Lee said that it rained.")
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(tmp_path / "notes"), "--db", db, "-q", "--no-model"]) == 0
    warning, summary = capsys.readouterr().err.splitlines()
    assert warning.startswith("onrecord: warning: no documents in the inputs (folders are read")
    assert ".txt" in warning and ".jsonl" in warning and summary.startswith("stored 0,")
