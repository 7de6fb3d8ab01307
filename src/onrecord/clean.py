"""Find the lines of scraped article text that are not article body.

Scraped news pages keep their photo captions, embedded video players, "Read more" teasers and
share/subscribe prompts as lines of plain text between the paragraphs. They are not what the
article reports, so attributions found inside them are flagged (``Attribution.in_boilerplate``).

Precision matters more than recall here: a line wrongly marked as boilerplate hides the real
quotes in it, whereas a missed share line at worst yields a stray attribution. So every pattern is
anchored to a whole line, bounded in length, and the looser ones refuse lines that read like
reported speech. Offsets are into the text exactly as given: nothing is normalised, and every
stretch starts at a line start and ends at a line end (before the line break).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from onrecord.record import Boilerplate
from onrecord.wordlists import lines

__all__ = ["REASONS", "RULES", "Rule", "find_boilerplate", "is_in_boilerplate"]

REASONS: tuple[str, ...] = ("caption", "video", "read_more", "share", "credit", "note")
# Boilerplate that is another story's text: a "Read more: Mayor says fares will rise" teaser is
# a headline from elsewhere, so nothing in it is this article's attribution (a caption, by
# contrast, can quote the article's own people, and is kept, marked in_boilerplate).
ELSEWHERE: frozenset[str] = frozenset({"read_more"})


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate line. ``pattern`` is searched in the line stripped of surrounding
    whitespace; ``max_len`` bounds that stripped line, because a long line is a paragraph even if
    it happens to begin like a caption; ``guard`` refuses lines that read like reported speech,
    for the patterns that could also begin a body sentence."""

    reason: str
    name: str
    pattern: re.Pattern[str]
    max_len: int = 300
    guard: bool = False


@functools.cache
def _words_pattern(name: str) -> re.Pattern[str]:
    """The word list ``name`` (``data/words/<name>.txt``) as one case-blind regex of whole words;
    the words of a phrase may be split by any whitespace ("according  to")."""
    phrases = (r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in lines(name))
    return re.compile(rf"\b(?:{'|'.join(phrases)})\b", re.IGNORECASE)


def _cue() -> re.Pattern[str]:
    """Verbs and phrases that introduce reported speech ("said", "according to", "in a
    statement"): a line carrying one is likely body prose reporting what someone said, so the
    looser rules and the video blurb refuse it."""
    return _words_pattern("boilerplate_speech_cues")


def _present_cue() -> re.Pattern[str]:
    """Reporting verbs in the present tense ("say", "tells"), which video blurbs use."""
    return _words_pattern("boilerplate_present_cues")


# A double-quoted stretch of three or more words: speech, not a title like "Rust" or "20/20".
_SPEECH_QUOTE = re.compile(r"[\"“]\s*[^\"“”\s]+(?:\s+[^\"“”\s]+){2,}\s*[\"”]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]?\s+[\"“‘(]?[A-Z0-9]")

# A video player's running time alone on a line: "6:29", "0:45", "1:02:15". Clock times in
# live blogs come with "a.m."/"p.m." and so do not match.
_RUNNING_TIME = re.compile(r"(?:\d{1,2}:)?[0-5]?\d:[0-5]\d")

_CREDIT_SOURCE = (
    r"(?:Getty(?:\s+Images)?|AP(?:\s+Photo)?|Associated\s+Press|Reuters|AFP|EPA(?:-EFE)?|"
    r"Shutterstock|Alamy|Pool|Handout)"
)
# A name of up to seven words. Words exclude whitespace so that each way of reading a line has
# one split into words: a class mixing the two made the credit pattern backtrack exponentially.
_NAME = r"[\w.'’-]+(?:\s+[\w.'’-]+){0,6}"
# A name in a byline: two to four capitalised words ("Priya Natarajan", "JANE ROE", "Ana de
# la Cruz"); a lowercase word ends it, so "By the time ..." is not a byline.
_BYLINE_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|la|van|von|da|del|bin)){1,3}"
_SOCIAL = r"(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|LinkedIn|TikTok|Mastodon|YouTube)"


