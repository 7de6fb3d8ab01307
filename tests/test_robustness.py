"""Random and adversarial text never crashes extraction, and every span is faithful."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.attribution.quotes import find_quotes
from onrecord.pipeline import extract
from onrecord.record import Article, Span
from support import adversarial

PIECES = st.sampled_from(adversarial.PIECES)
ADVERSARIAL = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join)
# Every code point, lone surrogates and controls included (hypothesis leaves surrogates out
# of st.text() unless asked).
ANY_CHARACTER = st.characters(blacklist_categories=())
SHAPES = st.builds(adversarial.random_text, st.randoms(use_true_random=False))
FUZZ = st.one_of(ADVERSARIAL, st.text(ANY_CHARACTER, max_size=300), SHAPES)


def check_spans(article: Article) -> None:
    text = article.text
    spans: list[Span] = []
    for a in article.attributions:
        spans += [s for s in (a.content, a.cue, a.source) if s is not None]
        if a.addressee and a.addressee.span:
            spans.append(a.addressee.span)
        assert 0.0 <= a.confidence <= 1.0
        for start, end in a.content.parts:
            assert a.content.start <= start < end <= a.content.end
    for e in article.entities:
        spans += e.mentions
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
    for b in article.boilerplate:
        assert 0 <= b.start <= b.end <= len(text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=FUZZ)
def test_random_text_never_crashes_the_rules(nlp, text):
    article = extract(text, nlp=nlp)
    check_spans(article)
    assert len(article.text) == len(text)  # the text as given (a surrogate as U+FFFD)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=FUZZ)
def test_random_text_never_crashes_the_learned_reader(nlp_model, text):
    article = extract(text, nlp=nlp_model)
    check_spans(article)
    assert len(article.text) == len(text)  # the text as given (a surrogate as U+FFFD)


def test_quotes_everywhere_no_punctuation_and_a_very_long_sentence(nlp):
    texts = [
        '"' * 50 + " said " + "“" * 20 + "”" * 3,
        " ".join(["he said that"] * 400),  # one very long sentence, no punctuation
        "“" + "word " * 2000,  # a quotation that never closes
        "\n".join(['"A," she said, "B.'] * 50),
    ]
    for text in texts:
        article = extract(text, nlp=nlp)
    check_spans(article)
    assert len(article.text) == len(text)  # the text as given (a surrogate as U+FFFD)


@given(st.text(alphabet=st.sampled_from('ab "“”\'\n'), max_size=80))
def test_quotes_are_in_bounds_and_ordered(text):
    last = -1
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.start > last
        last = q.end - 1
        for s, e in q.pieces:
            assert q.start <= s < e <= q.end


def test_a_stray_quote_mark_is_no_content_for_the_learned_models(nlp_model):
    from onrecord.pipeline import extract

    article = extract('He said "', nlp=nlp_model)
    assert all(any(c.isalnum() for c in a.content.text) for a in article.attributions)
