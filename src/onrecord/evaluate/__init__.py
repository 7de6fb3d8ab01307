"""Evaluation against PolNeAR: read gold, score predictions, report.

>>> from onrecord.evaluate import read_split, score
>>> gold = read_split("../shared/corpora/polnear/dev")  # doctest: +SKIP
>>> score(gold, predicted_articles).roles["content"].overlap.f1  # doctest: +SKIP
"""

from onrecord.evaluate.polnear import default_corpus_dir, read_split
from onrecord.evaluate.scorer import PRF, RoleScores, Scores, align, score, summarise

__all__ = [
    "PRF",
    "RoleScores",
    "Scores",
    "align",
    "default_corpus_dir",
    "read_split",
    "score",
    "summarise",
]
