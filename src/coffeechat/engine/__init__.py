"""The session engine: a persona answering a seeker, with the etiquette
reactions, the meeting clock and rapport decided by rules and the words
(mostly) by the model. No Textual, no llama_cpp here."""

from coffeechat.engine.session import Session, SessionError
from coffeechat.engine.types import (
    EngineSettings,
    Hint,
    ReplyCancelled,
    ReplyChunk,
    ReplyDone,
    ReplyItem,
    SeekerRecorded,
    SessionState,
)

__all__ = [
    "EngineSettings",
    "Hint",
    "ReplyCancelled",
    "ReplyChunk",
    "ReplyDone",
    "ReplyItem",
    "SeekerRecorded",
    "Session",
    "SessionError",
    "SessionState",
]
