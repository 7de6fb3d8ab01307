"""What the two CRFsuite models share: opening a trained model, and writing one safely."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Self

import pycrfsuite


class CrfModel:
    """A trained CRFsuite model with the probability threshold its owner applies."""

    default_threshold = 0.5

    def __init__(self, tagger: pycrfsuite.Tagger, threshold: float | None = None):
        self.tagger = tagger
        self.threshold = self.default_threshold if threshold is None else threshold

    @classmethod
    def load(cls, path: Path, threshold: float | None = None) -> Self:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return cls(tagger, threshold)


def save(trainer: pycrfsuite.Trainer, out: Path) -> Path:
    """Train and write the model to ``out``. CRFsuite writes the file itself; it writes next
    to the target, then moves, so a crash never leaves a half-written model where the
    pipeline would load it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, suffix=".tmp", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    trainer.train(str(tmp_path))
    tmp_path.replace(out)
    out.chmod(0o644)  # NamedTemporaryFile made it private; a model is meant to be read
    return out
