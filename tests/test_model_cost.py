"""``model_cost`` on Keras's MobileNet models and on a model with layers it cannot count."""

from __future__ import annotations

import importlib
import logging

import pandas as pd
import pytest

from core.errors import ConfigError
from core.model_cost import COLUMNS, model_cost
from core.tf_runtime import load_tensorflow

tf, keras = load_tensorflow()

COUNTED_MAC_CLASSES = ["Conv2D", "DepthwiseConv2D", "Dense"]


@pytest.fixture(scope="module")
def mobilenet():
    return keras.applications.MobileNet(weights=None)


@pytest.fixture(scope="module")
def mobilenet_v2():
    return keras.applications.MobileNetV2(weights=None)


@pytest.fixture(scope="module", params=["MobileNet", "MobileNetV2"])
def application(request, mobilenet, mobilenet_v2):
    """Each application model with its cost table."""
    model = mobilenet if request.param == "MobileNet" else mobilenet_v2
    return model, model_cost(model)


def test_mobilenet_params_match_keras(mobilenet):
    frame = model_cost(mobilenet)

    assert frame["params"].sum() == mobilenet.count_params()
    assert frame["params"].sum() == 4_253_864


def test_mobilenet_mult_adds(mobilenet):
    """569M Mult-Adds for MobileNet 1.0 at 224x224, counted over the layers that multiply."""
    frame = model_cost(mobilenet)
    multiplying = frame[frame["class_name"].isin(COUNTED_MAC_CLASSES)]

    assert multiplying["macs"].sum() == 568_740_352
    assert frame["macs"].sum() == 568_740_352


def test_mobilenet_v2_params_match_keras(mobilenet_v2):
    frame = model_cost(mobilenet_v2)

    assert frame["params"].sum() == mobilenet_v2.count_params()
    assert frame["params"].sum() == 3_538_984


def test_application_has_one_row_per_layer(application):
    model, frame = application

    assert list(frame.columns) == COLUMNS
    assert list(frame["name"]) == [layer.name for layer in model.layers]
    assert list(frame["class_name"]) == [type(layer).__name__ for layer in model.layers]


def test_application_rows_match_each_layer(application):
    model, frame = application

    for layer, row in zip(model.layers, frame.itertuples(), strict=True):
        assert row.params == layer.count_params(), layer.name
        assert row.output_shape == tuple(layer.output.shape)[1:], layer.name


def test_application_fully_counted(application):
    model, frame = application

    assert frame.attrs["uncounted_classes"] == []
    assert frame["counted"].all()
    assert not frame["macs"].isna().any()


def test_application_flops_add_up(application):
    """FLOPs = 2 x MACs plus bias additions, row by row and in total."""
    model, frame = application
    bias_adds = frame["flops"] - 2 * frame["macs"]

    assert (bias_adds >= 0).all()
    assert frame["flops"].sum() == 2 * frame["macs"].sum() + bias_adds.sum()
    for layer, row, adds in zip(model.layers, frame.itertuples(), bias_adds, strict=True):
        biased = getattr(layer, "use_bias", False) and row.class_name in COUNTED_MAC_CLASSES
        expected = 0
        if biased:
            expected = int(pd.Series(row.output_shape).prod())
        assert adds == expected, layer.name


# TensorFlow ops that carry the work the counting convention counts. The
# profiler also reports batch normalization, Add, Mean and Softmax, which
# the convention leaves out.
CONVENTION_OPS = {"Conv2D", "DepthwiseConv2dNative", "MatMul", "BiasAdd"}


def profiler_flops_by_op_type(model):
    """Return the profiler's FLOPs per TensorFlow op type for one inference pass (batch of 1)."""
    from tensorflow.python.framework import ops
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    function = tf.function(lambda inputs: model(inputs, training=False))
    concrete = function.get_concrete_function(tf.TensorSpec((1, *model.input_shape[1:]), tf.float32))
    graph = convert_variables_to_constants_v2(concrete).graph
    totals: dict[str, int] = {}
    for operation in graph.get_operations():
        # Op types with no registered FLOPs function return a value of None.
        stats = ops.get_stats_for_node_def(graph, operation.node_def, "flops")
        if stats.value:
            totals[operation.type] = totals.get(operation.type, 0) + int(stats.value)
    return totals


def test_mobilenet_v2_flops_match_profiler(mobilenet_v2):
    """The convolution, matmul and bias ops of the frozen graph count exactly model_cost's FLOPs."""
    frame = model_cost(mobilenet_v2)
    by_op_type = profiler_flops_by_op_type(mobilenet_v2)

    assert frame["flops"].sum() == sum(by_op_type.get(op_type, 0) for op_type in CONVENTION_OPS)
    assert by_op_type["DepthwiseConv2dNative"] == frame.loc[frame["class_name"] == "DepthwiseConv2D", "flops"].sum()


