"""The gate of every API route: what is checked before FastAPI reads a request's body.

FastAPI reads and parses a JSON body before it validates it, and reads a body sent as any other
type as bytes, which then fail the model's validation: a ``text/plain`` body got a 422 that speaks
of a "dictionary". :class:`GatedRoute` answers such a request with **415** instead.

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


class GatedRoute(APIRoute):
    """An API route that checks a JSON body's media type before FastAPI reads it.

    The checks use the route as declared: ``create_app`` includes the routers without extra
    dependencies or body settings, so the route seen here is the route that runs.
    """

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        json_body = takes_json(self)

        async def gated(request: Request) -> Response:
            if json_body:
                await check_media_type(request)
            return await handler(request)

        return gated
