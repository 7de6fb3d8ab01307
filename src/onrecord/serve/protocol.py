"""The HTTP protocol the server runs: uvicorn's h11 one, with its own error in our shape.

A request h11 cannot parse ("Content-Length: abc", two different lengths, a request line over
its size limit) never reaches the app, and uvicorn answers it with a plain-text 400 and none
of the headers ``docs/serve.md`` promises. Here that answer is the JSON error every other
response uses, with the security headers.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from onrecord.serve.headers import SECURITY_HEADERS

MALFORMED = (
    "malformed HTTP request: the request line or a header is not valid HTTP/1.1 "
    "(Content-Length must be one non-negative number)"
)


class JsonErrorProtocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:  # noqa: ARG002 - uvicorn's fixed text
        body = json.dumps({"error": MALFORMED}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *SECURITY_HEADERS,
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.transport.close()


# What ``onrecord serve`` passes to uvicorn beside the app, host and port (the tests start
# their servers with the same).
SERVER_OPTIONS = {"http": JsonErrorProtocol, "server_header": False, "timeout_keep_alive": 5}
