"""Live timing benchmark: time real Keras layers on this server and explain the times.

Read the form -> validate in ``core.bench`` -> run with a status box (also
while waiting in the process-wide queue) -> render tables, charts and the
generated explanation. Results live in ``st.session_state`` under ``bench_*``
keys so they survive reruns and page changes; every run measures again.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.bench.config import DTYPES, LAYER_KINDS, MODES, BenchConfig, memory_budget_bytes, parse_int_list
from core.bench.explain import explain
from core.bench.report import (
    compare_results,
    load_result_json,
    result_csv,
    result_json,
    result_table,
    roofline_curve,
)
from core.bench.runner import BenchResult, Progress, measure_peak_again, prepare, run_benchmark
from core.bench.sweep import MAX_SWEEP_POINTS, SWEEP_PARAMETERS, run_sweep
from core.errors import ConfigError
from core.i18n import Translator
from ui.i18n import translator
from ui.messages import literal_text, show_error

RESULT_KEY = "bench_result"
SWEEP_KEY = "bench_sweep_result"
#: Maximum length of the input-shape and sweep-values boxes, in characters. Twelve sweep values
#: of five digits need 71 characters, so this only stops pasted junk.
MAX_TEXT_CHARS = 120

# Form field of a ConfigError, looked up by the error's ``name`` param or,
# for errors without one, by its code.
_FIELD_BY_NAME = {
    "input_shape": "input_shape",
    "input height": "input_shape",
    "input width": "input_shape",
    "input channels": "input_shape",
    "batch_size": "batch_size",
    "kernel_size": "kernel_size",
    "filters": "filters",
    "groups": "groups",
    "depth_multiplier": "depth_multiplier",
    "strides": "strides",
    "sweep": "sweep_values",
    "parameter": "sweep_values",
}
_FIELD_BY_CODE = {
    "kernel_too_large": "kernel_size",
    "channels_not_divisible": "groups",
    "filters_not_divisible": "groups",
    "benchmark.no_layers": "layers",
    "benchmark.over_memory_budget": "input_shape",
    "benchmark.sweep_points": "sweep_values",
    "benchmark.dtype_unsupported": "dtype",
    "benchmark.too_slow": "input_shape",
}


def error_field(exc: ConfigError) -> str | None:
    """Return the form field an error is about, or None when it is about the whole run."""
    name = exc.params.get("name")
    if name in _FIELD_BY_NAME:
        return _FIELD_BY_NAME[name]
    return _FIELD_BY_CODE.get(exc.code)


# ---------------------------------------------------------------- form


def config_form(t: Translator, prefix: str) -> tuple[dict, dict]:
    """Render the configuration fields inside the current form.

    Returns the raw values and an error slot (``st.empty``) under each field.
    """
    values: dict = {}
    slots: dict = {}
    values["layers"] = st.multiselect(
        t("benchmark.layers"),
        LAYER_KINDS,
        default=["Conv2D", "DepthwiseConv2D", "SeparableConv2D"],
        help=t("benchmark.layers_help"),
        key=f"{prefix}_layers",
    )
    slots["layers"] = st.empty()

    first, second, third = st.columns(3)
    with first:
        values["input_shape"] = st.text_input(
            t("benchmark.input_shape"),
            "56,56,32",
            max_chars=MAX_TEXT_CHARS,
            help=t("benchmark.input_shape_help"),
            key=f"{prefix}_input_shape",
        )
        slots["input_shape"] = st.empty()
        values["batch_size"] = st.number_input(
            t("benchmark.batch_size"), min_value=1, max_value=256, value=1, key=f"{prefix}_batch_size"
        )
        slots["batch_size"] = st.empty()
        values["filters"] = st.number_input(
            t("benchmark.filters"),
            min_value=1,
            max_value=4096,
            value=64,
            help=t("benchmark.filters_help"),
            key=f"{prefix}_filters",
        )
        slots["filters"] = st.empty()
    with second:
        values["kernel_size"] = st.number_input(
            t("benchmark.kernel_size"), min_value=1, max_value=15, value=3, key=f"{prefix}_kernel_size"
        )
        slots["kernel_size"] = st.empty()
        values["strides"] = st.number_input(
            t("benchmark.strides"), min_value=1, max_value=4, value=1, key=f"{prefix}_strides"
        )
        slots["strides"] = st.empty()
        values["padding"] = st.selectbox(t("benchmark.padding"), ("same", "valid"), key=f"{prefix}_padding")
    with third:
        values["depth_multiplier"] = st.number_input(
            t("benchmark.depth_multiplier"), min_value=1, max_value=16, value=1, key=f"{prefix}_depth_multiplier"
        )
        slots["depth_multiplier"] = st.empty()
        values["groups"] = st.number_input(
            t("benchmark.groups"),
            min_value=1,
            max_value=512,
            value=4,
            help=t("benchmark.groups_help"),
            key=f"{prefix}_groups",
        )
        slots["groups"] = st.empty()
        values["dtype"] = st.selectbox(
            t("benchmark.dtype"), DTYPES, help=t("benchmark.dtype_help"), key=f"{prefix}_dtype"
        )
        slots["dtype"] = st.empty()

    values["mode"] = st.segmented_control(
        t("benchmark.mode"),
        MODES,
        default="function",
        format_func=lambda mode: t(f"benchmark.mode_{mode}"),
        required=True,
        key=f"{prefix}_mode",
    )
    with st.expander(t("benchmark.timing_options")):
        left, middle, right = st.columns(3)
        values["repeats"] = left.number_input(
            t("benchmark.repeats"), min_value=1, max_value=500, value=20, key=f"{prefix}_repeats"
        )
        values["warmup"] = middle.number_input(
            t("benchmark.warmup"), min_value=0, max_value=50, value=3, key=f"{prefix}_warmup"
        )
        values["time_budget_s"] = right.number_input(
            t("benchmark.time_budget"),
            min_value=0.1,
            max_value=30.0,
            value=2.0,
            step=0.5,
            help=t("benchmark.time_budget_help"),
            key=f"{prefix}_time_budget",
        )
    return values, slots


def config_from_values(values: dict) -> BenchConfig:
    """Build a ``BenchConfig`` from the form's raw values; ``core`` validates it.

    Raises:
        ConfigError: when the input shape text is not whole numbers.
    """
    return BenchConfig(
        layers=tuple(values["layers"]),
        input_shape=parse_int_list("input_shape", values["input_shape"]),
        batch_size=int(values["batch_size"]),
        kernel_size=int(values["kernel_size"]),
        filters=int(values["filters"]),
        strides=int(values["strides"]),
        padding=values["padding"],
        depth_multiplier=int(values["depth_multiplier"]),
        groups=int(values["groups"]),
        dtype=values["dtype"],
        mode=values["mode"] or "function",
        repeats=int(values["repeats"]),
        warmup=int(values["warmup"]),
        time_budget_s=float(values["time_budget_s"]),
    )


def show_form_error(t: Translator, exc: ConfigError, slots: dict, fallback) -> None:
    """Show ``exc`` under the field it is about, or in ``fallback`` when it names no field."""
    field = error_field(exc)
    show_error(t, exc, slots.get(field, fallback))


# ---------------------------------------------------------------- running


def progress_text(t: Translator, progress: Progress) -> str:
    """Return the status line for one progress event."""
    done = min(progress.done + 1, progress.total) if progress.stage in ("warmup", "timed") else progress.done
    return t(f"benchmark.stage_{progress.stage}", layer=progress.layer, done=done, total=progress.total)


def run_with_status(t: Translator, run, slots: dict, fallback) -> BenchResult | None:
    """Call ``run(on_progress, on_wait)`` inside a status box; show any error and return None.

    ``on_progress`` takes ``(fraction, text)``; ``on_wait`` takes the queue position.
    """
    status = st.status(t("benchmark.status_running"), expanded=True)
    with status:
        bar = st.progress(0.0)

    def on_progress(fraction: float, text: str) -> None:
        bar.progress(fraction, text=text)

    def on_wait(position: int) -> None:
        status.update(label=t("benchmark.status_waiting", position=position), state="running")

    try:
        result = run(on_progress, on_wait)
    except ConfigError as exc:
        status.update(label=t("benchmark.status_failed"), state="error", expanded=False)
        show_form_error(t, exc, slots, fallback)
        return None
    status.update(
        label=t("benchmark.status_done", seconds=f"{result.wall_s:.1f}"), state="complete", expanded=False
    )
    return result


# ---------------------------------------------------------------- rendering


def stamp(t: Translator, result: BenchResult) -> str:
    """Return the sentence saying when and where ``result`` was measured."""
    machine = result.machine
    return t(
        "benchmark.stamp",
        when=result.measured_at,
        host=machine.get("host", "?"),
        cpu=machine.get("cpu_model", "?"),
        cores=machine.get("logical_cores", "?"),
        tf=machine.get("tensorflow", "?"),
        device=machine.get("device", "?"),
        intra=machine.get("intra_op_threads", "?"),
        inter=machine.get("inter_op_threads", "?"),
    )


def display_table(t: Translator, result: BenchResult) -> pd.DataFrame:
    """Return the results table with times in ms and headers in the session's language."""
    table = result_table(result)
    for column in ("first_call_s", "median_s", "p10_s", "p90_s", "min_s", "roofline_bound_s"):
        table[column] = table[column] * 1e3
    table["roofline_fraction"] = table["roofline_fraction"] * 100
    table["bound"] = table["bound"].map(lambda bound: t(f"benchmark.bound_{bound}"))
    headers = {
        "sweep_value": t("benchmark.col_value"),
        "layer": t("benchmark.col_layer"),
        "keras_layers": t("benchmark.col_keras_layers"),
        "output_shape": t("benchmark.col_output_shape"),
        "params": t("benchmark.col_params"),
        "macs": t("benchmark.col_macs"),
        "flops": t("benchmark.col_flops"),
        "bytes": t("benchmark.col_bytes"),
        "arithmetic_intensity": t("benchmark.col_intensity"),
        "first_call_s": t("benchmark.col_first_call_ms"),
        "median_s": t("benchmark.col_median_ms"),
        "p10_s": t("benchmark.col_p10_ms"),
        "p90_s": t("benchmark.col_p90_ms"),
        "min_s": t("benchmark.col_min_ms"),
        "runs": t("benchmark.col_runs"),
        "gflops_per_s": t("benchmark.col_gflops"),
        "gbytes_per_s": t("benchmark.col_gbytes"),
        "roofline_bound_s": t("benchmark.col_roofline_ms"),
        "roofline_fraction": t("benchmark.col_roofline_percent"),
        "bound": t("benchmark.col_bound"),
    }
    return table[[column for column in headers if column in table.columns]].rename(columns=headers)


