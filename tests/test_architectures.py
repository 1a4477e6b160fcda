"""Architecture descriptions count what Keras builds, layer by layer."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.architectures import (
    ROW_BLOCKS,
    architecture_cost,
    build_keras_model,
    count_keras_file,
    custom_network,
    depthwise_stack_rows,
    hybrid_stack_rows,
    keras_script,
    kind_breakdown,
    make_divisible,
    mobilenet_v1,
    mobilenet_v2,
    separable_savings,
    standard_twin,
    totals,
)
from core.errors import ConfigError
from core.model_cost import model_cost
from core.tf_runtime import load_tensorflow


@pytest.fixture(scope="module")
def keras():
    return load_tensorflow()[1]


# MobileNetV1 at alpha 1.0 and 224×224, from Table 1 of Howard et al.,
# MobileNets, arXiv:1704.04861: (input size, input channels, output channels,
# depthwise stride) per block.
V1_BLOCKS = [
    (112, 32, 64, 1),
    (112, 64, 128, 2),
    (56, 128, 128, 1),
    (56, 128, 256, 2),
    (28, 256, 256, 1),
    (28, 256, 512, 2),
    *[(14, 512, 512, 1)] * 5,
    (14, 512, 1024, 2),
    (7, 1024, 1024, 1),
]


def v1_reference_macs():
    """Stem + per block depthwise 3×3 and pointwise 1×1 MACs + the 1024×1000 classifier."""
    stem = 112 * 112 * 3 * 3 * 3 * 32
    blocks = 0
    for size, channels, filters, stride in V1_BLOCKS:
        out = size // stride
        blocks += out * out * 3 * 3 * channels + out * out * channels * filters
    return stem + blocks + 1024 * 1000


def v1_twin_reference():
    """(MACs, weights without batch norm) of "Conv MobileNet", MobileNetV1 with standard 3×3 convolutions."""
    macs = 112 * 112 * 3 * 3 * 3 * 32 + 1024 * 1000
    weights = 3 * 3 * 3 * 32 + 1024 * 1000 + 1000
    for size, channels, filters, stride in V1_BLOCKS:
        out = size // stride
        macs += out * out * 3 * 3 * channels * filters
        weights += 3 * 3 * channels * filters
    return macs, weights


def test_v1_reference_total():
    assert v1_reference_macs() == 568_740_352


def test_mobilenet_v1_macs_match_paper():
    counted = totals(architecture_cost(mobilenet_v1()))
    assert counted["macs"] == v1_reference_macs()
    assert counted["macs"] == 568_740_352


def test_v1_twin_is_conv_mobilenet():
    frame = architecture_cost(standard_twin(mobilenet_v1()))
    macs, weights = v1_twin_reference()
    batch_norm = int(frame.loc[frame["class_name"] == "BatchNormalization", "params"].sum())
    assert totals(frame)["macs"] == macs
    assert totals(frame)["macs"] == 4_867_293_184
    assert totals(frame)["params"] - batch_norm == weights
    assert weights == 29_282_120
    # Batch normalization: 4 weights per channel of the stem and the 13 blocks.
    assert batch_norm == 4 * (32 + sum(filters for _, _, filters, _ in V1_BLOCKS))


@pytest.mark.parametrize(
    ("kind", "paper_share"),
    [("depthwise", 0.0306), ("pointwise", 0.9486), ("dense", 0.0018)],
)
def test_v1_breakdown_matches_paper_table(kind, paper_share):
    """Table 2 of Howard et al. (arXiv:1704.04861) gives these Mult-Adds shares to 0.01 %.

    Its "Conv 3×3" row reads 1.19 %, but the stem is 10,838,016 of
    568,740,352 MACs, 1.91 %, the only value with which the rows add up to
    100 %, so that row is left out.
    """
    breakdown = kind_breakdown(architecture_cost(mobilenet_v1())).set_index("kind")
    assert breakdown.loc[kind, "macs_share"] == pytest.approx(paper_share, abs=0.00005)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(32 * 0.35, 16), (16 * 0.75, 16), (int(24 * 0.35), 8), (int(96 * 1.3), 128), (1280 * 1.4, 1792)],
)
def test_make_divisible(value, expected):
    assert make_divisible(value, 8) == expected


# keras.applications builds are the expensive part; small resolutions keep
# each one to about a second.
APPLICATION_CASES = [
    ("MobileNet", mobilenet_v1, 1.0, 224),
    ("MobileNet", mobilenet_v1, 0.25, 128),
    ("MobileNet", mobilenet_v1, 0.75, 35),
    ("MobileNetV2", mobilenet_v2, 1.0, 224),
    ("MobileNetV2", mobilenet_v2, 0.35, 96),
    ("MobileNetV2", mobilenet_v2, 1.3, 37),
]


@pytest.mark.slow
@pytest.mark.parametrize(("application", "describe", "alpha", "resolution"), APPLICATION_CASES)
def test_preset_matches_keras_applications(keras, application, describe, alpha, resolution):
    model = getattr(keras.applications, application)(weights=None, alpha=alpha, input_shape=(resolution, resolution, 3))
    reference = model_cost(model)
    ours = architecture_cost(describe(alpha=alpha, resolution=resolution))

    assert totals(ours)["params"] == model.count_params()
    assert totals(ours)["macs"] == int(reference["macs"].sum())
    assert len(ours) == len(reference)
    assert list(ours["class_name"].iloc[1:]) == list(reference["class_name"].iloc[1:])
    # Keras names every layer except the input and the pooling layer after a counter.
    by_name = reference.set_index("name")
    named = ours[ours["name"].isin(by_name.index)]
    assert len(named) >= len(ours) - 2
    for row in named.itertuples():
        assert tuple(row.output_shape) == tuple(by_name.loc[row.name, "output_shape"]), row.name
        assert row.params == by_name.loc[row.name, "params"], row.name
        assert row.macs == by_name.loc[row.name, "macs"], row.name


PRESETS = {
    "v1": lambda: mobilenet_v1(alpha=0.5, resolution=64),
    "v1_hybrid": lambda: mobilenet_v1(alpha=0.25, resolution=32, depth_multiplier=2),
    "v2": lambda: mobilenet_v2(alpha=0.5, resolution=64),
    "v2_headless": lambda: mobilenet_v2(alpha=0.35, resolution=48, include_top=False),
    "depthwise_stack": lambda: custom_network(depthwise_stack_rows(), resolution=32).architecture,
    "hybrid_stack": lambda: custom_network(hybrid_stack_rows(), resolution=32).architecture,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize("twin", [False, True], ids=["network", "twin"])
def test_totals_equal_count_params(name, twin):
    architecture = PRESETS[name]()
    if twin:
        architecture = standard_twin(architecture)
    model = build_keras_model(architecture)
    assert totals(architecture_cost(architecture))["params"] == model.count_params()


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_rows_add_up(name):
    frame = architecture_cost(PRESETS[name]())
    counted = totals(frame)
    assert counted["params"] == sum(int(value) for value in frame["params"])
    assert counted["macs"] == sum(int(value) for value in frame["macs"])
    assert frame["macs_share"].sum() == pytest.approx(1.0)
    assert frame["params_share"].sum() == pytest.approx(1.0)
    breakdown = kind_breakdown(frame)
    assert int(breakdown["macs"].sum()) == counted["macs"]
    assert int(breakdown["params"].sum()) == counted["params"]


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_twin_keeps_block_outputs(name):
    architecture = PRESETS[name]()
    frame = architecture_cost(architecture)
    twin = architecture_cost(standard_twin(architecture))
    block_outputs = frame.groupby("block", sort=False)["output_shape"].last()
    twin_outputs = twin.groupby("block", sort=False)["output_shape"].last()
    assert list(block_outputs) == list(twin_outputs)
    assert "DepthwiseConv2D" not in set(twin["class_name"])
    assert totals(twin)["macs"] > totals(frame)["macs"]


ROW = st.fixed_dictionaries(
    {
        "block": st.sampled_from(ROW_BLOCKS),
        "filters": st.integers(1, 12),
        "kernel_size": st.integers(1, 5),
        "strides": st.integers(1, 2),
        "expansion": st.integers(1, 4),
        "depth_multiplier": st.integers(1, 3),
    }
)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(ROW, min_size=1, max_size=4),
    resolution=st.integers(16, 32),
    channels=st.integers(1, 4),
    include_top=st.booleans(),
)
def test_random_custom_network_matches_keras(rows, resolution, channels, include_top):
    network = custom_network(rows, resolution=resolution, channels=channels, include_top=include_top, classes=5)
    assert not network.errors
    ours = architecture_cost(network.architecture)
    model = build_keras_model(network.architecture)
    reference = model_cost(model).set_index("name")

    assert totals(ours)["params"] == model.count_params()
    assert totals(ours)["macs"] == int(reference["macs"].sum())
    for row in ours.iloc[1:].itertuples():
        assert tuple(row.output_shape) == tuple(reference.loc[row.name, "output_shape"]), row.name


def test_build_rejects_too_many_params():
    architecture = mobilenet_v1(alpha=0.25, resolution=32)
    with pytest.raises(ConfigError) as error:
        build_keras_model(architecture, max_params=1000)
    assert error.value.code == "architecture.too_many_params"
    assert error.value.params["limit"] == "1,000"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["v2_headless", "depthwise_stack"])
def test_keras_script_rebuilds_model(name):
    architecture = PRESETS[name]()
    namespace = {"__name__": "generated"}
    exec(compile(keras_script(architecture), "generated.py", "exec"), namespace)
    assert namespace["model"].count_params() == totals(architecture_cost(architecture))["params"]
    assert len(namespace["model"].layers) == len(architecture.layers) + 1


VALID = {"block": "separable", "filters": 8, "kernel_size": 3, "strides": 1, "expansion": 6, "depth_multiplier": 1}


@pytest.mark.parametrize(
    ("bad_row", "code", "params"),
    [
        ({"filters": 0}, "architecture.row_not_positive", {"row": 2, "name": "filters", "value": 0}),
        (
            {"block": "inverted_residual", "expansion": 0},
            "architecture.row_not_positive",
            {"row": 2, "name": "expansion", "value": 0},
        ),
        ({"filters": 2.5}, "architecture.row_not_positive", {"row": 2, "name": "filters", "value": 2.5}),
        ({"filters": None}, "architecture.row_missing", {"row": 2, "name": "filters"}),
        ({"block": "pooling"}, "architecture.row_unknown_block", {"row": 2, "value": "pooling"}),
        (
            {"strides": 8},
            "architecture.row_stride_too_large",
            {"row": 2, "strides": 8, "height": 4, "width": 4},
        ),
    ],
)
def test_invalid_row_skipped_with_message(bad_row, code, params):
    rows = [VALID, {**VALID, **bad_row}, {**VALID, "filters": 16}]
    network = custom_network(rows, resolution=4, channels=3, include_top=False)
    assert list(network.errors) == [1]
    assert network.errors[1].code == code
    assert network.errors[1].params == params
    assert f"Row {params['row']}" in str(network.errors[1])
    # Rows 1 and 3 still make the network: 3 -> 8 -> 16 channels.
    frame = architecture_cost(network.architecture)
    assert list(frame["block"].unique()) == ["input", "b1", "b3"]
    assert frame["output_shape"].iloc[-1] == (4, 4, 16)


def test_stride_message_names_row_and_value():
    network = custom_network([{**VALID, "strides": 3}], resolution=2, include_top=False)
    assert str(network.errors[0]) == (
        "Row 1: strides=3 is larger than the 2×2 feature map that reaches this row, so the map "
        "would shrink below 1×1. Use a smaller stride or a larger input resolution."
    )


def test_custom_defaults_fill_missing_columns():
    network = custom_network([{"block": "inverted_residual", "filters": 8}], resolution=8, channels=4)
    frame = architecture_cost(network.architecture)
    expand = frame.set_index("name").loc["b1_expand"]
    assert expand["output_shape"] == (8, 8, 6 * 4)
    assert expand["macs"] == 8 * 8 * 4 * 6 * 4


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"alpha": 0}, "architecture.bad_alpha"),
        ({"resolution": 31}, "architecture.resolution_too_small"),
        ({"classes": 0}, "not_positive"),
    ],
)
def test_mobilenet_rejects_invalid_arguments(arguments, code):
    with pytest.raises(ConfigError) as error:
        mobilenet_v1(**arguments)
    assert error.value.code == code


def test_inverted_residual_add_only_when_shapes_match():
    rows = [
        {"block": "inverted_residual", "filters": 3, "strides": 1, "expansion": 2},
        {"block": "inverted_residual", "filters": 3, "strides": 2, "expansion": 2},
        {"block": "inverted_residual", "filters": 5, "strides": 1, "expansion": 2},
    ]
    frame = architecture_cost(custom_network(rows, resolution=8, channels=3, include_top=False).architecture)
    assert list(frame.loc[frame["class_name"] == "Add", "name"]) == ["b1_add"]


# ---------------------------------------------------------------- model files


@pytest.fixture(scope="module")
def saved_models(keras, tmp_path_factory):
    directory = tmp_path_factory.mktemp("models")
    inputs = keras.Input((8, 8, 3))
    plain = keras.Model(inputs, keras.layers.Conv2D(4, 3, name="conv")(inputs))
    plain.save(directory / "plain.keras")
    lambda_model = keras.Model(inputs, keras.layers.Lambda(lambda x: x * 2)(inputs))
    lambda_model.save(directory / "lambda.keras")

    @keras.saving.register_keras_serializable(package="convlab_test")
    class Doubling(keras.layers.Layer):
        def call(self, x):
            return x * 2

    custom_model = keras.Model(inputs, Doubling(name="doubling")(inputs))
    custom_model.save(directory / "custom.keras")
    keras.saving.get_custom_objects().pop("convlab_test>Doubling")
    return directory


def test_keras_file_loads_model(saved_models):
    model = count_keras_file(saved_models / "plain.keras")
    assert model.count_params() == 3 * 3 * 3 * 4 + 4


def test_keras_file_from_bytes(saved_models):
    model = count_keras_file((saved_models / "plain.keras").read_bytes())
    assert model_cost(model).set_index("name").loc["conv", "macs"] == 6 * 6 * 3 * 3 * 3 * 4


def _zip_without_config():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a model")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("source", "code"),
    [
        (b"plain text, not a zip archive", "architecture.not_keras_file"),
        (_zip_without_config(), "architecture.not_a_model"),
        ("lambda.keras", "architecture.unsafe_file"),
        ("custom.keras", "architecture.needs_custom_objects"),
    ],
)
def test_keras_file_rejected(saved_models, source, code):
    data = source if isinstance(source, bytes) else (saved_models / source).read_bytes()
    with pytest.raises(ConfigError) as error:
        count_keras_file(data)
    assert error.value.code == code


def test_custom_object_message_names_class(saved_models):
    with pytest.raises(ConfigError) as error:
        count_keras_file(saved_models / "custom.keras")
    assert error.value.params == {"name": "Doubling"}


def test_keras_file_size_limit(saved_models):
    path = saved_models / "plain.keras"
    with pytest.raises(ConfigError) as error:
        count_keras_file(path, max_bytes=100)
    assert error.value.code == "architecture.file_too_large"
    assert error.value.params == {"size": f"{path.stat().st_size:,}", "limit": "100"}


def test_separable_savings_ranked(keras):
    inputs = keras.Input((8, 8, 16))
    x = keras.layers.Conv2D(32, 3, padding="same", name="small")(inputs)
    x = keras.layers.Conv2D(64, 3, padding="same", name="large")(x)
    x = keras.layers.Conv2D(8, 1, name="pointwise")(x)
    savings = separable_savings(keras.Model(inputs, x))

    assert list(savings["name"]) == ["large", "small"]
    small = savings.set_index("name").loc["small"]
    assert small["macs"] == 8 * 8 * 3 * 3 * 16 * 32
    assert small["separable_macs"] == 8 * 8 * 3 * 3 * 16 + 8 * 8 * 16 * 32
    assert small["macs_saved"] == 8 * 8 * 3 * 3 * 16 * 32 - (8 * 8 * 3 * 3 * 16 + 8 * 8 * 16 * 32)
    assert small["params_saved"] == (3 * 3 * 16 * 32 + 32) - (3 * 3 * 16 + 16 * 32 + 32)
