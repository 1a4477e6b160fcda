"""Parameter/FLOP calculator: exact costs of Conv2D, depthwise and separable layers side by side.

Reads the settings (from the widgets, or from the URL on the first visit),
counts every row with ``core.calculator`` and renders the table, the fair
comparison, the formulas and one chart. Never imports TensorFlow.
"""

from __future__ import annotations

from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st

from core import calculator
from core.calculator import CalculatorConfig, Comparison
from core.i18n import Translator, format_count
from ui.i18n import translator
from ui.messages import literal_text, show_error

#: Session keys that survive page changes (widget keys reset when the user leaves).
STATE_CONFIG = "calculator.config"
STATE_CHART = "calculator.chart"
STATE_NOTES = "calculator.url_notes"

#: Widget key of each whole-number setting.
INT_WIDGETS = {name: f"calculator_{name}" for name in calculator.INT_RANGES}
#: Widget keys of the height and width of each pair setting.
PAIR_WIDGETS = {name: (f"calculator_{name}_h", f"calculator_{name}_w") for name in calculator.PAIR_RANGES}
PADDING_WIDGET = "calculator_padding"
USE_BIAS_WIDGET = "calculator_use_bias"
DTYPE_WIDGET = "calculator_dtype"
CHART_WIDGET = "calculator_chart"

#: Table columns in display order: the counts first, so they fit without scrolling.
DISPLAY_COLUMNS = (
    "row",
    "output_shape",
    "params",
    "macs",
    "flops",
    "params_ratio",
    "macs_ratio",
    "flops_ratio",
    "input_bytes",
    "weight_bytes",
    "output_bytes",
    "intermediate_bytes",
    "bytes_total",
    "arithmetic_intensity",
    "comparison",
    "layer",
)

#: The input below which each ConfigError code is shown. Other codes go below all inputs.
ERROR_SLOTS = {
    "kernel_too_large": "kernel_size",
    "strides_with_dilation": "strides",
    "channels_not_divisible": "groups",
    "filters_not_divisible": "groups",
}


# --- State and URL --------------------------------------------------------


def restore_state() -> None:
    """Seed the widgets from the URL on this session's first visit, else from the last config.

    Widget keys are dropped when the user opens another page, so the
    configuration is also kept under ``STATE_CONFIG`` and written back here.
    """
    if STATE_CONFIG not in st.session_state:
        params = st.query_params.to_dict()
        config, notes = calculator.parse_query_params(params)
        chart, chart_note = calculator.parse_choice_param(params, "chart", calculator.CHART_VIEWS)
        st.session_state[STATE_CONFIG] = config
        st.session_state[STATE_CHART] = chart
        st.session_state[STATE_NOTES] = notes + ([chart_note] if chart_note else [])

    config: CalculatorConfig = st.session_state[STATE_CONFIG]
    values = {INT_WIDGETS[name]: getattr(config, name) for name in INT_WIDGETS}
    for name, (height_key, width_key) in PAIR_WIDGETS.items():
        values[height_key], values[width_key] = getattr(config, name)
    values[PADDING_WIDGET] = config.padding
    values[USE_BIAS_WIDGET] = config.use_bias
    values[DTYPE_WIDGET] = config.dtype
    values[CHART_WIDGET] = st.session_state[STATE_CHART]
    for key, value in values.items():
        if key not in st.session_state:
            st.session_state[key] = value


def config_from_widgets() -> CalculatorConfig:
    """Build the configuration from the widget values of this run."""
    values = {name: int(st.session_state[key]) for name, key in INT_WIDGETS.items()}
    for name, (height_key, width_key) in PAIR_WIDGETS.items():
        values[name] = (int(st.session_state[height_key]), int(st.session_state[width_key]))
    return CalculatorConfig(
        **values,
        padding=st.session_state[PADDING_WIDGET],
        use_bias=bool(st.session_state[USE_BIAS_WIDGET]),
        dtype=st.session_state[DTYPE_WIDGET],
    )


def sync_url(config: CalculatorConfig, chart: str) -> dict[str, str]:
    """Write every setting into the URL, changing only the keys whose value differs.

    A rejected URL value is replaced by its default here, so the address bar
    always reopens what the page shows. Returns the settings as URL text.
    """
    expected = {**calculator.query_params_from_config(config), "chart": chart}
    for key, value in expected.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    return expected


def dismiss_notes() -> None:
    st.session_state[STATE_NOTES] = []


# --- Inputs ---------------------------------------------------------------