def table_formats(t: Translator) -> dict:
    """Return ``st.dataframe`` number formats for the translated headers of ``display_table``."""
    formats = {
        "benchmark.col_params": "localized",
        "benchmark.col_macs": "localized",
        "benchmark.col_flops": "localized",
        "benchmark.col_bytes": "localized",
        "benchmark.col_intensity": "%.2f",
        "benchmark.col_first_call_ms": "%.2f",
        "benchmark.col_median_ms": "%.3f",
        "benchmark.col_p10_ms": "%.3f",
        "benchmark.col_p90_ms": "%.3f",
        "benchmark.col_min_ms": "%.3f",
        "benchmark.col_gflops": "%.2f",
        "benchmark.col_gbytes": "%.2f",
        "benchmark.col_roofline_ms": "%.4f",
        "benchmark.col_roofline_percent": "%.1f",
    }
    return {t(key): st.column_config.NumberColumn(format=number_format) for key, number_format in formats.items()}


def median_chart(t: Translator, rows: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars of the median per layer with p10–p90 error bars."""
    data = rows.assign(median_ms=rows["median_s"] * 1e3, p10_ms=rows["p10_s"] * 1e3, p90_ms=rows["p90_s"] * 1e3)
    y = alt.Y("layer:N", title=None, sort=None)
    bars = alt.Chart(data).mark_bar(color="#0f766e").encode(
        y=y,
        x=alt.X("median_ms:Q", title=t("benchmark.axis_time_ms")),
        tooltip=[
            alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
            alt.Tooltip("median_ms:Q", title=t("benchmark.col_median_ms"), format=".3f"),
            alt.Tooltip("p10_ms:Q", title=t("benchmark.col_p10_ms"), format=".3f"),
            alt.Tooltip("p90_ms:Q", title=t("benchmark.col_p90_ms"), format=".3f"),
            alt.Tooltip("runs:Q", title=t("benchmark.col_runs")),
        ],
    )
    errors = alt.Chart(data).mark_errorbar(ticks=True, color="#1f2933").encode(
        y=y, x=alt.X("p10_ms:Q", title=t("benchmark.axis_time_ms")), x2="p90_ms:Q"
    )
    return (bars + errors).properties(title=t("benchmark.chart_median"), height=chart_height(rows))


def chart_height(rows: pd.DataFrame) -> int:
    """Return a height in pixels that gives each layer of a horizontal chart a readable band.

    Streamlit fits the whole chart, title and axes included, into this height.
    """
    return 120 + 44 * len(rows["layer"].unique())


def first_call_chart(t: Translator, rows: pd.DataFrame) -> alt.LayerChart:
    """Dot plot of each layer's first call and steady-state median, joined by a line, on a log axis."""
    series = {"first_call_s": t("benchmark.series_first_call"), "median_s": t("benchmark.series_steady")}
    data = rows[["layer", *series]].melt("layer", var_name="series", value_name="seconds")
    data["series"] = data["series"].map(series)
    data["ms"] = data["seconds"] * 1e3
    y = alt.Y("layer:N", title=None, sort=None)
    x = alt.X("ms:Q", title=t("benchmark.axis_time_ms"), scale=alt.Scale(type="log"))
    link = alt.Chart(data).mark_line(color="#9aa5b1").encode(x=x, y=y, detail="layer:N")
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=140, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "series:N",
                title=t("benchmark.col_series"),
                sort=list(series.values()),
                scale=alt.Scale(range=["#c2410c", "#0f766e"]),
                legend=alt.Legend(orient="bottom", labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
                alt.Tooltip("series:N", title=t("benchmark.col_series")),
                alt.Tooltip("ms:Q", title=t("benchmark.axis_time_ms"), format=".3f"),
            ],
        )
    )
    return (link + dots).properties(title=t("benchmark.chart_first_call"), height=chart_height(rows) + 40)


