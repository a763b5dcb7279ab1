"""Per-request limits as pure ASGI middleware: request body size while reading, and a rate limit on /ask.

:class:`BodyLimit` caps every HTTP request body, the chat UI's routes under ``/ui`` included, by
counting the bytes of each ``http.request`` message as the application receives them, whether the
body is sent with a ``Content-Length`` or chunked. A declared length over the cap is refused before
the application runs; a body that grows past the cap stops being read at once. Either way the answer
is ``413 {"error": {"code": "payload_too_large", "message": …}}`` with ``Connection: close``, so the
server reads at most the cap plus one receive buffer (uvicorn pauses the socket at 64 KiB) and
nothing of the rest. Caps, by route (``Settings``):

- ``POST /documents`` and the UI's ``/ui/gradio_api/upload``: ``max_upload_bytes`` plus
  ``MULTIPART_ALLOWANCE`` for the multipart headers;
- other routes under ``/ui`` (the chat UI sends its conversation with every question):
  ``max_ui_body_bytes``;
- every other route: ``max_body_bytes``.

:class:`AskRateLimit` gives each client (its address as uvicorn reports it, i.e. the
``X-Forwarded-For`` of a trusted local proxy) a token bucket of ``ask_rate_per_minute`` tokens that
refills continuously; ``POST /ask`` without a token gets ``429`` with ``Retry-After`` in seconds.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MULTIPART_ALLOWANCE = 64 * 1024
UPLOAD_PATHS = ("/documents", "/ui/gradio_api/upload")
MAX_CLIENTS = 10_000  # buckets kept before idle (full) ones are dropped


class BodyTooLargeError(Exception):
    """Raised from ``receive`` once the body exceeds its cap (answered with 413 by BodyLimit)."""


async def _send_error(send: Send, status: int, code: str, message: str,
                      headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _path(scope: Scope) -> str:
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def _header(scope: Scope, name: bytes) -> bytes | None:
    return next((v for k, v in scope.get("headers", ()) if k.lower() == name), None)


def body_cap(settings: Any, method: str, path: str) -> int:
    """The largest body, in bytes, accepted for a request (see the module docstring)."""
    if method == "POST" and path in UPLOAD_PATHS:
        return settings.max_upload_bytes + MULTIPART_ALLOWANCE
    if path == "/ui" or path.startswith("/ui/"):
        return settings.max_ui_body_bytes
    return settings.max_body_bytes


class BodyLimit:
    """ASGI middleware: a per-route cap on request bodies, enforced while the body is read."""

    def __init__(self, app: ASGIApp, settings: Any) -> None:
        self.app, self.settings = app, settings

    async def _too_large(self, send: Send, cap: int) -> None:
        await _send_error(send, 413, "payload_too_large",
                          f"请求体过大 / request body too large (上限 limit {cap} bytes)",
                          [(b"connection", b"close")])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = body_cap(self.settings, scope["method"], _path(scope))
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > cap):
            await self._too_large(send, cap)
            return
        state = {"read": 0, "exceeded": False, "started": False, "replaced": False}

        async def limited_receive() -> Message:
            if state["exceeded"]:
                raise BodyTooLargeError
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > cap:
                    state["exceeded"] = True
                    raise BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            if state["replaced"]:
                return  # the application's own error answer to the cut body is dropped
            if state["exceeded"] and not state["started"]:
                state["replaced"] = state["started"] = True
                await self._too_large(send, cap)
                return
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLargeError):
            await self.app(scope, limited_receive, guarded_send)
        if state["exceeded"] and not state["started"]:
            await self._too_large(send, cap)


class AskRateLimit:
    """ASGI middleware: a token bucket per client for ``POST /ask`` (``ask_rate_per_minute``; 0: off)."""

    def __init__(self, app: ASGIApp, settings: Any, clock: Callable[[], float] = time.monotonic) -> None:
        self.app, self.rate, self.clock = app, float(settings.ask_rate_per_minute), clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take a token for ``client``; returns 0 when granted, else the seconds until one is free."""
        capacity, per_second, now = self.rate, self.rate / 60.0, self.clock()
        with self._lock:
            tokens, at = self._buckets.get(client, (capacity, now))
            tokens = min(capacity, tokens + (now - at) * per_second)
            if len(self._buckets) >= MAX_CLIENTS:
                self._buckets = {c: (t, a) for c, (t, a) in self._buckets.items()
                                 if t + (now - a) * per_second < capacity}
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / per_second

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.rate > 0 and scope["type"] == "http" and scope["method"] == "POST"
                and _path(scope) == "/ask"):
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.take(client)
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                await _send_error(send, 429, "too_many_requests",
                                  f"提问过于频繁，请 {seconds} 秒后再试 / too many questions, retry in {seconds} s",
                                  [(b"retry-after", str(seconds).encode()), (b"connection", b"close")])
                return
        await self.app(scope, receive, send)
