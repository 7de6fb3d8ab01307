"""The shipped encoder: it loads, reads deterministically, and keeps the structures the
rules and the fast reader handled (split quotations, quote-only paragraphs)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from support import adversarial

QUOTE = (
    "Lisa Torraco, a lawyer for assistant director David Halls, told ABC News that her client "
    'has always said Baldwin never pulled the trigger. "He told me since day one he thought it '
    'was a misfire," Torraco said.'
)


def test_the_record_names_its_reader(nlp_accurate, nlp_model) -> None:
    assert onrecord.extract(QUOTE, nlp=nlp_accurate).reader == "accurate"
    assert onrecord.extract(QUOTE, nlp=nlp_model).reader == "fast"
    rules = onrecord.pipeline.load_pipeline(use_model=False)
    assert onrecord.extract(QUOTE, nlp=rules).reader == "rules"


def test_reads_a_direct_and_an_indirect_quotation(nlp_accurate) -> None:
    article = onrecord.extract(QUOTE, nlp=nlp_accurate)
    found = {(a.source.text if a.source else None, a.cue.text if a.cue else None)
             for a in article.attributions}  # fmt: skip
    assert ("Torraco", "said") in found
    direct = next(a for a in article.attributions if a.source and a.source.text == "Torraco")
    assert direct.kind == "direct" and "misfire" in direct.content.text
    assert direct.speaker is not None and direct.speaker.name == "Lisa Torraco"


def test_the_same_text_reads_the_same(nlp_accurate) -> None:
    first = onrecord.extract(QUOTE, nlp=nlp_accurate).to_dict()
    assert onrecord.extract(QUOTE, nlp=nlp_accurate).to_dict() == first


def test_a_split_quotation_is_one_attribution_in_two_pieces(nlp_accurate) -> None:
    text = '"We will appeal this ruling," the mayor said on Tuesday, "and we expect to win."'
    article = onrecord.extract(text, nlp=nlp_accurate)
    assert len(article.attributions) == 1
    content = article.attributions[0].content
    assert len(content.parts) == 2
    assert "appeal" in text[slice(*content.parts[0])]
    assert "expect to win" in text[slice(*content.parts[1])]


def test_a_quote_only_paragraph_continues_its_speaker(nlp_accurate) -> None:
    text = (
        '"The budget is balanced," Governor Maria Lopez said at a news conference.\n\n'
        '"We did it without raising a single tax, and we will keep it that way next year."\n'
    )
    article = onrecord.extract(text, nlp=nlp_accurate)
    second = next(a for a in article.attributions if "single tax" in a.content.text)
    assert second.speaker is not None and second.speaker.name == "Maria Lopez"


def test_a_long_article_is_read_to_its_end(nlp_accurate) -> None:
    filler = "The committee met on Monday and discussed the schedule for the spring. " * 120
    text = filler + '\n\n"The vote will happen in May," the chairman said.'
    article = onrecord.extract(text, nlp=nlp_accurate)
    assert any("vote will happen" in a.content.text for a in article.attributions)


@pytest.mark.parametrize("text", ["", " \n\n\t ", "\ud800\udfff\ud800", "\x00\x01\x1b[0m", "?!…—"])
def test_odd_text_gives_a_record(nlp_accurate, text: str) -> None:
    article = onrecord.extract(text, nlp=nlp_accurate)
    assert len(article.text) == len(text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.lists(st.sampled_from(adversarial.PIECES), max_size=40).map(" ".join))
def test_adversarial_text_never_crashes_the_accurate_reader(nlp_accurate, text: str) -> None:
    article = onrecord.extract(text, nlp=nlp_accurate)
    assert len(article.text) == len(text)  # as given (a lone surrogate as U+FFFD)
    for a in article.attributions:
        assert 0.0 <= a.confidence <= 1.0
        for span in (a.content, a.cue, a.source):
            if span is not None:
                assert article.text[span.start : span.end] == span.text


def test_reading_never_imports_the_training_code(nlp_accurate) -> None:
    """The runtime is ONNX Runtime; torch and transformers are for training only. (spaCy's
    thinc imports torch by itself where torch is installed, as in the dev environment, so
    what is checked is that onrecord's training modules and transformers stay unloaded.)"""
    import subprocess
    import sys

    code = (
        "import sys, onrecord; "
        "a = onrecord.extract('Smith said the vote was rigged.', reader='accurate'); "
        "print(a.reader, len(a.attributions), 'onrecord.encoder.train' in sys.modules, "
        "'onrecord.encoder.export' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["accurate", "1", "False", "False", "False"]
