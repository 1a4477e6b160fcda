"""The timing engine: statistics, the first call, guards, the lock, the CLI and JSON import.

Every timed run here is tiny (8×8×4 inputs, a few repeats) and runs real
TensorFlow. No test asserts on how long anything took.
"""

import json
import subprocess
import sys
import threading

import pytest

from core.bench.config import (
    MEMORY_BUDGET_ENV,
    BenchConfig,
    check_memory,
    estimate_memory_bytes,
    kind_cost,
    memory_budget_bytes,
    parse_int_list,
    validate_config,
)
from core.bench.explain import explain
from core.bench.machine import dtype_supported
from core.bench.queue import BenchmarkQueue
from core.bench.report import REQUIRED_LAYER_FIELDS, compare_results, load_result_json, result_csv, result_json
from core.bench.runner import BenchResult, run_benchmark
from core.bench.sweep import run_sweep
from core.bench.timing import BenchmarkStopped, out_of_memory_stop, summarize
from core.errors import ConfigError
from core.i18n import Translator
from tests.conftest import ROOT

TINY = BenchConfig(
    layers=("Conv2D",),
    input_shape=(8, 8, 4),
    filters=8,
    kernel_size=3,
    groups=2,
    repeats=3,
    warmup=1,
    time_budget_s=5.0,
)


@pytest.fixture(scope="module")
def tiny_result():
    """One measured run of Conv2D and DepthwiseConv2D on 8×8×4, shared by the tests that only read it."""
    events = []
    config = BenchConfig(**{**TINY.__dict__, "layers": ("Conv2D", "DepthwiseConv2D")})
    result = run_benchmark(config, on_progress=events.append)
    return result, events


# ---------------------------------------------------------------- statistics


@pytest.mark.parametrize(
    ("times", "median", "p10", "p90", "minimum"),
    [
        # 11 evenly spaced values: percentile q sits exactly on value 1 + q / 10.
        ([float(value) for value in range(1, 12)], 6.0, 2.0, 10.0, 1.0),
        # Linear interpolation: p10 is 20% of the way from 0.1 to 0.2.
        ([0.3, 0.1, 0.2], 0.2, 0.1 + 0.2 * 0.1, 0.2 + 0.8 * 0.1, 0.1),
        ([0.5], 0.5, 0.5, 0.5, 0.5),
        ([4.0, 1.0, 3.0, 2.0], (2.0 + 3.0) / 2, 1.0 + 0.3 * 1.0, 3.0 + 0.7 * 1.0, 1.0),
    ],
)
def test_summarize_known_inputs(times, median, p10, p90, minimum):
    stats = summarize(times)
    assert stats.median_s == pytest.approx(median)
    assert stats.p10_s == pytest.approx(p10)
    assert stats.p90_s == pytest.approx(p90)
    assert stats.min_s == pytest.approx(minimum)
    assert stats.mean_s == pytest.approx(sum(times) / len(times))
    assert stats.runs == len(times)


def test_summarize_rejects_empty():
    with pytest.raises(ValueError, match="at least one timed call"):
        summarize([])


# ---------------------------------------------------------------- a measured run


def test_first_call_reported_separately(tiny_result):
    result, _ = tiny_result
    for row in result.rows:
        assert row["first_call_s"] > 0
        assert row["runs"] == TINY.repeats
        assert len(row["times_s"]) == TINY.repeats
        assert row["warmup"] == TINY.warmup
        assert row["median_s"] == pytest.approx(summarize(row["times_s"]).median_s)


def test_progress_stages_in_order(tiny_result):
    _, events = tiny_result
    conv_stages = [event.stage for event in events if event.layer == "Conv2D"]
    assert conv_stages[:2] == ["build", "first_call"]
    assert conv_stages.count("first_call") == 1
    assert conv_stages.index("warmup") < conv_stages.index("timed")
    assert events[0].stage == "peak"
    assert events[-1].fraction == pytest.approx(1.0)


def test_result_stamped_with_machine(tiny_result):
    result, _ = tiny_result
    for field in ("host", "cpu_model", "tensorflow", "keras", "device", "intra_op_threads", "inter_op_threads"):
        assert field in result.machine, field
    assert result.measured_at.endswith("+00:00")
    assert result.peak["peak_gflops"] > 0
    assert result.peak["bandwidth_gbytes_per_s"] > 0


