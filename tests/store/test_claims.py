"""Claims in the store: each article's claims and relations stored with it, linked across
articles into corpus claims, read back with who is behind one and who disputes it."""

from __future__ import annotations

import pytest

from onrecord.claims.corpus import link_store
from onrecord.document import Document
from onrecord.pipeline import _article
from onrecord.store import Store

pytest_plugins = ("support.pg",)

FIRST = (
    "Mayor Tom Reyes said the harbour ferry will keep running through the winter.\n\n"
    "Union leaders denied that the harbour ferry will keep running through the winter."
)
SECOND = (
    '"The harbour ferry will keep running through the winter," Reyes told reporters.\n\n'
    "The council approved a new budget for the library on Tuesday, a spokesman said."
)


@pytest.fixture(scope="module")
def articles() -> list:
    from onrecord.pipeline import load_pipeline

    nlp = load_pipeline(use_model=False, claims=True)
    out = []
    for i, (text, day) in enumerate(((FIRST, "2024-03-01"), (SECOND, "2024-03-05"))):
        doc = Document(text=text, id=f"d{i}", metadata={"date": day, "outlet": f"Outlet {i}"})
        out.append(_article(nlp(text), doc))
    return out


@pytest.fixture
def linked(store: Store, articles: list) -> Store:
    for article in articles:
        assert article.claims, "the fixture articles have claims"
        store.add_article(article)
    store.commit()
    link_store(store)
    return store


def _ferry(store: Store):
    hit = store.search_claims("the ferry keeps running in winter", limit=3)[0]
    return store.corpus_claim(hit.id)


def test_one_claim_in_two_articles_is_one_corpus_claim(linked: Store) -> None:
    claim = _ferry(linked)
    assert claim is not None and "ferry will keep running" in claim.text
    assert {v.doc_id for v in claim.voices} == {"d0", "d1"}
    assert claim.n_claims == 2


def test_a_corpus_claim_first_appears_in_its_oldest_article(linked: Store) -> None:
    claim = _ferry(linked)
    assert (claim.first_doc_id, claim.first_published) == ("d0", "2024-03-01")
    assert [v.published for v in claim.voices] == ["2024-03-01", "2024-03-05"]


def test_who_disputes_a_corpus_claim_is_listed_against_it(linked: Store) -> None:
    claim = _ferry(linked)
    assert [(v.doc_id, v.relation) for v in claim.disputes] == [("d0", "denied")]
    assert all(v.doc_id != "d0" or "Union" not in (v.speaker or "") for v in claim.voices)


def test_another_claim_is_another_corpus_claim(linked: Store) -> None:
    budget = linked.search_claims("the council approved the library budget", limit=1)[0]
    assert budget.id != _ferry(linked).id and budget.n_claims == 1


def test_linking_again_links_only_what_came_in_since(linked: Store) -> None:
    again = link_store(linked)
    assert (again.claims, again.started) == (0, 0)
    assert again.corpus == len(linked.corpus_vectors()[0])


def test_an_articles_attributions_know_their_corpus_claim(linked: Store) -> None:
    ferry = _ferry(linked)
    by_attr = linked.claims_of("d1")
    assert ferry.id in by_attr.values()


def test_a_search_sees_claims_linked_after_the_last_search(
    store: Store, articles: list
) -> None:
    first, second = articles
    store.add_article(first)
    store.commit()
    link_store(store)
    assert not any("budget" in h.text for h in store.search_claims("the library budget"))
    store.add_article(second)  # the kept index is stale now: the corpus grew
    store.commit()
    link_store(store)
    assert "budget" in store.search_claims("the library budget", limit=1)[0].text