def _rule(
    reason: str, name: str, regex: str, *, max_len: int = 300, guard: bool = False, flags: int = 0
) -> Rule:
    return Rule(reason, name, re.compile(regex, flags), max_len, guard)


# The table. Order only matters for the reason reported when two rules match the same line.
RULES: tuple[Rule, ...] = (
    # --- photo captions and credits -----------------------------------------------------------
    # AP file-photo captions: "FILE - In this Oct. 21, 2021 file photo, ..." / "FILE - Actor ...".
    _rule("caption", "file_photo", r"^FILE\s*[-–—]\s*\S", max_len=700),
    # "In this photo, X poses ...", "In this Oct. 21, 2021, file photo provided by ..."; what
    # follows the noun must be caption grammar, so "In this election, his photo ..." is refused.
    _rule(
        "caption",
        "in_this_photo",
        r"^In\s+this\s+[\w.,\- ]{0,60}?(?:photos?|images?|pictures?|photographs?|frame\s+grab|"
        r"screen\s*grab|video\s+(?:still|grab|image))\b\s*(?:,|provided|released|made|taken|"
        r"from|by|courtesy|obtained|shows?|distributed|posted|shared|supplied)",
        max_len=700,
        flags=re.IGNORECASE,
    ),
    _rule(
        "caption",
        "this_photo",
        r"^(?:This|An?)\s+(?:undated\s+|handout\s+|file\s+)*(?:photo|image|picture|photograph)\s+"
        r"(?:provided|released|made|taken|obtained|from|courtesy|distributed|supplied)\b",
        max_len=500,
    ),
    # A trailing parenthesised credit: "... on the set. (AP Photo/Jae C. Hong)". Guarded, since a
    # scraper sometimes glues a credit onto the end of a real paragraph.
    _rule(
        "caption",
        "trailing_credit",
        r"\([^()]*\b(?:Photo|Photograph|Photos|Getty|Images)\b[^()]*\)[.\s]*$",
        max_len=500,
        guard=True,
    ),
    # The same credit without parentheses after the caption's last sentence, as news sites
    # print it: "Vance performs in July. Jon Ruiz/Getty Images".
    _rule(
        "caption",
        "trailing_bare_credit",
        rf"[.!?]\s+{_BYLINE_NAME}\s*/\s*{_CREDIT_SOURCE}(?:\s+(?:for|via)\s+[\w .&'’-]{{2,40}})?"
        r"\.?$",
        max_len=500,
        guard=True,
    ),
    # "Photo: Jae C. Hong/AP", "Pictured: ...", "Image caption, ...", "Image source, Reuters".
    _rule(
        "caption",
        "labelled",
        r"^(?:Photo|Photograph|Photos|Image|Picture|Pictured|Caption|Credit|(?:Photo|Image|Media|"
        r"Video)\s+(?:credit|caption|source|copyright))\s*[:|,]\s*\S|^(?:Image|Photo)\s+"
        r"copyright\s+\S",
        max_len=400,
        flags=re.IGNORECASE,
    ),
    _rule(
        "caption",
        "photo_by",
        r"^\(?(?:Photo|Photograph|Image|Picture)s?\s+(?:by|courtesy\s+of|credit)\b",
        max_len=150,
        flags=re.IGNORECASE,
    ),
    # A credit alone: "Getty.", "(Reuters)", "ASSOCIATED PRESS.", "John Moore/Getty Images.",
    # "Bloomberg via Getty Images", "AP Photo/Jae C. Hong, File".
    _rule(
        "caption",
        "credit_line",
        rf"^\(?\s*(?:{_NAME}(?:\s+via\s+|\s*/\s*))?{_CREDIT_SOURCE}"
        rf"(?:\s*/\s*{_NAME}){{0,3}}(?:,\s*(?:File|Pool))?\s*\)?\.?$",
        max_len=120,
        flags=re.IGNORECASE,
    ),
    # --- video ----------------------------------------------------------------------------------
    # (The running-time block is found by _video_block_end, not by this table.)
    _rule(
        "video",
        "watch_here",
        r"^(?:Watch|WATCH)\s+(?:the|a|an|our|this|full|more)\b.{0,100}\b(?:above|below|here)"
        r"\s*[.:!]?$",
        max_len=150,
    ),
    _rule("video", "watch_site", r"^Watch the latest video at\b", max_len=200),
    # A related video's title with its running time: "Watch: Warren slams the deal 02:14".
    _rule(
        "video",
        "titled_clip",
        r"^(?:Watch|Video)\s*:\s*.{3,150}?\s(?:\d{1,2}:)?[0-5]?\d:[0-5]\d$",
        max_len=170,
        guard=True,
        flags=re.IGNORECASE,
    ),
    # A player's error message: "We Are Sorry,This video is restricted from playing ...".
    _rule(
        "video",
        "player_error",
        r"^(?:We(?:\s+are|'re|’re)\s+sorry,?\s*)?This\s+video\s+(?:is\s+(?:restricted|unavailable|"
        r"not\s+available|no\s+longer\s+available)|cannot\s+be\s+played)",
        max_len=150,
        flags=re.IGNORECASE,
    ),
    _rule(
        "video",
        "player_label",
        r"^(?:Now\s+Playing|Up\s+Next|Play\s+Video|Watch\s+Video|Video|Replay)\s*:?$",
        max_len=20,
        flags=re.IGNORECASE,
    ),
    # --- read more / related teasers ------------------------------------------------------------
    # A leader alone or followed by a separator: "Read more: ...", "RELATED: ...", "READ MORE".
    _rule(
        "read_more",
        "leader",
        r"^[\"“']?(?:Read\s+more|Read\s+next|Also\s+read|More\s+from\s+[\w .'’&-]{1,40}|"
        r"Related(?:\s+(?:coverage|stories|articles|content|video|links?|topics|internet\s+"
        r"links))?|See\s+also|"
        r"More\s+on\s+this(?:\s+story)?|Recommended(?:\s+stories)?|Also\s+on\s+[\w.]{2,20}|"
        r"Continue\s+reading(?:\s+the\s+main\s+story)?|Keep\s+reading|Before\s+you\s+go|"
        r"You\s+(?:may|might)\s+also\s+like|Most\s+read|Trending(?:\s+now)?|MORE)"
        r"\s*(?:[:»›>|—–-]+.*|[.!]?[\"”']?)$",
        max_len=250,
        flags=re.IGNORECASE,
    ),
    # "Read the rest here", "Read the full statement below:", "Read more about the vote here."
    _rule(
        "read_more",
        "read_the_rest",
        r"^Read\s+(?:the\s+rest|more|the\s+full\s+(?:story|article|report|interview|transcript|"
        r"text|statement|letter|piece|post|ruling|complaint|indictment))\b.{0,120}?"
        r"\b(?:here|below|above|at\s+\S+)\s*[.:!]?$",
        max_len=200,
    ),
    # --- share / subscribe / follow / ads -------------------------------------------------------
    _rule(
        "share",
        "share_button",
        r"^(?:Share|Tweet|Email|E-mail|Print|Comments?|Save|Copy\s+link)(?:\s+(?:this|the)\s+"
        rf"(?:article|story|page|post|video|link))?(?:\s+(?:on|via|with|to)\s+{_SOCIAL}|\s+by\s+"
        r"email)?\s*[.!:]?$",
        max_len=60,
        flags=re.IGNORECASE,
    ),
    _rule(
        "share",
        "follow",
        rf"^Follow\s+(?:@\w+|(?:[\w.'’-]+\s+){{1,12}}?(?i:on)\s+{_SOCIAL}\b)",
        max_len=250,
    ),
    _rule("share", "handle", rf"^{_SOCIAL}\s*:\s*@\w+", max_len=120),
    _rule(
        "share",
        "signup",
        r"^\(?(?:Sign\s+up|Subscribe|Click\s+here|Tap\s+here|Download\s+(?:our|the)\s+\w*\s*app)\b",
        max_len=200,
        guard=True,
        flags=re.IGNORECASE,  # "CLICK HERE TO GET THE FOX NEWS APP"
    ),
    _rule(
        "share",
        "newsletter",
        r"\b(?:[Ss]ign\s+up|[Ss]ubscribe)\b.{0,100}\b(?:newsletter|inbox|e-?mail|podcast|alerts|"
        r"here|button)\b|\b(?:newsletter|inbox)\b.{0,60}\b(?:[Ss]ign\s+up|[Ss]ubscribe)\b",
        max_len=250,
        guard=True,
    ),
    _rule(
        "share",
        "advertisement",
        r"^(?:Advertisement|Sponsored(?:\s+content)?|Story\s+continues\s+below(?:\s+advertisement)?|"
        r"Skip\s+Ad|Ad)\s*\.?$",
        max_len=60,
        flags=re.IGNORECASE,
    ),
    _rule("share", "like_page", r"\bLike\s+(?:the|our|us\s+on)\s+(?:page|Facebook)\b", max_len=120),
    # --- credits ----------------------------------------------------------------------------------
    # "Associated Press writers Lisa Mascaro and Farnoush Amiri contributed to this report."
    _rule(
        "credit",
        "contributed",
        r"\b(?:contributed|contributing)\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)"
        r"(?:ing)?\s*\.?\)?$|^\(?(?:Additional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\s+",
        max_len=250,
    ),
    # "Copyright 2026 The Associated Press. All rights reserved.", "© 2026 Reuters".
    _rule(
        "credit",
        "copyright",
        r"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|[A-Z])|\bAll\s+rights\s+reserved\b",
        max_len=200,
        flags=re.IGNORECASE,
    ),
    # A byline alone on its line: "By Priya Natarajan", "By JANE ROE and JOHN DOE, Associated
    # Press". Names only: "By the time police arrived, ..." is prose.
    _rule(
        "credit",
        "byline",
        rf"^By\s+{_BYLINE_NAME}(?:\s*(?:,|and|&)\s*{_BYLINE_NAME})*"
        r"(?:\s*[,|—–-]\s*[\w .&'’]{2,40})?\s*$",
        max_len=120,
        guard=True,
    ),
    # "Contact the reporter at jroe@ledger.com.", "Have a news tip? Email us at ...".
    _rule(
        "credit",
        "contact",
        r"^(?:(?:Contact|Email|E-mail|Reach)\s+(?:the\s+(?:reporter|writer|author)|us|"
        r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})\s+(?:at|via)\s+\S+@\S+|"
        r"Have\s+a\s+(?:news\s+)?tip\s*\?)",
        max_len=200,
    ),
    # --- notes on the article itself --------------------------------------------------------------
    # Unguarded: "A previous version of this article said the vote was on Tuesday" is the
    # newsroom correcting itself, not an attribution in the story.
    _rule(
        "note",
        "correction",
        r"^(?:CORRECTION|Correction|CLARIFICATION|Clarification)\s*[:.—–-]",
        max_len=600,
    ),
    _rule(
        "note",
        "updated",
        r"^This\s+(?:story|article|post|report|piece)\s+(?:has\s+been|was)\s+(?:updated|"
        r"corrected|edited|changed)\b|^This\s+(?:story|article|post|piece)\s+(?:originally\s+)?"
        r"(?:appeared|was\s+(?:originally\s+|first\s+)?published)\s+(?:on|in|at|by)\b",
        max_len=250,
    ),
    # A time stamp alone: "Updated at 3:15 p.m. ET", "Published 9:02 AM EDT Nov 20, 2026".
    _rule(
        "note",
        "timestamp",
        r"^(?:Updated|Published|Posted|Last\s+updated|First\s+published)\s*(?:at|on|:)?\s*"
        r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|"
        r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)",
        max_len=80,
    ),
    # Deliberately absent: live-blog widget lines ("...FlagShareLikeReply... 9:12PM Trump Says
    # ..."). They carry the post's headline, which PolNeAR annotates as reported content.
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, the end before its line break (\\n, \\r\\n or \\r)."""
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _reads_as_speech(line: str) -> bool:
    return _cue().search(line) is not None


def _sentences(line: str) -> int:
    return len(_SENTENCE_BREAK.findall(line)) + 1


def _strip(line: str) -> str:
    # A byte-order mark left at the start of a scraped file is not whitespace to str.strip.
    return line.strip().lstrip("\ufeff").strip()


def _line_reason(line: str) -> str | None:
    stripped = _strip(line)
    if not stripped:
        return None
    for rule in RULES:
        if len(stripped) > rule.max_len:
            continue
        if rule.guard and _reads_as_speech(stripped):
            continue
        if rule.pattern.search(stripped):
            return rule.reason
    return None


def _is_video_title(line: str) -> bool:
    """A related video's title: short, one sentence, not a quoted remark being attributed, and
    without a closing full stop. Headlines carry none, whereas the sentence after a live blog's
    bare "12:30" does, and that is the likeliest line to be mistaken for a title."""
    if len(line) > 150 or _sentences(line) > 1 or line.endswith("."):
        return False
    return not (_SPEECH_QUOTE.search(line) and _reads_as_speech(line))


def _is_video_blurb(line: str) -> bool:
    """The blurb under a video title. Wire copy that follows a player is often a single short
    sentence too, so the blurb must be short, at most two sentences, and free of quoted speech
    and of reporting verbs in the past tense; anything else is taken as the article resuming.
    Blurbs describe the clip in the present ("Families say they are still waiting"), which
    wire copy, reporting in the past ("said"), rarely does."""
    if len(line) > 300 or _sentences(line) > 2:
        return False
    if line[0] in "\"“‘'":
        return False
    return not (_reads_as_speech(_present_cue().sub(" ", line)) or _SPEECH_QUOTE.search(line))


def _video_block_end(text: str, lines: Sequence[tuple[int, int]], i: int) -> int:
    """Index of the last line of the video block whose running-time line is ``lines[i]``.

    The block is the running time, then the video's title, then at most one blurb line; blank
    lines between them are skipped. It stops early at the first line that does not fit the part
    it would fill, because the player sits between two article paragraphs and the next line may
    already be body text."""
    last = i
    tests = (_is_video_title, _is_video_blurb)
    j = i + 1
    for test in tests:
        while j < len(lines) and not _strip(text[lines[j][0] : lines[j][1]]):
            j += 1
        if j >= len(lines):
            break
        line = _strip(text[lines[j][0] : lines[j][1]])
        if _RUNNING_TIME.fullmatch(line) or _line_reason(line) is not None or not test(line):
            break
        last = j
        j += 1
    return last


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Stretches of ``text`` that are not article body, sorted and non-overlapping.

    Each covers whole lines: it starts at a line start and ends at a line end, before the line
    break. A video block (running time, title, blurb) is one stretch, blank lines inside it
    included; every other reason covers a single line."""
    lines = list(_lines(text))
    found: list[Boilerplate] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if _RUNNING_TIME.fullmatch(_strip(line)):
            last = _video_block_end(text, lines, i)
            found.append(Boilerplate(start, lines[last][1], "video"))
            i = last + 1
            continue
        reason = _line_reason(line)
        if reason is not None:
            found.append(Boilerplate(start, end, reason))
        i += 1
    return found


def is_in_boilerplate(spans: Iterable[Boilerplate], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies mostly (more than half of it) inside boilerplate.

    "Mostly" rather than "entirely" because a span found by a parser may overhang a caption by a
    character or two of whitespace or punctuation. An empty interval counts when its position
    falls inside a stretch."""
    if end <= start:
        return any(b.start <= start < b.end for b in spans)
    covered, reach = 0, start
    for b in sorted(spans, key=lambda b: b.start):
        # Counting only past ``reach`` keeps overlapping stretches from being counted twice.
        lo, hi = max(reach, b.start), min(end, b.end)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered * 2 > end - start
