"""The scripted backend (for UI tests and demos) and the backend factory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.factory import make_backend
from coffeechat.llm.llamacpp import LlamaCppBackend
from coffeechat.llm.openai_http import OpenAIHttpBackend
from coffeechat.llm.scripted import ScriptedBackend

HELLO = [Message(role="user", content="hello")]


def test_streams_word_by_word_and_cycles() -> None:
    b = ScriptedBackend(["One two three.", "Four."])
    assert list(b.stream_chat(HELLO, max_tokens=50)) == ["One ", "two ", "three."]
    assert "".join(b.stream_chat(HELLO, max_tokens=50)) == "Four."
    assert "".join(b.stream_chat(HELLO, max_tokens=50)) == "One two three."
    assert len(b.calls) == 3 and b.calls[0] == HELLO


def test_reply_function_sees_the_messages() -> None:
    b = ScriptedBackend(lambda msgs: f"You said {msgs[-1]['content']}.")
    assert "".join(b.stream_chat(HELLO, max_tokens=50)) == "You said hello."


def test_max_tokens_stop_and_cancel() -> None:
    b = ScriptedBackend(["a b c d e f Seeker: no"])
    assert "".join(b.stream_chat(HELLO, max_tokens=3)) == "a b c "
    assert "".join(b.stream_chat(HELLO, max_tokens=50, stop=["Seeker:"])) == "a b c d e f "
    cancel = threading.Event()
    got = []
    for piece in b.stream_chat(HELLO, max_tokens=50, cancel=cancel):
        got.append(piece)
        cancel.set()
    assert got == ["a "]


def test_a_reply_function_may_fail() -> None:
    def broken(_: object) -> str:
        raise BackendError("the model fell over")

    with pytest.raises(BackendError, match="fell over"):
        list(ScriptedBackend(broken).stream_chat(HELLO, max_tokens=5))


def test_needs_a_reply() -> None:
    with pytest.raises(ValueError):
        ScriptedBackend([])


def test_factory_picks_the_backend() -> None:
    assert isinstance(make_backend(), LlamaCppBackend)
    assert isinstance(make_backend("some.gguf"), LlamaCppBackend)
    http = make_backend(server="127.0.0.1:8080", server_model="qwen2.5:7b")
    assert isinstance(http, OpenAIHttpBackend)
    assert http.base_url == "http://127.0.0.1:8080/v1"
    assert http.parameters_billions == pytest.approx(7.0)
    with pytest.raises(BackendError):
        make_backend("a.gguf", "http://127.0.0.1:1/v1")
    with pytest.raises(BackendError):
        make_backend(server_model="x")


def test_no_llama_cpp_at_import_or_construction() -> None:
    script = textwrap.dedent("""
        import sys
        import coffeechat.engine, coffeechat.llm.factory
        from coffeechat.llm.factory import make_backend
        make_backend(); make_backend(server="http://127.0.0.1:9/v1")
        print("llama_cpp" in sys.modules, "textual" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr
