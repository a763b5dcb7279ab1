"""Who a key belongs to: readers (``POLICYQA_API_KEY``) and maintainers (``POLICYQA_ADMIN_KEY``).

Rules (one place for the API routes and the guard of the chat UI):
- no key configured: everyone is a maintainer (the loopback-only default);
- the admin key makes a maintainer, who may also do everything a reader may;
- the API key makes a reader, or a maintainer when no admin key is configured (one-key deployments);
- anything else (no key, a wrong key) is nobody.
Keys are compared in constant time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from enum import IntEnum


class Role(IntEnum):
    """What a caller may do; a higher role may do everything a lower one may."""

    NOBODY = 0
    READER = 1
    ADMIN = 2


def keys_configured(settings) -> bool:
    """True when an API key or an admin key is set (then every route that answers needs one)."""
    return bool(settings.api_key or settings.admin_key)


def _matches(given: str, expected: str | None) -> bool:
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def header_keys(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The keys a request carries: the token of ``Authorization: Bearer <key>`` and ``X-API-Key``."""
    bearer = headers.get("authorization", "")
    token = bearer[7:].strip() if bearer[:7].lower() == "bearer " else None
    return token, headers.get("x-api-key")


def role_of(settings, given: Iterable[str | None]) -> Role:
    """The highest role any of the ``given`` keys (None and "" ignored) opens under ``settings``."""
    if not keys_configured(settings):
        return Role.ADMIN
    role = Role.NOBODY
    for key in (k for k in given if k):
        if _matches(key, settings.admin_key):
            return Role.ADMIN
        if _matches(key, settings.api_key):
            role = Role.READER if settings.admin_key else Role.ADMIN
    return role
