"""find_boilerplate and is_in_boilerplate: what is flagged, what is not, where offsets land."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.clean import REASONS, RULES, find_boilerplate, is_in_boilerplate
from onrecord.record import Boilerplate


def reasons(text: str) -> list[tuple[str, str]]:
    return [(b.reason, text[b.start : b.end]) for b in find_boilerplate(text)]


def assert_whole_lines(text: str, spans: list[Boilerplate]) -> None:
    for b in spans:
        assert b.start == 0 or text[b.start - 1] in "\r\n"
        assert b.end == len(text) or text[b.end] in "\r\n"
        assert text[b.start : b.end].strip()


@pytest.mark.parametrize(
    "line",
    [
        "In this photo, Jane Doe poses at the studio in Los Angeles on Oct. 2, 2021.",
        "In this Oct. 21, 2021, file photo provided by the county, the ranch is seen from above.",
        "FILE - In this Jan. 5, 2020 photo, the mayor speaks at a rally. (AP Photo/Jae C. Hong)",
        "FILE - Actor Sam Reed attends a premiere in New York.",
        "A firefighter walks past the wreckage on Monday. (AP Photo/Jae C. Hong)",
        "Media caption, Residents in Kirkfield react to the plans",
        "Image copyright Getty Images",
        "Mara Vance performs at the Coastline Festival in July. Jon Ruiz/Getty Images",
        "The senator speaks in Iowa. Scott Olson/Getty Images for Vanity Fair",
        "(AP Photo/Jae C. Hong)",
        "Photo: Jae C. Hong/AP",
        "Getty Images",
        "Getty.",
        "Bloomberg via Getty Images.",
        "John Moore/Getty Images.",
        "(Reuters)",
        "ASSOCIATED PRESS.",
        "Image source, Getty Images",
        "Image caption, The bridge after the flood",
        "Photo by Tess Varga/Marlow Falls Courier",
    ],
)
def test_captions(line: str) -> None:
    text = f"Headline here\n\n{line}\n\nThe council met on Tuesday.\n"
    assert reasons(text) == [("caption", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Read more: The mayor's budget, explained",
        "READ MORE",
        "Read the rest here",
        "Read the rest of the story at Mediaite.",
        "Related: Why bleached reefs are not always dead reefs",
        "RELATED",
        '"Related:"',
        "Related Topics",
        "Continue reading the main story",
    ],
)
def test_read_more(line: str) -> None:
    text = f"First paragraph.\n{line}\nSecond paragraph.\n"
    assert reasons(text) == [("read_more", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share",
        "Follow John Nolte on Twitter @NolteNC.",
        "Follow Pam Key On Twitter @pamkeyNEN.",
        "Follow @politico.",
        "Twitter: @Milbank.",
        "Sign up for our newsletter",
        "Click here to subscribe",
        "Subscribe to the podcast here.",
        "Advertisement",
        "ADVERTISEMENT",
        "CLICK HERE TO GET THE FOX NEWS APP",
        "Do you support the mayor? Like the page:",
    ],
)
def test_share(line: str) -> None:
    text = f"First paragraph.\n\n{line}\n\nSecond paragraph.\n"
    assert reasons(text) == [("share", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Watch the video above.",
        "Watch the full interview below:",
        "Now Playing",
        "Watch: Warren slams infrastructure deal 02:14",
    ],
)
def test_video_lines(line: str) -> None:
    assert reasons(f"Prose.\n{line}\nMore prose.") == [("video", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Associated Press writers Lisa Mascaro and Farnoush Amiri contributed to this report.",
        "CNN's Manu Raju contributed to this report.",
        "Reporting by Jane Roe; Editing by John Doe",
        "(Reporting by Jane Roe in London; Editing by John Doe)",
        "Additional reporting by Jo Ng in Paris",
        "Copyright 2026 The Associated Press. All rights reserved.",
        "© 2026 Thomson Reuters",
        "By Priya Natarajan",
        "By JANE ROE and JOHN DOE, Associated Press",
        "By Ana de la Cruz | The Coastline Ledger",
        "Contact the reporter at jroe@ledger.com.",
        "Have a news tip? Email us at tips@ledger.com.",
    ],
)
def test_credits(line: str) -> None:
    assert reasons(f"Prose.\n\n{line}\n") == [("credit", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Correction: An earlier version of this story misstated the year the mayor was elected.",
        "CORRECTION: A previous version of this article said the vote was on Tuesday.",
        "This story has been updated with comment from the council.",
        "This article originally appeared on The Conversation.",
        "Updated at 3:15 p.m. ET",
        "Published 9:02 AM EDT Nov 20, 2026",
    ],
)
def test_notes_on_the_article(line: str) -> None:
    assert reasons(f"Prose.\n\n{line}\n") == [("note", line)]


def test_offsets_are_whole_lines_of_the_original_text() -> None:
    text = "  Getty Images  \r\nBody text.\r\n\tShare this article\nEnd"
    spans = find_boilerplate(text)
    assert [b.reason for b in spans] == ["caption", "share"]
    assert [text[b.start : b.end] for b in spans] == ["  Getty Images  ", "\tShare this article"]
    assert_whole_lines(text, spans)


def test_prose_with_said_after_a_caption_is_not_flagged() -> None:
    caption = "In this photo, council member Ana Ruiz poses outside City Hall. (AP Photo/Lee Moss)"
    body = 'Ruiz said the vote was "a disgrace" and that she would appeal.'
    text = f"{caption}\n\n{body}\n"
    spans = find_boilerplate(text)
    assert [(b.reason, text[b.start : b.end]) for b in spans] == [("caption", caption)]
    start = text.index(body)
    assert not is_in_boilerplate(spans, start, start + len(body))


@pytest.mark.parametrize(
    "line",
    [
        "WASHINGTON (AP) — The more Democrats learn about the senator, the more they like him.",
        "Aug 27 (Reuters) - The candidate received her first security briefing on Saturday.",
        '"Watch what happens next," the mayor said at the rally.',
        "Following the vote, the council adjourned.",
        "Related issues were raised by several residents, the clerk said.",
        "The email includes a photo of the senator wearing hunting gear.",
        "In this election, the candidate's photo shows up on every lawn.",
        "Sign up, the organizers said, or lose your place.",
        'She told the paper: "Read more books."',
        "9:05 p.m.",
        "Watch: the mayor said the vote would come at 9:30",
        "Two reporters contributed to the report, the editor said.",
        "By the time police arrived, the man had fled.",
        "He said the photo was taken by Jane Roe/AP and then deleted.",
        "Imagery from the scene shows damage to the bridge.",
        "Media coverage, officials said, was limited.",
        "Updated plans were published on Monday, the mayor said.",
        "Correction officers said the prison was understaffed.",
        "This report was published by the inspector general on Tuesday, officials said.",
        "By Tuesday, officials said, the road would reopen.",
        "By Land And Sea, the festival said, visitors keep coming.",
        "Trump did post on Twitter Friday that his claims were sarcasm.",
        "He said the photo (AP Photo/Lee Moss) was taken before the fire, officials said.",
    ],
)
def test_body_lines_are_not_flagged(line: str) -> None:
    assert find_boilerplate(f"Intro.\n\n{line}\n\nOutro.") == []


VIDEO_STORY = """Lisa Moreno told the station that her client has always denied it.