def int_input(t: Translator, name: str) -> None:
    low, high = calculator.INT_RANGES[name]
    st.number_input(
        t(f"calculator.label_{name}"),
        min_value=low,
        max_value=high,
        step=1,
        key=INT_WIDGETS[name],
        help=t(f"calculator.help_{name}", low=low, high=high),
    )


def pair_input(t: Translator, name: str) -> None:
    low, high = calculator.PAIR_RANGES[name]
    height_key, width_key = PAIR_WIDGETS[name]
    height_column, width_column = st.columns(2)
    height_column.number_input(
        t("calculator.label_pair_height", name=name),
        min_value=low,
        max_value=high,
        step=1,
        key=height_key,
        help=t(f"calculator.help_{name}", low=low, high=high),
    )
    width_column.number_input(
        t("calculator.label_pair_width", name=name),
        min_value=low,
        max_value=high,
        step=1,
        key=width_key,
        help=t(f"calculator.help_{name}", low=low, high=high),
    )


def render_inputs(t: Translator) -> dict[str, st.delta_generator.DeltaGenerator]:
    """Render every input and return the empty slot below each input that can be invalid."""
    slots = {}
    with st.container(border=True):
        tensor_column, kernel_column, layer_column = st.columns(3, gap="medium")
        with tensor_column:
            st.markdown(f"**{t('calculator.group_input')}**")
            for name in ("height", "width", "channels", "batch_size"):
                int_input(t, name)
            st.selectbox(
                "dtype",
                options=calculator.DTYPES,
                key=DTYPE_WIDGET,
                help=t("calculator.help_dtype"),
            )
        with kernel_column:
            st.markdown(f"**{t('calculator.group_kernel')}**")
            pair_input(t, "kernel_size")
            st.segmented_control(
                "padding",
                options=calculator.PADDINGS,
                key=PADDING_WIDGET,
                required=True,
                help=t("calculator.help_padding"),
            )
            slots["kernel_size"] = st.container()
            pair_input(t, "strides")
            pair_input(t, "dilation_rate")
            slots["strides"] = st.container()
        with layer_column:
            st.markdown(f"**{t('calculator.group_layer')}**")
            for name in ("filters", "depth_multiplier", "groups"):
                int_input(t, name)
            slots["groups"] = st.container()
            st.toggle("use_bias", key=USE_BIAS_WIDGET, help=t("calculator.help_use_bias"))
    slots["other"] = st.container()
    return slots


def render_url_notes(t: Translator) -> None:
    notes = st.session_state.get(STATE_NOTES) or []
    if not notes:
        return
    lines = [
        "- "
        + t(
            f"calculator.url_note_{note.reason}",
            name=note.name,
            received=literal_text(note.received),
            default=note.default,
            allowed=note.allowed,
        )
        for note in notes
    ]
    st.warning(t("calculator.url_notes_heading") + "\n\n" + "\n".join(lines), icon=":material/link_off:")
    st.button(t("calculator.url_notes_dismiss"), key="calculator_dismiss_notes", on_click=dismiss_notes)


def render_errors(t: Translator, comparison: Comparison, slots) -> None:
    """Show each distinct error once, next to its input, with the rows it leaves out."""
    grouped: dict[str, tuple[Exception, list[str]]] = {}
    for key, error in comparison.errors.items():
        message = t.error(error)
        grouped.setdefault(message, (error, []))[1].append(t(f"calculator.row_{key}"))
    for error, rows in grouped.values():
        slot = slots[ERROR_SLOTS.get(error.code, "other")]
        show_error(t, error, container=slot)
        slot.caption(t("calculator.rows_left_out", rows=", ".join(rows)))


# --- Results --------------------------------------------------------------


def render_table(t: Translator, comparison: Comparison) -> None:
    if not comparison.rows:
        st.info(t("calculator.table_empty"))
        return

    raw_table = calculator.comparison_table(comparison)
    table = raw_table.copy()
    table["row"] = table["row"].map(lambda key: t(f"calculator.row_{key}"))
    table["comparison"] = table["comparison"].map(lambda label: t(f"calculator.fairness_{label}"))

    labels = {column: t(f"calculator.col_{column}") for column in calculator.TABLE_COLUMNS}
    count_format = st.column_config.NumberColumn
    column_config = {column: count_format(labels[column], format="localized") for column in calculator.COUNT_COLUMNS}
    column_config["arithmetic_intensity"] = count_format(
        labels["arithmetic_intensity"], format="%.2f", help=t("calculator.help_arithmetic_intensity")
    )
    for column in calculator.RATIO_COLUMNS:
        column_config[column] = count_format(labels[column], format="%.4f", help=t("calculator.help_ratio"))
    column_config["row"] = st.column_config.TextColumn(labels["row"], pinned=True)
    for column in ("layer", "comparison", "output_shape"):
        column_config[column] = st.column_config.TextColumn(labels[column])

    st.dataframe(
        table,
        hide_index=True,
        height="content",
        column_order=DISPLAY_COLUMNS,
        column_config=column_config,
        key="calculator_table",
    )
    st.download_button(
        t("calculator.download_csv"),
        data=calculator.table_csv(comparison, table=raw_table),
        file_name="convlab-calculator.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="calculator_download",
        help=t("calculator.download_help"),
    )


