"""Keep prompt + reply inside the model's context window.

llama.cpp raises (or silently truncates) when prompt + max_tokens exceeds
n_ctx. Before that can happen, the oldest exchanges are dropped, half of the
history at a time: trimming in large chunks keeps the new prefix stable for
many turns afterwards, so the prompt cache keeps working. The system prompt
(the persona) is always kept; the examples go next, and as a last resort the
newest message is shortened. A session of any length never errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coffeechat.llm.base import Message

PER_MESSAGE = 8  # template tags around each message, generously
MARGIN = 32


class ContextBudget:
    """Token accounting for one session; ``start`` is the first history message
    still sent (sticky between turns, so the prefix stays byte-identical)."""

    def __init__(self, count: Callable[[str], int], n_ctx: int, reply_tokens: int) -> None:
        self._count = count
        self._cache: dict[str, int] = {}
        self.n_ctx = n_ctx
        self.reply_tokens = min(reply_tokens, max(16, n_ctx // 4))
        self.start = 0
        self.trims = 0

    @property
    def limit(self) -> int:
        """Tokens the prompt may take."""
        return self.n_ctx - self.reply_tokens - MARGIN

    def tokens(self, text: str) -> int:
        n = self._cache.get(text)
        if n is None:
            n = self._count(text)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[text] = n
        return n

    def total(self, messages: Sequence[Message]) -> int:
        return sum(self.tokens(m["content"]) + PER_MESSAGE for m in messages) + PER_MESSAGE

    def fit(
        self,
        system: Message,
        examples: Sequence[Message],
        history: Sequence[Message],
        newest: Sequence[Message],
        *,
        plain_newest: Sequence[Message] = (),
    ) -> list[Message]:
        """The messages to send. ``history`` is every earlier message in order;
        ``newest`` the pending turn(s); ``plain_newest`` the same without facts
        or direction, used only when nothing else fits."""
        self.start = min(self.start, len(history))

        def build(with_examples: bool, last: Sequence[Message]) -> list[Message]:
            return [system, *(examples if with_examples else ()), *history[self.start:], *last]

        messages = build(True, newest)
        while self.total(messages) > self.limit and self.start < len(history):
            remaining = len(history) - self.start
            step = max(2, remaining // 2)
            self.start = min(len(history), self.start + step)
            # Begin on a seeker turn, so the kept history reads as exchanges.
            while self.start < len(history) and history[self.start]["role"] != "user":
                self.start += 1
            self.trims += 1
            messages = build(True, newest)
        if self.total(messages) <= self.limit:
            return messages
        messages = build(False, newest)
        if self.total(messages) <= self.limit:
            return messages
        last = list(plain_newest or newest)
        messages = build(False, last)
        if self.total(messages) <= self.limit:
            return messages
        return self._squeeze(system, last)

    def _squeeze(self, system: Message, last: list[Message]) -> list[Message]:
        """Only the persona and a shortened newest message: a wall of pasted text
        or a tiny context window still gets an answer."""
        newest = last[-1] if last else Message(role="user", content="")
        room = self.limit - PER_MESSAGE * 3
        sys_room = max(room // 2, room - self.tokens(newest["content"]))
        sys_text = _shorten(system["content"], sys_room, self.tokens)
        user_room = room - self.tokens(sys_text)
        user_text = _shorten(newest["content"], max(8, user_room), self.tokens)
        return [Message(role="system", content=sys_text),
                Message(role="user", content=user_text)]


def _shorten(text: str, budget: int, count: Callable[[str], int]) -> str:
    """``text`` cut (at a word) to at most ``budget`` tokens, " ..." included."""
    if count(text) <= budget:
        return text
    budget -= count(" ...")
    lo, hi = 0, len(text)
    while lo < hi:  # binary search on length: a handful of counts
        mid = (lo + hi + 1) // 2
        if count(text[:mid]) <= budget:
            lo = mid
        else:
            hi = mid - 1
    cut = text[:lo]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + " ..."
