"""onrecord: who said what in the news, as data.

    >>> import onrecord
    >>> article = onrecord.extract('"We will appeal," the mayor said.')  # doctest: +SKIP
    >>> article.attributions[0].speaker.name  # doctest: +SKIP
    'the mayor'

``extract`` and ``extract_many`` import spaCy on first use, so that ``import onrecord`` (for
the record classes, the store or the server) stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from onrecord.record import Article, Attribution, Entity, Span, Speaker

if TYPE_CHECKING:
    from onrecord.document import Document

__version__ = "0.1.0"

__all__ = ["Article", "Attribution", "Entity", "Span", "Speaker", "extract", "extract_many"]


def extract(text: str, **kwargs: Any) -> Article:
    """The record of one article. Keyword arguments as :func:`onrecord.pipeline.extract`
    (``nlp``, ``doc_id``, ``source``, ``metadata``, ``reader``, ``use_model``,
    ``max_chars``)."""
    from onrecord.pipeline import extract as _extract

    return _extract(text, **kwargs)


def extract_many(items: Iterable[str | Document], **kwargs: Any) -> Iterator[Article]:
    """Records of many articles, in order. Keyword arguments as
    :func:`onrecord.pipeline.extract_many` (``nlp``, ``n_process``, ``batch_size``,
    ``reader``, ``use_model``, ``model``)."""
    from onrecord.pipeline import extract_many as _extract_many

    return _extract_many(items, **kwargs)
