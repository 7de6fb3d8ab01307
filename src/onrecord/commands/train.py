"""``onrecord train --polnear DIR --out DIR``: fit the learned attribution filter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onrecord.commands.options import add_model_option
from onrecord.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "train",
        help="train the learned attribution filter on a PolNeAR split",
        description="Train the attribution filter on a PolNeAR split (text/ + attributions/). "
        "Deterministic; CPU only. Copy the result to src/onrecord/data/ to ship it, or point "
        "ONRECORD_ATTRIBUTION_MODEL at it.",
    )
    p.add_argument("--polnear", required=True, metavar="DIR", help="a PolNeAR split directory")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the model")
    add_model_option(p)
    p.add_argument("--limit", type=int, help="train on the first N articles only")
    p.add_argument("--c2", type=float, help="L2 regularisation (default: 5.0, chosen by CV)")
    p.add_argument("--iterations", type=int, default=200, help="L-BFGS iterations (default: 200)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from onrecord.attribution.learned import C2
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
        max_iterations=args.iterations,
    )
    print(
        f"trained on {report.articles} articles: {report.candidates} candidates "
        f"({report.positives} attributions) in {report.seconds:.0f}s -> {report.path}",
        file=sys.stderr,
    )
    return 0
