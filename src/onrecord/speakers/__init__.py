"""Speaker resolution: who each attribution's source is, as an entity of the article.

``resolve_speakers(doc, attributions)`` is the one entry point; see docs/speakers.md.
"""

from onrecord.speakers.lexicon import SpeakerLexicon, default_lexicon, load_lexicon
from onrecord.speakers.resolve import resolve_speakers

__all__ = ["SpeakerLexicon", "default_lexicon", "load_lexicon", "resolve_speakers"]
