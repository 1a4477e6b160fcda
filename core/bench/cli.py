"""Command line: ``python -m core.bench``, flags named after Keras's arguments.

Example, timing the three layers of the classic comparison on your machine::

    python -m core.bench --layers Conv2D,DepthwiseConv2D,SeparableConv2D \\
        --input-shape 224,224,32 --kernel-size 3 --filters 64 --format json > mine.json

The JSON can be uploaded on the benchmark page to compare with the server.
Progress goes to stderr, the result to stdout. Exit status: 0 on success,
2 for an invalid configuration, 3 for a run that stopped (cancelled, over
its wall-time cap, out of memory).
"""

from __future__ import annotations

import argparse
import sys

from core.bench.config import DTYPES, LAYER_KINDS, MODES, BenchConfig, parse_int_list
from core.bench.report import result_csv, result_json, result_table
from core.bench.runner import BenchResult, Progress, run_benchmark
from core.bench.sweep import SWEEP_PARAMETERS, run_sweep
from core.bench.timing import BenchmarkStopped
from core.errors import ConfigError

_DEFAULTS = BenchConfig()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser; every default is ``BenchConfig``'s."""
    parser = argparse.ArgumentParser(
        prog="python -m core.bench",
        description="Time Keras convolution layers with a warm-up and report the median, p10, p90, "
        "the first call, achieved GFLOP/s and the roofline bound of this machine.",
    )
    parser.add_argument(
        "--layers",
        default=",".join(_DEFAULTS.layers),
        help=f"Comma-separated layer kinds from: {', '.join(LAYER_KINDS)}. Default: %(default)s.",
    )
    parser.add_argument(
        "--input-shape",
        default=",".join(map(str, _DEFAULTS.input_shape)),
        help="height,width,channels without the batch dimension. Default: %(default)s.",
    )
    parser.add_argument("--batch", type=int, default=_DEFAULTS.batch_size, help="batch_size. Default: %(default)s.")
    parser.add_argument(
        "--kernel-size",
        type=int,
        default=_DEFAULTS.kernel_size,
        help="Height and width of the convolution window. Default: %(default)s.",
    )
    parser.add_argument(
        "--filters",
        type=int,
        default=_DEFAULTS.filters,
        help="Output channels of Conv2D, SeparableConv2D and the pointwise layers. Default: %(default)s.",
    )
    parser.add_argument(
        "--strides", type=int, default=_DEFAULTS.strides, help="Step of the window, both axes. Default: %(default)s."
    )
    parser.add_argument(
        "--padding", choices=("valid", "same"), default=_DEFAULTS.padding, help="Keras padding. Default: %(default)s."
    )
    parser.add_argument(
        "--depth-multiplier",
        type=int,
        default=_DEFAULTS.depth_multiplier,
        help="Depthwise output channels per input channel. Default: %(default)s.",
    )
    parser.add_argument(
        "--groups", type=int, default=_DEFAULTS.groups, help="groups of GroupedConv2D. Default: %(default)s."
    )
    parser.add_argument(
        "--dtype", choices=DTYPES, default=_DEFAULTS.dtype, help="Element type of input and weights. Default: %(default)s."
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default=_DEFAULTS.mode,
        help="eager calls, tf.function, or tf.function(jit_compile=True). Default: %(default)s.",
    )
    parser.add_argument("--repeats", type=int, default=_DEFAULTS.repeats, help="Timed calls. Default: %(default)s.")
    parser.add_argument(
        "--warmup", type=int, default=_DEFAULTS.warmup, help="Untimed calls after the first. Default: %(default)s."
    )
    parser.add_argument(
        "--time-budget",
        type=float,
        default=_DEFAULTS.time_budget_s,
        help="Stop the timed calls after this many seconds per layer. Default: %(default)s.",
    )
    parser.add_argument(
        "--max-wall",
        type=float,
        default=_DEFAULTS.max_wall_s,
        help="Stop a layer's whole measurement after this many seconds, checked between calls; a layer whose "
        "roofline bound already exceeds it is rejected. Default: %(default)s.",
    )
    parser.add_argument(
        "--memory-budget-mb",
        type=int,
        default=None,
        help="Reject a layer whose memory estimate exceeds this many MiB. "
        "Default: $CONVLAB_BENCH_MEMORY_BUDGET_MB or 1024.",
    )
    parser.add_argument(
        "--sweep",
        metavar="PARAMETER=V1,V2,...",
        help=f"Time every layer at each value of one parameter from: {', '.join(SWEEP_PARAMETERS)}.",
    )
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="Output format. Default: %(default)s."
    )
    return parser