@pytest.fixture(scope="module")
def partly_counted_model():
    """A model with two LayerNormalization layers and a Conv1D, which have no cost function."""
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, name="conv")(inputs)  # 6x6x4
    x = keras.layers.LayerNormalization(name="norm_1")(x)
    x = keras.layers.Reshape((36, 4), name="reshape")(x)
    x = keras.layers.Dense(3, name="dense_per_position")(x)  # 36x3
    x = keras.layers.LayerNormalization(name="norm_2")(x)
    x = keras.layers.Conv1D(2, 3, name="conv1d")(x)  # 34x2
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(5, name="dense")(x)
    return keras.Model(inputs, outputs)


@pytest.fixture
def fresh_uncounted_log(monkeypatch):
    """Forget which classes were logged, so this test records its own first warning."""
    # ``core`` re-exports the function ``model_cost``, which hides the module of that name.
    module = importlib.import_module("core.model_cost")
    monkeypatch.setattr(module, "_logged_uncounted", set())


def test_uncounted_layers_are_reported(partly_counted_model, fresh_uncounted_log):
    frame = model_cost(partly_counted_model).set_index("name")

    assert frame.attrs["uncounted_classes"] == ["Conv1D", "LayerNormalization"]
    for name in ("norm_1", "norm_2", "conv1d"):
        assert not frame.loc[name, "counted"], name
        assert pd.isna(frame.loc[name, "macs"]), name
        assert pd.isna(frame.loc[name, "flops"]), name
    assert frame.loc["norm_1", "params"] == 2 * 4
    assert frame.loc["conv1d", "params"] == 3 * 3 * 2 + 2


def test_uncounted_layers_not_summed_as_zero(partly_counted_model, fresh_uncounted_log):
    frame = model_cost(partly_counted_model)

    assert frame["macs"].isna().sum() == 3
    assert frame["params"].sum() == partly_counted_model.count_params()


def test_counted_layers_beside_uncounted(partly_counted_model, fresh_uncounted_log):
    frame = model_cost(partly_counted_model).set_index("name")

    assert frame.loc["conv", "macs"] == 6 * 6 * 4 * (3 * 3 * 3)
    # Dense on a 36x4 tensor multiplies at each of the 36 positions.
    assert frame.loc["dense_per_position", "macs"] == 36 * 4 * 3
    assert frame.loc["dense_per_position", "flops"] == 2 * (36 * 4 * 3) + 36 * 3
    assert frame.loc["dense", "macs"] == (34 * 2) * 5


def test_uncounted_class_logged_once(partly_counted_model, fresh_uncounted_log, caplog):
    with caplog.at_level(logging.WARNING, logger="core.model_cost"):
        model_cost(partly_counted_model)
        model_cost(partly_counted_model)
    messages = [record.getMessage() for record in caplog.records]

    assert sum("LayerNormalization" in message for message in messages) == 1
    assert sum("Conv1D" in message for message in messages) == 1


def test_channels_first_layers_counted():
    inputs = keras.Input((3, 16, 12))
    x = keras.layers.Conv2D(8, 3, data_format="channels_first", name="conv")(inputs)  # 8x14x10
    x = keras.layers.DepthwiseConv2D(3, data_format="channels_first", name="depthwise")(x)  # 8x12x8
    x = keras.layers.SeparableConv2D(4, 3, data_format="channels_first", name="separable")(x)  # 4x10x6
    model = keras.Model(inputs, x)
    frame = model_cost(model).set_index("name")

    assert frame["params"].sum() == model.count_params()
    assert frame.loc["conv", "params"] == 3 * 3 * 3 * 8 + 8
    assert frame.loc["conv", "macs"] == 14 * 10 * 8 * (3 * 3 * 3)
    assert frame.loc["depthwise", "macs"] == 12 * 8 * 8 * (3 * 3)
    assert frame.loc["separable", "macs"] == 10 * 6 * 8 * (3 * 3) + 10 * 6 * 8 * 4
    assert frame.loc["separable", "output_shape"] == (4, 10, 6)


def test_undefined_dimension_raises():
    inputs = keras.Input((None, None, 3))
    outputs = keras.layers.Conv2D(4, 3)(inputs)
    model = keras.Model(inputs, outputs)

    with pytest.raises(ConfigError) as raised:
        model_cost(model)

    assert raised.value.code == "undefined_dimension"
    assert "input_shape" in str(raised.value)
    assert "(None, None, None, 3)" in str(raised.value)
