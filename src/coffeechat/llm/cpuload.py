"""How many cores other programs keep busy, so the in-process model can make room.

llama.cpp's threads wait for one another at every step, so a single thread kept
off its core stalls them all: on 2 cores beside one busy program, a reply took
1.4 s on 2 threads and 0.8 s on 1 (``benchmarks/busy_machine.py``; models.md). So
before each reply the backend looks at how busy the machine was while the user
was typing (when this process is nearly idle) and uses only the cores the others
left free.

Linux only (``/proc/stat``); elsewhere, or when it cannot be read, nothing
changes: all cores are used.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

MIN_WINDOW_S = 0.5
"""A shorter look says too little: the previous choice stands."""

Ticks = tuple[int, int]
"""(busy, total) clock ticks summed over all cores since boot."""


def read_proc_stat(path: str = "/proc/stat") -> Ticks | None:
    try:
        with open(path, encoding="ascii") as fh:
            fields = fh.readline().split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(fields) < 5 or fields[0] != "cpu":
        return None
    try:
        ticks = [int(x) for x in fields[1:]]
    except ValueError:
        return None
    # user nice system idle iowait irq softirq steal ...; guest time is already counted
    # in user and nice, so only the first eight add up to the total.
    ticks = ticks[:8]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    total = sum(ticks)
    return total - idle, total


class CpuWatch:
    """Between ``mark()`` (when this process stops working) and ``others()`` (when it
    is about to start again), how many cores' worth of CPU did other programs use?"""

    def __init__(self, cores: int, reader: Callable[[], Ticks | None] = read_proc_stat,
                 own_cpu: Callable[[], float] = time.process_time,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.cores = cores
        self._reader = reader
        self._own_cpu = own_cpu
        self._clock = clock
        self._mark: tuple[Ticks, float, float] | None = None

    def mark(self) -> None:
        ticks = self._reader()
        self._mark = (ticks, self._own_cpu(), self._clock()) if ticks is not None else None

    def others(self) -> float | None:
        """Cores' worth of CPU the rest of the machine used since ``mark()``; None when
        unknown or the window was too short to say."""
        if self._mark is None:
            return None
        (busy0, total0), own0, t0 = self._mark
        now = self._reader()
        if now is None or self._clock() - t0 < MIN_WINDOW_S:
            return None
        busy1, total1 = now
        if total1 <= total0:
            return None
        tick = 1.0 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01
        # total ticks cover every core: turn them into wall seconds per core.
        wall = (total1 - total0) * tick / self.cores
        if wall <= 0:
            return None
        busy = (busy1 - busy0) * tick - (self._own_cpu() - own0)
        return max(0.0, busy / wall)


def threads_for(cores: int, others: float | None) -> int:
    """Threads to run the model on: the cores the other programs leave free (rounded
    to the nearest whole core), at least one."""
    if others is None:
        return cores
    return max(1, min(cores, math.floor(cores - others + 0.5)))
