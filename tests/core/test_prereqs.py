"""`make test` on a machine that lacks Java, Maven or Chromium stops at once and says what to run.

Each program is taken off PATH in turn (a directory of links to everything else on this
machine's PATH); apt is not allowed to fix it (PREREQS_INSTALL=no, as for a non-root user).
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "services" / "prereqs.sh"


def _path_without(tmp_path: Path, *programs: str) -> str:
    """A one-directory PATH holding every program of today's PATH except `programs`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in reversed(os.environ["PATH"].split(os.pathsep)):
        folder = Path(directory)
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.name in programs or not os.access(entry, os.X_OK):
                continue
            link = bin_dir / entry.name
            link.unlink(missing_ok=True)
            link.symlink_to(entry)
    return str(bin_dir)


def _run(command: list[str], path: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CHROMIUM_PATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    env.update(PATH=path, PREREQS_INSTALL="no")
    return subprocess.run(  # noqa: S603 - fixed commands from this repository
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("program", "package"),
    [("java", "openjdk-17-jdk-headless"), ("mvn", "maven"), ("chromium", "chromium")],
)
def test_make_test_stops_at_once_with_the_command_to_run(tmp_path, program, package):
    result = _run(["make", "--no-print-directory", "test"], _path_without(tmp_path, program))

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"not on PATH: {program}" in output
    assert f"sudo apt-get install -y {package}" in output
    # It stopped before the suite: pytest never started.
    assert "test session starts" not in output


def test_every_missing_program_is_named_in_one_command(tmp_path):
    result = _run(["bash", str(SCRIPT)], _path_without(tmp_path, "java", "mvn", "chromium"))

    assert result.returncode == 1
    assert "sudo apt-get install -y openjdk-17-jdk-headless maven chromium" in result.stderr


def test_a_machine_with_everything_passes_the_browser_on(tmp_path):
    result = _run(["bash", str(SCRIPT)], os.environ["PATH"])

    assert result.returncode == 0, result.stderr
    found = result.stdout.strip().removeprefix("CHROMIUM_PATH=")
    assert Path(found).name == "chromium"
    assert os.access(found, os.X_OK)
