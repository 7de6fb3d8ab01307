"""The JSON API: extract without storing, store, and read the store back.

Store routes are plain ``def``: FastAPI runs them on its thread pool, where each borrows a
store connection of its own. Extraction routes are ``async`` and await the extractor, so a
slow document holds no thread while it waits.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool

from onrecord import __version__
from onrecord.audit import parse_by
from onrecord.scope import select
from onrecord.serve.errors import ApiError, validation_message
from onrecord.serve.extraction import ExtractJob
from onrecord.serve.service import (
    MAX_LIMIT,
    MAX_OFFSET,
    Chosen,
    Reading,
    ServerState,
    extract_article,
    require_token,
    same_origin,
    server,
    store_article,
)
from onrecord.serve.stores import speakers_page
from onrecord.settings import DEFAULT_PAGE_LIMIT


class ErrorBody(BaseModel):
    """What every error response holds."""

    error: str = Field(description="what went wrong, in one sentence")


# Declared for every route so the schema shows the real error shape, not FastAPI's default
# validation error list.
router = APIRouter(
    responses={
        422: {"model": ErrorBody, "description": "an invalid parameter or field"},
        404: {"model": ErrorBody, "description": "unknown id"},
    }
)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
SpeakerId = Annotated[int, Path(ge=1, le=2**62, description="a speaker id from /speakers")]
JSON_TYPES = ("application/json",)


class ExtractRequest(BaseModel):
    """An article to extract: ``text`` or ``html`` (exactly one), and what is known of it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="the article as plain text")
    html: str | None = Field(None, description="an HTML page; its main text is extracted")
    id: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="document id (default: a hash of the text)",
    )
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", description="YYYY-MM-DD")

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        for name in ("text", "html"):
            # {"text": null} is a text field of the wrong type, not a missing one.
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f'"{name}" must be a string, not null')
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        if not (self.text if self.text is not None else self.html or "").strip():
            raise ValueError(f'"{"text" if self.text is not None else "html"}" is empty')
        return self

    def job(self, max_chars: int) -> ExtractJob:
        metadata = {k: v for k, v in (("title", self.title), ("url", self.url),
                                      ("date", self.date)) if v}  # fmt: skip
        return ExtractJob(
            text=self.text,
            html=self.html,
            doc_id=self.id,
            source=self.url,
            metadata=metadata,
            max_chars=max_chars,
        )


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ExtractRequest.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": why}
    for code, why in (
        (400, "empty body, invalid JSON or UTF-8"),
        (401, "missing or wrong token"),
        (403, "a browser page from another origin sent it"),
        (413, "body or text over the limit"),
        (415, "unsupported Content-Type"),
        (422, "invalid fields, or no text in the document"),
        (503, "busy or timed out: retry later"),
    )
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_extract_request(request: Request) -> ExtractRequest:
    """The body as an ``ExtractRequest``: JSON, or a bare text/plain or text/html body."""
    media = _media_type(request)
    if not media:
        raise ApiError(415, "missing Content-Type: send application/json")
    if media not in (*JSON_TYPES, "text/plain", "text/html") and not media.endswith("+json"):
        raise ApiError(415, f"unsupported Content-Type {media!r}: send application/json, "
                            "text/plain or text/html")  # fmt: skip
    body = await request.body()
    if not body.strip():
        raise ApiError(400, 'empty body: send JSON like {"text": "..."}')
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"body is not valid UTF-8 (byte {exc.start})") from None
    if media in ("text/plain", "text/html"):
        data: Any = {"text" if media == "text/plain" else "html": raw}
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ApiError(400, f"body is not valid JSON: {exc.msg} at line {exc.lineno} "
                                f"column {exc.colno}") from None  # fmt: skip
        except RecursionError:  # 100,000 "[": the parser recurses once per level
            raise ApiError(400, "body is not valid JSON: nested too deeply") from None
        if not isinstance(data, dict):
            raise ApiError(422, 'body must be a JSON object like {"text": "..."}')
    try:
        return ExtractRequest.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} if e["loc"] else e for e in exc.errors()]
        raise ApiError(422, validation_message(errors)) from None


