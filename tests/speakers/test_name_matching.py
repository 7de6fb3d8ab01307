"""name_matching: normalising names and deciding whether two can be one entity."""

from __future__ import annotations

import pytest

from onrecord.speakers import load_lexicon
from onrecord.speakers.name_matching import (
    cluster_name_score,
    display_name,
    org_names_match,
    person_name_score,
    person_parts,
    split_titles,
)


def test_person_name_scores() -> None:
    assert person_name_score(("hillary", "clinton"), ("hillary", "clinton")) == 3
    assert person_name_score(("clinton",), ("hillary", "clinton")) == 2
    assert person_name_score(("alec",), ("alec", "baldwin")) == 1
    assert person_name_score(("bill", "clinton"), ("hillary", "clinton")) == 0
    assert person_name_score(("j.", "smith"), ("john", "smith")) == 2
    assert person_name_score(("clinton",), ("hillary",)) is None
    # One conflicting full name rules a person out.
    assert cluster_name_score(("bill", "clinton"), [("hillary", "clinton"), ("clinton",)]) == 0
    assert person_parts(["Martin", "Luther", "King", "Jr."]) == ("martin", "luther", "king")
    assert person_parts(["Gutierrez", "-", "Reed", "'s"]) == ("gutierrez-reed",)


def test_org_name_matching_and_display() -> None:
    assert org_names_match(("fbi",), ("federal", "bureau", "of", "investigation"))
    assert org_names_match(("post",), ("washington", "post"))
    assert org_names_match(("abc",), ("abc", "news"))
    assert not org_names_match(("news",), ("abc", "news"))
    assert display_name(["The ", "Washington ", "Post", "'s"]) == "Washington Post"


def test_quotation_mark_after_a_name_is_not_part_of_it() -> None:
    # The NER takes in the marks opening a quote: Rosa Delgado ''would not comment.''
    assert display_name(["Rosa ", "Delgado ", "''"]) == "Rosa Delgado"
    assert display_name(["“", "Rosa ", "Delgado", "'s", ","]) == "Rosa Delgado"


@pytest.mark.parametrize(
    ("words", "titles", "name"),
    [
        ("Port Alden Police Chief Renata Osei", "Port Alden Police Chief", "Renata Osei"),
        ("White House Press Secretary Jen Psaki", "White House Press Secretary", "Jen Psaki"),
        ("Police Chief Osei", "Police Chief", "Osei"),
        ("Sen. Elizabeth Warren", "Sen.", "Elizabeth Warren"),
        ("Martin Luther King Jr.", "", "Martin Luther King Jr."),  # a title word, then a suffix
        ("Billie Jean King", "", "Billie Jean King"),
        ("Judge", "", "Judge"),
    ],
)
def test_split_titles_takes_the_descriptor_before_a_title(
    words: str, titles: str, name: str
) -> None:
    got = split_titles(words.split(), load_lexicon())
    assert (" ".join(got[0]), " ".join(got[1])) == (titles, name)


def test_names_match_across_apostrophe_styles() -> None:
    assert person_name_score(person_parts(["O'Hara"]), person_parts(["Niamh", "O’Hara"])) == 2


def test_surname_with_its_particle_matches_the_full_name() -> None:
    assert (
        person_name_score(person_parts(["De", "Santis"]), person_parts(["Marco", "de", "Santis"]))
        == 2
    )
    # Without a particle, two first names that differ are still two people.
    assert (
        person_name_score(person_parts(["Ana", "Santis"]), person_parts(["Marco", "Santis"])) == 0
    )


def test_initials_with_periods_match_the_full_name() -> None:
    assert org_names_match(("t.s.c.",), ("trade", "standards", "commission"))
    assert not org_names_match(("t.s.c.",), ("trade", "safety", "board"))


def test_a_nickname_or_middle_name_matches_the_full_name() -> None:
    assert person_name_score(("bobby", "scott"), ("robert", "c.", "bobby", "scott")) == 2
    assert person_name_score(("robert", "scott"), ("robert", "c.", "bobby", "scott")) == 2
    assert person_name_score(("tim", "scott"), ("robert", "c.", "bobby", "scott")) == 0


def test_brackets_inside_a_name_are_dropped() -> None:
    assert display_name(["George ", "(", "W. ", "Bush"]) == "George W. Bush"
