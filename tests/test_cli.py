"""The command line end to end, on SQLite and PostgreSQL."""

import json

import pytest

from .conftest import PASSPHRASE, snapshot


@pytest.fixture
def ready(cli):
    """An initialised registry with a source, a mother, a child and a case."""
    cli("init")
    src = cli.json("source", "add", "--kind", "interview", "--title", "Intake interview",
                   "--grade", "B2", "--date", "2021-02-14")["id"]
    mother = cli.json("person", "add", "--given", "Gulnar", "--father", "Tursun", "--sex", "F",
                      "--status", "abroad", "--source", src, "--tracing", "--sharing")["id"]
    child = cli.json("person", "add", "--given", "Mihriban", "--father", "Ablikim",
                     "--given", "مىھرىبان@ug", "--sex", "F", "--born", "age 5 on 2016-11-15",
                     "--status", "missing", "--source", src)["id"]
    case = cli.json("case", "open", "--searcher", mother, "--sought", child,
                    "--organisation", "Families Org", "--priority", "urgent",
                    "--opened", "2021-02-14")["id"]
    return {"src": src, "mother": mother, "child": child, "case": case}


def test_init_prints_a_recovery_key_once_and_refuses_to_run_twice(cli):
    first = cli("init")
    assert "Recovery key" in first.stdout
    second = cli("init", ok=False)
    assert second.exit_code != 0 and "already has keys" in second.output


def test_full_casework_flow_and_timeline(cli, ready):
    r = ready
    cli("relate", r["mother"], "parent", r["child"], "--source", r["src"])
    cli("event", "add", "last_contact", "--date", "late 2016", "--person", r["child"],
        "--case", r["case"], "--source", r["src"], "--description", "video call")
    cli("event", "add", "taken_to_institution", "--date", "summer 2017", "--person", r["child"],
        "--case", r["case"], "--source", r["src"])
    msg = cli.json("message", "add", "--case", r["case"], "--text", "She went to study.",
                   "--channel", "third_party", "--date", "2018", "--source", r["src"])["id"]
    cli("message", "interpret", msg, "--meaning", "taken to a camp", "--by", "caseworker",
        "--confidence", "medium")
    app = cli.json("application", "add", "--case", r["case"], "--person", r["child"],
                   "--country", "TR", "family_reunification", "--filed", "2020-01-15")["id"]
    cli("application", "stage", app, "refused", "--date", "2020-09-02")
    t = cli.json("timeline", r["case"], "--as-of", "2026-11-23")
    kinds = [e["kind"] for e in t["entries"]]
    assert kinds == ["last_contact", "taken_to_institution", "message", "application",
                     "application", "case opened"]
    message = t["entries"][2]
    assert message["said"] == "She went to study."
    assert message["interpretations"][0]["meaning"] == "taken to a camp"
    assert message["summary"] != message["said"]
    assert t["entries"][0]["when"]["precision"] == "part_of_year"
    assert t["entries"][0]["sources"][0]["reliability"] == "B"
    days = next(p for p in t["persons"] if p["role"] == "sought")["days_since"]
    assert (days["minimum"], days["maximum"]) == (3614, 3735)
    human = cli("timeline", r["case"], "--as-of", "2026-11-23").stdout
    assert "late 2016 (part of year" in human and "[B2]" in human
    assert "3614 to 3735 days" in human


def test_as_of_changes_days_since_last_contact(cli, ready):
    r = ready
    cli("event", "add", "last_contact", "--date", "2016-11-03", "--person", r["child"],
        "--source", r["src"])
    view = cli.json("person", "show", r["child"], "--as-of", "2016-11-13")
    assert view["days_since_contact"]["minimum"] == 10
    assert "10 days" in cli("person", "show", r["child"], "--as-of", "2016-11-13").stdout


def test_person_show_lists_names_family_and_consent(cli, ready):
    r = ready
    cli("relate", r["mother"], "parent", r["child"], "--source", r["src"])
    view = cli.json("person", "show", r["mother"])
    assert [n["text"] for n in view["person"]["names"]] == ["Gulnar", "Tursun"]
    assert view["relatives"][0]["kind"] == "child"
    assert view["consent"]["tracing"] is True and view["consent"]["publication"] == "none"
    child = cli.json("person", "show", r["child"])
    assert [(n["text"], n["kind"], n["script"], n["language"])
            for n in child["person"]["names"]] == [
        ("Mihriban", "given", "latin", ""), ("مىھرىبان", "given", "arabic", "ug"),
        ("Ablikim", "father", "latin", "")]
    assert child["person"]["birth"]["year_min"] == 2010
    listed = cli.json("person", "list", "--status", "missing")
    assert [p["id"] for p in listed] == [r["child"]]


