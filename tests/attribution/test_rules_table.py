"""The rule table (attribution/rules/__init__.py) and the word lists the attribution code reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.attribution.lexicon import load_lexicon
from onrecord.attribution.rules import RULES, sentence_candidates
from onrecord.wordlists import WORDS_DIR, lines

SRC = Path(__file__).resolve().parents[2] / "src" / "onrecord"
# The order the rules are tried on each token, as documented in the package's docstring.
DOCUMENTED_ORDER = [
    "colon",
    "according_to",
    "in_poll",
    "as_put_it",
    "made_clear",
    "light_verb",
    "verb",
    "noun",
    "adjective",
]


def test_the_rule_table_is_in_the_documented_order():
    assert [rule.name for rule in RULES] == DOCUMENTED_ORDER
    import onrecord.attribution.rules as package

    assert ", ".join(DOCUMENTED_ORDER) in " ".join(package.__doc__.split())


def test_every_rule_has_a_reason():
    assert all(rule.reason.strip() for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_the_first_rule_that_reads_a_token_wins_it(nlp):
    # "made it clear" is also a reporting verb's shape; the narrower rule comes first.
    with nlp.select_pipes(disable=["onrecord"]):
        doc = nlp("She made it clear that she would run again.")
    candidates = list(sentence_candidates(next(iter(doc.sents)), load_lexicon(0.0)))
    made = [c for c in candidates if c.cue[0][0] <= 1 < c.cue[0][1]]  # token 1: "made"
    assert [c.rule for c in made] == ["made_clear"]


def _word_lists_read() -> list[str]:
    """The names of the word lists read with words()/lines() in attribution/ and clean.py."""
    files = [*(SRC / "attribution").rglob("*.py"), SRC / "clean.py"]
    pattern = re.compile(r"""\b(?:words|lines|_words_pattern)\(\s*["']([\w-]+)["']""")
    return sorted({name for f in files for name in pattern.findall(f.read_text("utf-8"))})


def test_the_code_reads_its_word_lists_from_data():
    assert len(_word_lists_read()) >= 20


@pytest.mark.parametrize("name", _word_lists_read())
def test_each_word_list_exists_with_a_header_and_entries(name):
    path = WORDS_DIR / f"{name}.txt"
    assert path.is_file(), path
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 10, f"{path} has no header comment"
    assert lines(name), f"{path} is empty"
    assert all(entry == entry.strip() and not entry.startswith("#") for entry in lines(name))
