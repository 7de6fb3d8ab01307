"""Running the pipeline on a small article written in a test, and finding an attribution in it."""

from __future__ import annotations

from onrecord.pipeline import extract
from onrecord.record import Article, Attribution


def run(nlp, text: str) -> Article:
    return extract(text, nlp=nlp)


def by_content(article: Article, fragment: str) -> Attribution:
    found = [a for a in article.attributions if fragment in a.content.text]
    assert found, f"no attribution with content containing {fragment!r}: " + repr(
        [(a.cue.text if a.cue else None, a.content.text) for a in article.attributions]
    )
    return found[0]