def test_person_edit_is_attributed_and_needs_a_source_for_facts(cli, ready):
    r = ready
    refused = cli("person", "edit", r["child"], "--status", "located", ok=False)
    assert refused.exit_code != 0 and "source" in refused.output
    cli("person", "edit", r["child"], "--status", "located", "--add-alias", "Mehriban",
        "--source", r["src"])
    person = cli.json("person", "show", r["child"])["person"]
    assert person["status"] == "located" and person["updated_by"] == "caseworker1"
    assert "Mehriban" in [n["text"] for n in person["names"]]


def test_interventions_due_list_most_overdue_first(cli, ready):
    r = ready
    for sent, follow in (("2021-03-10", "2021-06-10"), ("2022-01-05", "2022-04-05"),
                         ("2022-06-01", "2030-01-01")):
        cli("intervention", "add", "--case", r["case"], "letter", "--recipient", "Ministry",
            "--sent", sent, "--follow-up", follow)
    due = cli.json("intervention", "list", "--due", "--as-of", "2022-05-01")
    assert [d["follow_up_on"] for d in due] == ["2021-06-10", "2022-04-05"]
    assert due[0]["days_overdue"] > due[1]["days_overdue"] > 0


def test_case_list_show_status_and_close(cli, ready):
    r = ready
    cli("case", "status", r["case"], "tracing")
    assert cli.json("case", "list", "--status", "tracing")[0]["id"] == r["case"]
    cli("case", "close", r["case"], "--reason", "reunited")
    closed = cli.json("case", "show", r["case"])
    assert closed["case"]["status"] == "closed"
    assert closed["entries"][-1]["kind"] == "case closed"
    again = cli("case", "close", r["case"], "--reason", "x", ok=False)
    assert "already closed" in again.output


def test_passphrase_from_key_file_and_change_and_recovery(cli, tmp_path):
    out = cli("init").stdout
    recovery = out.strip().splitlines()[-1].strip()
    key_file = tmp_path / "key"
    key_file.write_text(PASSPHRASE + "\n")
    assert cli("--key-file", str(key_file), "person", "list", env={"REUNITE_PASSPHRASE": ""}
               ).exit_code == 0
    cli("key", "change-passphrase", "--new-from-env", "NEWPW",
        env={"NEWPW": "a brand new passphrase"})
    assert cli("person", "list", ok=False).exit_code == 4  # old passphrase no longer works
    assert cli("person", "list", env={"REUNITE_PASSPHRASE": "a brand new passphrase"}
               ).exit_code == 0
    cli("key", "recover", "--recovery-key", recovery, "--new-from-env", "NEWPW",
        env={"NEWPW": "recovered passphrase", "REUNITE_PASSPHRASE": ""})
    assert cli("person", "list", env={"REUNITE_PASSPHRASE": "recovered passphrase"}
               ).exit_code == 0


BAD_INPUT = [
    ("impossible date", ["event", "add", "detained", "--date", "2016-02-30", "--person", "{child}",
                         "--source", "{src}"], "impossible date"),
    ("future date", ["event", "add", "detained", "--date", "2999", "--person", "{child}",
                     "--source", "{src}"], "in the future"),
    ("malformed date", ["event", "add", "detained", "--date", "sometime", "--person", "{child}",
                        "--source", "{src}"], "unrecognised date"),
    ("unknown person", ["event", "add", "detained", "--date", "2017", "--person",
                        "P-000000000000", "--source", "{src}"], "no person with id"),
    ("unknown case", ["timeline", "C-000000000000"], "no case with id"),
    ("unknown source", ["person", "add", "--given", "X", "--source", "S-000000000000"],
     "no source with id"),
    ("wrong enum", ["event", "add", "abducted", "--date", "2017", "--person", "{child}",
                    "--source", "{src}"], "abducted"),
    ("wrong relationship", ["relate", "{mother}", "aunty", "{child}", "--source", "{src}"],
     "unknown relationship"),
    ("bad grade", ["source", "add", "--kind", "interview", "--title", "t", "--grade", "G9"],
     "reliability"),
    ("fact without source", ["event", "add", "detained", "--date", "2017", "--person",
                             "{child}"], "must cite at least one source"),
    ("person without source", ["person", "add", "--given", "X"], "at least one source"),
    ("relationship without source", ["relate", "{mother}", "parent", "{child}"],
     "at least one source"),
    ("message without source", ["message", "add", "--case", "{case}", "--text", "hi",
                                "--channel", "phone", "--date", "2017"], "at least one source"),
    ("self relationship", ["relate", "{child}", "sibling", "{child}", "--source", "{src}"],
     "themselves"),
    ("impossible age", ["person", "add", "--given", "X", "--born", "age 400 on 2016",
                        "--source", "{src}"], "impossible age"),
    ("bad country", ["application", "add", "--case", "{case}", "--person", "{child}",
                     "--country", "Turkey", "visa"], "two-letter"),
    ("bad as-of", ["person", "show", "{child}", "--as-of", "yesterday"], "not a valid date"),
    ("follow-up before sending", ["intervention", "add", "--case", "{case}", "letter",
                                  "--recipient", "M", "--sent", "2021-03-10",
                                  "--follow-up", "2021-01-01"], "before the sending date"),
    ("one name empty of two", ["person", "add", "--given", "Ali", "--father", " ",
                               "--source", "{src}"], "must not be empty"),
]


