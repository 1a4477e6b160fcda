"""Architecture builder: a network counted layer by layer, next to its standard-convolution twin.

All numbers come from ``core.architectures``; this script only reads inputs,
calls it and draws. TensorFlow is imported only when the user builds a model
or counts a Keras model.
"""

from __future__ import annotations

import hashlib

import altair as alt
import pandas as pd
import streamlit as st

from core.architectures import (
    APPLICATIONS,
    KINDS,
    MAX_MODEL_BYTES,
    ROW_BLOCKS,
    ROW_COLUMNS,
    V1_ALPHAS,
    V1_RESOLUTIONS,
    V2_ALPHAS,
    V2_RESOLUTIONS,
    architecture_cost,
    build_keras_model,
    count_keras_file,
    custom_network,
    depthwise_stack_rows,
    hybrid_stack_rows,
    keras_application,
    keras_script,
    kind_breakdown,
    mobilenet_v1,
    mobilenet_v2,
    separable_savings,
    standard_twin,
    totals,
    tradeoff_table,
)
from core.architectures.timing import (
    ModelTimingResult,
    ModelTimingSettings,
    check_timing_memory,
    compare_with_twin,
    time_architecture,
)
from core.bench.config import memory_budget_bytes
from core.bench.runner import Progress
from core.errors import ConfigError
from core.i18n import Translator, format_count
from core.model_cost import model_cost
from ui.i18n import translator
from ui.messages import literal_text, show_error

PRESETS = ("MobileNetV1", "MobileNetV2", "depthwise_stack", "hybrid_stack", "custom")
KIND_COLORS = {
    "standard": "#d62728",
    "depthwise": "#1f77b4",
    "pointwise": "#2ca02c",
    "dense": "#9467bd",
    "other": "#7f7f7f",
}
# Session state owned by this page. Keyed widgets use persist_state="session"
# so their values survive a page switch; the data editor cannot, so its rows
# are copied to ROWS_KEY after every run and reloaded into BASE_KEY.
ROWS_KEY = "architecture_custom_rows"
BASE_KEY = "architecture_custom_base"
EDITOR_KEY = "architecture_custom_editor"
BUILD_KEY = "architecture_build_requested"
UPLOAD_KEY = "architecture_upload_result"
# The last timing, stored as (Architecture.to_json(), ModelTimingResult) so
# it is shown only next to the network it measured, with its own timestamp.
TIMING_KEY = "architecture_timing_result"
MAX_UPLOAD_MB = MAX_MODEL_BYTES // (1024 * 1024)
# A legend on the right leaves the narrow trade-off charts no room to plot.
BOTTOM_LEGEND = alt.Legend(orient="bottom", direction="horizontal", columns=6)
# Axis labels in SI form (600M instead of 600,000,000); tooltips keep exact counts.
SHORT_AXIS = alt.Axis(format="~s")
# A short MobileNetV2-like start for the custom table's third preset button.
INVERTED_RESIDUAL_ROWS = [
    {"block": "conv", "filters": 32, "kernel_size": 3, "strides": 2, "expansion": 6, "depth_multiplier": 1},
    {"block": "inverted_residual", "filters": 16, "kernel_size": 3, "strides": 1, "expansion": 1, "depth_multiplier": 1},
    {"block": "inverted_residual", "filters": 24, "kernel_size": 3, "strides": 2, "expansion": 6, "depth_multiplier": 1},
    {"block": "inverted_residual", "filters": 24, "kernel_size": 3, "strides": 1, "expansion": 6, "depth_multiplier": 1},
    {"block": "inverted_residual", "filters": 32, "kernel_size": 3, "strides": 2, "expansion": 6, "depth_multiplier": 1},
]  # fmt: skip


