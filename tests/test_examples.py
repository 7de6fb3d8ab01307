"""The bundled example articles, end to end with the shipped model: the record the README
promises for the wire story about the "Rust" shooting."""

from __future__ import annotations

import importlib.util
import sys

import onrecord
from conftest import REPO

RUST = (REPO / "examples" / "rust_assistant_director.txt").read_text(encoding="utf-8")


def speaker_of(article: onrecord.record.Article, source: str) -> str | None:
    found = [a for a in article.attributions if a.source and a.source.text == source]
    assert found, f"no attribution with source {source!r}"
    return found[0].speaker.name if found[0].speaker else None


def test_rust_story_speakers(nlp_model):
    article = onrecord.extract(RUST, nlp=nlp_model)
    assert speaker_of(article, "the actor") == "Alec Baldwin"
    assert speaker_of(article, "her client") == "David Halls"
    assert speaker_of(article, "The assistant director who handed Alec Baldwin a revolver on "
                      'the set of the western "Rust"') == "David Halls"
    assert speaker_of(article, "Torraco") == "Lisa Torraco"
    investigators = [e for e in article.entities if e.name == "investigators"]
    assert len(investigators) == 1 and investigators[0].type == "group"


def test_rust_story_titles_captions_and_blurbs_are_not_speech(nlp_model):
    article = onrecord.extract(RUST, nlp=nlp_model)
    for a in article.attributions:
        assert a.content.text.strip('"“”,. ') not in {"Rust", "20/20"}
    # Nothing from the photo caption, the video's running time or its blurb is on record
    # outside boilerplate.
    for phrase in ("aerial photo", "6:29", "armorer's attorney speaks", "walks through the days"):
        start = RUST.index(phrase)
        assert any(b.start <= start < b.end for b in article.boilerplate), phrase
        for a in article.attributions:
            if a.content.start <= start < a.content.end:
                assert a.in_boilerplate, a


def test_speaker_labels_of_the_examples(nlp_model):
    # scripts/speaker_accuracy.py scores the hand labels; the README reports its figure.
    spec = importlib.util.spec_from_file_location(
        "speaker_accuracy", REPO / "scripts" / "speaker_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["speaker_accuracy"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    labels = module.read_labels(REPO / "examples" / "speakers.tsv")
    result = module.score(labels, REPO / "examples", nlp_model)
    assert result["labelled"] == len(labels) >= 60
    # Two known misses (a parse that gives "told" the wrong "she"; the nested belief in 'He
    # said the President "is confident" ...', which the filter scores 0.36-0.49, just under
    # its threshold: PolNeAR never scores nested attributions, so nothing tunes it);
    # anything more is a regression.
    assert result["typed"] >= len(labels) - 2, result["misses"]
