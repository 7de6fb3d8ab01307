"""Claims and relations in the record, read from small articles written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.document import Document
from onrecord.pipeline import _article
from onrecord.record import Article

RUST = (Path(__file__).resolve().parents[2] / "examples" / "rust_assistant_director.txt").read_text(
    encoding="utf-8"
)


# A charge the tests dispute, deny or leave alone.
CHARGE = "Prosecutors said Dana Whitlock took the money from the harbour fund in March.\n\n"


def _read(nlp, text: str) -> Article:
    return _article(nlp(text), Document(text=text, id="t"))


def _by_content(article: Article, words: str):
    return next(a for a in article.attributions if a.content.text.strip(' "“”,.').startswith(words))


def _relations(article: Article, kind: str) -> set[tuple[str, str]]:
    return {(r.from_, r.to) for r in article.relations if r.kind == kind}


@pytest.fixture(scope="module")
def nlp_claims():
    """The accurate reader with claims on (they are opt-in)."""
    from onrecord import settings
    from onrecord.pipeline import load_pipeline

    if not settings.encoder_model().is_file():
        pytest.skip(f"no encoder shipped at {settings.encoder_model()}")
    return load_pipeline(reader="accurate", claims=True)


@pytest.fixture(scope="module")
def rust(nlp_claims) -> Article:
    return _read(nlp_claims, RUST)


def test_backing_up_an_assertion_supports_the_one_nested_in_it(rust: Article) -> None:
    backer = _by_content(rust, "the actor's assertion")
    actor = _by_content(rust, "that he did not pull the trigger")
    assert actor.parent == backer.id
    assert (backer.id, actor.id) in _relations(rust, "supports")
    cue = next(r.cue for r in rust.relations if r.from_ == backer.id and r.kind == "supports")
    assert cue is not None and cue.text == "backs up"


def test_the_actor_and_the_lawyers_client_put_forward_one_claim(rust: Article) -> None:
    # "Alec Baldwin did not pull the trigger" / "Alec Baldwin never pulled the trigger":
    # cosine 0.926, over the grouping threshold (0.80).
    actor = _by_content(rust, "that he did not pull the trigger")
    client = _by_content(rust, "Baldwin never pulled the trigger")
    claim = next(c for c in rust.claims if actor.id in c.attributions)
    assert client.id in claim.attributions


def test_a_lawyer_passing_on_her_clients_words_reports_them(rust: Article) -> None:
    lawyer = _by_content(rust, "that her client has always said")
    client = _by_content(rust, "Baldwin never pulled the trigger")
    assert (lawyer.id, client.id) in _relations(rust, "reports")


def test_every_relation_and_claim_points_at_attributions_of_the_record(rust: Article) -> None:
    ids = {a.id for a in rust.attributions}
    assert all(set(c.attributions) <= ids for c in rust.claims)
    assert all(r.from_ in ids and r.to in ids for r in rust.relations)
    # one claim an attribution at most
    members = [i for c in rust.claims for i in c.attributions]
    assert len(members) == len(set(members))


def test_a_denial_disputes_the_charge_and_holds_no_claim(nlp_claims) -> None:
    text = CHARGE + "Whitlock denied that she took the money from the harbour fund."
    article = _read(nlp_claims, text)
    charge = _by_content(article, "Dana Whitlock took the money")
    denial = _by_content(article, "that she took the money")
    assert (denial.id, charge.id) in _relations(article, "disputes")
    assert all(denial.id not in c.attributions for c in article.claims)


def test_agreeing_to_do_something_supports_no_one(nlp_claims) -> None:
    text = (
        "The mayor said the ferry would keep running.\n\n"
        "The council agreed to fund the ferry for another year, a spokesman said."
    )
    assert not _relations(_read(nlp_claims, text), "supports")


def test_a_reply_responds_to_the_charge_before_it(nlp_claims) -> None:
    text = (
        "Senator Ruth Calder said the mayor had hidden the budget deficit from voters.\n\n"
        "Mayor Tom Reyes replied that the senator had not read the budget."
    )
    article = _read(nlp_claims, text)
    charge = _by_content(article, "the mayor had hidden")
    reply = _by_content(article, "that the senator had not read")
    assert (reply.id, charge.id) in _relations(article, "responds")


def test_an_answer_right_after_a_question_responds_to_it(nlp_claims) -> None:
    text = (
        '"Will you release your tax returns?" a reporter asked.\n\n'
        '"Well, we\'ll see," Governor Ann Lee said.'
    )
    article = _read(nlp_claims, text)
    question = _by_content(article, "Will you release")
    answer = _by_content(article, "Well, we'll see")
    assert (answer.id, question.id) in _relations(article, "responds")


@pytest.mark.parametrize(
    "words", ["did not respond to the charge", "did not dispute"], ids=["respond", "dispute"]
)
def test_a_negated_cue_stands_to_nothing(nlp_claims, words: str) -> None:
    text = (
        "Senator Ruth Calder said the mayor had hidden the budget deficit from voters.\n\n"
        f"Mayor Tom Reyes {words} that he had hidden the deficit."
    )
    assert not _read(nlp_claims, text).relations


def test_claims_are_left_out_unless_asked_for(nlp) -> None:
    # The default pipeline (ONRECORD_CLAIMS unset) reads no claims: they are opt-in.
    article = _read(nlp, RUST)
    assert article.attributions and not article.claims and not article.relations


def test_onrecord_claims_1_asks_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import settings

    monkeypatch.setenv("ONRECORD_CLAIMS", "1")
    assert settings.claims()
    monkeypatch.setenv("ONRECORD_CLAIMS", "0")
    assert not settings.claims()


def test_asking_someone_to_act_is_no_question_to_answer(nlp_claims) -> None:
    text = (
        "Attorney General Bill Schuette asked the court to act.\n\n"
        '"The law protects every voter," Governor Ann Lee said.'
    )
    assert not _relations(_read(nlp_claims, text), "responds")


def test_an_answer_is_someone_speaking(nlp_claims) -> None:
    # A finding after a question answers nothing: no one speaks.
    text = (
        '"Will the governor run again?" a reporter asked.\n\n'
        "Records show the governor has raised $2 million since March."
    )
    assert not _relations(_read(nlp_claims, text), "responds")


def test_denying_what_no_one_said_disputes_no_one(nlp_claims) -> None:
    # "any role in the audit" names no claim of the article; "that claim" does.
    article = _read(nlp_claims, CHARGE + "The harbour agency denied any role in the audit.")
    assert not _relations(article, "disputes")
    article = _read(nlp_claims, CHARGE + "Whitlock's lawyer rejected that claim on Tuesday.")
    claim = _by_content(article, "Dana Whitlock took the money")
    rejection = _by_content(article, "that claim")
    assert (rejection.id, claim.id) in _relations(article, "disputes")


def test_a_quotation_calling_the_charge_made_up_disputes_it(nlp_claims) -> None:
    text = CHARGE + '"They just made it up," her lawyer, Ben Ortiz, said.'
    article = _read(nlp_claims, text)
    charge = _by_content(article, "Dana Whitlock took the money")
    rebuttal = _by_content(article, "They just made it up")
    assert (rebuttal.id, charge.id) in _relations(article, "disputes")


def test_a_judging_word_in_passing_disputes_no_one(nlp_claims) -> None:
    text = CHARGE + "Exit polls showed that older voters made up a third of the electorate."
    assert not _relations(_read(nlp_claims, text), "disputes")


def test_the_one_asked_answers_not_a_mention_in_the_question(nlp_claims) -> None:
    # "his previous criticisms of the plan" is an attribution told in passing: Reyes answers.
    text = (
        "Asked about his previous criticisms of the plan, Mayor Tom Reyes said the harbour "
        "would be rebuilt by May."
    )
    article = _read(nlp_claims, text)
    question = _by_content(article, "his previous criticisms")
    answer = _by_content(article, "the harbour would be rebuilt")
    assert _relations(article, "responds") == {(answer.id, question.id)}
