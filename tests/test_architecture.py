"""The stages import one way (design §7, docs/architecture.md).

The contracts live in pyproject.toml (``[tool.importlinter]``) and CI runs ``lint-imports``;
here they run with the tests too, and on a copy of the tree with a rule that imports the
engine, to show they fail when they should.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the packages of ``tree`` (found first on the path)."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
        ],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_tree_keeps_every_import_contract() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout


def test_a_rule_that_imports_the_engine_breaks_the_contract(tmp_path: Path) -> None:
    for name in ("roster", "constraints"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    rule = tmp_path / "constraints" / "min_rest.py"
    rule.write_text(rule.read_text() + "\nimport roster.engine.solve  # noqa\n")
    done = _lint_imports(tmp_path)
    assert done.returncode != 0
    assert "constraints.min_rest -> roster.engine.solve" in done.stdout
