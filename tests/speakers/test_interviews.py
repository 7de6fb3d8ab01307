"""interviews: "Q:" and "A:" lines."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, resolve


def test_an_interview_answers_as_the_one_interviewed(parser: Language) -> None:
    text = (
        "A conversation with Governor Elena Vargas\n\n"
        "Vargas sat down with the Herald on Tuesday.\n\n"
        "Q: How bad is it?\n\n"
        "A: It's the worst in a generation.\n\n"
        "Critics such as Sen. Ray Dunn are unconvinced."
    )
    asked = attribution(text, "Q", "How bad is it?", kind="direct", after="Q:")
    answer = attribution(text, "A", "It's the worst in a generation.", kind="direct", after="A:")
    resolve(parser, text, [asked, answer])
    assert (answer.speaker.name, answer.speaker.type) == ("Elena Vargas", "person")
    assert (asked.speaker.name, asked.speaker.entity) == ("the interviewer", None)
