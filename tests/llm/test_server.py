"""The HTTP backend against the real `python -m llama_cpp.server` serving the
embedded model on 127.0.0.1, and a short session through it."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from coffeechat.content.loader import load_persona
from coffeechat.engine import EngineSettings, ReplyDone, Session
from coffeechat.engine.qa import qa_scenario
from coffeechat.llm.base import Message
from coffeechat.llm.embedded import embedded_model_path
from coffeechat.llm.openai_http import OpenAIHttpBackend

pytestmark = [pytest.mark.server, pytest.mark.model]

HELLO = [Message(role="system", content="You are Rosa, a head roaster."),
         Message(role="user", content="How did you get started in coffee?")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(embedded_model_path()),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(base + "/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not come up within 90 s")
            time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def http_backend(llama_server: str) -> Iterator[OpenAIHttpBackend]:
    backend = OpenAIHttpBackend(llama_server)
    backend.load()
    yield backend
    backend.close()


def test_learns_the_model_and_its_tokenizer(http_backend: OpenAIHttpBackend,
                                            embedded_backend: Any) -> None:
    assert http_backend.model is not None and http_backend.model.endswith(".gguf")
    assert http_backend.parameters_billions == pytest.approx(0.135)
    assert http_backend.tokenize_method == "llama_cpp_python"
    text = "How did you get started in specialty coffee roasting?"
    assert http_backend.count_tokens(text) == embedded_backend.count_tokens(text)


def test_streams_a_reply(http_backend: OpenAIHttpBackend) -> None:
    pieces = list(http_backend.stream_chat(HELLO, max_tokens=30, temperature=0.2, seed=1))
    assert len(pieces) > 3 and "".join(pieces).strip()


def test_cancel_mid_stream(http_backend: OpenAIHttpBackend) -> None:
    cancel = threading.Event()
    got = []
    for piece in http_backend.stream_chat(HELLO, max_tokens=200, cancel=cancel):
        got.append(piece)
        if len(got) == 2:
            cancel.set()
    assert len(got) == 2
    assert "".join(http_backend.stream_chat(HELLO, max_tokens=5))  # still usable


def test_a_short_session_through_the_server(http_backend: OpenAIHttpBackend,
                                            repo_root: Path) -> None:
    persona = load_persona(repo_root / "personas" / "dana-ruiz.yaml")
    session = Session(persona, qa_scenario(persona), http_backend,
                      settings=EngineSettings(seed=4, max_reply_tokens=60))
    assert session.verbatim and not session.lead_with_fact  # 135M, no prefill over HTTP
    session.open()
    for question in ("How did you get started in brand marketing?",
                     "What does a typical week look like for you?",
                     "Do you have any openings on your team right now?"):
        items = list(session.reply(question))
        done = items[-1]
        assert isinstance(done, ReplyDone) and done.turn.text.strip()
    assert done.reaction == "job_request"  # the rules run the same over HTTP
    assert len(session.transcript.turns) == 7