def gflops_chart(t: Translator, rows: pd.DataFrame, peak: dict) -> alt.LayerChart:
    """Horizontal bars of achieved GFLOP/s with the machine's peak as a dashed rule."""
    bars = (
        alt.Chart(rows)
        .mark_bar(color="#0f766e")
        .encode(
            y=alt.Y("layer:N", title=None, sort=None),
            x=alt.X("gflops_per_s:Q", title=t("benchmark.axis_gflops")),
            tooltip=[
                alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
                alt.Tooltip("gflops_per_s:Q", title=t("benchmark.series_achieved"), format=".2f"),
            ],
        )
    )
    peak_data = pd.DataFrame({"gflops_per_s": [peak["peak_gflops"]], "label": [t("benchmark.series_peak")]})
    rule = alt.Chart(peak_data).mark_rule(color="#c2410c", strokeDash=[6, 4], size=2).encode(x="gflops_per_s:Q")
    label = (
        alt.Chart(peak_data)
        .mark_text(align="right", dx=-4, dy=-6, baseline="bottom", color="#c2410c")
        .encode(x="gflops_per_s:Q", text="label:N", y=alt.value(0))
    )
    return (bars + rule + label).properties(title=t("benchmark.chart_gflops"), height=chart_height(rows))


def roofline_chart(t: Translator, rows: pd.DataFrame, peak: dict) -> alt.LayerChart:
    """Log–log roofline: the two ceilings as one line and each layer as a labelled point."""
    low = float(rows["arithmetic_intensity"].min()) / 2
    high = float(rows["arithmetic_intensity"].max()) * 2
    curve = roofline_curve(peak, low, high)
    x = alt.X(
        "arithmetic_intensity:Q", title=t("benchmark.axis_intensity"), scale=alt.Scale(type="log")
    )
    y = alt.Y("gflops_per_s:Q", title=t("benchmark.axis_gflops"), scale=alt.Scale(type="log"))
    ceiling = alt.Chart(curve).mark_line(color="#c2410c", strokeWidth=2).encode(x=x, y=y)
    points = (
        alt.Chart(rows)
        .mark_point(filled=True, size=90)
        .encode(
            x=x,
            y=y,
            color=alt.Color("layer:N", title=t("benchmark.col_layer"), legend=None),
            tooltip=[
                alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
                alt.Tooltip("arithmetic_intensity:Q", title=t("benchmark.col_intensity"), format=".2f"),
                alt.Tooltip("gflops_per_s:Q", title=t("benchmark.col_gflops"), format=".2f"),
                alt.Tooltip("roofline_gflops:Q", title=t("benchmark.series_roofline"), format=".1f"),
            ],
        )
    )
    labels = alt.Chart(rows).mark_text(align="left", dx=7, dy=-7, fontSize=11).encode(x=x, y=y, text="layer:N")
    return (ceiling + points + labels).properties(title=t("benchmark.chart_roofline"), height=400)


