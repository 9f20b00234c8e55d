"""A misbehaving OpenAI-compatible server on 127.0.0.1, for backend fault tests.

Set ``server.mode`` to choose how the next /v1/chat/completions request is
answered: "ok" streams a proper reply; the others are faults (see ``_chat``).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "I started in grocery sales and moved into brand work after four years."


def _event(**choice: Any) -> bytes:
    body = {"object": "chat.completion.chunk", "choices": [{"index": 0, **choice}]}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def _words(text: str) -> list[bytes]:
    parts = text.split(" ")
    return [_event(delta={"content": p if i == 0 else " " + p}, finish_reason=None)
            for i, p in enumerate(parts)]


class StubServer:
    """Start with ``with StubServer() as stub:``; ``stub.url`` is the /v1 base."""

    def __init__(self, port: int = 0) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # ends a "stall" or "trickle" early
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                if self.path == "/v1/models" and stub.mode == "models_stall":
                    stub.release.wait(60)  # accept, then never answer
                    return
                if self.path == "/v1/models":
                    self._json(200, {"object": "list", "data": [{"id": "stub-model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path != "/v1/chat/completions":
                    self._json(404, {"error": {"message": "not found"}})
                    return
                stub.requests.append(body)
                stub._chat(self, stub.mode)

            def _json(self, status: int, payload: object) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                return None  # the faults we stage raise in the handler by design

        self._httpd = Server(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop listening: the port is closed from now on."""
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- the answers ------------------------------------------------------------------

    def _chat(self, h: BaseHTTPRequestHandler, mode: str) -> None:
        if mode in ("http500", "http404"):
            status = 500 if mode == "http500" else 404
            message = ("CUDA error: out of memory [bold red]boom[/]" if status == 500
                       else "model 'stub-model' not found")
            data = json.dumps({"error": {"message": message, "code": status}}).encode()
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream" if mode != "html" else "text/html")
        h.end_headers()
        out = h.wfile
        words = _words(REPLY)
        if mode == "ok":
            for chunk in words:
                out.write(chunk)
            out.write(_event(delta={}, finish_reason="stop"))
            out.write(b"data: [DONE]\n\n")
        elif mode == "html":
            out.write(b"<html><body>Welcome to nginx!</body></html>\n")
        elif mode in ("drop", "cut"):
            out.write(b"".join(words[:3]))
            out.flush()
            time.sleep(0.2)
            sock = h.connection
            if mode == "drop":  # a reset, as when the server process dies
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:  # a clean close before the reply is complete
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        elif mode == "malformed":
            out.write(words[0])
            out.write(b'data: {"choices": [{"delta": {"content": "Sure\n\n')
        elif mode == "not_text":
            out.write(_event(delta={"content": {"text": "nested"}}, finish_reason=None))
        elif mode == "error_event":
            out.write(words[0])
            out.write(b'data: {"error": {"message": "out of memory [bold red]boom[/]"}}\n\n')
        elif mode == "binary":  # bytes that are not UTF-8 at all
            out.write(words[0])
            out.write(b"data: \xff\xfe\x00\x81garbage\xc3\x28\n\n")
        elif mode == "endless":  # ignores max_tokens: a reply that never ends
            deadline = time.monotonic() + 60
            n = 0
            while not self.release.is_set() and time.monotonic() < deadline:
                n += 1
                word = f" word{n}." if n % 6 == 0 else f" word{n}"
                out.write(_event(delta={"content": word}, finish_reason=None))
                out.flush()
                time.sleep(0.002)
        elif mode == "stall":
            out.write(words[0])
            out.flush()
            self.release.wait(60)
        elif mode == "trickle":  # keep-alive comments, never a word
            deadline = time.monotonic() + 60
            while not self.release.is_set() and time.monotonic() < deadline:
                out.write(b": keep-alive\n\n")
                out.flush()
                self.release.wait(0.2)
        else:  # pragma: no cover - a typo in a test
            raise ValueError(mode)
        out.flush()
