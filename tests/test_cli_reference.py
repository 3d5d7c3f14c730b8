"""`reunite names` and `reunite places` from the command line (no registry needed)."""

import json

import pytest
from typer.testing import CliRunner

from reunite.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def test_names_show_json_gives_parts_and_forms():
    result = run("names", "show", "买买提·艾力", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(p["role"], p["uly"], p["arabic"]) for p in data["parts"]] == [
        ("given", "Memet", "مەمەت"), ("father", "Eli", "ئەلى")]
    assert data["form"] == "chinese-dot"


def test_names_show_prints_every_script():
    out = run("names", "show", "Мihriban").stdout
    assert "Mihriban" in out and "مىھرىبان" in out and "Миһрибан" in out and "米日班" in out


def test_names_compare_gives_score_and_reasons():
    data = json.loads(run("names", "compare", "Tursun", "吐尔洪", "--json").stdout)
    assert data["same"] is False and data["score"] < 0.6
    reasons = data["parts"][0][3]["reasons"]
    assert any("Turghun" in r for r in reasons)
    human = run("names", "compare", "Mihriban Ablikim", "米日班·阿不力克木").stdout
    assert "same name" in human and "given" in human and "father" in human


def test_places_find_resolves_and_reports_ambiguity():
    data = json.loads(run("places", "find", "Kaşgar", "--json").stdout)
    assert data["status"] == "resolved" and data["place"]["code"] == "653101"
    ambiguous = run("places", "find", "Yengisheher")
    assert ambiguous.exit_code == 1 and "ambiguous" in ambiguous.stdout
    unknown = run("places", "find", "Atlantis")
    assert unknown.exit_code == 3 and "no place matches" in unknown.output


@pytest.mark.parametrize("args", [
    ("names", "show", ""), ("names", "show", "नाम"), ("names", "show", "a" * 5000),
    ("names", "compare", "", "Ali"), ("places", "find", ""), ("places", "find", "x" * 500)])
def test_bad_input_is_a_clear_error_not_a_traceback(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
