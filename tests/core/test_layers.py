"""The apps' layers (pyproject.toml [tool.importlinter]) hold, and breaking one is noticed."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("exchange", "practices", "search")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool on our own code
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_apps_keep_to_their_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lower_app_importing_a_higher_one_breaks_the_contract(tmp_path):
    """The contract is not a no-op: themes reaching up to search (as it once did) fails it."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    services = tmp_path / "exchange" / "themes" / "services.py"
    services.write_text(
        services.read_text()
        + "\n\ndef _reindex(pk):\n    from search.sync import enqueue_sync\n\n"
        + "    enqueue_sync('practice', pk)\n"
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "exchange.themes is not allowed to import search" in result.stdout
