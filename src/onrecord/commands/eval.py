"""``onrecord eval polnear DIR``: score onrecord (and a baseline) against PolNeAR gold."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from onrecord import __version__, settings
from onrecord.commands.exits import Exit
from onrecord.commands.options import add_pipeline_options, check_output, probability
from onrecord.commands.progress import spinner
from onrecord.document import Document
from onrecord.errors import InputError
from onrecord.evaluate.polnear import read_split
from onrecord.evaluate.report import (
    SystemResult,
    pieces_table,
    print_scores,
    write_errors,
    write_json,
)
from onrecord.evaluate.scorer import align, summarise
from onrecord.record import Article, confident
from onrecord.scope import DEFAULT_SCOPE, SCOPES, select, selection

Predict = Callable[[list[Document]], Iterable[Article]]
BASELINES: tuple[str, ...] = ("textacy",)


@dataclass
class System:
    """A named system to score. ``load`` does the slow setup (loading pipelines) and returns
    the prediction function, so only prediction is timed."""

    name: str
    load: Callable[[], Predict]


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score onrecord against an annotated corpus",
        description="Score onrecord against an annotated corpus. See docs/evaluation.md.",
    )
    corpora = parser.add_subparsers(dest="corpus", metavar="CORPUS")
    parser.set_defaults(func=lambda args: _usage(parser))
    p = corpora.add_parser(
        "polnear",
        help="a PolNeAR split (text/ and attributions/)",
        description=(
            "Score onrecord on a PolNeAR split: content, source and cue spans, exact match and "
            "token overlap, precision/recall/F1, and documents per second."
        ),
    )
    p.add_argument("dir", metavar="DIR", type=Path, help="the split folder, e.g. .../polnear/dev")
    p.add_argument("--json", metavar="OUT", type=Path, help="write every number to OUT as JSON")
    p.add_argument(
        "--errors",
        metavar="FILE",
        type=Path,
        help="write misses, false positives and boundary errors to FILE (JSON Lines)",
    )
    p.add_argument(
        "--baseline",
        choices=BASELINES,
        action="append",
        default=[],
        help="also score a baseline system (needs onrecord[baseline])",
    )
    add_pipeline_options(p)
    p.add_argument(
        "--no-spans",
        action="store_true",
        help="also score the learned filter without the span tagger (a row of its own)",
    )
    p.add_argument(
        "--min-confidence",
        type=probability,
        action="append",
        default=[],
        metavar="P",
        help="also score the first system keeping only attributions of confidence >= P, from "
        "the same run (repeat for a precision/recall curve)",
    )
    p.add_argument(
        "--scope",
        choices=SCOPES,
        default=DEFAULT_SCOPE,
        help="the scope of the quotation-pieces table (a source audit's metric): all, or "
        "speech (gold narrowed to reported speech as the prediction is; docs/evaluation.md). "
        "The PolNeAR table always scores every attribution",
    )
    p.add_argument("--limit", type=_positive_int, metavar="N", help="the first N articles only")
    p.set_defaults(func=run_polnear)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return Exit.USAGE


def onrecord_systems(
    model: str | None, no_model: bool, no_spans: bool = False, reader: str | None = None
) -> list[System]:
    """The readers (the one named, else accurate when its model is installed, then fast),
    the fast reader's filter without its span tagger (with ``no_spans``), then the rules
    alone."""
    from onrecord import pipeline

    def loader(name: str, use_model: bool = True, use_spans: bool = True) -> Callable[[], Predict]:
        def load() -> Predict:
            nlp = pipeline.load_pipeline(
                model, use_model=use_model, use_spans=use_spans, reader=name
            )
            return lambda docs: pipeline.extract_many(docs, nlp=nlp)

        return load

    systems = []
    if not no_model:
        readers = [reader] if reader else list(settings.READERS)
        for name in readers:
            if name == "accurate" and not (reader or settings.encoder_model().is_file()):
                continue
            if name == "fast" and not pipeline.has_trained_model():
                continue
            systems.append(System(f"onrecord --reader {name}", loader(name)))
        if no_spans and pipeline.has_trained_model():
            systems.append(System("onrecord --reader fast --no-spans", loader("fast", True, False)))
    systems.append(System("onrecord --no-model", loader("fast", use_model=False)))
    return systems


def baseline_system(name: str, model: str | None) -> System:
    if name != "textacy":
        raise InputError(f"unknown baseline {name!r}")

    def load() -> Predict:
        try:
            import textacy  # noqa: F401
        except ImportError as exc:
            raise InputError(
                "the textacy baseline needs textacy: pip install 'onrecord[baseline]'"
            ) from exc
        from onrecord.evaluate.baselines import load_textacy_pipeline, textacy_extract_many

        nlp = load_textacy_pipeline(settings.spacy_pipeline(model))
        return lambda docs: textacy_extract_many(docs, nlp)

    return System("textacy", load)


def run_system(system: System, gold: Sequence[Article]) -> SystemResult:
    predict = system.load()
    documents = [Document(text=a.text, id=a.id, source=a.source) for a in gold]
    started = time.perf_counter()
    predicted = list(predict(documents))
    seconds = time.perf_counter() - started
    alignments = align(gold, predicted)
    return SystemResult(system.name, summarise(alignments, seconds), alignments, predicted)


def at_confidence(result: SystemResult, gold: Sequence[Article], p: float) -> SystemResult:
    """The system's own predictions with only the attributions of confidence >= ``p``: the
    run is not repeated, so its speed is the system's."""
    predicted = [confident(article, p) for article in result.predicted]
    alignments = align(gold, predicted)
    return SystemResult(
        f"{result.name} >= {p:g}",
        summarise(alignments, result.scores.seconds),
        alignments,
        predicted,
    )


