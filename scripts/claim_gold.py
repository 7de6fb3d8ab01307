"""Claims on the claim gold set (evaluation/claims/): within articles, the claim groups and
relations onrecord finds; across articles, how well the sentence encoder's cosine at one
threshold tells the same claim from another.

    python scripts/claim_gold.py [--reader accurate|fast] [--threshold T] [--json FILE]

Within articles (each labelled article read by the pipeline): a labelled attribution is
found when a predicted one's content and its own overlap by half of the longer (the one
overlapping most; one to one);
a relation is right when its kind and both ends are (``reports`` to a nested attribution
no one labelled is not judged: the labellers added nested rows only where one takes part
in a group or another relation); claim grouping is scored on pairs of labelled
attributions, a pair predicted when both are found and their predicted attributions share
a claim. The grouping threshold is chosen on train's articles and pairs, as below.

The threshold is chosen on train's pairs (the lowest of those with train's best F1, then
the middle of that run of thresholds) and applied to dev's (``polnear_dev_pairs.tsv`` and
``polnear_dev_pairs2.tsv`` together); ``--threshold`` fixes it instead. Prints precision,
recall and F1 with their counts, and dev's F1 at each threshold beside it (read, never
chosen from). Contents are compared as ``claims.text.claim_text`` words them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.claims import compared_text  # noqa: E402
from onrecord.claims.embed import default_encoder  # noqa: E402
from onrecord.claims.group import group_claims  # noqa: E402
from onrecord.claims.relations import cosines as content_cosines  # noqa: E402
from onrecord.claims.relations import find_relations  # noqa: E402
from onrecord.claims.text import claim_text  # noqa: E402

GOLD = ROOT / "evaluation" / "claims"
GRID = [round(0.50 + 0.01 * i, 2) for i in range(46)]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
MIN_COVER = 0.5


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def cosines(rows: list[dict[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    encoder = default_encoder()
    a = encoder.embed([claim_text(r["content_a"]) for r in rows])
    b = encoder.embed([claim_text(r["content_b"]) for r in rows])
    return (a * b).sum(1), np.array([r["same"] == "1" for r in rows])


def scores(cos: np.ndarray, same: np.ndarray, threshold: float) -> dict[str, float]:
    said = cos >= threshold
    tp = int((said & same).sum())
    p = tp / max(int(said.sum()), 1)
    r = tp / max(int(same.sum()), 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "said": int(said.sum()),
            "same": int(same.sum()), "pairs": len(same)}  # fmt: skip


def chosen_on(cos: np.ndarray, same: np.ndarray) -> float:
    f1 = [scores(cos, same, t)["f1"] for t in GRID]
    best = max(f1)
    run = [t for t, f in zip(GRID, f1, strict=True) if f == best]
    return run[len(run) // 2]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _len(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _span_of(body: list[Any], attribution_id: str) -> tuple[int, int]:
    a = next(x for x in body if x.id == attribution_id)
    return a.content.start, a.content.end


@dataclass
class Read:
    """One labelled article as the pipeline read it, with what scoring needs."""

    gold: list[dict[str, str]]
    relations: list[dict[str, str]]
    found: dict[str, str]  # gold eid -> predicted attribution id
    back: dict[str, str]  # predicted attribution id -> gold eid
    predicted: list[Any]  # Relation
    doc: Any
    body: list[Any]
    similarity: dict[tuple[str, str], float]


def read_articles(split: str, reader: str) -> list[Read]:
    from onrecord.pipeline import load_pipeline

    nlp = load_pipeline(reader=reader, claims=False)
    # Each split's sheets: dev's one round, train's two (polnear_train_attributions2.tsv ...).
    rows, rels = [], []
    for sheet in sorted(GOLD.glob(f"polnear_{split}_attributions*.tsv")):
        rows += read(sheet)
        rels += read(sheet.with_name(sheet.name.replace("attributions", "relations")))
    out = []
    encoder = default_encoder()
    for article in dict.fromkeys(r["article"] for r in rows):
        gold = [r for r in rows if r["article"] == article]
        path = POLNEAR / split / "text" / f"{article}.txt"
        with path.open(encoding="utf-8", newline="") as fh:
            doc = nlp(fh.read())
        body = [a for a in doc._.attributions if not a.in_boilerplate]
        entities = {e.id: e for e in doc._.speakers or []}
        vectors = encoder.embed([compared_text(a, entities, doc.text) for a in body])
        similarity = content_cosines([a.id for a in body], vectors)
        found, back = {}, {}
        spans = {g["eid"]: (int(g["content_start"]), int(g["content_end"])) for g in gold}
        for a in body:
            mine = (a.content.start, a.content.end)
            cover, eid = max(((_overlap(mine, span), e) for e, span in spans.items()),
                             default=(0, ""))  # fmt: skip
            if (
                cover
                and cover >= MIN_COVER * max(mine[1] - mine[0], _len(spans[eid]))
                and (eid not in found or cover > _overlap(spans[eid], _span_of(body, found[eid])))
            ):
                found[eid] = a.id
        # One to one: a labelled attribution is the predicted one that covers it best, so an
        # attribution nested in another (which covers much of the same words) is not taken
        # for the outer one's row.
        back = {a_id: eid for eid, a_id in found.items()}
        relations = find_relations(doc, body, similarity)
        out.append(Read(gold, [r for r in rels if r["article"] == article], found, back,
                        relations, doc, body, similarity))  # fmt: skip
    return out


def pair_scores(reads: list[Read], threshold: float) -> dict[str, float]:
    gold_pairs, said_pairs = set(), set()
    for n, r in enumerate(reads):
        claim_of = {}
        for c in group_claims(r.doc, r.body, r.similarity, threshold):
            for i in c.attributions:
                claim_of[i] = c.id
        eids = [g["eid"] for g in r.gold]
        label = {g["eid"]: g["claim"] for g in r.gold}
        for i, x in enumerate(eids):
            for y in eids[i + 1 :]:
                if label[x] and label[x] == label[y]:
                    gold_pairs.add((n, x, y))
                px, py = r.found.get(x), r.found.get(y)
                if (
                    px
                    and py
                    and px != py
                    and claim_of.get(px)
                    and claim_of.get(px) == claim_of.get(py)
                ):
                    said_pairs.add((n, x, y))
    return _prf(len(gold_pairs & said_pairs), len(said_pairs), len(gold_pairs))


def relation_scores(reads: list[Read]) -> dict[str, Any]:
    gold, said = set(), set()
    unjudged = 0
    for n, r in enumerate(reads):
        for g in r.relations:
            gold.add((n, g["kind"], g["from"], g["to"]))
        for p in r.predicted:
            ends = r.back.get(p.from_), r.back.get(p.to)
            if p.kind == "reports" and ends[1] is None:
                unjudged += 1
                continue
            said.add((n, p.kind, *ends))
    scores = _prf(len(gold & said), len(said), len(gold))
    scores["unjudged reports"] = unjudged
    by_kind = {}
    for kind in ("supports", "disputes", "reports", "responds"):
        g = {x for x in gold if x[1] == kind}
        s_ = {x for x in said if x[1] == kind}
        by_kind[kind] = f"{len(g & s_)} right of {len(s_)} said, {len(g)} labelled"
    scores["by kind"] = by_kind
    return scores


def _prf(tp: int, said: int, gold: int) -> dict[str, Any]:
    p = tp / said if said else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "right": tp, "said": said, "labelled": gold}  # fmt: skip


def _line(name: str, s: dict[str, Any]) -> str:
    return (f"{name:22} P {s['precision']:.3f} ({s['right']}/{s['said']})  "
            f"R {s['recall']:.3f} ({s['right']}/{s['labelled']})  F1 {s['f1']:.3f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, help="the pairs' threshold (and the grouping's)")
    ap.add_argument("--reader", default="accurate", choices=["accurate", "fast"])
    ap.add_argument("--no-within", action="store_true", help="only the cross-article pairs")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    train_cos, train_same = cosines(read(GOLD / "polnear_train_pairs.tsv"))
    dev_rows = read(GOLD / "polnear_dev_pairs.tsv") + read(GOLD / "polnear_dev_pairs2.tsv")
    dev_cos, dev_same = cosines(dev_rows)
    threshold = args.threshold if args.threshold is not None else chosen_on(train_cos, train_same)
    train, dev = scores(train_cos, train_same, threshold), scores(dev_cos, dev_same, threshold)
    print(f"threshold {threshold:.2f} ({'given' if args.threshold is not None else 'train'})")
    for name, s in (("train", train), ("dev", dev)):
        print(f"{name:5} P {s['precision']:.3f} ({s['tp']}/{s['said']})  "
              f"R {s['recall']:.3f} ({s['tp']}/{s['same']})  F1 {s['f1']:.3f}  "
              f"of {s['pairs']} pairs")  # fmt: skip
    curve = {t: round(scores(dev_cos, dev_same, t)["f1"], 3) for t in GRID[::5]}
    print("dev F1 by threshold (read, not chosen from):", curve)
    report: dict[str, Any] = {"pairs": {"threshold": threshold, "train": train, "dev": dev,
                                        "dev_f1_by_threshold": curve}}  # fmt: skip
    if not args.no_within:
        train_reads, dev_reads = (
            read_articles("train", args.reader),
            read_articles("dev", args.reader),
        )
        if args.threshold is not None:
            within = args.threshold
        else:
            # On train's labelled groups: one article's claim in two wordings (a headline and
            # its lead) sits lower than two articles' copies of one quotation.
            f1 = [pair_scores(train_reads, t)["f1"] for t in GRID]
            run = [t for t, f in zip(GRID, f1, strict=True) if f == max(f1)]
            within = run[len(run) // 2]
        print(f"\nwithin articles ({args.reader} reader), grouping threshold {within:.2f}")
        curve = {t: round(pair_scores(train_reads, t)["f1"], 3) for t in GRID[::5]}
        print("train grouping F1 by threshold:", curve)
        report["within"] = {"threshold": within, "reader": args.reader}
        for name, reads in (("train", train_reads), ("dev", dev_reads)):
            found = sum(len(r.found) for r in reads)
            labelled = sum(len(r.gold) for r in reads)
            grouping, relations = pair_scores(reads, within), relation_scores(reads)
            print(f"{name}: {len(reads)} articles, {found}/{labelled} labelled attributions found")
            print(_line("  claim grouping pairs", grouping))
            print(
                _line("  relations", relations),
                f"({relations['unjudged reports']} reports not judged)",
            )
            print("   ", relations["by kind"])
            report["within"][name] = {"found": found, "labelled": labelled,
                                      "grouping": grouping, "relations": relations}  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
