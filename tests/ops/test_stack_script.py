"""services/stack/stack.sh refuses a database name it would have to put into SQL unquoted."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

STACK = Path(__file__).resolve().parents[2] / "services" / "stack" / "stack.sh"


@pytest.mark.parametrize("name", ["x'; DROP DATABASE kn_stack; --", "Kn Stack", "1stack"])
def test_a_database_name_that_is_not_plain_is_refused_before_anything_runs(name):
    env = {**os.environ, "STACK_DB_NAME": name}
    result = subprocess.run(  # noqa: S603 - this repository's script
        [shutil.which("bash"), str(STACK), "up"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "is not a plain name" in result.stderr
    assert result.stdout == ""  # nothing was started or installed
