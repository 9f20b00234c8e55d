"""A model server that fails: unreachable, dropping the connection, sending
garbage or errors, stalling. Each fault is one clear line (a BackendError), the
seeker's turn is kept in the transcript and the history, and once the server
behaves, ``retry_reply()`` answers it.

Two servers: a loopback stub that misbehaves on demand, and the real
``python -m llama_cpp.server`` with the embedded model, killed or frozen
mid-reply."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from coffeechat.content.models import Persona, Scenario
from coffeechat.engine import EngineSettings, ReplyDone, SeekerRecorded, Session
from coffeechat.llm.base import BackendError, ChatBackend
from coffeechat.llm.openai_http import OpenAIHttpBackend
from coffeechat.store import Store
from coffeechat.transcript import Turn
from faults.stubserver import StubServer

QUESTION = "What does a typical week look like for your brand team?"

# fault -> what the one-line message must say
FAULTS = {
    "drop": "dropped mid-reply",  # connection reset after three words
    "cut": "ended before the reply was complete",  # clean close, no finish
    "html": "ended before the reply was complete",  # a web page, not an event stream
    "malformed": "malformed event",  # half a JSON object
    "binary": "malformed event",  # bytes that are not even UTF-8
    "not_text": "malformed event",  # content that is not a string
    "error_event": "reported an error",  # an error object inside the stream
    "http500": "HTTP 500",
    "http404": "HTTP 404",
    "stall": "stalled",  # one word, then silence past the read timeout
    "trickle": "stalled",  # keep-alive comments forever, never a word
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _check_line(message: str, needle: str) -> None:
    assert needle in message, message
    assert "\n" not in message and "Traceback" not in message and len(message) < 300


class Recorder:
    """A session wired to a real history store, the way the app wires it."""

    def __init__(self, path: Path, persona: Persona, scenario: Scenario,
                 backend: ChatBackend) -> None:
        self.store = Store(path)
        self.sid = self.store.start_session(scenario=scenario.id, persona=persona.id,
                                            mode="practice", model=backend.name)
        self.session = Session(persona, scenario, backend, on_turn=self.on_turn,
                               settings=EngineSettings(seed=3, max_reply_tokens=32))
        self.session.open()

    def on_turn(self, index: int, turn: Turn) -> None:
        self.store.add_turn(self.sid, index, turn)

    def speakers(self) -> list[str]:
        return [t.speaker for t in self.store.turns(self.sid)]

    def fail(self, text: str) -> tuple[str, list[object]]:
        """Say ``text``; the reply must fail. Returns the message and the items seen."""
        seen: list[object] = []
        with pytest.raises(BackendError) as info:
            for item in self.session.reply(text):
                seen.append(item)
        return str(info.value), seen

    def assert_seeker_kept(self, text: str) -> None:
        assert self.session.transcript.turns[-1].speaker == "seeker"
        assert self.session.transcript.turns[-1].text == text
        assert self.session.awaiting_reply
        stored = self.store.turns(self.sid)
        assert (stored[-1].speaker, stored[-1].text) == ("seeker", text)

    def retry(self) -> ReplyDone:
        done = list(self.session.retry_reply())[-1]
        assert isinstance(done, ReplyDone) and done.turn.text.strip()
        assert not self.session.awaiting_reply
        assert self.store.turns(self.sid)[-1].text == done.turn.text
        return done


# -- the stub -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    with StubServer() as server:
        yield server


@pytest.fixture
def recorder(stub: StubServer, tmp_path: Path, persona: Persona,
             scenario: Scenario) -> Iterator[Recorder]:
    stub.mode = "ok"
    backend = OpenAIHttpBackend(stub.url, read_timeout=1.0)
    backend.load()
    rec = Recorder(tmp_path / "history.sqlite3", persona, scenario, backend)
    yield rec
    stub.release.set()  # let a stalled handler go
    backend.close()
    rec.store.close()
    stub.release.clear()


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_failing_reply_is_one_line_keeps_the_turn_and_can_be_retried(
    fault: str, stub: StubServer, recorder: Recorder
) -> None:
    stub.mode = fault
    started = time.monotonic()
    # A regression that hangs must fail, not hang the suite: after 30 s the stub
    # stops stalling on its own (and the message will not match).
    watchdog = threading.Timer(30, stub.release.set)
    watchdog.start()
    try:
        message, seen = recorder.fail(QUESTION)
    finally:
        watchdog.cancel()
    assert time.monotonic() - started < 10  # stalls end at the 1 s read timeout
    _check_line(message, FAULTS[fault])
    assert isinstance(seen[0], SeekerRecorded) and seen[0].turn.text == QUESTION
    assert not any(isinstance(item, ReplyDone) for item in seen)
    recorder.assert_seeker_kept(QUESTION)
    assert recorder.speakers() == ["persona", "seeker"]

    stub.mode = "ok"
    asked = len(stub.requests)
    done = recorder.retry()
    assert len(stub.requests) == asked + 1 and done.index == 2
    assert recorder.speakers() == ["persona", "seeker", "persona"]


def test_markup_in_a_server_error_stays_text(stub: StubServer, recorder: Recorder) -> None:
    stub.mode = "http500"
    message, _ = recorder.fail(QUESTION)
    assert "[bold red]boom[/]" in message  # passed on as-is; the TUI shows it literally


def test_a_server_that_never_stops_talking_is_cut_to_a_short_reply(
    stub: StubServer, recorder: Recorder
) -> None:
    stub.mode = "endless"  # ignores max_tokens and never sends finish_reason
    started = time.monotonic()
    done = list(recorder.session.reply(QUESTION))[-1]
    assert isinstance(done, ReplyDone) and time.monotonic() - started < 20
    assert 0 < len(done.turn.text.split()) <= 120
    assert recorder.speakers() == ["persona", "seeker", "persona"]


def test_a_server_that_accepts_but_never_answers_fails_load_in_one_line(
    stub: StubServer,
) -> None:
    stub.mode = "models_stall"
    backend = OpenAIHttpBackend(stub.url, read_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        backend.load()
    assert time.monotonic() - started < 10
    _check_line(str(info.value), "did not answer /models in time")
    stub.release.set()
    time.sleep(0.05)
    stub.release.clear()
    stub.mode = "ok"


def test_unreachable_server_is_a_clear_error_before_the_session(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    backend = OpenAIHttpBackend(url, connect_timeout=2.0)
    with pytest.raises(BackendError) as info:
        backend.load()
    _check_line(str(info.value), "cannot reach a model server")
    assert url in str(info.value)
    with pytest.raises(BackendError, match="not an http"):
        OpenAIHttpBackend("ftp://127.0.0.1/v1")


def test_server_going_away_between_turns_then_coming_back(
    tmp_path: Path, persona: Persona, scenario: Scenario
) -> None:
    first = StubServer().__enter__()
    port = first.port
    backend = OpenAIHttpBackend(first.url, read_timeout=1.0, connect_timeout=2.0)
    backend.load()
    rec = Recorder(tmp_path / "history.sqlite3", persona, scenario, backend)
    first.stop()  # the port is closed now
    message, _ = rec.fail(QUESTION)
    _check_line(message, "cannot reach a model server")
    rec.assert_seeker_kept(QUESTION)
    with StubServer(port) as second:  # back on the same address
        rec.retry()
        assert len(second.requests) == 1
    assert rec.speakers() == ["persona", "seeker", "persona"]
    backend.close()
    rec.store.close()


# -- the real llama.cpp server ------------------------------------------------------


class RealServer:
    """`python -m llama_cpp.server` with the embedded model on 127.0.0.1."""

    def __init__(self, model: Path, log: Path) -> None:
        self.model = model
        self.port = _free_port()
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model),
                 "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", "2048"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-2000:]
            try:
                if httpx.get(self.url + "/models", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError("llama_cpp.server did not start:\n" + self.log.read_text()[-2000:])

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, sig)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def real_server(model_path: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[RealServer]:
    server = RealServer(model_path, tmp_path_factory.mktemp("server") / "server.log")
    server.start()
    yield server
    server.kill()


@pytest.fixture
def running_server(real_server: RealServer) -> RealServer:
    if not real_server.alive():
        real_server.start()
    return real_server


@pytest.fixture
def live_server(running_server: RealServer, persona: Persona, scenario: Scenario
                ) -> RealServer:
    """The real server, running, with this persona's prompt already in its cache:
    the next reply starts within a second, so a short read timeout can tell a
    frozen server from a slow first prompt."""
    real_server = running_server
    backend = OpenAIHttpBackend(real_server.url, read_timeout=120.0)
    warm = Session(persona, scenario, backend,
                   settings=EngineSettings(seed=3, max_reply_tokens=32))
    warm.open()
    assert isinstance(list(warm.reply(QUESTION))[-1], ReplyDone)
    backend.close()
    return real_server


class Tap:
    """A backend that runs ``hook`` once, when the first token arrives."""

    def __init__(self, inner: OpenAIHttpBackend, hook: Callable[[], None]) -> None:
        self.inner = inner
        self.hook: Callable[[], None] | None = hook
        self.tokens = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def stream_chat(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        for piece in self.inner.stream_chat(*args, **kwargs):
            self.tokens += 1
            if self.hook is not None:
                hook, self.hook = self.hook, None
                hook()
            yield piece


@pytest.mark.model
@pytest.mark.server
def test_real_server_frozen_mid_reply_is_a_stall_then_retry_works(
    live_server: RealServer, tmp_path: Path, persona: Persona, scenario: Scenario
) -> None:
    backend = OpenAIHttpBackend(live_server.url, read_timeout=3.0)
    backend.load()
    tap = Tap(backend, lambda: live_server.signal(signal.SIGSTOP))
    rec = Recorder(tmp_path / "history.sqlite3", persona, scenario, tap)  # type: ignore[arg-type]
    try:
        started = time.monotonic()
        message, _ = rec.fail(QUESTION)
        assert tap.tokens >= 1, "the model never started answering"
        assert time.monotonic() - started < 60
        _check_line(message, "stalled")
        rec.assert_seeker_kept(QUESTION)
    finally:
        live_server.signal(signal.SIGCONT)
    done = rec.retry()
    assert done.index == 2
    assert rec.speakers() == ["persona", "seeker", "persona"]
    backend.close()
    rec.store.close()


@pytest.mark.model
@pytest.mark.server
def test_real_server_killed_mid_reply_then_restarted(
    running_server: RealServer, tmp_path: Path, persona: Persona, scenario: Scenario
) -> None:
    live_server = running_server
    backend = OpenAIHttpBackend(live_server.url, read_timeout=120.0)
    backend.load()
    tap = Tap(backend, live_server.kill)
    rec = Recorder(tmp_path / "history.sqlite3", persona, scenario, tap)  # type: ignore[arg-type]
    message, _ = rec.fail(QUESTION)
    assert tap.tokens >= 1, "the model never started answering"
    assert not live_server.alive()
    assert any(n in message for n in ("dropped mid-reply", "ended before the reply was complete",
                                      "cannot reach")), message
    _check_line(message, live_server.url)
    rec.assert_seeker_kept(QUESTION)
    # While it is down, a retry fails cleanly too, and changes nothing.
    with pytest.raises(BackendError, match="cannot reach a model server"):
        rec.retry()
    assert rec.speakers() == ["persona", "seeker"]
    live_server.start()
    done = rec.retry()
    assert done.index == 2
    assert rec.speakers() == ["persona", "seeker", "persona"]
    backend.close()
    rec.store.close()


@pytest.mark.model
@pytest.mark.server
def test_real_server_wrong_model_or_address_is_one_line(running_server: RealServer) -> None:
    live_server = running_server
    with pytest.raises(BackendError) as info:
        OpenAIHttpBackend(live_server.url, "no-such-model").load()
    _check_line(str(info.value), "has no model 'no-such-model'")
    assert "SmolLM2" in str(info.value)  # and says what it does offer
    wrong = live_server.url.removesuffix("/v1") + "/api"
    with pytest.raises(BackendError) as info:
        OpenAIHttpBackend(wrong).load()
    _check_line(str(info.value), "HTTP 404")
