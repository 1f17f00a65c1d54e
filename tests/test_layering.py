"""Dependencies point one way: webui -> index -> archive; only index touches Whoosh."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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
        if path != REPO / "archive" / "cli.py"
        for name in imported_packages(path) & forbidden
    }
    assert offenders == set()


def test_layering_check_sees_real_imports():
    assert {"whoosh", "archive", "index"} <= imported_packages(REPO / "index" / "writer.py")