def test_rates_derived_from_cost_model(tiny_result):
    result, _ = tiny_result
    conv = result.rows[0]
    # 8×8 output ('same'), 8 filters, 3×3×4 products each.
    assert conv["macs"] == 8 * 8 * 8 * (3 * 3 * 4)
    assert conv["flops"] == 2 * conv["macs"] + 8 * 8 * 8
    assert conv["gflops_per_s"] == pytest.approx(conv["flops"] / conv["median_s"] / 1e9)
    peak = result.peak
    bound = max(conv["flops"] / (peak["peak_gflops"] * 1e9), conv["bytes"] / (peak["bandwidth_gbytes_per_s"] * 1e9))
    assert conv["roofline_bound_s"] == pytest.approx(bound)


def test_repeated_run_measures_again(tiny_result):
    first, _ = tiny_result
    second = run_benchmark(TINY)
    assert second.rows[0]["times_s"] != first.rows[0]["times_s"]
    assert second.measured_at >= first.measured_at


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision_runs_where_supported(dtype):
    if not dtype_supported(dtype):
        pytest.skip(f"this TensorFlow build has no CPU convolution for {dtype}")
    result = run_benchmark(BenchConfig(**{**TINY.__dict__, "dtype": dtype, "layers": ("Conv2D", "DepthwiseConv2D")}))
    assert [row["dtype"] for row in result.rows] == [dtype, dtype]
    # Two bytes per element: the input alone is 8×8×4×2 bytes.
    assert result.rows[0]["bytes"] < kind_cost("Conv2D", TINY).bytes_total


@pytest.mark.parametrize("mode", ["eager", "xla"])
def test_other_modes_run(mode):
    result = run_benchmark(BenchConfig(**{**TINY.__dict__, "mode": mode}))
    assert result.rows[0]["mode"] == mode
    assert result.rows[0]["runs"] == TINY.repeats


# ---------------------------------------------------------------- counts of each kind


@pytest.mark.parametrize(
    ("kind", "macs"),
    [
        ("Conv2D", 8 * 8 * 8 * 3 * 3 * 4),
        ("DepthwiseConv2D", 8 * 8 * 4 * 3 * 3),
        ("PointwiseConv2D", 8 * 8 * 8 * 4),
        ("SeparableConv2D", 8 * 8 * 4 * 3 * 3 + 8 * 8 * 8 * 4),
        ("DepthwisePointwise", 8 * 8 * 4 * 3 * 3 + 8 * 8 * 8 * 4),
        # groups=2: each output reads 4 / 2 input channels.
        ("GroupedConv2D", 8 * 8 * 8 * 3 * 3 * (4 // 2)),
    ],
)
def test_kind_macs(kind, macs):
    assert kind_cost(kind, TINY).macs == macs


def test_hybrid_pair_matches_separable_with_multiplier():
    config = BenchConfig(**{**TINY.__dict__, "depth_multiplier": 2})
    pair = kind_cost("DepthwisePointwise", config)
    separable = kind_cost("SeparableConv2D", config)
    assert pair.macs == separable.macs == 8 * 8 * 8 * 3 * 3 + 8 * 8 * 8 * 8
    # The pair has two biases (depthwise 8 + pointwise 8), SeparableConv2D one.
    assert pair.params == separable.params + 8


# ---------------------------------------------------------------- guards


def test_memory_guard_rejects_before_allocating():
    huge = BenchConfig(layers=("Conv2D",), input_shape=(4096, 4096, 256), batch_size=16, filters=256)
    events, waits = [], []
    with pytest.raises(ConfigError) as caught:
        run_benchmark(huge, on_progress=events.append, on_wait=waits.append)
    assert caught.value.code == "benchmark.over_memory_budget"
    assert caught.value.params["layer"] == "Conv2D"
    assert events == []
    assert waits == []


def test_wall_time_guard_rejects_slow_kind():
    # 64×64 output, 1024 filters, 15×15×512 products each: about 1e12 FLOPs per call.
    slow = BenchConfig(layers=("Conv2D",), input_shape=(64, 64, 512), filters=1024, kernel_size=15, max_wall_s=1.0)
    events = []
    with pytest.raises(ConfigError) as caught:
        run_benchmark(slow, on_progress=events.append)
    assert caught.value.code == "benchmark.too_slow"
    assert caught.value.params["calls"] == slow.warmup + 2
    # Only the machine's peak was measured; no layer was built.
    assert [event.stage for event in events] == ["peak"]


def test_memory_guard_uses_given_budget():
    estimate = estimate_memory_bytes("Conv2D", validate_config(TINY))
    assert check_memory(validate_config(TINY), budget_bytes=estimate) == {"Conv2D": estimate}
    with pytest.raises(ConfigError, match="over the memory budget"):
        check_memory(validate_config(TINY), budget_bytes=estimate - 1)


def test_memory_estimate_grows_with_batch():
    single = estimate_memory_bytes("Conv2D", TINY)
    double = estimate_memory_bytes("Conv2D", BenchConfig(**{**TINY.__dict__, "batch_size": 2}))
    # Input 8×8×4 and four output copies of 8×8×8, float32, per extra batch item.
    assert double - single == (8 * 8 * 4 + 4 * 8 * 8 * 8) * 4


@pytest.mark.parametrize(("value", "expected"), [("512", 512 * 1024**2), ("", 1024**3)])
def test_memory_budget_from_environment(monkeypatch, value, expected):
    monkeypatch.setenv(MEMORY_BUDGET_ENV, value)
    assert memory_budget_bytes() == expected


def test_memory_budget_rejects_bad_environment(monkeypatch):
    monkeypatch.setenv(MEMORY_BUDGET_ENV, "lots")
    with pytest.raises(ConfigError, match=MEMORY_BUDGET_ENV):
        memory_budget_bytes()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"layers": ()}, "benchmark.no_layers"),
        ({"layers": ("Conv3D",)}, "benchmark.unknown_layer"),
        ({"mode": "graph"}, "benchmark.bad_choice"),
        ({"dtype": "int8"}, "benchmark.bad_choice"),
        ({"filters": 0}, "not_positive"),
        ({"padding": "full"}, "bad_padding"),
        ({"input_shape": (8, 8)}, "bad_input_shape"),
        ({"layers": ("GroupedConv2D",), "groups": 3}, "channels_not_divisible"),
        ({"padding": "valid", "kernel_size": 9}, "kernel_too_large"),
        ({"warmup": -1}, "not_positive"),
        ({"time_budget_s": 0}, "not_positive"),
    ],
)
def test_invalid_config_rejected(changes, code):
    with pytest.raises(ConfigError) as caught:
        validate_config(BenchConfig(**{**TINY.__dict__, **changes}))
    assert caught.value.code == code


