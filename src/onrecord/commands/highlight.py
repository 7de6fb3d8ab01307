"""An article's text for the terminal, each attribution coloured by its speaker."""

from __future__ import annotations

from rich.text import Text

from onrecord.commands.render import speaker_colours
from onrecord.record import Article, speaker_key


def highlighted_text(article: Article) -> Text:
    """Contents in their speaker's colour, cues bold, sources underlined; boilerplate dim."""
    text = Text(article.text)
    for b in article.boilerplate:
        text.stylize("dim", b.start, b.end)
    colours = speaker_colours(article)
    for a in article.attributions:
        colour = colours.get(speaker_key(a) or "", "white")
        for start, end in a.content.pieces():
            text.stylize(colour, start, end)
        if a.cue:
            text.stylize(f"bold {colour}", a.cue.start, a.cue.end)
        if a.source:
            text.stylize(f"underline {colour}", a.source.start, a.source.end)
    return text


def speaker_legend(article: Article) -> Text:
    colours = speaker_colours(article)
    legend = Text()
    for a in article.attributions:
        key = speaker_key(a)
        if key is None or key not in colours or a.speaker is None:
            continue
        colour = colours.pop(key)
        legend.append(f"■ {a.speaker.name}  ", style=colour)
    return legend