def page(
    request: Request,
    items: list[dict[str, Any]],
    *,
    limit: int,
    offset: int,
    total: int | None = None,
    more: bool | None = None,
) -> dict[str, Any]:
    """A page of a list: its items, where it is, and a link to the next page if any."""
    if more is None:
        more = total is not None and offset + limit < total
    following = None
    if more:
        params = {**request.query_params, "limit": limit, "offset": offset + limit}
        following = f"{request.url.path}?{urlencode(params)}"
    return {"items": items, "limit": limit, "offset": offset, "total": total, "next": following}


@router.get("/health", summary="Liveness, the store's and the extractor's state")
async def health(request: Request) -> JSONResponse:
    state = server(request)

    def store_ok() -> int:
        with state.pool.session() as store:
            return store.schema_version()

    try:
        schema = await run_in_threadpool(store_ok)
    except Exception as exc:
        return JSONResponse(
            {"status": "error", "error": f"store unavailable: {type(exc).__name__}"}, 503
        )
    ex = state.extractor
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "store": {"schema_version": schema},
            "extraction": {
                "mode": ex.mode,
                "workers": ex.workers,
                "ready": ex.ready,
                "pending": ex.pending,
                "error": ex.error,
            },  # fmt: skip
            "auth": bool(state.config.token),
        }
    )


@router.post(
    "/extract",
    summary="Extract attributions from an article without storing it",
    openapi_extra=_BODY_DOC,
    responses=_ERRORS,
)
async def extract(request: Request) -> dict[str, Any]:
    same_origin(request)
    state = server(request)
    payload = await read_extract_request(request)
    article = await extract_article(state, payload.job(state.config.max_chars))
    return article.to_dict()


@router.post(
    "/documents",
    summary="Extract an article and store it",
    status_code=201,
    dependencies=[Depends(require_token)],
    openapi_extra=_BODY_DOC,
    responses={**_ERRORS, 409: {"model": ErrorBody, "description": "id taken by another text"}},
)
async def add_document(request: Request) -> JSONResponse:
    same_origin(request)
    state = server(request)
    payload = await read_extract_request(request)
    article = await extract_article(state, payload.job(state.config.max_chars))
    stored = await store_article(state, article)
    body = {
        "stored": stored,
        "id": article.id,
        "url": f"/documents/{article.id}",
        "document": article.to_dict(),
    }
    if not stored:
        body["message"] = "this text is stored already; nothing was written"
    return JSONResponse(body, status_code=201 if stored else 200,
                        headers={"Location": f"/documents/{article.id}"})  # fmt: skip


def _with_store(state: ServerState) -> Any:
    return state.pool.session()