@st.cache_resource(max_entries=4, show_spinner=False)
def cached_model(config_key: str, _architecture):
    """Build one Keras model per full configuration; ``config_key`` is ``Architecture.to_json()``."""
    return build_keras_model(_architecture)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_tradeoff(family: str) -> pd.DataFrame:
    """Count the MobileNet family over its published alphas and resolutions (no Keras)."""
    alphas, resolutions = (V1_ALPHAS, V1_RESOLUTIONS) if family == "MobileNetV1" else (V2_ALPHAS, V2_RESOLUTIONS)
    return tradeoff_table(family, alphas, resolutions)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_application_cost(name: str, resolution: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count a ``keras.applications`` model built with ``weights=None``; returns (layers, savings)."""
    model = keras_application(name, resolution)
    return model_cost(model), separable_savings(model)


def model_summary(model) -> str:
    """Return ``model.summary()`` as plain text."""
    lines: list[str] = []
    model.summary(line_length=110, print_fn=lambda line, line_break=True: lines.append(line))
    return "\n".join(lines)


# ---------------------------------------------------------------- inputs


def default_rows() -> pd.DataFrame:
    return pd.DataFrame(depthwise_stack_rows(blocks=4, filters=32), columns=list(ROW_COLUMNS))


def load_rows(rows: list[dict]) -> None:
    """Replace the custom table's rows, reset the editor and show it (a button callback)."""
    st.session_state[ROWS_KEY] = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    st.session_state.pop(EDITOR_KEY, None)
    st.session_state["architecture_preset"] = "custom"


def read_mobilenet(t, version: str, alphas, resolutions, build):
    """Render the alpha, resolution and top inputs of MobileNet ``version`` ("v1" or "v2") and build it."""
    left, middle, right = st.columns(3)
    alpha = left.select_slider(
        t("architecture.alpha"), alphas, value=1.0, key=f"architecture_{version}_alpha",
        help=t("architecture.alpha_help"), persist_state="session",
    )  # fmt: skip
    resolution = middle.select_slider(
        t("architecture.resolution"), resolutions, value=224, key=f"architecture_{version}_resolution",
        help=t("architecture.resolution_help"), persist_state="session",
    )  # fmt: skip
    include_top = right.checkbox(
        t("architecture.include_top"), value=True, key=f"architecture_{version}_top",
        help=t("architecture.include_top_help"), persist_state="session",
    )  # fmt: skip
    return build(alpha=alpha, resolution=resolution, include_top=include_top)


def read_stack(t, hybrid: bool):
    prefix = "architecture_hybrid" if hybrid else "architecture_stack"
    columns = st.columns(4 if hybrid else 3)
    blocks = columns[0].number_input(
        t("architecture.stack_blocks"), 1, 16, 4, key=f"{prefix}_blocks",
        help=t("architecture.stack_blocks_help"), persist_state="session",
    )  # fmt: skip
    filters = columns[1].number_input(
        t("architecture.stack_filters"), 1, 1024, 32 if not hybrid else 16, key=f"{prefix}_filters",
        help=t("architecture.stack_filters_help"), persist_state="session",
    )  # fmt: skip
    resolution = columns[2].number_input(
        t("architecture.resolution"), 8, 512, 96, key=f"{prefix}_resolution",
        help=t("architecture.stack_resolution_help"), persist_state="session",
    )  # fmt: skip
    if hybrid:
        multiplier = columns[3].number_input(
            "depth_multiplier", 1, 8, 2, key=f"{prefix}_multiplier",
            help=t("architecture.depth_multiplier_help"), persist_state="session",
        )  # fmt: skip
        rows = hybrid_stack_rows(blocks=int(blocks), filters=int(filters), depth_multiplier=int(multiplier))
        name = t("architecture.preset_hybrid_stack")
    else:
        rows = depthwise_stack_rows(blocks=int(blocks), filters=int(filters))
        name = t("architecture.preset_depthwise_stack")
    st.button(
        t("architecture.edit_as_custom"), key=f"{prefix}_to_custom", on_click=load_rows, args=(rows,),
        help=t("architecture.edit_as_custom_help"),
    )  # fmt: skip
    network = custom_network(rows, resolution=int(resolution), channels=3, include_top=False, name=name)
    return network.architecture


def read_custom(t):
    """Render the block table and return the network built from its valid rows, or None."""
    left, middle, right, last = st.columns(4)
    resolution = left.number_input(
        t("architecture.resolution"), 1, 1024, 96, key="architecture_custom_resolution",
        help=t("architecture.custom_resolution_help"), persist_state="session",
    )  # fmt: skip
    channels = middle.number_input(
        t("architecture.channels"), 1, 64, 3, key="architecture_custom_channels",
        help=t("architecture.channels_help"), persist_state="session",
    )  # fmt: skip
    include_top = right.checkbox(
        t("architecture.include_top"), value=True, key="architecture_custom_top",
        help=t("architecture.custom_top_help"), persist_state="session",
    )  # fmt: skip
    classes = last.number_input(
        t("architecture.classes"), 1, 100000, 10, key="architecture_custom_classes",
        disabled=not include_top, persist_state="session",
    )  # fmt: skip

    st.caption(t("architecture.custom_help"))
    if EDITOR_KEY not in st.session_state:
        st.session_state[BASE_KEY] = st.session_state.get(ROWS_KEY, default_rows())
    integer = {"step": 1, "format": "%d"}
    edited = st.data_editor(
        st.session_state[BASE_KEY],
        key=EDITOR_KEY,
        num_rows="dynamic",
        width="stretch",
        column_config={
            "block": st.column_config.SelectboxColumn(
                t("architecture.col_block_type"), options=ROW_BLOCKS, required=True, default="separable",
                format_func=lambda value: t(f"architecture.block_{value}"), help=t("architecture.block_help"),
            ),
            "filters": st.column_config.NumberColumn("filters", help=t("architecture.filters_help"), **integer),
            "kernel_size": st.column_config.NumberColumn("kernel_size", default=3, **integer),
            "strides": st.column_config.NumberColumn("strides", default=1, **integer),
            "expansion": st.column_config.NumberColumn(
                t("architecture.col_expansion"), default=6, help=t("architecture.expansion_help"), **integer
            ),
            "depth_multiplier": st.column_config.NumberColumn(
                "depth_multiplier", default=1, help=t("architecture.depth_multiplier_help"), **integer
            ),
        },
    )  # fmt: skip
    st.session_state[ROWS_KEY] = edited

    buttons = st.columns(3)
    buttons[0].button(
        t("architecture.load_depthwise_stack"), key="architecture_load_stack", on_click=load_rows,
        args=(depthwise_stack_rows(),),
    )  # fmt: skip
    buttons[1].button(
        t("architecture.load_hybrid_stack"), key="architecture_load_hybrid", on_click=load_rows,
        args=(hybrid_stack_rows(),),
    )  # fmt: skip
    buttons[2].button(
        t("architecture.load_inverted_residual"), key="architecture_load_ir", on_click=load_rows,
        args=(INVERTED_RESIDUAL_ROWS,),
    )  # fmt: skip

    rows = [_clean_row(record) for record in edited.to_dict("records")]
    try:
        network = custom_network(
            rows, resolution=int(resolution), channels=int(channels), include_top=include_top,
            classes=int(classes), name=t("architecture.preset_custom"),
        )  # fmt: skip
    except ConfigError as error:
        show_error(t, error)
        return None
    for index, error in sorted(network.errors.items()):
        show_error(t, error)
    if network.errors:
        st.caption(t("architecture.rows_skipped", count=len(network.errors)))
    if not any(block.kind != "head" for block in network.architecture.blocks):
        st.info(t("architecture.no_valid_rows"), icon=":material/info:")
        return None
    return network.architecture


def _clean_row(record: dict) -> dict:
    """Turn pandas's missing values into None, so core applies its defaults."""
    return {key: (None if pd.isna(value) else value) for key, value in record.items()}


def read_network(t):
    """Render the network picker and its inputs; return the chosen Architecture or None."""
    preset = st.segmented_control(
        t("architecture.preset"), PRESETS, default="MobileNetV1", required=True, key="architecture_preset",
        format_func=lambda value: t(f"architecture.preset_{value}"), persist_state="session",
        help=t("architecture.preset_help"),
    )  # fmt: skip
    try:
        if preset == "MobileNetV1":
            return read_mobilenet(t, "v1", V1_ALPHAS, V1_RESOLUTIONS, mobilenet_v1)
        if preset == "MobileNetV2":
            return read_mobilenet(t, "v2", V2_ALPHAS, V2_RESOLUTIONS, mobilenet_v2)
        if preset in ("depthwise_stack", "hybrid_stack"):
            return read_stack(t, hybrid=preset == "hybrid_stack")
        return read_custom(t)
    except ConfigError as error:
        show_error(t, error)
        return None


# ---------------------------------------------------------------- results


def display_table(t, frame: pd.DataFrame):
    table = frame.copy()
    table["output_shape"] = table["output_shape"].map(lambda shape: "(" + ", ".join(map(str, shape)) + ")")
    table["kind"] = table["kind"].map(lambda kind: t(f"architecture.kind_{kind}"))
    columns = ["block", "name", "class_name", "kind", "output_shape", "params", "macs", "macs_share", "params_share"]
    st.dataframe(
        table[columns],
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            "block": t("architecture.col_block"),
            "name": t("architecture.col_name"),
            "class_name": t("architecture.col_class"),
            "kind": t("architecture.col_kind"),
            "output_shape": t("architecture.col_output_shape"),
            "params": st.column_config.NumberColumn(t("architecture.col_params"), format="localized"),
            "macs": st.column_config.NumberColumn("MACs", format="localized"),
            "macs_share": st.column_config.NumberColumn(t("architecture.col_macs_share"), format="percent"),
            "params_share": st.column_config.NumberColumn(t("architecture.col_params_share"), format="percent"),
        },
    )


