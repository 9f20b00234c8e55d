"""Messages that carry a session's lifecycle from worker threads to the screens.

Workers never touch widgets; they post these (``post_message`` is thread-safe)
and the SessionScreen, which owns the input lock, handles them with ``@on``.
Past tense: each says something that has happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from coffeechat.engine import Hint, SessionState
    from coffeechat.scoring.report import Report
    from coffeechat.transcript import Turn


class ModelProgressed(Message):
    """The model load advanced (0..1)."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class ModelLoadFailed(Message):
    """The model could not be loaded; ``error`` says why and what to do."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SessionFailed(Message):
    """The meeting could not start for a reason other than the model (the
    history file could not be written)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SessionOpened(Message):
    """The model is loaded and the meeting has begun (``turns`` so far)."""

    def __init__(self, session_id: int, turns: list[Turn], state: SessionState, *,
                 awaiting_reply: bool = False) -> None:
        super().__init__()
        self.session_id = session_id
        self.turns = turns
        self.state = state
        self.awaiting_reply = awaiting_reply


class SeekerRecorded(Message):
    """The engine recorded the seeker's turn; practice mode shows the hints."""

    def __init__(self, index: int, turn: Turn, hints: tuple[Hint, ...]) -> None:
        super().__init__()
        self.index = index
        self.turn = turn
        self.hints = hints


class ReplyStreamed(Message):
    """More of the persona's reply arrived; ``text`` is everything so far."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ReplyFinished(Message):
    """The persona's reply is complete and recorded."""

    def __init__(self, index: int, turn: Turn, state: SessionState) -> None:
        super().__init__()
        self.index = index
        self.turn = turn
        self.state = state


class ReplyCancelled(Message):
    """The user stopped the reply; nothing of it was recorded."""

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state


class ReplyFailed(Message):
    """The model failed mid-reply (the seeker's turn is kept; retry is possible)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SessionFinished(Message):
    """The meeting is over and scored (``report`` is None if scoring failed)."""

    def __init__(self, goodbye: Turn | None, report: Report | None,
                 error: str | None = None) -> None:
        super().__init__()
        self.goodbye = goodbye
        self.report = report
        self.error = error