def test_parse_int_list_rejects_text():
    with pytest.raises(ConfigError) as caught:
        parse_int_list("input_shape", "8,x,4")
    assert caught.value.code == "benchmark.not_int_list"


def test_process_usable_after_errors():
    with pytest.raises(BenchmarkStopped) as cancelled:
        cancel = threading.Event()
        cancel.set()
        run_benchmark(TINY, cancel=cancel)
    assert cancelled.value.code == "benchmark.cancelled"
    with pytest.raises(BenchmarkStopped) as timed_out:
        # The roofline bound of TINY is microseconds, so only the measured
        # first call (weights and tracing, milliseconds) crosses this cap.
        run_benchmark(BenchConfig(**{**TINY.__dict__, "max_wall_s": 1e-3}))
    assert timed_out.value.code == "benchmark.timed_out"
    with pytest.raises(ConfigError):
        run_benchmark(BenchConfig(**{**TINY.__dict__, "batch_size": 10**6}))
    result = run_benchmark(TINY)
    assert result.rows[0]["runs"] == TINY.repeats


# ---------------------------------------------------------------- the lock


def test_lock_serialises_two_runs():
    """Two runs started while the queue is taken run one after the other, and each gets its queue position."""
    queue = BenchmarkQueue(poll_s=0.01)
    events: list[tuple[str, str]] = []
    waits: dict[str, list[int]] = {"a": [], "b": []}
    results = {}

    def run(name: str) -> None:
        results[name] = run_benchmark(
            TINY,
            queue=queue,
            on_progress=lambda progress: events.append((name, progress.stage)),
            on_wait=waits[name].append,
        )

    with queue.slot():
        first = threading.Thread(target=run, args=("a",))
        first.start()
        while queue.waiting < 1:
            threading.Event().wait(0.01)
        second = threading.Thread(target=run, args=("b",))
        second.start()
        while queue.waiting < 2:
            threading.Event().wait(0.01)
    first.join(timeout=120)
    second.join(timeout=120)

    names = [name for name, _ in events]
    assert set(results) == {"a", "b"}
    assert names == ["a"] * names.count("a") + ["b"] * names.count("b")
    assert waits["a"] == [1]
    assert waits["b"] == [2, 1]
    assert not queue.busy


