"""Terminal rendering of a record (rich): the table ``onrecord extract`` prints."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from onrecord.record import Article, speaker_key, speaker_order

# Distinct, readable on dark and light terminals; a speaker keeps its colour within a table.
PALETTE = (
    "cyan",
    "magenta",
    "green",
    "yellow",
    "blue",
    "red",
    "bright_cyan",
    "bright_magenta",
    "bright_green",
    "bright_yellow",
)


def shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def speaker_colours(article: Article) -> dict[str, str]:
    """One colour per speaker (``record.speaker_key``), in order of first attribution."""
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(speaker_order(article))}


def article_table(article: Article) -> Table:
    title = article.metadata.get("title") or article.source or article.id
    n = len(article.attributions)
    table = Table(
        title=f"{title} — {n} attribution{'s' if n != 1 else ''}",
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column("speaker")
    table.add_column("kind")
    table.add_column("cue")
    table.add_column("content", overflow="fold")
    table.add_column("conf", justify="right", style="dim")
    colours = speaker_colours(article)
    for a in article.attributions:
        key = speaker_key(a)
        who = Text(a.speaker.name if a.speaker else "—", style=colours.get(key or "", ""))
        if a.speaker and a.speaker.type not in {"person", "unknown"}:
            who.append(f" ({a.speaker.type})", style="dim")
        kind = a.kind + (" ·boilerplate" if a.in_boilerplate else "")
        if a.parent:
            kind += f" ⊂{a.parent}"
        table.add_row(
            a.id.lstrip("A"),
            who,
            kind,
            a.cue.text if a.cue else "",
            shorten(a.content.text),
            f"{a.confidence:.2f}",
        )
    return table