6:29

Exclusive: crew member speaks out

The former crew member walks through the last day on the set.

Investigators have described "some complacency" in how weapons were handled on the set.

"He never touched it," Moreno said.
"""


def test_video_block_ends_before_the_next_article_paragraph() -> None:
    spans = find_boilerplate(VIDEO_STORY)
    assert [b.reason for b in spans] == ["video"]
    (block,) = spans
    assert VIDEO_STORY[block.start : block.end] == (
        "6:29\n\nExclusive: crew member speaks out\n\n"
        "The former crew member walks through the last day on the set."
    )
    assert_whole_lines(VIDEO_STORY, spans)
    nxt = VIDEO_STORY.index("Investigators")
    assert block.end < nxt
    assert not is_in_boilerplate(spans, nxt, nxt + 20)


def test_video_block_stops_at_a_paragraph_with_a_cue_verb() -> None:
    # No blurb under the title: the wire copy resumes at once and must stay body text.
    text = "1:02:15\nFull replay: Gulls beat Tideport\nThe league said on Monday it would appeal.\n"
    (block,) = find_boilerplate(text)
    assert text[block.start : block.end] == "1:02:15\nFull replay: Gulls beat Tideport"


def test_video_blurb_may_report_in_the_present_tense() -> None:
    text = (
        "03:12\n\nWATCH: Residents describe the night of the spill\n"
        "Families in Fernbrook say they are still waiting for answers.\n\n"
        "The company said it regretted the harm.\n"
    )
    (block,) = find_boilerplate(text)
    assert text[block.start : block.end].endswith("still waiting for answers.")


def test_video_block_refuses_a_quote_paragraph_as_title() -> None:
    text = '0:45\n\n"We are not leaving," the owner said on Monday.\n'
    (block,) = find_boilerplate(text)
    assert (block.reason, text[block.start : block.end]) == ("video", "0:45")


def test_clock_time_before_a_sentence_is_not_a_video_title() -> None:
    # A live blog's bare "12:30" looks like a running time; the entry under it ends in a full
    # stop, as a sentence does and a video title does not, so it stays body text.
    text = "12:30\nThe senator wins Florida.\nShe called it a clean sweep.\n"
    (block,) = find_boilerplate(text)
    assert text[block.start : block.end] == "12:30"


def test_running_time_at_end_of_text() -> None:
    text = "Body.\n6:29"
    assert reasons(text) == [("video", "6:29")]


def test_is_in_boilerplate() -> None:
    spans = [Boilerplate(10, 20, "caption"), Boilerplate(30, 40, "share")]
    assert is_in_boilerplate(spans, 10, 20)
    assert is_in_boilerplate(spans, 12, 22)  # 8 of 10 characters inside
    assert not is_in_boilerplate(spans, 15, 30)  # 5 of 15
    assert is_in_boilerplate(spans, 15, 15)
    assert not is_in_boilerplate(spans, 25, 25)
    assert not is_in_boilerplate([], 0, 5)
    # Two stretches together can cover most of an interval that neither covers alone.
    assert is_in_boilerplate([Boilerplate(0, 4, "share"), Boilerplate(5, 9, "share")], 0, 10)
    # Overlapping stretches are not counted twice.
    assert not is_in_boilerplate([Boilerplate(0, 4, "a"), Boilerplate(0, 4, "b")], 0, 10)


def test_rules_table_is_data() -> None:
    assert {r.reason for r in RULES} <= set(REASONS)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    "line",
    [
        "AP/" + " " * 40 + "/" + " " * 40 + "/" + " " * 30 + "!",
        '"' + " " * 140 + "x",
        "Getty / " + "a " * 56 + "!",
    ],
)
def test_no_catastrophic_backtracking(line: str) -> None:
    # These lines once took minutes: nested quantifiers over classes that both match spaces.
    t0 = time.perf_counter()
    find_boilerplate(f"6:29\n{line}\n{line}\n")
    assert time.perf_counter() - t0 < 1.0


LINE_PARTS = st.sampled_from(
    [
        "6:29",
        "1:02:15",
        "Getty Images",
        "Read more: x",
        "Share this article",
        "Advertisement",
        "Title of a video",
        'He said "yes, we will," and left.',
        "",
        " ",
        "\r",
        "In this photo, X poses.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(st.one_of(LINE_PARTS, st.text(max_size=40)), max_size=15).map("\n".join),
    )
)
def test_never_crashes_and_spans_are_sane(text: str) -> None:
    spans = find_boilerplate(text)
    prev_end = -1
    for b in spans:
        assert b.reason in REASONS
        assert 0 <= b.start < b.end <= len(text)
        assert b.start >= prev_end
        prev_end = b.end
    assert_whole_lines(text, spans)


# --- the real corpus -------------------------------------------------------------------------

CORPUS = Path(
    os.environ.get("ONRECORD_POLNEAR")
    or Path(__file__).resolve().parents[1] / "../shared/corpora/polnear"
)
GOLD_SPAN = re.compile(r"^T\d+\t(?:Source|Cue|Content) (\d+) [\d; ]*?(\d+)\t", re.MULTILINE)


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "train" / "attributions").is_dir(), reason="no PolNeAR")
def test_polnear_gold_spans_stay_outside_boilerplate() -> None:
    # Every annotator's file of every train article: a gold source, cue or content that falls in
    # a flagged line would be hidden from extraction, so there must be none.
    split = CORPUS / "train"
    flagged = spans_checked = 0
    hidden: list[str] = []
    for path in sorted((split / "text").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        spans = find_boilerplate(text)
        flagged += len(spans)
        for ann in (split / "attributions").glob(f"{path.stem}_*.ann"):
            for m in GOLD_SPAN.finditer(ann.read_text(encoding="utf-8")):
                start, end = int(m.group(1)), int(m.group(2))
                spans_checked += 1
                if any(b.start < end and start < b.end for b in spans):
                    hidden.append(f"{path.name}: {text[start:end][:80]!r}")
    assert spans_checked > 60000
    assert flagged > 100  # the rules do fire on real scrapes
    assert hidden == []
