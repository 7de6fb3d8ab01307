"""The security headers every response carries, errors included."""

from __future__ import annotations

# No inline script or style anywhere: the reader's JS and CSS are static files, and the
# article text is only ever text. Forms post back to this server only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Not "no-referrer": with it, browsers send "Origin: null" on the reader's own form
    # posts, and the same-origin check could no longer tell them from a foreign page's.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def security_headers() -> list[tuple[str, str]]:
    """The headers as strings, for a response object rather than raw ASGI."""
    return [(k.decode(), v.decode()) for k, v in SECURITY_HEADERS]