def ratio_phrase(t: Translator, value: int, baseline: int) -> str:
    """Say how ``value`` compares with Conv2D's ``baseline``: "N× fewer", "N× more" or the same."""
    if value < baseline:
        return t("calculator.ratio_fewer", times=f"{baseline / value:.1f}")
    if value > baseline:
        return t("calculator.ratio_more", times=f"{value / baseline:.1f}")
    return t("calculator.ratio_same")


def render_fairness(t: Translator, comparison: Comparison) -> None:
    """Show the tutorial comparison (depthwise alone) beside the like-for-like one (separable)."""
    conv = comparison.row("conv2d")
    depthwise = comparison.row("depthwise")
    separable = comparison.row("separable")
    if conv is None or depthwise is None or separable is None:
        st.info(t("calculator.fair_unavailable"))
        return

    config = comparison.config
    not_like, like = st.columns(2)
    counts = {
        "depthwise_params": format_count(depthwise.params),
        "conv_params": format_count(conv.params),
        "params_comparison": ratio_phrase(t, depthwise.params, conv.params),
        "filters": config.filters,
    }
    # With channels × depth_multiplier == filters both layers output the same
    # channel count, so "N channels instead of N" would read as nonsense.
    if depthwise.output_shape[2] == config.filters:
        not_like_text = t("calculator.fair_not_like_same_channels", **counts)
    else:
        not_like_text = t("calculator.fair_not_like", depthwise_channels=depthwise.output_shape[2], **counts)
    not_like.warning(not_like_text, icon=":material/compare_arrows:")

    like.success(
        t(
            "calculator.fair_like",
            separable_params=format_count(separable.params),
            conv_params=format_count(conv.params),
            params_comparison=ratio_phrase(t, separable.params, conv.params),
            separable_macs=format_count(separable.macs),
            conv_macs=format_count(conv.macs),
            macs_comparison=ratio_phrase(t, separable.macs, conv.macs),
            filters=config.filters,
        ),
        icon=":material/balance:",
    )


def render_ratio(t: Translator, comparison: Comparison) -> None:
    ratio = calculator.textbook_ratio(comparison)
    if ratio is None:
        st.info(t("calculator.ratio_unavailable"))
        return
    exact_column, textbook_column, params_column = st.columns(3)
    exact_column.metric(t("calculator.ratio_exact_macs"), f"{ratio.macs_ratio:.4f}")
    textbook_column.metric(
        t("calculator.ratio_textbook"),
        f"{ratio.approximation:.4f}",
        delta=f"{ratio.approximation - ratio.macs_ratio:+.4f}",
        delta_color="off",
        delta_arrow="off",
        delta_description=t("calculator.ratio_delta_description"),
        help=t("calculator.ratio_textbook_help"),
    )
    params_column.metric(t("calculator.ratio_exact_params"), f"{ratio.params_ratio:.4f}")
    exact, textbook = calculator.ratio_latex(ratio, comparison)
    st.latex(exact)
    st.latex(textbook)
    st.caption(t("calculator.ratio_explained"))


def render_formulas(t: Translator, comparison: Comparison) -> None:
    with st.expander(t("calculator.formulas_heading"), icon=":material/calculate:"):
        st.caption(t("calculator.formulas_symbols"))
        st.markdown(f"**{t('calculator.formulas_output_size')}**")
        for equation in calculator.output_size_latex(comparison.config):
            st.latex(equation)
        current_row = None
        for formula in calculator.formulas(comparison):
            if formula.row != current_row:
                current_row = formula.row
                st.markdown(f"**{t(f'calculator.row_{formula.row}')}**")
            st.latex(formula.latex)
        st.caption(t("calculator.formulas_hybrid"))
    with st.expander(t("calculator.keras_heading"), icon=":material/code:"):
        code = "\n".join(f"# {t(f'calculator.row_{row.key}')}\n{row.keras_code}" for row in comparison.rows)
        st.code("import keras\n\n" + code, language="python")


