"""`coffeechat bench`: how fast the model and the engine are on this machine.

A scripted seeker asks a bundled persona ordinary questions for N turns. For
an in-process model we record, per turn, the model's time to first token,
the prompt tokens llama.cpp actually evaluated (the rest came from its prefix
cache), and the generated tokens. Then the very same requests are replayed on
bare llama-cpp-python, on the same loaded model, consuming the same number
of tokens: the engine's overhead is its wall time over bare time.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from coffeechat.content.models import Persona
from coffeechat.engine.qa import qa_scenario
from coffeechat.engine.session import Session
from coffeechat.engine.types import EngineSettings, ReplyChunk, ReplyDone
from coffeechat.llm.base import ChatBackend

TARGETS = {"ttft_s": 0.5, "prompt_growth": 1.5, "overhead": 1.10, "peak_rss_mb": 400.0}

# Twenty different questions, two or three per topic a persona usually has
# (path, day, hiring, skills, hard parts, trends, resources, advice), so that
# every turn is an ordinary answer and turn 20 is comparable with turn 2.
QUESTIONS = (
    "How did you get started in this line of work?",
    "What does a typical week look like for you?",
    "Which skills matter most in your job?",
    "What is the hardest part of the work?",
    "What trends are changing your field right now?",
    "How does hiring usually work in your field?",
    "What would you advise someone exploring this field to learn first?",
    "Which associations or conferences do you find worth the time?",
    "What happened after that first job - how did your path continue?",
    "What does a normal day actually involve, hour by hour?",
    "What do you think separates people who succeed in this work?",
    "What is the most frustrating part of the job?",
    "Where do you see the industry going in the next few years?",
    "What do hiring managers look for in candidates?",
    "If you were in my position, what next step would you suggest?",
    "What do you read to keep up with the field?",
    "Looking back at your career, what was the turning point?",
    "How do you spend most of your time during the day?",
    "Which skill took you the longest to learn?",
    "What is a challenge people outside the field never hear about?",
)


@dataclass
class TurnFigures:
    turn: int  # 1-based seeker turn
    engine_s: float  # reply() from call to ReplyDone
    first_chunk_s: float | None  # reply() to the first text the user sees
    ttft_s: float | None = None  # the model's first token, from its call
    model_s: float | None = None  # the model call, start to its last token
    prompt_tokens: int | None = None
    prompt_evaluated: int | None = None  # not served from the prefix cache
    generated: int | None = None
    bare_s: float | None = None  # the same request on bare llama-cpp-python


@dataclass
class BenchResult:
    model: str
    threads: int | None
    n_ctx: int
    load_s: float
    passes: int = 1
    turns: list[TurnFigures] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    def _turn(self, n: int) -> TurnFigures | None:
        model_turns = [t for t in self.turns if t.ttft_s is not None]
        if not model_turns:
            return None
        return min(model_turns, key=lambda t: abs(t.turn - n))

    @property
    def ttft_turn2(self) -> float | None:
        t = self._turn(2)
        return t.ttft_s if t else None

    @property
    def ttft_last(self) -> float | None:
        t = self._turn(len(self.turns))
        return t.ttft_s if t else None

    @property
    def evaluated_turn2(self) -> int | None:
        t = self._turn(2)
        return t.prompt_evaluated if t else None

    @property
    def evaluated_last(self) -> int | None:
        t = self._turn(len(self.turns))
        return t.prompt_evaluated if t else None

    @property
    def prompt_growth(self) -> float | None:
        first, last = self.evaluated_turn2, self.evaluated_last
        if not first or last is None:
            return None
        return last / first

    @property
    def tokens_per_s(self) -> float | None:
        tokens = seconds = 0.0
        for t in self.turns:
            if t.generated and t.model_s is not None and t.ttft_s is not None:
                tokens += t.generated - 1
                seconds += t.model_s - t.ttft_s
        return tokens / seconds if seconds > 0 else None

    @property
    def overhead(self) -> float | None:
        """Median over turns of engine time / bare time: on a shared machine one
        turn can stall for seconds, and a median is not thrown by it."""
        ratios = sorted(t.engine_s / t.bare_s for t in self.turns if t.bare_s)
        if not ratios:
            return None
        mid = len(ratios) // 2
        return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2

    @property
    def overhead_in_run(self) -> float | None:
        """Engine time over the model call's own time, within the same turn: no
        second run, so no noise from the machine; but it cannot see the
        backend wrapper's own cost (the bare comparison does)."""
        ratios = sorted(t.engine_s / t.model_s for t in self.turns if t.model_s)
        if not ratios:
            return None
        return ratios[len(ratios) // 2]

    @property
    def first_text_last(self) -> float | None:
        t = self._turn(len(self.turns))
        return t.first_chunk_s if t else None

    @property
    def overhead_total(self) -> float | None:
        paired = [t for t in self.turns if t.bare_s]
        if not paired:
            return None
        return sum(t.engine_s for t in paired) / sum(t.bare_s or 0.0 for t in paired)

    def summary(self) -> dict[str, Any]:
        return {
            "model": self.model, "threads": self.threads, "n_ctx": self.n_ctx,
            "passes": self.passes,
            "turns": len(self.turns), "load_s": round(self.load_s, 3),
            "ttft_turn2_s": _round(self.ttft_turn2), "ttft_last_s": _round(self.ttft_last),
            "tokens_per_s": _round(self.tokens_per_s, 1),
            "prompt_evaluated_turn2": self.evaluated_turn2,
            "prompt_evaluated_last": self.evaluated_last,
            "prompt_growth": _round(self.prompt_growth, 2),
            "engine_overhead": _round(self.overhead, 3),
            "engine_overhead_total": _round(self.overhead_total, 3),
            "engine_over_model_call": _round(self.overhead_in_run, 3),
            "first_text_last_s": _round(self.first_text_last),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "targets": TARGETS,
            "per_turn": [asdict(t) for t in self.turns],
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def peak_rss_mb() -> float:
    """The process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(
    backend: ChatBackend,
    persona: Persona,
    *,
    turns: int = 20,
    passes: int = 2,
    settings: EngineSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    """Load ``backend`` (timed), run ``turns`` seeker turns through the engine,
    then replay the model requests bare when the model runs in-process.

    The whole thing runs ``passes`` times (same seed, so the same replies) and
    each figure keeps its best pass: on a shared machine a turn can stall for
    seconds, and the best of a few runs is what the machine can do."""
    started = time.perf_counter()
    backend.load()
    load_s = time.perf_counter() - started
    llama = getattr(backend, "llama", None)
    passes = max(1, passes)
    result = BenchResult(model=backend.name, threads=getattr(llama, "n_threads", None),
                         n_ctx=backend.context_size, load_s=load_s, passes=passes)
    settings = settings or EngineSettings(seed=11, temperature=0.6)
    for number in range(1, passes + 1):
        if llama is not None:
            llama.reset()  # every pass starts from a cold prompt cache
        figures, requests, warm = _engine_pass(backend, persona, turns, settings, progress,
                                               f"pass {number}/{passes}: ")
        if llama is not None and requests:
            if progress:
                progress(f"pass {number}/{passes}: the same requests on bare llama-cpp-python")
            for index, seconds in replay_bare(llama, requests, warm=warm):
                figures[index].bare_s = seconds
        result.turns = figures if not result.turns else _best(result.turns, figures)
        if number == 1:
            # Before any second pass: the high-water mark of one engine session.
            result.peak_rss_mb = peak_rss_mb()
    return result


def _best(a: list[TurnFigures], b: list[TurnFigures]) -> list[TurnFigures]:
    """Per turn, the faster of two passes (the same requests; times differ)."""
    if len(a) != len(b):
        return a
    out = []
    for x, y in zip(a, b, strict=True):
        if x.prompt_evaluated != y.prompt_evaluated or x.generated != y.generated:
            out.append(x)  # the passes diverged: keep the first
            continue
        out.append(TurnFigures(
            turn=x.turn, engine_s=min(x.engine_s, y.engine_s),
            first_chunk_s=_min(x.first_chunk_s, y.first_chunk_s), ttft_s=_min(x.ttft_s, y.ttft_s),
            model_s=_min(x.model_s, y.model_s), prompt_tokens=x.prompt_tokens,
            prompt_evaluated=x.prompt_evaluated, generated=x.generated,
            bare_s=_min(x.bare_s, y.bare_s)))
    return out


def _min(x: float | None, y: float | None) -> float | None:
    values = [v for v in (x, y) if v is not None]
    return min(values) if values else None


def _engine_pass(
    backend: ChatBackend, persona: Persona, turns: int, settings: EngineSettings,
    progress: Callable[[str], None] | None, label: str,
) -> tuple[list[TurnFigures], list[tuple[int, dict[str, Any], int]], dict[str, Any] | None]:
    session = Session(persona, qa_scenario(persona, budget=120), backend, settings=settings)
    session.open()
    before = getattr(backend, "last_request", None)
    session.warm()
    # The warm-up request, if one was made (the backend records a new dict per
    # request), is replayed bare too, so both sides start from the same cache.
    after = getattr(backend, "last_request", None)
    warm = dict(after) if after is not None and after is not before else None
    figures_all: list[TurnFigures] = []
    requests: list[tuple[int, dict[str, Any], int]] = []
    for n in range(1, turns + 1):
        question = QUESTIONS[(n - 1) % len(QUESTIONS)]
        t0 = time.perf_counter()
        first: float | None = None
        done: ReplyDone | None = None
        for item in session.reply(question):
            if isinstance(item, ReplyChunk) and first is None:
                first = time.perf_counter() - t0
            elif isinstance(item, ReplyDone):
                done = item
        figures = TurnFigures(turn=n, engine_s=time.perf_counter() - t0, first_chunk_s=first)
        stats = getattr(backend, "last_stats", None)
        request = getattr(backend, "last_request", None)
        if done is not None and done.source != "reaction" and stats is not None:
            figures.ttft_s = stats.ttft_s
            figures.model_s = stats.total_s
            figures.prompt_tokens = stats.prompt_tokens
            figures.prompt_evaluated = stats.prompt_evaluated
            figures.generated = stats.generated_chunks
            if request is not None:
                requests.append((n - 1, dict(request), stats.generated_chunks))
        figures_all.append(figures)
        if progress:
            progress(f"{label}turn {n}/{turns}")
        if session.state.ended:
            break
    return figures_all, requests, warm


def replay_bare(llama: Any, requests: Sequence[tuple[int, dict[str, Any], int]], *,
                warm: dict[str, Any] | None = None) -> list[tuple[int, float]]:
    """The engine's model requests on bare llama-cpp-python, in order, from the
    cache state the engine had (cold, then the same warm-up), each read for the
    same number of tokens."""
    llama.reset()
    timings = []
    if warm is not None:
        requests = [(-1, warm, 1), *requests]
    for index, request, chunks in requests:
        kind = request.pop("kind")
        t0 = time.perf_counter()
        if kind == "chat":
            stream = llama.create_chat_completion(stream=True, **request)
        else:
            stream = llama.create_completion(stream=True, **request)
        seen = 0
        for part in stream:
            choice = part["choices"][0]
            text = choice["delta"].get("content") if kind == "chat" else choice["text"]
            if text:
                seen += 1
                if seen >= chunks:
                    break
        stream.close()
        if index >= 0:
            timings.append((index, time.perf_counter() - t0))
    return timings


def format_result(result: BenchResult) -> list[str]:
    """Readable lines for the terminal."""

    def secs(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f} s"

    s = result.summary()
    lines = [f"coffeechat bench: {result.model}, {result.threads or '?'} threads, "
             f"n_ctx {result.n_ctx}, {len(result.turns)} turns, best of {result.passes} "
             "passes per turn",
             f"  load                    {secs(result.load_s)}",
             f"  time to first token     turn 2: {secs(result.ttft_turn2)}   "
             f"turn {len(result.turns)}: {secs(result.ttft_last)}   (target <= 0.5 s)",
             f"  first text on screen    turn {len(result.turns)}: "
             f"{secs(result.first_text_last)}",
             f"  generation              {s['tokens_per_s'] or 'n/a'} tokens/s"]
    if result.evaluated_turn2 is not None:
        lines.append(f"  prompt tokens evaluated turn 2: {result.evaluated_turn2}   "
                     f"turn {len(result.turns)}: {result.evaluated_last}   "
                     f"({s['prompt_growth']}x; target <= 1.5x)")
    if result.overhead is not None:
        lines.append(f"  engine overhead         {result.overhead:.3f}x bare llama-cpp-python, "
                     f"median of turns ({result.overhead_total or 0:.3f}x in total; "
                     "target <= 1.10x)")
        lines.append(f"                          {result.overhead_in_run or 0:.3f}x the model call "
                     "itself, same turn")
    lines.append(f"  peak RSS                {result.peak_rss_mb:.0f} MB (target <= 400 MB)")
    return lines
