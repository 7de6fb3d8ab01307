"""``onrecord eval polnear``: systems, table, JSON numbers and the error file."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from onrecord.cli import main
from onrecord.commands import eval as eval_cmd
from onrecord.document import Document
from onrecord.evaluate.polnear import read_split
from onrecord.record import Article, Attribution, Span

TEXT = '"We will win," Smith said.\nIt rained all day.\nJones believes that the vote was rigged.\n'
ANN = (
    'T1\tContent 0 14\t"We will win,"\n'
    "T2\tSource 15 20\tSmith\n"
    "T3\tCue 21 25\tsaid\n"
    "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 46 51\tJones\n"
    "T6\tCue 52 60\tbelieves\n"
    "T7\tContent 61 85\tthat the vote was rigged\n"
    "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"
)


@pytest.fixture
def split(tmp_path: Path) -> Path:
    root = tmp_path / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name in ("a", "b"):
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / "attributions" / f"{name}_x.ann").write_text(ANN, encoding="utf-8")
    return root


def fixed_system(name: str, answers: dict[str, list[Attribution]]) -> eval_cmd.System:
    """A system that answers each document from a table (the gold, a stub)."""

    def predict(docs: list[Document]) -> Iterable[Article]:
        return [Article(id=d.id, text=d.text, attributions=answers.get(d.id, [])) for d in docs]

    return eval_cmd.System(name, lambda: predict)


def use_systems(monkeypatch: pytest.MonkeyPatch, systems: list[eval_cmd.System]) -> list:
    calls: list = []

    def fake(
        model: str | None, no_model: bool, no_spans: bool, reader: str | None = None
    ) -> list[eval_cmd.System]:
        calls.append((model, no_model))
        return systems

    monkeypatch.setattr(eval_cmd, "onrecord_systems", fake)
    return calls


def test_json_holds_every_system_and_number(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    gold = {a.id: a.attributions for a in read_split(split)}
    calls = use_systems(monkeypatch, [fixed_system("oracle", gold), fixed_system("silent", {})])
    out = tmp_path / "scores.json"
    rc = main(["eval", "polnear", str(split), "--json", str(out), "--model", "m", "--no-model"])
    assert rc == 0
    assert calls == [("m", True)]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == 2 and data["gold_attributions"] == 4
    oracle, silent = data["systems"]["oracle"], data["systems"]["silent"]
    for role in ("content", "source", "cue"):
        assert oracle[role]["exact"]["f1"] == 1.0 and oracle[role]["overlap"]["f1"] == 1.0
        assert silent[role]["exact"]["recall"] == 0.0 and silent[role]["overlap"]["recall"] == 0.0
    assert oracle["docs"] == 2 and oracle["docs_per_second"] > 0
    printed = capsys.readouterr().out
    assert "oracle" in printed and "silent" in printed and "100.0" in printed


def test_errors_file_lists_misses_false_positives_and_boundaries(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = Attribution(
        "p1",
        "direct",
        Span.of(TEXT, 1, 8),  # "We will": a boundary error on the content
        cue=Span.of(TEXT, 21, 25),
        source=Span.of(TEXT, 15, 20),
    )
    weather = Attribution("p2", "indirect", Span.of(TEXT, 27, 44))  # "It rained all day"
    use_systems(monkeypatch, [fixed_system("stub", {"a": [quote, weather]})])
    errors = tmp_path / "errors.jsonl"
    assert main(["eval", "polnear", str(split), "--errors", str(errors)]) == 0
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    by_doc = {
        doc: [(r["type"], r.get("roles")) for r in records if r["doc"] == doc] for doc in "ab"
    }
    # Sorted in reading order within each article.
    assert by_doc["a"] == [("boundary", ["content"]), ("false_positive", None), ("miss", None)]
    assert by_doc["b"] == [("miss", None), ("miss", None)]
    boundary = records[0]
    assert boundary["system"] == "stub"
    assert boundary["gold"]["content"]["text"] == '"We will win,"'
    assert boundary["predicted"]["content"]["text"] == "We will"
    assert boundary["content_overlap"] == 2
    # The context is the line around the error, cut from the article by its offsets.
    assert boundary["context"]["text"] == '"We will win," Smith said.'
    false_positive = records[1]
    assert false_positive["gold"] is None
    assert false_positive["context"]["text"] == "It rained all day."
    assert TEXT[records[2]["context"]["start"] : records[2]["context"]["end"]] == (
        "Jones believes that the vote was rigged."
    )


def test_limit_scores_the_first_articles(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_systems(monkeypatch, [fixed_system("silent", {})])
    out = tmp_path / "scores.json"
    assert main(["eval", "polnear", str(split), "--limit", "1", "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["systems"]["silent"]["docs"] == 1


def test_bad_folder_and_bad_limit_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["eval", "polnear", str(tmp_path / "nope")]) == 2
    assert "not a PolNeAR split" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", "polnear", str(tmp_path), "--limit", "0"])
    assert main(["eval"]) == 2


@pytest.mark.parametrize("option", ["--json", "--errors"])
def test_an_output_that_cannot_be_written_is_refused_before_scoring(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
    option: str,
) -> None:  # fmt: skip
    calls = use_systems(monkeypatch, [fixed_system("silent", {})])
    out = tmp_path / "no" / "such" / "scores.json"
    assert main(["eval", "polnear", str(split), option, str(out)]) == 2
    assert calls == []  # nothing was run
    reason = f"cannot write there: no such directory {out.parent}"
    assert capsys.readouterr().err == f"onrecord: error: {option} {out}: {reason}\n"


ACCURATE, FAST = "onrecord --reader accurate", "onrecord --reader fast"
RULES = "onrecord --no-model"


@pytest.mark.parametrize(
    ("trained", "encoder", "no_model", "no_spans", "reader", "names"),
    [
        (True, True, False, False, None, [ACCURATE, FAST, RULES]),
        (True, True, False, True, None, [ACCURATE, FAST, f"{FAST} --no-spans", RULES]),
        (True, True, False, False, "fast", [FAST, RULES]),
        (True, False, False, False, None, [FAST, RULES]),
        (True, True, True, True, None, [RULES]),
        (False, False, False, True, None, [RULES]),
    ],
)
def test_the_model_rows_need_a_trained_model(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    trained: bool,
    encoder: bool,
    no_model: bool,
    no_spans: bool,
    reader: str | None,
    names: list,
) -> None:
    from onrecord import pipeline

    model = tmp_path / "reader.onnx"
    if encoder:
        model.write_bytes(b"")
    monkeypatch.setenv("ONRECORD_ENCODER_MODEL", str(model))
    monkeypatch.setattr(pipeline, "has_trained_model", lambda *a, **k: trained)
    systems = eval_cmd.onrecord_systems(None, no_model, no_spans, reader)
    assert [s.name for s in systems] == names


def test_textacy_baseline_finds_a_direct_quote(split: Path) -> None:
    pytest.importorskip("textacy")
    gold = read_split(split)
    result = eval_cmd.run_system(eval_cmd.baseline_system("textacy", None), gold)
    first = result.alignments[0].predicted
    assert [(a.source.text, a.cue.text, a.content.text) for a in first] == [
        ("Smith", "said", '"We will win,"')
    ]
    assert result.scores.roles["content"].exact.precision == 1.0
    # Direct quotes only: the belief is out of its reach.
    assert result.scores.roles["content"].exact.recall == 0.5


def test_textacy_baseline_survives_a_stray_quote_mark() -> None:
    pytest.importorskip("textacy")
    from onrecord.evaluate.baselines import load_textacy_pipeline, textacy_attributions

    text = 'He wrote 5" of copy.\n"We will win this race," Smith said.\n'
    [attr] = textacy_attributions(load_textacy_pipeline()(text))
    assert attr.content.text == '"We will win this race,"'
    assert text[attr.source.start : attr.source.end] == "Smith"


@pytest.mark.slow
def test_rules_run_end_to_end(split: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    assert main(["eval", "polnear", str(split), "--no-model", "--json", str(out)]) == 0
    systems = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert list(systems) == ["onrecord --no-model"]
    assert systems["onrecord --no-model"]["docs"] == 2


def test_min_confidence_rows_come_from_the_same_run(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold = {a.id: a.attributions for a in read_split(split)}
    # The quotation is certain, the belief is not: each threshold keeps a known part.
    answers = {
        doc: [dataclasses.replace(a, confidence=0.9 if a.kind == "direct" else 0.6) for a in attrs]
        for doc, attrs in gold.items()
    }
    runs: list[int] = []
    system = fixed_system("scored", answers)
    counted = eval_cmd.System(system.name, lambda: runs.append(1) or system.load())
    use_systems(monkeypatch, [counted])
    out = tmp_path / "scores.json"
    args = ["eval", "polnear", str(split), "--json", str(out)]
    assert main([*args, "--min-confidence", "0.8", "--min-confidence", "0.5"]) == 0
    assert runs == [1]
    systems = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert list(systems) == ["scored", "scored >= 0.5", "scored >= 0.8"]
    for name in ("scored", "scored >= 0.5"):
        assert systems[name]["content"]["exact"]["f1"] == 1.0
    high = systems["scored >= 0.8"]["content"]["exact"]
    assert (high["precision"], high["recall"]) == (1.0, 0.5)
    assert systems["scored >= 0.8"]["predicted_attributions"] == 2
