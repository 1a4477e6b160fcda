"""Worked example page: every multiply-add of Conv2D and DepthwiseConv2D on a tiny image.

Reads the image and kernels kept in ``st.session_state`` (keys ``worked_*``),
runs the three layers with TensorFlow and the NumPy reference, and takes one
output element apart at a time. Every number comes from ``core``.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import reference
from core import worked_example as worked
from core.cost import layer_cost
from core.errors import ConfigError
from core.i18n import Translator, format_count
from core.tf_runtime import load_tensorflow
from ui.i18n import translator
from ui.messages import show_error

#: Side of one heatmap cell in pixels, large enough to read from the back of a classroom.
CELL_PX = 52
#: Width of the main area and of one results column at a 1400-pixel window, in pixels.
MAIN_PX = 940
COLUMN_PX = 330
#: Tensor kinds in the order the input tabs show them.
KINDS = ("image", "conv_kernel", "depthwise_kernel", "pointwise_kernel")
#: Settings shared by the three layers, with their initial values.
DEFAULT_SETTINGS = {"strides": 1, "padding": "valid", "dilation_rate": 1, "use_bias": False, "bias_value": 1.0}

TENSORS = "worked_tensors"
SETTINGS = "worked_settings"
ERRORS = "worked_errors"
VERSION = "worked_version"


# ---------------------------------------------------------------------------
# State: the tensors and settings live under worked_* keys, which survive page changes.
# Streamlit drops the widget keys (worked_w_*) when the page changes, so every run refills them.


def _init_state() -> None:
    if TENSORS not in st.session_state:
        st.session_state[TENSORS] = worked.classic_example()
    st.session_state.setdefault(SETTINGS, dict(DEFAULT_SETTINGS))
    st.session_state.setdefault(ERRORS, {})
    st.session_state.setdefault(VERSION, 0)
    tensors = st.session_state[TENSORS]
    for kind in KINDS:
        st.session_state.setdefault(f"worked_w_text_{kind}", worked.format_tensor(tensors[kind]))


def _tensors() -> dict[str, np.ndarray]:
    return st.session_state[TENSORS]


def _showing_classic_kernels() -> bool:
    """Return whether both kernels are still the tutorial's, mistakes included."""
    classic = worked.classic_example()
    tensors = _tensors()
    return all(
        tensors[kind].shape == classic[kind].shape and np.array_equal(tensors[kind], classic[kind])
        for kind in ("conv_kernel", "depthwise_kernel")
    )


def _set_tensor(kind: str, array: np.ndarray) -> None:
    """Replace one tensor from a button, a shape control or a paste, and rebuild its grid editors."""
    _tensors()[kind] = array
    st.session_state[f"worked_w_text_{kind}"] = worked.format_tensor(array)
    st.session_state[ERRORS].pop(kind, None)
    st.session_state[VERSION] += 1
    _fit_pointwise()


def _fit_pointwise() -> None:
    tensors = _tensors()
    needed = tensors["image"].shape[2] * tensors["depthwise_kernel"].shape[3]
    if tensors["pointwise_kernel"].shape[2] != needed:
        fitted = worked.fit_pointwise_kernel(tensors["pointwise_kernel"], needed)
        tensors["pointwise_kernel"] = fitted
        st.session_state["worked_w_text_pointwise_kernel"] = worked.format_tensor(fitted)


def _on_text(kind: str) -> None:
    try:
        array = worked.parse_tensor(st.session_state[f"worked_w_text_{kind}"], kind, name=kind)
    except ConfigError as exc:
        # Keep the pasted text in the box so the user can fix it. The tensor stays as it was.
        st.session_state[ERRORS][kind] = exc
        return
    _set_tensor(kind, array)


def _on_setting(name: str) -> None:
    st.session_state[SETTINGS][name] = st.session_state[f"worked_w_{name}"]


def _on_shape(kind: str, axis: int) -> None:
    tensor = _tensors()[kind]
    shape = list(tensor.shape)
    shape[axis] = int(st.session_state[f"worked_w_shape_{kind}_{axis}"])
    _set_tensor(kind, worked.resize_tensor(tensor, tuple(shape)))


def _on_reset() -> None:
    for kind, array in worked.classic_example().items():
        _set_tensor(kind, array)
    st.session_state[SETTINGS] = dict(DEFAULT_SETTINGS)