def short_count(value: int) -> str:
    """Abbreviate a count for a metric tile (568,740,352 -> 569M); the table below shows it exactly."""
    for threshold, suffix in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if value >= threshold:
            digits = 0
            if value < 100 * threshold:
                digits = 1
            if value < 10 * threshold:
                digits = 2
            return f"{value / threshold:,.{digits}f}{suffix}"
    return str(value)


def render_totals(t, frame, twin_frame) -> None:
    counted, twin = totals(frame), totals(twin_frame)
    cells = st.columns(4)
    cells[0].metric(f"MACs · {t('architecture.this_network')}", short_count(counted["macs"]))
    cells[1].metric(f"{t('architecture.col_params')} · {t('architecture.this_network')}", short_count(counted["params"]))
    for cell, key in ((cells[2], "macs"), (cells[3], "params")):
        label = "MACs" if key == "macs" else t("architecture.col_params")
        ratio = twin[key] / counted[key] if counted[key] else float("nan")
        cell.metric(
            f"{label} · {t('architecture.standard_twin')}", short_count(twin[key]), delta=f"×{ratio:.2f}",
            delta_color="inverse", delta_arrow="off" if not counted[key] else "auto",
        )  # fmt: skip
    names = {"macs": "MACs", "params": t("architecture.col_params"), "flops": "FLOPs"}
    table = pd.DataFrame(
        {
            t("architecture.quantity"): [names[key] for key in names],
            t("architecture.this_network"): [format_count(counted[key]) for key in names],
            t("architecture.standard_twin"): [format_count(twin[key]) for key in names],
            t("architecture.twin_ratio"): [
                f"×{twin[key] / counted[key]:.2f}" if counted[key] else "–" for key in names
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="content")
    st.caption(t("architecture.twin_explained"))


def kind_scale(t) -> alt.Scale:
    charted_kinds = [kind for kind in KINDS if kind != "other"]
    return alt.Scale(
        domain=[t(f"architecture.kind_{kind}") for kind in charted_kinds],
        range=[KIND_COLORS[kind] for kind in charted_kinds],
    )


def render_layer_charts(t, frame) -> None:
    data = frame[frame["kind"] != "other"].copy()
    data["kind_label"] = data["kind"].map(lambda kind: t(f"architecture.kind_{kind}"))
    data["shape"] = data["output_shape"].map(str)
    order = list(data["name"])
    tooltip = [
        alt.Tooltip("name:N", title=t("architecture.col_name")),
        alt.Tooltip("class_name:N", title=t("architecture.col_class")),
        alt.Tooltip("shape:N", title=t("architecture.col_output_shape")),
        alt.Tooltip("macs:Q", title="MACs", format=","),
        alt.Tooltip("params:Q", title=t("architecture.col_params"), format=","),
    ]
    color = alt.Color("kind_label:N", scale=kind_scale(t), title=t("architecture.col_kind"))
    x = alt.X("name:N", sort=order, title=t("architecture.col_name"), axis=alt.Axis(labelAngle=-60, labelLimit=120))
    for field, title_key in (("macs", "architecture.chart_macs"), ("params", "architecture.chart_params")):
        chart = (
            alt.Chart(data, title=t(title_key))
            .mark_bar()
            .encode(
                x=x,
                y=alt.Y(f"{field}:Q", title=t(f"architecture.axis_{field}"), axis=SHORT_AXIS),
                color=color,
                tooltip=tooltip,
            )
            .properties(height=280)
        )
        st.altair_chart(chart, width="stretch")


def render_breakdown(t, frame, twin_frame) -> None:
    st.caption(t("architecture.breakdown_help"))
    network = kind_breakdown(frame).set_index("kind")
    twin = kind_breakdown(twin_frame).set_index("kind")
    kinds = [kind for kind in KINDS if kind in network.index or kind in twin.index]
    table = pd.DataFrame(
        {
            "kind": [t(f"architecture.kind_{kind}") for kind in kinds],
            "macs_share": network["macs_share"].reindex(kinds).fillna(0.0).to_numpy(),
            "params_share": network["params_share"].reindex(kinds).fillna(0.0).to_numpy(),
            "twin_macs_share": twin["macs_share"].reindex(kinds).fillna(0.0).to_numpy(),
            "twin_params_share": twin["params_share"].reindex(kinds).fillna(0.0).to_numpy(),
        }
    )
    this, standard = t("architecture.this_network"), t("architecture.standard_twin")
    params = t("architecture.col_params")
    share = {"format": "percent"}
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "kind": t("architecture.col_kind"),
            "macs_share": st.column_config.NumberColumn(f"MACs · {this}", **share),
            "params_share": st.column_config.NumberColumn(f"{params} · {this}", **share),
            "twin_macs_share": st.column_config.NumberColumn(f"MACs · {standard}", **share),
            "twin_params_share": st.column_config.NumberColumn(f"{params} · {standard}", **share),
        },
    )


