"""Showing scores: a rich table, a JSON file of every number, and a JSON Lines file of every
error (misses, false positives, boundary errors) with the text around it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from onrecord.evaluate.scorer import ROLES, DocAlignment, Scores, normalised_extent
from onrecord.record import Article, Attribution, Span

# A paragraph can be a whole article when the text has no line breaks; past this many
# characters either side of the error the context is cut.
CONTEXT_CHARS = 400
TABLE_WIDTH = 120


@dataclass
class SystemResult:
    """One system's run: its name, its scores, the alignments behind them and the records
    it predicted."""

    name: str
    scores: Scores
    alignments: list[DocAlignment]
    predicted: list[Article] = field(default_factory=list)
    # Quotation pieces in a scope (``evaluate.pieces``): {"scope": ..., "thresholds": [...]}.
    pieces: dict[str, Any] = field(default_factory=dict)


# --- table -----------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def scores_table(results: Sequence[SystemResult], title: str = "") -> Table:
    table = Table(title=title or None, show_lines=False)
    table.add_column("system", no_wrap=True)
    table.add_column("role", no_wrap=True)
    for method in ("exact", "overlap"):
        for metric in ("P", "R", "F1"):
            table.add_column(f"{method} {metric}", justify="right")
    table.add_column("docs/s", justify="right")
    for result in results:
        dps = result.scores.docs_per_second
        for n, role in enumerate(ROLES):
            rs = result.scores.roles[role]
            cells = [
                _pct(prf.precision if m == "P" else prf.recall if m == "R" else prf.f1)
                for prf in (rs.exact, rs.overlap)
                for m in ("P", "R", "F1")
            ]
            table.add_row(
                result.name if n == 0 else "",
                role,
                *cells,
                (f"{dps:.1f}" if dps is not None else "-") if n == 0 else "",
                end_section=n == len(ROLES) - 1,
            )
    return table


def print_scores(
    results: Sequence[SystemResult], console: Console | None = None, title: str = ""
) -> None:
    console = console or Console()
    if not console.is_terminal:
        # Piped output would be cut to 80 columns and squeeze the numbers; files can be wide.
        console.width = max(console.width, TABLE_WIDTH)
    console.print(scores_table(results, title))
    for result in results:
        s = result.scores
        kinds = ", ".join(f"{k} {v}" for k, v in s.predicted_kinds.items())
        console.print(
            f"{result.name}: {s.predicted_attributions} predicted ({kinds}), "
            f"{s.gold_attributions} gold, {s.paired} paired, {s.docs} docs",
            highlight=False,
        )


# --- JSON ------------------------------------------------------------------------------------


def results_dict(results: Sequence[SystemResult], meta: dict[str, Any]) -> dict[str, Any]:
    return {
        **meta,
        "systems": {
            r.name: {**r.scores.to_dict(), **({"pieces": r.pieces} if r.pieces else {})}
            for r in results
        },
    }


def pieces_table(results: Sequence[SystemResult], scope: str) -> Table:
    """Quotation pieces found (recall) and right (precision) past each coverage threshold."""
    table = Table(title=f"Quotation pieces, scope {scope} (a piece counts when more than the "
                        "share of its characters is covered)")  # fmt: skip
    table.add_column("system", no_wrap=True)
    table.add_column("gold", justify="right")
    table.add_column("predicted", justify="right")
    for t in (results[0].pieces.get("thresholds") or []) if results else []:
        for metric in ("P", "R", "F1"):
            table.add_column(f">{t['threshold']:g} {metric}", justify="right")
    for r in results:
        rows = r.pieces.get("thresholds") or []
        if not rows:
            continue
        cells = [_pct(row[k]) for row in rows for k in ("precision", "recall", "f1")]
        table.add_row(r.name, str(rows[0]["gold_pieces"]), str(rows[0]["predicted_pieces"]),
                      *cells)  # fmt: skip
    return table


def write_json(path: str | Path, results: Sequence[SystemResult], meta: dict[str, Any]) -> None:
    Path(path).write_text(
        json.dumps(results_dict(results, meta), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


# --- errors ----------------------------------------------------------------------------------


def attribution_summary(attribution: Attribution) -> dict[str, Any]:
    d = attribution.to_dict()
    return {k: d[k] for k in ("id", "kind", "content", "cue", "source", "confidence")}


def _spans(attribution: Attribution | None) -> list[Span]:
    if attribution is None:
        return []
    return [s for role in ROLES if (s := getattr(attribution, role)) is not None]


def context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> dict[str, Any]:
    """The paragraph(s) around ``start..end``, cut to ``limit`` characters either side."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    lo, hi = max(lo, start - limit), min(hi, end + limit)
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def differing_roles(text: str, gold: Attribution, predicted: Attribution) -> list[str]:
    """Roles whose normalised extents differ, a missing span counting as different."""
    out = []
    for role in ROLES:
        g, p = getattr(gold, role), getattr(predicted, role)
        if g is None and p is None:
            continue
        if g is None or p is None or normalised_extent(text, g) != normalised_extent(text, p):
            out.append(role)
    return out


def _record(
    system: str,
    doc: DocAlignment,
    kind: str,
    gold: Attribution | None,
    predicted: Attribution | None,
    **extra: Any,
) -> dict[str, Any]:
    spans = _spans(gold) + _spans(predicted)
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    return {
        "system": system,
        "doc": doc.article.id,
        "type": kind,
        **extra,
        "gold": attribution_summary(gold) if gold is not None else None,
        "predicted": attribution_summary(predicted) if predicted is not None else None,
        "context": context(doc.article.text, start, end),
    }


def error_records(system: str, alignments: Iterable[DocAlignment]) -> Iterator[dict[str, Any]]:
    """Every miss (gold with no paired prediction), false positive (prediction with no
    paired gold) and boundary error (a pair whose spans differ in some role)."""
    for doc in alignments:
        text = doc.article.text
        records = [_record(system, doc, "miss", doc.gold[i], None) for i in doc.unpaired_gold]
        records += [
            _record(system, doc, "false_positive", None, doc.predicted[j])
            for j in doc.unpaired_predicted
        ]
        for pair in doc.pairs:
            g, p = doc.gold[pair.gold], doc.predicted[pair.predicted]
            roles = differing_roles(text, g, p)
            if roles:
                extra = {"roles": roles, "content_overlap": pair.overlap}
                records.append(_record(system, doc, "boundary", g, p, **extra))
        # In reading order, so a file of errors reads alongside the article.
        yield from sorted(records, key=lambda r: (r["context"]["start"], r["type"]))


def write_errors(path: str | Path, results: Sequence[SystemResult]) -> int:
    """Write every system's errors as JSON Lines; returns how many were written."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for result in results:
            for record in error_records(result.name, result.alignments):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n
