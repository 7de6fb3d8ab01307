"""What the API and the reader share: the server's state, and extracting and storing one
document with every failure turned into an ``ApiError`` a client can act on."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from onrecord.document import DocumentError
from onrecord.record import Article
from onrecord.scope import Filters, Selection, filters, parse_kinds, selection
from onrecord.serve.errors import ApiError, log
from onrecord.serve.extraction import (
    ExtractJob,
    Extractor,
    ExtractorBusy,
    ExtractorError,
    ExtractorFailed,
    ExtractorTimeout,
)
from onrecord.serve.stores import StorePool

# Page sizes: what a list returns unless asked, and the most it returns when asked.
from onrecord.store import StoreConflict

MAX_LIMIT = 200
# Deep offsets cost the store a scan of everything before them; past this, narrow the query.
MAX_OFFSET = 100_000
RETRY_AFTER_S = "5"
# The API and the reader take the same least confidence (docs/accuracy.md, "Precision when it
# matters").
MinConfidence = Annotated[
    float, Query(ge=0.0, le=1.0, description="only attributions of at least this confidence")
]
ScopeParam = Annotated[
    Literal["all", "speech"],
    Query(description="all: every attribution; speech: direct, indirect and mixed, top level, "
                      "in the body, a quotation or a clause (docs/record.md#scope)"),
]  # fmt: skip
KindsParam = Annotated[
    str | None,
    Query(max_length=100, description="only these kinds, comma-separated: "
                                      "direct,indirect,mixed,other"),
]  # fmt: skip


TypeParam = Annotated[
    str | None,
    Query(alias="type", max_length=100,
          description="only sources of these types, comma-separated: person,organization,"
                      "group,anonymous,unknown"),
]  # fmt: skip
GenderParam = Annotated[
    str | None,
    Query(alias="gender", max_length=100,
          description="only person sources of these genders, comma-separated: female,male,"
                      "unknown"),
]  # fmt: skip
OutletParam = Annotated[
    list[str] | None,
    Query(alias="outlet", description="only articles of this outlet (repeat for several)"),
]
FromParam = Annotated[
    str | None, Query(alias="from", max_length=10, description="published on or after, YYYY-MM-DD")
]
ToParam = Annotated[
    str | None, Query(alias="to", max_length=10, description="published on or before, YYYY-MM-DD")
]


@dataclass(frozen=True)
class Reading:
    """Which attributions a request reads (``onrecord.scope``: a selection and filters), and
    the parameters that asked for it, for a page to keep in its links and forms."""

    selection: Selection
    scope: str = "all"
    kinds: str = ""
    min_confidence: float = 0.0
    filters: Filters = Filters()

    def query(self) -> dict[str, str]:
        """The parameters that differ from the defaults, to carry into a link (outlets
        comma-joined would be ambiguous, so only the first; ``query_items`` has them all)."""
        return {k: v for k, v in self.query_items()}

    def query_items(self) -> list[tuple[str, str]]:
        """Every parameter that differs from the defaults, outlets repeated."""
        f = self.filters
        params = [
            ("scope", "" if self.scope == "all" else self.scope),
            ("kinds", self.kinds),
            ("min_confidence", str(self.min_confidence) if self.min_confidence else ""),
            ("type", ",".join(f.speaker_types)),
            ("gender", ",".join(f.genders)),
            *(("outlet", o) for o in f.outlets),
            ("from", f.since or ""),
            ("to", f.until or ""),
        ]
        return [(k, v) for k, v in params if v]

    @property
    def narrowed(self) -> bool:
        """Whether anything but the whole record is read."""
        return not (self.selection.everything and self.filters.everything)


def reading(
    scope: ScopeParam = "all",
    kinds: KindsParam = None,
    min_confidence: MinConfidence = 0.0,
    types: TypeParam = None,
    genders: GenderParam = None,
    outlets: OutletParam = None,
    since: FromParam = None,
    until: ToParam = None,
) -> Reading:
    """The query parameters as a ``Reading``; an unknown kind, type or gender or a date not
    as YYYY-MM-DD is a 422 naming what is allowed."""
    try:
        named = parse_kinds(kinds)
        chosen = selection(scope, named, min_confidence)
    except ValueError as exc:
        raise ApiError(422, f"kinds: {exc}") from None
    try:
        wanted = filters(types, genders, tuple(o for o in outlets or () if o.strip()), since, until)
    except ValueError as exc:
        raise ApiError(422, str(exc).replace("--from", "from").replace("--to", "to")) from None
    return Reading(chosen, scope, ",".join(named or ()), min_confidence, wanted)


Chosen = Annotated[Reading, Depends(reading)]


@dataclass(frozen=True)
class ServeConfig:
    token: str | None
    max_body: int
    max_chars: int


@dataclass
class ServerState:
    config: ServeConfig
    pool: StorePool
    extractor: Extractor


def server(request: Request) -> ServerState:
    state: ServerState = request.app.state.onrecord
    return state


def check_token(expected: str | None, given: str | None) -> None:
    """Nothing when no token is configured or the given one matches; else a 401."""
    if not expected:
        return
    challenge = {"WWW-Authenticate": "Bearer"}
    if not given:
        raise ApiError(
            401, "this server needs a token to store documents: send Authorization: Bearer "
            "<token>", challenge,
        )  # fmt: skip
    # Constant-time comparison: response timing must not reveal how much of a guess matched.
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "wrong token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "the Authorization header must be: Bearer <token>",
                       {"WWW-Authenticate": "Bearer"})  # fmt: skip
    return token.strip()


def require_token(request: Request) -> None:
    """Dependency for routes that write to the store."""
    check_token(server(request).config.token, bearer_token(request))


def same_origin(request: Request) -> None:
    """Refuse a POST a browser sent from another site's page (a form posting to a server on
    127.0.0.1 needs no CORS permission). Clients that send no Origin are not browsers."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin.lower() != own.lower():
        raise ApiError(403, f"cross-origin request from {origin!r} refused")


def check_length(state: ServerState, text: str, what: str = "text") -> None:
    limit = state.config.max_chars
    if len(text) > limit:
        raise ApiError(413, f"{what} is {len(text):,} characters; the limit is {limit:,}")


async def extract_article(state: ServerState, job: ExtractJob) -> Article:
    if job.text is not None:
        check_length(state, job.text)
    try:
        result = await state.extractor.run(job)
    except ExtractorBusy as exc:
        raise ApiError(503, str(exc), {"Retry-After": RETRY_AFTER_S}) from None
    except (ExtractorTimeout, ExtractorFailed) as exc:
        raise ApiError(503, str(exc)) from None
    except ExtractorError as exc:
        log.error("%s", exc, exc_info=exc.__cause__)
        raise ApiError(500, str(exc)) from None
    if isinstance(result, DocumentError):
        raise ApiError(422, result.reason)
    return result


def _store(pool: StorePool, article: Article) -> bool:
    with pool.session() as store:
        try:
            added = store.add_article(article)
        except StoreConflict as exc:
            raise ApiError(409, f"{exc}; give another id") from None
        store.commit()
        return added


async def store_article(state: ServerState, article: Article) -> bool:
    """Store an extracted article; False when the same text is stored already."""
    return await run_in_threadpool(_store, state.pool, article)
