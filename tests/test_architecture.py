"""The layout rules that import-linter cannot state: public APIs only, and schema knowledge in one place."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"
STAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def _imported(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_the_stages_are_packages() -> None:
    assert {"store", "ingest", "dedup", "agreement", "export", "cli", "tui"} <= set(STAGES)
    loose = sorted(p.name for p in PACKAGE.glob("*_*.py") if not p.name.startswith("__"))
    assert loose == [], "name-prefix families belong in a package"


@pytest.mark.parametrize("stage", STAGES)
def test_each_package_declares_its_public_api(stage: str) -> None:
    tree = ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))
    names = [
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    ]
    assert "__all__" in names


def test_code_outside_a_package_imports_only_its_public_api() -> None:
    reaching_in = []
    for path in _modules():
        own = _stage_of(path)
        for line, module in _imported(path):
            parts = module.split(".")
            if parts[0] != "factcheck" or len(parts) < 3 or parts[1] not in STAGES:
                continue
            if parts[1] != own:
                reaching_in.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert reaching_in == []


DEFAULT_FIELD_NAMES = ("checkworthy", "stance", "source", "source_type", "verification", "evidence", "note")
FORMAT_KEYS = {("export/fever.py", "evidence")}
"""Keys of an outside format spelled like a field: FEVER records have an ``evidence`` list."""


def test_no_default_field_name_is_written_outside_the_schema() -> None:
    names = "|".join(DEFAULT_FIELD_NAMES)
    quoted = re.compile(rf"""["']({names})["']""")
    found = []
    for path in _modules():
        if path.name == "schema.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            names = {m.group(1) for m in quoted.finditer(line)}
            names -= {name for where, name in FORMAT_KEYS if str(path.relative_to(PACKAGE)) == where}
            if names:
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []


def test_sqlite_is_imported_only_by_the_store() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules()
        if _stage_of(path) != "store"
        for line, module in _imported(path)
        if module.split(".")[0] in {"sqlite3", "sqlite_utils"}
    ]
    assert found == []


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def test_the_import_contracts_hold_and_catch_a_layer_violation(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE.parent / "pyproject.toml", tmp_path / "pyproject.toml")
    assert _lint_imports(tmp_path).returncode == 0
    clean = tmp_path / "factcheck" / "ingest" / "clean.py"
    clean.write_text(clean.read_text(encoding="utf-8") + "\nimport factcheck.tui  # noqa\n", encoding="utf-8")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "factcheck.ingest.clean -> factcheck.tui" in broken.stdout