def _on_random() -> None:
    rng = np.random.default_rng()
    for kind in KINDS:
        shape = _tensors()[kind].shape
        low = 0 if kind == "image" else -2
        high = 4 if kind == "image" else 2
        _set_tensor(kind, worked.random_tensor(shape, rng, low, high))


def _on_correct_kernel(kind: str) -> None:
    channels = _tensors()["image"].shape[2]
    _set_tensor(kind, worked.corrected_depthwise_kernel(_tensors()[kind], channels))


def _persisted(name: str) -> str:
    """Refill a settings widget from the stored value and return its key."""
    key = f"worked_w_{name}"
    st.session_state[key] = st.session_state[SETTINGS][name]
    return key


# ---------------------------------------------------------------------------
# Charts


def _label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def heatmap(
    values: np.ndarray,
    title: str,
    t: Translator,
    *,
    pads: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0)),
    highlight: set[tuple[int, int]] | frozenset = frozenset(),
    axis_titles: bool = True,
) -> alt.LayerChart:
    """Draw a 2-D array as cells with their values, padded zeros grey and dashed, ``highlight`` outlined.

    ``values`` is the unpadded array. ``pads`` adds zero rows and columns
    around it, numbered -1, -2, ... before and height, height + 1, ... after.
    ``highlight`` contains (row, col) pairs in the same numbering.
    """
    (top, bottom), (left, right) = pads
    height, width = values.shape
    records = []
    for row in range(-top, height + bottom):
        for col in range(-left, width + right):
            inside = 0 <= row < height and 0 <= col < width
            value = float(values[row, col]) if inside else 0.0
            records.append(
                {
                    "row": row,
                    "col": col,
                    "value": value,
                    "label": _label(value),
                    "cell": t("worked.cell_input") if inside else t("worked.cell_padding"),
                    "padded": not inside,
                    "field": (row, col) in highlight,
                }
            )
    data = pd.DataFrame.from_records(records)
    rows_axis = alt.Y("row:O", title=t("worked.axis_row") if axis_titles else None, sort="ascending")
    cols_axis = alt.X(
        "col:O", title=t("worked.axis_col") if axis_titles else None, axis=alt.Axis(orient="top", labelAngle=0)
    )
    limit = max(float(np.abs(values).max()), 1.0)
    tooltip = [
        alt.Tooltip("row:O", title=t("worked.axis_row")),
        alt.Tooltip("col:O", title=t("worked.axis_col")),
        alt.Tooltip("value:Q", title=t("worked.tooltip_value")),
        alt.Tooltip("cell:N", title=t("worked.tooltip_cell")),
    ]
    base = alt.Chart(data).encode(x=cols_axis, y=rows_axis)
    cells = base.transform_filter("!datum.padded").mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme="blueorange", domain=[-limit, limit]),
            legend=None,
        ),
        tooltip=tooltip,
    )
    padded = base.transform_filter("datum.padded").mark_rect(
        color="#e5e7eb", stroke="#9ca3af", strokeDash=[4, 3], strokeWidth=1
    ).encode(tooltip=tooltip)
    text = base.mark_text(fontSize=18, fontWeight="bold").encode(
        text="label:N",
        color=alt.condition("datum.padded", alt.value("#6b7280"), alt.value("#111827")),
    )
    field = base.transform_filter("datum.field").mark_rect(filled=False, stroke="#be123c", strokeWidth=4)
    # Without an explicit limit, Vega-Lite cut titles wider than the grid to
    # "output ch…" (Chromium 156, Streamlit 1.67), so allow the main area.
    return (cells + padded + text + field).properties(
        title=alt.TitleParams(title, fontSize=16, anchor="start", limit=MAIN_PX),
        width=alt.Step(CELL_PX),
        height=alt.Step(CELL_PX),
    )


@st.cache_data(max_entries=2048, show_spinner=False)
def heatmap_spec(
    values: np.ndarray,
    title: str,
    language: str,
    pads: tuple[tuple[int, int], tuple[int, int]],
    highlight: tuple[tuple[int, int], ...],
    axis_titles: bool,
) -> dict:
    """Return ``heatmap(...)`` as a Vega-Lite spec, cached by every argument.

    Building and serialising the Altair chart of a 10×10 grid took about 50 ms
    on a shared 2-core AMD EPYC, and the largest inputs draw about 60 heatmaps. Most reruns (a
    new output position, a new language) change only a few of them.
    """
    chart = heatmap(values, title, Translator(language), pads=pads, highlight=set(highlight), axis_titles=axis_titles)
    return chart.to_dict()


