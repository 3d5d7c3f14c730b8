"""Reading and writing the tabular schema: an XLSX workbook, a folder of CSV files, one CSV.

Reading decodes UTF-8 (with or without BOM) and UTF-16 (with BOM) and names what else a file
looks like; applies an organisation's mapping (TOML: its own sheet, column and value names to
the schema's); and refuses unknown sheets or columns, missing required columns, duplicate
external ids and oversized files with the sheet, line and column of the problem. Writing
neutralises cells that a spreadsheet would run as a formula (= + - @ at the start).
"""

from __future__ import annotations

import csv
import io
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reunite.errors import InvalidInput
from reunite.interchange.tabular_schema import KINDS, SCHEMA

MAX_BYTES = 100 * 1024 * 1024
MAX_CELL = 10_000


@dataclass(frozen=True)
class Row:
    sheet: str
    line: int  # as the user sees it: 1 is the header
    values: dict[str, str]


@dataclass(frozen=True)
class Mapping:
    sheets: dict[str, str] = field(default_factory=dict)  # own name -> kind
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # kind: own -> schema
    values: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # kind: col: own

    @classmethod
    def load(cls, path: Path) -> Mapping:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InvalidInput(f"mapping {path}: {exc}") from None
        unknown = set(data) - {"sheets", "columns", "values"}
        if unknown:
            raise InvalidInput(f"mapping {path}: unknown sections {sorted(unknown)}; "
                               "use [sheets], [columns.KIND] and [values.KIND.COLUMN]")
        sheets = {_norm(k): str(v) for k, v in data.get("sheets", {}).items()}
        for kind in [*sheets.values(), *data.get("columns", {}), *data.get("values", {})]:
            if kind not in SCHEMA:
                raise InvalidInput(f"mapping {path}: {kind!r} is not a sheet of the schema "
                                   f"({', '.join(KINDS)})")
        columns = {k: {_norm(own): str(ours) for own, ours in v.items()}
                   for k, v in data.get("columns", {}).items()}
        values = {k: {c: {str(own).strip().casefold(): str(ours) for own, ours in m.items()}
                      for c, m in v.items()} for k, v in data.get("values", {}).items()}
        return cls(sheets, columns, values)


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(f"{name}: starts as UTF-16 but does not decode as UTF-16") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{name}: not UTF-8 or UTF-16 (byte {exc.start} is not UTF-8; the "
                           f"file looks like {_guess(data)}); save it as UTF-8 and import "
                           "again") from None


_LEGACY = (
    ("Windows-1254 (Turkish)", "cp1254", lambda c: c in "çğıöşüÇĞİÖŞÜâîû"),
    ("Windows-1251 (Cyrillic)", "cp1251", lambda c: "\u0400" <= c <= "\u04ff"),
    ("Windows-1256 (Arabic script)", "cp1256", lambda c: "\u0600" <= c <= "\u06ff"),
    ("GB18030 (Chinese)", "gb18030", lambda c: "\u4e00" <= c <= "\u9fff"),
)


def _guess(data: bytes) -> str:
    """The legacy encoding under which the non-ASCII characters read as one script's letters."""
    best, score = "an unknown encoding", 0.5
    for label, encoding, fits in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) > 127]
        share = sum(map(fits, wide)) / len(wide) if wide else 0.0
        if share > score:
            best, score = label, share
    return best


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else (
            value.isoformat(sep=" "))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(kind_or_own: str, mapping: Mapping, where: str) -> str:
    own = _norm(kind_or_own)
    kind = mapping.sheets.get(own, own)
    if kind not in SCHEMA:
        raise InvalidInput(f"{where}: {kind_or_own!r} is not a sheet of the schema "
                           f"({', '.join(KINDS)}); name it so or map it in the mapping file")
    return kind


