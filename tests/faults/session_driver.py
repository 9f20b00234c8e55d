"""A real coffeechat session in its own process, for the kill -9 test.

Runs the engine with the real embedded model and the real history store,
exactly as the app wires them (a turn is written the moment ``on_turn``
fires), and reports progress on stdout, one JSON object per line:

    {"event": "session", "id": 1}
    {"event": "turn", "index": 0, "speaker": "persona", "text": "..."}
    {"event": "token", "reply": 3}          (the model is streaming reply 3)

Usage: python session_driver.py DB SCENARIO_ID QUESTION...
After the last question it waits to be killed.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coffeechat.content.loader import default_content_paths, load_library
from coffeechat.engine import EngineSettings, Session
from coffeechat.llm.llamacpp import LlamaCppBackend
from coffeechat.store import Store
from coffeechat.transcript import Turn


def emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


class Tapped(LlamaCppBackend):
    """The embedded backend, announcing each raw token as it streams."""

    reply = 0

    def stream_chat(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        for piece in super().stream_chat(*args, **kwargs):
            emit(event="token", reply=self.reply)
            yield piece


def main(db: str, scenario_id: str, questions: list[str]) -> None:
    library = load_library(default_content_paths())
    scenario = library.scenarios[scenario_id]
    persona = library.personas[scenario.persona]
    backend = Tapped(n_ctx=2048, n_threads=1)  # see the `model` fixture
    backend.load()
    store = Store(Path(db))
    sid = store.start_session(scenario=scenario.id, persona=persona.id, mode=scenario.mode,
                              model=backend.name)
    emit(event="session", id=sid)

    def on_turn(index: int, turn: Turn) -> None:
        store.add_turn(sid, index, turn)
        emit(event="turn", index=index, speaker=turn.speaker, text=turn.text)

    session = Session(persona, scenario, backend, on_turn=on_turn,
                      settings=EngineSettings(seed=7, max_reply_tokens=32))
    session.open()
    for number, question in enumerate(questions, start=1):
        backend.reply = number
        for _item in session.reply(question):
            pass
    while True:  # the test kills us
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
