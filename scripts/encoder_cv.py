"""K-fold cross-validation of the accurate reader on a PolNeAR split (train only).

    python scripts/encoder_cv.py ../shared/corpora/polnear/train --work /tmp/encoder-cv
        [--folds 2] [--fold N] [--cache /tmp/train.spacy] [--threads 2]

For each fold: fine-tune the encoder on the other folds with the shipped recipe
(onrecord.encoder.config.TrainConfig) into WORK/foldN, export it, train the learned filter and
the CRF span tagger on the same articles, then read the fold with the accurate reader (the
encoder mixed with the fold's CRF) and score it with the real scorer. Training resumes from
WORK after an interruption (each fold keeps its checkpoint), and a fold whose scores are in
WORK/foldN/scores.json is not run again, so the same command picks up where a cut job stopped.
On 2 cores a fold of PolNeAR train takes about 35 minutes, and 5 more for its CRF models.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from filter_cv import parsed

from onrecord.attribution import find_attributions, propose, span_tagger
from onrecord.attribution.filter import AttributionFilter, train
from onrecord.attribution.span_tagger import SpanTagger
from onrecord.clean import find_boilerplate
from onrecord.encoder.config import TrainConfig
from onrecord.encoder.export import export
from onrecord.encoder.tagger import EncoderTagger, FusedTagger
from onrecord.encoder.train import train as train_encoder
from onrecord.evaluate import read_split, score
from onrecord.pipeline import load_pipeline
from onrecord.record import Article
from onrecord.training import labelled_candidates, labelled_paragraphs

ROLES = ("content", "source", "cue")


def run_fold(fold: int, folds: int, docs: list, golds: list[Article], work: Path, threads: int):
    out = work / f"fold{fold}"
    done = out / "scores.json"
    if done.is_file():
        return json.loads(done.read_text())
    training = [i for i in range(len(golds)) if i % folds != fold]
    held = [i for i in range(len(golds)) if i % folds == fold]
    config = TrainConfig(threads=threads)
    weights = train_encoder([golds[i] for i in training], out, config=config)
    assert weights is not None
    model = out / "onnx" / "reader.onnx"
    if not model.is_file():
        export(out, out / "onnx")
    encoder = EncoderTagger.load(model, threads=threads)
    examples = [
        e for i in training for e in labelled_candidates(docs[i], golds[i], propose(docs[i], 0.0))
    ]
    paragraphs = [
        p for i in training for p in labelled_paragraphs(docs[i], golds[i], propose(docs[i], 0.0))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        filter = AttributionFilter.load(train(examples, Path(tmp) / "filter.crfsuite"))
        # The fold's own CRF span tagger, mixed in as the accurate reader does.
        crf = SpanTagger.load(span_tagger.train(paragraphs, Path(tmp) / "spans.crfsuite"))
    mixed = FusedTagger(encoder, crf)
    predicted = [
        Article(
            id=golds[i].id,
            text=docs[i].text,
            attributions=find_attributions(
                docs[i], boilerplate=find_boilerplate(docs[i].text), filter=filter, encoder=mixed
            ),
        )
        for i in held
    ]
    found = score([golds[i] for i in held], predicted).to_dict()
    result = {
        r: {"exact": found[r]["exact"]["f1"], "overlap": found[r]["overlap"]["f1"]} for r in ROLES
    }
    done.write_text(json.dumps(result, indent=2) + "\n")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="a PolNeAR split (train)")
    parser.add_argument("--work", type=Path, required=True, help="checkpoints and fold results")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="keep the parse here (a .spacy file)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fold", type=int, help="run (or read) only this fold, 0-based")
    args = parser.parse_args(argv)
    golds = read_split(args.split)
    docs = parsed([g.text for g in golds], load_pipeline(use_model=False), args.cache)
    chosen = range(args.folds) if args.fold is None else [args.fold]
    results = [run_fold(f, args.folds, docs, golds, args.work, args.threads) for f in chosen]
    print(f"{len(golds)} articles, {args.folds} folds, the accurate reader")
    print("fold  " + "".join(f"{r + ' exact / overlap':>26}" for r in ROLES))
    for f, result in [*zip(chosen, results, strict=True), ("mean", None)]:
        rows = results if result is None else [result]
        cells = "".join(
            f"{sum(x[r]['exact'] for x in rows) / len(rows):>17.4f} / "
            f"{sum(x[r]['overlap'] for x in rows) / len(rows):.4f}"
            for r in ROLES
        )
        print(f"{f!s:<6}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
