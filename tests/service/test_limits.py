"""Limits before work, on a real server: body caps enforced while reading (chunked or not), /ask rate limit."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.servers import running_server

BIG = 50 * 1024 * 1024
PIECE = 64 * 1024
# Besides the cap, the client gets out what fits in uvicorn's 64 KiB read buffer and in the kernel's
# socket buffers on both sides, which Linux autotunes to a few MiB on loopback (3-6 MiB measured).
SLACK = 12 * 1024 * 1024
MAX_RSS_KB = 1024 * 1024  # 1 GiB
MAX_GROWTH_KB = 32 * 1024  # the server's peak memory may not grow by more than this during one request
KEY = "limits-test-key"
JSON_CAP, UI_CAP, UPLOAD_CAP = 64 * 1024, 1024 * 1024, 10 * 1024 * 1024 + 64 * 1024  # Settings defaults
CAPS = {"/ask": JSON_CAP, "/documents": UPLOAD_CAP, "/ui/gradio_api/upload": UPLOAD_CAP,
        "/ui/gradio_api/queue/join": UI_CAP}


class Sender:
    """A 50 MB body of unknown length (httpx sends it chunked), counting what the client got out."""

    def __init__(self, prefix: bytes = b"", suffix: bytes = b"") -> None:
        self.prefix, self.suffix, self.sent = prefix, suffix, 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.prefix
        piece = b"x" * PIECE
        while self.sent < BIG:
            yield piece
            self.sent += PIECE
        yield self.suffix


def _multipart(field: str) -> tuple[Sender, dict[str, str]]:
    head = (f'--pqbound\r\nContent-Disposition: form-data; name="{field}"; filename="big.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n").encode()
    return Sender(head, b"\r\n--pqbound--\r\n"), {"content-type": "multipart/form-data; boundary=pqbound"}


def _server_pid(base: str) -> int:
    port = base.rsplit(":", 1)[1].encode()
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0") if proc.name.isdigit() else []
        except OSError:
            continue
        if b"serve" in args and b"--port" in args and port in args:
            return int(proc.name)
    raise LookupError(f"no server process on port {port!r}")


def _memory_kb(pid: int) -> dict[str, int]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM")}




@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory) -> Iterator[str]:
    with running_server(assistant, tmp_path_factory.mktemp("limits"), ui=True) as base:
        yield base


@pytest.fixture(scope="module")
def keyed_server(assistant, tmp_path_factory) -> Iterator[str]:
    with running_server(assistant, tmp_path_factory.mktemp("limits-key"), api_key=KEY, ui=True) as base:
        yield base


def _assert_cut(base: str, path: str, sender: Sender, headers: dict[str, str], allowed: set[int]) -> dict:
    pid = _server_pid(base)
    before = _memory_kb(pid)
    response = httpx.post(base + path, content=iter(sender), headers=headers, timeout=60)
    assert response.status_code in allowed, response.text
    if response.status_code == 413:
        assert response.json()["error"]["code"] == "payload_too_large"
    assert sender.sent <= CAPS[path] + SLACK, f"{path}: the client pushed {sender.sent} bytes"
    memory = _memory_kb(pid)
    assert memory["VmHWM"] < MAX_RSS_KB and memory["VmHWM"] - before["VmRSS"] < MAX_GROWTH_KB, (before, memory)
    return {"path": path, "status": response.status_code, "sent": sender.sent, **memory}


@pytest.mark.parametrize(("path", "field"), [("/ask", None), ("/documents", "file"),
                                              ("/ui/gradio_api/upload", "files"),
                                              ("/ui/gradio_api/queue/join", None)])
def test_a_50_mb_chunked_body_is_cut_at_the_cap(server: str, path: str, field: str | None) -> None:
    sender, headers = _multipart(field) if field else (Sender(b'{"question": "'), {"content-type": "application/json"})
    print(_assert_cut(server, path, sender, headers, {413}))


@pytest.mark.parametrize(("path", "field"), [("/ask", None), ("/documents", "file"),
                                              ("/ui/gradio_api/queue/join", None)])
def test_without_the_key_a_big_body_is_never_buffered(keyed_server: str, path: str, field: str | None) -> None:
    sender, headers = _multipart(field) if field else (Sender(b'{"question": "'), {"content-type": "application/json"})
    print(_assert_cut(keyed_server, path, sender, headers, {401, 413}))


def _raw(base: str, request: bytes, wait: float = 10) -> bytes:
    """Send raw bytes (headers and only the start of a body) and read the answer."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_a_declared_length_over_the_cap_is_refused_before_the_body_arrives(server: str) -> None:
    answer = _raw(server, b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 52428800\r\n\r\n{\"question\": \"")
    assert answer.startswith(b"HTTP/1.1 413") and b"payload_too_large" in answer


def test_a_chunked_body_under_the_cap_is_served(server: str) -> None:
    body = '{"question": "智能算力占比的目标是多少？"}'.encode()
    response = httpx.post(server + "/ask", content=iter([body[:10], body[10:]]),
                          headers={"content-type": "application/json"}, timeout=60)
    assert response.status_code == 200 and response.json()["citations"]


def test_ask_is_rate_limited_per_client(assistant, tmp_path) -> None:
    with running_server(assistant, tmp_path, env={"POLICYQA_ASK_RATE_PER_MINUTE": "3"}) as base:
        ask = {"question": "智能算力占比的目标是多少？"}
        assert [httpx.post(base + "/ask", json=ask, timeout=60).status_code for _ in range(3)] == [200] * 3
        refused = httpx.post(base + "/ask", json=ask, timeout=60)
        assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 20  # 3 a minute: one token every 20 s
        assert httpx.get(base + "/search", params={"q": "智能算力"}, timeout=60).status_code == 200
        # another client (as a trusted local proxy reports it) has its own bucket
        other = httpx.post(base + "/ask", json=ask, headers={"x-forwarded-for": "203.0.113.7"}, timeout=60)
        assert other.status_code == 200
