"""Nothing personal is readable in the database file or in a pg_dump of it.

Known names and a known testimony are written through the command line; then the raw bytes
of the SQLite file (with any journal beside it), or the output of pg_dump, are searched for
them. The organisation's name, stored in the clear by design, is the positive control: it
proves the scan sees the stored data.
"""

import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SECRETS = ["Mihriban", "مىھرىبان", "米日班", "Ablikimova", "E9876543",
           "there are cadres at home", "taken to the camp at night", "+90 555 123 4567",
           "Yengisar village"]
CONTROL = "Transparent Org Name"


def _raw_bytes(db_url: str) -> bytes:
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is needed to check the PostgreSQL dump (postgresql-client)")
    parts = urlsplit(db_url.replace("postgresql+psycopg://", "postgresql://"))
    schema = parse_qs(parts.query)["options"][0].split("=", 1)[1]
    dsn = parts._replace(query="").geturl()
    return subprocess.run([pg_dump, "--no-owner", "-n", schema, dsn], check=True,
                          capture_output=True).stdout


def _forms(value: str) -> list[bytes]:
    return [value.encode("utf-8"), value.encode("utf-16-le"), value.lower().encode("utf-8")]


def test_names_and_testimony_never_reach_the_disk_in_plaintext(cli):
    cli("init")
    src = cli.json("source", "add", "--kind", "interview", "--title", "Interview",
                   "--grade", "B2")["id"]
    mother = cli.json("person", "add", "--given", "Gulnar", "--father", "Ablikimova",
                      "--contact", "phone:+90 555 123 4567", "--source", src,
                      "--hometown", "Yengisar village")["id"]
    child = cli.json("person", "add", "--given", "Mihriban", "--given", "مىھرىبان@ug",
                     "--full", "米日班·阿不力克木@zh",
                     "--document", "passport:confiscated:E9876543",
                     "--notes", "taken to the camp at night", "--source", src)["id"]
    case = cli.json("case", "open", "--searcher", mother, "--sought", child,
                    "--organisation", CONTROL)["id"]
    message = cli.json("message", "add", "--case", case, "--text", "there are cadres at home",
                       "--channel", "phone", "--date", "2017-02", "--source", src)["id"]
    cli("message", "interpret", message, "--meaning", "taken to the camp at night",
        "--by", "her cousin Yengisar village")
    raw = _raw_bytes(cli.db_url)
    assert CONTROL.encode() in raw  # the scan does see stored values
    hits = [s for s in SECRETS if any(form in raw for form in _forms(s))]
    assert hits == []