def _draw_heatmap(container, values: np.ndarray, title: str, t: Translator, **options) -> None:
    spec = heatmap_spec(
        np.ascontiguousarray(values),
        title,
        t.language,
        options.get("pads", ((0, 0), (0, 0))),
        tuple(sorted(options.get("highlight", ()))),
        options.get("axis_titles", True),
    )
    container.vega_lite_chart(spec=spec, width="content")


def _charts_per_row(width_cells: int, available_px: int, axis_titles: bool = True) -> int:
    """Return how many heatmaps of ``width_cells`` columns fit side by side in ``available_px``."""
    # Cells, plus the row axis labels, the axis title when shown, and a gap.
    chart_px = width_cells * CELL_PX + (80 if axis_titles else 40)
    return max(1, min(4, available_px // chart_px))


def _show_channels(
    arrays: list[tuple[str, np.ndarray]], t: Translator, available_px: int = MAIN_PX, **options
) -> None:
    if not arrays:
        return
    (left, right) = options.get("pads", ((0, 0), (0, 0)))[1]
    per_row = _charts_per_row(arrays[0][1].shape[1] + left + right, available_px, options.get("axis_titles", True))
    for start in range(0, len(arrays), per_row):
        columns = st.columns(per_row)
        for column, (title, values) in zip(columns, arrays[start : start + per_row]):
            _draw_heatmap(column, values, title, t, **options)


# ---------------------------------------------------------------------------
# Sections


def _grid_editors(kind: str, t: Translator) -> None:
    """Show one editable grid per 2-D slice of a tensor and write edited cells back into it."""
    tensor = _tensors()[kind]
    version = st.session_state[VERSION]
    if kind == "image":
        slices = [((channel,), t("worked.channel_title", channel=channel)) for channel in range(tensor.shape[2])]
        per_row = min(tensor.shape[2], 4)
    else:
        slices = [
            ((in_channel, out_index), t(f"worked.slice_title_{kind}", in_channel=in_channel, out_index=out_index))
            for in_channel in range(tensor.shape[2])
            for out_index in range(tensor.shape[3])
        ]
        per_row = max(2, min(tensor.shape[3], 4))

    # The editors return every pending edit on each run, so a rejected entry is checked again here.
    st.session_state[ERRORS].pop(f"grid_{kind}", None)
    changed = False
    for start in range(0, len(slices), per_row):
        columns = st.columns(per_row)
        for column, (index, title) in zip(columns, slices[start : start + per_row]):
            # A grid shows tensor[:, :, *index]: its rows and columns are the first two axes.
            cells = (slice(None), slice(None)) + index
            frame = pd.DataFrame(tensor[cells], columns=[str(col) for col in range(tensor.shape[1])])
            column.caption(title)
            edited = column.data_editor(
                frame,
                key=f"worked_grid_{kind}_{version}_{'_'.join(map(str, index))}",
                num_rows="fixed",
                column_config={
                    name: st.column_config.NumberColumn(
                        name, format="%g", min_value=-worked.MAX_ABS_VALUE, max_value=worked.MAX_ABS_VALUE
                    )
                    for name in frame.columns
                },
            )
            # The editor returns the data with the user's edits. A cleared cell counts as 0.
            values = edited.to_numpy(dtype=np.float64, na_value=0.0)
            if not np.array_equal(values, tensor[cells]):
                candidate = tensor.copy()
                candidate[cells] = values
                try:
                    worked.check_values(candidate, kind)
                except ConfigError as exc:
                    # The grid keeps showing the rejected entry; the tensor stays as it was.
                    st.session_state[ERRORS][f"grid_{kind}"] = exc
                    continue
                tensor[cells] = values
                changed = True

    if changed:
        # The text box below has not been drawn in this run yet, so it can still take the new literal.
        st.session_state[f"worked_w_text_{kind}"] = worked.format_tensor(tensor)
        st.session_state[ERRORS].pop(kind, None)


def _input_editor(kind: str, t: Translator) -> None:
    tensor = _tensors()[kind]
    st.markdown(t(f"worked.shape_{kind}", shape=tensor.shape))
    if kind == "conv_kernel":
        st.markdown(
            t("worked.meaning_conv_kernel", height=tensor.shape[0], width=tensor.shape[1], channels=tensor.shape[2],
              filters=tensor.shape[3])
        )
    elif kind == "depthwise_kernel":
        st.markdown(
            t("worked.meaning_depthwise_kernel", height=tensor.shape[0], width=tensor.shape[1],
              channels=tensor.shape[2], multiplier=tensor.shape[3], image_channels=_tensors()["image"].shape[2])
        )

    _grid_editors(kind, t)

    # Streamlit sends a value set through session_state only in the run that
    # set it. A text area that the browser draws after a later run (a slow
    # browser, a click before the page finished drawing) would start empty and
    # send "" back, so the value is set again on every run.
    text_key = f"worked_w_text_{kind}"
    st.session_state[text_key] = st.session_state[text_key]
    st.text_area(
        t("worked.paste_label", name=kind),
        key=text_key,
        on_change=_on_text,
        args=(kind,),
        height=90,
        help=t("worked.paste_help"),
    )
    grid_error = st.session_state[ERRORS].get(f"grid_{kind}")
    if grid_error is not None:
        show_error(t, grid_error)
    error = st.session_state[ERRORS].get(kind)
    if error is not None:
        show_error(t, error)
        st.caption(t("worked.paste_kept"))


def _shape_controls(kind: str, t: Translator) -> None:
    tensor = _tensors()[kind]
    labels = {
        "image": [(0, "worked.height"), (1, "worked.width"), (2, "worked.channels")],
        "conv_kernel": [(0, "worked.kernel_height"), (1, "worked.kernel_width"), (3, "worked.filters")],
        "depthwise_kernel": [(0, "worked.kernel_height"), (1, "worked.kernel_width"), (3, "worked.depth_multiplier")],
        "pointwise_kernel": [(3, "worked.filters")],
    }[kind]
    limits = {
        "image": (worked.MAX_SPATIAL, worked.MAX_SPATIAL, worked.MAX_CHANNELS),
        "conv_kernel": (worked.MAX_KERNEL, worked.MAX_KERNEL, None, worked.MAX_OUT_CHANNELS),
        "depthwise_kernel": (worked.MAX_KERNEL, worked.MAX_KERNEL, None, worked.MAX_DEPTH_MULTIPLIER),
        "pointwise_kernel": (1, 1, None, worked.MAX_OUT_CHANNELS),
    }[kind]
    columns = st.columns(len(labels) + 1)
    for column, (axis, label_key) in zip(columns, labels):
        key = f"worked_w_shape_{kind}_{axis}"
        st.session_state[key] = int(tensor.shape[axis])
        column.number_input(
            t(label_key),
            min_value=1,
            max_value=limits[axis],
            step=1,
            key=key,
            on_change=_on_shape,
            args=(kind, axis),
            help=t("worked.shape_control_help"),
        )


def _inputs_section(t: Translator) -> None:
    st.header(t("worked.inputs_heading"))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(t("worked.reset"), key="worked_reset", on_click=_on_reset, icon=":material/restart_alt:")
        st.button(t("worked.random"), key="worked_random", on_click=_on_random, icon=":material/casino:")
    st.caption(t("worked.buttons_help"))

    settings = st.columns(5)
    settings[0].number_input(
        "strides", min_value=1, max_value=3, step=1, key=_persisted("strides"), on_change=_on_setting,
        args=("strides",), help=t("worked.strides_help"),
    )
    settings[1].segmented_control(
        "padding", options=["valid", "same"], key=_persisted("padding"), on_change=_on_setting,
        args=("padding",), help=t("worked.padding_help"), required=True,
    )
    settings[2].number_input(
        "dilation_rate", min_value=1, max_value=3, step=1, key=_persisted("dilation_rate"), on_change=_on_setting,
        args=("dilation_rate",), help=t("worked.dilation_help"),
    )
    settings[3].toggle("use_bias", key=_persisted("use_bias"), on_change=_on_setting, args=("use_bias",),
                       help=t("worked.use_bias_help"))
    if st.session_state[SETTINGS]["use_bias"]:
        settings[4].number_input(
            t("worked.bias_value"), min_value=-worked.MAX_ABS_VALUE, max_value=worked.MAX_ABS_VALUE, step=0.5,
            key=_persisted("bias_value"), on_change=_on_setting, args=("bias_value",), help=t("worked.bias_value_help"),
        )

    tabs = st.tabs([t(f"worked.tab_{kind}") for kind in KINDS])
    for tab, kind in zip(tabs, KINDS):
        with tab:
            _shape_controls(kind, t)
            _input_editor(kind, t)


def _biases() -> dict[str, np.ndarray | None]:
    settings = st.session_state[SETTINGS]
    if not settings["use_bias"]:
        return {"Conv2D": None, "DepthwiseConv2D": None, "SeparableConv2D": None}
    tensors = _tensors()
    value = float(settings["bias_value"])
    depthwise_channels = tensors["image"].shape[2] * tensors["depthwise_kernel"].shape[3]
    return {
        "Conv2D": np.full(tensors["conv_kernel"].shape[3], value),
        "DepthwiseConv2D": np.full(depthwise_channels, value),
        "SeparableConv2D": np.full(tensors["pointwise_kernel"].shape[3], value),
    }


def _compute() -> dict[str, dict[str, object]]:
    """Run each layer with TensorFlow and with the NumPy reference. A layer that fails stores its error."""
    tensors = _tensors()
    settings = st.session_state[SETTINGS]
    options = {
        "strides": settings["strides"],
        "padding": settings["padding"],
        "dilation_rate": settings["dilation_rate"],
    }
    biases = _biases()
    image = tensors["image"]
    results: dict[str, dict[str, object]] = {}

    def run(layer_type, tf_run, reference_run):
        try:
            tf_output = tf_run()
            reference_output = reference_run()
        except ConfigError as exc:
            results[layer_type] = {"error": exc}
            return
        results[layer_type] = {
            "tf": tf_output,
            "reference": reference_output,
            "agreement": worked.compare_outputs(tf_output, reference_output),
        }

    run(
        "Conv2D",
        lambda: worked.tf_conv2d(image, tensors["conv_kernel"], bias=biases["Conv2D"], **options),
        lambda: reference.conv2d(image[None], tensors["conv_kernel"], bias=biases["Conv2D"], **options)[0],
    )
    run(
        "DepthwiseConv2D",
        lambda: worked.tf_depthwise_conv2d(image, tensors["depthwise_kernel"], bias=biases["DepthwiseConv2D"], **options),
        lambda: reference.depthwise_conv2d(
            image[None], tensors["depthwise_kernel"], bias=biases["DepthwiseConv2D"], **options
        )[0],
    )

    def separable_reference():
        depthwise = reference.depthwise_conv2d(image[None], tensors["depthwise_kernel"], **options)
        return reference.conv2d(depthwise, tensors["pointwise_kernel"], bias=biases["SeparableConv2D"])[0]

    run(
        "SeparableConv2D",
        lambda: worked.keras_separable_conv2d(
            image, tensors["depthwise_kernel"], tensors["pointwise_kernel"], bias=biases["SeparableConv2D"], **options
        ),
        separable_reference,
    )
    return results


def _explain_error(layer_type: str, error: ConfigError, t: Translator, *, explain: bool) -> None:
    """Show a layer's error. A channel mismatch also gets TensorFlow's message, the rule and the fix button."""
    show_error(t, error)
    kinds = {"worked.depthwise_channels": "depthwise_kernel", "worked.conv_channels": "conv_kernel"}
    if not explain or error.code not in kinds:
        return
    if error.params["tensorflow_raised"]:
        st.markdown(t("worked.tensorflow_message"))
        st.code(error.params["detail"], language=None, wrap_lines=True)
    else:
        groups = error.params["channels"] // error.params["kernel_channels"]
        st.markdown(t("worked.tensorflow_grouped", groups=groups))
    st.markdown(t("worked.depth_rule", layout=error.params["layout"]))
    st.button(
        t("worked.fix_button", shape=str(tuple(error.params["expected_shape"]))),
        key=f"worked_fix_{kinds[error.code]}",
        on_click=_on_correct_kernel,
        args=(kinds[error.code],),
        type="primary",
        icon=":material/build:",
        help=t("worked.fix_help"),
    )


def _results_section(results: dict[str, dict[str, object]], t: Translator) -> None:
    st.header(t("worked.results_heading"))
    st.caption(t("worked.results_intro", tolerance=worked.TOLERANCE))
    columns = st.columns(3, gap="medium")
    for column, layer_type in zip(columns, ("Conv2D", "DepthwiseConv2D", "SeparableConv2D")):
        with column:
            st.subheader(layer_type)
            st.caption(t(f"worked.layer_caption_{layer_type}"))
            result = results[layer_type]
            if "error" in result:
                error = result["error"]
                if layer_type == "SeparableConv2D" and error.code == "worked.depthwise_channels":
                    # The separable pair reuses the depthwise kernel, so the fix lives in the DepthwiseConv2D column.
                    st.warning(t("worked.separable_blocked", expected_shape=str(tuple(error.params["expected_shape"]))))
                else:
                    _explain_error(layer_type, error, t, explain=layer_type != "SeparableConv2D")
                continue
            output = result["tf"]
            agreement = result["agreement"]
            st.markdown(f"{t('worked.output_shape')}: `{(1,) + output.shape}`")
            st.markdown(f"{t('worked.max_difference')} = `{agreement.max_difference:.1e}`")
            if agreement.agrees:
                st.success(
                    t("worked.agree", tolerance=f"{worked.TOLERANCE:.0e}", allowed=f"{agreement.allowed:.1e}"),
                    icon=":material/check_circle:",
                )
            else:
                st.error(
                    t("worked.disagree", difference=f"{agreement.max_difference:.1e}", tolerance=f"{agreement.allowed:.0e}")
                )
            arrays = [
                (t("worked.output_channel_title", channel=channel), output[:, :, channel])
                for channel in range(output.shape[2])
            ]
            _show_channels(arrays, t, COLUMN_PX, axis_titles=False)
            with st.expander(t("worked.reference_values")):
                st.code(worked.format_tensor(result["reference"]), language="python", wrap_lines=True)
                st.code(worked.format_tensor(np.round(output, 6)), language="python", wrap_lines=True)
                st.caption(t("worked.reference_values_help"))


def _latex_number(value: float, *, padded: bool = False) -> str:
    text = _label(value)
    if value < 0:
        text = f"({text})"
    return rf"\textcolor{{gray}}{{{text}}}" if padded else text


def _sum_latex(products: list[str], result: float, per_line: int = 5) -> str:
    """Write ``a + b + ... = result`` as KaTeX, ``per_line`` products per line."""
    lines = [" + ".join(products[start : start + per_line]) for start in range(0, len(products), per_line)]
    body = r" \\ &+ ".join(lines)
    return rf"\begin{{aligned}} &{body} \\ &= {_label(result)} \end{{aligned}}"


def _term_latex(term: worked.Term) -> str:
    return rf"{_latex_number(term.input_value, padded=term.is_padding)} \times {_latex_number(term.weight)}"


def _position_picker(layer_type: str, output_shape: tuple[int, int, int], t: Translator) -> tuple[int, int, int]:
    columns = st.columns(3)
    stored = st.session_state.setdefault("worked_positions", {}).setdefault(layer_type, [0, 0, 0])
    picked = []
    for column, axis, label_key in zip(columns, range(3), ("worked.axis_row", "worked.axis_col", "worked.axis_channel")):
        key = f"worked_w_pos_{layer_type}_{axis}"
        # A smaller output after a settings change moves the pick to its last cell.
        stored[axis] = min(stored[axis], output_shape[axis] - 1)
        st.session_state[key] = stored[axis]
        value = column.selectbox(
            t(label_key), options=list(range(output_shape[axis])), key=key, on_change=_on_position,
            args=(layer_type, axis),
        )
        picked.append(value)
    return tuple(picked)


def _on_position(layer_type: str, axis: int) -> None:
    st.session_state["worked_positions"][layer_type][axis] = st.session_state[f"worked_w_pos_{layer_type}_{axis}"]


def _field_cells(channel: worked.ChannelSum, pads) -> set[tuple[int, int]]:
    (top, _), (left, _) = pads
    return {(term.input_row - top, term.input_col - left) for term in channel.terms}


def _channel_sums(steps: worked.OutputSteps, t: Translator, kernel_name: str, out_index: int) -> None:
    for channel in steps.channels:
        st.markdown(
            t("worked.partial_sum", channel=channel.in_channel, kernel=f"{kernel_name}[:, :, {channel.in_channel}, {out_index}]")
        )
        st.latex(_sum_latex([_term_latex(term) for term in channel.terms], channel.partial_sum))
    if len(steps.channels) > 1 or steps.bias:
        parts = [_latex_number(channel.partial_sum) for channel in steps.channels]
        if steps.bias:
            parts.append(rf"\underbrace{{{_latex_number(steps.bias)}}}_{{b}}")
        if len(steps.channels) == 1:
            st.markdown(t("worked.add_bias"))
        else:
            st.markdown(t("worked.total_sum") if steps.bias == 0 else t("worked.total_sum_bias"))
        st.latex(_sum_latex(parts, steps.value, per_line=8))
    if any(term.is_padding for term in steps.terms):
        st.caption(t("worked.padding_terms"))


def _conv_steps(results, t: Translator) -> None:
    tensors = _tensors()
    image, kernel = tensors["image"], tensors["conv_kernel"]
    output = results["Conv2D"]["reference"]
    row, col, out_channel = _position_picker("Conv2D", output.shape, t)
    settings = st.session_state[SETTINGS]
    steps = worked.conv2d_steps(
        image, kernel, row, col, out_channel, settings["strides"], settings["padding"], settings["dilation_rate"],
        _biases()["Conv2D"],
    )
    st.markdown(t("worked.conv_explain", row=row, col=col, channel=out_channel, channels=image.shape[2], value=_label(steps.value)))
    inputs = [
        (t("worked.input_channel_title", channel=channel.in_channel), image[:, :, channel.in_channel], _field_cells(channel, steps.padding))
        for channel in steps.channels
    ]
    _render_field(inputs, steps.padding, t)
    _show_channels(
        [(t("worked.kernel_slice_title", kernel="kernel", in_channel=c, out_index=out_channel), kernel[:, :, c, out_channel]) for c in range(image.shape[2])],
        t,
    )
    _channel_sums(steps, t, "kernel", out_channel)


def _render_field(inputs, pads, t: Translator) -> None:
    (top, bottom), (left, right) = pads
    if top or bottom or left or right:
        st.caption(t("worked.padding_split", top=top, bottom=bottom, left=left, right=right))
    per_row = _charts_per_row(inputs[0][1].shape[1] + left + right, MAIN_PX)
    for start in range(0, len(inputs), per_row):
        columns = st.columns(per_row)
        for column, (title, values, field) in zip(columns, inputs[start : start + per_row]):
            _draw_heatmap(column, values, title, t, pads=pads, highlight=field)


def _depthwise_steps(results, t: Translator) -> None:
    tensors = _tensors()
    image, kernel = tensors["image"], tensors["depthwise_kernel"]
    output = results["DepthwiseConv2D"]["reference"]
    row, col, out_channel = _position_picker("DepthwiseConv2D", output.shape, t)
    settings = st.session_state[SETTINGS]
    steps = worked.depthwise_conv2d_steps(
        image, kernel, row, col, out_channel, settings["strides"], settings["padding"], settings["dilation_rate"],
        _biases()["DepthwiseConv2D"],
    )

    multiplier = kernel.shape[3]
    in_channel, multiplier_index = worked.depthwise_source(out_channel, multiplier)
    st.markdown(
        t(
            "worked.depthwise_explain",
            row=row, col=col, channel=out_channel, in_channel=in_channel, index=multiplier_index,
            multiplier=multiplier, value=_label(steps.value),
        )
    )

    field = _field_cells(steps.channels[0], steps.padding)
    inputs = [
        (
            t("worked.input_channel_title", channel=channel) if channel == in_channel
            else t("worked.input_channel_unused", channel=channel),
            image[:, :, channel],
            field if channel == in_channel else set(),
        )
        for channel in range(image.shape[2])
    ]
    _render_field(inputs, steps.padding, t)
    _show_channels(
        [(t("worked.kernel_slice_title", kernel="depthwise_kernel", in_channel=in_channel, out_index=multiplier_index),
          kernel[:, :, in_channel, multiplier_index])],
        t,
    )
    _channel_sums(steps, t, "depthwise_kernel", multiplier_index)


def _separable_steps(results, t: Translator) -> None:
    tensors = _tensors()
    settings = st.session_state[SETTINGS]
    depthwise = reference.depthwise_conv2d(
        tensors["image"][None], tensors["depthwise_kernel"], settings["strides"], settings["padding"],
        settings["dilation_rate"],
    )[0]
    output = results["SeparableConv2D"]["reference"]
    row, col, out_channel = _position_picker("SeparableConv2D", output.shape, t)
    kernel = tensors["pointwise_kernel"]
    steps = worked.pointwise_steps(depthwise, kernel, row, col, out_channel, _biases()["SeparableConv2D"])
    st.markdown(
        t("worked.separable_explain", row=row, col=col, channel=out_channel, channels=depthwise.shape[2], value=_label(steps.value))
    )
    _render_field(
        [(t("worked.depthwise_output_title", channel=c), depthwise[:, :, c], {(row, col)}) for c in range(depthwise.shape[2])],
        ((0, 0), (0, 0)),
        t,
    )
    _show_channels([(t("worked.pointwise_weights_title", out_index=out_channel), kernel[0, 0, :, out_channel][None, :])], t)
    products = [_term_latex(term) for term in steps.terms]
    st.markdown(t("worked.pointwise_sum", kernel=f"pointwise_kernel[0, 0, :, {out_channel}]"))
    st.latex(_sum_latex(products, steps.value - steps.bias))
    if steps.bias:
        st.markdown(t("worked.add_bias"))
        st.latex(_sum_latex([_latex_number(steps.value - steps.bias), rf"\underbrace{{{_latex_number(steps.bias)}}}_{{b}}"], steps.value))


def _steps_section(results, t: Translator) -> None:
    st.header(t("worked.steps_heading"))
    st.caption(t("worked.steps_intro"))
    renderers = {"Conv2D": _conv_steps, "DepthwiseConv2D": _depthwise_steps, "SeparableConv2D": _separable_steps}
    tabs = st.tabs(list(renderers))
    for tab, (layer_type, render) in zip(tabs, renderers.items()):
        with tab:
            if "error" in results[layer_type]:
                st.info(t("worked.steps_blocked"), icon=":material/info:")
                continue
            render(results, t)


def _cost_section(t: Translator) -> None:
    st.header(t("worked.cost_heading"))
    tensors = _tensors()
    settings = st.session_state[SETTINGS]
    image_shape = tensors["image"].shape
    common = {
        "strides": settings["strides"],
        "padding": settings["padding"],
        "dilation_rate": settings["dilation_rate"],
        "use_bias": settings["use_bias"],
    }

    depthwise = tensors["depthwise_kernel"]
    configs = {
        "Conv2D": {"filters": tensors["conv_kernel"].shape[3], "kernel_size": tensors["conv_kernel"].shape[:2]},
        "DepthwiseConv2D": {"kernel_size": depthwise.shape[:2], "depth_multiplier": depthwise.shape[3]},
        "SeparableConv2D": {
            "filters": tensors["pointwise_kernel"].shape[3],
            "kernel_size": depthwise.shape[:2],
            "depth_multiplier": depthwise.shape[3],
        },
    }
    st.caption(t("worked.cost_intro", shape=image_shape))

    rows = []
    for layer_type, config in configs.items():
        st.markdown(f"**{layer_type}**")
        try:
            cost = layer_cost(layer_type, image_shape, **config, **common)
        except ConfigError as exc:
            show_error(t, exc)
            continue

        for formula in worked.cost_formulas(cost):
            label = {"params": r"\mathrm{params}", "macs": r"\mathrm{MACs}"}[formula.quantity]
            st.latex(
                rf"\begin{{aligned}} {label} &= {formula.symbolic} \\ &= {formula.filled} = {formula.value} \end{{aligned}}"
            )

        rows.append(
            {
                t("worked.cost_layer"): layer_type,
                t("worked.output_shape"): str((1,) + cost.output_shape),
                "params": format_count(cost.params),
                "MACs": format_count(cost.macs),
                "FLOPs": format_count(cost.flops),
            }
        )

    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="content")
    st.caption(t("worked.cost_symbols"))


# ---------------------------------------------------------------------------
# Page

t = translator()
_init_state()
_fit_pointwise()

st.title(t("worked.title"))
st.markdown(t("worked.intro"))
if _showing_classic_kernels():
    st.info(t("worked.mistakes_intro"), icon=":material/school:")
else:
    st.info(t("worked.mistakes_intro_changed"), icon=":material/school:")

_inputs_section(t)

with st.spinner(t("worked.loading_tensorflow")):
    load_tensorflow()
with st.spinner(t("worked.computing")):
    results = _compute()

_results_section(results, t)
_steps_section(results, t)
_cost_section(t)

st.divider()
st.caption(t("common.convention"))
