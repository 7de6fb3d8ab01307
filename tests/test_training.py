"""`onrecord train` on a tiny PolNeAR-format split written here: the model saves, loads and
predicts, and training is deterministic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.attribution import find_attributions, propose
from onrecord.attribution.filter import AttributionFilter
from onrecord.attribution.span_tagger import SpanTagger, doc_features

ARTICLES = {
    "wire_2016-01-01_storm": (
        '"We are ready for the storm," the mayor said on Monday. Officials said that schools '
        "would close. Residents think the warning came late, according to a survey."
    ),
    "wire_2016-01-02_budget": (
        "The senator told reporters that the budget would pass. "
        '"It is a good deal," she said. Critics claimed that it cuts too deep.'
    ),
}


def brat(text: str, attributions: list[tuple[str | None, str, str]]) -> str:
    """Standoff lines for (source, cue, content) given as substrings of the text."""
    lines, events, n = [], [], 0
    for i, (source, cue, content) in enumerate(attributions, start=1):
        ids = {}
        for label, part in (("Source", source), ("Cue", cue), ("Content", content)):
            if part is None:
                continue
            n += 1
            start = text.index(part)
            lines.append(f"T{n}\t{label} {start} {start + len(part)}\t{part}")
            ids[label] = f"T{n}"
        args = " ".join(f"{k}:{v}" for k, v in ids.items())
        events.append(f"E{i}\tAttribution:{ids['Cue']} {args}")
    return "\n".join(lines + events) + "\n"


@pytest.fixture
def split(tmp_path: Path) -> Path:
    gold = {
        "wire_2016-01-01_storm": [
            ("the mayor", "said", '"We are ready for the storm,"'),
            ("Officials", "said", "that schools would close"),
            (None, "according to", "Residents think the warning came late"),
        ],
        "wire_2016-01-02_budget": [
            ("The senator", "told", "that the budget would pass"),
            ("she", "said", '"It is a good deal,"'),
            ("Critics", "claimed", "that it cuts too deep"),
        ],
    }
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"{name}_a1.ann").write_text(
            brat(text, gold[name]), encoding="utf-8"
        )
    return tmp_path


def train(split: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "train", "--polnear", str(split), "--out",
         str(out), "--iterations", "1"],
        capture_output=True, text=True, timeout=300,
    )


def test_train_saves_a_model_that_loads_and_predicts(split, tmp_path, nlp):
    result = train(split, tmp_path / "model")
    assert result.returncode == 0, result.stderr
    assert "trained on 2 articles" in result.stderr
    path = tmp_path / "model" / "attribution.crfsuite"
    assert path.stat().st_size > 0
    tagger = AttributionFilter.load(path)
    with nlp.select_pipes(disable=["onrecord"]):
        doc = nlp(ARTICLES["wire_2016-01-02_budget"])
    attributions = find_attributions(doc, filter=tagger)
    assert attributions, "the trained filter kept nothing on its own training article"
    for a in attributions:
        assert 0.0 <= a.confidence <= 1.0
    # The span tagger is trained beside the filter and reads the same article.
    spans_path = tmp_path / "model" / "spans.crfsuite"
    spans = SpanTagger.load(spans_path)
    drafts, quotes = propose(doc, 0.0)
    labels, confidence = spans.label(doc, doc_features(doc, drafts, quotes))
    assert len(labels) == len(doc) and all(0.0 <= p <= 1.0 for p in confidence)
    assert set(labels) <= {"O"} | {f"{b}-{r}" for b in "BI" for r in "SCT"}
    # A second run on the same data gives the same models, byte for byte.
    again = train(split, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / "attribution.crfsuite").read_bytes() == path.read_bytes()
    assert (tmp_path / "again" / "spans.crfsuite").read_bytes() == spans_path.read_bytes()


def test_train_refuses_a_folder_that_is_not_a_split(tmp_path):
    result = train(tmp_path, tmp_path / "model")
    assert result.returncode == 2
    assert "not a PolNeAR split" in result.stderr


def test_filter_cross_validation_script_scores_each_fold(split, tmp_path):
    script = Path(__file__).resolve().parents[1] / "scripts" / "filter_cv.py"
    cache = tmp_path / "parse.spacy"
    command = [sys.executable, str(script), str(split), "--folds", "2", "--c2", "1", "5",
               "--cache", str(cache)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert [row[0] for row in rows] == ["2", "1", "5"]  # the summary line, then each c2
    for row in rows[1:]:
        figures = [float(x) for x in row[1:] if x != "/"]
        assert len(figures) == 6 and all(0.0 <= f <= 1.0 for f in figures)
    assert cache.is_file()  # the parse is kept for the next run
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.stdout == result.stdout  # deterministic, and the cached parse is the same
