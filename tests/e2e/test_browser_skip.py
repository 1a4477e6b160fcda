"""Without Chromium the browser tests skip with install instructions; they neither fail nor error."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.e2e.conftest import CHROMIUM_ENV


def test_missing_chromium_skips(tmp_path):
    missing = tmp_path / "no-such-chromium"
    env = {**os.environ, CHROMIUM_ENV: str(missing)}
    command = [
        sys.executable, "-m", "pytest", "tests/e2e/test_home_browser.py", "-k", "cards_translated",
        "-q", "-rs", "-p", "no:cacheprovider",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "2 skipped" in output, output
    assert "passed" not in output, output
    assert "error" not in output.lower(), output
    assert str(missing) in output, output
    assert "apt-get install chromium fonts-noto-cjk" in output, output
    assert CHROMIUM_ENV in output, output
