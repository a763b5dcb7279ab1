"""Dependencies of the routes: the Assistant the app serves and the key checks of the two roles.

``READER`` routes (ask, search, documents, feedback) take the API key or the admin key; ``ADMIN`` routes
(upload, delete, jobs, feedback export) take the admin key (see :mod:`~assistant.interfaces.http.roles`).
A missing or wrong key is a 401, a reader's key on an admin route a 403.

FastAPI solves these dependencies only after it has read and parsed the body, so a broken body would be
answered (422, 400) before the key is checked: the route class of the API
(:class:`~assistant.interfaces.http.gate.GatedRoute`) makes the same check, :func:`check_role` with
:func:`needed_role`, before the body is read. The dependencies stay: they document the keys in the
OpenAPI spec and say which role a route needs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.interfaces.http.roles import Role, role_of
from assistant.jobs import JobQueue
from assistant.service import Assistant

bearer_scheme = HTTPBearer(auto_error=False, description="API key as a bearer token")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")


def get_assistant(request: Request) -> Assistant:
    """The Assistant of the app (``app.state.assistant``, set by ``create_app``)."""
    return request.app.state.assistant


def get_jobs(request: Request) -> JobQueue:
    """The app's queue of background jobs (``app.state.jobs``): a ``JobQueue``, or with PostgreSQL a
    ``DatabaseJobs`` (the same ``get``/``recent``/``unfinished``, over every replica's uploads)."""
    return request.app.state.jobs


def caller_role(request: Request,
                bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
                header_key: Annotated[str | None, Security(header_scheme)]) -> Role:
    """The role the request's key opens (``Authorization: Bearer`` or ``X-API-Key``)."""
    return role_of(get_assistant(request).settings, (bearer.credentials if bearer else None, header_key))


def check_role(role: Role, needed: Role) -> None:
    """Raise 401 for no (or a wrong) key where one is needed, 403 for a role below the one needed."""
    if needed is Role.NOBODY:
        return
    if role is Role.NOBODY:
        raise StarletteHTTPException(401, headers={"WWW-Authenticate": "Bearer"})
    if role < needed:
        raise StarletteHTTPException(403)


def require_reader(role: Annotated[Role, Depends(caller_role)]) -> None:
    """Allow readers and maintainers.

    Raises:
        HTTPException: 401 when a key is configured and the request carries no matching one.
    """
    check_role(role, Role.READER)


def require_admin(role: Annotated[Role, Depends(caller_role)]) -> None:
    """Allow maintainers only.

    Raises:
        HTTPException: 401 without a matching key, 403 with a reader's key.
    """
    check_role(role, Role.ADMIN)


def needed_role(dependant: Dependant) -> Role:
    """The role a route needs by its dependencies (the router's included): ADMIN, READER or NOBODY (open)."""
    calls = {dep.call for dep in dependant.dependencies}
    return Role.ADMIN if require_admin in calls else Role.READER if require_reader in calls else Role.NOBODY


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
JobsDep = Annotated[JobQueue, Depends(get_jobs)]
# ``dependencies=`` of the routes of each role.
READER = [Depends(require_reader)]
ADMIN = [Depends(require_admin)]
