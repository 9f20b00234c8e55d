"""Reply time of the embedded model beside other busy programs, with coffeechat's
thread choice (llm/cpuload.py) and with every core fixed.

    python benchmarks/busy_machine.py [--hogs N ...] [--tokens T]

Each hog is a process spinning on one core. Each reply follows a 2 s pause (the
user typing, when coffeechat looks at the load); best of two replies is printed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from coffeechat.llm.base import Message
from coffeechat.llm.llamacpp import LlamaCppBackend, available_cores

CHAT = [Message(role="system", content="You are Grace, a nurse manager. Three sentences."),
        Message(role="user", content="What does a normal day look like on your unit?")]


def best_reply(backend: LlamaCppBackend, tokens: int) -> tuple[float, int]:
    "".join(backend.stream_chat(CHAT, max_tokens=8, seed=1))  # warm the cache
    best = float("inf")
    for _ in range(2):
        time.sleep(2.0)
        t0 = time.perf_counter()
        "".join(backend.stream_chat(CHAT, max_tokens=tokens, seed=1, temperature=0))
        best = min(best, time.perf_counter() - t0)
    return best, backend.threads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hogs", type=int, nargs="*", default=[0, 1, 2])
    parser.add_argument("--tokens", type=int, default=48)
    args = parser.parse_args()
    print(f"{available_cores()} cores, {args.tokens} tokens")
    for hogs in args.hogs:
        spinning = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                    for _ in range(hogs)]
        try:
            time.sleep(0.5)
            row = []
            for label, threads in (("adaptive", None), ("fixed", available_cores())):
                backend = LlamaCppBackend(n_ctx=1024, n_threads=threads)
                backend.load()
                seconds, used = best_reply(backend, args.tokens)
                backend.close()
                row.append(f"{label} {seconds:.2f} s ({used} threads)")
            print(f"{hogs} busy: " + ", ".join(row))
        finally:
            for p in spinning:
                p.kill()
                p.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