def config_from_arguments(arguments: argparse.Namespace) -> BenchConfig:
    """Return the ``BenchConfig`` the parsed flags describe (not yet validated)."""
    return BenchConfig(
        layers=tuple(name.strip() for name in arguments.layers.split(",") if name.strip()),
        input_shape=parse_int_list("input_shape", arguments.input_shape),
        batch_size=arguments.batch,
        kernel_size=arguments.kernel_size,
        filters=arguments.filters,
        strides=arguments.strides,
        padding=arguments.padding,
        depth_multiplier=arguments.depth_multiplier,
        groups=arguments.groups,
        dtype=arguments.dtype,
        mode=arguments.mode,
        repeats=arguments.repeats,
        warmup=arguments.warmup,
        time_budget_s=arguments.time_budget,
        max_wall_s=arguments.max_wall,
    )


def format_table(result: BenchResult) -> str:
    """Return the result as a plain-text table under a header saying when and where it was measured."""
    machine, peak = result.machine, result.peak
    header = [
        f"Measured at {result.measured_at} on {machine.get('host')} ({machine.get('cpu_model')}, "
        f"{machine.get('logical_cores')} logical cores)",
        f"TensorFlow {machine.get('tensorflow')}, Keras {machine.get('keras')}, device {machine.get('device')}, "
        f"intra/inter-op threads {machine.get('intra_op_threads')}/{machine.get('inter_op_threads')} (0 = default)",
        f"Peak {peak.get('peak_gflops', float('nan')):.1f} GFLOP/s, bandwidth "
        f"{peak.get('bandwidth_gbytes_per_s', float('nan')):.1f} GB/s, ridge point "
        f"{peak.get('ridge_intensity', float('nan')):.1f} FLOP/byte",
        "",
    ]
    table = result_table(result)
    for column in ("first_call_s", "median_s", "p10_s", "p90_s", "min_s", "roofline_bound_s"):
        table[column.replace("_s", "_ms")] = table.pop(column) * 1e3
    keep = [
        column
        for column in (
            "sweep_value",
            "layer",
            "macs",
            "flops",
            "arithmetic_intensity",
            "first_call_ms",
            "median_ms",
            "p10_ms",
            "p90_ms",
            "runs",
            "gflops_per_s",
            "gbytes_per_s",
            "roofline_fraction",
            "bound",
        )
        if column in table.columns
    ]
    body = table[keep].to_string(index=False, float_format=lambda value: f"{value:.3g}")
    return "\n".join(header) + body + "\n"


def _print_progress(progress: Progress) -> None:
    if progress.stage == "first_call":
        print(f"Timing {progress.layer} ({progress.layer_index + 1}/{progress.layer_count})...", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark the flags describe and print it; return the exit status."""
    arguments = build_parser().parse_args(argv)
    budget = None if arguments.memory_budget_mb is None else arguments.memory_budget_mb * 1024**2

    def on_wait(position: int) -> None:
        print(f"Waiting for another benchmark in this process ({position} ahead)...", file=sys.stderr)

    try:
        config = config_from_arguments(arguments)
        if arguments.sweep:
            parameter, _, values = arguments.sweep.partition("=")
            result = run_sweep(
                config,
                parameter.strip(),
                parse_int_list("sweep", values),
                budget_bytes=budget,
                on_progress=lambda index, count, value, progress: _print_progress(progress),
                on_wait=on_wait,
            )
        else:
            result = run_benchmark(config, budget_bytes=budget, on_progress=_print_progress, on_wait=on_wait)
    except BenchmarkStopped as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if arguments.format == "json":
        sys.stdout.write(result_json(result) + "\n")
    elif arguments.format == "csv":
        sys.stdout.write(result_csv(result))
    else:
        sys.stdout.write(format_table(result))
    return 0
