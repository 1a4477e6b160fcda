"""The calculator's rows, ratios, formulas, chart data and URL parsing, checked against arithmetic and Keras."""

import io
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import calculator
from core.calculator import CalculatorConfig, compare_layers

MOBILENET_14 = CalculatorConfig(height=14, width=14, channels=512, filters=512, use_bias=False)


# --- The 14×14×512, 3×3 layer of MobileNet ---------------------------------


def test_conv2d_14x14x512_counts():
    row = compare_layers(MOBILENET_14).row("conv2d")
    assert row.macs == 14 * 14 * 512 * 3 * 3 * 512
    assert row.macs == 462_422_016
    assert row.params == 3 * 3 * 512 * 512
    assert row.params == 2_359_296


def test_separable_14x14x512_counts():
    row = compare_layers(MOBILENET_14).row("separable")
    assert row.macs == 14 * 14 * 512 * 3 * 3 + 14 * 14 * 512 * 512
    assert row.macs == 52_283_392
    assert row.params == 3 * 3 * 512 + 512 * 512
    assert row.params == 266_752


def test_14x14x512_ratio():
    comparison = compare_layers(MOBILENET_14)
    assert comparison.row("separable").macs_ratio == pytest.approx(52_283_392 / 462_422_016)
    assert comparison.row("separable").params_ratio == pytest.approx(266_752 / 2_359_296)


# --- Rows -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "expected_keys"),
    [
        (1, ["conv2d", "depthwise", "pointwise", "separable", "hybrid"]),
        (4, ["conv2d", "grouped_conv2d", "depthwise", "pointwise", "separable", "hybrid"]),
    ],
)
def test_rows_shown(groups, expected_keys):
    comparison = compare_layers(CalculatorConfig(groups=groups))
    assert [row.key for row in comparison.rows] == expected_keys
    assert not comparison.errors


@pytest.mark.parametrize(
    ("key", "fairness"),
    [
        ("conv2d", "baseline"),
        ("grouped_conv2d", "grouped"),
        ("depthwise", "not_like_for_like"),
        ("pointwise", "not_like_for_like"),
        ("separable", "like_for_like"),
        ("hybrid", "like_for_like"),
    ],
)
def test_row_fairness_labels(key, fairness):
    row = compare_layers(CalculatorConfig(groups=2)).row(key)
    assert row.fairness == fairness


def test_like_for_like_shapes_match():
    comparison = compare_layers(CalculatorConfig(channels=32, filters=64, depth_multiplier=3))
    conv_shape = comparison.row("conv2d").output_shape
    for row in comparison.rows:
        if row.fairness == "like_for_like":
            assert row.output_shape == conv_shape, row.key
    assert comparison.row("depthwise").output_shape == (56, 56, 32 * 3)


@pytest.mark.parametrize(
    ("config", "conv_macs", "conv_params"),
    [
        # Tutorial case: 3×3 kernel, 32 channels in, 64 out, no bias, one output position.
        (CalculatorConfig(height=3, width=3, padding="valid", use_bias=False), 3 * 3 * 32 * 64, 3 * 3 * 32 * 64),
        (CalculatorConfig(), 56 * 56 * 64 * 3 * 3 * 32, 3 * 3 * 32 * 64 + 64),
        (CalculatorConfig(strides=(2, 2), batch_size=8), 8 * 28 * 28 * 64 * 3 * 3 * 32, 3 * 3 * 32 * 64 + 64),
        (
            CalculatorConfig(height=20, width=30, kernel_size=(3, 5), padding="valid", dilation_rate=(2, 1)),
            16 * 26 * 64 * 3 * 5 * 32,
            3 * 5 * 32 * 64 + 64,
        ),
    ],
)
def test_conv2d_row_counts(config, conv_macs, conv_params):
    row = compare_layers(config).row("conv2d")
    assert row.macs == conv_macs
    assert row.params == conv_params


