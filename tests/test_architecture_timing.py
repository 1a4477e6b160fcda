"""End-to-end timing of built architectures through the benchmark engine's process-wide lock."""

import threading

import pytest

from core.architectures import architecture_cost, build_keras_model, custom_network, depthwise_stack_rows, totals
from core.architectures import standard_twin
from core.architectures.timing import (
    ModelTimingSettings,
    check_timing_memory,
    compare_with_twin,
    estimate_memory_bytes,
    time_architecture,
)
from core.bench.queue import PROCESS_QUEUE
from core.bench.timing import BenchmarkStopped
from core.errors import ConfigError
from core.i18n import catalogue

TINY_SETTINGS = ModelTimingSettings(batch_size=2, repeats=3, warmup=1, include_twin=True)


@pytest.fixture(scope="module")
def tiny():
    """A stem and 2 depthwise blocks at 16×16, with its twin, both built once for the module."""
    rows = depthwise_stack_rows(blocks=2, filters=16)
    architecture = custom_network(rows, resolution=16, channels=3, include_top=False, name="tiny").architecture
    twin = standard_twin(architecture)
    return architecture, build_keras_model(architecture), build_keras_model(twin)


@pytest.fixture(scope="module")
def tiny_result(tiny):
    architecture, model, twin_model = tiny
    stages = []
    result = time_architecture(architecture, model, TINY_SETTINGS, twin_model=twin_model, on_progress=stages.append)
    return result, stages


def test_result_has_both_networks(tiny_result):
    result, _ = tiny_result
    assert [timing.role for timing in result.networks] == ["network", "twin"]
    assert result.twin is result.networks[1]


@pytest.mark.parametrize("role", ["network", "twin"])
def test_statistics_are_sane(tiny_result, role):
    result, _ = tiny_result
    timing = next(timing for timing in result.networks if timing.role == role)
    stats = timing.stats
    assert stats.runs == 3
    assert len(timing.times_s) == 3
    assert stats.min_s > 0
    assert stats.p10_s <= stats.median_s <= stats.p90_s
    assert stats.min_s == min(timing.times_s)
    assert timing.first_call_s > 0
    assert timing.warmup == 1


@pytest.mark.parametrize("role", ["network", "twin"])
def test_counts_scale_with_batch(tiny, tiny_result, role):
    architecture, _, _ = tiny
    described = architecture if role == "network" else standard_twin(architecture)
    counted = totals(architecture_cost(described))
    result, _ = tiny_result
    timing = next(timing for timing in result.networks if timing.role == role)
    assert timing.macs == 2 * counted["macs"]
    assert timing.flops == 2 * counted["flops"]
    assert timing.params == counted["params"]
    assert timing.gflops_per_s == pytest.approx(timing.flops / timing.stats.median_s / 1e9)
    assert timing.images_per_s == pytest.approx(2 / timing.stats.median_s)


def test_progress_stages_in_order(tiny_result):
    _, stages = tiny_result
    assert stages[0].stage == "peak"
    network = [progress.stage for progress in stages if progress.layer_index == 0 and progress.layer]
    assert network[:2] == ["build", "first_call"]
    assert network.index("warmup") < network.index("timed")
    assert {progress.layer for progress in stages if progress.layer} == {"tiny", "tiny (standard)"}
    assert stages[-1].fraction == 1.0


def test_result_stamped_with_machine(tiny_result):
    result, _ = tiny_result
    assert result.measured_at.endswith("+00:00")
    assert result.machine["tensorflow"]
    assert result.machine["logical_cores"] >= 1
    assert result.peak_gflops > 0
    assert result.wall_s > 0


def test_table_in_milliseconds(tiny_result):
    result, _ = tiny_result
    table = result.table()
    assert list(table["role"]) == ["network", "twin"]
    assert table.loc[0, "median_ms"] == pytest.approx(result.network.stats.median_s * 1e3)
    assert table.loc[1, "first_call_ms"] == pytest.approx(result.twin.first_call_s * 1e3)


def test_comparison_sentence_in_catalogue(tiny_result):
    result, _ = tiny_result
    key, params = compare_with_twin(result)
    assert key in catalogue()
    assert params["macs_ratio"]
    assert params["network_ms"]


