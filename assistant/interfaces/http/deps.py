"""Dependencies of the routes: the Assistant the app serves and the API-key check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.service import Assistant

bearer_scheme = HTTPBearer(auto_error=False, description="API key as a bearer token")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")


def get_assistant(request: Request) -> Assistant:
    """The Assistant of the app (``app.state.assistant``, set by ``create_app``)."""
    return request.app.state.assistant


def require_api_key(request: Request,
                    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
                    header_key: Annotated[str | None, Security(header_scheme)]) -> None:
    """Allow the request when no key is configured or a given key matches (constant-time compare).

    Raises:
        HTTPException: 401 when a key is configured and none of the given ones matches.
    """
    expected = get_assistant(request).settings.api_key
    if not expected:
        return
    given = [k for k in (bearer.credentials if bearer else None, header_key) if k]
    wanted = expected.encode("utf-8")
    matches = [hmac.compare_digest(k.encode("utf-8", "replace"), wanted) for k in given]
    if not any(matches):
        raise StarletteHTTPException(401, headers={"WWW-Authenticate": "Bearer"})


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
# ``dependencies=`` of every route that needs the key when one is configured.
KEYED = [Depends(require_api_key)]