def test_tutorial_depthwise_vs_conv2d_params():
    comparison = compare_layers(CalculatorConfig(height=3, width=3, padding="valid", use_bias=False))
    assert comparison.row("depthwise").params == 3 * 3 * 32
    assert comparison.row("conv2d").params == 3 * 3 * 32 * 64
    assert comparison.row("separable").params == 3 * 3 * 32 + 32 * 64


@pytest.mark.parametrize("use_bias", [True, False])
def test_hybrid_is_depthwise_plus_pointwise(use_bias):
    comparison = compare_layers(CalculatorConfig(depth_multiplier=2, use_bias=use_bias))
    depthwise, pointwise, hybrid = (comparison.row(key) for key in ("depthwise", "pointwise", "hybrid"))
    assert hybrid.params == depthwise.params + pointwise.params
    assert hybrid.macs == depthwise.macs + pointwise.macs
    assert hybrid.flops == depthwise.flops + pointwise.flops


def test_hybrid_has_depthwise_bias_separable_lacks():
    comparison = compare_layers(CalculatorConfig(channels=32, depth_multiplier=2, use_bias=True))
    assert comparison.row("hybrid").params == comparison.row("separable").params + 32 * 2


def test_hybrid_traffic_equals_separable():
    comparison = compare_layers(CalculatorConfig(use_bias=False, dtype="float16"))
    hybrid, separable = comparison.row("hybrid"), comparison.row("separable")
    assert hybrid.intermediate_bytes == 2 * 56 * 56 * 32 * 2
    assert hybrid.intermediate_bytes == separable.intermediate_bytes
    assert hybrid.bytes_total == separable.bytes_total


def test_row_bytes_add_up():
    row = compare_layers(CalculatorConfig(dtype="int8", batch_size=2)).row("conv2d")
    assert row.input_bytes == 2 * 56 * 56 * 32 * 1
    assert row.weight_bytes == (3 * 3 * 32 * 64 + 64) * 1
    assert row.output_bytes == 2 * 56 * 56 * 64 * 1
    assert row.bytes_total == row.input_bytes + row.weight_bytes + row.output_bytes
    assert row.arithmetic_intensity == row.flops / row.bytes_total


def test_grouped_per_channel_equals_depthwise():
    config = CalculatorConfig(channels=16, filters=16 * 3, depth_multiplier=3, groups=16, use_bias=False)
    comparison = compare_layers(config)
    assert comparison.row("grouped_conv2d").macs == comparison.row("depthwise").macs
    assert comparison.row("grouped_conv2d").params == comparison.row("depthwise").params


def test_ratios_relative_to_conv2d():
    comparison = compare_layers(CalculatorConfig(groups=4))
    conv = comparison.row("conv2d")
    assert conv.params_ratio == 1.0
    assert conv.macs_ratio == 1.0
    grouped = comparison.row("grouped_conv2d")
    assert grouped.macs_ratio == pytest.approx(1 / 4)
    for row in comparison.rows:
        assert row.flops_ratio == row.flops / conv.flops, row.key


# --- Invalid combinations -------------------------------------------------


@pytest.mark.parametrize(
    ("config", "invalid_rows", "code"),
    [
        (
            CalculatorConfig(height=2, padding="valid"),
            {"conv2d", "depthwise", "pointwise", "separable", "hybrid"},
            "kernel_too_large",
        ),
        (CalculatorConfig(channels=32, groups=3), {"grouped_conv2d"}, "channels_not_divisible"),
        (CalculatorConfig(channels=32, filters=66, groups=4), {"grouped_conv2d"}, "filters_not_divisible"),
        (CalculatorConfig(strides=(2, 2), dilation_rate=(2, 2)), {"conv2d"}, "strides_with_dilation"),
    ],
)
def test_invalid_rows_keep_errors(config, invalid_rows, code):
    comparison = compare_layers(config)
    assert set(comparison.errors) == invalid_rows
    for key in invalid_rows:
        assert comparison.errors[key].code == code
        assert comparison.row(key) is None


