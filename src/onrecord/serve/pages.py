"""The web reader: server-rendered pages under ``/reader``.

Pages are Jinja2 templates with autoescaping on, fed by ``markup`` (which never produces
HTML), so article text only ever reaches the page escaped. Forms work without JavaScript;
``static/reader.js`` only adds the click-for-details panel and speaker focus.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from onrecord import __version__
from onrecord.document import DocumentError
from onrecord.record import GENDERS, SPEAKER_TYPES
from onrecord.scope import select
from onrecord.serve.charts import shares_over_time, stacked_bars
from onrecord.serve.errors import READER_PREFIX, ApiError
from onrecord.serve.extraction import ExtractJob
from onrecord.serve.markup import article_view, marked_terms
from onrecord.serve.service import (
    MAX_OFFSET,
    Chosen,
    ServerState,
    check_token,
    extract_article,
    same_origin,
    server,
    store_article,
)
from onrecord.serve.stores import article_speaker_ids, speakers_page

TEMPLATES = FilePath(__file__).parent / "templates"
PAGE_SIZE = 25
CHART_OUTLETS = 12
ARTICLE_HITS = 10
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

router = APIRouter(prefix=READER_PREFIX, include_in_schema=False)
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# The least confidences the reader offers, with what each shows.
SURE_CHOICES = (
    (0.0, "every attribution"),
    (0.8, "the surer ones (confidence 0.8 or more)"),
    (0.9, "the surest ones (0.9 or more)"),
)

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Everything rendered is escaped unless a template says otherwise (none does).
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(version=__version__, prefix=READER_PREFIX, sure_choices=SURE_CHOICES)
_env.filters["q"] = lambda value: quote(str(value), safe="")


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


def render_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status, status=status, message=message)


def _pager(request: Request, offset: int, more: bool) -> dict[str, str | None]:
    def at(n: int) -> str:
        params = {**request.query_params, "offset": n}
        if not n:
            params.pop("offset")
        return f"{request.url.path}?{urlencode(params)}" if params else request.url.path

    return {
        "prev": at(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
        "next": at(offset + PAGE_SIZE) if more else None,
    }


def _sync(state: ServerState, fn: Any) -> Any:
    def run() -> Any:
        with state.pool.session() as store:
            return fn(store)

    return run_in_threadpool(run)


# -- the paste form ----------------------------------------------------------------------


@dataclass
class Pasted:
    text: str = ""
    title: str = ""
    token: str = ""
    html: str | None = None
    filename: str | None = None


def _form_limits(max_body: int) -> dict[str, int]:
    # Starlette caps each form field at 1 MB by default, below the body limit; lift it
    # where this Starlette has the knob (older ones had no per-part cap at all).
    params = inspect.signature(Request.form).parameters
    return {"max_part_size": max_body} if "max_part_size" in params else {}


async def read_pasted(request: Request, state: ServerState) -> Pasted:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in FORM_TYPES:
        raise ApiError(415, "send the reader's form (multipart/form-data)")
    form = await request.form(max_files=1, max_fields=10, **_form_limits(state.config.max_body))
    pasted = Pasted(
        text=str(form.get("text") or ""),
        title=str(form.get("title") or "").strip()[:1000],
        token=str(form.get("token") or ""),
    )
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        pasted.filename = upload.filename
        if not data.strip():
            raise ApiError(422, f"the uploaded file {upload.filename!r} is empty")
        is_html = upload.filename.lower().endswith(HTML_SUFFIXES) or (
            upload.content_type or ""
        ).startswith("text/html")
        if is_html:
            pasted.html = data.decode("utf-8", "replace")
        else:
            from onrecord.readers.common import decode

            text = decode(data, upload.filename, None)
            if isinstance(text, DocumentError):
                raise ApiError(422, f"{upload.filename}: {text.reason}")
            pasted.text = text
    elif not pasted.text.strip():
        raise ApiError(422, "paste an article's text or choose a file first")
    return pasted


def _job(pasted: Pasted, state: ServerState) -> ExtractJob:
    metadata = {"title": pasted.title} if pasted.title else {}
    source = pasted.filename
    if pasted.html is not None:
        return ExtractJob(html=pasted.html, source=source, metadata=metadata,
                          max_chars=state.config.max_chars)  # fmt: skip
    return ExtractJob(text=pasted.text, source=source, metadata=metadata,
                      max_chars=state.config.max_chars)  # fmt: skip


async def _home_context(state: ServerState) -> dict[str, Any]:
    def load(store: Any) -> dict[str, Any]:
        return {
            "stats": store.stats(),
            "top_speakers": store.speakers(top=8),
            "recent": store.documents(limit=8),
        }

    context: dict[str, Any] = await _sync(state, load)
    context["token_required"] = bool(state.config.token)
    return context


async def _form_error(request: Request, state: ServerState, err: ApiError,
                      pasted: Pasted | None) -> Response:  # fmt: skip
    context = await _home_context(state)
    response = render(request, "home.html", err.status, error=err.message,
                      form=pasted or Pasted(), **context)  # fmt: skip
    response.headers.update(err.headers)
    return response


@router.get("")
async def home(request: Request) -> Response:
    state = server(request)
    return render(request, "home.html", form=Pasted(), **await _home_context(state))


@router.post("/extract")
async def extract_pasted(request: Request) -> Response:
    same_origin(request)
    state = server(request)
    pasted: Pasted | None = None
    try:
        pasted = await read_pasted(request, state)
        article = await extract_article(state, _job(pasted, state))
    except ApiError as err:
        return await _form_error(request, state, err, pasted)
    return render(request, "article.html", view=article_view(article, stored=False))


@router.post("/save")
async def save_pasted(request: Request) -> Response:
    same_origin(request)
    state = server(request)
    pasted: Pasted | None = None
    try:
        pasted = await read_pasted(request, state)
        check_token(state.config.token, pasted.token or None)
        article = await extract_article(state, _job(pasted, state))
        await store_article(state, article)
    except ApiError as err:
        return await _form_error(request, state, err, pasted)
    # Post/redirect/get: reloading the article page must not post the form again.
    return RedirectResponse(f"{READER_PREFIX}/articles/{quote(article.id, safe='')}", 303)


# -- the store ---------------------------------------------------------------------------


@router.get("/articles")
async def articles(request: Request, chosen: Chosen, offset: Offset = 0) -> Response:
    def load(store: Any) -> dict[str, Any]:
        return {
            "rows": store.documents(limit=PAGE_SIZE + 1, offset=offset, filters=chosen.filters),
            "total": store.stats().documents,
            "outlets": store.outlets(),
        }

    data = await _sync(server(request), load)
    rows = data["rows"]
    return render(request, "articles.html", rows=rows[:PAGE_SIZE], total=data["total"],
                  pager=_pager(request, offset, len(rows) > PAGE_SIZE), reading=chosen,
                  outlets=data["outlets"])  # fmt: skip


@router.get("/articles/{doc_id:path}")
async def article(request: Request, doc_id: str, chosen: Chosen) -> Response:
    def load(store: Any) -> Any:
        found = store.get_article(doc_id)
        if found is None:
            return None, {}, {}
        return found, article_speaker_ids(store, found), store.claims_of(doc_id)

    found, speaker_ids, claim_ids = await _sync(server(request), load)
    if found is None:
        raise ApiError(404, f"no stored article with id {doc_id!r}")
    shown = select(found, chosen.selection, chosen.filters)
    view = article_view(shown, stored=True, speaker_ids=speaker_ids, claim_ids=claim_ids)
    return render(request, "article.html", view=view, reading=chosen)


@router.get("/speakers")
async def speakers(request: Request, chosen: Chosen, offset: Offset = 0) -> Response:
    def load(store: Any) -> Any:
        if chosen.narrowed:
            rows = store.speakers(top=PAGE_SIZE + 1, offset=offset, selection=chosen.selection,
                                  filters=chosen.filters)  # fmt: skip
        else:
            rows = speakers_page(store, limit=PAGE_SIZE + 1, offset=offset)
        return rows, store.outlets()

    rows, outlets = await _sync(server(request), load)
    return render(request, "speakers.html", rows=rows[:PAGE_SIZE], offset=offset,
                  pager=_pager(request, offset, len(rows) > PAGE_SIZE),
                  reading=chosen, outlets=outlets)  # fmt: skip


@router.get("/speakers/{speaker_id}")
async def speaker(
    request: Request,
    speaker_id: Annotated[int, Path(ge=1, le=2**62)],
    chosen: Chosen,
    offset: Offset = 0,
) -> Response:
    def load(store: Any) -> Any:
        row = store.speaker(speaker_id, selection=chosen.selection, filters=chosen.filters)
        quotes = store.quotes(
            speaker_id=speaker_id,
            selection=chosen.selection,
            filters=chosen.filters,
            limit=PAGE_SIZE + 1,
            offset=offset,
        )
        return row, quotes, store.outlets()

    row, quotes, outlets = await _sync(server(request), load)
    if row is None:
        raise ApiError(404, f"no speaker with id {speaker_id}")
    groups: list[dict[str, Any]] = []
    for q in quotes[:PAGE_SIZE]:
        if not groups or groups[-1]["doc_id"] != q.doc_id:
            groups.append({"doc_id": q.doc_id, "title": q.title, "published": q.published,
                           "source": q.source, "quotes": []})  # fmt: skip
        groups[-1]["quotes"].append(q)
    return render(request, "speaker.html", speaker=row, groups=groups, offset=offset,
                  pager=_pager(request, offset, len(quotes) > PAGE_SIZE),
                  reading=chosen, outlets=outlets)  # fmt: skip


@router.get("/search")
async def search(
    request: Request,
    chosen: Chosen,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Offset = 0,
) -> Response:
    def load(store: Any) -> Any:
        hits, articles = [], []
        if q.strip():
            hits = store.search(q, limit=PAGE_SIZE + 1, offset=offset,
                                selection=chosen.selection, filters=chosen.filters)  # fmt: skip
            if not offset:  # the articles that say it, beside the first page of quotes
                articles = store.search_articles(q, limit=ARTICLE_HITS, filters=chosen.filters)
        return hits, articles, store.outlets()

    hits, articles, outlets = await _sync(server(request), load)
    results = [{"hit": h, "pieces": marked_terms(h.content, q)} for h in hits[:PAGE_SIZE]]
    in_articles = [{"hit": a, "pieces": marked_terms(a.snippet, q)} for a in articles]
    return render(request, "search.html", q=q, results=results, offset=offset,
                  pager=_pager(request, offset, len(hits) > PAGE_SIZE),
                  reading=chosen, outlets=outlets, in_articles=in_articles)  # fmt: skip


@router.get("/sources")
async def sources(
    request: Request,
    chosen: Chosen,
    over: Annotated[str, Query(pattern="^(month|week)$")] = "month",
) -> Response:
    """Who gets quoted: shares by type and gender per outlet, and over time."""

    def load(store: Any) -> Any:
        kept = {"selection": chosen.selection, "filters": chosen.filters}
        # The table over time names no one: no top speakers to rank there.
        return (store.audit(by=("outlet",), **kept), store.audit(by=(over,), top=0, **kept),
                store.outlets())  # fmt: skip

    by_outlet, by_time, outlets = await _sync(server(request), load)
    # The most quoted outlets (a chart of hundreds of bars reads as none), the rest in the table.
    # Most quoted first, in the table as in the bars (ties by name).
    ranked = sorted(by_outlet.groups, key=lambda g: (-g.attributions, g.label))
    shown = ranked[:CHART_OUTLETS]
    charts = {
        "types": stacked_bars("Sources by type, per outlet", shown, SPEAKER_TYPES,
                              lambda g: g.types, lambda g: g.attributions),
        "genders": stacked_bars("Person sources by gender, per outlet", shown, GENDERS,
                                lambda g: g.genders, lambda g: g.persons),
        "time": shares_over_time(f"Shares by {over}", by_time.groups, over),
    }  # fmt: skip
    return render(request, "sources.html", by_outlet=by_outlet, outlet_rows=ranked,
                  by_time=by_time, over=over,
                  charts=charts, reading=chosen, outlets=outlets, types=SPEAKER_TYPES,
                  genders=GENDERS)  # fmt: skip


@router.get("/claims/{claim_id}")
async def claim(request: Request, claim_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    """A claim across the corpus: its first appearance, everyone behind it, who disputes it."""
    found = await _sync(server(request), lambda store: store.corpus_claim(claim_id))
    if found is None:
        raise ApiError(404, f"no corpus claim {claim_id}: run onrecord claims --link first?")
    return render(request, "claim.html", claim=found)
