"""Error mapping of the HTTP edge: an unreachable database is a 503 the caller may retry, not a 500."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.interfaces.http.errors import install_error_handlers
from assistant.store.postgres.db import DatabaseError

psycopg = pytest.importorskip("psycopg")
psycopg_pool = pytest.importorskip("psycopg_pool")


def app_raising(exc: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("exc", [
    psycopg.OperationalError("connection refused"),
    psycopg_pool.PoolTimeout("couldn't get a connection after 10.00 sec"),
    DatabaseError("无法连接数据库 / cannot use the database"),
])
def test_database_unavailable_is_503(exc: Exception) -> None:
    response = app_raising(exc).get("/boom")
    assert response.status_code == 503
    assert "数据库" in response.json()["error"]["message"]


def test_other_failures_stay_500_without_details() -> None:
    response = app_raising(RuntimeError("secret detail")).get("/boom")
    assert response.status_code == 500 and "secret" not in response.text
