"""Run Reunite's linkage on one file and report wall time and peak memory (for linkage.py).

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
# the largest worker process's peak (forked: most of its pages are the parent's, shared)
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": round(elapsed, 2), "candidates": result.candidates,
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                        / 1024, 1),
                  "worker_peak_rss_mib": round(children, 1)}))
