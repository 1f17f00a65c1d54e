"""Dependencies point one way: webui -> index -> archive; only index/whoosh touches Whoosh."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The front door: the one module that imports every package.
CLI = REPO / "archive" / "cli.py"
# Benchmarks that build or query the plain Whoosh baseline (or pick words all engines index).
BASELINES = {REPO / "bench" / name for name in ("baselines.py", "relevance.py", "search.py")}
# Tests that build Whoosh indexes by hand: the fixes to Whoosh against Whoosh's own code, and the
# cached columns over several segments (which the archive's writer merges away).
ENGINE_TESTS = {REPO / "tests" / name for name in ("test_whoosh_patches.py", "test_doc_values.py")}


def imported_packages(path: Path) -> set[str]:
    """Return the top-level names a module imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize("package, forbidden", [
    ("archive", {"index", "webui", "whoosh", "flask"}),
    ("index", {"webui", "flask"}),
    ("webui", {"whoosh"}),
])
def test_packages_import_only_downstream(package, forbidden):
    offenders = {
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules(package)
        if path != CLI
        for name in imported_packages(path) & forbidden
    }
    assert offenders == set()


def test_only_the_whoosh_engine_imports_whoosh():
    engine = REPO / "index" / "whoosh"
    offenders = {
        str(path.relative_to(REPO))
        for package in ("archive", "index", "webui", "bench", "tests")
        for path in modules(package)
        if path not in BASELINES | ENGINE_TESTS and engine not in path.parents and "whoosh" in imported_packages(path)
    }
    assert offenders == set()


def imported_modules(path: Path) -> set[str]:
    """Return the full names of the modules a module imports from."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_web_and_the_command_line_go_through_the_engine_api():
    offenders = {
        f"{path.relative_to(REPO)} imports {name}"
        for path in [*modules("webui"), CLI]
        for name in imported_modules(path)
        if name == "index.whoosh" or name.startswith("index.whoosh.")
    }
    assert offenders == set()


def test_layering_check_sees_real_imports():
    assert {"whoosh", "archive", "index"} <= imported_packages(REPO / "index" / "whoosh" / "writer.py")
    assert "whoosh" in imported_packages(REPO / "bench" / "baselines.py")
