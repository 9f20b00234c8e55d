"""A backend that says what it is told: for UI tests, demos and engine tests
where the model is beside the point. Streams word by word like a real model."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from coffeechat.llm.base import Message

Replies = Sequence[str] | Callable[[Sequence[Message]], str]


class ScriptedBackend:
    """Replies from a list (cycled when exhausted) or from a function of the
    messages. A function may raise ``BackendError`` to simulate a failure.

    ``calls`` records every message list it was sent, for assertions."""

    def __init__(
        self,
        replies: Replies,
        *,
        delay: float = 0.0,
        name: str = "scripted",
        context_size: int = 8192,
        parameters_billions: float | None = None,
        supports_prefix: bool = False,
    ) -> None:
        if not callable(replies) and len(replies) == 0:
            raise ValueError("ScriptedBackend needs at least one reply")
        self._replies = replies
        self._delay = delay
        self._name = name
        self._context_size = context_size
        self._params = parameters_billions
        self._prefix = supports_prefix
        self.prefixes: list[str] = []
        self._next = 0
        self.calls: list[list[Message]] = []
        self.loaded = False
        self.closed = False

    @property
    def name(self) -> str:
        return self._name

    @property
    def context_size(self) -> int:
        return self._context_size

    @property
    def parameters_billions(self) -> float | None:
        return self._params

    @property
    def supports_prefix(self) -> bool:
        """Off by default: the scripted text is then the whole reply. When on, it
        is taken as the continuation of whatever prefix the engine passes."""
        return self._prefix

    def load(self, progress: Callable[[float], None] | None = None) -> None:
        if progress:
            progress(1.0)
        self.loaded = True

    def count_tokens(self, text: str) -> int:
        return len(text) // 4 + 1

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
        self.prefixes.append(prefix)
        snapshot = [Message(role=m["role"], content=m["content"]) for m in messages]
        self.calls.append(snapshot)
        if callable(self._replies):
            text = self._replies(snapshot)
        else:
            text = self._replies[self._next % len(self._replies)]
            self._next += 1
        for marker in stop:
            if marker and marker in text:
                text = text[: text.index(marker)]
        # Roughly one token per word: honour max_tokens the way a model would.
        pieces = re.findall(r"\S+\s*|\s+", text)[: max(0, max_tokens)]
        for piece in pieces:
            if cancel is not None and cancel.is_set():
                return
            if self._delay:
                time.sleep(self._delay)
            yield piece

    def close(self) -> None:
        self.closed = True