# --- Charts ---------------------------------------------------------------


SWEEP_PLOT_HEIGHT = 260
#: One fixed colour per row, so a layer keeps its colour across charts and languages.
ROW_COLORS = {"conv2d": "#2563eb", "grouped_conv2d": "#9333ea", "depthwise": "#f59e0b", "separable": "#0f766e"}


@st.cache_data(max_entries=256, show_spinner=False)
def sweep_chart_specs(config: CalculatorConfig, over: str, language: str) -> tuple[dict, dict] | None:
    """Build the params and MACs sweep charts as Vega-Lite specs, or return None when the sweep is empty.

    Cached by the full configuration, the swept argument and the language.
    Building and validating the Altair charts took more than half of the
    page script's time (pyinstrument, shared 2-core AMD EPYC), and the
    students of a class often enter the same values.
    """
    t = Translator(language)
    data = calculator.sweep(config, over)
    if data.empty:
        return None
    data["layer_label"] = data["row"].map(lambda key: t(f"calculator.row_{key}"))
    shown_rows = [key for key in ROW_COLORS if key in set(data["row"])]
    color_scale = alt.Scale(
        domain=[t(f"calculator.row_{key}") for key in shown_rows],
        range=[ROW_COLORS[key] for key in shown_rows],
    )
    axis_title = t(f"calculator.chart_axis_{over}")
    current = pd.DataFrame({"value": [getattr(config, over)]})
    specs = []
    for metric in ("params", "MACs"):
        count_title = t(f"calculator.chart_axis_{metric.lower()}")
        lines = (
            alt.Chart(
                data[data["metric"] == metric],
                title=t(f"calculator.chart_sweep_{over}_{metric.lower()}"),
                height=SWEEP_PLOT_HEIGHT,
            )
            .mark_line(point=True)
            .encode(
                x=alt.X("value:Q", title=axis_title, scale=alt.Scale(type="log", base=2)),
                y=alt.Y("count:Q", title=count_title, scale=alt.Scale(type="log")),
                color=alt.Color(
                    "layer_label:N",
                    title=t("calculator.chart_layer"),
                    scale=color_scale,
                    legend=alt.Legend(orient="bottom", columns=2, labelLimit=240),
                ),
                tooltip=[
                    alt.Tooltip("layer_label:N", title=t("calculator.chart_layer")),
                    alt.Tooltip("value:Q", title=axis_title),
                    alt.Tooltip("count:Q", title=count_title, format=","),
                ],
            )
        )
        marker = (
            alt.Chart(current)
            .mark_rule(strokeDash=[4, 4], color="#6b7280")
            .encode(x="value:Q", tooltip=[alt.Tooltip("value:Q", title=t("calculator.chart_your_value"))])
        )
        specs.append((lines + marker).to_dict())
    return specs[0], specs[1]


def sweep_charts(t: Translator, config: CalculatorConfig, over: str) -> None:
    specs = sweep_chart_specs(config, over, t.language)
    if specs is None:
        st.info(t("calculator.chart_empty"))
        return
    for column, spec in zip(st.columns(2), specs, strict=True):
        # Room below the plot for the axis title and the two-row legend.
        column.vega_lite_chart(spec=spec, width="stretch", height=SWEEP_PLOT_HEIGHT + 150)
    st.caption(t("calculator.chart_sweep_caption"))


@st.cache_data(max_entries=256, show_spinner=False)
def heatmap_chart_spec(config: CalculatorConfig, language: str) -> tuple[dict, int] | None:
    """Build the ratio heatmap as a Vega-Lite spec with its plot height, or return None when the grid is empty.

    Cached by the full configuration and the language, for the same reason
    as ``sweep_chart_specs``.
    """
    t = Translator(language)
    grid = calculator.ratio_grid(config)
    if grid.empty:
        return None
    tooltip = [
        alt.Tooltip("kernel_size:O", title=t("calculator.chart_axis_kernel")),
        alt.Tooltip("filters:O", title=t("calculator.chart_axis_filters")),
        alt.Tooltip("macs_ratio:Q", title=t("calculator.chart_ratio_macs"), format=".4f"),
        alt.Tooltip("params_ratio:Q", title=t("calculator.chart_ratio_params"), format=".4f"),
        alt.Tooltip("approximation:Q", title=t("calculator.chart_ratio_textbook"), format=".4f"),
    ]
    base = alt.Chart(grid).encode(
        x=alt.X("filters:O", title=t("calculator.chart_axis_filters")),
        y=alt.Y("kernel_size:O", title=t("calculator.chart_axis_kernel"), sort="descending"),
        tooltip=tooltip,
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "macs_ratio:Q",
            title=t("calculator.chart_ratio_macs"),
            scale=alt.Scale(type="log", scheme="tealblues", reverse=True),
            legend=alt.Legend(format=".3f"),
        )
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("macs_ratio:Q", format=".3f"),
        color=alt.condition(alt.datum.macs_ratio < 0.2, alt.value("white"), alt.value("#1f2933")),
    )
    # About 36 pixels per kernel size keeps the cell labels readable.
    height = 36 * grid["kernel_size"].nunique()
    chart = (cells + labels).properties(title=t("calculator.chart_heatmap_title"), height=height)
    return chart.to_dict(), height


