"""The layer contract in pyproject.toml holds, and it would catch a lower layer
importing an upper one (or reviews and merch importing each other)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def test_every_package_imports_only_from_the_layers_below_it():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        # The encyclopedia reading articles (series/selectors did, before).
        (
            "series/views.py",
            "import newsroom.articles.models",
            "series is not allowed to import newsroom.articles",
        ),
        # Articles reaching up into reviews (the publish check did, before).
        (
            "newsroom/articles/services/workflow.py",
            "import reviews.checks",
            "newsroom.articles is not allowed to import reviews",
        ),
        # Two apps of the same layer depending on each other.
        (
            "reviews/feeds.py",
            "import newsroom.merch.blocks",
            "reviews is not allowed to import newsroom.merch",
        ),
    ],
)
def test_a_planted_upward_import_breaks_the_contract(tmp_path, module, planted, broken):
    for package in ("newsroom", "series", "reviews"):
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{planted}\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert broken in result.stdout