@st.cache_data(max_entries=8, show_spinner=False)
def tradeoff_chart_specs(family: str, language: str) -> tuple[dict, dict, dict]:
    """Build the three trade-off charts of ``family`` as Vega-Lite specs, cached per family and language.

    The charts depend on nothing else. Building and validating them with
    Altair took about 60 ms per rerun, a third of the page script's time
    (pyinstrument, shared 2-core AMD EPYC), in every session.
    """
    t = Translator(language)
    data = cached_tradeoff(family)
    resolution_title = t("architecture.resolution")
    legend_title = t("architecture.resolution_short")
    macs_alpha = (
        alt.Chart(data, title=t("architecture.chart_macs_alpha"))
        .mark_line(point=True)
        .encode(
            x=alt.X("alpha:Q", title="α"),
            y=alt.Y("macs:Q", title=t("architecture.axis_macs"), axis=SHORT_AXIS),
            color=alt.Color("resolution:O", title=legend_title, legend=BOTTOM_LEGEND),
            tooltip=["alpha", "resolution", alt.Tooltip("macs:Q", format=",")],
        )
    )
    macs_resolution = (
        alt.Chart(data, title=t("architecture.chart_macs_resolution"))
        .mark_line(point=True)
        .encode(
            x=alt.X("resolution:Q", title=resolution_title, scale=alt.Scale(zero=False)),
            y=alt.Y("macs:Q", title=t("architecture.axis_macs"), axis=SHORT_AXIS),
            color=alt.Color("alpha:O", title="α", legend=BOTTOM_LEGEND),
            tooltip=["alpha", "resolution", alt.Tooltip("macs:Q", format=",")],
        )
    )
    # Parameters do not depend on the resolution, so one row per alpha is enough.
    params = data.drop_duplicates("alpha")
    params_alpha = (
        alt.Chart(params, title=t("architecture.chart_params_alpha"))
        .mark_line(point=True)
        .encode(
            x=alt.X("alpha:Q", title="α"),
            y=alt.Y("params:Q", title=t("architecture.axis_params"), axis=SHORT_AXIS),
            tooltip=["alpha", alt.Tooltip("params:Q", format=",")],
        )
    )
    return macs_alpha.to_dict(), macs_resolution.to_dict(), params_alpha.to_dict()


