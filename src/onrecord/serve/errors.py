"""Every error the server returns is ``{"error": "<one clear sentence>"}`` with its status.

Bad input is always a 4xx: validation problems are reworded into one line a person can act
on, and anything unexpected is a 500 that says nothing of the internals (it is logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from onrecord.serve.headers import security_headers

log = logging.getLogger("onrecord.serve")

READER_PREFIX = "/reader"


class ApiError(Exception):
    """An error to answer with: status, message, and extra headers (``WWW-Authenticate``)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class BodyTooLarge(StarletteHTTPException):
    """Raised while a body is being read, once it passes the limit. An ``HTTPException`` so
    that FastAPI and Starlette's form parser let it through untouched."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, body_too_large_message(limit))


def body_too_large_message(limit: int) -> str:
    return f"request body is larger than the limit of {limit:,} bytes"


def error_response(
    status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=dict(headers or {}))


def _location(loc: Sequence[Any]) -> str:
    where, *rest = [str(p) for p in loc] or ["body"]
    name = ".".join(rest)
    if where in {"query", "path", "header"} and name:
        return f"{where} parameter {name!r}"
    return name or where


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """Pydantic's error list as one line: ``query parameter 'limit': Input should be ...``."""
    parts = []
    for err in errors[:5]:
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        loc = err.get("loc") or ()
        parts.append(f"{_location(loc)}: {msg}" if loc else msg)
    return "; ".join(parts)


PageRenderer = Callable[[Request, int, str], Response]


def install_handlers(app: Any, render_page: PageRenderer) -> None:
    """JSON errors for the API; the reader's pages get the same message as an HTML page."""

    def respond(
        request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
    ) -> Response:
        if request.url.path.startswith(READER_PREFIX):
            response = render_page(request, status, message)
            response.headers.update(dict(headers or {}))
            return response
        return error_response(status, message, headers)

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc.status, exc.message, exc.headers)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        return respond(request, exc.status_code, message, exc.headers)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, 422, validation_message(exc.errors()))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        response = respond(request, 500, "internal server error (the server log has the details)")
        # Starlette answers this one from its outermost layer, past the middleware that adds
        # the security headers to every other response, so they are set here.
        for name, value in security_headers():
            response.headers.setdefault(name, value)
        return response

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