def test_waits_for_process_lock(tiny):
    """A timing started while another holder has the benchmark lock reports position 1 and waits."""
    architecture, model, _ = tiny
    positions = []
    finished = threading.Event()
    errors = []

    def run():
        try:
            settings = ModelTimingSettings(repeats=1, warmup=0, include_twin=False)
            time_architecture(architecture, model, settings, on_wait=positions.append)
        except Exception as error:  # noqa: BLE001 - reported by the asserts below
            errors.append(error)
        finally:
            finished.set()

    with PROCESS_QUEUE.slot():
        worker = threading.Thread(target=run)
        worker.start()
        while PROCESS_QUEUE.waiting < 1:
            threading.Event().wait(0.01)
        held_finish = finished.wait(0.5)
    worker.join(timeout=60)
    assert not held_finish
    assert positions == [1]
    assert finished.is_set()
    assert not errors
    assert not PROCESS_QUEUE.busy


def test_memory_guard_rejects_before_allocating(tiny):
    """An oversized batch is rejected even while the lock is taken, so no input was created."""
    architecture, model, twin_model = tiny
    stages = []
    cancel = threading.Event()
    settings = ModelTimingSettings(batch_size=1_000_000, repeats=1)
    with PROCESS_QUEUE.slot():
        cancel_timer = threading.Timer(5, cancel.set)
        cancel_timer.start()
        try:
            with pytest.raises(ConfigError) as caught:
                time_architecture(
                    architecture, model, settings, twin_model=twin_model, on_progress=stages.append, cancel=cancel
                )
        finally:
            cancel_timer.cancel()
    assert caught.value.code == "architecture.timing_over_memory_budget"
    assert caught.value.params["batch_size"] == 1_000_000
    assert not stages


def test_memory_guard_uses_given_budget(tiny):
    architecture, _, _ = tiny
    _, estimates = check_timing_memory(architecture, ModelTimingSettings(), budget_bytes=2**40)
    with pytest.raises(ConfigError) as caught:
        check_timing_memory(architecture, ModelTimingSettings(), budget_bytes=min(estimates.values()) - 1)
    assert caught.value.code == "architecture.timing_over_memory_budget"


def test_memory_estimate_grows_with_batch(tiny):
    architecture, _, _ = tiny
    frame = architecture_cost(architecture)
    one, two = estimate_memory_bytes(frame, 1), estimate_memory_bytes(frame, 2)
    # The batch normalization after the first 1×1 Conv2D has the largest
    # input plus output: 8×8×16 each.
    largest_pair = 8 * 8 * 16 + 8 * 8 * 16
    assert two - one == 4 * (16 * 16 * 3 + 2 * largest_pair)


def test_wall_time_cap_stops_run(tiny):
    architecture, model, _ = tiny
    # 1 ms is far above the roofline bound of this tiny network (about
    # 74,000 FLOPs per call), so the pre-check passes, and far below its first call, which traces.
    settings = ModelTimingSettings(repeats=3, warmup=1, include_twin=False, max_wall_s=1e-3)
    with pytest.raises(BenchmarkStopped) as caught:
        time_architecture(architecture, model, settings)
    assert caught.value.code == "benchmark.timed_out"
    assert caught.value.params["layer"] == "tiny"


def test_too_slow_rejected_before_timing(tiny):
    architecture, model, _ = tiny
    stages = []
    settings = ModelTimingSettings(batch_size=256, repeats=1, include_twin=False, max_wall_s=1e-6)
    with pytest.raises(ConfigError) as caught:
        time_architecture(architecture, model, settings, on_progress=stages.append)
    assert caught.value.code == "architecture.timing_too_slow"
    assert [progress.stage for progress in stages] == ["peak"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"batch_size": 0}, "not_positive"),
        ({"repeats": 0}, "not_positive"),
        ({"warmup": -1}, "not_positive"),
        ({"time_budget_s": 0}, "not_positive"),
        ({"max_wall_s": -1.0}, "not_positive"),
    ],
)
def test_invalid_settings_rejected(tiny, changes, code):
    architecture, model, _ = tiny
    settings = ModelTimingSettings(include_twin=False, **changes)
    with pytest.raises(ConfigError) as caught:
        time_architecture(architecture, model, settings)
    assert caught.value.code == code


def test_twin_model_required(tiny):
    architecture, model, _ = tiny
    with pytest.raises(ConfigError) as caught:
        time_architecture(architecture, model, ModelTimingSettings(include_twin=True))
    assert caught.value.code == "architecture.timing_twin_missing"


def test_mismatched_model_rejected(tiny):
    architecture, _, twin_model = tiny
    with pytest.raises(ConfigError) as caught:
        time_architecture(architecture, twin_model, ModelTimingSettings(include_twin=False))
    assert caught.value.code == "architecture.timing_model_mismatch"
