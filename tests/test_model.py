"""The scoring model's treatment of evidence that depends on other evidence."""

import io
import math

import pytest

from reunite.interchange.link_csv import parse_records
from reunite.match.features import features
from reunite.match.model import DEFAULT_M, DEFAULT_U, Model, estimate_sex_given


def _features(rows: list[tuple[str, str]]):
    text = "id,name,sex\n" + "".join(f"r{i},{name},{sex}\n" for i, (name, sex) in
                                     enumerate(rows))
    return [features(r) for r in parse_records(io.StringIO(text))]


def test_bearers_of_one_given_name_agree_on_sex_as_often_as_the_file_says():
    women = _features([("Gülnar Memet", "F")] * 60)
    both = _features([("Ali Memet", "M")] * 30 + [("Ali Tursun", "F")] * 30)
    # 60 women: every one of their 1,770 pairs agrees; 30 + 30: 870 of 1,770 pairs agree
    assert estimate_sex_given(women) > 0.98
    assert estimate_sex_given(both) < 0.7
    # records of unknown sex or without a given name are not counted
    assert estimate_sex_given(_features([("Gülnar Memet", "")] * 50)) == pytest.approx(
        estimate_sex_given(_features([("Gülnar Memet", "F")])))


def _model(sex_given: float) -> Model:
    return Model([list(r) for r in DEFAULT_M], [list(r) for r in DEFAULT_U], 0.001, {},
                 sex_given)


def test_agreeing_on_sex_adds_nothing_the_given_name_has_not_said():
    """Two records of 'Gülnar' agree on sex whether or not they are one person: with the
    given names the same, agreement on sex is weighed against how often bearers of the name
    agree (here always), not against a coin toss; with given names that only look alike, and
    for a disagreement, the sex keeps its weight."""
    f = _features([("Gülnar Memet", "F"), ("Gülnar Memet", "F"), ("Gülnar Memet", ""),
                   ("Gülnara Memet", "F"), ("Gülnar Memet", "M")])
    model, independent = _model(DEFAULT_M[3][1]), _model(0.0)
    same, comparison, weights = model.score(f[0], f[1])
    unknown, _, _ = model.score(f[0], f[2])
    assert comparison.levels[0] == 3 and comparison.levels[3] == 1
    assert weights[3] == pytest.approx(0.0) and same == pytest.approx(unknown)
    counted_twice, _, weights_independent = independent.score(f[0], f[1])
    assert weights_independent[3] == pytest.approx(math.log2(DEFAULT_M[3][1] / DEFAULT_U[3][1]))
    assert counted_twice > same
    _, close, close_weights = model.score(f[0], f[3])
    assert close.levels[0] < 3 and close.levels[3] == 1 and close_weights[3] > 0.9
    _, differ, differ_weights = model.score(f[0], f[4])
    assert differ.levels[3] == 0 and differ_weights[3] == pytest.approx(
        math.log2(DEFAULT_M[3][0] / DEFAULT_U[3][0]))


def test_a_rare_name_written_only_close_says_more_than_a_common_one():
    """Frequency weighs every level of name agreement from "similar" up: two spellings that
    are only close say more when the name is rare, less when it is common; names that
    differ get no frequency weight."""
    from reunite.match.model import identity

    f = _features([("Gülnar Memet", "F"), ("Gülnara Memet", "F"), ("Tursun Memet", "F")])
    level = f[0:2]
    shares = {"common": 0.05, "rare": 0.0001}
    probabilities = {}
    for name, share in shares.items():
        tf = {identity(f[0].given): share, identity(f[1].given): share,
              identity(f[2].given): share}
        model = Model([list(r) for r in DEFAULT_M], [list(r) for r in DEFAULT_U], 0.001, tf)
        probabilities[name], comparison, _ = model.score(*level)
        assert 1 <= comparison.levels[0] < 3
        _, different, weights = model.score(f[0], f[2])
        assert different.levels[0] == 0 and weights[0] == pytest.approx(
            math.log2(DEFAULT_M[0][0] / DEFAULT_U[0][0]))
    assert probabilities["rare"] > 0.5 > probabilities["common"]


@pytest.mark.parametrize("share", [0.0, 0.2, 0.375, 0.8, 1.0])
def test_birth_m_follows_the_files_share_of_exact_dates(share):
    from reunite.match.model import DATE_SLIPS, birth_m

    m = birth_m(share)
    assert sum(m) == pytest.approx(1.0) and all(p > 0 for p in m)
    assert m[4] / (m[3] + m[4]) == pytest.approx(DATE_SLIPS)
    assert m[:2] == list(DEFAULT_M[2][:2])
    if 0.1 <= share <= 0.95:  # two records of one person both give the day: share squared
        assert (m[3] + m[4]) / (m[2] + m[3] + m[4] + m[5]) == pytest.approx(share ** 2)
    assert birth_m(min(share + 0.1, 1.0))[3] >= m[3]


def test_birth_ranges_one_inside_the_other_are_told_from_ranges_that_overlap_in_part():
    """A day or a month inside a year, or the same year, is one range inside the other; an
    age stated at a date is a window across two calendar years, which a year overlaps only in
    part. The share of 'inside' expected between records of one person follows the file's
    kinds of birth range."""
    from reunite.match.comparisons import BIRTH_INSIDE, compare
    from reunite.match.levels import birth_kinds, columns
    from reunite.match.model import birth_m, inside_share

    text = ("id,name,birth_date,age,age_on\n" "d,Ali Memet,1980-03-14,,\n" "y,Ali Memet,1980,,\n"
            "m,Ali Memet,1980-03,,\n" "w,Ali Memet,,34,2014-06-01\n"
            "c,Ali Memet,,5,2016-12-31\n" "n,Ali Memet,,,\n")
    f = [features(r) for r in parse_records(io.StringIO(text))]
    birth = {(x.record.id, y.record.id): compare(x, y).levels[2] for x in f for y in f}
    assert birth["d", "y"] == birth["m", "y"] == birth["y", "y"] == BIRTH_INSIDE
    assert birth["y", "w"] == 2  # 1979-06-02..1980-06-01 and 1980: in part
    assert birth["d", "w"] == BIRTH_INSIDE  # 1980-03-14 is inside the window
    assert birth["d", "n"] == -1
    # the age of 5 on the last day of 2016 is the calendar year 2011
    assert birth_kinds(columns(f)) == (1, 3, 1)
    assert inside_share(0, 0, 10) == 0.0 and inside_share(0, 10, 0) == 1.0
    assert inside_share(5, 0, 5) == pytest.approx(2 * 0.5 * 0.5 / (1 - 0.25))
    few, many = birth_m(0.3, 0.1), birth_m(0.3, 0.9)
    assert sum(few) == pytest.approx(1.0) and sum(many) == pytest.approx(1.0)
    assert many[BIRTH_INSIDE] > few[BIRTH_INSIDE] and many[2] < few[2]
    assert many[3] == few[3]  # the same day does not depend on it
