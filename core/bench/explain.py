"""Plain-language explanations generated from a result's numbers.

``explain`` returns catalogue keys (namespace ``benchmark``) with their
parameters, so the page shows the same sentences in every language. The
numbers are formatted here, the same way in every language.
"""

from __future__ import annotations

from core.bench.runner import BenchResult

# A speed-up within this share of the FLOP ratio counts as "what the FLOPs promise".
_CLOSE_TO_PROMISE = 0.7
# p90 / p10 above this means the timings were disturbed by other work.
_NOISY_SPREAD = 1.5
# A first call this many times the median is worth pointing out.
_FIRST_CALL_PITFALL = 3.0

#: A catalogue key and its params; a list param is joined in the page's language.
Message = tuple[str, dict[str, str | list[str]]]


def format_ratio(value: float) -> str:
    """Format a ratio for a sentence: whole numbers from 10 up, one decimal below.

    >>> format_ratio(64.2), format_ratio(4.96)
    ('64', '5.0')
    """
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3g}"


def _compare_with_conv(row: dict, conv: dict, ridge: float | None) -> Message:
    flop_ratio = conv["flops"] / row["flops"]
    speedup = conv["median_s"] / row["median_s"]
    params = {
        "layer": row["layer"],
        "flop_ratio": format_ratio(flop_ratio),
        "speedup": format_ratio(speedup),
        "intensity": f"{row['arithmetic_intensity']:.1f}",
    }
    if flop_ratio <= 1:
        return "benchmark.explain_not_fewer", {**params, "flop_ratio": format_ratio(1 / flop_ratio)}
    if speedup < 1:
        return "benchmark.explain_slower", {**params, "slowdown": format_ratio(1 / speedup)}
    if speedup >= _CLOSE_TO_PROMISE * flop_ratio:
        return "benchmark.explain_close", params
    if ridge is not None and row["arithmetic_intensity"] < ridge:
        return "benchmark.explain_memory_bound", {**params, "ridge": f"{ridge:.1f}"}
    return "benchmark.explain_compute_gap", {
        **params,
        "efficiency": f"{100 * row['roofline_fraction']:.0f}",
        "conv_efficiency": f"{100 * conv['roofline_fraction']:.0f}",
    }


def explain(result: BenchResult) -> list[Message]:
    """Return the sentences that explain ``result``, as ``(catalogue key, params)`` pairs.

    In order: each other kind against ``Conv2D`` (when both were timed), the
    first-call pitfall for the kind where it is largest, each kind's place
    under the roofline, and a warning for widely spread timings. Sweep
    results are explained at their last sweep value.
    """
    rows = result.rows
    if result.sweep:
        last = result.sweep["values"][-1]
        rows = [row for row in rows if row.get("sweep_value") == last]
    ridge = result.peak.get("ridge_intensity")
    messages: list[Message] = []

    conv = next((row for row in rows if row["layer"] == "Conv2D"), None)
    if conv is not None:
        for row in rows:
            if row is not conv and "arithmetic_intensity" in row:
                messages.append(_compare_with_conv(row, conv, ridge))

    worst = max(rows, key=lambda row: row["first_call_s"] / row["median_s"])
    first_ratio = worst["first_call_s"] / worst["median_s"]
    if first_ratio >= _FIRST_CALL_PITFALL:
        messages.append(
            (
                "benchmark.explain_first_call",
                {
                    "layer": worst["layer"],
                    "first_ms": _ms(worst["first_call_s"]),
                    "median_ms": _ms(worst["median_s"]),
                    "ratio": format_ratio(first_ratio),
                },
            )
        )

    for row in rows:
        if "roofline_fraction" not in row:
            continue
        if row["roofline_fraction"] > 1:
            # Nothing runs above its roofline, so the ceiling itself was measured low.
            key = "benchmark.explain_row_above_roofline"
        elif row["bound"] == "memory":
            key = "benchmark.explain_row_memory"
        else:
            key = "benchmark.explain_row_compute"
        messages.append(
            (
                key,
                {
                    "layer": row["layer"],
                    "achieved": f"{row['gflops_per_s']:.1f}",
                    "attainable": f"{row['roofline_gflops']:.1f}",
                    "percent": f"{100 * row['roofline_fraction']:.0f}",
                    "intensity": f"{row['arithmetic_intensity']:.1f}",
                },
            )
        )

    noisy = [row["layer"] for row in rows if row["p10_s"] > 0 and row["p90_s"] / row["p10_s"] > _NOISY_SPREAD]
    if noisy:
        messages.append(("benchmark.explain_noisy", {"layers": noisy}))
    return messages
