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


INTERVIEW = (
    "Former first lady Laura Bush sat down this week with the paper.\n\n"
    "QWhy should the U.S. stay? You have said so before.\n\n"
    "A: I think it's in our interests.\n\n"
    "We stayed in Japan for years after the war.\n\n"
    "Q: Will you vote for him?\n\n"
    "A: I'm not going to answer."
)


def test_an_answers_i_and_we_are_the_one_interviewed(parser: Language) -> None:
    i = attribution(INTERVIEW, "I", "it's in our interests", after="A:")
    we = attribution(INTERVIEW, "We", "stayed in Japan for years after the war")
    resolve(parser, INTERVIEW, [i, we])
    assert i.speaker.name == "Laura Bush"
    assert we.speaker.name == "Laura Bush"


def test_a_questions_you_is_the_one_interviewed_run_in_q_included(parser: Language) -> None:
    you = attribution(INTERVIEW, "You", "so")
    resolve(parser, INTERVIEW, [you])
    assert you.speaker.name == "Laura Bush"


def test_one_a_line_is_no_interview(parser: Language) -> None:
    text = (
        "Laura Bush spoke.\n\nA: note on sources.\n\nI think the plan is wrong, the author wrote."
    )
    i = attribution(text, "I", "the plan is wrong")
    resolve(parser, text, [i])
    assert i.speaker.name != "Laura Bush"
