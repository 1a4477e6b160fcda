"""Shared test set-up: run from the repository root and keep TensorFlow quiet."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Make the frame re-raise what it would show as "unexpected error", so page
# tests that assert `not app.exception` fail on a crash.
os.environ["CONVLAB_RAISE_UNEXPECTED"] = "1"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
