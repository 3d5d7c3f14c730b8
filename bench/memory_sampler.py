"""Peak memory of this process and the processes it forks, sampled while they run.

RUSAGE_SELF's peak leaves out worker processes; a forked worker's own peak cannot be told
from its parent's (it starts with the parent's pages, shared). The sum of the proportional
set sizes (PSS: a page shared by k processes counts 1/k in each) of the process and its
descendants counts every page once; it is read from /proc/PID/smaps_rollup (Linux) every
``interval`` seconds and the largest sum kept, so a peak shorter than the interval can be
missed. Elsewhere it reports None.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            text = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        kids = [int(x) for x in text.split()]
        found.extend(kids)
        todo.extend(kids)
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """``with TreeMemory() as m: ...`` (or start() and stop()), then ``m.peak_mib`` (None
    where /proc is missing)."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()

    def _sample(self) -> None:
        pid = os.getpid()
        total = sum(_pss_kib(p) for p in [pid, *_descendants(pid)])
        self.peak_kib = max(self.peak_kib, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def start(self) -> TreeMemory:
        if self.available:
            self._sample()
            self._thread.start()
        return self

    def stop(self) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()
            self._sample()

    def __enter__(self) -> TreeMemory:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    @property
    def peak_mib(self) -> float | None:
        return round(self.peak_kib / 1024, 1) if self.available else None