def render_tradeoff(t, preset: str) -> None:
    family = st.segmented_control(
        t("architecture.tradeoff_family"), ("MobileNetV1", "MobileNetV2"), required=True,
        default="MobileNetV2" if preset == "MobileNetV2" else "MobileNetV1", key="architecture_tradeoff_family",
        format_func=lambda value: t(f"architecture.preset_{value}"),
    )  # fmt: skip
    macs_alpha, macs_resolution, params_alpha = tradeoff_chart_specs(family, t.language)

    top_left, top_right = st.columns(2)
    top_left.vega_lite_chart(spec=macs_alpha, width="stretch")
    top_right.vega_lite_chart(spec=macs_resolution, width="stretch")
    bottom_left, bottom_right = st.columns(2)
    bottom_left.vega_lite_chart(spec=params_alpha, width="stretch")
    bottom_right.caption(t("architecture.tradeoff_help"))


def render_build(t, architecture, frame) -> None:
    key = architecture.to_json()
    st.caption(t("architecture.build_help"))
    if st.button(t("architecture.build"), key="architecture_build", icon=":material/construction:"):
        st.session_state[BUILD_KEY] = key
    if st.session_state.get(BUILD_KEY) != key:
        return
    try:
        with st.spinner(t("architecture.building")):
            model = cached_model(key, architecture)
            summary = model_summary(model)
    except (ConfigError, ValueError) as error:
        show_error(t, error)
        return
    expected = totals(frame)["params"]
    built = model.count_params()
    if built == expected:
        st.success(t("architecture.build_match", count=format_count(built)), icon=":material/check_circle:")
    else:
        st.warning(
            t("architecture.build_mismatch", built=format_count(built), expected=format_count(expected)),
            icon=":material/warning:",
        )
    # A MobileNet summary has about 90 rows, so it scrolls inside a box as tall as the layer table.
    st.code(summary, language=None, height=420)
    render_timing(t, architecture, model, key)


