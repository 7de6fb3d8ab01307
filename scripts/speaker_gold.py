"""Speaker resolution on the PolNeAR speaker gold set (evaluation/speakers/polnear_dev.tsv).

    python scripts/speaker_gold.py [--split dev|train] [--polnear DIR] [--reader accurate|fast]
                                   [--no-model] [--misses FILE] [--json FILE]

``--split train`` scores the train set (evaluation/speakers/polnear_train.tsv, PolNeAR
train): the one to study misses on and tune against; dev (the default) is where a change
is selected and the figures reported come from.

For every labelled source (a PolNeAR dev Source span with the canonical name and type of who
it is, labelled by reading: evaluation/speakers/README.md), the attribution onrecord finds
whose source overlaps it most, and whether its speaker is that name and type. Prints:

- found: the share of gold sources onrecord finds with a speaker at all;
- name: exact canonical name, of the sources found (case, spacing, curly quotes and a leading
  "the" aside; for a source the label names no one, right when onrecord names no one either:
  a group, anonymous or unknown speaker, not an entity of type person or organization);
- name + type: the name right and the type too;
- lenient name: the surname (last word) of a person, or one organisation name inside the
  other; reported beside the exact figure, never instead;
- gender (evaluation/speakers/polnear_dev_gender.tsv): for each labelled person onrecord
  finds and names right, the gender of its entity against the label, once per person and
  article: how often onrecord says a gender (female or male), how often what it says is
  right, and how often it says one where the article gives no evidence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = ROOT / "evaluation" / "speakers"
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
NAMED_TYPES = ("person", "organization")


@dataclass(frozen=True)
class Label:
    article: str
    start: int
    end: int
    source: str
    name: str  # "" when the source names no one
    type: str


def read_gold(path: Path) -> list[Label]:
    labels = []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if not line.strip():
            continue
        row = dict(zip(header, line.split("\t"), strict=False))
        name = "" if row["name"] == "-" else row["name"]
        labels.append(Label(row["article"], int(row["start"]), int(row["end"]), row["source"],
                            name, row["type"]))  # fmt: skip
    return labels


def read_genders(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, name) -> (gender, evidence) of every labelled person."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = (dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line)
    return {(r["article"], r["name"]): (r["gender"], r["evidence"]) for r in rows}


def predicted_gender(article: object, attribution: object) -> str:
    """female, male or unknown: the speaking entity's gender as the record gives it."""
    from onrecord.record import gender_name

    speaker = attribution.speaker  # type: ignore[attr-defined]
    entity = article.entity(speaker.entity) if speaker.entity else None  # type: ignore[attr-defined]
    return gender_name(entity.gender if entity else None)


