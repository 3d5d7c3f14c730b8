"""Dates with precision: parsing, intervals, ordering, ages, days since."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reunite.domain.dates import BirthDate, FuzzyDate, Precision, days_since
from reunite.errors import InvalidInput


@pytest.mark.parametrize(("text", "precision", "earliest", "latest", "canonical"), [
    ("2016-11-03", Precision.DAY, date(2016, 11, 3), date(2016, 11, 3), "2016-11-03"),
    ("2016-2", Precision.MONTH, date(2016, 2, 1), date(2016, 2, 29), "2016-02"),
    ("2017-02", Precision.MONTH, date(2017, 2, 1), date(2017, 2, 28), "2017-02"),
    ("2016", Precision.YEAR, date(2016, 1, 1), date(2016, 12, 31), "2016"),
    ("Late 2016", Precision.PART_OF_YEAR, date(2016, 9, 1), date(2016, 12, 31), "late 2016"),
    ("early 2017", Precision.PART_OF_YEAR, date(2017, 1, 1), date(2017, 4, 30), "early 2017"),
    ("summer 2017", Precision.SEASON, date(2017, 6, 1), date(2017, 8, 31), "summer 2017"),
    ("fall 2018", Precision.SEASON, date(2018, 9, 1), date(2018, 11, 30), "autumn 2018"),
    ("winter 2016", Precision.SEASON, date(2016, 12, 1), date(2017, 2, 28), "winter 2016"),
    ("before 2017-03", Precision.BEFORE, None, date(2017, 2, 28), "before 2017-03"),
    ("after 2016", Precision.AFTER, date(2017, 1, 1), None, "after 2016"),
    ("2016-11..2017-02", Precision.RANGE, date(2016, 11, 1), date(2017, 2, 28),
     "2016-11..2017-02"),
])
def test_parse_gives_interval_and_canonical_text(text, precision, earliest, latest, canonical):
    d = FuzzyDate.parse(text)
    assert (d.precision, d.earliest, d.latest, d.text) == (precision, earliest, latest, canonical)
    assert FuzzyDate.parse(d.text) == d  # canonical text parses back to the same date


@pytest.mark.parametrize("bad", ["2016-02-30", "2017-13", "2016-00-10", "someday 2016",
                                 "", "   ", "late", "2017..2016", "2016/11/03", "before"])
def test_impossible_or_malformed_dates_are_rejected(bad):
    with pytest.raises(InvalidInput):
        FuzzyDate.parse(bad)


def test_ordering_by_earliest_then_latest():
    texts = ["2017", "late 2016", "2016-10-20", "before 2016-01", "2016", "2016-09"]
    ordered = sorted((FuzzyDate.parse(t) for t in texts), key=FuzzyDate.sort_key)
    assert [d.text for d in ordered] == [
        "before 2016-01", "2016", "2016-09", "late 2016", "2016-10-20", "2017"]


def test_definitely_before_and_overlap():
    late, oct20, y2017 = (FuzzyDate.parse(t) for t in ("late 2016", "2016-10-20", "2017"))
    assert late.overlaps(oct20) and not late.definitely_before(oct20)
    assert oct20.definitely_before(y2017) and not y2017.definitely_before(oct20)


def test_age_at_date_gives_birth_range():
    b = BirthDate.parse("age 5 on 2016-11-15")
    assert (b.earliest, b.latest) == (date(2010, 11, 16), date(2011, 11, 15))
    assert b.year_range() == (2010, 2011)
    assert b.age_on(date(2016, 11, 15)) == (5, 5)


def test_age_at_month_widens_the_range():
    b = BirthDate.parse("6 in 2016-11")
    assert (b.earliest, b.latest) == (date(2009, 11, 2), date(2010, 11, 30))


def test_age_on_leap_day():
    b = BirthDate.from_age(4, FuzzyDate.parse("2020-02-29"))
    assert b.latest == date(2016, 2, 29)
    assert b.earliest == date(2015, 3, 1)


@pytest.mark.parametrize("bad", ["age 200 on 2016", "age 5 on before 2016", "age x on 2016"])
def test_impossible_ages_are_rejected(bad):
    with pytest.raises(InvalidInput):
        BirthDate.parse(bad)


@given(st.integers(0, 100), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_person_of_stated_age_is_that_age_on_that_day(age, day):
    b = BirthDate.from_age(age, FuzzyDate.of_day(day))
    youngest, oldest = b.age_on(day)
    assert youngest == oldest == age
    # one day either side of the range gives another age
    assert BirthDate(b.text, b.earliest - timedelta(days=1), b.earliest - timedelta(days=1)
                     ).age_on(day)[0] == age + 1


def test_days_since_exact_and_ranges():
    as_of = date(2026, 11, 23)
    assert days_since(FuzzyDate.parse("2026-11-13"), as_of).describe() == "10 days"
    span = days_since(FuzzyDate.parse("late 2016"), as_of)
    assert (span.minimum, span.maximum) == ((as_of - date(2016, 12, 31)).days,
                                            (as_of - date(2016, 9, 1)).days)
    before = days_since(FuzzyDate.parse("before 2017"), as_of)
    assert before.maximum is None and before.describe().startswith("at least ")
    # an interval reaching past as_of counts from as_of
    assert days_since(FuzzyDate.parse("2026"), as_of).minimum == 0


@given(st.dates(date(1950, 1, 1), date(2030, 12, 31)),
       st.sampled_from(["day", "month", "year", "late", "summer"]))
def test_interval_is_well_formed(day, form):
    text = {"day": day.isoformat(), "month": f"{day:%Y-%m}", "year": f"{day:%Y}",
            "late": f"late {day:%Y}", "summer": f"summer {day:%Y}"}[form]
    d = FuzzyDate.parse(text)
    assert d.earliest is not None and d.latest is not None and d.earliest <= d.latest
    if form in ("day", "month", "year"):
        assert d.earliest <= day <= d.latest
