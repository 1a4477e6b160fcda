"""Load TensorFlow and Keras on first use, quietly, once per process.

Importing TensorFlow takes seconds and hundreds of MB, so the home page and
the calculator never do. The pages and engines that run layers call
``load_tensorflow()`` inside the function that needs it. Python's module
cache makes every call after the first one free.

The first call also freezes the garbage collector's view of the objects
that exist at that point (``gc.freeze()``), most of them TensorFlow's and
Keras's module state. The reason: once ``keras`` is imported, Streamlit
(1.67, ``ScriptRunner``) calls ``keras.backend.clear_session()`` and
``gc.collect(2)`` after every script run of every session. Each of these
full collections walks TensorFlow's ~300,000 objects, which took about
150 ms of CPU on the 2-core machine in ``docs/BENCHMARKS.md``. Without the
freeze, every page change costs about 0.3 CPU-seconds, even on pages that
never use TensorFlow. Frozen objects are still freed when their reference
count drops to zero. Only a reference cycle among them is never collected,
which for module state that lives as long as the process loses nothing.

NOTE: the freeze also covers whatever other sessions hold at that moment
(their session state, cached results). Cyclic garbage among those objects
stays in memory until the process ends. This happens once per process.
"""

from __future__ import annotations

import gc
import os
import threading

_lock = threading.Lock()
_frozen = False


def load_tensorflow():
    """Import and return ``(tensorflow, keras)``, silencing TensorFlow's start-up logs.

    Thread-safe: concurrent browser sessions that need TensorFlow at the
    same moment import it once.
    """
    global _frozen
    with _lock:
        # Keep TensorFlow's C++ INFO and WARNING lines (oneDNN, CPU features)
        # out of the server log unless the user asked for them.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import keras
        import tensorflow as tf

        if not _frozen:
            gc.collect()
            gc.freeze()
            _frozen = True
        return tf, keras