def test_queue_cancel_while_waiting():
    queue = BenchmarkQueue(poll_s=0.01)
    cancel = threading.Event()
    positions = []

    def on_wait(position):
        positions.append(position)
        cancel.set()

    with queue.slot():
        with pytest.raises(BenchmarkStopped):
            with queue.slot(on_wait=on_wait, cancel=cancel):
                pass
    assert positions == [1]
    assert queue.waiting == 0
    assert not queue.busy


# ---------------------------------------------------------------- sweeps


def test_sweep_times_each_point():
    calls = []
    result = run_sweep(
        TINY, "resolution", [6, 8], on_progress=lambda index, count, value, progress: calls.append((index, value))
    )
    assert [row["sweep_value"] for row in result.rows] == [6, 8]
    assert [row["input_shape"] for row in result.rows] == [[6, 6, 4], [8, 8, 4]]
    assert {call for call in calls} == {(0, 6), (1, 8)}
    assert result.sweep == {"parameter": "resolution", "values": [6, 8]}


def test_sweep_rejects_bad_point_before_running():
    calls = []
    config = BenchConfig(**{**TINY.__dict__, "padding": "valid"})
    with pytest.raises(ConfigError) as caught:
        run_sweep(config, "kernel_size", [3, 9], on_progress=lambda *event: calls.append(event))
    assert caught.value.code == "kernel_too_large"
    assert calls == []


# ---------------------------------------------------------------- CLI and JSON


def run_cli(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "core.bench", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )


@pytest.fixture(scope="module")
def cli_json():
    completed = run_cli(
        "--layers", "Conv2D,DepthwiseConv2D", "--input-shape", "8,8,4", "--filters", "8",
        "--repeats", "3", "--warmup", "1", "--format", "json",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_cli_json_documented_fields(cli_json):
    document = json.loads(cli_json)
    assert document["schema"] == "convlab-bench/1"
    assert [row["layer"] for row in document["layers"]] == ["Conv2D", "DepthwiseConv2D"]
    for row in document["layers"]:
        for field in ("median_s", "p10_s", "p90_s", "first_call_s", "runs", "macs", "flops", "gflops_per_s"):
            assert field in row, field
    for field in ("tensorflow", "cpu_model", "device", "intra_op_threads", "inter_op_threads", "host"):
        assert field in document["machine"], field
    assert document["config"]["input_shape"] == [8, 8, 4]
    assert document["measured_at"]


def test_cli_json_loads_back(cli_json):
    loaded = load_result_json(cli_json.encode("utf-8"))
    assert loaded.rows[0]["macs"] == 8 * 8 * 8 * 3 * 3 * 4


def test_cli_rejects_bad_config():
    completed = run_cli("--input-shape", "8,8,6", "--layers", "GroupedConv2D", "--groups", "4")
    assert completed.returncode == 2
    assert "divisible by the number of groups" in completed.stderr


def test_csv_stamped(tiny_result):
    result, _ = tiny_result
    header, first_row = result_csv(result).splitlines()[:2]
    assert header.split(",")[:2] == ["measured_at", "layer"]
    assert "host" in header.split(",")
    assert first_row.startswith(result.measured_at)


def good_document():
    return {
        "schema": "convlab-bench/1",
        "measured_at": "2026-01-01T00:00:00+00:00",
        "machine": {"host": "laptop"},
        "layers": [
            {"layer": "Conv2D", "median_s": 0.01, "p10_s": 0.009, "p90_s": 0.012, "first_call_s": 0.1,
             "runs": 30, "macs": 100, "flops": 200, "gflops_per_s": 0.02},
        ],
    }  # fmt: skip


def with_row(**changes):
    document = good_document()
    document["layers"][0].update(changes)
    return json.dumps(document)


def without_row_field(field):
    document = good_document()
    del document["layers"][0][field]
    return json.dumps(document)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"{not json", "benchmark.json_unreadable"),
        (b"\xff\xfe", "benchmark.json_unreadable"),
        ("[]", "benchmark.json_not_result"),
        ('{"schema": "other/1"}', "benchmark.json_not_result"),
        (json.dumps({**good_document(), "layers": []}), "benchmark.json_missing_field"),
        (json.dumps({**good_document(), "machine": "laptop"}), "benchmark.json_missing_field"),
        (without_row_field("median_s"), "benchmark.json_missing_field"),
        (with_row(median_s=-1), "benchmark.json_bad_value"),
        (with_row(median_s=0), "benchmark.json_bad_value"),
        (with_row(runs="30"), "benchmark.json_bad_value"),
        (with_row(layer=""), "benchmark.json_bad_value"),
    ],
)
def test_malformed_json_rejected(data, code):
    with pytest.raises(ConfigError) as caught:
        load_result_json(data)
    assert caught.value.code == code
    message = Translator("zh").error(caught.value)
    assert message != code
    assert not message.startswith("benchmark.")


