"""The sub-packages are layers: core <- present <- dashboard, and the extractor beside them. Each layer imports
only what is below it, so the rules can be run and tested without a browser, a chart library or Streamlit."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vnintegration"

# layer -> what its modules must never import (top-level packages, or vnintegration sub-packages)
FORBIDDEN = {
    "core": {"streamlit", "plotly", "vnintegration.extract", "vnintegration.present", "vnintegration.dashboard"},
    "present": {"streamlit", "vnintegration.extract", "vnintegration.dashboard"},
    "extract": {"streamlit", "plotly", "vnintegration.dashboard", "vnintegration.present"},
}


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return names


def breaks_rule(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize(("layer", "module"), [(layer, p.name) for layer in FORBIDDEN
                                               for p in sorted((PACKAGE / layer).glob("*.py"))])
def test_a_layer_imports_nothing_above_it(layer, module):
    bad = {name for name in imported_names(PACKAGE / layer / module) if breaks_rule(name, FORBIDDEN[layer])}
    assert bad == set(), f"{layer}/{module} imports {sorted(bad)}"


def test_the_rule_catches_a_forbidden_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import streamlit as st\n    from vnintegration.present import i18n\n")
    assert {n for n in imported_names(module) if breaks_rule(n, FORBIDDEN["core"])} == {
        "streamlit", "vnintegration.present"}


def test_every_module_sits_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"]


def test_the_readme_layout_names_every_module():
    """The README's layout is how a newcomer finds a rule: a module it does not name is a module nobody finds."""
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 1)]
    modules = {p.stem for p in PACKAGE.rglob("*.py") if p.stem not in ("__init__", "__main__")}
    pages = {p.stem for p in (PACKAGE / "dashboard" / "pages").glob("*.py")} - {"__init__"}
    named = {m for m in modules - pages if f"{m}.py" in layout} | {p for p in pages if p in layout or
                                                                     p.split("_")[0] in layout}
    assert sorted(modules - named) == []
