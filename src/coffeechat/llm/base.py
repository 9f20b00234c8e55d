"""The ChatBackend protocol every model backend implements.

No llama_cpp or Textual import here: the engine and the TUI depend on this
module only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, Protocol, TypedDict


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


class BackendError(Exception):
    """A model or server problem, with a one-line message saying what to do."""


class ChatBackend(Protocol):
    """Streams a chat completion as text chunks. One caller at a time."""

    @property
    def name(self) -> str:
        """Short label for the UI, e.g. "SmolLM2-135M (embedded)"."""
        ...

    @property
    def context_size(self) -> int:
        """Tokens the prompt plus the reply may use."""
        ...

    @property
    def parameters_billions(self) -> float | None:
        """Model size if known; small models get verbatim reaction lines."""
        ...

    @property
    def supports_prefix(self) -> bool:
        """Whether ``stream_chat(prefix=...)`` truly continues the given text."""
        ...

    def load(self, progress: Callable[[float], None] | None = None) -> None:
        """Do the slow part (load weights, reach the server). Raise BackendError."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes (an estimate is acceptable for servers)."""
        ...

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
        """Yield reply text chunks; stop early (without error) when ``cancel`` is
        set. ``seed`` makes sampling repeatable where the backend supports it.
        ``prefix``: the reply is known to begin with this text; generate what
        follows it (only what follows is yielded). Backends without
        ``supports_prefix`` may treat it as plain context.
        Raise BackendError on failure."""
        ...

    def close(self) -> None:
        """Free the model or connection."""
        ...