def test_invalid_conv2d_leaves_ratios_empty():
    comparison = compare_layers(CalculatorConfig(strides=(2, 1), dilation_rate=(1, 2)))
    separable = comparison.row("separable")
    assert separable is not None
    assert separable.macs_ratio is None
    assert calculator.textbook_ratio(comparison) is None
    table = calculator.comparison_table(comparison)
    assert table["macs_ratio"].isna().all()


# --- Textbook ratio -------------------------------------------------------


@pytest.mark.parametrize(("filters", "kernel"), [(64, 3), (512, 3), (128, 5), (16, 7)])
def test_textbook_ratio_exact_without_bias(filters, kernel):
    config = CalculatorConfig(filters=filters, kernel_size=(kernel, kernel), use_bias=False)
    ratio = calculator.textbook_ratio(compare_layers(config))
    assert ratio.approximation == pytest.approx(1 / filters + 1 / kernel**2)
    assert ratio.macs_ratio == pytest.approx(ratio.approximation)
    assert ratio.params_ratio == pytest.approx(ratio.approximation)


def test_textbook_ratio_scales_with_depth_multiplier():
    ratio = calculator.textbook_ratio(compare_layers(CalculatorConfig(depth_multiplier=4, use_bias=False)))
    assert ratio.macs_ratio == pytest.approx(4 * (1 / 64 + 1 / 9))


def test_textbook_ratio_differs_with_bias():
    ratio = calculator.textbook_ratio(compare_layers(CalculatorConfig(use_bias=True)))
    assert ratio.macs_ratio == pytest.approx(ratio.approximation)
    assert ratio.params_ratio == (3 * 3 * 32 + 32 * 64 + 64) / (3 * 3 * 32 * 64 + 64)
    assert ratio.params_ratio != pytest.approx(ratio.approximation, rel=1e-6)


# --- Formulas -------------------------------------------------------------

FORMULA_CONFIGS = [
    CalculatorConfig(),
    CalculatorConfig(groups=4, use_bias=False, batch_size=3),
    CalculatorConfig(kernel_size=(3, 5), strides=(2, 1), padding="valid", depth_multiplier=2),
]


@pytest.mark.parametrize("config", FORMULA_CONFIGS)
def test_formula_terms_reproduce_counts(config):
    comparison = compare_layers(config)
    formulas = calculator.formulas(comparison)
    assert formulas
    for formula in formulas:
        total = sum(math.prod(term) for term in formula.terms)
        assert total == formula.value, (formula.row, formula.quantity)
        row = comparison.row(formula.row)
        expected = {"params": row.params, "MACs": row.macs, "FLOPs": row.flops}[formula.quantity]
        assert formula.value == expected, (formula.row, formula.quantity)


def test_formula_latex_shows_numbers():
    formulas = calculator.formulas(compare_layers(CalculatorConfig()))
    conv_params = next(f for f in formulas if f.row == "conv2d" and f.quantity == "params")
    assert conv_params.latex.endswith("= 18{,}496")
    assert r"3 \times 3 \times 32 \times 64 + 64" in conv_params.latex


def test_separable_macs_formula_factored():
    formulas = calculator.formulas(compare_layers(CalculatorConfig(depth_multiplier=2)))
    macs = next(f for f in formulas if f.row == "separable" and f.quantity == "MACs")
    assert r"1 \times 56 \times 56 \times 32 \times 2 \times (3 \times 3 + 64)" in macs.latex
    assert macs.value == 1 * 56 * 56 * 32 * 2 * (3 * 3 + 64)


def test_output_size_latex_kernel_too_large():
    height, width = calculator.output_size_latex(CalculatorConfig(height=2, padding="valid"))
    assert height.endswith("< 1")
    assert width.endswith("= 54")


