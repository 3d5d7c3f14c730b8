"""The gazetteer: Xinjiang's divisions (current and retired codes) and countries."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Place:
    code: str  # 6-digit Chinese division code, or ISO 3166-1 alpha-2 for a country
    kind: str  # prefecture, county, xpcc-city, country
    status: str  # current or retired
    chinese: str
    pinyin: str
    uly: str
    arabic: str
    other: tuple[str, ...]
    latitude: float | None = None
    longitude: float | None = None
    successor: str = ""  # for a retired code: the code that replaced it
    english: str = ""

    @property
    def name(self) -> str:
        return self.english or self.uly or self.pinyin or self.chinese

    def within(self, other: Place) -> bool:
        """True when this county-level unit lies in the prefecture-level ``other``."""
        return (other.kind == "prefecture" and self.kind != "prefecture"
                and self.code[:4] == other.code[:4] and self.kind != "country")

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.code, self.chinese, self.pinyin, self.uly, self.arabic,
                                 self.english, *self.other) if s)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("reunite.places").joinpath(f"data/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _spelling_list(text: str) -> tuple[str, ...]:
    out = []
    for chunk in text.replace(";", ",").replace("|", ",").split(","):
        item = chunk.strip()
        if not item or "retired code" in item:
            continue
        for word in ("old Chinese ", "former ", "capital "):
            item = item.replace(word, "")
        base = item.split("(")[0].strip()
        if base:
            out.append(base)
    return tuple(dict.fromkeys(out))


@cache
def places() -> tuple[Place, ...]:
    kinds = {"P": "prefecture", "C": "county", "X": "xpcc-city"}
    found = [
        Place(r["code"], kinds[r["level"]], r["status"], r["chinese"], r["pinyin"], r["uly"],
              r["arabic"], _spelling_list(r["other"]),
              float(r["latitude"]) if r["latitude"] else None,
              float(r["longitude"]) if r["longitude"] else None, r["successor"])
        for r in _rows("xinjiang.tsv")]
    found += [
        Place(r["code"], "country", "current", r["chinese"], "", r["uly"], r["arabic"],
              _spelling_list(r["turkish"] + "|" + r["other"]), english=r["english"])
        for r in _rows("countries.tsv")]
    return tuple(found)


@cache
def by_code() -> dict[str, Place]:
    return {p.code: p for p in places()}
