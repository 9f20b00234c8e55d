"""The OpenAI-compatible HTTP backend against misbehaving servers on
127.0.0.1: each failure is a clear one-line BackendError."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.openai_http import OpenAIHttpBackend, normalise_base_url

HELLO = [Message(role="user", content="hello")]


def _event(text: str | None, finish: str | None = None) -> bytes:
    delta = {"content": text} if text is not None else {}
    body = {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


class Handler(BaseHTTPRequestHandler):
    """Behaves according to the first path segment (the "mode")."""

    def log_message(self, *args: object) -> None:
        return None

    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self) -> None:  # noqa: N802
        mode, _, rest = self.path.strip("/").partition("/")
        if rest != "v1/models" or mode == "nothing":
            self._send(404, b'{"detail": "Not Found"}')
        elif mode == "html":
            self._send(200, b"<html>hello</html>", "text/html")
        elif mode == "empty":
            self._send(200, b'{"object": "list", "data": []}')
        else:
            models = {"object": "list", "data": [{"id": "tiny-135M"}, {"id": "other"}]}
            self._send(200, json.dumps(models).encode())

    def do_POST(self) -> None:  # noqa: N802
        mode, _, rest = self.path.strip("/").partition("/")
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length) or b"{}")
        if rest == "tokenize" and mode == "ok":
            self._send(200, json.dumps({"tokens": request["content"].split()}).encode())
            return
        if rest != "v1/chat/completions":
            self._send(404, b'{"detail": "Not Found"}')
            return
        self.server.requests.append(request)  # type: ignore[attr-defined]
        ok = _event("Hello") + _event(" there.") + _event(None, "stop") + b"data: [DONE]\n\n"
        if mode == "ok":
            self._send(200, b": ping\n\n" + ok, "text/event-stream")
        elif mode == "http500":
            self._send(500, b'{"error": {"message": "model exploded"}}')
        elif mode == "malformed":
            self._send(200, _event("Hi") + b"data: {not json\n\n", "text/event-stream")
        elif mode == "errorevent":
            self._send(200, b'data: {"error": {"message": "out of memory"}}\n\n',
                       "text/event-stream")
        elif mode == "drop":
            # Promise more than we send, then hang up.
            self._send(200, _event("Hel"), "text/event-stream", length=10_000)
            self.connection.shutdown(socket.SHUT_RDWR)
        elif mode == "nodone":
            self._send(200, _event("Half a"), "text/event-stream")
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(_event("Hmm"))
            self.wfile.flush()
            time.sleep(3)


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.requests = []  # type: ignore[attr-defined]
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def url(server: ThreadingHTTPServer, mode: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/{mode}/v1"


def _one_line_error(backend: OpenAIHttpBackend, *, stream: bool = True) -> str:
    with pytest.raises(BackendError) as info:
        backend.load()
        if stream:
            list(backend.stream_chat(HELLO, max_tokens=10))
    message = str(info.value)
    assert "\n" not in message
    return message


def test_streams_and_picks_the_first_model(server: ThreadingHTTPServer) -> None:
    b = OpenAIHttpBackend(url(server, "ok"))
    b.load()
    assert b.model == "tiny-135M"
    assert b.parameters_billions == pytest.approx(0.135)
    assert not b.supports_prefix
    assert b.tokenize_method == "llama_server"
    assert b.count_tokens("one two three") == 3
    assert list(b.stream_chat(HELLO, max_tokens=10, temperature=0.2, seed=3,
                              stop=["a", "b", "c", "d", "e"])) == ["Hello", " there."]
    sent = server.requests[-1]  # type: ignore[attr-defined]
    assert sent["stream"] is True and sent["model"] == "tiny-135M" and sent["seed"] == 3
    assert len(sent["stop"]) == 4  # the OpenAI limit
    b.close()


def test_cancel_stops_reading(server: ThreadingHTTPServer) -> None:
    b = OpenAIHttpBackend(url(server, "ok"))
    cancel = threading.Event()
    got = []
    for piece in b.stream_chat(HELLO, max_tokens=10, cancel=cancel):
        got.append(piece)
        cancel.set()
    assert got == ["Hello"]


def test_unknown_model_lists_the_offer(server: ThreadingHTTPServer) -> None:
    msg = _one_line_error(OpenAIHttpBackend(url(server, "ok"), "llama3"), stream=False)
    assert "no model 'llama3'" in msg and "tiny-135M" in msg


def test_unreachable() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    msg = _one_line_error(OpenAIHttpBackend(f"http://127.0.0.1:{port}/v1"), stream=False)
    assert "cannot reach" in msg and "running" in msg


@pytest.mark.parametrize(
    ("mode", "phrase"),
    [("http500", "HTTP 500 to /chat/completions: model exploded"),
     ("malformed", "malformed event"),
     ("errorevent", "reported an error: out of memory"),
     ("drop", "dropped mid-reply"),
     ("nodone", "ended before the reply was complete")],
)
def test_stream_failures(server: ThreadingHTTPServer, mode: str, phrase: str) -> None:
    assert phrase in _one_line_error(OpenAIHttpBackend(url(server, mode)))


def test_stall_past_the_read_timeout(server: ThreadingHTTPServer) -> None:
    b = OpenAIHttpBackend(url(server, "stall"), read_timeout=0.5)
    started = time.monotonic()
    assert "stalled" in _one_line_error(b)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("mode", "phrase"),
    [("html", "did not return JSON"), ("empty", "offers no model"),
     ("nothing", "HTTP 404 to /models (wrong address")],
)
def test_bad_listing(server: ThreadingHTTPServer, mode: str, phrase: str) -> None:
    assert phrase in _one_line_error(OpenAIHttpBackend(url(server, mode)), stream=False)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
     ("127.0.0.1:11434/v1/", "http://127.0.0.1:11434/v1"),
     ("https://box.lan/api/openai/v1", "https://box.lan/api/openai/v1")],
)
def test_base_url_forms(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


def test_not_http() -> None:
    with pytest.raises(BackendError, match="not an http"):
        normalise_base_url("ftp://example")