def test_formulas_skip_hybrid():
    rows = {formula.row for formula in calculator.formulas(compare_layers(CalculatorConfig(groups=2)))}
    assert rows == {"conv2d", "grouped_conv2d", "depthwise", "pointwise", "separable"}


@pytest.mark.parametrize(
    ("config", "expected_height", "expected_width"),
    [
        (CalculatorConfig(height=57, width=56, strides=(2, 2)), 29, 28),
        (CalculatorConfig(height=20, width=30, kernel_size=(3, 5), padding="valid", dilation_rate=(2, 1)), 16, 26),
    ],
)
def test_output_size_latex(config, expected_height, expected_width):
    height, width = calculator.output_size_latex(config)
    assert height.endswith(f"= {expected_height}")
    assert width.endswith(f"= {expected_width}")
    assert compare_layers(config).row("conv2d").output_shape[:2] == (expected_height, expected_width)


def test_ratio_latex_numbers():
    comparison = compare_layers(MOBILENET_14)
    exact, textbook = calculator.ratio_latex(calculator.textbook_ratio(comparison), comparison)
    assert r"\frac{52{,}283{,}392}{462{,}422{,}016}" in exact
    assert r"\frac{1}{512} + \frac{1}{9}" in textbook


# --- Table and CSV --------------------------------------------------------


def test_table_columns_and_rows():
    table = calculator.comparison_table(compare_layers(CalculatorConfig()))
    assert list(table.columns) == calculator.TABLE_COLUMNS
    assert table["row"].tolist() == ["conv2d", "depthwise", "pointwise", "separable", "hybrid"]
    assert table.loc[0, "output_shape"] == "56×56×64"
    assert table.loc[0, "macs"] == 56 * 56 * 64 * 3 * 3 * 32


def test_csv_round_trip():
    comparison = compare_layers(CalculatorConfig(filters=96))
    text = calculator.table_csv(comparison)
    assert text.startswith("# height=56\n")
    assert "# filters=96\n" in text
    table = pd.read_csv(io.StringIO(text), comment="#")
    assert table["macs"].tolist() == [row.macs for row in comparison.rows]
    assert table.loc[0, "params"] == 3 * 3 * 32 * 96 + 96


# --- Chart data -----------------------------------------------------------


@pytest.mark.parametrize("over", ["filters", "channels"])
def test_sweep_contains_user_value(over):
    config = CalculatorConfig(filters=100, channels=24)
    data = calculator.sweep(config, over)
    assert getattr(config, over) in set(data["value"])
    assert set(data["metric"]) == {"params", "MACs"}
    assert set(data["row"]) == {"conv2d", "depthwise", "separable"}


def test_sweep_counts_match_rows():
    data = calculator.sweep(CalculatorConfig(), "filters")
    point = data[(data["value"] == 256) & (data["row"] == "conv2d") & (data["metric"] == "params")]
    assert point["count"].tolist() == [3 * 3 * 32 * 256 + 256]


def test_sweep_skips_invalid_grouped_points():
    data = calculator.sweep(CalculatorConfig(groups=4), "filters")
    grouped_values = set(data.loc[data["row"] == "grouped_conv2d", "value"])
    assert 1 not in grouped_values
    assert 2 not in grouped_values
    assert 4 in grouped_values


def test_sweep_rejects_unknown_axis():
    with pytest.raises(ValueError, match="over"):
        calculator.sweep(CalculatorConfig(), "kernel_size")


def test_ratio_grid_cells():
    grid = calculator.ratio_grid(CalculatorConfig(use_bias=False, filters=100))
    assert 100 in set(grid["filters"])
    cell = grid[(grid["kernel_size"] == 3) & (grid["filters"] == 64)]
    assert cell["macs_ratio"].iloc[0] == pytest.approx(1 / 64 + 1 / 9)
    assert len(grid) == len(set(calculator.HEATMAP_KERNELS)) * (len(calculator.HEATMAP_FILTERS) + 1)


