"""Who is who across articles (``onrecord.store.identity``): name keys and the fullest name."""

from __future__ import annotations

import pytest

from onrecord.store.identity import best_name, name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Alec Baldwin", "alec baldwin"),
        ("Mr. Baldwin", "baldwin"),
        ("President Barack Obama", "barack obama"),
        ("Martin Luther King Jr.", "martin luther king"),
        ("Trump's", "trump"),
        ("Beto O\u2019Rourke", "beto o'rourke"),
        ("José Díaz-Balart", "jose diaz-balart"),
        ("President", "president"),
    ],
)
def test_name_keys(name: str, key: str) -> None:
    assert name_key(name) == key


def test_org_names_keep_their_title_words() -> None:
    assert name_key("General Electric", person=False) == "general electric"
    assert name_key("The White House", person=False) == "white house"


def test_best_name_prefers_the_fullest_related_mention() -> None:
    assert best_name("Baldwin", ["he", "Alec Baldwin", "Baldwin"]) == "Alec Baldwin"
    assert best_name("Bill Clinton", ["Hillary Clinton"]) == "Bill Clinton"
