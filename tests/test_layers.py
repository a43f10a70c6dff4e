"""The sub-packages are layers: core <- present <- dashboard, and the extractor beside them; the data API (api/)
beside the dashboard. Each layer imports only what is below it, so the rules can be run and tested without a
browser, a chart library or Streamlit. The API reads its parameters with the pages' own pure URL parsers, the only
dashboard modules it may import (an address and its page must read the same view).
Inside the package, imports form no cycle: a module that needs another's name imports it at the top, and an
import hidden in a function to dodge a cycle is a cycle all the same."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vnintegration"

# layer -> what its modules must never import (top-level packages, or vnintegration sub-packages)
FORBIDDEN = {
    "core": {"streamlit", "plotly", "vnintegration.extract", "vnintegration.present", "vnintegration.dashboard"},
    "present": {"streamlit", "vnintegration.extract", "vnintegration.dashboard"},
    "extract": {"streamlit", "plotly", "vnintegration.dashboard", "vnintegration.present"},
    "api": {"streamlit", "plotly", "vnintegration.extract", "vnintegration.dashboard"},
}
# layer -> the modules above it that it may import all the same (pure), with their names and their package
ALLOWED = {
    "api": {"vnintegration.dashboard.urls", "vnintegration.dashboard.views", "vnintegration.dashboard.peers_state"},
}


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function; `from a import b` names both a and a.b
    (b may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def breaks_rule(name: str, forbidden: set[str], allowed: set[str] = frozenset()) -> bool:
    exempt = (name in allowed or name.rpartition(".")[0] in allowed  # the module, or a name it defines
              or any(a.startswith(name + ".") for a in allowed))  # its package (`from package import module`)
    return not exempt and any(name == f or name.startswith(f + ".") for f in forbidden)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the package's modules it imports (a package's own __init__ counts only when named)."""
    return {name: {n for n in imported_names(path) if n in modules and n != name} for name, path in modules.items()}


def a_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first == last), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


@pytest.mark.parametrize(("layer", "module"), [(layer, str(p.relative_to(PACKAGE / layer))) for layer in FORBIDDEN
                                               for p in sorted((PACKAGE / layer).rglob("*.py"))])
def test_a_layer_imports_nothing_above_it(layer, module):
    bad = {name for name in imported_names(PACKAGE / layer / module)
           if breaks_rule(name, FORBIDDEN[layer], ALLOWED.get(layer, set()))}
    assert bad == set(), f"{layer}/{module} imports {sorted(bad)}"


def test_the_api_loads_no_streamlit_even_through_what_it_imports():
    """The modules the API may import from the dashboard must stay pure: importing the API in a fresh interpreter
    loads neither Streamlit nor plotly nor the extractor, nor any other dashboard module."""
    code = ("import sys, vnintegration.api; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('streamlit', 'plotly') or m.startswith(('vnintegration.dashboard', 'vnintegration.extract'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)}).stdout
    assert ast.literal_eval(loaded) == sorted(ALLOWED["api"] | {"vnintegration.dashboard",
                                                               "vnintegration.dashboard.registry"})


def test_the_api_rule_catches_a_dashboard_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from vnintegration.dashboard import caches, views\nfrom vnintegration.dashboard.urls import ids\n")
    assert {n for n in imported_names(module) if breaks_rule(n, FORBIDDEN["api"], ALLOWED["api"])} == {
        "vnintegration.dashboard.caches"}


def test_the_rule_catches_a_forbidden_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import streamlit as st\n    from vnintegration.present import i18n\n")
    assert {n for n in imported_names(module) if breaks_rule(n, FORBIDDEN["core"])} == {
        "streamlit", "vnintegration.present", "vnintegration.present.i18n"}


def test_the_package_has_no_import_cycle():
    cycle = a_cycle(import_graph(MODULES))
    assert cycle == [], "import cycle: " + " -> ".join(cycle)


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    (tmp_path / "vnintegration").mkdir()
    (tmp_path / "vnintegration" / "a.py").write_text("from vnintegration import b\n")
    (tmp_path / "vnintegration" / "b.py").write_text("def f():\n    from vnintegration.a import g\n")
    (tmp_path / "vnintegration" / "c.py").write_text("from vnintegration import a\n")
    graph = {f"vnintegration.{m}": {n for n in imported_names(tmp_path / "vnintegration" / f"{m}.py")
                                    if n.startswith("vnintegration.") and n.count(".") == 1} for m in "abc"}
    assert a_cycle(graph) == ["vnintegration.a", "vnintegration.b", "vnintegration.a"]
    del graph["vnintegration.b"]
    graph["vnintegration.a"] = set()
    assert a_cycle(graph) == []


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
