"""headlines: a name read in a title-case line keeps only the words the body capitalises."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from onrecord.speakers.headlines import Headlines, is_title_case, speech_verb
from onrecord.speakers.lexicon import default_lexicon
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


def test_a_headline_name_ends_at_a_speech_verb_the_body_never_capitalises(
    parser: Language,
) -> None:
    # The body writes "Action" with a capital ("Deferred Action"), so trimming the
    # headline's edge words alone would keep "Bernie Sanders Promises Action".
    text = (
        "Bernie Sanders Promises Action On Immigration In First 100 Days\n\n"
        "Sanders praised Deferred Action for Childhood Arrivals on Monday."
    )
    doc = parser(text)
    ent = Span(doc, 0, 4, label="ORG")  # what the small model tags in such a line
    trimmed = Headlines.of(doc).trim(ent, default_lexicon())
    assert trimmed.text == "Bernie Sanders"


def test_a_headline_name_ends_at_a_possessive(parser: Language) -> None:
    text = "After ISIS' Death Order On Down Syndrome Babies, Palin Responds\n\nPalin wrote to ISIS."
    doc = parser(text)
    ent = Span(doc, 1, 5, label="ORG")  # "ISIS' Death Order"
    assert Headlines.of(doc).trim(ent, default_lexicon()).text == "ISIS"


def test_speech_verb_knows_the_forms_of_say() -> None:
    assert speech_verb("says") and speech_verb("promises") and speech_verb("dismissed")
    assert not speech_verb("action") and not speech_verb("sanders")
