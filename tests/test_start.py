"""Starting: ``kim --help`` builds its parser without the engine, the start window without the
case file's machinery, and ``tools/run.sh`` names the system libraries Qt lacks before Qt
aborts. (How long it takes is measured by benchmarks/bench_start.py, not here.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from conftest import run_kim

import kim_desktop
from kim_desktop.cli import casefile_commands, data_commands, restriction_commands
from kim_desktop.gui import system_libraries

DATA = Path(__file__).parent / "data"
HEAVY = ("sqlalchemy", "sqlcipher3", "alembic", "reportlab", "argon2", "PySide6")


def modules_after(statement: str) -> set[str]:
    """The top-level packages loaded after ``statement`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{statement}\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return {name.partition(".")[0] for name in done.stdout.split()}


def test_the_parser_of_kim_is_built_without_the_engine() -> None:
    loaded = modules_after("from kim_desktop.cli import build_parser\nbuild_parser()")
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_start_window_module_loads_without_the_case_file_machinery() -> None:
    loaded = modules_after("import kim_desktop.gui.app, kim_desktop.gui.unlock")
    assert "PySide6" in loaded
    assert loaded.isdisjoint({"sqlalchemy", "sqlcipher3", "alembic", "reportlab"}), sorted(
        loaded & {"sqlalchemy", "sqlcipher3", "alembic", "reportlab"}
    )


def test_the_parser_spells_the_engines_codes_as_the_engine_does() -> None:
    from kim_desktop.core.casefile import storage
    from kim_desktop.core.casework import restriction, retention

    assert casefile_commands.ROLES == storage.ROLES
    assert restriction_commands.REASONS == restriction.REASONS
    assert restriction_commands.DEFAULT_REASON == restriction.DEFAULT_REASON
    assert data_commands.DEFAULT_SOON_DAYS == retention.DEFAULT_SOON_DAYS
    assert set(data_commands._REASONS) == {
        retention.CASE_CLOSED,
        retention.CONSENT_WITHDRAWN,
        retention.ALL_CASES_DUE,
        retention.COVER_ENDED,
        retention.COVER_RETURNED,
    }


def _type_only_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    names |= {(alias.asname or alias.name).split(".")[0] for alias in child.names}
    return names


def _functions(node: ast.AST) -> Iterator[ast.FunctionDef]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef):
            yield child
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child)


def test_what_is_imported_for_types_only_is_imported_again_where_it_runs() -> None:
    """The lazy imports' trap: a name imported under TYPE_CHECKING (for annotations) and
    used at run time without importing it in that function is a NameError that mypy and
    ruff do not see."""
    package = Path(kim_desktop.__file__).parent
    modules = sorted((package / "cli").glob("*.py")) + [
        package / "gui" / name for name in ("app.py", "unlock.py", "demo.py", "messages.py")
    ]
    unimported = []
    for path in modules:
        tree = ast.parse(path.read_text("utf-8"))
        type_only = _type_only_names(tree)
        for function in _functions(tree):
            imported = {
                (alias.asname or alias.name).split(".")[0]
                for node in ast.walk(function)
                if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names
            }
            annotations = {
                id(part)
                for node in ast.walk(function)
                for annotation in (
                    [node.annotation] if isinstance(node, ast.arg | ast.AnnAssign) else []
                )
                + ([node.returns] if isinstance(node, ast.FunctionDef) else [])
                if annotation is not None
                for part in ast.walk(annotation)
            }
            unimported += [
                f"{path.name}:{node.lineno} {function.name} uses {node.id}"
                for node in ast.walk(function)
                if isinstance(node, ast.Name)
                and node.id in type_only - imported
                and id(node) not in annotations
            ]
    assert unimported == []


def test_version_and_help_still_answer() -> None:
    version = run_kim("--version", passphrase=None)
    assert version.returncode == 0 and version.stdout.startswith("kim ")
    usage = run_kim("--help", passphrase=None)
    assert usage.returncode == 0
    for command in ("init", "demo", "stats", "restrict", "retention", "erase", "handover"):
        assert command in usage.stdout
    restrict = run_kim("restrict", "--help", passphrase=None)
    assert "legal_claims" in restrict.stdout


# -- system libraries ---------------------------------------------------------------------

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'


def test_missing_libraries_are_read_from_ldd() -> None:
    # ldd on PySide6's libqxcb.so, captured on Debian 12 with the two libraries hidden that
    # a fresh installation lacks (each is reported twice: by the plugin and by a Qt library)
    captured = (DATA / "ldd-libqxcb-missing-xcb-utils.txt").read_text("utf-8")
    assert system_libraries.missing_libraries(captured) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]


def test_nothing_is_missing_when_ldd_finds_everything() -> None:
    captured = (DATA / "ldd-libqxcb-missing-xcb-utils.txt").read_text("utf-8")
    complete = captured.replace(
        "libxcb-icccm.so.4 => not found", "libxcb-icccm.so.4 => /lib/libxcb-icccm.so.4 (0x1)"
    ).replace(
        "libxcb-keysyms.so.1 => not found",
        "libxcb-keysyms.so.1 => /lib/libxcb-keysyms.so.1 (0x2)",
    )
    assert system_libraries.missing_libraries(complete) == []
    assert system_libraries.missing_libraries("\tnot a dynamic executable\n") == []


def test_the_install_command_fits_the_system() -> None:
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libgthread-2.0.so.0"]
    assert system_libraries.install_command(missing, DEBIAN) == (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libglib2.0-0"
    )
    assert system_libraries.install_command(missing[:2], UBUNTU) == (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )
    assert system_libraries.install_command(missing[:1], FEDORA) == (
        "sudo dnf install 'libxcb-icccm.so.4()(64bit)'"
    )
    assert "libxcb-icccm.so.4" in system_libraries.install_command(missing, "ID=arch\n")
    # two libraries of one package: the package once
    glib = ["libglib-2.0.so.0", "libgthread-2.0.so.0"]
    assert system_libraries.install_command(glib, DEBIAN) == "sudo apt-get install libglib2.0-0"


def test_the_message_names_the_libraries_and_the_command() -> None:
    text = system_libraries.message(["libxcb-icccm.so.4"], DEBIAN)
    assert "libxcb-icccm.so.4" in text
    assert "sudo apt-get install libxcb-icccm4" in text


def test_this_machine_has_what_qt_needs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kim_desktop.gui.system_libraries"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
