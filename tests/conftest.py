"""Shared fixtures: one loaded spaCy pipeline for the whole session (loading costs seconds)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POLNEAR = Path(os.environ.get("ONRECORD_POLNEAR", REPO.parent / "shared" / "corpora" / "polnear"))


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with the onrecord component, rules only (deterministic whatever
    model file is shipped)."""
    from onrecord.pipeline import load_pipeline

    return load_pipeline(use_model=False)


@pytest.fixture(scope="session")
def nlp_model():
    """The default pipeline with the fast reader's shipped filter and span tagger (skips when
    none is shipped)."""
    from onrecord.pipeline import has_trained_model, load_pipeline

    if not has_trained_model():
        pytest.skip("no trained attribution model shipped in src/onrecord/data/")
    return load_pipeline(use_model=True, reader="fast")


@pytest.fixture(scope="session")
def nlp_accurate():
    """The default pipeline with the accurate reader (the shipped encoder)."""
    from onrecord import settings
    from onrecord.pipeline import load_pipeline

    if not settings.encoder_model().is_file():
        pytest.skip(f"no encoder shipped at {settings.encoder_model()}")
    return load_pipeline(reader="accurate")


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    if not (POLNEAR / "train" / "text").is_dir():
        pytest.skip(f"PolNeAR corpus not found at {POLNEAR} (set ONRECORD_POLNEAR)")
    return POLNEAR
