"""Live timing of Keras convolution layers, explained by FLOPs and memory traffic.

Modules, by concept:

* ``config``: what a run measures, its counts and its memory guard;
* ``timing``: the timed calls of one layer kind and their statistics;
* ``machine``: the machine description and its peak FLOP/s and bandwidth;
* ``queue``: the process-wide lock that runs one benchmark at a time;
* ``runner``: one run from configuration to result; ``sweep``: many runs;
* ``report``: tables, CSV, JSON and checks of uploaded JSON;
* ``explain``: sentences generated from the numbers; ``cli``: the command line.

Importing this package does not import TensorFlow.
"""

from core.bench.config import DTYPES, LAYER_KINDS, MODES, BenchConfig, validate_config
from core.bench.runner import BenchResult, Progress, run_benchmark
from core.bench.sweep import SWEEP_PARAMETERS, run_sweep
from core.bench.timing import BenchmarkStopped, summarize

__all__ = [
    "DTYPES",
    "LAYER_KINDS",
    "MODES",
    "SWEEP_PARAMETERS",
    "BenchConfig",
    "BenchResult",
    "BenchmarkStopped",
    "Progress",
    "run_benchmark",
    "run_sweep",
    "summarize",
    "validate_config",
]
