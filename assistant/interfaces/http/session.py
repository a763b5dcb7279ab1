"""The door of the chat UI: when a key is set, everything under ``/ui`` needs a reader's session.

A browser signs in once at ``/ui-login`` (a Chinese form asking for the API or admin key); the answer is
a signed session cookie (HttpOnly, SameSite=Strict, path ``/ui``, valid ``SESSION_SECONDS``) that the
guard in front of the mounted Gradio app checks on every request — pages, ``gradio_api`` calls, queue,
uploads, files. Programs may send the key itself (``Authorization: Bearer`` or ``X-API-Key``) instead.
Without a session a page request is sent to the login form, anything else gets a 401 JSON error before
the UI reads a byte of the body. With no key configured the guard lets everything through.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from html import escape
from typing import Annotated

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import Headers
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.interfaces.http.errors import HTTP_MESSAGES, error_response
from assistant.interfaces.http.roles import Role, header_keys, keys_configured, role_of

COOKIE = "pq_session"
SESSION_SECONDS = 12 * 3600
LOGIN_PATH = "/ui-login"

router = APIRouter(include_in_schema=False)


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def make_session(secret: bytes, role: Role, now: float | None = None) -> str:
    """A cookie value: base64url JSON ``{"role", "exp"}``, a dot, its HMAC-SHA256 under ``secret``."""
    body = json.dumps({"role": int(role), "exp": int((now or time.time()) + SESSION_SECONDS)}).encode()
    payload = base64.urlsafe_b64encode(body).rstrip(b"=")
    return f"{payload.decode()}.{_sign(secret, payload)}"


def session_role(secret: bytes, value: str | None, now: float | None = None) -> Role:
    """The role of a session cookie; NOBODY when it is missing, forged, malformed or expired."""
    payload, _, signature = (value or "").partition(".")
    if not payload or not hmac.compare_digest(_sign(secret, payload.encode()), signature):
        return Role.NOBODY
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if data["exp"] < (now or time.time()):
            return Role.NOBODY
        return Role(data["role"])
    except (ValueError, KeyError, TypeError):
        return Role.NOBODY


def request_role(settings, secret: bytes, headers: Mapping[str, str], cookies: Mapping[str, str]) -> Role:
    """The best role a request shows: by its key header, else by its session cookie."""
    by_key = role_of(settings, header_keys(headers))
    return max(by_key, session_role(secret, cookies.get(COOKIE)))


def ui_role(app_state, settings, headers: Mapping[str, str], cookies: Mapping[str, str]) -> Role:
    """The role a request to the UI shows by its key header or session cookie (ADMIN when no key is
    configured; NOBODY before :func:`protect` drew the session secret). For the UI's own handlers,
    e.g. the documents page, which maintainers only may use."""
    if not keys_configured(settings):
        return Role.ADMIN
    secret = getattr(app_state, "session_secret", None) or b""
    return request_role(settings, secret, headers, cookies) if secret else Role.NOBODY


def reader_allowed(app_state, settings, headers: Headers) -> bool:
    """True when no key is configured, or the request's key or session cookie opens the reader role
    (for UI pages served beside the mounted app, e.g. the whole-document page)."""
    return ui_role(app_state, settings, headers, _cookies(headers)) >= Role.READER


def session_secret(app: FastAPI) -> bytes:
    """The app's secret signing session cookies, drawn once (at the UI's mount) and kept in ``app.state``."""
    app.state.session_secret = getattr(app.state, "session_secret", None) or secrets.token_bytes(32)
    return app.state.session_secret


def _cookies(headers: Headers) -> dict[str, str]:
    pairs = (part.strip().partition("=") for raw in headers.getlist("cookie") for part in raw.split(";"))
    return {name: value for name, _, value in pairs if name}


def _announces_body(headers: Headers) -> bool:
    return "transfer-encoding" in headers or headers.get("content-length", "0").strip() not in ("", "0")


class UIGuard:
    """ASGI middleware in front of the mounted UI: readers (and maintainers) only, when keys are set."""

    def __init__(self, app: ASGIApp, settings, secret: bytes) -> None:
        self.app, self.settings, self.secret = app, settings, secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not keys_configured(self.settings):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if request_role(self.settings, self.secret, headers, _cookies(headers)) >= Role.READER:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["method"] in ("GET", "HEAD") and "text/html" in headers.get("accept", ""):
            response: Response = RedirectResponse(LOGIN_PATH, status_code=303)
        else:
            # the body is left unread: close the connection rather than let the server drain it
            close = {"Connection": "close"} if _announces_body(headers) else {}
            response = error_response(401, *HTTP_MESSAGES[401], headers={"WWW-Authenticate": "Bearer", **close})
        await response(scope, receive, send)


def protect(app: FastAPI, path: str, settings) -> None:
    """Put the guard in front of the app mounted at ``path`` and add the login form at ``/ui-login``.

    Raises:
        LookupError: If nothing is mounted at ``path``.
    """
    mount = next((r for r in app.router.routes if isinstance(r, Mount) and r.path == path.rstrip("/")), None)
    if mount is None:
        raise LookupError(f"nothing mounted at {path}")
    session_secret(app)
    app.state.ui_path = f"{path.rstrip('/')}/"
    mount.app = UIGuard(mount.app, settings, app.state.session_secret)
    app.include_router(router)


LOGIN_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>政策问答助手 · 登录</title>
<style>body{{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#fafafa}}
form{{max-width:22em;margin:12vh auto;padding:1.5em 2em;background:#fff;border:1px solid #e5e7eb;border-radius:8px}}
input{{width:100%;padding:.5em;margin:.6em 0;box-sizing:border-box}} button{{padding:.5em 1.2em}}
.err{{color:#b91c1c}}</style></head>
<body><form method="post" action="{action}"><h2>政策问答助手</h2>
<p>本服务需要访问密钥。请输入管理员提供的密钥（仅需输入一次，本次会话内有效）。</p>
<p class="err">{error}</p>
<label>访问密钥<input type="password" name="key" id="pq-key" autocomplete="current-password" autofocus
 required maxlength="512"></label><button type="submit" id="pq-login">进入</button></form></body></html>"""


def _page(error: str = "", status: int = 200) -> HTMLResponse:
    return HTMLResponse(LOGIN_PAGE.format(action=LOGIN_PATH, error=escape(error)), status_code=status,
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})


@router.get(LOGIN_PATH)
def login_form(request: Request) -> Response:
    """The form asking for the key (or straight to the UI when no key is configured)."""
    if not keys_configured(request.app.state.assistant.settings):
        return RedirectResponse(request.app.state.ui_path, status_code=303)
    return _page()


@router.post(LOGIN_PATH)
def login(request: Request, key: Annotated[str, Form(max_length=512)] = "") -> Response:
    """Check the key (constant time); a match sets the session cookie and goes to the UI, else 401."""
    role = role_of(request.app.state.assistant.settings, (key,))
    if role < Role.READER:
        return _page("密钥不正确，请重新输入。", status=401)
    response = RedirectResponse(request.app.state.ui_path, status_code=303)
    response.set_cookie(COOKIE, make_session(request.app.state.session_secret, role), max_age=SESSION_SECONDS,
                        path=request.app.state.ui_path.rstrip("/"), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response
