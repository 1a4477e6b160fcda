"""Shared test set-up (run from the repository root, keep TensorFlow quiet) and helpers."""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Make the frame re-raise what it would show as "unexpected error", so page
# tests that assert `not app.exception` fail on a crash.
os.environ["CONVLAB_RAISE_UNEXPECTED"] = "1"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# A catalogue key passed to the translator as a string literal, as in t("home.title").
KEY_LITERAL = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""")


def key_literals(path: Path) -> set[str]:
    """Return the catalogue keys that the script at ``path`` passes to ``t(...)`` as literals."""
    return set(KEY_LITERAL.findall(path.read_text(encoding="utf-8")))
