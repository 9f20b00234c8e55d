"""One of several processes writing the same history at once (the concurrency
fault test). Waits for a start file so that all writers open a fresh database
together, then writes SESSIONS sessions of TURNS turns each.

Usage: python store_writer.py DB GO_FILE NAME SESSIONS TURNS
Prints one line: "ok <session ids>" or "error <message>".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coffeechat.store import Store, StoreError
from coffeechat.transcript import Turn


def main(db: str, go: str, name: str, sessions: int, turns: int) -> None:
    deadline = time.monotonic() + 60
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    store = Store(Path(db))
    ids = []
    try:
        for s in range(sessions):
            sid = store.start_session(scenario=f"{name}-{s}", persona="p", mode="practice",
                                      model=name)
            ids.append(sid)
            for i in range(turns):
                speaker = "persona" if i % 2 == 0 else "seeker"
                store.add_turn(sid, i, Turn(speaker=speaker, text=f"{name}/{s}/{i}",
                                            minute=i / 2))
    except StoreError as exc:
        print(f"error {exc}", flush=True)
        return
    finally:
        store.close()
    print("ok " + " ".join(map(str, ids)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