def heatmap_chart(t: Translator, config: CalculatorConfig) -> None:
    cached = heatmap_chart_spec(config, t.language)
    if cached is None:
        st.info(t("calculator.chart_empty"))
        return
    spec, height = cached
    st.vega_lite_chart(spec=spec, width="stretch", height=height + 110)
    st.caption(t("calculator.chart_heatmap_caption"))


SPLIT_PLOT_HEIGHT = 150


def split_chart(t: Translator, comparison: Comparison) -> None:
    split = calculator.separable_split(comparison)
    if split.empty:
        st.info(t("calculator.chart_empty"))
        return
    tooltip = [
        alt.Tooltip("part:N", title=t("calculator.chart_part")),
        alt.Tooltip("metric:N", title=t("calculator.chart_metric")),
        alt.Tooltip("count:Q", title=t("calculator.chart_count"), format=","),
        alt.Tooltip("share:Q", title=t("calculator.chart_axis_share"), format=".1%"),
    ]
    base = alt.Chart(split).encode(
        y=alt.Y("metric:N", title=None, sort=["params", "MACs", "FLOPs"]),
        x=alt.X("share:Q", title=t("calculator.chart_axis_share"), stack="zero", axis=alt.Axis(format="%")),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(
        color=alt.Color("part:N", title=t("calculator.chart_part"), scale=alt.Scale(range=["#0f766e", "#f59e0b"]))
    )
    # Each label sits in the middle of its own segment.
    labels = base.mark_text(color="white", fontWeight="bold").encode(
        x=alt.X("share:Q", stack="zero", bandPosition=0.5),
        text=alt.Text("share:Q", format=".1%"),
    )
    chart = (bars + labels).properties(title=t("calculator.chart_split_title"), height=SPLIT_PLOT_HEIGHT)
    st.altair_chart(chart, width="stretch", height=SPLIT_PLOT_HEIGHT + 90)
    st.caption(t("calculator.chart_split_caption"))


def render_charts(t: Translator, comparison: Comparison) -> None:
    chart = st.segmented_control(
        t("calculator.chart_choice"),
        options=calculator.CHART_VIEWS,
        format_func=lambda view: t(f"calculator.chart_view_{view}"),
        key=CHART_WIDGET,
        required=True,
    )
    if chart in ("filters", "channels"):
        sweep_charts(t, comparison.config, chart)
    elif chart == "heatmap":
        heatmap_chart(t, comparison.config)
    else:
        split_chart(t, comparison)


# --- Page -----------------------------------------------------------------

t = translator()
restore_state()

st.title(t("calculator.title"))
st.caption(t("calculator.intro"))
render_url_notes(t)

slots = render_inputs(t)
config = config_from_widgets()
chart_view = st.session_state[CHART_WIDGET]
st.session_state[STATE_CONFIG] = config
st.session_state[STATE_CHART] = chart_view
shared = sync_url(config, chart_view)

comparison = calculator.compare_layers(config)
render_errors(t, comparison, slots)

st.subheader(t("calculator.table_heading"))
st.caption(t("calculator.table_caption", dtype=config.dtype, batch_size=config.batch_size))
render_table(t, comparison)

st.subheader(t("calculator.fair_heading"))
render_fairness(t, comparison)

st.subheader(t("calculator.ratio_heading"))
render_ratio(t, comparison)
render_formulas(t, comparison)

st.subheader(t("calculator.charts_heading"))
render_charts(t, comparison)

with st.expander(t("calculator.share_heading"), icon=":material/share:"):
    st.caption(t("calculator.share_hint"))
    st.code("?" + urlencode({**shared, "lang": t.language}), language=None)

st.divider()
st.caption(t("common.convention"))
