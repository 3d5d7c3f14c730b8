"""The labelled evaluation set keeps its overall precision and recall (bench/names_eval.py
reports the full breakdown per script pair)."""

import csv
from pathlib import Path

from reunite.names.compare import compare_parts

PAIRS = Path(__file__).parent.parent / "bench" / "names" / "pairs.tsv"


def test_overall_precision_and_recall_on_the_labelled_pairs():
    lines = [x for x in PAIRS.read_text("utf-8").splitlines() if not x.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert len(rows) >= 300
    said = [(r["label"] == "same", compare_parts(r["a"], r["b"]).same) for r in rows]
    tp = sum(t and s for t, s in said)
    fp = sum((not t) and s for t, s in said)
    fn = sum(t and not s for t, s in said)
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.95
    conventions = {r["convention_a"] for r in rows} | {r["convention_b"] for r in rows}
    assert conventions == {"uly", "latin", "turkish", "arabic", "cyrillic", "han", "pinyin"}