# ---------------------------------------------------------------- timing


def timing_progress_text(t, progress: Progress) -> str:
    """Return the status line for one progress event of a model timing."""
    counted = progress.stage in ("warmup", "timed")
    done = min(progress.done + 1, progress.total) if counted else progress.done
    return t(f"architecture.timing_stage_{progress.stage}", name=progress.layer, done=done, total=progress.total)


def read_timing_settings(t) -> ModelTimingSettings:
    left, middle, right = st.columns(3)
    batch_size = left.number_input(
        t("architecture.timing_batch_size"), 1, 256, 1, key="architecture_timing_batch_size",
        help=t("architecture.timing_batch_size_help"), persist_state="session",
    )  # fmt: skip
    repeats = middle.number_input(
        t("architecture.timing_repeats"), 1, 200, 20, key="architecture_timing_repeats",
        help=t("architecture.timing_repeats_help"), persist_state="session",
    )  # fmt: skip
    include_twin = right.checkbox(
        t("architecture.timing_include_twin"), value=True, key="architecture_timing_twin",
        help=t("architecture.timing_include_twin_help"), persist_state="session",
    )  # fmt: skip
    return ModelTimingSettings(batch_size=int(batch_size), repeats=int(repeats), include_twin=include_twin)


def run_timing(t, architecture, model, settings: ModelTimingSettings) -> ModelTimingResult | None:
    """Check memory, build the twin if asked, then time inside a status box; show errors and return None."""
    try:
        settings, estimates = check_timing_memory(architecture, settings)
        twin_model = None
        if settings.include_twin:
            twin = standard_twin(architecture)
            with st.spinner(t("architecture.timing_building_twin")):
                twin_model = cached_model(twin.to_json(), twin)
    except ConfigError as error:
        show_error(t, error)
        return None
    st.caption(
        t(
            "architecture.timing_memory_estimate",
            mib=f"{max(estimates.values()) / 1024**2:,.0f}",
            budget=f"{memory_budget_bytes() / 1024**2:,.0f}",
        )
    )

    status = st.status(t("architecture.timing_status_running"), expanded=True)
    with status:
        bar = st.progress(0.0)

    def on_progress(progress: Progress) -> None:
        bar.progress(progress.fraction, text=timing_progress_text(t, progress))

    def on_wait(position: int) -> None:
        status.update(label=t("architecture.timing_status_waiting", position=position), state="running")

    try:
        result = time_architecture(
            architecture, model, settings, twin_model=twin_model, on_progress=on_progress, on_wait=on_wait
        )
    except ConfigError as error:
        status.update(label=t("architecture.timing_status_failed"), state="error", expanded=False)
        show_error(t, error)
        return None
    status.update(
        label=t("architecture.timing_status_done", seconds=f"{result.wall_s:.1f}"), state="complete", expanded=False
    )
    return result


