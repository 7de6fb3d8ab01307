"""``create_app``: the ASGI app behind ``onrecord serve``, for one store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.serve import api, pages
from onrecord.serve.errors import READER_PREFIX, install_handlers
from onrecord.serve.extraction import Extractor, NlpFactory, default_nlp_factory
from onrecord.serve.guards import BodyLimit, HeadAsGet, HostCheck, SecurityHeaders
from onrecord.serve.service import ServeConfig, ServerState
from onrecord.serve.stores import StorePool
from onrecord.settings import (
    DEFAULT_EXTRACT_TIMEOUT_S,
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_PENDING,
)

# The names a browser uses for a server on this machine; see guards.HostCheck.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
STATIC = Path(__file__).parent / "static"

DESCRIPTION = """Who said what in the news. `POST /extract` returns an article's record
(attributions, speakers, boilerplate) without storing it; `POST /documents` stores it.
The other routes read the store. Errors are `{"error": "..."}`. The web reader is at
`/reader`."""


def create_app(
    store_target: str,
    *,
    token: str | None = None,
    nlp_factory: NlpFactory | None = None,
    workers: int = 0,
    max_body: int = DEFAULT_MAX_BODY,
    max_chars: int = DEFAULT_MAX_CHARS,
    extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT_S,
    max_pending: int = DEFAULT_MAX_PENDING,
    allowed_hosts: Iterable[str] | None = None,
    extractor: Extractor | None = None,
    create: bool = True,
) -> FastAPI:
    """The app over the store at ``store_target`` (a SQLite path or a postgresql:// URL).

    ``token``: required as ``Authorization: Bearer`` to store documents. ``nlp_factory``:
    returns the spaCy pipeline (picklable when ``workers >= 1``: the workers call it).
    ``workers``: extraction processes; 0 runs extraction in one thread of this process.
    ``allowed_hosts``: answer only these Host names (None: any). Opens the store at once,
    so a wrong target raises ``StoreError`` here rather than on the first request;
    ``create=False`` makes a SQLite file that is not there such a wrong target.
    """
    pool = StorePool(store_target)
    pool.check(create=create)
    if extractor is None:
        extractor = Extractor(
            nlp_factory or default_nlp_factory(),
            workers=workers,
            timeout=extract_timeout,
            max_pending=max_pending,
        )
    state = ServerState(ServeConfig(token or None, max_body, max_chars), pool, extractor)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.extractor.start()
        try:
            yield
        finally:
            state.extractor.close()
            state.pool.close()

    app = FastAPI(
        title="onrecord",
        version=__version__,
        description=DESCRIPTION,
        # The interactive docs load scripts from a CDN, which the CSP forbids; the schema
        # itself is at /openapi.json.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.onrecord = state
    install_handlers(app, pages.render_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(READER_PREFIX)

    # Added innermost first: the security headers wrap everything, errors from the guards
    # included, and a HEAD is a GET to all of them, its body dropped last.
    app.add_middleware(BodyLimit, max_body=max_body)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