@router.get("/documents", summary="Stored documents, oldest first")
def list_documents(
    request: Request, limit: Limit = DEFAULT_PAGE_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    with _with_store(server(request)) as store:
        rows = store.documents(limit=limit, offset=offset)
        total = store.stats().documents
    return page(request, [r.to_dict() for r in rows], limit=limit, offset=offset, total=total)


@router.get("/documents/{doc_id:path}", summary="One stored document's record")
def get_document(request: Request, doc_id: str, chosen: Chosen) -> dict[str, Any]:
    with _with_store(server(request)) as store:
        article = store.get_article(doc_id)
    if article is None:
        raise ApiError(404, f"no document with id {doc_id!r}")
    return select(article, chosen.selection, chosen.filters).to_dict()


@router.get("/speakers", summary="Speakers across all stored articles, most quoted first")
def list_speakers(
    request: Request,
    chosen: Chosen,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    with _with_store(server(request)) as store:
        if not chosen.narrowed:
            rows = speakers_page(store, limit=limit, offset=offset)
            total: int | None = store.stats().speakers
            return page(request, [r.to_dict() for r in rows], limit=limit, offset=offset,
                        total=total)  # fmt: skip
        found = store.speakers(
            top=offset + limit + 1, selection=chosen.selection, filters=chosen.filters
        )
    rows = found[offset:]
    return page(request, [r.to_dict() for r in rows[:limit]], limit=limit, offset=offset,
                more=len(rows) > limit)  # fmt: skip


def _speaker(request: Request, speaker_id: int, chosen: Reading) -> Any:
    with _with_store(server(request)) as store:
        row = store.speaker(speaker_id, selection=chosen.selection, filters=chosen.filters)
    if row is None:
        raise ApiError(404, f"no speaker with id {speaker_id}")
    return row


@router.get("/speakers/{speaker_id}", summary="One speaker: names, counts")
def get_speaker(request: Request, speaker_id: SpeakerId, chosen: Chosen) -> dict[str, Any]:
    return dict(_speaker(request, speaker_id, chosen).to_dict())


@router.get(
    "/speakers/{speaker_id}/attributions",
    summary="A speaker's attributions across articles, newest article first",
)
def speaker_attributions(
    request: Request,
    speaker_id: SpeakerId,
    chosen: Chosen,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    offset: Offset = 0,
    kind: Literal["direct", "indirect", "mixed", "other"] | None = None,
) -> dict[str, Any]:
    speaker = _speaker(request, speaker_id, chosen)
    with _with_store(server(request)) as store:
        rows = store.quotes(
            speaker_id=speaker_id,
            kind=kind,
            selection=chosen.selection,
            filters=chosen.filters,
            limit=limit + 1,
            offset=offset,
        )
    items = [r.to_dict() for r in rows[:limit]]
    if kind is None:
        return page(request, items, limit=limit, offset=offset, total=speaker.n_attributions)
    return page(request, items, limit=limit, offset=offset, more=len(rows) > limit)


@router.get("/search", summary="Full-text search over quotes and speaker names")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words, all required")],
    chosen: Chosen,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    if not q.strip():
        raise ApiError(422, "query parameter 'q' is blank: give at least one word")
    with _with_store(server(request)) as store:
        hits = store.search(
            q, limit=limit + 1, offset=offset, selection=chosen.selection, filters=chosen.filters
        )
    return page(request, [h.to_dict() for h in hits[:limit]], limit=limit, offset=offset,
                more=len(hits) > limit)  # fmt: skip


@router.get("/search/articles", summary="Full-text search over article titles and text")
def search_articles(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words, all required")],
    chosen: Chosen,
    limit: Limit = DEFAULT_PAGE_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles with every word, best first, each with a snippet of its text; the outlet
    and date filters apply (a reading's other parameters concern attributions)."""
    if not q.strip():
        raise ApiError(422, "query parameter 'q' is blank: give at least one word")
    with _with_store(server(request)) as store:
        hits = store.search_articles(q, limit=limit + 1, offset=offset, filters=chosen.filters)
    return page(request, [h.to_dict() for h in hits[:limit]], limit=limit, offset=offset,
                more=len(hits) > limit)  # fmt: skip


@router.get(
    "/audit",
    summary="A source audit: attributions, speakers, shares by type, gender and kind, by "
    "outlet and time",
)
def audit(
    request: Request,
    chosen: Chosen,
    by: Annotated[
        str | None,
        Query(max_length=40, description="outlet, month, week, outlet,month or outlet,week"),
    ] = None,
    top: Annotated[int, Query(ge=0, le=50, description="top speakers per group")] = 5,
) -> dict[str, Any]:
    """The JSON of ``onrecord audit --format json`` (keys: docs/serve.md#audit)."""
    try:
        grouping = parse_by(by)
    except ValueError as exc:
        raise ApiError(422, f"by: {exc}") from None
    with _with_store(server(request)) as store:
        result = store.audit(
            by=grouping, selection=chosen.selection, filters=chosen.filters, top=top
        )
    return result.to_dict()


@router.get("/claims", summary="Corpus claims nearest in meaning to words (docs/claims.md)")
def claims(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="words of a claim")],
    limit: Annotated[int, Query(ge=1, le=100)] = DEFAULT_PAGE_LIMIT,
) -> dict[str, Any]:
    """``onrecord claims WORDS --format json``: corpus claims (linked by ``onrecord claims
    --link``), nearest first, each with its similarity and how many claims it holds."""
    if not q.strip():
        raise ApiError(422, "query parameter 'q' is blank: give at least one word")
    with _with_store(server(request)) as store:
        hits = store.search_claims(q, limit=limit)
    return {"items": [h.to_dict() for h in hits]}


@router.get("/claims/{claim_id}", summary="A corpus claim: who is behind it, who disputes it")
def claim(request: Request, claim_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
    """``onrecord claims --id N --format json``: the first wording and appearance, every
    attribution that puts it forward (oldest first) and those that dispute one of them."""
    with _with_store(server(request)) as store:
        found = store.corpus_claim(claim_id)
    if found is None:
        raise ApiError(404, f"no corpus claim {claim_id}")
    return found.to_dict()