def render_timing_result(t, result: ModelTimingResult) -> None:
    table = result.table()
    table["name"] = table["role"].map(lambda role: t(f"architecture.timing_role_{role}"))
    table["spread"] = [f"{low:.2f}–{high:.2f}" for low, high in zip(table["p10_ms"], table["p90_ms"])]
    columns = ["name", "median_ms", "spread", "first_call_ms", "runs", "macs", "gflops_per_s", "images_per_s"]
    st.dataframe(
        table[columns],
        hide_index=True,
        width="stretch",
        key="architecture_timing_table",
        column_config={
            "name": t("architecture.timing_col_network"),
            "median_ms": st.column_config.NumberColumn(t("architecture.timing_col_median"), format="%.2f"),
            "spread": t("architecture.timing_col_spread"),
            "first_call_ms": st.column_config.NumberColumn(t("architecture.timing_col_first_call"), format="%.1f"),
            "runs": t("architecture.timing_col_runs"),
            "macs": st.column_config.NumberColumn("MACs", format="localized"),
            "gflops_per_s": st.column_config.NumberColumn("GFLOP/s", format="%.2f"),
            "images_per_s": st.column_config.NumberColumn(t("architecture.timing_col_images"), format="%.1f"),
        },
    )
    comparison = compare_with_twin(result)
    if comparison is not None:
        key, params = comparison
        st.markdown(t(key, **params))
    machine = result.machine
    st.caption(
        t(
            "architecture.timing_stamp",
            when=result.measured_at,
            host=machine.get("host", "?"),
            cpu=machine.get("cpu_model", "?"),
            cores=machine.get("logical_cores", "?"),
            tf=machine.get("tensorflow", "?"),
            device=machine.get("device", "?"),
            batch_size=result.settings.batch_size,
            peak=f"{result.peak_gflops:.1f}",
        )
    )
    st.caption(t("architecture.timing_first_call_note"))


def render_timing(t, architecture, model, key: str) -> None:
    """Render the "Time this model" controls, run a timing on click and show the last result for this network."""
    st.markdown(f"**{t('architecture.timing_heading')}**")
    defaults = ModelTimingSettings()
    st.caption(t("architecture.timing_help", warmup=defaults.warmup, budget=f"{defaults.time_budget_s:g}"))
    settings = read_timing_settings(t)
    if st.button(t("architecture.timing_run"), key="architecture_timing_run", icon=":material/timer:"):
        result = run_timing(t, architecture, model, settings)
        if result is not None:
            st.session_state[TIMING_KEY] = (key, result)
    stored = st.session_state.get(TIMING_KEY)
    if stored is not None and stored[0] == key:
        render_timing_result(t, stored[1])


def render_downloads(t, architecture, frame, twin_frame) -> None:
    slug = "".join(char if char.isalnum() else "_" for char in architecture.name).strip("_").lower()
    columns = st.columns(3)
    for column, source, suffix, label_key in (
        (columns[0], frame, "", "architecture.download_csv"),
        (columns[1], twin_frame, "_standard_twin", "architecture.download_twin_csv"),
    ):
        csv = source.assign(output_shape=source["output_shape"].map(str), input_shape=source["input_shape"].map(str))
        column.download_button(
            t(label_key), csv.to_csv(index=False).encode("utf-8"), file_name=f"{slug}{suffix}.csv",
            mime="text/csv", key=f"architecture_download{suffix or '_network'}", icon=":material/download:",
        )  # fmt: skip
    columns[2].download_button(
        t("architecture.download_script"), keras_script(architecture).encode("utf-8"), file_name=f"{slug}.py",
        mime="text/x-python", key="architecture_download_script", icon=":material/code:",
    )  # fmt: skip


# ---------------------------------------------------------------- any model


