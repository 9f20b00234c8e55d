"""The in-process llama.cpp backend, with the real embedded SmolLM2."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.embedded import embedded_model_path
from coffeechat.llm.llamacpp import (
    OPENING_USER_LINE,
    LlamaCppBackend,
    TemplateMode,
    choose_n_ctx,
    pick_template_mode,
    reshape,
)

CHAT: list[Message] = [
    Message(role="system", content="You are Rosa, a head roaster. Answer in one sentence."),
    Message(role="assistant", content="Hi! Grab a seat."),
    Message(role="user", content="How did you get started in coffee?"),
]

# A Gemma-style template: no system role, strict alternation from a user turn.
GEMMA_LIKE = (
    "{% for m in messages %}"
    "{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant') }}{% endif %}"
    "<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}<end_of_turn>\n{% endfor %}"
)
# A Mistral-style template: a system message is fine, but turns must alternate
# starting with the user.
STRICT = (
    "{% set msgs = messages[1:] if messages[0]['role'] == 'system' else messages %}"
    "{% for m in msgs %}"
    "{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant') }}{% endif %}"
    "[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}"
)


def _render(template: str) -> Any:
    fmt = Jinja2ChatFormatter(template=template, eos_token="</s>", bos_token="<s>")
    return lambda msgs: fmt(messages=msgs)


def test_chatml_needs_no_reshaping() -> None:
    template = str(embedded_model_template())
    assert pick_template_mode(_render(template)) == TemplateMode()


def embedded_model_template() -> str | None:
    from coffeechat.llm.gguf import read_gguf

    return read_gguf(embedded_model_path()).chat_template


def test_strict_alternation_gets_merged_turns_from_a_user_start() -> None:
    mode = pick_template_mode(_render(STRICT))
    assert mode == TemplateMode(user_first=True, merge=True)
    shaped = reshape([*CHAT[:2], Message(role="assistant", content="Coffee?"), *CHAT[2:]], mode)
    assert [m["role"] for m in shaped] == ["system", "user", "assistant", "user"]
    assert shaped[1]["content"] == OPENING_USER_LINE
    assert shaped[2]["content"] == "Hi! Grab a seat.\n\nCoffee?"
    _render(STRICT)(shaped)  # renders without raising


def test_gemma_style_folds_the_system_prompt_into_the_first_user_turn() -> None:
    mode = pick_template_mode(_render(GEMMA_LIKE))
    assert mode.fold_system and mode.merge and mode.user_first
    shaped = reshape(CHAT, mode)
    assert [m["role"] for m in shaped] == ["user", "assistant", "user"]
    assert shaped[0]["content"].startswith("You are Rosa")
    assert shaped[0]["content"].endswith(OPENING_USER_LINE)
    _render(GEMMA_LIKE)(shaped)


def test_reshape_leaves_the_input_alone() -> None:
    original = [dict(m) for m in CHAT]
    reshape(CHAT, TemplateMode(user_first=True, merge=True, fold_system=True))
    assert [dict(m) for m in CHAT] == original


@pytest.mark.parametrize(
    ("requested", "train", "expected"),
    [(None, 8192, 4096), (None, 2048, 2048), (16384, 8192, 8192), (1024, 8192, 1024),
     (None, None, 4096)],
)
def test_context_never_exceeds_training(requested: int | None, train: int | None,
                                        expected: int) -> None:
    assert choose_n_ctx(requested, train) == expected


def test_bad_model_files_fail_with_one_line_before_loading(tmp_path: Path) -> None:
    text = tmp_path / "notes.gguf"
    text.write_text("these are my notes, not a model\n" * 50)
    for path, phrase in ((tmp_path / "missing.gguf", "no such model file"),
                         (text, "not a GGUF model")):
        backend = LlamaCppBackend(path)
        with pytest.raises(BackendError, match=phrase) as info:
            backend.load()
        assert "\n" not in str(info.value)


def test_tiny_context_is_refused() -> None:
    with pytest.raises(BackendError, match="too small"):
        LlamaCppBackend(n_ctx=64)


@pytest.mark.model
def test_loads_with_sane_settings(embedded_backend: LlamaCppBackend) -> None:
    b = embedded_backend
    assert b.name == "SmolLM2-135M (embedded)"
    assert b.context_size == 2048
    assert b.parameters_billions == pytest.approx(0.135)
    assert b.supports_prefix
    assert b.llama.n_threads == len(os.sched_getaffinity(0))
    assert b.llama.chat_format == "chat_template.default"  # the GGUF's own template
    assert b.count_tokens("How did you get started in coffee?") < 15


@pytest.mark.model
def test_streams_a_reply_in_pieces(embedded_backend: LlamaCppBackend) -> None:
    pieces = list(embedded_backend.stream_chat(CHAT, max_tokens=40, temperature=0.2, seed=1))
    assert len(pieces) > 3
    assert "".join(pieces).strip()
    stats = embedded_backend.last_stats
    assert stats is not None and stats.generated_chunks == len(pieces)
    assert stats.prompt_tokens > 20 and stats.ttft_s is not None


@pytest.mark.model
def test_same_seed_same_reply_and_prefix_reuse(embedded_backend: LlamaCppBackend) -> None:
    first = "".join(embedded_backend.stream_chat(CHAT, max_tokens=24, temperature=0.7, seed=5))
    again = "".join(embedded_backend.stream_chat(CHAT, max_tokens=24, temperature=0.7, seed=5))
    assert first == again
    stats = embedded_backend.last_stats
    assert stats is not None
    # The identical prompt was cached: almost nothing re-evaluated.
    assert stats.prompt_evaluated <= 2 < stats.prompt_tokens


@pytest.mark.model
def test_prefix_is_continued_not_repeated(embedded_backend: LlamaCppBackend) -> None:
    prefix = "I started behind the counter in 2012, pulling shots six days a week. "
    text = "".join(embedded_backend.stream_chat(CHAT, max_tokens=30, temperature=0.2, seed=1,
                                                prefix=prefix))
    assert text.strip()
    assert not text.startswith(prefix.strip())
    request = embedded_backend.last_request
    assert request is not None and request["kind"] == "completion"


@pytest.mark.model
def test_cancel_mid_stream_stops_early(embedded_backend: LlamaCppBackend) -> None:
    cancel = threading.Event()
    pieces = []
    for piece in embedded_backend.stream_chat(CHAT, max_tokens=120, temperature=0.2,
                                              cancel=cancel, seed=1):
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()
    assert len(pieces) == 3
    # The backend is free again straight away.
    assert "".join(embedded_backend.stream_chat(CHAT, max_tokens=5, seed=1))


@pytest.mark.model
def test_a_prompt_beyond_the_context_is_a_backend_error(
        embedded_backend: LlamaCppBackend) -> None:
    huge = [Message(role="user", content="coffee " * 3000)]
    with pytest.raises(BackendError, match="context window"):
        list(embedded_backend.stream_chat(huge, max_tokens=10))


@pytest.mark.model
def test_nothing_reaches_fd_2() -> None:
    """Native log lines would corrupt the Textual screen: load and generate in
    a child process and check that its stderr stays empty."""
    script = textwrap.dedent("""
        from coffeechat.llm.llamacpp import LlamaCppBackend
        b = LlamaCppBackend(n_ctx=512)
        b.load()
        text = "".join(b.stream_chat([{"role": "user", "content": "Hello!"}], max_tokens=8))
        b.close()
        print("ok", bool(text))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith("ok")
    assert done.stderr == b""