def render_explanation(t: Translator, result: BenchResult) -> None:
    """Show the sentences ``core.bench.explain`` generates from the numbers."""
    st.markdown(f"**{t('benchmark.explanation')}**")
    lines = [f"- {t(key, **params)}" for key, params in explain(result)]
    st.markdown("\n".join(lines))


def render_downloads(t: Translator, result: BenchResult, prefix: str) -> None:
    """Offer the result as CSV and JSON, named after when it was measured."""
    stem = f"convlab-bench-{result.measured_at.replace(':', '').replace('+0000', 'Z')}"
    row = st.container(horizontal=True)
    row.download_button(
        t("benchmark.download_csv"),
        result_csv(result),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{prefix}_download_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        t("benchmark.download_json"),
        result_json(result),
        file_name=f"{stem}.json",
        mime="application/json",
        key=f"{prefix}_download_json",
        on_click="ignore",
        icon=":material/download:",
    )


def render_peak(t: Translator, peak: dict, key: str) -> None:
    """Show the machine's ceilings, when they were measured, and a button to measure them again."""
    st.caption(
        t(
            "benchmark.peak_caption",
            when=peak.get("measured_at", "?"),
            peak=f"{peak['peak_gflops']:.1f}",
            bandwidth=f"{peak['bandwidth_gbytes_per_s']:.1f}",
            ridge=f"{peak['ridge_intensity']:.1f}",
        )
    )
    if st.button(t("benchmark.remeasure_peak"), help=t("benchmark.remeasure_peak_help"), key=key, icon=":material/speed:"):
        with st.spinner(t("benchmark.remeasure_peak")):
            fresh = measure_peak_again()
        st.success(
            t(
                "benchmark.remeasure_peak_done",
                peak=f"{fresh.peak_gflops:.1f}",
                bandwidth=f"{fresh.bandwidth_gbytes_per_s:.1f}",
                when=fresh.measured_at,
            ),
            icon=":material/check:",
        )


