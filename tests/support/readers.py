"""Shared fixtures of the reader tests: an article, an HTML page around it, a WARC writer and
read helpers."""

from __future__ import annotations

import io
from pathlib import Path

from onrecord.document import Document, DocumentError
from onrecord.readers import read_inputs

ARTICLE = (
    "Alec Baldwin said on Thursday that he did not pull the trigger of the gun that killed "
    "the cinematographer on the set of the film Rust in New Mexico."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Baldwin speaks out | Daily Planet</title>
<meta property="og:title" content="Baldwin speaks out after set shooting">
<meta property="og:site_name" content="Daily Planet">
<meta property="og:url" content="https://planet.example/news/baldwin-speaks">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2021-12-02T10:00:00Z">
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sports">Sports section</a></li></ul></nav>
<div class="ad banner" id="ad-top">BUY CHEAP WIDGETS NOW</div>
<article>
<h1>Baldwin speaks out after set shooting</h1>
<p>{article}</p>
<p>"I didn't pull the trigger," Baldwin told ABC News in an interview that aired on Thursday
evening. "I would never point a gun at anyone and pull the trigger at them, never," he said.</p>
<p>The sheriff of Santa Fe County said the investigation was continuing and that no charges
had been filed so far in the case.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/x">Ten things you missed this week</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Commenter99: This is outrageous, I demand answers!</p></div></section>
<footer>Copyright Daily Planet 2021. All rights reserved.</footer>
</body></html>
""".replace("{article}", ARTICLE)


def read(*paths: Path | str, **kwargs: object) -> list[Document | DocumentError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only(items: list[Document | DocumentError]) -> Document | DocumentError:
    assert len(items) == 1, items
    return items[0]

def write_warc(path: Path, pages: list[tuple[str, int, str, bytes]], *, info: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        if info:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, content_type, body in pages:
            headers = StatusAndHeaders(
                f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-12-03T10:00:00Z"},
            )
            writer.write_record(record)


WARC_PAGES = [
    ("https://a.example/1", 200, "text/html; charset=utf-8", PAGE.encode()),
    ("https://a.example/gone", 404, "text/html", PAGE.encode()),
    ("https://a.example/logo", 200, "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://a.example/2", 200, "text/html", PAGE.replace("Alec", "Alexander").encode()),
]
