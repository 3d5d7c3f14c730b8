"""The linkage benchmark's memory figure counts the memory of the workers a run forks."""

import importlib.util
import multiprocessing
import sys
import time
from pathlib import Path

import pytest

SAMPLER = Path(__file__).parent.parent / "bench" / "memory_sampler.py"


def _sampler():
    spec = importlib.util.spec_from_file_location("memory_sampler", SAMPLER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["memory_sampler"] = module
    spec.loader.exec_module(module)
    return module


def _hold(mib: int, seconds: float) -> None:
    block = bytearray(mib * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])  # touch every page: private memory
    time.sleep(seconds)


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_a_forked_workers_own_memory_is_in_the_tree_peak():
    sampler = _sampler()
    with sampler.TreeMemory(interval=0.05) as alone:
        time.sleep(0.3)
    context = multiprocessing.get_context("fork")
    with sampler.TreeMemory(interval=0.05) as with_worker:
        worker = context.Process(target=_hold, args=(120, 1.0))
        worker.start()
        worker.join()
    assert worker.exitcode == 0
    assert alone.peak_mib is not None and with_worker.peak_mib is not None
    assert with_worker.peak_mib - alone.peak_mib > 100
