"""A synthetic population of separated families with ground truth, for the linkage benchmark.

    python bench/population.py --records 100000 --out /tmp/pop100k.csv

Writes the input CSV of `reunite link` (id,name,given_name,father_name,sex,birth_date,age,
age_on,place) and, beside it, <out>.truth.csv (id,person). Families: a father, his children
(whose second name is his given name), siblings born 1-3 years apart; one child in ten is
named after the paternal grandfather (a namesake of another generation, written in the swapped
order of his father). Given names follow the name table's frequencies, extended with -jan
(male) and -gül (female) compounds. Each person is written in one to five records, each in one
style: Uyghur Latin, press/English Latin, Turkish, Arabic script, Cyrillic (Uyghur or
Russian-style), Chinese characters, or pinyin; with typos, missing fields and ages stated at
dates instead of birth dates.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from umsc import UgMultiScriptConverter

from reunite.names.chinese import NAME_READINGS
from reunite.names.table import given_names
from reunite.places.gazetteer import places

STYLES = (("uly", 0.2), ("press", 0.2), ("turkish", 0.1), ("arabic", 0.15),
          ("cyrillic", 0.1), ("han", 0.15), ("pinyin", 0.1))
RUSSIAN = str.maketrans("әғқңһөүҗӘҒҚҢҺӨҮҖ", "агкнхоужАГКНХОУЖ")
PRESS = (("x", "kh"), ("q", "k"), ("gh", "g"), ("é", "e"), ("ö", "o"), ("ü", "u"), ("e", "a"),
         ("j", "dj"), ("w", "v"), ("ch", "tch"))


@dataclass(frozen=True)
class Name:
    uly: str
    han: tuple[str, ...]
    weight: float
    variants: tuple[str, ...]


@dataclass
class Person:
    id: int
    given: Name
    father: Name
    sex: str
    born: date
    place: str


EXTRA = Path(__file__).parent / "names" / "extra_given_names.tsv"


def name_pools() -> tuple[list[Name], list[Name]]:
    """The name table (weights by its frequency class) with -jan/-gül compounds, and a long
    tail of further names from names/extra_given_names.tsv (with -jan/-gül compounds too)."""
    male: list[Name] = []
    female: list[Name] = []
    weight = {1: 1.0, 2: 3.0, 3: 8.0}
    for g in given_names():
        base = Name(g.uly, g.chinese, weight[g.frequency], g.variants)
        (male if g.sex == "M" else female).append(base)
        if g.chinese:
            if g.sex == "M" and not g.uly.endswith("jan"):
                male.append(Name(g.uly + "jan", tuple(h + "江" for h in g.chinese[:1]),
                                 weight[g.frequency] / 4, ()))
            if g.sex == "F" and "gül" not in g.uly:
                female.append(Name(g.uly + "gül", tuple(h + "古丽" for h in g.chinese[:1]),
                                   weight[g.frequency] / 4, ()))
    known = {n.uly for n in male + female}
    lines = [x for x in EXTRA.read_text("utf-8").splitlines() if x and not x.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["uly"] in known:
            continue
        pool = male if row["sex"] == "M" else female
        pool.append(Name(row["uly"], (), 0.6, ()))
        suffix = "jan" if row["sex"] == "M" else "gül"
        if not row["uly"].endswith(suffix) and "gül" not in row["uly"]:
            pool.append(Name(row["uly"] + suffix, (), 0.2, ()))
    return male, female


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.arabic = UgMultiScriptConverter("ULS", "UAS")
        self.cyrillic = UgMultiScriptConverter("ULS", "UCS")
        self.turkish = UgMultiScriptConverter("ULS", "CTS")

    def typo(self, word: str) -> str:
        if len(word) < 4:
            return word
        i = self.rng.randrange(1, len(word) - 1)
        op = self.rng.choice(("sub", "del", "ins", "swap"))
        letter = self.rng.choice("aeiourlnmstk")
        if op == "sub":
            return word[:i] + letter + word[i + 1:]
        if op == "del":
            return word[:i] + word[i + 1:]
        if op == "ins":
            return word[:i] + letter + word[i:]
        return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]

    def press(self, name: Name) -> str:
        if name.variants and self.rng.random() < 0.5:
            return self.rng.choice(name.variants)
        word = name.uly.lower()
        for a, b in self.rng.sample(PRESS, 3):
            word = word.replace(a, b)
        return word.capitalize()

    def write(self, name: Name, style: str) -> str:
        if style == "han":
            return self.rng.choice(name.han)
        if style == "pinyin":
            han = self.rng.choice(name.han)
            return "".join(NAME_READINGS.get(c) or lazy_pinyin(c, style=Style.NORMAL)[0]
                           for c in han).upper()
        if style == "arabic":
            return str(self.arabic(name.uly.lower()))
        if style == "cyrillic":
            text = str(self.cyrillic(name.uly.lower())).capitalize()
            return text.translate(RUSSIAN) if self.rng.random() < 0.4 else text
        if style == "turkish":
            return str(self.turkish(name.uly.lower())).capitalize()
        if style == "press":
            return self.press(name)
        return name.uly


def population(target_records: int, seed: int) -> list[tuple[Person, int]]:
    """Persons and how many records each gets, until the records reach the target."""
    rng = random.Random(seed)
    male, female = name_pools()
    mw, fw = [n.weight for n in male], [n.weight for n in female]
    counties = [p.code for p in places() if p.kind == "county" and p.status == "current"]
    out: list[tuple[Person, int]] = []
    total, pid = 0, 0
    while total < target_records:
        grandfather = rng.choices(male, mw)[0]
        father_name = rng.choices(male, mw)[0]
        place = rng.choice(counties)
        father_born = date(rng.randint(1950, 1990), 1, 1) + timedelta(days=rng.randrange(365))
        family = [Person(pid, father_name, grandfather, "M", father_born, place)]
        pid += 1
        born = father_born + timedelta(days=365 * rng.randint(20, 32))
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            sex = rng.choice("MF")
            if sex == "M" and rng.random() < 0.1:
                given = grandfather
            else:
                given = rng.choices(male, mw)[0] if sex == "M" else rng.choices(female, fw)[0]
            family.append(Person(pid, given, father_name, sex, born, place))
            pid += 1
            born += timedelta(days=rng.randint(365, 3 * 365))
        for person in family:
            k = rng.choices((1, 2, 3, 4, 5), (0.35, 0.3, 0.17, 0.11, 0.07))[0]
            out.append((person, k))
            total += k
    return out


def records(target: int, seed: int = 7) -> tuple[list[dict[str, str]], list[tuple[str, int]]]:
    rng = random.Random(seed + 1)
    writer = Writer(rng)
    all_places = {p.code: p for p in places()}
    rows, truth = [], []
    styles, weights = zip(*STYLES, strict=True)
    n = 0
    for person, k in population(target, seed):
        for _ in range(k):
            style = rng.choices(styles, weights)[0]
            if style in ("han", "pinyin") and not (person.given.han and person.father.han):
                style = "uly"
            given, father = writer.write(person.given, style), writer.write(person.father, style)
            if style in ("press", "uly", "turkish") and rng.random() < 0.12:
                given = writer.typo(given)
            if style == "han":
                name = f"{given}{rng.choice(['·', '・', '.', '·'])}{father}"
            else:
                name = f"{given} {father}"
            row = {"id": f"r{n}", "name": name, "given_name": "", "father_name": "",
                   "sex": "", "birth_date": "", "age": "", "age_on": "", "place": ""}
            if rng.random() < 0.2:
                row["given_name"], row["father_name"] = given, father
            if rng.random() < 0.7:
                row["sex"] = person.sex
            form = rng.random()
            if form < 0.3:
                row["birth_date"] = person.born.isoformat()
            elif form < 0.55:
                row["birth_date"] = str(person.born.year)
            elif form < 0.8:
                on = date(rng.randint(2016, 2022), rng.randint(1, 12), rng.randint(1, 28))
                age = on.year - person.born.year - ((on.month, on.day)
                                                    < (person.born.month, person.born.day))
                if age >= 0:
                    row["age"], row["age_on"] = str(age), on.isoformat()
            if rng.random() < 0.5:
                p = all_places[person.place]
                options = [s for s in (p.chinese, p.uly, p.pinyin, p.arabic, *p.other) if s]
                row["place"] = rng.choice(options)
            rows.append(row)
            truth.append((row["id"], person.id))
            n += 1
    return rows, truth


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rows, truth = records(args.records, args.seed)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(str(args.out) + ".truth.csv", "w", encoding="utf-8", newline="") as f:
        w2 = csv.writer(f)
        w2.writerow(["id", "person"])
        w2.writerows(truth)
    print(f"{len(rows)} records of {len({p for _, p in truth})} persons written to {args.out}")


if __name__ == "__main__":
    main()
