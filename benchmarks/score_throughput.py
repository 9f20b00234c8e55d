"""How many forty-turn transcripts the scorer grades per second, in-process, one core.

    python benchmarks/score_throughput.py [--transcripts N] [--seed S] [--phases] [--per-turn]

Transcripts are assembled from the labelled transcript corpus
(tests/scoring/corpus/transcripts): each turn joins sentences drawn from corpus
turns of the same speaker (two to four for the persona, one or two for the
seeker), plus a random figure, so no two turns share text and no cache can help.
Prints transcripts per second of CPU time (one core) and microseconds per turn.
The fast path (one Hyperscan pass per transcript) is compiled during warm-up;
--per-turn measures the path taken without it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "scoring" / "corpus"
TURNS = 40
TARGET = 2000


def sentence_pools() -> tuple[list[str], list[str]]:
    seeker: list[str] = []
    persona: list[str] = []
    split = re.compile(r"(?<=[.!?])\s+")
    for path in sorted((CORPUS / "transcripts").glob("*.json")):
        if path.name == "manifest.json":
            continue
        for turn in json.loads(path.read_text("utf-8"))["turns"]:
            pool = seeker if turn["speaker"] == "seeker" else persona
            pool.extend(s for s in split.split(turn["text"]) if s)
    return seeker, persona


def make_transcripts(n: int, seed: int) -> list[object]:
    from coffeechat.transcript import Transcript, Turn

    rnd = random.Random(seed)
    seeker, persona = sentence_pools()
    out = []
    for _ in range(n):
        turns = []
        for i in range(TURNS):
            who, pool, k = (("persona", persona, rnd.randint(2, 4)) if i % 2 == 0
                            else ("seeker", seeker, rnd.randint(1, 2)))
            text = " ".join(rnd.choice(pool) for _ in range(k))
            turns.append(Turn(speaker=who, text=f"{text} ({rnd.randint(0, 10**9)})"))
        out.append(Transcript(persona="dana-ruiz", turns=turns))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcripts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phases", action="store_true",
                        help="also time detection alone, on fresh transcripts (another seed)")
    parser.add_argument("--per-turn", action="store_true",
                        help="without the Hyperscan fast path (the per-turn anchor index)")
    args = parser.parse_args(argv)
    from coffeechat.content.loader import load_persona
    from coffeechat.scoring import prefilter, score

    persona = load_persona(CORPUS / "personas" / "dana-ruiz.yaml")
    transcripts = make_transcripts(args.transcripts, args.seed)
    if args.per_turn:
        prefilter.matchers = lambda build=False: None  # type: ignore[assignment]
    fast = prefilter.prepare() if not args.per_turn else False
    print("path:", "fast (Hyperscan prefilter)" if fast else "per turn")
    score(transcripts[0], persona)  # warm up imports and compiled patterns
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for tr in transcripts:
        score(tr, persona)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    n = len(transcripts)
    rate = n / cpu
    # CPU time is what one core spends; wall time also counts waiting for a busy machine.
    print(f"{rate:,.0f} forty-turn transcripts/s per core (CPU time; "
          f"{cpu / n / TURNS * 1e6:.1f} us/turn, {n} transcripts)")
    print(f"{n / wall:,.0f} transcripts/s by wall clock (load average "
          f"{os.getloadavg()[0]:.1f})")
    if args.phases:
        # Detection alone, then everything else with detection's results handed over, on
        # fresh transcripts (another seed) so the cached turns of the main run cannot help.
        from coffeechat.scoring import scorer

        fresh = make_transcripts(args.transcripts, args.seed + 1)
        cpu0 = time.process_time()
        found = {id(tr.turns): scorer.analyse(tr.turns, persona)  # type: ignore[attr-defined]
                 for tr in fresh}
        detect = time.process_time() - cpu0
        real = scorer.analyse
        scorer.analyse = lambda turns, persona=None: found[id(turns)]  # type: ignore[misc]
        try:
            cpu0 = time.process_time()
            for tr in fresh:
                scorer.score(tr, persona)  # type: ignore[arg-type]
            rest = time.process_time() - cpu0
        finally:
            scorer.analyse = real  # type: ignore[misc]
        print(f"per transcript: detection {detect / n * 1e6:,.0f} us, clock + rules + report "
              f"{rest / n * 1e6:,.0f} us")
    print("target: >= 2,000/s -", "met" if rate >= TARGET else "NOT met")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
