"""Load TensorFlow and Keras on first use, quietly, once per process.

Importing TensorFlow takes seconds and hundreds of MB, so the home page and
the calculator never do. The pages and engines that run layers call
``load_tensorflow()`` inside the function that needs it. Python's module
cache makes every call after the first one free.
"""

from __future__ import annotations

import os
import threading

_lock = threading.Lock()


def load_tensorflow():
    """Import and return ``(tensorflow, keras)``, silencing TensorFlow's start-up logs.

    Thread-safe: concurrent browser sessions that need TensorFlow at the
    same moment import it once.
    """
    with _lock:
        # Keep TensorFlow's C++ INFO and WARNING lines (oneDNN, CPU features)
        # out of the server log unless the user asked for them.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import keras
        import tensorflow as tf

        return tf, keras
