"""The layers: web, CLI and reports render what services return; they never query the store.

Allowed from ``reunite.store``: the registry (transactions, opening), the engine (connecting),
migrations (``reunite init``) and the account record type the web session carries. Any other
store module is a query module, and importing one from a renderer would let it build its own,
unchecked picture of a case.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "reunite"
ALLOWED = {"reunite.store.registry", "reunite.store.engine", "reunite.store.migrate",
           "reunite.store.accounts"}


def _store_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = ([node.module] if node.module != "reunite.store"
                     else [f"reunite.store.{a.name}" for a in node.names])
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n == "reunite.store" or n.startswith("reunite.store.")}
    return found


def _modules(*layers: str) -> list[Path]:
    return sorted(p for layer in layers for p in (PACKAGE / layer).rglob("*.py"))


def test_the_check_sees_an_import_of_a_query_module(tmp_path: Path) -> None:
    sample = tmp_path / "routes_x.py"
    sample.write_text("from reunite.store import cases as case_store\n"
                      "import reunite.store.persons\nfrom reunite.store.registry import Tx\n")
    assert _store_imports(sample) == {"reunite.store.cases", "reunite.store.persons",
                                      "reunite.store.registry"}


@pytest.mark.parametrize("path", _modules("web", "cli"), ids=lambda p: p.stem)
def test_web_and_cli_import_no_store_query_module(path: Path) -> None:
    assert _store_imports(path) - ALLOWED == set()


@pytest.mark.parametrize("path", _modules("reports"), ids=lambda p: p.stem)
def test_reports_do_not_touch_the_store(path: Path) -> None:
    assert _store_imports(path) == set()


def test_web_routes_are_all_checked() -> None:
    routes = [p.stem for p in _modules("web") if p.stem.startswith("routes_")]
    assert len(routes) >= 5