def evaluate(gold: Sequence[Article], systems: Sequence[System]) -> list[SystemResult]:
    results = []
    for system in systems:
        with spinner(f"running {system.name} on {len(gold)} articles"):
            results.append(run_system(system, gold))
    return results


def score_pieces_in_scope(
    results: Sequence[SystemResult], gold: Sequence[Article], scope: str, model: str | None
) -> None:
    """Each result's quotation pieces in the scope, against gold narrowed the same way."""
    from onrecord.evaluate.pieces import THRESHOLDS, score_pieces, speech_gold

    scoped_gold = list(gold)
    if scope == "speech":
        import spacy

        with spinner("reading which gold attributions are speech"):
            scoped_gold = speech_gold(gold, spacy.load(settings.spacy_pipeline(model)))
    chosen = selection(scope)
    for result in results:
        predicted = [select(a, chosen) for a in result.predicted]
        result.pieces = {
            "scope": scope,
            "gold_attributions": sum(len(a.attributions) for a in scoped_gold),
            "thresholds": [score_pieces(scoped_gold, predicted, t).to_dict() for t in THRESHOLDS],
        }


def run_polnear(args: argparse.Namespace) -> int:
    for option, path in (("--json", args.json), ("--errors", args.errors)):
        if path:
            check_output(option, path)
    gold = read_split(args.dir, args.limit)
    if not gold:
        raise InputError(f"{args.dir}: no annotated articles")
    systems = onrecord_systems(args.model, args.no_model, args.no_spans, args.reader)
    systems += [baseline_system(name, args.model) for name in dict.fromkeys(args.baseline)]
    results = evaluate(gold, systems)
    results[1:1] = [at_confidence(results[0], gold, p) for p in sorted(set(args.min_confidence))]
    console = Console()
    print_scores(results, console, title=f"PolNeAR {args.dir} ({len(gold)} articles)")
    score_pieces_in_scope(results, gold, args.scope, args.model)
    console.print(pieces_table(results, args.scope))
    if args.json:
        meta = {
            "onrecord": __version__,
            "corpus": "polnear",
            "dir": str(args.dir),
            "documents": len(gold),
            "gold_attributions": sum(len(a.attributions) for a in gold),
            "limit": args.limit,
            "model": args.model,
        }
        write_json(args.json, results, meta)
    if args.errors:
        n = write_errors(args.errors, results)
        Console(stderr=True).print(f"{n} errors written to {args.errors}", highlight=False)
    return Exit.OK
