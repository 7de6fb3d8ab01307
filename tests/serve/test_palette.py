"""The reader's speaker colours, measured from reader.css as shipped: every pair of speakers'
highlights far apart, neighbours apart for colour-blind readers too, dark text readable on
every tint, and speakers given slots in order of appearance so neighbours never share one."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from onrecord.record import Article, Attribution, Span, Speaker
from onrecord.serve.markup import PALETTE_SIZE, colour_slots, paragraphs
from support.colour import CVD_MATRICES, contrast, delta_e2000, distance, over_black, simulated

CSS = (Path(__file__).resolve().parents[2] / "src/onrecord/serve/static/reader.css").read_text(
    encoding="utf-8"
)

# CIEDE2000 of about 1 is the smallest difference anyone sees; the old palette's closest
# pairs (blue and indigo, green and teal) were 4.5 apart and read as one colour at a glance.
# Palettes made for telling categories apart keep their closest pairs near 18-22 (Tableau 10:
# 18.1, Okabe-Ito: 21.7, by delta_e2000 here). 15 is over three times the confusable
# distance, and light tints can hold it for ten colours (this palette's closest: 18.4).
APART = 15.0
# Simulated dichromats lose a whole colour axis, so no ten colours stay 15 apart for them.
# Slots go in order of appearance, so the speakers most often read side by side are one or
# two slots apart: those must stay clearly apart (10, two-thirds of APART) in each
# simulation, lightness doing the work that hue cannot.
APART_FOR_DICHROMATS = 10.0
NEAR_SLOTS = (1, 2)
TEXT_CONTRAST = 4.5  # WCAG 2 AA for body text
LINE_CONTRAST = 3.0  # WCAG 2 1.4.11, non-text: underlines and swatch borders on white


def css_var(name: str) -> str:
    m = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})\b", CSS)
    assert m, f"--{name} is not in reader.css"
    return m.group(1)


def slots() -> list[str]:
    found = sorted(int(n) for n in re.findall(r"--c(\d+)-bg:", CSS))
    assert found == list(range(PALETTE_SIZE)), "reader.css and markup.PALETTE_SIZE disagree"
    return [str(i) for i in found]


TINTS = [css_var(f"c{s}-bg") for s in slots()]
TONES = [css_var(f"c{s}") for s in slots()]
INK = css_var("ink")
WHITE = css_var("surface")
NO_SPEAKER = css_var("cx-bg")


def nested_shade() -> float:
    """The alpha of the black layer a nested highlight gets (``.hl.nested``)."""
    m = re.search(r"\.hl\.nested\s*{[^}]*rgba\(0,\s*0,\s*0,\s*([\d.]+)\)", CSS)
    assert m, ".hl.nested's shade is not in reader.css"
    return float(m.group(1))


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 13 (hue wrap), 17 and 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_delta_e2000_matches_the_published_pairs(
    lab1: tuple[float, float, float], lab2: tuple[float, float, float], expected: float
) -> None:
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_every_slot_has_its_highlight_underline_and_swatch_rules() -> None:
    for s in [*slots(), "x"]:
        assert re.search(rf"\.c{s} {{ background-color: var\(--c{s}-bg\); }}", CSS), s
        assert re.search(rf"\.u{s} {{ text-decoration-color: var\(--c{s}\); }}", CSS), s
        assert re.search(rf"\.swatch\.c{s} {{ border-color: var\(--c{s}\); }}", CSS), s


def test_every_pair_of_speaker_tints_is_far_apart() -> None:
    close = [(a, b, round(distance(a, b), 1)) for a, b in itertools.combinations(TINTS, 2)
             if distance(a, b) < APART]  # fmt: skip
    assert close == []


def test_tints_stand_out_from_the_page_and_from_no_speaker() -> None:
    for tint in TINTS:
        assert distance(tint, WHITE) >= APART, tint
        assert distance(tint, NO_SPEAKER) >= APART, tint


def test_near_slots_stay_apart_for_colour_blind_readers() -> None:
    n = len(TINTS)
    for deficiency in CVD_MATRICES:
        seen = [simulated(t, deficiency) for t in TINTS]
        for i, step in itertools.product(range(n), NEAR_SLOTS):
            j = (i + step) % n  # cyclic: speaker 11 takes slot 0 after slot 9
            d = delta_e2000(seen[i], seen[j])
            assert d >= APART_FOR_DICHROMATS, (deficiency, TINTS[i], TINTS[j], round(d, 1))


def test_dark_text_is_readable_on_every_tint_nested_or_not() -> None:
    shade = nested_shade()
    for tint in TINTS:
        assert contrast(INK, tint) >= TEXT_CONTRAST, tint
        assert contrast(INK, over_black(tint, shade)) >= TEXT_CONTRAST, tint


def test_underline_tones_show_on_white_and_differ() -> None:
    for tone in TONES:
        assert contrast(tone, WHITE) >= LINE_CONTRAST, tone
    for a, b in itertools.combinations(TONES, 2):
        assert distance(a, b) >= APART_FOR_DICHROMATS, (a, b)


def speakers_article(n: int) -> Article:
    """``n`` speakers quoted one after another, each once, in one paragraph."""
    lines = [f'"Point {i}," said Speaker{i}.' for i in range(n)]
    text = " ".join(lines)
    attributions = []
    for i, line in enumerate(lines):
        at = text.index(line)
        quote = f'"Point {i},"'
        attributions.append(
            Attribution(
                f"A{i + 1}", "direct", Span.of(text, at, at + len(quote)),
                speaker=Speaker(f"Speaker{i}", "person", f"E{i}"),
            )
        )  # fmt: skip
    return Article("d", text, attributions=attributions)


def test_speakers_take_slots_in_order_of_appearance_and_cycle_after_the_palette() -> None:
    article = speakers_article(PALETTE_SIZE + 2)
    order = list(colour_slots(article).values())
    assert order[:PALETTE_SIZE] == [str(i) for i in range(PALETTE_SIZE)]
    assert order[PALETTE_SIZE:] == ["0", "1"]  # only once every slot is taken
    assert all(a != b for a, b in itertools.pairwise(order))


def test_quotes_side_by_side_are_highlighted_in_different_colours() -> None:
    article = speakers_article(4)
    colours = [
        next(c for c in piece.classes.split() if re.fullmatch(r"c\d+", c))
        for piece in paragraphs(article)[0].pieces
        if piece.attr
    ]
    assert len(colours) == 4
    assert all(a != b for a, b in itertools.pairwise(colours))