def test_ratio_grid_skips_kernels_that_do_not_fit():
    grid = calculator.ratio_grid(CalculatorConfig(height=6, width=6, padding="valid"))
    assert set(grid["kernel_size"]) == {1, 3, 5}


def test_ratio_grid_empty_when_conv2d_invalid():
    assert calculator.ratio_grid(CalculatorConfig(strides=(2, 2), dilation_rate=(2, 2))).empty


def test_separable_split_adds_up():
    comparison = compare_layers(CalculatorConfig())
    split = calculator.separable_split(comparison)
    separable = comparison.row("separable")
    for metric, total in (("params", separable.params), ("MACs", separable.macs), ("FLOPs", separable.flops)):
        part = split[split["metric"] == metric]
        assert part["count"].sum() == total, metric
        assert part["share"].sum() == pytest.approx(1.0), metric
    depthwise_macs = split[(split["metric"] == "MACs") & (split["part"] == "depthwise")]["count"].iloc[0]
    assert depthwise_macs == 56 * 56 * 32 * 3 * 3


# --- URL query parameters -------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"filters": "128"}, "filters", 128),
        ({"filters": ["8", "256"]}, "filters", 256),
        ({"kernel_size": "5"}, "kernel_size", (5, 5)),
        ({"kernel_size": "3x5"}, "kernel_size", (3, 5)),
        ({"strides": "2,1"}, "strides", (2, 1)),
        ({"padding": "VALID"}, "padding", "valid"),
        ({"use_bias": "false"}, "use_bias", False),
        ({"use_bias": "0"}, "use_bias", False),
        ({"use_bias": "yes"}, "use_bias", True),
        ({"dtype": "bfloat16"}, "dtype", "bfloat16"),
        ({"height": " 224 "}, "height", 224),
    ],
)
def test_url_values_accepted(params, field, expected):
    config, notes = calculator.parse_query_params(params)
    assert getattr(config, field) == expected
    assert notes == []


@pytest.mark.parametrize(
    ("params", "field", "reason"),
    [
        ({"filters": "abc"}, "filters", "not_integer"),
        ({"filters": "2.5"}, "filters", "not_integer"),
        ({"filters": "0"}, "filters", "out_of_range"),
        ({"height": "-3"}, "height", "out_of_range"),
        ({"channels": "100000"}, "channels", "out_of_range"),
        ({"kernel_size": "3x5x7"}, "kernel_size", "not_pair"),
        ({"kernel_size": "x"}, "kernel_size", "not_pair"),
        ({"kernel_size": "99"}, "kernel_size", "out_of_range"),
        ({"strides": "0x1"}, "strides", "out_of_range"),
        ({"padding": "full"}, "padding", "not_choice"),
        ({"dtype": "float64"}, "dtype", "not_choice"),
        ({"use_bias": "maybe"}, "use_bias", "not_boolean"),
    ],
)
def test_url_values_fall_back(params, field, reason):
    config, notes = calculator.parse_query_params(params)
    assert getattr(config, field) == getattr(calculator.DEFAULT_CONFIG, field)
    assert len(notes) == 1
    assert notes[0].name == field
    assert notes[0].reason == reason
    assert notes[0].received == str(params[field]).strip()


def test_url_bad_value_keeps_others():
    config, notes = calculator.parse_query_params({"filters": "oops", "channels": "16", "lang": "zh", "foo": "1"})
    assert config.filters == 64
    assert config.channels == 16
    assert [note.name for note in notes] == ["filters"]


def test_url_invalid_combination_is_kept():
    config, notes = calculator.parse_query_params({"channels": "32", "groups": "3"})
    assert config.groups == 3
    assert notes == []
    assert compare_layers(config).errors["grouped_conv2d"].code == "channels_not_divisible"


def test_url_note_default_text():
    _, notes = calculator.parse_query_params({"kernel_size": "0"})
    assert notes[0].default == "3"
    assert notes[0].allowed == "1–31"


