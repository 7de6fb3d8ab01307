"""Rebuild the given-name lists src/onrecord/data/speakers/names_female.txt and names_male.txt.

    nice python scripts/given_names.py /tmp/dl/names_dataset-3.3.1-py3-none-any.whl \
        [--news ../shared/corpora/polnear/train/text] [--write]

Without ``--write`` it prints what it would write (counts, sizes, the names it drops and why);
with it, it rewrites the part of each list below the ``DERIVED`` marker line. Everything above
that line is the hand-made list: edit it by hand, rerun, and the derived part follows (a hand
name wins: it is never repeated or contradicted below). Takes a few minutes and a few GB of
memory (the dataset is a 25 MB gzipped pickle of 730,000 names; the news pass runs spaCy over
the text folder).

Source: the PyPI wheel of ``names-dataset`` 3.3.1 by Philippe Remy (its metadata says MIT; the
LICENSE file in the wheel is the Apache License 2.0: both permit derived lists like these, with
credit, which the lists' header gives). Its ``names_dataset/v3/first_names.pkl.gz`` maps a
title-cased given name to ``{'country': {code: share of its bearers}, 'gender': {'M': share,
'F': share}, 'rank': {code: rank among that country's given names}}``, counted over 533M
Facebook profiles (aggregate counts per name only: no person is in it); ``rank`` is given for
the (up to ten) countries that hold most of a name's bearers. The pickle is read straight from
the wheel (or pass the unzipped ``first_names.pkl.gz``). Pickle runs code on load: give it only
that wheel.

The rule: a name is kept when
  1. it is common in a country whose people English-language news writes about:
     rank <= 2000 in US, GB, CA or IE (the dataset has no AU or NZ); or rank <= 1000 in IN, ZA
     or NG (English-language press with names of their own) or in MX or ES (Hispanic names, a
     large share of the people in US news); or rank <= 100 in any other country (a country's
     hundred commonest names reach world news: Vladimir, Recep, Shinzo), except CN, HK, MO, TW
     and KR, whose names news writes surname first ("Xi Jinping", "Moon Jae-in"), so a given
     name from there would be read off a surname. (The dataset's surnames cannot stand in for
     this: in HK and TW its surname field is full of English given names, Amy, Kevin.)
  2. it is clearly one sex: that sex's share >= 0.95 (Facebook's self-reported sex is noisy:
     John is 0.981 male, Emma 0.945 female, so a stricter cut loses plain names and a looser
     one takes in Chris, Kelly and Jordan);
  3. it is a word of 2 or more Latin letters with a vowel, lowercased as the lexicon compares
     names (``str.lower``, accents kept: "josé" and "jose" are both listed when both are
     common); "Md", "Jr" and the dataset's multi-word or hyphenated entries go;
  4. it is not a word onrecord reads otherwise: not an English stop word (spaCy's), not a word
     of the other speaker lists (titles, roles, groups, organisations, particles, suffixes,
     pronouns, ...: "prince", "judge", "de") nor of the data/words lists, nor one of
     HONORIFICS (religious and pilgrim titles the dataset takes for given names: "Sheikh
     Hasina" is a woman);
  5. the news text (``--news``: by default the PolNeAR train split, the project's training
     data, never the dev or test split it is measured on) does not read it otherwise, by the
     spaCy pipeline onrecord runs: a name that occurs there, written in lowercase ("will",
     "rose", "chase") or as the first or only word of a place, nationality, organisation, date
     or other non-person entity ("Georgia", "Christian", "Israel"), at least MIN_OTHER times
     and more than twice as often as inside a PERSON entity is a word or a place; one that
     ends a PERSON name of two or more words at least MIN_SURNAME times and more than three
     times as often as it starts one is a surname in news ("Clinton", "Warren"). A name the
     text never shows is kept on the dataset's word.
A name cannot pass for both sexes (rule 2); one that a hand list gives the other sex is left to
the hand list. Both hand lists keep all their names, whatever the rule says of them.
"""

from __future__ import annotations

