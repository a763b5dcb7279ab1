"""A real OpenAI-compatible chat-completions server for tests and demos (stdlib only, 127.0.0.1).

It speaks ``POST /v1/chat/completions`` with and without ``"stream": true`` (Server-Sent Events in
OpenAI's chunk format, ending with ``data: [DONE]``) and ``GET /v1/models``. Tests script it through
attributes: ``reply`` (fixed text; None answers from the sources of the prompt), ``status`` (an
HTTP error status instead of an answer), ``delay`` (seconds to stall before answering) and
``stall_after`` (stall for ``delay`` seconds after that many streamed pieces). While it stalls it
watches the connection: ``open`` counts the requests being answered now, ``cancelled`` those whose
client hung up before the answer was sent.

Run ``python tests/support/fake_openai.py --port 9000`` for a demo endpoint at http://127.0.0.1:9000/v1 that
answers with the source sentence closest to the question, followed by the source's tag.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import select
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SOURCE_RE = re.compile(r"<<<资料 (?P<tag>[^>\n]+)>>>\n(?P<text>.*?)\n<<<资料结束>>>", re.S)
QUESTION_RE = re.compile(r"<<<问题>>>\n(?P<q>.*?)\n<<<问题结束>>>", re.S)
NOT_COVERED = "文件中未找到与该问题直接相关的内容。"


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def demo_answer(messages: list[dict]) -> str:
    """The source sentence sharing most bigrams with the question, with its tag (the demo's 'model')."""
    prompt = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")
    question = QUESTION_RE.search(prompt)
    wanted = _bigrams(question.group("q")) if question else set()
    best, best_score = "", 0
    for source in SOURCE_RE.finditer(prompt):
        for sentence in re.findall(r"[^。；！？]+[。；！？]?", source.group("text")):
            score = len(wanted & _bigrams(sentence))
            if score > best_score:
                best, best_score = f"{sentence.strip()}{source.group('tag')}", score
    return best or NOT_COVERED


def _chunk(piece: str, finish: str | None = None) -> bytes:
    delta = {"content": piece} if finish is None else {}
    body = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send_json(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._send_json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

    def _stall(self, seconds: float) -> None:
        """Wait ``seconds``; raise ConnectionResetError as soon as the client closes the connection."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
            if readable and self.connection.recv(1, socket.MSG_PEEK) == b"":
                raise ConnectionResetError("client closed the connection")

    def do_POST(self) -> None:
        fake = self.server.fake
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        fake.requests.append(body)
        fake.count("open", 1)
        try:
            self._answer(fake, body)
        except (BrokenPipeError, ConnectionResetError):
            fake.count("cancelled", 1)  # the client gave up (timed out, or was cancelled)
        finally:
            fake.count("open", -1)

    def _answer(self, fake: FakeOpenAI, body: dict) -> None:
        if fake.delay and fake.stall_after is None:
            self._stall(fake.delay)
        if fake.status != 200:
            self._send_json(fake.status, {"error": {"message": "scripted failure", "type": "server_error"}})
            return
        text = fake.reply if fake.reply is not None else demo_answer(body.get("messages", []))
        if body.get("stream"):
            self._stream(text)
        else:
            self._send_json(200, {
                "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model", "fake"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

    def _stream(self, text: str) -> None:
        fake = self.server.fake
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        pieces = [text[i:i + fake.piece_chars] for i in range(0, len(text), fake.piece_chars)]
        for n, piece in enumerate(pieces):
            if fake.stall_after is not None and n == fake.stall_after:
                self._stall(fake.delay)
            self.wfile.write(_chunk(piece))
            self.wfile.flush()
        self.wfile.write(_chunk("", "stop") + b"data: [DONE]\n\n")
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # many clients at once (the default backlog of 5 delays connections)
    block_on_close = False
    fake: FakeOpenAI


class FakeOpenAI:
    """The server, started in a daemon thread on a free 127.0.0.1 port (or ``port``)."""

    def __init__(self, port: int = 0) -> None:
        self.reply: str | None = None
        self.status = 200
        self.delay = 0.0
        self.stall_after: int | None = None
        self.piece_chars = 4
        self.requests: list[dict] = []
        self.open = 0  # requests being answered now
        self.cancelled = 0  # requests whose client hung up first
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL for OpenAI clients (…/v1)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, reply: str | None = None, status: int = 200, delay: float = 0.0,
               stall_after: int | None = None) -> FakeOpenAI:
        """Set the behaviour of the next requests and forget the recorded ones."""
        self.reply, self.status, self.delay, self.stall_after = reply, status, delay, stall_after
        self.requests.clear()
        return self

    def count(self, name: str, step: int) -> None:
        """Add ``step`` to the counter ``name`` ("open" or "cancelled"), thread-safely."""
        with self._lock:
            setattr(self, name, getattr(self, name) + step)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main() -> None:
    """Serve the demo endpoint until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    port = parser.parse_args().port
    with FakeOpenAI(port) as fake:
        print(f"fake OpenAI-compatible endpoint at {fake.url} (model name: any)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            fake._thread.join()


if __name__ == "__main__":
    main()
