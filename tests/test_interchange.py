"""Tabular interchange: dry run, all-or-nothing commit, update by external id, round trips
through XLSX and CSV, consent per audience, formula injection, and bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from reunite.domain.access import Actor, Role, local_actor
from reunite.domain.disclosure import Audience
from reunite.errors import InvalidInput, NotFound
from reunite.interchange.tabular import Mapping, read_tables, write_csv_folder, xlsx_bytes
from reunite.services.exporting import export_tables
from reunite.services.importing import import_tables
from reunite.store.advocacy import get_applications, get_interventions
from reunite.store.cases import get_cases
from reunite.store.engine import make_engine
from reunite.store.messages import get_messages
from reunite.store.persons import get_persons
from reunite.store.registry import Registry
from tests.conftest import PASSPHRASE, Cli, snapshot

ORG = "Istanbul office"


def cases_of(tx) -> list[str]:
    return [c.id for c in get_cases(tx)]
TABLES = {
    "sources": [["external_id", "kind", "title", "grade", "obtained"],
                ["S1", "interview", "Intake interview with the mother", "B2", "2021-02"]],
    "persons": [
        ["external_id", "given_name", "father_name", "full_name", "other_names", "sex", "birth",
         "hometown", "status", "tracing", "sharing", "publication", "sources"],
        ["M1", "Gulnar", "Tursun", "", "", "F", "1986", "Istanbul", "abroad", "yes", "yes",
         "named", "S1"],
        ["C1", "Mihriban", "Ablikim", "米日班·阿不力克木", "مىھرىبان ئابلىكىم@ug", "F",
         "age 5 on 2016-11-15", "Kashgar", "missing", "yes", "no", "none", "S1"],
        ["C2", "Abdulla", "Ablikim", "", "", "M", "2009", "Kashgar", "missing", "", "", "", "S1"],
    ],
    "relationships": [["external_id", "person", "kind", "other"],
                      ["R1", "M1", "parent", "C1"], ["R2", "M1", "parent", "C2"]],
    "cases": [["external_id", "searchers", "sought", "organisation", "priority", "opened_on",
               "summary"],
              ["K1", "M1", "C1;C2", ORG, "urgent", "2021-02-14", "=HYPERLINK(\"http://x\")"]],
    "events": [["external_id", "kind", "when", "persons", "case", "place", "institution",
                "institution_kind", "description", "sources"],
               ["E1", "last_contact", "late 2016", "C1;C2", "K1", "Hotan", "", "", "", "S1"],
               ["E2", "taken_to_institution", "2017-03", "C1", "K1", "Kashgar",
                "Kashgar Children's Welfare Home", "orphanage", "seen by a neighbour", "S1"]],
    "messages": [["external_id", "case", "channel", "when", "text", "from_person", "language",
                  "interpretation", "confidence", "interpreted_by"],
                 ["G1", "K1", "voice_message", "2017-02", "There are cadres at home.", "",
                  "ug", "officials present, cannot talk", "high", "the mother"]],
    "interventions": [["external_id", "case", "kind", "recipient", "sent_on", "response",
                       "response_on"],
                      ["I1", "K1", "letter", "Ministry of Foreign Affairs", "2021-03-10", "", ""]],
    "applications": [["external_id", "case", "person", "country", "kind", "stages"],
                     ["A1", "K1", "C1", "TR", "family_reunification", "filed 2020-01-15"]],
}
ROWS = sum(len(rows) - 1 for rows in TABLES.values())


def _folder(path: Path, tables: dict[str, list[list[str]]] = TABLES,
            encoding: str = "utf-8") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for kind, rows in tables.items():
        with (path / f"{kind}.csv").open("w", newline="", encoding=encoding) as fh:
            csv.writer(fh).writerows(rows)
    return path


def _import(registry: Registry, path: Path, *, commit: bool, actor: Actor | None = None,
            mapping: Mapping | None = None):
    with registry.transaction() as tx:
        return import_tables(tx, actor or local_actor("tester"), read_tables(path, mapping),
                             organisation=ORG, file_name=path.name, commit=commit)


def test_dry_run_writes_nothing_and_says_what_each_row_would_do(registry, engine,
                                                                 tmp_path) -> None:
    before = snapshot(engine)
    report = _import(registry, _folder(tmp_path / "in"), commit=False)
    assert report.counts() == {"create": ROWS} and not report.committed
    assert snapshot(engine) == before


def test_commit_then_reimport_changes_nothing_and_an_edit_updates(registry, engine,
                                                                   tmp_path) -> None:
    folder = _folder(tmp_path / "in")
    assert _import(registry, folder, commit=True).counts() == {"create": ROWS}
    with registry.transaction() as tx:
        people = get_persons(tx)
    assert len(people) == 3
    assert sorted(p.display_name() for p in people.values())[0] == "Abdulla Ablikim"
    before = snapshot(engine)
    again = _import(registry, folder, commit=True)
    assert again.counts() == {"unchanged": ROWS}
    after = snapshot(engine)
    assert {t: r for t, r in after.items() if t not in ("audit_log", "audit_head")} == {
        t: r for t, r in before.items() if t not in ("audit_log", "audit_head")}
    edited = {**TABLES, "persons": [*TABLES["persons"][:3],
                                    ["C2", "Abdulla", "Ablikim", "", "", "M", "2010",
                                     "Kashgar", "detained", "", "", "", "S1"]]}
    report = _import(registry, _folder(tmp_path / "edited", edited), commit=True)
    assert report.counts() == {"unchanged": ROWS - 1, "update": 1}
    with registry.transaction() as tx:
        people = get_persons(tx)
    assert len(people) == 3
    abdulla = next(p for p in people.values() if p.display_name() == "Abdulla Ablikim")
    assert abdulla.birth is not None and abdulla.birth.text == "2010"
    assert abdulla.status.value == "detained"


def _rows(path: Path, kind: str) -> list[dict[str, str]]:
    with (path / f"{kind}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_round_trip_through_xlsx_and_csv_into_another_registry(registry, tmp_path) -> None:
    _import(registry, _folder(tmp_path / "in"), commit=True)
    with registry.transaction() as tx:
        first = export_tables(tx, local_actor("tester"))
    workbook = tmp_path / "out.xlsx"
    workbook.write_bytes(xlsx_bytes(first.tables))
    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    other, _ = Registry.create(make_engine(other_url), PASSPHRASE, "tester")
    with other.transaction() as tx:
        report = import_tables(tx, local_actor("tester"), read_tables(workbook),
                               organisation=ORG, file_name="out.xlsx", commit=True)
    assert report.counts() == {"create": ROWS + 1}  # with the first registry's import source
    with other.transaction() as tx:
        second = export_tables(tx, local_actor("tester"))
    for kind in ("persons", "relationships", "cases", "events", "messages", "interventions",
                 "applications"):
        def strip(rows):
            return sorted(({k: v for k, v in r.items() if k != "sources"} for r in rows),
                          key=lambda r: r["external_id"])
        assert strip(second.tables[kind]) == strip(first.tables[kind]), kind
    write_csv_folder(tmp_path / "csv", second.tables)
    persons = {r["external_id"]: r for r in _rows(tmp_path / "csv", "persons")}
    assert persons["C1"]["full_name"] == "米日班·阿不力克木"
    assert persons["C1"]["other_names"] == "مىھرىبان ئابلىكىم@ug"
    assert persons["C1"]["birth"] == "age 5 on 2016-11-15"


def test_formula_cells_are_neutralised_on_export_and_restored_on_import(registry,
                                                                        tmp_path) -> None:
    _import(registry, _folder(tmp_path / "in"), commit=True)
    with registry.transaction() as tx:
        made = export_tables(tx, local_actor("tester"))
    write_csv_folder(tmp_path / "csv", made.tables)
    assert _rows(tmp_path / "csv", "cases")[0]["summary"] == "'=HYPERLINK(\"http://x\")"
    book = load_workbook(_xlsx(tmp_path, made.tables))
    cell = next(c for row in book["cases"].iter_rows() for c in row
                if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and str(cell.value).startswith("'=")
    back = read_tables(tmp_path / "csv")
    assert back["cases"][0].values["summary"] == "=HYPERLINK(\"http://x\")"


def _xlsx(tmp_path: Path, tables) -> Path:
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_bytes(tables))
    return path


def test_an_export_for_an_audience_follows_each_persons_consent(registry, tmp_path) -> None:
    _import(registry, _folder(tmp_path / "in"), commit=True)
    with registry.transaction() as tx:
        public = export_tables(tx, local_actor("tester"), audience=Audience.PUBLIC)
        lawyer = export_tables(tx, local_actor("tester"), audience=Audience.LAWYER)
    assert [r["given_name"] for r in public.tables["persons"]] == ["Gulnar"]
    assert public.withheld == 2 and public.tables["cases"] == []
    text = repr(lawyer.tables)
    assert "Mihriban" not in text and "米日班" not in text and "Ablikim" not in text
    assert "Kashgar" not in repr(lawyer.tables["persons"])  # hometowns of labelled persons
    assert lawyer.tables["messages"] == []  # verbatim text may name anyone
    assert {r["description"] for r in lawyer.tables["events"]} == {""}
    labelled = [r for r in lawyer.tables["persons"] if r.get("full_name", "").startswith("Person")]
    assert len(labelled) == 2 and {r["birth"] for r in labelled} == {"2010..2011", "2009"}
    assert lawyer.tables["cases"][0]["summary"] == ""


def test_a_mapping_reads_an_organisations_own_sheet_and_column_names(registry,
                                                                     tmp_path) -> None:
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text('[sheets]\n"Kişiler" = "persons"\n'
                            '[columns.persons]\n"Kimlik" = "external_id"\n"Adı" = "given_name"\n'
                            '"Baba adı" = "father_name"\n"Cinsiyet" = "sex"\n'
                            '[values.persons.sex]\n"Kız" = "F"\n"Erkek" = "M"\n',
                            encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = "Kişiler"
    sheet.append(["Kimlik", "Adı", "Baba adı", "Cinsiyet"])
    sheet.append(["T1", "Gülnar", "Tursun", "Kız"])
    sheet.append([2, "Ahmet", "Tursun", "Erkek"])  # a number as id, as spreadsheets do
    book.save(tmp_path / "kayit.xlsx")
    with registry.transaction() as tx:
        report = import_tables(tx, local_actor("tester"),
                               read_tables(tmp_path / "kayit.xlsx", Mapping.load(mapping_file)),
                               organisation=ORG, file_name="kayit.xlsx", commit=True)
    assert report.counts() == {"create": 2}
    with registry.transaction() as tx:
        people = sorted(get_persons(tx).values(), key=lambda p: p.display_name())
    assert [(p.display_name(), p.sex.value) for p in people] == [("Ahmet Tursun", "M"),
                                                                  ("Gülnar Tursun", "F")]


@pytest.mark.parametrize(("kind", "row", "column", "says"), [
    ("persons", ["C9", "Aygul", "", "", "", "X", "", "", "", "", "", "", ""], "sex", "F, M or U"),
    ("persons", ["C9", "Aygul", "", "", "", "F", "2017-13", "", "", "", "", "", ""], "birth", ""),
    ("persons", ["C9", "Aygul", "", "", "", "F", "2090", "", "", "", "", "", ""], "birth",
     "future"),
    ("persons", ["C9", "Aygul", "", "", "", "F", "", "", "vanished", "", "", "", ""], "status",
     "choose one of"),
    ("persons", ["C9", "", "", "", "", "F", "", "", "", "", "", "", ""], "given_name", "name"),
    ("relationships", ["R9", "M1", "parent", "NOBODY"], "other", "NOBODY"),
])
def test_a_bad_row_is_refused_with_its_place_and_a_commit_writes_nothing(
        registry, engine, tmp_path, kind, row, column, says) -> None:
    tables = {k: [*rows, row] if k == kind else rows for k, rows in TABLES.items()}
    folder = _folder(tmp_path / "bad", tables)
    before = snapshot(engine)
    report = _import(registry, folder, commit=False)
    [refused] = report.refused
    assert (refused.sheet, refused.line, refused.column) == (kind, len(tables[kind]), column)
    assert says in refused.reason
    with pytest.raises(InvalidInput, match="nothing imported"):
        _import(registry, folder, commit=True)
    assert snapshot(engine) == before


@pytest.mark.parametrize(("change", "says"), [
    (lambda t: {**t, "persons": [*t["persons"], t["persons"][1]]}, "already the id of line 2"),
    (lambda t: {**t, "persons": [[*t["persons"][0][:-1], "eye colour"], *t["persons"][1:]]},
     "unknown columns"),
    (lambda t: {**t, "sources": [["external_id", "title"], ["S1", "x"]]}, "missing columns"),
    (lambda t: {**t, "people": t["persons"]}, "not a sheet of the schema"),
])
def test_a_bad_file_is_refused_before_any_row(registry, tmp_path, change, says) -> None:
    folder = _folder(tmp_path / "bad", change(TABLES))
    with pytest.raises(InvalidInput, match=says):
        read_tables(folder)


def test_encodings(tmp_path) -> None:
    turkish = {"persons": [["external_id", "given_name"], ["T1", "Gülşen"]]}
    for name, encoding in (("bom", "utf-8-sig"), ("utf16", "utf-16")):
        rows = read_tables(_folder(tmp_path / name, turkish, encoding))["persons"]
        assert rows[0].values["given_name"] == "Gülşen"
    with pytest.raises(InvalidInput, match=r"not UTF-8 or UTF-16.*Windows-1254 \(Turkish\)"):
        read_tables(_folder(tmp_path / "legacy", turkish, "cp1254"))
    chinese = {"persons": [["external_id", "given_name"], ["T1", "米日班·阿不力克木"]]}
    with pytest.raises(InvalidInput, match=r"GB18030 \(Chinese\)"):
        read_tables(_folder(tmp_path / "gbk", chinese, "gb18030"))


def test_an_import_needs_write_permission_and_updates_only_visible_records(registry,
                                                                           tmp_path) -> None:
    folder = _folder(tmp_path / "in")
    with pytest.raises(NotFound):
        _import(registry, folder, commit=False, actor=Actor("u1", "an1", Role.ANALYST, ""))
    _import(registry, folder, commit=False, actor=Actor("u2", "cw1", Role.CASEWORKER, "T1"))
    _import(registry, folder, commit=True)  # by the local (admin) actor, assigned to tester
    edited = {**TABLES, "cases": [TABLES["cases"][0], [*TABLES["cases"][1][:4], "low",
                                                       *TABLES["cases"][1][5:]]]}
    report = _import(registry, _folder(tmp_path / "edited", edited), commit=False,
                     actor=Actor("u3", "cw2", Role.CASEWORKER, "T2"))
    # the persons and the case belong to another team's case: refused, never updated
    assert {o.external_id for o in report.refused} == {"M1", "C1", "C2", "K1"}
    assert all("may not change" in o.reason for o in report.refused)


def test_cli_import_dry_run_commit_and_export(cli: Cli, tmp_path) -> None:
    cli("init")
    folder = _folder(tmp_path / "in")
    dry = cli("import", str(folder), "--organisation", ORG)
    assert f"{ROWS} create" in dry.stdout and "dry run" in dry.stdout
    assert "imported" in cli("import", str(folder), "--organisation", ORG, "--commit").stdout
    assert f"{ROWS} unchanged" in cli("import", str(folder), "--organisation", ORG).stdout
    bad = _folder(tmp_path / "bad", {**TABLES, "persons": [*TABLES["persons"],
                  ["C9", "Aygul", "", "", "", "X", "", "", "", "", "", "", ""]]})
    refused = cli("import", str(bad), "--organisation", ORG, ok=False)
    assert refused.exit_code == 2 and "F, M or U" in refused.stdout
    failed = cli("import", str(bad), "--organisation", ORG, "--commit", ok=False)
    assert failed.exit_code == 2 and "nothing imported" in failed.output
    out = tmp_path / "out.xlsx"
    assert "exported" in cli("export", str(out)).stdout
    assert load_workbook(out).sheetnames == ["sources", "persons", "relationships", "cases",
                                             "events", "messages", "interventions",
                                             "applications"]


def test_an_edit_appends_an_interpretation_and_a_stage_and_answers_a_letter(registry,
                                                                          tmp_path) -> None:
    _import(registry, _folder(tmp_path / "in"), commit=True)
    edited = dict(TABLES)
    edited["messages"] = [TABLES["messages"][0],
                          [*TABLES["messages"][1][:7], "a warning: do not call", "medium",
                           "the caseworker"]]
    edited["applications"] = [TABLES["applications"][0],
                              [*TABLES["applications"][1][:5],
                               "filed 2020-01-15; refused 2020-09-02: no reason given"]]
    edited["interventions"] = [TABLES["interventions"][0],
                               [*TABLES["interventions"][1][:5], "We cannot comment.",
                                "2021-05-02"]]
    report = _import(registry, _folder(tmp_path / "edited", edited), commit=True)
    assert report.counts() == {"unchanged": ROWS - 3, "update": 3}
    with registry.transaction() as tx:
        case_id = next(iter(cases_of(tx)))
        [message] = get_messages(tx, case_id=case_id)
        [application] = get_applications(tx, case_id=case_id)
        [letter] = get_interventions(tx, case_id=case_id)
    assert [i.meaning for i in message.interpretations] == [
        "officials present, cannot talk", "a warning: do not call"]  # the first one kept
    assert message.text == "There are cadres at home."
    assert [s.stage.value for s in application.stages] == ["filed", "refused"]
    assert letter.response == "We cannot comment." and str(letter.response_on) == "2021-05-02"


def test_casework_rows_refer_to_their_case_and_persons(registry, tmp_path) -> None:
    bad = {**TABLES, "events": [*TABLES["events"],
                                ["E9", "seen", "2018", "", "", "", "", "", "", ""]]}
    [refused] = _import(registry, _folder(tmp_path / "bad", bad), commit=False).refused
    assert (refused.sheet, refused.column) == ("events", "case")
    future = {**TABLES, "interventions": [*TABLES["interventions"],
                                          ["I9", "K1", "letter", "UN", "2099-01-01", "", ""]]}
    [refused] = _import(registry, _folder(tmp_path / "future", future), commit=False).refused
    assert (refused.column, "future" in refused.reason) == ("sent_on", True)
