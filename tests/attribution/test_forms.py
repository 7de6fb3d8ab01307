"""The content's form (``onrecord.attribution.forms``): a quotation, a clause or a bare noun
phrase, as the parse reads it, kept in the record for the speech scope."""

from __future__ import annotations

from onrecord import extract


def forms(nlp, text: str) -> dict[str, str | None]:
    return {a.content.text: a.content_form for a in extract(text, nlp=nlp).attributions}


def test_a_quotation_is_a_quotation(nlp) -> None:
    assert forms(nlp, '"We will appeal," Ann Lee said.') == {'"We will appeal,"': "quotation"}


def test_a_reported_clause_is_a_clause(nlp) -> None:
    found = forms(nlp, "Ann Lee said that the board would appeal the ruling.")
    assert found == {"that the board would appeal the ruling": "clause"}


def test_a_bare_noun_phrase_is_a_phrase(nlp) -> None:
    found = forms(nlp, "Senator Ann Lee voiced support for the bill on Monday.")
    assert "phrase" in found.values()
    assert all(form != "clause" for text, form in found.items() if text.startswith("support"))
