"""Batch linkage: CSV parsing and its errors, the model, clustering, `reunite link`."""

import csv
import io
import random
from collections import Counter

import pytest
from typer.testing import CliRunner

from reunite.cli import app
from reunite.errors import InvalidInput
from reunite.interchange.link_csv import parse_records
from reunite.match.cluster import clusters
from reunite.match.model import DEFAULT_M, estimate_m

runner = CliRunner()

HEADER = "id,name,sex,birth_date,age,age_on,place,notes\n"
ROWS = """\
a1,Mihriban Ablikim,F,2011,,,Hotan,extra columns are ignored
a2,米日班·阿不力克木,F,,5,2016-11-15,和田市,
a3,مىھرىبان ئابلىكىم,F,2011-03,,,,
a4,MIRIBAN ABULIKEMU,F,2011-03-02,,,,
s1,Mihrigül Ablikim,F,2013,,,Hotan,sister: same father and hometown
b1,Abdulla Ablikim,M,2010,,,Hotan,brother
b2,Абдулла Абликим,M,,6,2016-11-15,,
g1,Abdulla Ablikim,M,1958,,,Kashgar,namesake of another generation
t1,Tursun Memet,M,1979,,,,
t2,Turghun Memet,M,1979,,,,different name
"""


def test_parse_records_reads_every_field():
    records = parse_records(io.StringIO(HEADER + ROWS))
    assert [r.id for r in records][:3] == ["a1", "a2", "a3"]
    a2 = records[1]
    assert (a2.given, a2.father, a2.sex) == ("米日班", "阿不力克木", "F")
    assert a2.birth_years == (2010, 2011)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("name,sex\nAli,M\n", "missing required column(s) id"),
    ("id,name,sex\n1,Ali Memet,X\n", "line 2, column 'sex'"),
    ("id,name,birth_date\n1,Ali Memet,2016-02-30\n", "line 2, column 'birth_date'"),
    ("id,name,age\n1,Ali Memet,7\n", "line 2, column 'age_on'"),
    ("id,name,age,age_on\n1,Ali Memet,seven,2016-01-01\n", "line 2, column 'age'"),
    ("id,name\n1,Ali Memet\n1,Eli Memet\n", "line 3, column 'id'"),
    ("id,name\n1,Ali Memet,extra\n", "line 2: more fields"),
    ("id,name,sex\n1,Ali Memet\n", "line 2: fewer fields"),
    ("id,name,place\n1,Ali Memet," + "x" * 1001 + "\n", "line 2, column 'place'"),
    ("id,name\n1,\n", "line 2, column 'name'"),
    ("id,name\n1,नाम\n", "line 2, column 'name'"),
    ("id,name\n1,\"Ali\n", "malformed CSV"),
])
def test_malformed_input_names_line_and_column(text, message):
    with pytest.raises(InvalidInput, match=None) as caught:
        parse_records(io.StringIO(text))
    assert message in str(caught.value)


def test_em_recovers_known_m_probabilities():
    rng = random.Random(3)
    u = [[0.96, 0.025, 0.01, 0.005], [0.96, 0.025, 0.01, 0.005], [0.75, 0.15, 0.099, 0.001],
         [0.5, 0.5], [0.9, 0.1]]
    true_m = [[0.05, 0.05, 0.1, 0.8], [0.05, 0.1, 0.15, 0.7], list(DEFAULT_M[2]), [0.02, 0.98],
              [0.2, 0.8]]
    patterns: Counter[tuple[int, ...]] = Counter()
    for _ in range(60_000):
        source = true_m if rng.random() < 0.2 else u
        patterns[tuple(rng.choices(range(len(p)), p)[0] for p in source)] += 1
    m, share = estimate_m(patterns, u, (0, 1, 3, 4))
    assert share == pytest.approx(0.2, abs=0.02)
    assert m[0][3] == pytest.approx(0.8, abs=0.03) and m[1][0] == pytest.approx(0.05, abs=0.03)


def test_clusters_are_connected_components():
    assert clusters(6, [(0, 1), (1, 2), (4, 5)]) == [0, 0, 0, 3, 4, 4]