def render_result(t: Translator, result: BenchResult) -> None:
    """Render one run: stamp, table, explanation, four charts and downloads."""
    st.subheader(t("benchmark.results"))
    st.caption(stamp(t, result))
    render_peak(t, result.peak, key="bench_remeasure_run")
    st.dataframe(display_table(t, result), hide_index=True, column_config=table_formats(t), key="bench_table")
    render_explanation(t, result)
    st.caption(t("benchmark.busy_note"))

    rows = pd.DataFrame(result.rows)
    left, right = st.columns(2)
    left.altair_chart(median_chart(t, rows), width="stretch")
    right.altair_chart(first_call_chart(t, rows), width="stretch")
    left, right = st.columns(2)
    left.altair_chart(gflops_chart(t, rows, result.peak), width="stretch")
    right.altair_chart(roofline_chart(t, rows, result.peak), width="stretch")
    right.caption(t("benchmark.chart_roofline_caption"))
    render_downloads(t, result, "bench_run")


def sweep_charts(t: Translator, result: BenchResult) -> tuple[alt.Chart, alt.Chart]:
    """Line charts of the median against the swept value and against FLOPs, one line per layer."""
    rows = pd.DataFrame(result.rows)
    rows["median_ms"] = rows["median_s"] * 1e3
    parameter = result.sweep["parameter"]
    color = alt.Color(
        "layer:N", title=t("benchmark.col_layer"), legend=alt.Legend(orient="bottom", columns=2, labelLimit=240)
    )
    tooltip = [
        alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
        alt.Tooltip("sweep_value:Q", title=parameter),
        alt.Tooltip("median_ms:Q", title=t("benchmark.col_median_ms"), format=".3f"),
        alt.Tooltip("flops:Q", title=t("benchmark.col_flops"), format=","),
    ]
    by_value = (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("sweep_value:Q", title=parameter),
            y=alt.Y("median_ms:Q", title=t("benchmark.axis_time_ms")),
            color=color,
            tooltip=tooltip,
        )
        .properties(title=t("benchmark.chart_sweep_time", parameter=parameter), height=420)
    )
    by_flops = (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("flops:Q", title=t("benchmark.axis_flops"), scale=alt.Scale(type="log")),
            y=alt.Y("median_ms:Q", title=t("benchmark.axis_time_ms"), scale=alt.Scale(type="log")),
            color=color,
            order="sweep_value:Q",
            tooltip=tooltip,
        )
        .properties(title=t("benchmark.chart_sweep_flops"), height=420)
    )
    return by_value, by_flops


