"""Write the unlabelled sheets of the claim gold set (evaluation/claims/), chosen by rule
before anyone labels them and before onrecord finds any claim.

    python scripts/claim_candidates.py [--polnear DIR] [--out evaluation/claims]

- ``polnear_<split>_attributions.tsv``: every PolNeAR attribution of the chosen articles, one
  row each, with its Source, Cue and Content offsets and text and empty ``claim`` and
  ``note`` columns for the labeller (who also adds rows for nested attributions PolNeAR does
  not annotate). Dev: the speaker gold set's first 24 articles in name order
  (evaluation/speakers/polnear_dev.tsv; chosen there by a rule of their own). Train: 8
  articles with 15 to 40 attributions, drawn with a fixed seed.
- ``polnear_<split>_pairs.tsv``: pairs of attributions of two different articles published
  at most 3 days apart, with empty ``same`` and ``note`` columns. Drawn so that both answers
  occur: a third among the pairs whose contents share the most content words (tf-idf
  cosine), a third among middling ones, a third at random among pairs whose sources share a
  capitalised word (the same person or body, speaking in two articles). Dev 240, train 160.
- ``polnear_dev_pairs2.tsv``: a second dev round, because dev's 84 articles share few
  events (the first round has 8 same-claim pairs of 240): an attribution of a dev article
  paired with one of a dev or train article at most 3 days apart, never two copies of one
  story (articles sharing a fifth of their sentences), contents of 6 words or more; 60%
  among the most similar (tf-idf cosine >= 0.3), 40% at random among pairs whose sources
  share a capitalised word. 200 pairs. Only the dev side is measured; train articles
  appear as the other end, as any article of a corpus would.

Nothing here reads PolNeAR's test split.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.evaluate.polnear import annotation_files, attributions_from_ann, read_text  # noqa: E402

SEED = 20261204
DEV_ARTICLES = 24
TRAIN_ARTICLES = 8
TRAIN_MORE = 16
TRAIN_THIRD = 36
PAIRS = {"dev": 240, "train": 160}
MAX_DAYS = 3
MIN_WORDS = 5
_STOP_WORDS = (
    "a an the of to in on for and or but is are was were be been being that this these those "
    "it its he she they we you i his her their our your him them us me with as at by from "
    "has have had not no will would could should can may might do does did said says say "
    "about than then there here what which who whom whose when where why how all any some "
    "more most very just also so if into over after before up out"
)
STOP = frozenset(_STOP_WORDS.split())
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text) if w.lower() not in STOP]


def tfidf(texts: list[str]) -> list[dict[str, float]]:
    """Each text's unit tf-idf vector over its content words."""
    docs = [Counter(words(t)) for t in texts]
    df = Counter(w for d in docs for w in d)
    idf = {w: math.log(len(docs) / c) for w, c in df.items()}
    vecs = []
    for d in docs:
        v = {w: c * idf[w] for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(x * vb.get(w, 0.0) for w, x in va.items())


def pair_row(a: tuple, b: tuple, with_split: bool) -> dict[str, str]:
    """A sheet row for a pair of (article, eid, source, content, day[, split]) items."""
    row = {"article_a": a[0], "eid_a": a[1], "source_a": a[2], "content_a": a[3]}
    if with_split:
        row["split_b"] = b[5]
    row.update(article_b=b[0], eid_b=b[1], source_b=b[2], content_b=b[3], same="", note="")
    return row


def clip(text: str) -> str:
    return " ".join(text.split())


def attribution_rows(split_dir: Path, names: list[str]) -> list[dict[str, str]]:
    files = annotation_files(split_dir)
    rows = []
    for name in names:
        text = read_text(split_dir / "text" / f"{name}.txt")
        ann = files[name]
        for a in attributions_from_ann(text, ann.read_text(encoding="utf-8"), str(ann)):
            row = {"article": name, "ann": ann.name, "eid": a.id}
            for role in ("source", "cue", "content"):
                span = getattr(a, role)
                row[f"{role}_start"] = str(span.start) if span else ""
                row[f"{role}_end"] = str(span.end) if span else ""
                row[role] = clip(span.text) if span else ""
            row.update(claim="", note="")
            rows.append(row)
    return rows


def article_date(split_dir: Path, name: str) -> date | None:
    m = re.search(r"_(\d{4})-(\d{2})-(\d{2})_", name)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def candidate_pairs(split_dir: Path, n: int, rng: random.Random) -> list[dict[str, str]]:
    files = annotation_files(split_dir)
    items = []  # (article, eid, source, content, day)
    for name, ann in sorted(files.items()):
        day = article_date(split_dir, name)
        text = read_text(split_dir / "text" / f"{name}.txt")
        for a in attributions_from_ann(text, ann.read_text(encoding="utf-8"), str(ann)):
            if len(a.content.text.split()) >= MIN_WORDS and day is not None:
                src = clip(a.source.text) if a.source else ""
                items.append((name, a.id, src, clip(a.content.text), day))
    vecs = tfidf([it[3] for it in items])
    by_day: dict[date, list[int]] = {}
    for i, it in enumerate(items):
        by_day.setdefault(it[4], []).append(i)
    days = sorted(by_day)
    scored: list[tuple[float, int, int]] = []
    same_source: list[tuple[int, int]] = []
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if a[0] == b[0] or abs((a[4] - b[4]).days) > MAX_DAYS:
            continue
        cos = cosine(vecs[i], vecs[j])
        scored.append((cos, i, j))
        caps_a = {w for w in WORD.findall(a[2]) if w[0].isupper()}
        if caps_a & {w for w in WORD.findall(b[2]) if w[0].isupper()}:
            same_source.append((i, j))
    del days
    scored.sort(reverse=True)
    third = n // 3
    chosen: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()

    def take(pairs: list[tuple[int, int]], k: int) -> None:
        for p in pairs:
            if len(chosen) >= k:
                return
            if p not in seen:
                seen.add(p)
                chosen.append(p)

    take([(i, j) for _, i, j in scored[: third * 3]], third)
    middling = [(i, j) for c, i, j in scored if 0.15 <= c < 0.35]
    rng.shuffle(middling)
    take(middling, 2 * third)
    rng.shuffle(same_source)
    take(same_source, n)
    rng.shuffle(chosen)
    return [pair_row(items[i], items[j], with_split=False) for i, j in chosen]


def _items(
    split_dir: Path, split: str, min_words: int
) -> list[tuple[str, str, str, str, date, str]]:
    out = []
    for name, ann in sorted(annotation_files(split_dir).items()):
        day = article_date(split_dir, name)
        if day is None:
            continue
        text = read_text(split_dir / "text" / f"{name}.txt")
        for a in attributions_from_ann(text, ann.read_text(encoding="utf-8"), str(ann)):
            if len(a.content.text.split()) >= min_words:
                src = clip(a.source.text) if a.source else ""
                out.append((name, a.id, src, clip(a.content.text), day, split))
    return out


def _sentences(path: Path) -> set[str]:
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", read_text(path)) if len(s) > 40}


def second_dev_round(polnear: Path, n: int, rng: random.Random) -> list[dict[str, str]]:
    items = _items(polnear / "dev", "dev", 6) + _items(polnear / "train", "train", 6)
    vecs = tfidf([it[3] for it in items])
    sentences: dict[str, set[str]] = {}

    def copies(a: str, sa: str, b: str, sb: str) -> bool:
        for name, split in ((a, sa), (b, sb)):
            if name not in sentences:
                sentences[name] = _sentences(polnear / split / "text" / f"{name}.txt")
        x, y = sentences[a], sentences[b]
        return bool(x and y) and len(x & y) >= 0.2 * min(len(x), len(y))

    dev = [i for i, it in enumerate(items) if it[5] == "dev"]
    similar: list[tuple[float, int, int]] = []
    same_source: list[tuple[int, int]] = []
    for i in dev:
        a = items[i]
        caps_a = {w for w in WORD.findall(a[2]) if w[0].isupper()}
        for j, b in enumerate(items):
            if b[0] == a[0] or abs((a[4] - b[4]).days) > MAX_DAYS:
                continue
            if b[5] == "dev" and j < i:
                continue  # each dev-dev pair once
            cos = cosine(vecs[i], vecs[j])
            if cos >= 0.3:
                similar.append((cos, i, j))
            elif caps_a & {w for w in WORD.findall(b[2]) if w[0].isupper()}:
                same_source.append((i, j))
    similar.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for _, i, j in similar:
        if len(chosen) >= n * 6 // 10:
            break
        if not copies(items[i][0], items[i][5], items[j][0], items[j][5]):
            chosen.append((i, j))
    rng.shuffle(same_source)
    for i, j in same_source:
        if len(chosen) >= n:
            break
        if not copies(items[i][0], items[i][5], items[j][0], items[j][5]):
            chosen.append((i, j))
    rng.shuffle(chosen)
    return [pair_row(items[i], items[j], with_split=True) for i, j in chosen]


def write_tsv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(
            fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n",
            quoting=csv.QUOTE_NONE, quotechar=None,
        )  # fmt: skip
        w.writeheader()
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/corpora/polnear")
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "claims")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    with (ROOT / "evaluation/speakers/polnear_dev.tsv").open(encoding="utf-8") as fh:
        speaker_articles = sorted({r["article"] for r in csv.DictReader(fh, delimiter="\t")})
    dev = speaker_articles[:DEV_ARTICLES]
    train_dir = args.polnear / "train"
    sized = []
    for name, ann in sorted(annotation_files(train_dir).items()):
        text = read_text(train_dir / "text" / f"{name}.txt")
        n = len(attributions_from_ann(text, ann.read_text(encoding="utf-8"), str(ann)))
        if 15 <= n <= 40:
            sized.append(name)
    train = sorted(rng.sample(sized, TRAIN_ARTICLES))
    for split, names in (("dev", dev), ("train", train)):
        split_dir = args.polnear / split
        write_tsv(
            args.out / f"polnear_{split}_attributions.tsv", attribution_rows(split_dir, names)
        )
        pairs = candidate_pairs(split_dir, PAIRS[split], rng)
        write_tsv(args.out / f"polnear_{split}_pairs.tsv", pairs)
    write_tsv(args.out / "polnear_dev_pairs2.tsv", second_dev_round(args.polnear, 200, rng))
    # A second train round, to choose thresholds on (the first 8 articles hold 8 pairs):
    # 16 more by the same rule, from a generator of its own so that nothing above changes.
    more = sorted(random.Random(SEED + 1).sample(sorted(set(sized) - set(train)), TRAIN_MORE))
    write_tsv(
        args.out / "polnear_train_attributions2.tsv",
        attribution_rows(args.polnear / "train", more),
    )
    # A third, to learn from (a pair model needs more than 24 articles' pairs): 36 more.
    rest = sorted(set(sized) - set(train) - set(more))
    third = sorted(random.Random(SEED + 2).sample(rest, TRAIN_THIRD))
    write_tsv(
        args.out / "polnear_train_attributions3.tsv",
        attribution_rows(args.polnear / "train", third),
    )


if __name__ == "__main__":
    main()
