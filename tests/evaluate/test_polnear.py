"""The PolNeAR reader: brat standoff into gold Article records."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.evaluate.polnear import (
    attributions_from_ann,
    default_corpus_dir,
    parse_ann,
    read_split,
    read_text,
)
from onrecord.evaluate.scorer import ROLES, score
from support.polnear_samples import ANN as SAMPLE_ANN
from support.polnear_samples import TEXT

# An annotator's note, which the reader must skip.
ANN = SAMPLE_ANN + "#1\tAnnotatorNotes T7\tis a belief an attribution? yes\n"

SPLIT_TEXT = '"We will win," Smith said, "and we will govern."\nIt rained.\n'


def write_split(root: Path, texts: dict[str, str], anns: dict[str, str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in texts.items():
        # newline="" so the file holds exactly these characters, "\r\n" included.
        with (root / "text" / f"{name}.txt").open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    for name, ann in anns.items():
        (root / "attributions" / f"{name}.ann").write_text(ann, encoding="utf-8")
    return root


def test_reads_roles_by_offset(tmp_path: Path) -> None:
    split = write_split(tmp_path / "dev", {"a": TEXT}, {"a_x1": ANN})
    [article] = read_split(split)
    assert article.id == "a"
    assert article.metadata == {"annotation": "a_x1.ann", "annotator": "x1"}
    first, second = article.attributions
    assert (first.source.text, first.cue.text, first.content.text) == (
        "Smith",
        "said",
        '"We will win,"',
    )
    assert first.kind == "direct"
    assert (second.source.text, second.cue.text) == ("Jones", "believes")
    assert second.content.text == "that the vote was rigged"
    assert second.kind == "indirect"


def test_discontinuous_span_runs_first_start_to_last_end(tmp_path: Path) -> None:
    ann = (
        'T1\tContent 0 14;27 48\t"We will win," "and we will govern."\n'
        "T2\tSource 15 20\tSmith\n"
        "T3\tCue 21 25\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    )
    [attr] = attributions_from_ann(SPLIT_TEXT, ann)
    assert (attr.content.start, attr.content.end) == (0, 48)
    assert attr.content.parts == ((0, 14), (27, 48))
    assert attr.content.text == SPLIT_TEXT[0:48]


def test_fragments_written_out_of_order_are_sorted() -> None:
    ann = "T1\tContent 27 48;0 14\tx\nE1\tAttribution:T1 Content:T1\n"
    [attr] = attributions_from_ann(SPLIT_TEXT, ann)
    assert attr.content.parts == ((0, 14), (27, 48))


def test_content2_joins_the_content_as_a_fragment() -> None:
    ann = (
        'T1\tContent 0 14\t"We will win,"\n'
        'T2\tContent 27 48\t"and we will govern."\n'
        "T3\tCue 21 25\tsaid\n"
        "E1\tAttribution:T3 Cue:T3 Content:T1 Content2:T2\n"
    )
    [attr] = attributions_from_ann(SPLIT_TEXT, ann)
    assert attr.content.parts == ((0, 14), (27, 48))
    assert attr.source is None


def test_multiline_annotation_text_does_not_break_parsing() -> None:
    # A span across a line break is written with the newline inside the text field, so
    # the second line of the field looks like a line of its own.
    text = "He said:\nWe will win.\nT9 is not a tag.\nThey agreed.\n"
    ann = (
        "T1\tContent 9 38\tWe will win.\nT9 is not a tag.\n"
        "T2\tCue 3 7\tsaid\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2\n"
        "T3\tCue 44 50\tagreed\n"
        "T4\tSource 39 43\tThey\n"
        "E2\tAttribution-no-source:T3\n"
    )
    bounds, events = parse_ann(ann)
    assert set(bounds) == {"T1", "T2", "T3", "T4"}
    [attr] = attributions_from_ann(text, ann)
    assert attr.content.text == "We will win.\nT9 is not a tag."
    assert attr.cue is not None and attr.cue.text == "said"
    assert len(events) == 2  # the event with no content is read but is no attribution


def test_several_annotators_take_the_first_file(tmp_path: Path) -> None:
    other = "T1\tContent 42 66\tthat the vote was rigged\nE1\tAttribution:T1 Content:T1\n"
    split = write_split(
        tmp_path / "dev",
        {"a": TEXT, "unannotated": "Nothing here.\n"},
        {"a_bbbb": other, "a_aaaa": ANN},
    )
    [article] = read_split(split)
    assert article.metadata["annotator"] == "aaaa"
    assert len(article.attributions) == 2


def test_offsets_count_carriage_returns(tmp_path: Path) -> None:
    text = "Hello.\r\nSmith said it rained.\r\n"
    ann = "T1\tSource 8 13\tSmith\nT2\tCue 14 18\tsaid\nT3\tContent 19 28\tit rained\n"
    ann += "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    split = write_split(tmp_path / "dev", {"crlf": text}, {"crlf_x": ann})
    [article] = read_split(split)
    assert article.text == text
    [attr] = article.attributions
    assert (attr.source.text, attr.content.text) == ("Smith", "it rained")


def test_limit_and_bad_folders(tmp_path: Path) -> None:
    split = write_split(tmp_path / "dev", {"a": TEXT, "b": TEXT}, {"a_x": ANN, "b_x": ANN})
    assert [a.id for a in read_split(split, limit=1)] == ["a"]
    with pytest.raises(InputError):
        read_split(tmp_path / "missing")


def test_offsets_outside_the_text_are_an_input_error() -> None:
    ann = "T1\tContent 0 999\tx\nE1\tAttribution:T1 Content:T1\n"
    with pytest.raises(InputError, match="outside the text"):
        attributions_from_ann(TEXT, ann, "x.ann")


def test_default_corpus_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_POLNEAR", "/somewhere/else")
    assert default_corpus_dir() == Path("/somewhere/else")
    monkeypatch.delenv("ONRECORD_POLNEAR")
    assert default_corpus_dir().parts[-3:] == ("shared", "corpora", "polnear")


# --- the real corpus -------------------------------------------------------------------------

CORPUS = Path(
    os.environ.get("ONRECORD_POLNEAR")
    or Path(__file__).resolve().parents[1] / "../shared/corpora/polnear"
)
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "dev" / "attributions").is_dir(),
    reason=f"PolNeAR not found at {CORPUS} (set ONRECORD_POLNEAR to its folder)",
)


@pytest.mark.corpus
@needs_corpus
def test_corpus_offsets_agree_with_the_annotation_texts() -> None:
    # The .ann text field of every span starts with the text its first offsets select,
    # which pins down the offset convention (str offsets, newlines as read).
    dev = CORPUS / "dev"
    head = re.compile(r"^T\d+\t\S+ (\d+) (\d+)[\d; ]*\t(.*)$", re.MULTILINE)
    checked = 0
    for ann_path in sorted((dev / "attributions").glob("*.ann")):
        text = read_text(dev / "text" / f"{ann_path.stem.rsplit('_', 1)[0]}.txt")
        for m in head.finditer(ann_path.read_text(encoding="utf-8")):
            piece = text[int(m.group(1)) : int(m.group(2))].split("\n")[0]
            assert m.group(3).startswith(piece), (ann_path.name, m.group(0)[:80])
            checked += 1
    assert checked > 5000


@pytest.mark.corpus
@needs_corpus
def test_corpus_dev_reads_and_scores_perfectly_against_itself() -> None:
    gold = read_split(CORPUS / "dev")
    assert len(gold) == 84  # 94 annotation files, one per article kept
    assert sum(len(a.attributions) for a in gold) > 2000
    for article in gold:
        for attr in article.attributions:
            for role in ROLES:
                span = getattr(attr, role)
                if span is not None:
                    assert article.text[span.start : span.end] == span.text
    scores = score(gold, gold)
    for role in ROLES:
        assert scores.roles[role].exact.f1 == 1.0
        assert scores.roles[role].overlap.f1 == 1.0
