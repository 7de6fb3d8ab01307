"""``onrecord train --polnear DIR --out DIR``: fit the learned attribution filter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onrecord.commands.exits import Exit
from onrecord.commands.options import add_model_option
from onrecord.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "train",
        help="train the learned attribution filter and span tagger on a PolNeAR split",
        description="Train the attribution filter and the span tagger on a PolNeAR split "
        "(text/ + attributions/). Deterministic; CPU only. Copy both files to "
        "src/onrecord/data/ to ship them, or point ONRECORD_ATTRIBUTION_MODEL at "
        "attribution.crfsuite (spans.crfsuite is read from beside it).",
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
