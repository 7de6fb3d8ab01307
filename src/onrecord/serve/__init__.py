"""``onrecord serve``: the HTTP API and the web reader, one process over one store.

``create_app`` (``onrecord.serve.app``) builds the ASGI app; ``api`` holds the JSON routes,
``pages`` the reader's server-rendered pages, ``markup`` turns a record into escaped,
highlighted paragraphs, and ``extraction`` runs the pipeline off the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is an optional dependency: importing the package alone must not need it.
    if name == "create_app":
        from onrecord.serve.app import create_app

        return create_app
    raise AttributeError(name)