def test_required_fields_listed():
    assert set(REQUIRED_LAYER_FIELDS) >= {"median_s", "p10_s", "p90_s", "first_call_s", "runs", "macs", "flops"}


def test_compare_matches_layers(tiny_result):
    server, _ = tiny_result
    uploaded = load_result_json(json.dumps(good_document()))
    merged = compare_results(server, uploaded)
    assert merged["layer"].tolist() == ["Conv2D"]
    assert merged["median_ratio"].iloc[0] == pytest.approx(0.01 / server.rows[0]["median_s"])
    assert not merged["same_macs"].iloc[0]


def test_json_round_trip(tiny_result):
    result, _ = tiny_result
    loaded = load_result_json(result_json(result))
    assert loaded.rows == result.rows
    assert loaded.machine == result.machine


# ---------------------------------------------------------------- explanation


def fake_row(layer, flops, median_s, intensity, bound, fraction=0.5, first_call_s=None):
    return {
        "layer": layer, "flops": flops, "median_s": median_s, "arithmetic_intensity": intensity, "bound": bound,
        "roofline_fraction": fraction, "roofline_gflops": 10.0, "gflops_per_s": flops / median_s / 1e9,
        "first_call_s": first_call_s or median_s, "p10_s": median_s, "p90_s": median_s,
    }  # fmt: skip


def test_explain_memory_bound_depthwise():
    result = BenchResult(
        config={},
        machine={},
        peak={"ridge_intensity": 8.0},
        measured_at="",
        wall_s=0.0,
        rows=[
            fake_row("Conv2D", 64 * 10**6, 0.010, 90.0, "compute", first_call_s=0.110),
            fake_row("DepthwiseConv2D", 10**6, 0.002, 2.0, "memory"),
        ],
    )
    messages = dict(explain(result))
    assert messages["benchmark.explain_memory_bound"] == {
        "layer": "DepthwiseConv2D",
        "flop_ratio": "64",
        "speedup": "5.0",
        "intensity": "2.0",
        "ridge": "8.0",
    }
    assert messages["benchmark.explain_first_call"]["ratio"] == "11"
    assert "benchmark.explain_row_memory" in messages
    assert "benchmark.explain_noisy" not in messages


def test_row_above_roofline_blames_peak():
    """A layer faster than its roofline gets the measured-too-low sentence, not a share over 100%."""
    from core.bench.explain import explain
    from core.bench.runner import BenchResult

    row = {
        "layer": "Conv2D",
        "flops": 1_000_000,
        "median_s": 1e-3,
        "p10_s": 1e-3,
        "p90_s": 1e-3,
        "first_call_s": 1e-3,
        "arithmetic_intensity": 50.0,
        "bound": "compute",
        "gflops_per_s": 177.2,
        "roofline_gflops": 138.7,
        "roofline_fraction": 177.2 / 138.7,
    }
    peak = {"peak_gflops": 138.7, "bandwidth_gbytes_per_s": 30.0, "ridge_intensity": 138.7 / 30.0}
    result = BenchResult(config={}, machine={}, peak=peak, measured_at="2026-12-04T00:00:00+00:00", wall_s=0.1, rows=[row])
    keys = [key for key, _ in explain(result)]
    assert "benchmark.explain_row_above_roofline" in keys
    assert "benchmark.explain_row_compute" not in keys


def test_remeasured_peak_keeps_higher_figures():
    from core.bench import machine

    first = machine.machine_peak()
    again = machine.remeasure_peak()
    assert again.peak_gflops >= first.peak_gflops
    assert again.bandwidth_gbytes_per_s >= first.bandwidth_gbytes_per_s
    assert machine.machine_peak() is again


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_out_of_memory_stop_translated(lang):
    stop = out_of_memory_stop("DepthwiseConv2D", MemoryError("no room"))

    assert isinstance(stop, BenchmarkStopped)
    assert stop.code == "benchmark.out_of_memory"
    assert stop.params == {"layer": "DepthwiseConv2D"}
    assert "DepthwiseConv2D" in Translator(lang).error(stop)