import argparse
import gzip
import io
import pickle
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = ROOT / "src" / "onrecord" / "data" / "speakers"
WORDS = ROOT / "src" / "onrecord" / "data" / "words"
LISTS = {"f": SPEAKERS / "names_female.txt", "m": SPEAKERS / "names_male.txt"}
DEFAULT_NEWS = ROOT.parent / "shared" / "corpora" / "polnear" / "train" / "text"

ENGLISH, ENGLISH_TOP = ("US", "GB", "CA", "IE"), 2000
PRESS, PRESS_TOP = ("IN", "ZA", "NG", "MX", "ES"), 1000
WORLD_TOP = 100
SURNAME_FIRST = ("CN", "HK", "MO", "TW", "KR")
MIN_SHARE = 0.95
VOWELS = set("aeiouy")
HONORIFICS = frozenset({"sheikh", "shaikh", "haji", "hajji", "hajah", "hajjah"})
# Entity labels that make a word something other than a person's name.
NOT_PERSON = frozenset(
    {"GPE", "NORP", "LOC", "ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "DATE"}
)
MIN_OTHER, MIN_SURNAME = 5, 5

DERIVED = (
    "# --- derived: scripts/given_names.py writes everything below; edit the hand list above ---"
)
DERIVED_HEADER = """\
# Derived from names-dataset 3.3.1 (Philippe Remy; MIT / Apache-2.0): given names common in
# English-language news countries (rank <= 2000 in US/GB/CA/IE, <= 1000 in IN/ZA/NG/MX/ES,
# <= 100 elsewhere but CN/HK/MO/TW/KR), >= 95% one sex, not a stop word or a word of the other
# lists, and not read in the PolNeAR train text mostly as a word, a place, an organisation or a
# surname. The rule and how to rerun it: scripts/given_names.py.
"""


def load_pickle(source: Path, member: str) -> dict[str, Any]:
    """``names_dataset/v3/<member>`` from the wheel, or the file of that name beside ``source``
    (the pickle itself)."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            raw = wheel.read(f"names_dataset/v3/{member}")
        with gzip.open(io.BytesIO(raw), "rb") as f:
            return pickle.load(f)
    with gzip.open(source.parent / member, "rb") as f:
        return pickle.load(f)


def read_list(path: Path) -> tuple[list[str], list[str]]:
    """(the header and hand part, verbatim lines; the hand names) of a name list: the lines
    above the DERIVED marker (all of them in a list that has none yet)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if DERIVED in lines:
        lines = lines[: lines.index(DERIVED)]
    while lines and not lines[-1].strip():
        lines.pop()
    names = [s.strip() for s in lines if s.strip() and not s.strip().startswith("#")]
    return lines, names


def key(name: str) -> str:
    return unicodedata.normalize("NFC", name).lower()


def is_name_word(word: str) -> bool:
    """Rule 3: two or more Latin letters, one of them a vowel (accents stripped to tell)."""
    if len(word) < 2 or not all(c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in word):
        return False
    bare = unicodedata.normalize("NFD", word)
    return any(c in VOWELS for c in bare)


def is_common(ranks: dict[str, int]) -> bool:
    """Rule 1."""
    if any(ranks.get(c, ENGLISH_TOP + 1) <= ENGLISH_TOP for c in ENGLISH):
        return True
    if any(ranks.get(c, PRESS_TOP + 1) <= PRESS_TOP for c in PRESS):
        return True
    return any(r <= WORLD_TOP for c, r in ranks.items() if c not in SURNAME_FIRST)


def sex(genders: dict[str, float]) -> str | None:
    """Rule 2: "f", "m" or None."""
    if genders.get("F", 0.0) >= MIN_SHARE:
        return "f"
    if genders.get("M", 0.0) >= MIN_SHARE:
        return "m"
    return None


def lexicon_words() -> set[str]:
    """Rule 4: spaCy's English stop words and every word of the other word lists."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = {w.lower() for w in STOP_WORDS}
    files = [p for p in SPEAKERS.glob("*.txt") if p not in LISTS.values()]
    for path in [*files, *WORDS.glob("*.txt")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                for word in line.replace("_", " ").replace("|", " ").split():
                    out.add(key(word.strip(".")))
    return out


def news_counts(text_dir: Path, names: set[str]) -> dict[str, Counter[str]]:
    """Rule 5's evidence: for each name, its occurrences in the news text as "lower" (written
    in lowercase outside an entity), "other" (first or only word of a NOT_PERSON entity),
    "person" (inside a PERSON entity), and within PERSON entities of two or more words
    "first" and "last"."""
    import spacy

    from onrecord.settings import DEFAULT_SPACY_PIPELINE

    nlp = spacy.load(DEFAULT_SPACY_PIPELINE, exclude=["lemmatizer"])
    counts: dict[str, Counter[str]] = {}
    texts = (p.read_text(encoding="utf-8") for p in sorted(text_dir.glob("*.txt")))
    for doc in nlp.pipe(texts, batch_size=16):
        entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        for tok in doc:
            word = key(tok.text)
            if word not in names:
                continue
            c = counts.setdefault(word, Counter())
            ent = entity_of.get(tok.i)
            if ent is None:
                c["lower"] += tok.text.islower()
            elif ent.label_ == "PERSON":
                c["person"] += 1
                if len(ent) >= 2 and tok.i in (ent.start, ent.end - 1):
                    c["first" if tok.i == ent.start else "last"] += 1
            elif ent.label_ in NOT_PERSON and tok.i == ent.start:
                c["other"] += 1
    return counts


def news_verdict(c: Counter[str]) -> str | None:
    """Rule 5: why the news text says a name is not a given name, or None."""
    other = c["lower"] + c["other"]
    if other >= MIN_OTHER and other > 2 * c["person"]:
        return "word" if c["lower"] >= c["other"] else "entity"
    if c["last"] >= MIN_SURNAME and c["last"] > 3 * c["first"]:
        return "surname"
    return None


def derive(first: dict[str, Any], news: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """The derived names by sex, and the names rules 4 and 5 drop, by reason."""
    candidates: dict[str, str] = {}
    for name, info in first.items():
        word = key(name)
        if not is_name_word(word) or not is_common(info["rank"]):
            continue
        found = sex(info["gender"])
        if found and candidates.get(word, found) == found:
            candidates[word] = found
        elif found:
            candidates[word] = "both"  # two spellings that lowercase alike, of opposite sexes
    candidates = {w: s for w, s in candidates.items() if s != "both"}
    dropped: dict[str, list[str]] = {}
    lexicon = lexicon_words() | HONORIFICS
    counts = news_counts(news, set(candidates))
    out: dict[str, set[str]] = {"f": set(), "m": set()}
    for word, found in sorted(candidates.items()):
        why = "lexicon" if word in lexicon else news_verdict(counts.get(word, Counter()))
        if why:
            dropped.setdefault(why, []).append(word)
        else:
            out[found].add(word)
    return out, dropped


def render(head: list[str], names: list[str]) -> str:
    return "\n".join([*head, "", DERIVED, DERIVED_HEADER.rstrip("\n"), *names]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="names_dataset-3.3.1 wheel or first_names.pkl.gz")
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS, help="folder of news .txt")
    parser.add_argument("--write", action="store_true", help="rewrite the two lists")
    args = parser.parse_args(argv)
    if not args.news.is_dir():
        parser.error(f"no news text folder {args.news}")
    first = load_pickle(args.source, "first_names.pkl.gz")
    derived, dropped = derive(first, args.news)
    del first
    hand = {s: read_list(path) for s, path in LISTS.items()}
    hand_names = {s: set(names) for s, (_, names) in hand.items()}
    every_hand = hand_names["f"] | hand_names["m"]
    for s, path in LISTS.items():
        head, names = hand[s]
        other = "m" if s == "f" else "f"
        overruled = sorted(derived[s] & hand_names[other])
        new = sorted(derived[s] - every_hand)
        text = render(head, new)
        print(
            f"{path.name}: {len(names)} by hand + {len(new)} derived = {len(names) + len(new)}, "
            f"{len(text.encode('utf-8')) // 1024} KB; hand list of the other sex overrules: "
            f"{', '.join(overruled) or 'none'}"
        )
        if args.write:
            path.write_text(text, encoding="utf-8")
    for why, words in sorted(dropped.items()):
        print(f"dropped ({why}, {len(words)}): {' '.join(words)}")
    if not args.write:
        print("(dry run: --write rewrites the lists)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
