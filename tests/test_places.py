"""reunite.places: every spelling to one place; ambiguity and retired codes reported."""

import pytest

from reunite.errors import InvalidInput
from reunite.places.gazetteer import by_code, places
from reunite.places.resolve import find_place


@pytest.mark.parametrize("spelling", ["Kashgar", "Kashi", "喀什市", "قەشقەر", "Qeshqer",
                                      "Kaşgar", "Kashghar", "喀什", "Kashgar city", "Kashqar"])
def test_spellings_of_kashgar_resolve_to_one_place(spelling):
    r = find_place(spelling)
    assert r.status == "resolved" and r.place is not None and r.place.code == "653101"


def test_name_shared_with_the_prefecture_says_so():
    r = find_place("Kashgar")
    assert "653100" in r.note and [p.code for p in r.candidates] == ["653100"]


@pytest.mark.parametrize(("spelling", "code"), [
    ("Hotan", "653201"), ("Yarkand", "653125"), ("Yarkent", "653125"), ("莎车县", "653125"),
    ("Karakax", "653222"), ("墨玉", "653222"), ("Urumqi", "650100"), ("乌鲁木齐", "650100"),
    ("Ürümchi", "650100"), ("ئۈرۈمچى", "650100"), ("Kuqa", "652902"), ("Artush", "653001"),
    ("Germany", "DE"), ("Almanya", "DE"), ("tr", "TR"), ("Türkiye", "TR"), ("Xitay", "CN"),
    ("Қазақстан", "KZ")])
def test_resolution(spelling, code):
    r = find_place(spelling)
    assert r.status == "resolved" and r.place is not None and r.place.code == code


def test_retired_code_and_name_lead_to_the_current_unit():
    r = find_place("库车县")
    assert r.place is not None and r.place.code == "652902" and "652923" in r.note
    old = find_place("652100")
    assert old.place is not None and old.place.code == "650400"


def test_ambiguous_names_are_reported_not_guessed():
    r = find_place("Yengisheher")
    assert r.status == "ambiguous" and r.place is None
    assert {p.code for p in r.candidates} == {"650104", "653122"}


def test_unknown_place_is_reported():
    assert find_place("Atlantis").status == "unknown"


@pytest.mark.parametrize("bad", ["", "   ", "---", "x" * 500])
def test_bad_input_is_refused(bad):
    with pytest.raises(InvalidInput):
        find_place(bad)


def test_gazetteer_contents():
    xinjiang = [p for p in places() if p.kind != "country"]
    current = [p for p in xinjiang if p.status == "current"]
    assert len([p for p in current if p.kind == "prefecture"]) == 14
    assert all(p.latitude and 34 < p.latitude < 50 for p in current if p.latitude)
    assert by_code()["653228"].chinese == "和康县"  # created December 2024
    assert all(by_code()[p.successor].status == "current" for p in xinjiang if p.successor)