@pytest.mark.parametrize(("label", "args", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_clearly_and_changes_nothing(cli, ready, engine, label, args,
                                                          message):
    before = snapshot(engine)
    result = cli(*[a.format(**ready) for a in args], ok=False)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(engine) == before


def test_wrong_passphrase_is_refused_and_changes_nothing(cli, ready, engine):
    before = snapshot(engine)
    result = cli("person", "add", "--given", "X", "--source", ready["src"], ok=False,
                 env={"REUNITE_PASSPHRASE": "not the passphrase"})
    assert result.exit_code == 4 and "wrong passphrase" in result.output
    assert snapshot(engine) == before


def test_tampered_ciphertext_is_reported_without_traceback(cli, ready, engine):
    from sqlalchemy import select, update

    from reunite.store.tables import person_names

    with engine.begin() as conn:
        row = conn.execute(select(person_names.c.id, person_names.c.text_enc)
                           .where(person_names.c.person_id == ready["child"])).first()
        blob = bytearray(row.text_enc)
        blob[-1] ^= 0xFF
        conn.execute(update(person_names).where(person_names.c.id == row.id)
                     .values(text_enc=bytes(blob)))
    before = snapshot(engine)
    result = cli("person", "show", ready["child"], ok=False)
    assert result.exit_code == 5 and "failed authentication" in result.output
    assert snapshot(engine) == before


def test_uninitialised_database_says_to_run_init(cli):
    result = cli("person", "list", ok=False)
    assert result.exit_code == 6 and "reunite init" in result.output


def test_demo_builds_a_registry_and_prints_a_timeline(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from reunite.cli import app

    runner = CliRunner()
    env = {"REUNITE_HOME": str(tmp_path)}
    result = runner.invoke(app, ["demo", "--as-of", "2026-11-23", "--json"], env=env)
    assert result.exit_code == 0, result.output
    timeline = json.loads(result.stdout)
    kinds = {e["kind"] for e in timeline["entries"]}
    assert {"departed", "last_contact", "message", "intervention", "response", "application",
            "seen"} <= kinds
    assert (tmp_path / "demo.sqlite3").exists()
    again = runner.invoke(app, ["demo"], env=env)  # rebuilt, not appended to
    assert again.exit_code == 0 and "Timeline" in again.stdout


def test_search_and_reindex_from_the_command_line(cli, ready):
    # no consent is recorded for the child in `ready`: it is not searchable yet
    assert cli.json("search", "Mihriban Ablikim") == []
    cli("person", "consent", ready["child"], "--tracing")
    hits = cli.json("search", "مىھرىبان ئابلىكىم", "--born", "2011")
    assert hits[0]["person"]["id"] == ready["child"]
    assert hits[0]["fields"][0]["outcome"] == "match"
    cli("person", "consent", ready["child"], "--no-tracing")
    assert cli.json("search", "Mihriban Ablikim") == []
    result = cli("reindex")
    assert "2 persons indexed" in result.stdout


def test_dedupe_and_review_from_the_command_line(cli, ready):
    cli("person", "consent", ready["child"], "--tracing")
    twin = cli.json("person", "add", "--full", "米日班·阿不力克木", "--sex", "F",
                    "--born", "age 5 on 2016-11-15", "--source", ready["src"], "--tracing")["id"]
    assert "1 new candidate pairs" in cli("dedupe").stdout
    queue = cli.json("review", "list")
    assert {queue[0]["person_a"], queue[0]["person_b"]} == {ready["child"], twin}
    bad = cli("review", "decide", queue[0]["id"], "merge", "--reason", "x", ok=False)
    assert bad.exit_code == 2 and "unknown decision" in bad.output
    cli("review", "decide", queue[0]["id"], "confirmed", "--reason", "same child")
    assert cli.json("review", "list") == []
    shown = cli("person", "show", ready["child"]).stdout
    assert "Facts across linked records" in shown and twin in shown
