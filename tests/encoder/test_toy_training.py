"""A toy encoder through the whole recipe in seconds: training, an interrupted run resumed to
the same weights, export to int8 ONNX, and inference without torch."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.cli import main
from onrecord.evaluate.polnear import attributions_from_ann
from onrecord.record import Article
from support.toy_encoder import write_toy_encoder

torch = pytest.importorskip("torch", reason="the train extra (torch) is not installed")
pytest.importorskip("transformers", reason="the train extra (transformers) is not installed")

TEXTS = [
    "Smith said the vote was rigged. Jones told reporters it was not.",
    "The mayor said taxes would rise. Residents were angry.",
    "Police said the man fled. A witness said he ran north.",
]


def _ann(text: str) -> str:
    """Every "X said Y." sentence as source, cue and content (first to the period)."""
    lines, t, e = [], 1, 1
    start = 0
    for sentence in text.split(". "):
        for cue in (" said ", " told reporters "):
            if cue in sentence:
                source_end = sentence.index(cue)
                cue_start, cue_end = start + source_end + 1, start + source_end + len(cue) - 1
                spans = [
                    ("Source", start, start + source_end),
                    ("Cue", cue_start, cue_end),
                    ("Content", cue_end + 1, start + len(sentence.rstrip("."))),
                ]
                ids = []
                for role, a, b in spans:
                    lines.append(f"T{t}\t{role} {a} {b}\t{text[a:b]}")
                    ids.append((role, t))
                    t += 1
                lines.append(f"T{t}\tAttribution {cue_start} {cue_end}\t{text[cue_start:cue_end]}")
                args = " ".join(f"{role}:T{i}" for role, i in ids)
                lines.append(f"E{e}\tAttribution:T{t} {args}")
                t, e = t + 1, e + 1
                break
        start += len(sentence) + 2
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("polnear") / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for n, text in enumerate(TEXTS):
        (root / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"a{n}_x.ann").write_text(_ann(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_toy_encoder(tmp_path_factory.mktemp("toy"))


def test_the_fixture_gold_is_what_it_says() -> None:
    gold = attributions_from_ann(TEXTS[0], _ann(TEXTS[0]))
    assert [(a.source.text, a.cue.text, a.content.text) for a in gold] == [
        ("Smith", "said", "the vote was rigged"),
        ("Jones", "told reporters", "it was not"),
    ]


def _train(split: Path, toy: Path, out: Path, *extra: str) -> int:
    args = ["train", "--encoder", "--polnear", str(split), "--out", str(out), "--base", str(toy)]
    return main([*args, "--epochs", "3", "--batch-size", "1", "--lr", "1e-3", *extra])


@pytest.fixture(scope="module")
def straight(split: Path, toy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("straight")
    assert _train(split, toy, out) == 0
    return out


def test_an_interrupted_run_resumes_to_the_same_weights(
    split: Path, toy: Path, straight: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert _train(split, toy, tmp_path, "--max-steps", "4") == 0
    assert not (tmp_path / "onnx" / "reader.onnx").exists()  # stopped, not finished
    assert _train(split, toy, tmp_path) == 0
    assert "resuming at step 4 of 9" in capsys.readouterr().err
    a = torch.load(straight / "model.pt", weights_only=True)
    b = torch.load(tmp_path / "model.pt", weights_only=True)
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert sorted(p.name for p in tmp_path.glob("epoch-*.pt")) == [
        "epoch-1.pt",
        "epoch-2.pt",
        "epoch-3.pt",
    ]


def test_training_learns_the_toy_labels(straight: Path) -> None:
    import json

    progress = [
        json.loads(line) for line in (straight / "progress.jsonl").read_text().split("\n") if line
    ]
    assert progress[-1]["step"] == 9 and progress[-1]["total"] == 9


def test_the_exported_model_reads_without_torch(straight: Path, nlp) -> None:
    from onrecord.encoder.labels import LABELS
    from onrecord.encoder.tagger import EncoderTagger

    tagger = EncoderTagger.load(straight / "onnx" / "reader.onnx")
    text = TEXTS[0] + "\n\n" + "Words go on. " * 300  # several windows
    pieces, probs = tagger.probabilities(text)
    assert probs.shape == (len(pieces), len(LABELS)) and len(pieces) > 512
    assert probs.sum(axis=1) == pytest.approx(1.0, abs=1e-4)
    doc = nlp(TEXTS[0])
    labels, confidence = tagger.label(doc)
    assert len(labels) == len(doc) and all(0.0 <= c <= 1.0 + 1e-6 for c in confidence)
    assert tagger.label(doc) == (labels, confidence)  # deterministic
    assert all(label == "O" or label[:2] in {"B-", "I-"} for label in labels)


@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "\ud800 lone \udfff surrogates", "\x00\x07\x1b", "。。。"]
)
def test_odd_text_reads_as_an_empty_or_a_clear_result(straight: Path, text: str) -> None:
    from onrecord.encoder.tagger import EncoderTagger

    tagger = EncoderTagger.load(straight / "onnx" / "reader.onnx")
    pieces, probs = tagger.probabilities(text)
    assert probs.shape[0] == len(pieces)
    assert all(0 <= s <= e <= len(text) for s, e in pieces.offsets)


def test_gold_article_type() -> None:
    assert Article(id="x", text="").reader is None