def _link(tmp_path, text):
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    out, pairs = tmp_path / "out.csv", tmp_path / "pairs.csv"
    result = runner.invoke(app, ["link", str(source), "--output", str(out), "--pairs",
                                 str(pairs)])
    return result, out, pairs


def test_link_clusters_across_scripts_and_keeps_relatives_apart(tmp_path):
    result, out, pairs = _link(tmp_path, HEADER + ROWS)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    cluster = {r["id"]: r["cluster_id"] for r in rows}
    assert len(rows) == 10  # every row, singletons included
    assert cluster["a1"] == cluster["a2"] == cluster["a3"] == cluster["a4"]
    assert cluster["s1"] != cluster["a1"]  # sister
    assert cluster["b1"] == cluster["b2"] != cluster["a1"]  # brother, in two scripts
    assert cluster["g1"] != cluster["b1"]  # the grandfather's generation
    assert cluster["t1"] != cluster["t2"]  # Tursun and Turghun are two names
    explained = list(csv.DictReader(pairs.open(encoding="utf-8")))
    assert all("given:" in p["explanation"] for p in explained)


SLIP_ROWS = HEADER + """\
k1,Kerim Rozi,M,1980-03-14,,,Kashgar,
k2,Карим Рози,M,1980,,,,
k3,Kelim Rozi,M,,34,2014-06-01,,
k4,Kerim Rozi,,1980,,,Qeshqer,
e1,Ekber Rozi,M,1982-07-01,,,Kashgar,
"""