def render_sweep(t: Translator, result: BenchResult) -> None:
    """Render a sweep: stamp, the two line charts, the table, explanation and downloads."""
    st.subheader(t("benchmark.results"))
    st.caption(stamp(t, result))
    render_peak(t, result.peak, key="bench_remeasure_sweep")
    by_value, by_flops = sweep_charts(t, result)
    left, right = st.columns(2)
    left.altair_chart(by_value, width="stretch")
    right.altair_chart(by_flops, width="stretch")
    st.dataframe(
        display_table(t, result), hide_index=True, column_config=table_formats(t), key="bench_sweep_table"
    )
    render_explanation(t, result)
    render_downloads(t, result, "bench_sweep")


def compare_chart(t: Translator, merged: pd.DataFrame) -> alt.Chart:
    """Grouped bars of the median per layer on this server and in the uploaded result."""
    names = {"median_s_server": t("benchmark.series_server"), "median_s_uploaded": t("benchmark.series_uploaded")}
    data = merged[["layer", *names]].melt("layer", var_name="series", value_name="seconds")
    data["series"] = data["series"].map(names)
    data["ms"] = data["seconds"] * 1e3
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("layer:N", title=None, sort=None),
            yOffset=alt.YOffset("series:N"),
            x=alt.X("ms:Q", title=t("benchmark.axis_time_ms")),
            color=alt.Color("series:N", title=t("benchmark.col_series"), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("layer:N", title=t("benchmark.col_layer")),
                alt.Tooltip("series:N", title=t("benchmark.col_series")),
                alt.Tooltip("ms:Q", title=t("benchmark.axis_time_ms"), format=".3f"),
            ],
        )
        .properties(title=t("benchmark.chart_compare"), height=chart_height(merged) + 100)
    )
    return chart


def render_comparison(t: Translator, server: BenchResult | None, uploaded: BenchResult) -> None:
    """Show an uploaded result next to this server's last run."""
    machine = uploaded.machine
    st.caption(
        t(
            "benchmark.uploaded_stamp",
            when=literal_text(uploaded.measured_at),
            host=literal_text(machine.get("host", "?")),
            cpu=literal_text(machine.get("cpu_model", "?")),
            tf=literal_text(machine.get("tensorflow", "?")),
        )
    )
    if server is None:
        st.info(t("benchmark.compare_need_run"), icon=":material/info:")
        return

    st.caption(stamp(t, server))
    merged = compare_results(server, uploaded)
    if merged.empty:
        st.warning(t("benchmark.compare_no_common"), icon=":material/warning:")
        return

    differing = merged.loc[~merged["same_macs"], "layer"].tolist()
    if differing:
        st.warning(t("benchmark.compare_macs_differ", layers=", ".join(differing)), icon=":material/warning:")

    table = pd.DataFrame(
        {
            t("benchmark.col_layer"): merged["layer"],
            t("benchmark.col_server_ms"): merged["median_s_server"] * 1e3,
            t("benchmark.col_uploaded_ms"): merged["median_s_uploaded"] * 1e3,
            t("benchmark.col_ratio"): merged["median_ratio"],
        }
    )
    formats = {
        t("benchmark.col_server_ms"): st.column_config.NumberColumn(format="%.3f"),
        t("benchmark.col_uploaded_ms"): st.column_config.NumberColumn(format="%.3f"),
        t("benchmark.col_ratio"): st.column_config.NumberColumn(format="%.2f"),
    }
    st.dataframe(table, hide_index=True, column_config=formats, key="bench_compare_table")
    st.altair_chart(compare_chart(t, merged), width="stretch")


# ---------------------------------------------------------------- page


