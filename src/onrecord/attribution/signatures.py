"""Attributions signed with a dash: embedded tweets and signature lines.

Scraped articles carry embedded tweets as a line of text followed by "— Name (@handle) Date",
and quote collections sign a quotation with a line of its own ("- Bernie Sanders."). No verb
is involved, so the dependency rules cannot see them; they are found in the raw text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from onrecord.attribution.assemble import Draft
from onrecord.attribution.quotes import Quote
from onrecord.wordlists import words

_DASH = "―—–-"
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
# "... text — Paul Ryan (@SpeakerRyan) July 5, 2016"
_TWEET = re.compile(rf"(?P<dash>[{_DASH}])\s+(?P<source>{_NAME})\s+\(@\w{{1,30}}\)", re.MULTILINE)
# A line that is only "- Bernie Sanders." under a quotation.
_SIGNATURE = re.compile(
    rf"^[ \t]*(?P<dash>[{_DASH}])[ \t]*(?P<source>{_NAME})\.?[ \t]*$", re.MULTILINE
)
# The same signature closing the quotation's own line, perhaps with who the speaker is:
# '"We are thrilled." — Jane Doe, chief executive of Acme'. Read from the quotation's end.
_SIGNED_LINE = re.compile(
    rf"[ \t]*(?P<dash>[{_DASH}])[ \t]*(?P<source>{_NAME})\.?(?:,[^\n\"“”]{{1,100}})?[ \t]*$",
    re.MULTILINE,
)


def _source(m: re.Match[str]) -> tuple[int, int]:
    """The name's extent, without a sentence's full stop ("Bernie Sanders.") but keeping an
    initial's or a title's ("George W.", "Jr.")."""
    start, end = m.start("source"), m.end("source")
    last_word = m.group("source").split()[-1]
    if last_word.endswith(".") and len(last_word.rstrip(".")) > 2 and last_word != "Jr.":
        end -= 1
    return start, end


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def tweet_drafts(text: str) -> list[Draft]:
    """The tweet's text (on the same line, before the dash) said by the named account."""
    drafts = []
    for m in _TWEET.finditer(text):
        start = _line_start(text, m.start())
        # Embedded-tweet markup often precedes the text on the same line: start after it.
        tag_end = text.rfind(">", start, m.start())
        start = tag_end + 1 if tag_end != -1 else start
        end = m.start("dash")
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end - start < 3:
            continue
        drafts.append(
            Draft(
                content=[(start, end)],
                cue=(m.start("dash"), m.end("dash")),
                source=_source(m),
                rule="tweet",
            )
        )
    return drafts


def _signed(index: int, quote: Quote, m: re.Match[str]) -> Draft:
    return Draft(
        content=[(quote.start, quote.end)],
        cue=(m.start("dash"), m.end("dash")),
        source=_source(m),
        rule="signature",
        quotes={index},
    )


def _opens_line(text: str, quote: Quote) -> bool:
    return not text[_line_start(text, quote.start) : quote.start].strip()


def signature_drafts(text: str, quotes: list[Quote]) -> list[Draft]:
    """A quotation signed on the next line, or at the end of its own line when the quotation
    opens it (a round-up of reactions): the quotation is the content."""
    drafts = []
    for m in _SIGNATURE.finditer(text):
        before = text[: m.start()].rstrip()
        index = next((i for i, q in enumerate(quotes) if q.end == len(before)), None)
        if index is not None:
            drafts.append(_signed(index, quotes[index], m))
    for index, quote in enumerate(quotes):
        m = _SIGNED_LINE.match(text, quote.end)
        # Two words at least: '"Rust" — Joel Souza' credits a title, it quotes nobody.
        if m is not None and _opens_line(text, quote) and len(quote.inner(text).split()) >= 2:
            drafts.append(_signed(index, quote, m))
    return drafts


# A transcript turn: "TAPPER: Do you think ...", "JOEL BENENSON: This is a man ...", "Q: ...".
_TURN = re.compile(
    r"^[ \t]*(?P<source>[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}|Q|A)(?P<cue>:)[ \t]+"
    r"(?P<content>\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)


@functools.cache
def _not_speakers() -> frozenset[str]:
    """All-caps leaders that are no speaker, by their first word ("EDITOR'S NOTE:", "READ
    MORE:", "BREAKING NEWS:"): the colon rule's labels and a few that only open a line."""
    return frozenset(w.upper() for w in words("colon_labels")) | words("turn_non_speakers")


# A turn led by a name in title case: "Albright: I don't think so." Such a leader is also how
# labels look ("Update:", "Photos:"), so a name counts only when it takes two turns or more.
_TITLE_TURN = re.compile(
    r"^[ \t]*(?P<source>[A-Z][a-z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})(?P<cue>:)[ \t]+"
    r"(?P<content>\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)


def _speaker_turns(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [
        m
        for m in pattern.finditer(text)
        if m.group("source").split()[0].upper() not in _not_speakers()
    ]


def transcript_drafts(text: str) -> list[Draft]:
    """Turns of an interview transcript, where a capitalised name and a colon open each
    paragraph. One such line could be a heading, so it takes two speakers' turns."""
    # "Clinton: 547." in a delegate count is a tally, not a turn: a turn says something.
    titled = [
        m
        for m in _speaker_turns(_TITLE_TURN, text)
        if len(re.findall(r"[^\W\d_]{2,}", m.group("content"))) >= 2
    ]
    repeated = Counter(m.group("source") for m in titled)
    turns = sorted(
        _speaker_turns(_TURN, text) + [m for m in titled if repeated[m.group("source")] >= 2],
        key=lambda m: m.start(),
    )
    leaders = {m.group("source") for m in turns}
    if len(leaders) < 2:
        return []
    # In a "Q: ... A: ..." interview every answer is the interviewee's, in full.
    answers = {"A"} if "Q" in leaders else set()
    return [
        Draft(
            content=[(m.start("content"), m.end("content"))],
            cue=(m.start("cue"), m.end("cue")),
            source=(m.start("source"), m.end("source")),
            rule="answer" if m.group("source") in answers else "transcript",
        )
        for m in turns
    ]


def find_signed(text: str, quotes: list[Quote]) -> list[Draft]:
    return tweet_drafts(text) + signature_drafts(text, quotes) + transcript_drafts(text)
