"""Run Reunite's linkage on one file and report wall time and peak memory (for linkage.py).

peak_rss_mib is this process's peak (RUSAGE_SELF); it leaves out the worker processes that
compare names (forked from it: their own peak cannot be told apart from it).
peak_tree_pss_mib is the largest sum, sampled every 0.5 s, of the proportional set sizes of
this process and its workers: every page counted once (see memory_sampler.py).

    python bench/run_reunite_link.py INPUT.csv OUTPUT.csv [THRESHOLD]
"""

import json
import resource
import sys
import time
from pathlib import Path

from reunite.services.link import link_file

sys.path.insert(0, str(Path(__file__).parent))
from memory_sampler import TreeMemory

threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.9
with TreeMemory() as memory:
    started = time.perf_counter()
    result = link_file(input_path=Path(sys.argv[1]), output_path=Path(sys.argv[2]),
                       threshold=threshold)
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": round(elapsed, 2), "candidates": result.candidates,
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                        / 1024, 1),
                  "peak_tree_pss_mib": memory.peak_mib}))
