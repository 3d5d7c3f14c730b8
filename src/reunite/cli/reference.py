"""`reunite names ...` and `reunite places ...`: look-ups that need no registry."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from reunite.cli.context import out
from reunite.cli.render import emit_json
from reunite.errors import NotFound
from reunite.services import reference

names_app = typer.Typer(no_args_is_help=True, help="Names across scripts and spellings.")
places_app = typer.Typer(no_args_is_help=True, help="The gazetteer of Xinjiang and countries.")
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def register(app: typer.Typer) -> None:
    app.add_typer(names_app, name="names")
    app.add_typer(places_app, name="places")


@names_app.command("show")
def names_show(name: Annotated[str, typer.Argument(help="A name in any script.")],
               as_json: Json = False) -> None:
    """Scripts, parts, the forms in each script, and the keys of a name."""
    d = reference.show_name(text=name)
    if as_json:
        emit_json(d)
        return
    scripts = ", ".join(f"{tok} ({script})" for tok, script in d.scripts)
    out.print(f"{d.normalised}  scripts: {scripts}; read as: {d.form}", style="bold")
    if d.removed:
        out.print("set aside: " + ", ".join(d.removed))
    table = Table("", *(p.role for p in d.parts))
    rows = {
        "written": [f"{p.written} ({p.convention})" for p in d.parts],
        "ULY": [p.uly + (" (approximate)" if p.approximate else "") for p in d.parts],
        "Arabic": [p.arabic for p in d.parts],
        "Cyrillic": [p.cyrillic for p in d.parts],
        "Turkish": [p.turkish for p in d.parts],
        "Chinese": [" / ".join(p.chinese) or "-" for p in d.parts],
        "name table": [f"{p.in_table} ({p.sex_in_table})" if p.in_table else "not listed"
                       for p in d.parts],
        "key": [p.key for p in d.parts],
        "skeleton": [p.skeleton for p in d.parts],
    }
    for label, cells in rows.items():
        table.add_row(label, *cells)
    out.print(table)


@names_app.command("compare")
def names_compare(a: str, b: str, as_json: Json = False) -> None:
    """How alike two names are (0-1), part by part, with the reasons."""
    c = reference.compare(a=a, b=b)
    if as_json:
        emit_json(c)
        return
    verdict = "same name" if c.same else "different names"
    out.print(f"{c.score:.2f} {verdict} (parts compared {c.order})", style="bold")
    for role, x, y, part in c.parts:
        out.print(f"  {role}: {x} ~ {y}: {part.score:.2f}")
        for reason in part.reasons:
            out.print(f"    - {reason}")


@places_app.command("find")
def places_find(text: Annotated[str, typer.Argument(help="A place name in any script.")],
                as_json: Json = False) -> None:
    """Resolve any spelling of a place; ambiguous and unknown names are reported as such."""
    r = reference.resolve_place(text=text)
    if as_json:
        emit_json(r)
    elif r.place is not None:
        p = r.place
        where = f" ({p.latitude}, {p.longitude})" if p.latitude is not None else ""
        out.print(f"{p.code} {p.chinese} {p.uly} {p.arabic} {p.pinyin} "
                  f"{p.english} [{p.kind}, {p.status}]{where}".replace("  ", " "))
        out.print(f"matched by: {r.matched_by}" + (f"; {r.note}" if r.note else ""))
    elif r.status == "ambiguous":
        out.print(f"ambiguous: {r.note}", style="bold yellow")
        for p in r.candidates:
            out.print(f"  {p.code} {p.chinese} {p.uly} [{p.kind}, {p.status}]")
    if r.status == "unknown":
        raise NotFound(f"no place matches {text!r}")
    if r.status == "ambiguous":
        raise typer.Exit(1)
