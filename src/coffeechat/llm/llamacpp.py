"""In-process llama.cpp through llama-cpp-python.

Threading: one ``Llama`` is not thread-safe, so a backend must be driven from
one thread at a time (the TUI uses one worker thread). A lock serialises
``stream_chat`` as a safety net: a second caller blocks until the first
stream is exhausted or closed, so always close a stream you stop reading.

``llama_cpp`` is imported only inside ``load()``: importing this module costs
nothing, and `coffeechat --help` never touches native code.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.cpuload import CpuWatch, threads_for
from coffeechat.llm.gguf import GgufInfo, check_ram, read_gguf

DEFAULT_N_CTX = 4096
# Keeps the ctypes log callback alive for the life of the process: if it were
# garbage-collected, llama.cpp would call freed memory on its next log line.
_LOG_CALLBACKS: list[object] = []


def silence_native_logs() -> None:
    """Route llama.cpp/ggml log lines to a no-op, so nothing reaches fd 2
    (where it would corrupt a Textual screen). Call before loading a model."""
    if _LOG_CALLBACKS:
        return
    import ctypes

    import llama_cpp

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def _discard(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        return None

    llama_cpp.llama_log_set(_discard, ctypes.c_void_p(0))
    _LOG_CALLBACKS.append(_discard)


def available_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def choose_n_ctx(requested: int | None, n_ctx_train: int | None) -> int:
    """The context to allocate: as asked (default 4096), never beyond what the
    model was trained on (longer contexts degrade output and waste memory)."""
    n_ctx = requested or DEFAULT_N_CTX
    if n_ctx_train is not None:
        n_ctx = min(n_ctx, n_ctx_train)
    return n_ctx


@dataclass(frozen=True)
class TemplateMode:
    """How messages are reshaped for chat templates that reject our layout."""

    user_first: bool = False  # the first non-system message must be the user's
    merge: bool = False  # roles must alternate: merge consecutive same-role messages
    fold_system: bool = False  # no system role (Gemma): fold it into the first user message

    def describe(self) -> str:
        parts = [n for n, on in (("user-first", self.user_first), ("merged", self.merge),
                                 ("system-folded", self.fold_system)) if on]
        return ", ".join(parts) or "as is"


_MODES = (
    TemplateMode(),
    TemplateMode(user_first=True, merge=True),
    TemplateMode(user_first=True, merge=True, fold_system=True),
)
OPENING_USER_LINE = "Hello."


def reshape(messages: Sequence[Message], mode: TemplateMode) -> list[Message]:
    """Apply ``mode`` to a message list (a copy; the input is untouched)."""
    out: list[Message] = [Message(role=m["role"], content=m["content"]) for m in messages]
    if mode.user_first:
        first = next((i for i, m in enumerate(out) if m["role"] != "system"), None)
        if first is not None and out[first]["role"] == "assistant":
            out.insert(first, Message(role="user", content=OPENING_USER_LINE))
    if mode.merge:
        merged: list[Message] = []
        for m in out:
            if merged and merged[-1]["role"] == m["role"]:
                merged[-1] = Message(role=m["role"],
                                     content=merged[-1]["content"] + "\n\n" + m["content"])
            else:
                merged.append(m)
        out = merged
    if mode.fold_system and out and out[0]["role"] == "system":
        system = out.pop(0)["content"]
        first_user = next((i for i, m in enumerate(out) if m["role"] == "user"), None)
        if first_user is None:
            out.insert(0, Message(role="user", content=system))
        else:
            out[first_user] = Message(
                role="user", content=system + "\n\n" + out[first_user]["content"])
    return out


_PROBE: list[Message] = [
    Message(role="system", content="You are a person."),
    Message(role="user", content="Hi."),
    Message(role="assistant", content="Hello."),
    Message(role="assistant", content="Welcome."),
    Message(role="user", content="How are you?"),
]


def pick_template_mode(render: Callable[[list[Message]], object]) -> TemplateMode:
    """The least reshaping under which the chat template renders our layout
    (system, examples, greeting, then alternating turns)."""
    for mode in _MODES:
        try:
            render(reshape(_PROBE, mode))
        except Exception:  # templates raise anything from ValueError to jinja errors
            continue
        return mode
    return _MODES[-1]


@dataclass(frozen=True)
class GenerationStats:
    """Figures for the last ``stream_chat`` call (for `coffeechat bench`)."""

    prompt_tokens: int
    prompt_evaluated: int  # prompt tokens not reused from the previous call's cache
    generated_chunks: int
    ttft_s: float | None
    total_s: float
    threads: int = 0


class LlamaCppBackend:
    """A GGUF model run in this process. ``model_path=None`` is the embedded
    SmolLM2-135M-Instruct."""

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        n_ctx: int | None = None,
        n_threads: int | None = None,
        repeat_penalty: float = 1.15,
    ) -> None:
        if n_ctx is not None and n_ctx < 256:
            raise BackendError(f"context size {n_ctx} is too small; use at least 256 tokens")
        self._path = Path(model_path).expanduser() if model_path is not None else None
        self._embedded = model_path is None
        self._requested_ctx = n_ctx
        self._n_threads = n_threads or available_cores()
        # Left to us, the thread count follows what other programs leave free
        # (``llm.cpuload``); asked for explicitly, it stays as asked.
        self._adaptive = n_threads is None
        self._threads = self._n_threads
        self._watch = CpuWatch(self._n_threads)
        self._repeat_penalty = repeat_penalty
        self._info: GgufInfo | None = None
        self._llm: Any = None
        self._n_ctx = n_ctx or DEFAULT_N_CTX
        self._mode = TemplateMode()
        self._formatter: Any = None
        self._lock = threading.Lock()
        self.last_stats: GenerationStats | None = None
        self.last_request: dict[str, Any] | None = None

    # -- ChatBackend -------------------------------------------------------
    @property
    def name(self) -> str:
        if self._embedded:
            return "SmolLM2-135M (embedded)"
        if self._path is not None:
            return self._path.stem
        return "llama.cpp"

    @property
    def context_size(self) -> int:
        return self._n_ctx

    @property
    def parameters_billions(self) -> float | None:
        if self._info is not None:
            return self._info.parameters_billions
        return 0.135 if self._embedded else None

    @property
    def supports_prefix(self) -> bool:
        return True

    @property
    def template_mode(self) -> TemplateMode:
        return self._mode

    @property
    def model_path(self) -> Path | None:
        return self._path

    @property
    def llama(self) -> Any:
        """The underlying ``llama_cpp.Llama`` (bench compares against it bare)."""
        return self._require()

    def load(self, progress: Callable[[float], None] | None = None) -> None:
        if self._llm is not None:
            return
        if progress:
            progress(0.0)
        if self._path is None:
            from coffeechat.llm.embedded import embedded_model_path

            self._path = embedded_model_path()
        info = read_gguf(self._path)
        n_ctx = choose_n_ctx(self._requested_ctx, info.n_ctx_train)
        check_ram(info, n_ctx)
        if progress:
            progress(0.1)
        try:
            silence_native_logs()
            import llama_cpp
        except ImportError as exc:
            raise BackendError(
                f"llama-cpp-python is not installed or failed to build ({exc}); "
                "reinstall coffeechat, or use --server with a running model server"
            ) from None
        try:
            llm = llama_cpp.Llama(
                model_path=str(self._path),
                n_ctx=n_ctx,
                n_batch=min(512, n_ctx),
                n_threads=self._n_threads,
                n_threads_batch=self._n_threads,
                verbose=False,
            )
        except Exception as exc:
            # ValueError for a bad file, but also whatever runs after loading, e.g.
            # jinja2's TemplateSyntaxError for a broken chat template in the metadata.
            raise BackendError(f"{self._path}: llama.cpp could not load the model: "
                               f"{_one_line(exc)}") from None
        if "chat_template.default" in getattr(llm, "_chat_handlers", {}):
            # The GGUF's own template, not llama-cpp-python's guess at a built-in one.
            llm.chat_format = "chat_template.default"
        self._mode = _probe_mode(llm, info)
        self._formatter = _formatter(llm, info)
        self._info = info
        self._n_ctx = int(llm.n_ctx())
        self._llm = llm
        self._watch.mark()
        if progress:
            progress(1.0)

    @property
    def threads(self) -> int:
        """Threads the model runs on now."""
        return self._threads

    def _make_room(self, llm: Any) -> None:
        others = self._watch.others()
        if others is None:
            return
        wanted = threads_for(self._n_threads, others)
        if wanted != self._threads:
            import llama_cpp

            llama_cpp.llama_set_n_threads(llm.ctx, wanted, wanted)
            self._threads = wanted

    def count_tokens(self, text: str) -> int:
        if self._llm is None:
            return len(text) // 4 + 1
        # Tokenising reads only the vocabulary, so it needs no lock (and so
        # cannot deadlock against a stream the caller has not closed yet).
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream_chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        stop: Sequence[str] = (),
        cancel: threading.Event | None = None,
        seed: int | None = None,
        prefix: str = "",
    ) -> Iterator[str]:
        llm = self._require()
        shaped = reshape(messages, self._mode)
        common: dict[str, Any] = {
            "max_tokens": max_tokens, "temperature": temperature, "stop": list(stop),
            "seed": seed, "repeat_penalty": self._repeat_penalty,
        }
        if prefix and self._formatter is not None:
            # Assistant prefill: the same GGUF template, rendered here so the
            # reply can be started with ``prefix`` and continued by the model.
            result = self._formatter(messages=shaped)
            tokens = llm.tokenize((result.prompt + prefix).encode("utf-8"),
                                  add_bos=not result.added_special, special=True)
            extra_stop = result.stop if isinstance(result.stop, list) else [result.stop]
            request: dict[str, Any] = {
                **common, "prompt": tokens, "stop": [*stop, *(s for s in extra_stop if s)],
                "stopping_criteria": result.stopping_criteria,
            }
            kind = "completion"
        else:
            request = {**common, "messages": shaped}
            kind = "chat"
        with self._lock:
            self.last_request = {"kind": kind, **request}
            yield from self._run(llm, kind, request, cancel)

    def _run(self, llm: Any, kind: str, request: dict[str, Any],
             cancel: threading.Event | None) -> Iterator[str]:
        import llama_cpp

        if self._adaptive:
            self._make_room(llm)
        llama_cpp.llama_perf_context_reset(llm.ctx)
        started = time.perf_counter()
        first: float | None = None
        chunks = 0
        stream: Any = None
        try:
            if kind == "chat":
                stream = llm.create_chat_completion(stream=True, **request)
            else:
                stream = llm.create_completion(stream=True, **request)
            for part in stream:
                if cancel is not None and cancel.is_set():
                    break
                choice = part["choices"][0]
                delta = choice["delta"].get("content") if kind == "chat" else choice["text"]
                if not delta:
                    continue
                if first is None:
                    first = time.perf_counter() - started
                chunks += 1
                yield delta
        except ValueError as exc:
            raise BackendError(_explain(exc)) from None
        except RuntimeError as exc:
            raise BackendError(f"llama.cpp failed while generating: {_one_line(exc)}") from None
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()
            perf = llama_cpp.llama_perf_context(llm.ctx)
            self.last_stats = GenerationStats(
                prompt_tokens=max(0, int(llm.n_tokens) - int(perf.n_eval)),
                prompt_evaluated=int(perf.n_p_eval),
                generated_chunks=chunks,
                ttft_s=first,
                total_s=time.perf_counter() - started,
                threads=self._threads,
            )
            self._watch.mark()  # from here until the next request, the CPU is the others'

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None

    # -- helpers -----------------------------------------------------------
    def _require(self) -> Any:
        if self._llm is None:
            self.load()
        return self._llm


def _probe_mode(llm: Any, info: GgufInfo) -> TemplateMode:
    template = info.chat_template
    if template is None or llm.chat_format != "chat_template.default":
        return _MODES[1]  # built-in formats: safest to alternate from a user turn
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    formatter = Jinja2ChatFormatter(template=template, eos_token="", bos_token="")
    return pick_template_mode(lambda msgs: formatter(messages=list(msgs)))  # type: ignore[arg-type]


def _formatter(llm: Any, info: GgufInfo) -> Any:
    """The GGUF template as llama-cpp-python's chat handler builds it (same
    BOS/EOS text), for rendering a prompt we then extend with a prefix."""
    template = info.chat_template
    if template is None or llm.chat_format != "chat_template.default":
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    eos_id, bos_id = llm.token_eos(), llm.token_bos()
    eos = llm._model.token_get_text(eos_id) if eos_id != -1 else ""
    bos = llm._model.token_get_text(bos_id) if bos_id != -1 else ""
    return Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos,
                               stop_token_ids=[eos_id])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _explain(exc: ValueError) -> str:
    text = _one_line(exc)
    if "exceed context window" in text:
        return f"the conversation no longer fits the model's context window ({text})"
    return f"llama.cpp rejected the request: {text}"
