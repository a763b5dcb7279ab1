"""The gate of every API route: what is checked before FastAPI reads a request's body, in this order.

1. **The key** (401, or 403 for a reader's key on a maintainers' route). FastAPI reads and parses the
   body before it solves the dependencies that check the key (:mod:`~assistant.interfaces.http.deps`),
   so broken JSON, a malformed form or a body nested too deep was answered 422 or 400 without a key:
   a caller without one could learn the schema. The gate makes the same check first.
2. **The media type** of the body (415): JSON for a route that reads a body model, ``multipart/form-data``
   for a file upload. FastAPI reads a body sent as any other type as bytes, which then fail the model's
   validation: a ``text/plain`` body got a 422 that speaks of a "dictionary", and an upload sent as
   JSON a 422 "file: Field required".

A body without a ``Content-Type`` is not JSON either (415): this is FastAPI's own default
(``strict_content_type``), which keeps a browser on another site from posting a JSON-looking body
without a CORS preflight, and a client that forgets the header learns what it forgot rather than
getting a schema error. An empty body is no body: the route's validation answers it (422, "Field
required"), whatever its type. A multipart body that cannot be parsed (no boundary, broken parts) is
left to FastAPI (400).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response, params
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.interfaces.http.deps import check_role, needed_role
from assistant.interfaces.http.errors import UnsupportedMediaTypeError
from assistant.interfaces.http.roles import Role, header_keys, role_of

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


JSON, MULTIPART = "application/json", "multipart/form-data"


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` header, lower case and without parameters ("" for none)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json(content_type: str | None) -> bool:
    """True for ``application/json`` and ``application/*+json`` (parameters ignored): the types FastAPI
    parses as JSON."""
    main, _, sub = media_type(content_type).partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def body_type(route: APIRoute) -> str | None:
    """The media type the route reads its body as: :data:`JSON` for a body model, :data:`MULTIPART` for
    a file upload, None for no body or a plain form (the gate leaves those to FastAPI)."""
    if route.body_field is None:
        return None
    info = route.body_field.field_info
    if isinstance(info, params.File):
        return MULTIPART
    return None if isinstance(info, params.Form) else JSON


async def check_media_type(request: Request, expected: str) -> None:
    """Refuse a non-empty body that is not of the ``expected`` type (:data:`JSON` or :data:`MULTIPART`).

    Raises:
        UnsupportedMediaTypeError: 415, its detail the type received (or that none was).
    """
    content_type = request.headers.get("content-type")
    accepted = is_json(content_type) if expected == JSON else media_type(content_type) == expected
    if accepted or not await request.body():  # FastAPI keeps the body for the route
        return
    raise UnsupportedMediaTypeError(content_type or "no Content-Type", expected)


def has_body(request: Request) -> bool:
    """True when the request announces a body (a non-zero ``Content-Length``, or chunked)."""
    length = request.headers.get("content-length", "0").strip()
    return "transfer-encoding" in request.headers or length not in ("", "0")


def check_key(request: Request, needed: Role) -> None:
    """Refuse a request whose key does not open the role ``needed`` (no check for an open route).

    A refused request's body is left unread, so the answer closes the connection (as the 413 of
    ``limits.BodyLimit`` does): the server then reads none of it, instead of draining it to keep the
    connection alive.

    Raises:
        HTTPException: 401 without a matching key, 403 with a key of a lower role.
    """
    if needed is Role.NOBODY:
        return
    try:
        check_role(role_of(request.app.state.assistant.settings, header_keys(request.headers)), needed)
    except StarletteHTTPException as exc:
        if has_body(request):
            exc.headers = {**(exc.headers or {}), "Connection": "close"}
        raise


class GatedRoute(APIRoute):
    """An API route that checks the key, then the body's media type, before FastAPI reads the body.

    The checks use the route as declared: ``create_app`` includes the routers without extra
    dependencies or body settings, so the route seen here is the route that runs.
    """

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        expected, needed = body_type(self), needed_role(self.dependant)

        async def gated(request: Request) -> Response:
            check_key(request, needed)
            if expected is not None:
                await check_media_type(request, expected)
            return await handler(request)

        return gated
