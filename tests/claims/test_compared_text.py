"""What the sentence encoder compares: the content with entities and speakers named."""

from __future__ import annotations

from onrecord.claims import compared_text
from onrecord.claims.text import named_claim_text
from onrecord.record import Attribution, Entity, Span, Speaker

TEXT = "Halls said Baldwin never pulled the trigger."


def test_an_entity_mentioned_in_the_content_is_named_in_full() -> None:
    content = Span(11, 43, TEXT[11:43])
    baldwin = Entity("E2", "Alec Baldwin", "person", [Span(11, 18, "Baldwin")], "m")
    a = Attribution("A1", "indirect", content, speaker=Speaker("David Halls", "person", "E1"))
    assert compared_text(a, {"E2": baldwin}, TEXT) == "Alec Baldwin never pulled the trigger"


def test_the_speakers_own_i_is_their_name_in_a_quotation() -> None:
    said = named_claim_text("“I didn't pull the trigger,”", "direct", "Alec Baldwin", "m")
    assert said == "Alec Baldwin didn't pull the trigger"


def test_he_in_reported_speech_is_the_speaker_of_that_gender_only() -> None:
    assert named_claim_text("he would run", "indirect", "Tom Reyes", "m") == "Tom Reyes would run"
    assert named_claim_text("he would run", "indirect", "Ruth Calder", "f") == "he would run"


def test_first_person_in_reported_speech_is_left_as_written() -> None:
    # "I" in indirect speech is the writer's, not the speaker's.
    assert named_claim_text("I was wrong", "indirect", "Tom Reyes", "m") == "I was wrong"


def test_a_contracted_i_is_the_speaker_with_the_verb_written_out() -> None:
    said = named_claim_text("“I've raised all I’ll need,”", "direct", "Bobby Scott", "m")
    assert said == "Bobby Scott has raised all Bobby Scott will need"
    assert named_claim_text('"I\'m running"', "direct", "Ann Lee", "f") == "Ann Lee is running"
