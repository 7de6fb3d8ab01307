"""The speaker gold set (evaluation/speakers/) and its scorer (scripts/speaker_gold.py): the
file is well formed, and the scorer's name rules judge as its README says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TYPES = {"person", "organization", "group", "anonymous", "unknown"}


@pytest.fixture(scope="module")
def gold_scorer():
    spec = importlib.util.spec_from_file_location(
        "speaker_gold", REPO / "scripts" / "speaker_gold.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["speaker_gold"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", ["dev", "train"])
def test_the_gold_set_has_30_articles_700_sources_and_known_types(gold_scorer, split) -> None:
    labels = gold_scorer.read_gold(gold_scorer.SPEAKERS / f"polnear_{split}.tsv")
    assert len({label.article for label in labels}) >= 30
    assert len(labels) >= 700
    assert {label.type for label in labels} <= TYPES
    # A source names someone only when it is a person or an organisation.
    assert all(not label.name for label in labels if label.type in ("group", "anonymous"))


def test_the_train_and_dev_sets_share_no_article(gold_scorer) -> None:
    dev, train = (
        {g.article for g in gold_scorer.read_gold(gold_scorer.SPEAKERS / f"polnear_{s}.tsv")}
        for s in ("dev", "train")
    )
    assert dev and train and not dev & train


def test_a_name_matches_exactly_but_for_case_spacing_quotes_and_the(gold_scorer) -> None:
    label = gold_scorer.Label("a", 0, 1, "x", "New York Times", "organization")
    assert gold_scorer.exact(label, "the new  York Times", named=True)
    assert not gold_scorer.exact(label, "New York Post", named=True)
    person = gold_scorer.Label("a", 0, 1, "x", "James O’Neill", "person")
    assert gold_scorer.exact(person, "James O'Neill", named=True)
    assert not gold_scorer.exact(person, "O'Neill", named=True)
    assert gold_scorer.lenient(person, "O'Neill", named=True)


def test_a_source_naming_no_one_is_right_when_no_one_is_named(gold_scorer) -> None:
    label = gold_scorer.Label("a", 0, 1, "officials", "", "anonymous")
    assert gold_scorer.exact(label, "officials", named=False)
    assert not gold_scorer.exact(label, "Ann Lee", named=True)


def test_several_people_match_only_all_of_them(gold_scorer) -> None:
    label = gold_scorer.Label("a", 0, 1, "x", "Ann Lee; Bob Day", "person")
    assert gold_scorer.exact(label, "Bob Day; Ann Lee", named=True)
    assert not gold_scorer.exact(label, "Ann Lee", named=True)
    assert gold_scorer.lenient(label, "Ann Lee", named=True)


def test_every_labelled_person_has_a_gender_row_and_evidence(gold_scorer) -> None:
    genders = gold_scorer.read_genders(gold_scorer.SPEAKERS / "polnear_dev_gender.tsv")
    dev = gold_scorer.read_gold(gold_scorer.SPEAKERS / "polnear_dev.tsv")
    persons = {(g.article, g.name) for g in dev
               if g.type == "person"}  # fmt: skip
    assert set(genders) == persons
    assert {g for g, _ in genders.values()} <= {"female", "male", "unknown"}
    assert {e for _, e in genders.values()} <= {"pronoun", "title", "role", "name", "none"}
    # No evidence, no gender: never from a surname.
    assert all(g == "unknown" for g, e in genders.values() if e == "none")


def test_gender_counts_tell_said_right_and_wrong(gold_scorer) -> None:
    counts = gold_scorer.gender_counts([
        ("female", "pronoun", "female"), ("male", "name", "unknown"),
        ("male", "title", "female"), ("unknown", "none", "male"),
    ])  # fmt: skip
    assert (counts["persons"], counts["known"], counts["said"]) == (4, 3, 3)
    assert (counts["right"], counts["wrong"], counts["said_unknown"]) == (1, 1, 1)
    assert counts["said_pronoun"] == 1 and counts["said_name"] == 0
