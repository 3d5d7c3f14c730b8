"""Run Reunite's linkage on one file and report wall time and peak memory (for linkage.py).

The peak is this process's (RUSAGE_SELF). The processes that compare names are forked from
it and share its pages; their own peak cannot be told apart from it (a forked child starts
with its parent's peak), so it is not reported.

    python bench/run_reunite_link.py INPUT.csv OUTPUT.csv [THRESHOLD]
"""

import json
import resource
import sys
import time
from pathlib import Path

from reunite.services.link import link_file

started = time.perf_counter()
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.9
result = link_file(input_path=Path(sys.argv[1]), output_path=Path(sys.argv[2]),
                   threshold=threshold)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": round(elapsed, 2), "candidates": result.candidates,
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                        / 1024, 1)}))
