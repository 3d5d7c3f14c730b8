"""Run Splink (DuckDB backend) on a `reunite link` input file, configured as a competent user
would: names split into given and father's name, lower-cased; Jaro-Winkler name comparisons
with term-frequency adjustments; birth year and exact date levels; sex and place exact;
candidates blocked on both names, or on either name with the exact birth date (tight enough
for a million records); u by random sampling, m by EM in two sessions (blocked on both names,
and on the father's name with the birth year, so that each comparison is estimated in one);
clusters at the same match probability as Reunite's. Used by linkage.py; needs the bench
extras.

    python bench/run_splink.py INPUT.csv OUTPUT.csv [THRESHOLD]
"""

import json
import re
import resource
import sys
import time
from pathlib import Path

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, str(Path(__file__).parent))
from memory_sampler import TreeMemory

memory = TreeMemory().start()
started = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.9


def split(name: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"[\s·・.．•‧]+", name.strip()) if p]
    return (parts[0] if parts else "", parts[1] if len(parts) > 1 else "")


given, father = zip(*(split(n) for n in df["name"]), strict=True)
df["given"] = [(g or h).lower() or None for g, h in zip(df["given_name"], given, strict=True)]
df["father"] = [(f or h).lower() or None for f, h in zip(df["father_name"], father, strict=True)]
df["dob"] = [b if len(b) == 10 else None for b in df["birth_date"]]
df["birth_year"] = [b[:4] if b else str(int(on[:4]) - int(a)) if a else None
                    for b, a, on in zip(df["birth_date"], df["age"], df["age_on"], strict=True)]
df["sex"] = [x or None for x in df["sex"]]
df["place"] = [x.lower() or None for x in df["place"]]
df = df.rename(columns={"id": "unique_id"})[["unique_id", "given", "father", "dob",
                                              "birth_year", "sex", "place"]]

settings = SettingsCreator(
    link_type="dedupe_only",
    comparisons=[
        cl.NameComparison("given").configure(term_frequency_adjustments=True),
        cl.NameComparison("father").configure(term_frequency_adjustments=True),
        cl.ExactMatch("birth_year"),
        cl.ExactMatch("dob"),
        cl.ExactMatch("sex"),
        cl.ExactMatch("place").configure(term_frequency_adjustments=True),
    ],
    blocking_rules_to_generate_predictions=[
        block_on("given", "father"),
        block_on("father", "dob"),
        block_on("given", "dob"),
    ],
    retain_intermediate_calculation_columns=False,
)
db_api = DuckDBAPI()
linker = Linker(db_api.register(df, table_name="records"), settings)
linker.training.estimate_probability_two_random_records_match(
    [block_on("given", "father", "birth_year")], recall=0.7)
linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("given", "father"))
linker.training.estimate_parameters_using_expectation_maximisation(
    block_on("father", "birth_year"))
predictions = linker.inference.predict(threshold_match_probability=0.01)
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
    predictions, threshold_match_probability=threshold)
out = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
out.rename(columns={"unique_id": "id"}).to_csv(sys.argv[2], index=False)
elapsed = time.perf_counter() - started
memory.stop()
print(json.dumps({"seconds": round(elapsed, 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                        / 1024, 1),
                  "peak_tree_pss_mib": memory.peak_mib}))