def test_a_slip_on_another_spelling_does_not_split_the_person(tmp_path):
    # Kelim (a slip for Kerim) and Russian-style Карим are "different" to the comparison; they
    # are a slip apart, which the rule "different given names, two people" must not break up
    result, out, pairs = _link(tmp_path, SLIP_ROWS)
    assert result.exit_code == 0, result.output
    cluster = {r["id"]: r["cluster_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert cluster["k1"] == cluster["k2"] == cluster["k3"] == cluster["k4"]
    assert cluster["e1"] != cluster["k1"]  # the brother
    slip = [p for p in csv.DictReader(pairs.open(encoding="utf-8"))
            if {p["id_a"], p["id_b"]} == {"k2", "k3"}]
    assert slip and "given: a slip apart" in slip[0]["explanation"]


def test_bad_file_is_refused_and_nothing_is_written(tmp_path):
    result, out, pairs = _link(tmp_path, "id,name,sex\n1,Ali Memet,M\n2,Eli Memet,Q\n")
    assert result.exit_code == 2
    assert "line 3, column 'sex'" in result.output
    assert not out.exists() and not pairs.exists()


def test_non_utf8_file_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("id,name\n1,Gülnar\n".encode("latin-1"))
    result = runner.invoke(app, ["link", str(source), "--output", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "not UTF-8" in result.output


def test_clustering_refuses_a_merge_across_a_cannot_link():
    # 0~1 and 1~2 are likely, but 0 and 2 were scored as different persons
    assert clusters(3, [(0, 1), (1, 2)], cannot=[(0, 2)]) == [0, 0, 2]
    assert clusters(3, [(0, 1), (1, 2)]) == [0, 0, 0]


DOC_ROWS = """\
id,name,sex,birth_date,document
d1,Ekber Hesen,M,1981-04-02,6531 0119-8104 0211
d2,Akbar Hasan,M,1918-04-02,653101198104021 1
d3,Ekber Hesen,M,1981-04-02,X1234567
d4,Ekber Hesen,M,1981-04-02,X7654321
d5,Tursun Memet,M,1979,G123456
d6,Memet Tursun,M,2004,G123465
"""


def test_document_numbers_are_read_normalised():
    records = parse_records(io.StringIO(DOC_ROWS))
    assert records[0].document == records[1].document == "653101198104021 1".replace(" ", "")
    assert records[2].document == "X1234567"


def test_same_document_number_overrides_a_birth_year_slip(tmp_path):
    result, out, pairs = _link(tmp_path, DOC_ROWS)
    assert result.exit_code == 0, result.output
    cluster = {r["id"]: r["cluster_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    # 1918 for 1981 would mean another generation, but the ID number is the same
    assert cluster["d1"] == cluster["d2"]
    # different numbers count against (a person may hold two documents: not a veto)
    by_pair = {(r["id_a"], r["id_b"]): r for r in csv.DictReader(pairs.open(encoding="utf-8"))}
    assert by_pair[("d3", "d4")]["document"] == "0"
    assert "document: different (-" in by_pair[("d3", "d4")]["explanation"]
    # a one-digit slip in the number is not a licence to link father and son
    assert cluster["d5"] != cluster["d6"]


def test_vectorised_levels_and_scores_equal_the_per_pair_definition(monkeypatch):
    import numpy as np

    from reunite.match import blocking
    from reunite.match.engine import fit
    from reunite.match.features import features
    from reunite.match.levels import columns, pair_levels
    from reunite.match.model import identity

    rows = HEADER + ROWS + "".join(
        f"x{i},{g} {f},{s},{y},,,{p},\n" for i, (g, f, s, y, p) in enumerate([
            ("Memet", "Tursun", "M", "1980", "Kashgar"), ("Tursun", "Memet", "M", "2005", ""),
            ("Gülnar", "Ablimit", "F", "", "Hotan"), ("Gulnur", "Ablimit", "F", "1999", "Hotan"),
            ("艾力", "买买提", "", "1975", "喀什"), ("Ali", "Memet", "M", "1975-02", "")]))
    # the same years but not the same days; a slip beside a Russian-style spelling
    rows += "y1,Kerim Rozi,M,1979-03-01,,,,\ny2,Kelim Rozi,M,,34,2014-06-01,,\n"
    rows += "y3,Карим Рози,M,1980,,,,\n"
    feats = [features(r) for r in parse_records(io.StringIO(rows))]
    found = blocking.candidate_pairs(feats)
    pairs = [*zip(*(x.tolist() for x in found), strict=True), (0, 9), (3, 12), (11, 14),
             (16, 17), (17, 18), (16, 18)]
    a = np.array([x for x, _ in pairs])
    b = np.array([y for _, y in pairs])
    levels = pair_levels(columns(feats), a, b)
    from reunite.match import levels as levels_module

    monkeypatch.setattr(levels_module, "PARALLEL_FROM", 1)  # share even this out
    in_two = pair_levels(columns(feats), a, b, workers=2)
    assert (in_two.table == levels.table).all() and (in_two.swapped == levels.swapped).all()
    model = fit(feats, (a, b))
    tf = np.array([model.name_tf.get(identity(f.given), 0.0) for f in feats])
    tff = np.array([model.name_tf.get(identity(f.father), 0.0) for f in feats])
    probability, weights = model.scores(
        levels, np.maximum(tf[a], np.where(levels.swapped, tff[b], tf[b])),
        np.maximum(tff[a], np.where(levels.swapped, tf[b], tff[b])))
    assert levels.swapped.any() and (levels.table == -1).any()
    assert tuple(levels.table[-3, :3]) == (1, 3, 1)  # Kerim/Kelim: similar; days apart
    assert tuple(levels.table[-2, :3]) == (4, 3, 2)  # Kelim/Карим: a slip apart; overlap
    assert (levels.table[:, 2] == 5).any()  # 1975-02 inside 1975
    # (given names the same and sexes agreeing: the sex weighed against the name's bearers)
    assert ((levels.table[:, 0] == 3) & (levels.table[:, 3] == 1) & ~levels.swapped).any()
    for k, (x, y) in enumerate(pairs):
        expected, comparison, expected_weights = model.score(feats[x], feats[y])
        assert tuple(levels.table[k]) == comparison.levels
        assert bool(levels.swapped[k]) == comparison.swapped
        assert probability[k] == pytest.approx(expected, abs=1e-9)
        assert list(weights[k]) == pytest.approx(expected_weights, abs=1e-9)


def test_the_conflict_rule_from_columns_is_the_rule_of_the_compared_levels():
    """Clustering asks whether two records cannot be one person of pairs that were never
    candidates; the rule worked out from the columns agrees with `conflicting` of `compare`
    on every pair of a file with siblings, swapped names, scripts, documents and ages."""
    from reunite.match.comparisons import compare, conflicting
    from reunite.match.features import features
    from reunite.match.levels import columns, conflict_rule

    rows = "id,name,sex,birth_date,age,age_on,place,document\n" + "".join(
        f"x{i},{g} {f},{s},{y},,,{p},{d}\n" for i, (g, f, s, y, p, d) in enumerate([
            ("Memet", "Tursun", "M", "1980", "Kashgar", "E1234567"),
            ("Tursun", "Memet", "M", "1980", "", ""), ("Mehmet", "Tursun", "M", "1960", "", ""),
            ("Memet", "Tursun", "M", "1960", "", "E1234567"), ("Ehmet", "Tursun", "M", "", "", ""),
            ("Gülnar", "Ablimit", "F", "", "Hotan", ""), ("Gulnur", "Ablimit", "F", "1999", "", ""),
            ("艾力", "买买提", "", "1975", "喀什", ""), ("Ali", "Memet", "M", "1975-02", "", ""),
            ("Memetjan", "Tursun", "M", "1981", "", ""), ("Мәмәт", "", "M", "1980", "", ""),
            ("Mihriban", "Ablikim", "F", "2011", "", ""),
            ("Mihrigül", "Ablikim", "F", "2013", "", ""),
            ("米日班", "阿不力克木", "F", "", "", "")]))
    records = parse_records(io.StringIO(rows))
    feats = [features(r) for r in records]
    rule = conflict_rule(columns(feats))
    verdicts = [(rule(x, y), conflicting(compare(feats[x], feats[y]).levels))
                for x in range(len(feats)) for y in range(len(feats)) if x != y]
    assert all(fast == slow for fast, slow in verdicts)
    assert {fast for fast, _ in verdicts} == {True, False}


def test_link_with_worker_processes_equals_link_in_one_process(monkeypatch):
    """Names compared in a pool of forked workers kept for the run (even a few pairs here)
    give the same pairs, scores and clusters as names compared in this process."""
    from reunite.match import levels as levels_module
    from reunite.match.engine import link

    records = parse_records(io.StringIO(HEADER + ROWS))
    alone = link(records, threshold=0.5, workers=1)
    monkeypatch.setattr(levels_module, "PARALLEL_FROM", 1)
    shared = link(records, threshold=0.5, workers=2)
    assert shared.assignments == alone.assignments
    assert shared.pairs == alone.pairs and alone.pairs
    assert levels_module._columns is None  # the pool was closed


def test_candidates_are_the_pairs_that_share_a_blocking_key():
    from itertools import combinations

    from reunite.match import blocking
    from reunite.match.features import features

    feats = [features(r) for r in parse_records(io.StringIO(HEADER + ROWS))]
    aliases = blocking.slip_aliases(feats)
    keys = [blocking.keys(f, aliases) for f in feats]
    expected = {(i, j) for i, j in combinations(range(len(feats)), 2) if keys[i] & keys[j]}
    a, b = blocking.candidate_pairs(feats)
    assert set(zip(a.tolist(), b.tolist(), strict=True)) == expected
    assert (a < b).all() and len(expected) > 5


def test_prior_is_counted_from_sure_pairs_not_from_namesakes():
    import numpy as np

    from reunite.match.engine import estimate_prior

    m = [list(r) for r in DEFAULT_M]
    m[0][3], m[1][3] = 0.8, 0.9
    u = [[1 / len(r)] * len(r) for r in DEFAULT_M]
    sure = np.array([[3, 3, 3, 1, -1, -1]] * 18, np.int8)
    namesakes = np.array([[3, 3, -1, 1, -1, -1]] * 5000, np.int8)
    table = np.concatenate([sure, namesakes])
    # 18 sure pairs found with probability 0.8 x 0.9 x 0.5^2 = 0.18 among matches: 100 matches
    prior = estimate_prior(table, m, u, exact_share=0.5, records=1000)
    assert prior == pytest.approx(100 / (1000 * 999 / 2))
    # too few sure pairs: EM's share among candidates, which the namesakes inflate
    fallback = estimate_prior(namesakes, m, u, exact_share=0.5, records=1000)
    assert fallback > 10 * prior


def _spellings_with_slips() -> list[str]:
    from reunite.match.features import name_feature
    from reunite.names.table import given_names

    rng = random.Random(7)
    words = [w for e in given_names()[:120] for w in e.spellings() if w and " " not in w]
    slipped = []
    for w in rng.sample(words, 150):
        k = rng.randrange(len(w))
        slipped.append(w[:k] + w[k + 1:] if len(w) > 3 else w + "a")
    out = words + slipped + ["Memetjan", "Ablimitjan", "艾力江", "Gülnarxan", "Tursunhaji"]
    return [w for w in out if name_feature(w).word]


def test_name_level_with_early_stopping_equals_the_full_comparison():
    """Matching asks only which level two names reach and stops aligning once the lowest
    level is out of reach; over table spellings in every script, with slips and suffixes,
    the level must be the one the full comparison gives."""
    from reunite.match.comparisons import _word_level, word_level

    words = _spellings_with_slips()
    rng = random.Random(11)
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(4000)]
    pairs += [(w, w[:-1]) for w in words[:300] if len(w) > 2]
    levels = Counter()
    for x, y in pairs:
        expected = _word_level(*sorted((x, y)))[0]
        assert word_level(x, y) == expected, (x, y)
        levels[expected] += 1
    assert all(levels[k] > 20 for k in range(4)), levels


def test_large_blocks_pair_neighbours_by_birth_and_by_place(monkeypatch):
    """In a block larger than MAX_BLOCK, records meet their REACH nearest by birth years and
    by place: never one born more than WINDOW years apart, always the nearest-born, those
    without a birth year their neighbours of the same place; and the count stays bounded."""
    from reunite.match import blocking
    from reunite.match.features import features

    monkeypatch.setattr(blocking, "MAX_BLOCK", 3)
    monkeypatch.setattr(blocking, "REACH", 2)
    rows = [("1950", "Kashgar"), ("1951", "Hotan"), ("1953", "Kashgar"), ("1956", "Hotan"),
            ("1990", "Aksu"), ("1990-05", "Aksu"), ("", "Aksu"), ("", "Hotan"), ("", ""),
            ("1992", "Kashgar"), ("1960", "Aksu")]
    text = HEADER + "".join(f"w{i},Memet Tursun,M,{y},,,{p},\n" for i, (y, p) in enumerate(rows))
    feats = [features(r) for r in parse_records(io.StringIO(text))]
    pairs = set(zip(*(x.tolist() for x in blocking.candidate_pairs(feats)), strict=True))
    for i, j in pairs:
        yi, yj = feats[i].years, feats[j].years
        assert yi is None or yj is None or max(yi[0], yj[0]) - min(yi[1], yj[1]) <= 2
    assert {(0, 1), (1, 2), (4, 5), (4, 9), (5, 9)} <= pairs  # nearest-born
    assert (0, 2) not in pairs and (3, 10) not in pairs  # three or four years apart
    assert {(4, 6), (6, 10), (1, 7), (3, 7)} <= pairs  # no birth year: same place, nearest

    many = HEADER + "".join(f"m{i},Memet Tursun,M,1980,,,Kashgar,\n" for i in range(200))
    feats = [features(r) for r in parse_records(io.StringIO(many))]
    a, _ = blocking.candidate_pairs(feats)
    assert 200 <= len(a) <= 200 * 4 * 2  # not the 19,900 pairs of everyone meeting everyone


def test_pair_set_keeps_each_pair_once_in_order(monkeypatch):
    import numpy as np

    from reunite.match.blocking import PairSet

    monkeypatch.setattr(PairSet, "BUCKETS", 5)
    monkeypatch.setattr(PairSet, "PENDING", 50)  # compacted many times over
    rng = np.random.default_rng(3)
    n = 97
    pieces = [rng.integers(0, n, size=(2, rng.integers(0, 80))) for _ in range(40)]
    found = PairSet(n)
    for x, y in pieces:
        found.add(np.minimum(x, y) * n + np.maximum(x, y))
    everything = np.concatenate([np.minimum(x, y) * n + np.maximum(x, y) for x, y in pieces])
    first, second = found.pairs()
    assert (first * n + second).tolist() == np.unique(everything).tolist()


@pytest.mark.parametrize(("x", "y", "level"), [
    ("Ekrem", "Ekem", 1),  # a letter dropped from a short name
    ("Eysa", "Esya", 1),  # two letters swapped
    ("Dilraba", "Dilirba", 1),  # two slips in a long name
    ("Shahide", "Shhaida", 1),
    ("Tursun", "Turghun", 0),  # two names of the table, one letter apart in Latin
    ("Ali", "Eli", 3),  # one name (Eli is the Uyghur spelling of Ali)
    ("Omer", "Oamr", 0),  # a short name twice slipped is not taken for it
    ("Ayjaal", "Ayjamal", 1),  # a slip in the spelling, further apart in the reading
    ("AIHEMAITIJIANG", "Ehmetcan", 3),  # Ehmet of the table, with -jan, in two scripts
    ("Ehmetjan", "Memetjan", 0),  # two names of the table with one suffix: two names
    ("Kelim", "Карим", 4),  # a slip (Kerim) beside a Russian-style spelling: a slip apart
    ("Dibar", "Dilber", 4),
    ("Ekber", "Ekrem", 0),  # two names of the table stay different
])
def test_keyboard_slips_are_similar_names_but_table_names_stay_apart(x, y, level):
    from reunite.match.comparisons import _word_level, word_level

    assert word_level(x, y) == level == _word_level(*sorted((x, y)))[0]


def test_a_slip_in_the_written_name_is_found_when_its_keys_are_two_apart():
    from reunite.match import blocking
    from reunite.match.features import features

    rows = HEADER + "".join(f"e{i},Muhemmet Elshat,M,{1950 + i},,,,\n" for i in range(5))
    rows += "s1,Muhemsmet Elshat,M,,,,,\n"  # keys 'muhemsmet' and 'muhemet': two edits
    feats = [features(r) for r in parse_records(io.StringIO(rows))]
    assert blocking.slip_aliases(feats) == {"Muhemsmet": ("Muhemmet",)}


def test_a_rare_slip_of_a_common_spelling_meets_its_records():
    from reunite.match import blocking
    from reunite.match.features import features

    rows = HEADER + "".join(f"e{i},Ekrem Ilham,M,{1960 + i},,,,\n" for i in range(5))
    rows += "s1,Ekem Ilham,M,,,,,\ns2,Eysa Tursun,M,,,,,\ns3,Ekber Ilham,M,,,,,\n"
    feats = [features(r) for r in parse_records(io.StringIO(rows))]
    aliases = blocking.slip_aliases(feats)
    assert aliases == {"Ekem": ("Ekrem",)}  # Ekber is two edits from Ekrem: a name of its own
    pairs = set(zip(*(x.tolist() for x in blocking.candidate_pairs(feats)), strict=True))
    assert {(k, 5) for k in range(5)} <= pairs
    assert not {(k, 7) for k in range(5)} & pairs


def test_a_number_one_slip_apart_or_a_birth_day_with_one_name_makes_a_candidate():
    from reunite.match import blocking
    from reunite.match.features import features

    rows = "id,name,sex,birth_date,age,age_on,place,document\n" + (
        "a1,Samuel Goldsworthy,M,1927-06-07,,,Naremburn,5061165\n"
        "a2,Samuel Hobson,M,1927-06-07,,,Naremburn,5061265\n"  # other surname, same day
        "b1,Madeline Lowe,F,1965,,,Carrara,8520720\n"
        "b2,Beau Lowe,F,1970,,,Carrara,8529720\n"  # number one slip apart
        "c1,Samuel Hobson,M,1928-06-07,,,Naremburn,1111111\n")  # another day, other number
    feats = [features(r) for r in parse_records(io.StringIO(rows))]
    pairs = set(zip(*(x.tolist() for x in blocking.candidate_pairs(feats)), strict=True))
    assert (0, 1) in pairs and (2, 3) in pairs
    assert (0, 4) not in pairs and (1, 4) in pairs  # c1 meets a2 by their names


def test_components_are_the_connected_parts():
    import numpy as np

    from reunite.match.cluster import components

    rng = random.Random(5)
    n = 300
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(200)]
    a = np.array([x for x, _ in pairs])
    b = np.array([y for _, y in pairs])
    found = components(n, a, b).tolist()
    parent = list(range(n))  # reference: union-find

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for x, y in pairs:
        rx, ry = find(x), find(y)
        parent[max(rx, ry)] = min(rx, ry)
    assert found == [min(i for i in range(n) if find(i) == find(k)) for k in range(n)]
    assert len(set(found)) < n - 50
