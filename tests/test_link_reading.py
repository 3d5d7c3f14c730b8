"""Reading a `reunite link` file in several processes gives what reading it in one gives:
the same records in the same order, and the same first problem."""

import pytest

from reunite.errors import InvalidInput
from reunite.interchange.link_csv import merge_shares, parse_share
from reunite.services import link as link_service

HEADER = "id,name,sex,birth_date,age,age_on,place\n"


def _rows(n: int) -> list[str]:
    names = ["Mihriban Ablikim", "米日班·阿不力克木", "Абдулла Абликим", "مىھرىبان ئابلىكىم",
             "Tursun Memet"]
    return [f"r{i},{names[i % 5]},{'MF'[i % 2]},{1980 + i % 30},,,Hotan\n" for i in range(n)]


def _read(tmp_path, text: str | bytes, workers: int, monkeypatch):
    path = tmp_path / f"in{workers}.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    monkeypatch.setattr(link_service, "PARALLEL_BYTES", 0)  # even a small file in shares
    seen = []
    records = link_service.read_records(path, workers, lambda *a: seen.append(a))
    assert seen and seen[-1][1] == seen[-1][2]  # progress reached the file's size
    return records


@pytest.mark.parametrize("workers", [2, 3])
def test_records_read_in_shares_are_the_records_read_in_one(tmp_path, monkeypatch, workers):
    text = HEADER + "".join(_rows(40)[:17]) + "\n" + "".join(_rows(40)[17:])  # a blank line
    assert _read(tmp_path, text, workers, monkeypatch) == _read(tmp_path, text, 1, monkeypatch)


@pytest.mark.parametrize("bad, expected", [
    ({7: "r7,,M,1980,,,\n", 12: "r12,Ali Memet,X,1980,,,\n"}, "line 9, column 'name'"),
    ({12: "r12,Ali Memet,X,1980,,,\n", 7: "r3,Ali Memet,M,1980,,,\n"}, "line 9, column 'id'"),
    ({4: "r4,Ali Memet,M,198x,,,\n", 5: "r5,Ali,M\n"}, "line 6, column 'birth_date'"),
    ({5: "r5,Ali,M\n", 4: "r4,Ali Memet,M,1980,,,\n"}, "line 7: fewer fields"),
])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_the_first_problem_of_the_file_is_reported_whoever_reads_it(tmp_path, monkeypatch,
                                                                    workers, bad, expected):
    rows = _rows(20)
    for index, row in bad.items():
        rows[index] = row
    with pytest.raises(InvalidInput, match=expected):
        _read(tmp_path, HEADER + "".join(rows), workers, monkeypatch)


def test_a_file_that_is_not_utf8_is_refused_in_shares(tmp_path, monkeypatch):
    text = (HEADER + "".join(_rows(10))).encode() + "r10,Gülnar,F,1990,,,\n".encode("latin-1")
    with pytest.raises(InvalidInput, match=r"not UTF-8 text .*line 12"):
        _read(tmp_path, text, 2, monkeypatch)


def test_shares_merge_in_the_files_order():
    text = HEADER + "".join(_rows(11))
    parts = [parse_share(text.splitlines(keepends=True), k, 3) for k in range(3)]
    assert [len(p.records) for p in parts] == [4, 4, 3]
    merged = merge_shares(parts)
    assert [r.id for r in merged] == [f"r{i}" for i in range(11)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_byte_order_mark_as_spreadsheets_write_it_is_not_part_of_the_header(
        tmp_path, monkeypatch, workers):
    text = HEADER + "".join(_rows(6))
    with_mark = _read(tmp_path, b"\xef\xbb\xbf" + text.encode(), workers, monkeypatch)
    assert with_mark == _read(tmp_path, text, workers, monkeypatch)