configs = st.builds(
    CalculatorConfig,
    height=st.integers(1, 4096),
    width=st.integers(1, 4096),
    channels=st.integers(1, 4096),
    batch_size=st.integers(1, 1024),
    kernel_size=st.tuples(st.integers(1, 31), st.integers(1, 31)),
    strides=st.tuples(st.integers(1, 16), st.integers(1, 16)),
    padding=st.sampled_from(calculator.PADDINGS),
    dilation_rate=st.tuples(st.integers(1, 16), st.integers(1, 16)),
    filters=st.integers(1, 4096),
    depth_multiplier=st.integers(1, 64),
    groups=st.integers(1, 4096),
    use_bias=st.booleans(),
    dtype=st.sampled_from(calculator.DTYPES),
)


@settings(max_examples=200, deadline=None)
@given(configs)
def test_url_round_trip(config):
    parsed, notes = calculator.parse_query_params(calculator.query_params_from_config(config))
    assert parsed == config
    assert notes == []


@settings(max_examples=100, deadline=None)
@given(configs)
def test_compare_layers_never_raises(config):
    comparison = compare_layers(config)
    assert len(comparison.rows) + len(comparison.errors) == 5 + (config.groups > 1)


@pytest.mark.parametrize(
    ("params", "expected", "reason"),
    [({}, "filters", None), ({"chart": "heatmap"}, "heatmap", None), ({"chart": "pie"}, "filters", "not_choice")],
)
def test_chart_param(params, expected, reason):
    chart, note = calculator.parse_choice_param(params, "chart", calculator.CHART_VIEWS)
    assert chart == expected
    assert (note.reason if note else None) == reason


# --- Keras agrees ---------------------------------------------------------


@pytest.fixture(scope="module")
def keras():
    from core.tf_runtime import load_tensorflow

    return load_tensorflow()[1]


KERAS_CONFIGS = [
    CalculatorConfig(),
    CalculatorConfig(height=14, width=14, channels=512, filters=512, use_bias=False),
    CalculatorConfig(height=20, width=31, kernel_size=(3, 5), strides=(2, 1), padding="valid", depth_multiplier=2),
    CalculatorConfig(height=17, width=17, channels=12, filters=24, dilation_rate=(2, 2), groups=3),
    CalculatorConfig(height=9, width=9, channels=8, filters=4, strides=(3, 3), padding="same", groups=4, batch_size=2),
]


def build_keras_layers(keras, key, config):
    spatial = config.spatial_arguments()
    depthwise = {"depth_multiplier": config.depth_multiplier, "use_bias": config.use_bias, **spatial}
    if key == "conv2d":
        return [keras.layers.Conv2D(config.filters, use_bias=config.use_bias, **spatial)]
    if key == "grouped_conv2d":
        return [keras.layers.Conv2D(config.filters, groups=config.groups, use_bias=config.use_bias, **spatial)]
    if key == "depthwise":
        return [keras.layers.DepthwiseConv2D(**depthwise)]
    if key == "separable":
        return [keras.layers.SeparableConv2D(config.filters, **depthwise)]
    pointwise = keras.layers.Conv2D(config.filters, 1, use_bias=config.use_bias)
    if key == "pointwise":
        return [pointwise]
    return [keras.layers.DepthwiseConv2D(**depthwise), pointwise]


@pytest.mark.parametrize("config", KERAS_CONFIGS)
def test_rows_match_keras(keras, config):
    comparison = compare_layers(config)
    for row in comparison.rows:
        input_shape = row.layers[0].input_shape
        model = keras.Sequential([keras.Input(shape=input_shape, batch_size=config.batch_size)])
        for layer in build_keras_layers(keras, row.key, config):
            model.add(layer)
        assert model.count_params() == row.params, row.key
        assert tuple(model.output_shape) == (config.batch_size, *row.output_shape), row.key


def test_default_config_is_valid():
    assert not compare_layers(calculator.DEFAULT_CONFIG).errors
