"""Load damaged copies of a GGUF model, one after another, in this process.

Run as a child of the model-fault test, because llama.cpp may abort() the
whole process on a bad file: a crash then shows as a missing result line
instead of taking pytest down. The model is copied once; each case patches a
few bytes in place, tries to load and generate, then restores them.

Usage: python model_loader.py SOURCE.gguf WORK.gguf CASES.json
CASES.json: [{"name": ..., "edits": [[offset, "hex bytes"], ...]}, ...]
Prints, per case: {"start": name} then {"name", "result", "message"} where
result is "loaded", "error" (a BackendError) or "crash" (anything else).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from coffeechat.llm.base import BackendError
from coffeechat.llm.llamacpp import LlamaCppBackend


def emit(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main(source: str, work: str, cases_file: str) -> None:
    shutil.copyfile(source, work)
    cases = json.loads(Path(cases_file).read_text())
    for case in cases:
        saved = []
        with open(work, "r+b") as fh:
            for offset, data in case["edits"]:
                raw = bytes.fromhex(data)
                fh.seek(offset)
                saved.append((offset, fh.read(len(raw))))
                fh.seek(offset)
                fh.write(raw)
        emit(start=case["name"])
        backend = LlamaCppBackend(work, n_ctx=512, n_threads=1)
        try:
            backend.load()
            text = "".join(backend.stream_chat([{"role": "user", "content": "Hi"}],
                                               max_tokens=1))
            emit(name=case["name"], result="loaded", message=text)
        except BackendError as exc:
            emit(name=case["name"], result="error", message=str(exc))
        except Exception as exc:  # the test fails on these: not a clean error
            emit(name=case["name"], result="crash", message=f"{type(exc).__name__}: {exc}")
        finally:
            backend.close()
        with open(work, "r+b") as fh:
            for offset, old in saved:
                fh.seek(offset)
                fh.write(old)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
