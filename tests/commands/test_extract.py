"""`onrecord extract`: formats, stdin, and every kind of bad input, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLE = '"We will rebuild," the mayor said. Officials said that the bridge reopens in May.\n'


def onrecord(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "onrecord.cli", *args, "--no-model"],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=300,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("inputs")
    paths = {
        "good": d / "bridge.txt",
        "empty": d / "empty.txt",
        "binary": d / "image.txt",
        "latin1": d / "latin1.txt",
        "long": d / "long.txt",
    }
    paths["good"].write_text(ARTICLE, encoding="utf-8")
    paths["empty"].write_text("  \n\n ", encoding="utf-8")
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["latin1"].write_bytes('"Très bien," dit-il. The café owner said that prices rose.'
                                .encode("latin-1"))
    paths["long"].write_text("word " * 300, encoding="utf-8")  # 1,500 characters
    return paths


def test_jsonl_record_schema(files):
    result = onrecord("extract", str(files["good"]), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == "bridge"
    assert record["source"] == str(files["good"])
    assert len(record["text_sha256"]) == 64
    assert {"boilerplate", "entities", "attributions"} <= record.keys()
    text = record["text"]
    for a in record["attributions"]:
        assert a["kind"] in {"direct", "indirect", "mixed", "other"}
        assert 0 <= a["confidence"] <= 1
        for role in ("content", "cue", "source"):
            span = a[role]
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
    direct = [a for a in record["attributions"] if a["kind"] == "direct"]
    assert direct and direct[0]["speaker"]["name"] == "the mayor"


def test_json_is_one_array_and_table_renders(files):
    result = onrecord("extract", str(files["good"]), str(files["good"]), "--format", "json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 2
    table = onrecord("extract", str(files["good"]), "--format", "table")
    assert table.returncode == 0
    out = table.stdout.decode()
    assert "the mayor" in out and "direct" in out


def test_stdin_with_given_id():
    result = onrecord("extract", "-", "--id", "wire-1", "--format", "jsonl",
                      stdin=ARTICLE.encode())
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["id"] == "wire-1"
    assert record["attributions"]


STORY_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Bridge to reopen</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
    "<article><h1>Bridge to reopen</h1>"
    f"<p>{' '.join(['Crews worked through the night on the old bridge.'] * 3)}</p>"
    f"<p>{ARTICLE.strip()}</p></article></body></html>"
)


def test_stdin_html_is_read_as_a_page():
    # `curl URL | onrecord extract -`: the page's article, as `onrecord ingest -` reads it.
    result = onrecord("extract", "-", "--format", "jsonl", stdin=STORY_PAGE.encode())
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["id"] == "stdin"
    assert record["metadata"]["title"] == "Bridge to reopen"
    assert record["text"].startswith("Crews worked through the night")
    assert "DOCTYPE" not in record["text"] and "Home | News" not in record["text"]
    assert all("DOCTYPE" not in e["name"] for e in record["entities"])
    direct = [a for a in record["attributions"] if a["kind"] == "direct"]
    assert direct and direct[0]["speaker"]["name"] == "the mayor"


def test_stdin_jsonl_is_a_document_a_line():
    lines = [
        {"text": ARTICLE, "title": "Bridge", "url": "https://news.example/bridge"},
        {"text": "Ann Lee said that the council would vote on Monday.\n"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines).encode()
    result = onrecord("extract", "-", "--format", "jsonl", stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["text"] for r in records] == [line["text"] for line in lines]
    assert [r["source"] for r in records] == ["-:1", "-:2"]
    assert records[0]["metadata"] == {"title": "Bridge", "url": "https://news.example/bridge"}
    assert records[0]["id"] != records[1]["id"]  # each its content hash, as ingest gives
    assert all(r["attributions"] for r in records)


def test_empty_document_is_an_empty_record(files):
    result = onrecord("extract", str(files["empty"]), "--format", "jsonl")
    assert result.returncode == 0
    assert json.loads(result.stdout)["attributions"] == []


def test_bad_inputs_are_reported_and_the_rest_processed(files, tmp_path):
    result = onrecord(
        "extract", str(files["binary"]), str(files["good"]), str(tmp_path / "missing.txt"),
        str(tmp_path), str(files["latin1"]), "--format", "jsonl",
    )
    assert result.returncode == 1
    err = result.stderr.decode()
    assert f"{files['binary']}: binary" in err
    assert "missing.txt: no such file" in err
    assert "is a directory" in err
    assert f"{files['latin1']}: not valid UTF-8" in err
    assert "Traceback" not in err
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["bridge"]


def test_encoding_override_reads_latin1(files):
    result = onrecord("extract", str(files["latin1"]), "--encoding", "latin-1", "--format",
                      "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert "Très bien" in record["text"]


def test_max_chars_refuses_long_documents_clearly(files):
    result = onrecord("extract", str(files["long"]), "--max-chars", "1000", "--format", "jsonl")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "too long" in err and "--max-chars" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2():
    assert onrecord("extract").returncode == 2
    assert onrecord("extract", "x.txt", "--format", "yaml").returncode == 2
    assert onrecord().returncode == 2


def test_html_file_is_read_through_trafilatura(tmp_path):
    page = tmp_path / "story.html"
    body = " ".join(["The council met for four hours on Tuesday night."] * 4)
    page.write_text(
        "<html><head><title>Council vote</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>Council vote</h1><p>{body}</p>"
        "<p>The mayor said that the vote was the hardest of her term.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    result = onrecord("extract", str(page), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["id"] == "story"
    assert "Home | News" not in record["text"]
    # The <h1> is the title, kept as metadata; the text, which the offsets index, starts
    # with the body.
    assert record["metadata"]["title"] == "Council vote"
    assert record["text"].startswith("The council met")
    for a in record["attributions"]:
        for span in (a["content"], a["cue"], a["source"]):
            if span:
                assert record["text"][span["start"] : span["end"]] == span["text"]
    a = next(a for a in record["attributions"] if a["cue"] and a["cue"]["text"] == "said")
    assert a["content"]["text"] == "that the vote was the hardest of her term"
    assert a["speaker"]["name"] == "the mayor"


def test_min_confidence_keeps_only_confident_attributions(files):
    every = onrecord("extract", str(files["good"]), "--format", "jsonl")
    confident = onrecord(
        "extract", str(files["good"]), "--format", "jsonl", "--min-confidence", "0.8"
    )
    assert every.returncode == confident.returncode == 0, confident.stderr.decode()
    everything = json.loads(every.stdout)["attributions"]
    kept = json.loads(confident.stdout)["attributions"]
    # Rules only: a quotation with its speaker is more certain than a reported clause.
    assert {a["kind"] for a in everything} == {"direct", "indirect"}
    assert [a["kind"] for a in kept] == ["direct"]
    assert all(a["confidence"] >= 0.8 for a in kept)
    refused = onrecord("extract", str(files["good"]), "--min-confidence", "1.5")
    assert refused.returncode == 2 and b"between 0 and 1" in refused.stderr


@pytest.mark.parametrize("reader", ["accurate", "fast"])
def test_the_reader_switch_reaches_the_record(files, reader: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "extract", "--reader", reader, "--format",
         "jsonl", str(files["good"])],
        capture_output=True, cwd=REPO, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["reader"] == reader
    assert any(a["cue"] and a["cue"]["text"] == "said" for a in record["attributions"])


def test_an_unknown_reader_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "extract", "--reader", "neural", "-"],
        input=b"x", capture_output=True, cwd=REPO, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and b"invalid choice: 'neural'" in done.stderr


def test_an_unknown_reader_in_the_environment_is_one_line() -> None:
    import os

    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "extract", "-"],
        input=b"Smith said hi.", capture_output=True, cwd=REPO, timeout=300, check=False,
        env={**os.environ, "ONRECORD_READER": "neural"},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert b"unknown reader 'neural'" in done.stderr and b"Traceback" not in done.stderr


def test_kinds_keep_only_the_kinds_named(files):
    every = json.loads(onrecord("extract", str(files["good"]), "--format", "jsonl").stdout)
    direct = onrecord("extract", str(files["good"]), "--format", "jsonl", "--kinds", "direct")
    assert direct.returncode == 0, direct.stderr.decode()
    kept = json.loads(direct.stdout)["attributions"]
    assert kept and {a["kind"] for a in kept} == {"direct"}
    assert len(kept) < len(every["attributions"])


def test_speech_scope_drops_beliefs_and_nested_attributions(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Ann Lee said the council would vote on Monday. Lee believes the plan is sound.\n",
        encoding="utf-8",
    )
    every = json.loads(onrecord("extract", str(story), "--format", "jsonl").stdout)
    speech = onrecord("extract", str(story), "--format", "jsonl", "--scope", "speech")
    assert speech.returncode == 0, speech.stderr.decode()
    kept = json.loads(speech.stdout)["attributions"]
    assert any(a["kind"] == "other" for a in every["attributions"])
    assert kept and all(a["kind"] != "other" and a["parent"] is None for a in kept)
    assert all(a["content_form"] in ("quotation", "clause") for a in kept)


def test_an_unknown_kind_is_a_usage_error(files):
    refused = onrecord("extract", str(files["good"]), "--kinds", "direct,quoted")
    assert refused.returncode == 2
    assert b"unknown kind quoted" in refused.stderr
    assert b"Traceback" not in refused.stderr
