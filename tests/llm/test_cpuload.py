"""The in-process model leaves busy cores to the programs keeping them busy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coffeechat.llm.base import Message
from coffeechat.llm.cpuload import CpuWatch, read_proc_stat, threads_for

TICK = 1.0 / os.sysconf("SC_CLK_TCK")


def test_reads_proc_stat(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 5 50 800 20 3 2 0 7 0\ncpu0 1 2 3 4\n", "ascii")
    # busy: user+nice+system+irq+softirq+steal; idle: idle+iowait; guest is inside user
    assert read_proc_stat(str(stat)) == (160, 980)
    for bad in ("", "intr 1 2 3\n", "cpu 1 x 3 4 5\n", "cpu 1 2\n"):
        stat.write_text(bad, "ascii")
        assert read_proc_stat(str(stat)) is None
    assert read_proc_stat(str(tmp_path / "missing")) is None


class Fake:
    def __init__(self) -> None:
        self.ticks: tuple[int, int] | None = (0, 0)
        self.own = 0.0
        self.now = 0.0

    def watch(self, cores: int) -> CpuWatch:
        return CpuWatch(cores, reader=lambda: self.ticks, own_cpu=lambda: self.own,
                        clock=lambda: self.now)

    def advance(self, seconds: float, cores: int, busy_cores: float, own: float = 0.0) -> None:
        busy0, total0 = self.ticks or (0, 0)
        self.ticks = (busy0 + round(busy_cores * seconds / TICK),
                      total0 + round(cores * seconds / TICK))
        self.own += own
        self.now += seconds


def test_counts_other_programs_not_this_one() -> None:
    fake = Fake()
    watch = fake.watch(2)
    assert watch.others() is None  # never marked
    watch.mark()
    fake.advance(10, cores=2, busy_cores=1.0)
    assert watch.others() == pytest.approx(1.0, abs=0.02)
    watch.mark()
    fake.advance(10, cores=2, busy_cores=1.0, own=3.0)  # 3 of those 10 s were ours
    assert watch.others() == pytest.approx(0.7, abs=0.02)
    watch.mark()
    fake.advance(0.2, cores=2, busy_cores=2.0)
    assert watch.others() is None  # too short a look to judge
    watch.mark()
    fake.ticks = None
    assert watch.others() is None  # unreadable


@pytest.mark.parametrize(("cores", "others", "threads"), [
    (2, None, 2), (2, 0.05, 2), (2, 0.4, 2), (2, 0.6, 1), (2, 1.0, 1), (2, 2.0, 1),
    (8, 2.3, 6), (8, 0.0, 8), (1, 3.0, 1),
])
def test_threads_for(cores: int, others: float | None, threads: int) -> None:
    assert threads_for(cores, others) == threads


@pytest.mark.skipif(not Path("/proc/stat").exists(), reason="reads Linux's /proc/stat")
def test_sees_a_real_busy_program() -> None:
    watch = CpuWatch(os.cpu_count() or 1)
    spin = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        watch.mark()
        time.sleep(1.2)
        others = watch.others()
    finally:
        spin.kill()
        spin.wait()
    assert others is not None and 0.5 <= others <= (os.cpu_count() or 1) + 0.5


class Scripted:
    """Stands in for the machine's load: what the backend's watch reports."""

    def __init__(self, others: float | None) -> None:
        self.value = others

    def mark(self) -> None:
        pass

    def others(self) -> float | None:
        return self.value


@pytest.mark.model
def test_the_model_makes_room_and_takes_it_back() -> None:
    from coffeechat.llm.llamacpp import LlamaCppBackend

    backend = LlamaCppBackend(n_ctx=512, n_threads=None)  # the default: adaptive
    cores = backend.threads
    if cores < 2:
        pytest.skip("one core: nothing to give up")
    chat = [Message(role="system", content="You are Rosa, a coffee roaster. One sentence."),
            Message(role="user", content="How did you start?")]
    try:
        backend.load()
        backend._watch = Scripted(float(cores))  # type: ignore[assignment]  # all busy
        text = "".join(backend.stream_chat(chat, max_tokens=12, seed=1))
        assert text.strip() and backend.threads == 1
        assert backend.last_stats is not None and backend.last_stats.threads == 1
        backend._watch = Scripted(None)  # type: ignore[assignment]  # no news: as it was
        "".join(backend.stream_chat(chat, max_tokens=4, seed=1))
        assert backend.threads == 1
        backend._watch = Scripted(0.0)  # type: ignore[assignment]  # idle again
        text = "".join(backend.stream_chat(chat, max_tokens=12, seed=1))
        assert text.strip() and backend.threads == cores
        assert backend.last_stats is not None and backend.last_stats.threads == cores
    finally:
        backend.close()