def render_counted_model(t, frame: pd.DataFrame, savings: pd.DataFrame) -> None:
    cells = st.columns(3)
    cells[0].metric(t("architecture.col_params"), format_count(int(frame["params"].sum())))
    cells[1].metric("MACs", format_count(int(frame["macs"].sum(skipna=True))))
    cells[2].metric(t("architecture.layer_count"), format_count(len(frame)))
    uncounted = frame.attrs.get("uncounted_classes") or []
    if uncounted:
        st.warning(t("architecture.uncounted", classes=", ".join(uncounted)), icon=":material/warning:")

    table = frame.assign(output_shape=frame["output_shape"].map(str))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=320,
        column_config={
            "name": t("architecture.col_name"),
            "class_name": t("architecture.col_class"),
            "output_shape": t("architecture.col_output_shape"),
            "params": st.column_config.NumberColumn(t("architecture.col_params"), format="localized"),
            "macs": st.column_config.NumberColumn("MACs", format="localized"),
            "flops": st.column_config.NumberColumn("FLOPs", format="localized"),
            "counted": st.column_config.CheckboxColumn(t("architecture.col_counted")),
        },
    )

    st.markdown(f"**{t('architecture.savings_heading')}**")
    if savings.empty:
        st.info(t("architecture.no_savings"), icon=":material/info:")
        return
    st.caption(t("architecture.savings_help"))
    top = savings.head(10).assign(
        input_shape=savings["input_shape"].map(str), kernel_size=savings["kernel_size"].map(str)
    )
    st.dataframe(
        top[["name", "input_shape", "kernel_size", "filters", "macs", "separable_macs", "macs_saved", "params_saved"]],
        hide_index=True,
        width="stretch",
        column_config={
            "name": t("architecture.col_name"),
            "input_shape": t("architecture.col_input_shape"),
            "macs": st.column_config.NumberColumn("MACs (Conv2D)", format="localized"),
            "separable_macs": st.column_config.NumberColumn("MACs (SeparableConv2D)", format="localized"),
            "macs_saved": st.column_config.NumberColumn(t("architecture.col_macs_saved"), format="localized"),
            "params_saved": st.column_config.NumberColumn(t("architecture.col_params_saved"), format="localized"),
        },
    )
    total_saved = int(savings["macs_saved"].sum())
    st.caption(t("architecture.savings_total", saved=format_count(total_saved), layers=len(savings)))


def render_count_any(t) -> None:
    source = st.segmented_control(
        t("architecture.count_source"), ("applications", "upload"), default="applications", required=True,
        key="architecture_count_source", format_func=lambda value: t(f"architecture.source_{value}"),
        persist_state="session",
    )  # fmt: skip
    if source == "applications":
        left, right = st.columns(2)
        name = left.selectbox(
            t("architecture.application"), list(APPLICATIONS), key="architecture_application", persist_state="session"
        )
        resolution = right.number_input(
            t("architecture.resolution"), 32, 512, 224, key="architecture_application_resolution",
            help=t("architecture.application_resolution_help"), persist_state="session",
        )  # fmt: skip
        if not st.toggle(t("architecture.count_application"), key="architecture_count_application"):
            return
        try:
            with st.spinner(t("architecture.counting", name=name)):
                frame, savings = cached_application_cost(name, int(resolution))
        except ConfigError as error:
            show_error(t, error)
            return
        render_counted_model(t, frame, savings)
        return

    upload = st.file_uploader(
        t("architecture.upload", limit=MAX_UPLOAD_MB), type=["keras"], key="architecture_upload",
        help=t("architecture.upload_help"),
    )  # fmt: skip
    if upload is None:
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    stored = st.session_state.get(UPLOAD_KEY)
    if stored is None or stored[0] != digest:
        try:
            with st.spinner(t("architecture.counting", name=literal_text(upload.name))):
                model = count_keras_file(data)
                stored = (digest, model_cost(model), separable_savings(model))
        except (ConfigError, ValueError) as error:
            show_error(t, error)
            return
        st.session_state[UPLOAD_KEY] = stored
    render_counted_model(t, stored[1], stored[2])


# ---------------------------------------------------------------- page

t = translator()
st.title(t("architecture.title"))
st.markdown(t("architecture.intro"))
st.caption(t("common.convention"))

architecture = read_network(t)
if architecture is not None:
    try:
        frame = architecture_cost(architecture)
        twin_frame = architecture_cost(standard_twin(architecture))
    except ConfigError as error:
        show_error(t, error)
        frame = None
    if frame is not None:
        st.subheader(t("architecture.totals_heading", name=architecture.name))
        render_totals(t, frame, twin_frame)

        network_tab, twin_tab = st.tabs([t("architecture.this_network"), t("architecture.standard_twin")])
        with network_tab:
            display_table(t, frame)
        with twin_tab:
            display_table(t, twin_frame)

        st.subheader(t("architecture.charts_heading"))
        render_layer_charts(t, frame)
        st.subheader(t("architecture.breakdown_heading"))
        render_breakdown(t, frame, twin_frame)

        st.subheader(t("architecture.build_heading"))
        render_build(t, architecture, frame)
        render_downloads(t, architecture, frame, twin_frame)

st.subheader(t("architecture.tradeoff_heading"))
render_tradeoff(t, st.session_state.get("architecture_preset", "MobileNetV1"))

st.subheader(t("architecture.count_heading"))
st.caption(t("architecture.count_help"))
render_count_any(t)
