"""The gate of every API route: what is checked before FastAPI reads a request's body, in this order.

1. **The key** (401, or 403 for a reader's key on a maintainers' route). FastAPI reads and parses the
   body before it solves the dependencies that check the key (:mod:`~assistant.interfaces.http.deps`),
   so broken JSON, a malformed form or a body nested too deep was answered 422 or 400 without a key:
   a caller without one could learn the schema. The gate makes the same check first.
2. **The media type** of a JSON body (415). FastAPI reads a body sent as any other type as bytes,
   which then fail the model's validation: a ``text/plain`` body got a 422 that speaks of a
   "dictionary".

A body without a ``Content-Type`` is not JSON either (415): this is FastAPI's own default
(``strict_content_type``), which keeps a browser on another site from posting a JSON-looking body
without a CORS preflight, and a client that forgets the header learns what it forgot rather than
getting a schema error. An empty body is no body: the route's validation answers it (422, "Field
required"), whatever its type.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response, params
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.interfaces.http.deps import check_role, needed_role
from assistant.interfaces.http.roles import Role, header_keys, role_of

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def is_json(content_type: str | None) -> bool:
    """True for ``application/json`` and ``application/*+json`` (parameters ignored): the types FastAPI
    parses as JSON."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    main, _, sub = media.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def takes_json(route: APIRoute) -> bool:
    """True when the route reads a JSON body (a body model, not a form or an upload)."""
    return route.body_field is not None and not isinstance(route.body_field.field_info, params.Form)


async def check_media_type(request: Request) -> None:
    """Refuse a non-empty body that is not JSON.

    Raises:
        HTTPException: 415, its detail the type received (or that none was).
    """
    content_type = request.headers.get("content-type")
    if is_json(content_type) or not await request.body():  # FastAPI keeps the body for the route
        return
    raise StarletteHTTPException(415, detail=content_type or "no Content-Type")


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
    """An API route that checks the key, then a JSON body's media type, before FastAPI reads the body.

    The checks use the route as declared: ``create_app`` includes the routers without extra
    dependencies or body settings, so the route seen here is the route that runs.
    """

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        json_body, needed = takes_json(self), needed_role(self.dependant)

        async def gated(request: Request) -> Response:
            check_key(request, needed)
            if json_body:
                await check_media_type(request)
            return await handler(request)

        return gated