def norm(name: str) -> str:
    """A name compared exactly: lower case, one space, straight quotes, no leading "the"."""
    s = " ".join(name.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()
    s = s.removesuffix("'s")
    return s[4:] if s.startswith("the ") else s


def names_of(name: str) -> set[str]:
    return {norm(n) for n in name.split(";") if n.strip()}


def exact(gold: Label, name: str, named: bool) -> bool:
    if not gold.name:
        return not named
    return named and names_of(name) == names_of(gold.name)


def lenient(gold: Label, name: str, named: bool) -> bool:
    if not gold.name:
        return not named
    if not named:
        return False
    got = norm(name)
    for want in names_of(gold.name):
        if gold.type == "person" and got.split()[-1:] == want.split()[-1:]:
            return True
        if want in got or got in want:
            return True
    return False


def predicted_speaker(article: object, attribution: object) -> tuple[str, str, bool]:
    """(name, type, named) of an attribution's speaker: the entity's when resolved."""
    speaker = attribution.speaker  # type: ignore[attr-defined]
    if len(speaker.entities) > 1:  # "Trump and Clinton said": every one of them
        named = [article.entity(e) for e in speaker.entities]  # type: ignore[attr-defined]
        return "; ".join(e.name for e in named if e), speaker.type, True
    entity = article.entity(speaker.entity) if speaker.entity else None  # type: ignore[attr-defined]
    name, type_ = (entity.name, entity.type) if entity else (speaker.name, speaker.type)
    return name, type_, entity is not None and type_ in NAMED_TYPES


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(
    labels: list[Label],
    polnear: Path,
    nlp: object,
    genders: dict[tuple[str, str], tuple[str, str]] | None = None,
) -> dict[str, object]:
    from onrecord import extract

    # (article, name) -> (gold gender, evidence, predicted): the first source of each person.
    gendered: dict[tuple[str, str], tuple[str, str, str]] = {}
    by_article: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_article[label.article].append(label)
    counts: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    misses = []
    for name, article_labels in sorted(by_article.items()):
        text = (polnear / "text" / f"{name}.txt").read_text(encoding="utf-8")
        article = extract(text, nlp=nlp, doc_id=name)  # type: ignore[arg-type]
        for gold in article_labels:
            tally = by_type[gold.type]
            counts["gold"] += 1
            tally["gold"] += 1
            span = (gold.start, gold.end)
            hits = [
                a
                for a in article.attributions
                if a.source and a.speaker and overlap((a.source.start, a.source.end), span)
            ]
            if not hits:
                misses.append({"article": name, "source": gold.source, "want": gold.name,
                               "type": gold.type, "got": None})  # fmt: skip
                continue
            hit = max(hits, key=lambda a: overlap((a.source.start, a.source.end), span))
            got, got_type, named = predicted_speaker(article, hit)
            right = exact(gold, got, named)
            for key, ok in (
                ("found", True),
                ("name", right),
                ("name_type", right and got_type == gold.type),
                ("lenient", lenient(gold, got, named)),
            ):
                counts[key] += ok
                tally[key] += ok
            person = (name, gold.name)
            if (
                genders and right and gold.type == "person" and person in genders
                and person not in gendered and len(hit.speaker.entities) <= 1
            ):  # fmt: skip
                gendered[person] = (*genders[person], predicted_gender(article, hit))
            if not (right and got_type == gold.type):
                misses.append({"article": name, "source": gold.source, "want": gold.name,
                               "type": gold.type, "got": got, "got_type": got_type})  # fmt: skip
    misses.extend(
        {"article": a, "want": n, "gender": want, "evidence": evidence, "got_gender": got}
        for (a, n), (want, evidence, got) in sorted(gendered.items())
        if got != want
    )
    return {"counts": dict(counts), "by_type": {k: dict(v) for k, v in by_type.items()},
            "gender": gender_counts(gendered.values()), "misses": misses}  # fmt: skip


def gender_counts(rows: object) -> dict[str, int]:
    """Counts of (gold gender, evidence, predicted) rows: persons, those with a gender
    known, said (onrecord names one), right (said and equal), wrong, and said where the
    gold is unknown."""
    c: Counter[str] = Counter()
    for want, evidence, got in rows:  # type: ignore[attr-defined]
        c["persons"] += 1
        c["known"] += want != "unknown"
        c[f"evidence_{evidence}"] += 1
        if got != "unknown":
            c["said"] += 1
            c["right"] += got == want
            c["wrong"] += want != "unknown" and got != want
            c["said_unknown"] += want == "unknown"
            c[f"right_{evidence}"] += got == want
        c[f"said_{evidence}"] += got != "unknown"
    return dict(c)


def share(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--gold", type=Path, help="default: evaluation/speakers/polnear_SPLIT.tsv")
    parser.add_argument("--genders", type=Path, help="default: polnear_SPLIT_gender.tsv")
    parser.add_argument("--polnear", type=Path, help="the PolNeAR split's folder")
    parser.add_argument("--reader", choices=("accurate", "fast"), default=None)
    parser.add_argument("--no-model", action="store_true", help="rules only")
    parser.add_argument("--misses", type=Path, help="write each miss to FILE (JSON Lines)")
    parser.add_argument("--json", type=Path, help="write the counts to FILE")
    args = parser.parse_args()
    args.gold = args.gold or SPEAKERS / f"polnear_{args.split}.tsv"
    args.genders = args.genders or SPEAKERS / f"polnear_{args.split}_gender.tsv"
    args.polnear = args.polnear or POLNEAR / args.split
    if not (args.polnear / "text").is_dir():
        print(f"no PolNeAR {args.split} split at {args.polnear} (give --polnear DIR)",
              file=sys.stderr)
        return 2
    from onrecord.pipeline import load_pipeline

    nlp = load_pipeline(use_model=not args.no_model, reader=args.reader)
    genders = read_genders(args.genders) if args.genders.exists() else None
    result = score(read_gold(args.gold), args.polnear, nlp, genders)
    c = result["counts"]
    found = c.get("found", 0)
    print(f"gold sources      {c['gold']}")
    print(f"found             {share(found, c['gold'])}")
    print(f"name (exact)      {share(c.get('name', 0), found)}")
    print(f"name + type       {share(c.get('name_type', 0), found)}")
    print(f"name (lenient)    {share(c.get('lenient', 0), found)}")
    for type_, t in sorted(result["by_type"].items()):  # type: ignore[union-attr]
        print(f"  {type_:<13} found {share(t.get('found', 0), t['gold'])}, "
              f"name + type {share(t.get('name_type', 0), t.get('found', 0))}")  # fmt: skip
    g = result["gender"]
    if g:
        print(f"gender, of {g['persons']} persons found and named right "
              f"({g.get('known', 0)} with a gender the article shows):")  # fmt: skip
        print(f"  said            {share(g.get('said', 0), g['persons'])}")
        print(f"  right, of said  {share(g.get('right', 0), g.get('said', 0))}")
        print(f"  wrong gender    {g.get('wrong', 0)}; said where the article shows none "
              f"{g.get('said_unknown', 0)}")  # fmt: skip
        for evidence in ("pronoun", "title", "role", "name", "none"):
            n = g.get(f"evidence_{evidence}", 0)
            if n:
                print(f"  gold by {evidence:<8} said {share(g.get(f'said_{evidence}', 0), n)}, "
                      f"right {g.get(f'right_{evidence}', 0)}")  # fmt: skip
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as out:
            for miss in result["misses"]:  # type: ignore[union-attr]
                out.write(json.dumps(miss, ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in result.items() if k != "misses"},
                                        indent=2) + "\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