def _rows(kind: str, header: list[str], body: Iterable[tuple[int, list[str]]],
          mapping: Mapping, where: str) -> list[Row]:
    own_columns = mapping.columns.get(kind, {})
    names = [own_columns.get(_norm(h), _norm(h)) for h in header]
    known = {c.name for c in SCHEMA[kind]}
    unknown = [h for h, n in zip(header, names, strict=True) if n and n not in known]
    if unknown:
        raise InvalidInput(f"{where}, line 1: unknown columns {unknown}; the {kind} sheet has "
                           f"{', '.join(sorted(known))} (or map them in the mapping file)")
    missing = [c.name for c in SCHEMA[kind] if c.required and c.name not in names]
    if missing:
        raise InvalidInput(f"{where}, line 1: missing columns {missing}")
    doubled = sorted({n for n in names if n and names.count(n) > 1})
    if doubled:
        raise InvalidInput(f"{where}, line 1: columns given twice: {doubled}")
    value_maps = mapping.values.get(kind, {})
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, cells in body:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            raise InvalidInput(f"{where}, line {line}: {len(cells)} cells, but the header has "
                               f"{len(names)} columns")
        values = {}
        for n, c in zip(names, cells, strict=False):
            if not n:
                continue
            if len(c) > MAX_CELL:
                raise InvalidInput(f"{where}, line {line}, column {n!r}: longer than "
                                   f"{MAX_CELL} characters")
            value = " ".join(c.split()) if n not in ("notes", "description", "summary") else c
            if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
                value = value[1:]  # a cell our export neutralised (see neutralise)
            values[n] = value_maps.get(n, {}).get(value.casefold(), value)
        ext = values.get("external_id", "")
        if not ext:
            raise InvalidInput(f"{where}, line {line}, column 'external_id': empty; every row "
                               "needs the organisation's own id of the record")
        if ext in seen:
            raise InvalidInput(f"{where}, line {line}, column 'external_id': {ext!r} is "
                               f"already the id of line {seen[ext]}")
        seen[ext] = line
        rows.append(Row(kind, line, values))
    return rows


def _read_csv(text: str, kind: str, mapping: Mapping, where: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidInput(f"{where}: the file is empty")
        body = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise InvalidInput(f"{where}, line {reader.line_num}: not valid CSV ({exc})") from None
    return _rows(kind, header, body, mapping, where)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(f"{path}: {path.stat().st_size // (1024 * 1024)} MB is more than "
                               f"the {MAX_BYTES // (1024 * 1024)} MB an import takes; split it")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None


def _read_xlsx(path: Path, mapping: Mapping) -> dict[str, list[Row]]:
    from openpyxl import load_workbook

    data = _read_bytes(path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput(f"{path}: not a readable XLSX workbook ({exc})") from None
    found: dict[str, list[Row]] = {}
    try:
        for sheet in book.worksheets:
            where = f"{path.name}, sheet {sheet.title!r}"
            kind = _sheet(sheet.title, mapping, where)
            lines = sheet.iter_rows(values_only=True)
            header = [_cell(v) for v in next(lines, ())]
            if not any(header):
                continue
            body = ((n, [_cell(v) for v in cells]) for n, cells in enumerate(lines, start=2))
            found[kind] = _rows(kind, header, body, mapping, where)
    finally:
        book.close()
    return found


def read_tables(path: Path, mapping: Mapping | None = None) -> dict[str, list[Row]]:
    """The rows of each sheet found at ``path`` (an .xlsx, a .csv named after its sheet, or a
    folder of such CSV files), by kind."""
    mapping = mapping or Mapping()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise InvalidInput(f"{path}: no .csv files in this folder")
    elif path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, mapping)
    elif path.suffix.lower() == ".csv":
        files = [path]
    elif not path.exists():
        raise InvalidInput(f"{path} does not exist")
    else:
        raise InvalidInput(f"{path}: give an .xlsx workbook, a .csv file or a folder of them")
    found: dict[str, list[Row]] = {}
    for f in files:
        kind = _sheet(f.stem, mapping, f.name)
        if kind in found:
            raise InvalidInput(f"{f.name}: a second file for the {kind} sheet")
        found[kind] = _read_csv(decode(_read_bytes(f), f.name), kind, mapping, f.name)
    return found


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula, made text (OWASP's CSV injection advice)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _table(kind: str, rows: list[dict[str, str]]) -> list[list[str]]:
    names = [c.name for c in SCHEMA[kind]]
    return [names, *([neutralise(r.get(n, "")) for n in names] for r in rows)]


def write_csv_folder(folder: Path, tables: dict[str, list[dict[str, str]]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(_table(kind, tables.get(kind, [])))
        target = folder / f"{kind}.csv"
        target.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(target)
    return written


def xlsx_bytes(tables: dict[str, list[dict[str, str]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for kind in KINDS:
        sheet = book.create_sheet(kind)
        for row in _table(kind, tables.get(kind, [])):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
