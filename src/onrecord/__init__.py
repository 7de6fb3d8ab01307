"""onrecord: who said what in the news, as data.

    >>> import onrecord
    >>> article = onrecord.extract('"We will appeal," the mayor said.')  # doctest: +SKIP
    >>> article.attributions[0].speaker.name  # doctest: +SKIP
    'the mayor'
"""

from onrecord.model import Article, Attribution, Entity, Span, Speaker

__version__ = "0.1.0"

__all__ = ["Article", "Attribution", "Entity", "Span", "Speaker", "extract", "extract_many"]


def extract(text, **kwargs):  # type: ignore[no-untyped-def]
    """Extract the record of one article. See :func:`onrecord.pipeline.extract`."""
    from onrecord.pipeline import extract as _extract

    return _extract(text, **kwargs)


def extract_many(items, **kwargs):  # type: ignore[no-untyped-def]
    """Extract records of many articles. See :func:`onrecord.pipeline.extract_many`."""
    from onrecord.pipeline import extract_many as _extract_many

    return _extract_many(items, **kwargs)
