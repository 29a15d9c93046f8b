"""The rules of the layout (DESIGN.md §3, docs/architecture.md), checked on the source.

Every ``import`` statement counts, also those inside functions: a lazy import hides a cycle
from Python but not from the next reader."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "kim_desktop"

# The folders of core, left to right: a module may import from its own folder and from the
# folders to its left, never from one to its right. interchange and figures stand side by
# side and do not import each other. ``core/errors.py`` is the shared vocabulary of all.
CORE_ORDER: dict[str, int] = {
    "errors": 0,
    "platform": 1,
    "casefile": 2,
    "casework": 3,
    "interchange": 4,
    "figures": 4,
    "sync": 5,
    "documents": 6,
}
STORAGE_MODULES = (
    "kim_desktop.core.casefile.storage",
    "kim_desktop.core.casefile.models",
    "kim_desktop.core.casefile.migrate",
    "kim_desktop.core.casefile.audit",
    "sqlalchemy",
    "sqlcipher3",
    "alembic",
)
MAX_MODULE_LINES = 650  # "no module over ~600 lines"; migrations aside


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted(PACKAGE_ROOT.rglob("*.py"))
        if "migrations" not in path.parts
    }


def imported_names(path: Path) -> Iterator[str]:
    """Every module an import statement of ``path`` names (``from a import b`` yields
    ``a.b`` when that is a module of ours, else ``a``)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in modules() else base


def internal_imports(path: Path) -> set[str]:
    return {name for name in imported_names(path) if name in modules()}


def test_the_rules_see_every_module() -> None:
    names = modules()
    assert "kim_desktop.core.casefile.storage" in names
    assert "kim_desktop.gui.main_window" in names
    assert internal_imports(names["kim_desktop.core.figures.stats"]) >= {
        "kim_desktop.core.figures.residue",
        "kim_desktop.core.figures.district",
    }


def test_no_import_cycle_inside_kim_desktop() -> None:
    graph = {name: internal_imports(path) for name, path in modules().items()}
    # A package's __init__ importing its own submodules (re-exports) is not a cycle edge
    # when the submodule imports the package only to reach a sibling.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_core_imports_no_qt_and_nothing_of_gui_reports_or_cli() -> None:
    for name, path in modules().items():
        if not name.startswith("kim_desktop.core"):
            continue
        for imported in imported_names(path):
            assert not imported.startswith(("PySide6", "shiboken6")), f"{name} imports Qt"
            assert not imported.startswith(
                ("kim_desktop.gui", "kim_desktop.reports", "kim_desktop.cli")
            ), f"{name} imports {imported}"


def test_reports_import_nothing_of_storage_or_qt() -> None:
    for name, path in modules().items():
        if not name.startswith("kim_desktop.reports"):
            continue
        for imported in imported_names(path):
            assert not imported.startswith(STORAGE_MODULES), f"{name} imports {imported}"
            assert not imported.startswith(("PySide6", "kim_desktop.gui")), name


def core_folder(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) < 3 or parts[:2] != ["kim_desktop", "core"]:
        return None
    return parts[2]


def test_core_modules_live_in_the_folders_of_the_order() -> None:
    for name in modules():
        folder = core_folder(name)
        if folder is not None:
            assert folder in CORE_ORDER, f"{name}: core module outside the ordered folders"


def test_no_core_module_imports_from_a_folder_to_its_right() -> None:
    for name, path in modules().items():
        folder = core_folder(name)
        if folder is None:
            continue
        for imported in internal_imports(path):
            target = core_folder(imported)
            if target is None or target == folder:
                continue
            assert CORE_ORDER[target] < CORE_ORDER[folder], (
                f"{name} ({folder}) imports {imported} ({target}), which is not to its left"
            )


def test_gui_never_builds_sql() -> None:
    """The window holds a ``CaseFile`` handle; queries and models stay in core."""
    sql = tuple(m for m in STORAGE_MODULES if m != "kim_desktop.core.casefile.storage")
    for name, path in modules().items():
        if not name.startswith("kim_desktop.gui"):
            continue
        for imported in imported_names(path):
            assert not imported.startswith(sql), f"{name} imports {imported}"


def test_no_module_is_too_long_to_read() -> None:
    too_long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}, "cut these along their seams"
