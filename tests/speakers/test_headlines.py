"""headlines: a name read in a title-case line keeps only the words the body capitalises."""

from __future__ import annotations

from spacy.language import Language

from onrecord.speakers.headlines import is_title_case
from support.speakers import attribution, resolve


def test_title_case_line_is_told_from_a_sentence() -> None:
    assert is_title_case("Hapless Ramos Sees 'Grave Threat' if Port Deal Fails")
    assert not is_title_case("Ramos said on Tuesday that the port deal was a mistake.")


def test_headline_word_after_a_name_is_not_part_of_it(parser: Language) -> None:
    text = (
        "Full Video: Governor Ramos Speech at the Harbor Club\n\n"
        "Governor Ramos said on Tuesday that the port deal was a mistake."
    )
    atts = [attribution(text, "Governor Ramos", "the port deal was a mistake", after="\n")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Ramos"


def test_headline_word_before_a_name_is_not_part_of_it(parser: Language) -> None:
    text = (
        "Hapless Ramos and the Port Deal\n\nRamos said on Tuesday that the port deal was a mistake."
    )
    atts = [attribution(text, "Ramos", "the port deal was a mistake", after="\n")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Ramos"


def test_headline_name_the_body_never_capitalises_stays_whole(parser: Language) -> None:
    text = "By Dana Whitcombe\n\nThe council said on Tuesday that the port deal was a mistake."
    entities = resolve(parser, text, [])
    assert "Dana Whitcombe" in [e.name for e in entities]