def run_tab(t: Translator) -> None:
    """Render the single-run form and its result."""
    with st.form("bench_run_form"):
        values, slots = config_form(t, "bench_run")
        submitted = st.form_submit_button(
            t("benchmark.run"), type="primary", icon=":material/timer:", key="bench_run_submit"
        )
    feedback = st.container()
    if submitted:
        try:
            config, estimates = prepare(config_from_values(values))
        except ConfigError as exc:
            show_form_error(t, exc, slots, feedback)
        else:
            feedback.caption(
                t(
                    "benchmark.memory_estimate",
                    mib=f"{max(estimates.values()) / 1024**2:,.1f}",
                    budget=f"{memory_budget_bytes() / 1024**2:,.0f}",
                )
            )
            with feedback:

                def run(on_progress, on_wait):
                    return run_benchmark(
                        config,
                        on_progress=lambda progress: on_progress(progress.fraction, progress_text(t, progress)),
                        on_wait=on_wait,
                    )

                result = run_with_status(t, run, slots, feedback)
            if result is not None:
                st.session_state[RESULT_KEY] = result
    result = st.session_state.get(RESULT_KEY)
    if result is None:
        st.info(t("benchmark.no_result"), icon=":material/info:")
    else:
        render_result(t, result)


def sweep_tab(t: Translator) -> None:
    """Render the sweep form and its line charts."""
    with st.form("bench_sweep_form"):
        left, right = st.columns(2)
        # A selectbox keeps showing the label it first rendered when only its
        # format_func changes (Streamlit 1.67), so the widget key carries the
        # language and the choice itself lives under a language-free key.
        widget_key = f"bench_sweep_parameter_{t.language}"
        if widget_key not in st.session_state:
            st.session_state[widget_key] = st.session_state.get("bench_sweep_parameter", SWEEP_PARAMETERS[0])
        parameter = left.selectbox(
            t("benchmark.sweep_parameter"),
            SWEEP_PARAMETERS,
            format_func=lambda name: t(f"benchmark.param_{name}"),
            key=widget_key,
        )
        st.session_state["bench_sweep_parameter"] = parameter
        values_text = right.text_input(
            t("benchmark.sweep_values"),
            "8,16,32,64",
            max_chars=MAX_TEXT_CHARS,
            help=t("benchmark.sweep_values_help", limit=MAX_SWEEP_POINTS),
            key="bench_sweep_values",
        )
        values_slot = right.empty()
        values, slots = config_form(t, "bench_sweep")
        slots["sweep_values"] = values_slot
        submitted = st.form_submit_button(
            t("benchmark.run_sweep"), type="primary", icon=":material/show_chart:", key="bench_sweep_submit"
        )
    feedback = st.container()
    if submitted:
        try:
            config = config_from_values(values)
            sweep_values = parse_int_list("sweep", values_text)
        except ConfigError as exc:
            show_form_error(t, exc, slots, feedback)
        else:
            with feedback:

                def run(on_progress, on_wait):
                    def report(index, count, value, progress):
                        point = t(
                            "benchmark.sweep_point", parameter=parameter, value=value, index=index + 1, count=count
                        )
                        on_progress((index + progress.fraction) / count, f"{point} · {progress_text(t, progress)}")

                    return run_sweep(config, parameter, sweep_values, on_progress=report, on_wait=on_wait)

                result = run_with_status(t, run, slots, feedback)
            if result is not None:
                st.session_state[SWEEP_KEY] = result
    result = st.session_state.get(SWEEP_KEY)
    if result is None:
        st.info(t("benchmark.no_sweep"), icon=":material/info:")
    else:
        render_sweep(t, result)


def compare_tab(t: Translator) -> None:
    """Render the upload of a CLI JSON and its comparison with this server's last run."""
    st.markdown(t("benchmark.cli_hint"))
    st.code(
        "python -m core.bench --layers Conv2D,DepthwiseConv2D,SeparableConv2D \\\n"
        "    --input-shape 56,56,32 --kernel-size 3 --filters 64 --format json > mine.json",
        language="bash",
    )
    upload = st.file_uploader(
        t("benchmark.upload"), type=["json"], help=t("benchmark.upload_help"), key="bench_upload"
    )
    if upload is None:
        return
    try:
        uploaded = load_result_json(upload.getvalue())
    except ConfigError as exc:
        show_error(t, exc)
        return
    render_comparison(t, st.session_state.get(RESULT_KEY), uploaded)


t = translator()
st.title(t("benchmark.title"))
st.markdown(t("benchmark.intro"))
st.caption(t("common.convention"))

run_area, sweep_area, compare_area = st.tabs([t("benchmark.tab_run"), t("benchmark.tab_sweep"), t("benchmark.tab_compare")])
with run_area:
    run_tab(t)
with sweep_area:
    sweep_tab(t)
with compare_area:
    compare_tab(t)
