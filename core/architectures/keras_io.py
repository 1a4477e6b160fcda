"""Keras models from architecture descriptions, scripts that rebuild them, and model files.

TensorFlow and Keras are imported inside the functions that need them,
through ``core.tf_runtime.load_tensorflow()``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from core.architectures.spec import Architecture, architecture_cost, totals
from core.cost import layer_cost
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow

logger = logging.getLogger(__name__)

#: Default size limit for ``count_keras_file``, in bytes. It equals the app's
#: ``server.maxUploadSize`` of 50 MB (``.streamlit/config.toml``), enough for
#: a float32 model of up to about 13 M weights.
MAX_MODEL_BYTES = 50 * 1024 * 1024
#: Largest total size the archive's members may unpack to, in bytes. Keras 3
#: writes ``.keras`` members uncompressed (``zipfile``'s default ZIP_STORED in
#: ``saving_lib``), so a real model unpacks to about its file size, while a
#: small zip that unpacks to gigabytes is rejected before Keras reads it.
MAX_UNPACKED_BYTES = 4 * MAX_MODEL_BYTES

#: Largest JSON member (config.json, metadata.json) of an upload, in bytes.
#: MobileNetV2's config.json is 162,980 bytes (Keras 3.15), and the file grows
#: with the number of layers, so this leaves room for far larger models.
MAX_CONFIG_BYTES = 16 * 1024 * 1024

#: ``keras.applications`` models the page offers, with the smallest input
#: resolution each accepts (``obtain_input_shape``'s ``min_size``).
APPLICATIONS: dict[str, int] = {
    "MobileNet": 32,
    "MobileNetV2": 32,
    "MobileNetV3Small": 32,
    "MobileNetV3Large": 32,
    "EfficientNetB0": 32,
    "ResNet50": 32,
    "DenseNet121": 32,
    "VGG16": 32,
    "Xception": 71,
}


#: Applications whose classifier flattens the last feature map, so that their
#: weights grow with the input resolution: name -> (channels of that map, units
#: of the first Dense layer, weights of every other layer). VGG16's map is
#: (resolution // 32)² × 512, and its other layers have 35,593,000 weights
#: (138,357,544 in total at 224 pixels, Keras 3.15).
FLATTEN_TOP_APPLICATIONS: dict[str, tuple[int, int, int]] = {"VGG16": (512, 4096, 35_593_000)}
#: Largest ``keras.applications`` model ``keras_application`` builds, in weights.
#: VGG16 at 224 pixels (138 M weights) reached 1.9 GB peak RSS when built with
#: TensorFlow 2.21 on CPU, and at 512 pixels (572 M weights) 7.3 GB.
MAX_APPLICATION_PARAMS = 150_000_000

#: Largest network ``build_keras_model`` builds, in weights: 100 M float32
#: weights take 400 MB, and the app's server is shared by every session.
MAX_BUILD_PARAMS = 100_000_000


def _model_name(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]+", "_", name).strip("_") or "model"


def build_keras_model(architecture: Architecture, max_params: int = MAX_BUILD_PARAMS):
    """Build ``architecture`` as a functional ``keras.Model`` with random weights.

    Every ``LayerSpec`` becomes the Keras layer of its class with its name
    and arguments, so ``model.count_params()`` equals the ``params`` total
    of ``architecture_cost``.

    Raises:
        ConfigError: when the network has more than ``max_params`` weights,
            before any memory is allocated for them.
    """
    params = totals(architecture_cost(architecture))["params"]
    if params > max_params:
        raise ConfigError(
            "architecture.too_many_params",
            f"The network has {params:,} weights, more than the {max_params:,} this app builds. "
            "Reduce filters, alpha or the number of blocks; the counts above need no build.",
            params=f"{params:,}",
            limit=f"{max_params:,}",
        )
    _, keras = load_tensorflow()
    inputs = keras.Input(shape=tuple(architecture.input_shape), name="input")
    tensors = {"input": inputs}
    x = inputs
    for _, spec in architecture.layers:
        layer = getattr(keras.layers, spec.class_name)(name=spec.name, **dict(spec.config))
        x = layer([tensors[name] for name in spec.inputs]) if spec.inputs else layer(x)
        tensors[spec.name] = x
    return keras.Model(inputs, x, name=_model_name(architecture.name))


def keras_script(architecture: Architecture) -> str:
    """Return a standalone Python script that rebuilds ``architecture`` with plain Keras.

    The script needs only ``keras`` (3.x); it prints the model summary and
    the parameter count.
    """
    referenced = {name for _, spec in architecture.layers for name in spec.inputs}
    variables = {name: f"{_model_name(name)}_output" for name in referenced}
    variables["input"] = "inputs"
    lines = [
        f'"""Rebuild {architecture.name} with plain Keras (random weights)."""',
        "",
        "import keras",
        "from keras import layers",
        "",
        f'inputs = keras.Input(shape={tuple(architecture.input_shape)!r}, name="input")',
        "x = inputs",
    ]
    if "input" in referenced:
        lines.append(f"{variables['input']} = x")
    current_block = None
    for block, spec in architecture.layers:
        if block.name != current_block:
            lines += ["", f"# {block.name} ({block.kind})"]
            current_block = block.name
        arguments = ", ".join(f"{key}={value!r}" for key, value in spec.config.items())
        arguments = f"{arguments}, name={spec.name!r}" if arguments else f"name={spec.name!r}"
        call = f"layers.{spec.class_name}({arguments})"
        if spec.inputs:
            sources = ", ".join(variables.get(name, "x") for name in spec.inputs)
            lines.append(f"x = {call}([{sources}])")
        else:
            lines.append(f"x = {call}(x)")
        if spec.name in referenced:
            lines.append(f"{variables[spec.name]} = x")
    lines += [
        "",
        f"model = keras.Model(inputs, x, name={_model_name(architecture.name)!r})",
        "",
        'if __name__ == "__main__":',
        "    model.summary()",
        '    print("count_params:", model.count_params())',
        "",
    ]
    return "\n".join(lines)


def keras_application(name: str, resolution: int = 224):
    """Build ``keras.applications.<name>`` with ``weights=None`` (nothing is downloaded).

    Raises:
        ConfigError: for a name not in ``APPLICATIONS``, a resolution
            below that model's minimum, or a model of
            ``FLATTEN_TOP_APPLICATIONS`` with more than
            ``MAX_APPLICATION_PARAMS`` weights at that resolution (checked
            before any weight is allocated).
    """
    if name not in APPLICATIONS:
        raise ConfigError(
            "architecture.unknown_application",
            f"Unknown keras.applications model {name!r}. Expected one of {', '.join(APPLICATIONS)}.",
            value=name,
        )
    minimum = APPLICATIONS[name]
    if resolution < minimum:
        raise ConfigError(
            "architecture.application_too_small",
            f"{name} needs an input of at least {minimum}×{minimum} pixels. Received resolution={resolution}.",
            name=name,
            minimum=minimum,
            value=resolution,
        )
    if name in FLATTEN_TOP_APPLICATIONS:
        _check_flatten_top_size(name, resolution)
    _, keras = load_tensorflow()
    return getattr(keras.applications, name)(weights=None, input_shape=(resolution, resolution, 3))


def flatten_top_params(name: str, resolution: int) -> int:
    """Return the weights of a ``FLATTEN_TOP_APPLICATIONS`` model at ``resolution`` pixels, without building it.

    >>> flatten_top_params("VGG16", 224)
    138357544
    """
    channels, units, other = FLATTEN_TOP_APPLICATIONS[name]
    side = resolution // 32
    return other + side * side * channels * units + units


def _check_flatten_top_size(name: str, resolution: int) -> None:
    params = flatten_top_params(name, resolution)
    if params <= MAX_APPLICATION_PARAMS:
        return
    sizes = range(APPLICATIONS[name], resolution)
    fitting = [size for size in sizes if flatten_top_params(name, size) <= MAX_APPLICATION_PARAMS]
    largest = max(fitting, default=APPLICATIONS[name])
    raise ConfigError(
        "architecture.application_too_large",
        f"{name} at {resolution}×{resolution} pixels has {params:,} weights, more than the "
        f"{MAX_APPLICATION_PARAMS:,} this app builds, because its first Dense layer grows with the input. "
        f"Use a resolution of at most {largest}.",
        name=name,
        value=resolution,
        params=f"{params:,}",
        limit=f"{MAX_APPLICATION_PARAMS:,}",
        largest=largest,
    )


def count_keras_file(path_or_bytes: str | os.PathLike | bytes, max_bytes: int = MAX_MODEL_BYTES):
    """Load a ``.keras`` model file with ``safe_mode=True`` and return the ``keras.Model``.

    The file is checked for size first and never compiled. Python code
    stored in the file (``Lambda`` layers) is rejected by Keras's safe mode.

    Raises:
        ConfigError: when the file is larger than ``max_bytes``, is not a
            ``.keras`` archive, unpacks to more than ``MAX_UNPACKED_BYTES``
            or has a JSON member over ``MAX_CONFIG_BYTES``, needs custom
            objects, contains code that safe mode rejects, or does not hold
            a model.
    """
    if isinstance(path_or_bytes, (bytes, bytearray)):
        data = bytes(path_or_bytes)
    else:
        size = Path(path_or_bytes).stat().st_size
        _check_size(size, max_bytes)
        data = Path(path_or_bytes).read_bytes()
    _check_size(len(data), max_bytes)

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "upload.keras"
        path.write_bytes(data)
        if not zipfile.is_zipfile(path):
            raise ConfigError(
                "architecture.not_keras_file",
                "The file is not a Keras model: a .keras file is a zip archive saved by model.save(). "
                "Save the model with model.save('model.keras') and upload that file.",
            )
        _check_unpacked_size(path, max(max_bytes, MAX_UNPACKED_BYTES))
        return _load(path)


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ConfigError(
            "architecture.file_too_large",
            f"The file is {size:,} bytes, larger than the {max_bytes:,}-byte limit. Upload a smaller model.",
            size=f"{size:,}",
            limit=f"{max_bytes:,}",
        )


def _check_unpacked_size(path: Path, max_bytes: int) -> None:
    # The sizes come from the zip's central directory. zipfile stops reading a
    # member at its stated size, so a member cannot unpack to more than this.
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as error:
        raise _not_a_model(error) from error
    unpacked = sum(info.file_size for info in members)
    if unpacked > max_bytes:
        raise ConfigError(
            "architecture.unpacks_too_large",
            f"The file unpacks to {unpacked:,} bytes, more than the {max_bytes:,}-byte limit, so it is not "
            "loaded. Upload a .keras file saved by model.save().",
            size=f"{unpacked:,}",
            limit=f"{max_bytes:,}",
        )
    for info in members:
        # Keras parses config.json and metadata.json whole, and json.loads
        # needs about 25 times the text's size for a file of small objects.
        if info.filename.endswith(".json") and info.file_size > MAX_CONFIG_BYTES:
            raise ConfigError(
                "architecture.config_too_large",
                f"The file's {info.filename} is {info.file_size:,} bytes, more than the "
                f"{MAX_CONFIG_BYTES:,}-byte limit, so it is not loaded. Upload a .keras file saved by "
                "model.save().",
                name=info.filename,
                size=f"{info.file_size:,}",
                limit=f"{MAX_CONFIG_BYTES:,}",
            )


def _load(path: Path):
    _, keras = load_tensorflow()
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except TypeError as error:
        # Keras wraps "Could not locate class 'Name'" in a TypeError for a
        # class that was registered as a custom object when the model was saved.
        match = re.search(r"Could not locate (?:class|function) '([^']+)'", str(error))
        if match is None:
            raise _not_a_model(error) from error
        if any(hasattr(namespace, match.group(1)) for namespace in (keras, keras.layers, keras.models)):
            # Keras raises the same message for a built-in class whose stored
            # config it cannot rebuild, such as a hand-edited config.json.
            raise _not_a_model(error) from error
        logger.info("Model file needs the custom object %s", match.group(1)[:100])
        raise ConfigError(
            "architecture.needs_custom_objects",
            f"The model uses {match.group(1)}, which is not a built-in Keras class or function. "
            "Models with custom layers or objects cannot be counted here; rebuild the model from "
            "built-in Keras layers and save it again.",
            name=match.group(1),
        ) from error
    except ValueError as error:
        if "safe_mode" in str(error) or "unsafe" in str(error).lower():
            raise ConfigError(
                "architecture.unsafe_file",
                "The model contains Python code (for example a Lambda layer), which is not loaded "
                "for safety. Replace the Lambda layer with built-in layers and save the model again.",
            ) from error
        raise _not_a_model(error) from error
    except (OSError, KeyError, zipfile.BadZipFile, RecursionError) as error:
        # RecursionError: json.loads of a config.json nested about a thousand levels deep.
        raise _not_a_model(error) from error
    if not isinstance(model, keras.Model):
        raise _not_a_model(TypeError(f"the file contains a {type(model).__name__}, not a keras.Model"))
    return model


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def _not_a_model(error: Exception) -> ConfigError:
    # Keras's message can quote the file's whole config, so only its first line is logged.
    logger.info("Model file could not be loaded: %s", _first_line(error))
    return ConfigError(
        "architecture.not_a_model",
        f"The file could not be loaded as a Keras model: {_first_line(error)}. "
        "Upload a .keras file saved by model.save().",
        detail=_first_line(error),
    )


def separable_savings(model) -> pd.DataFrame:
    """Rank a model's Conv2D layers by the MACs saved if each became a SeparableConv2D.

    Each Conv2D with a kernel larger than 1×1 and ``groups=1`` is compared
    with a ``SeparableConv2D`` of the same filters, kernel_size, strides,
    padding, dilation_rate and use_bias on the same input (both counted by
    ``core.cost.layer_cost``). 1×1 convolutions are left out because a
    separable version of them costs more.

    Returns:
        One row per layer, largest ``macs_saved`` first, with the columns
        ``name``, ``input_shape``, ``kernel_size``, ``filters``, ``macs``,
        ``separable_macs``, ``macs_saved``, ``params``,
        ``separable_params``, ``params_saved`` and ``macs_ratio``
        (separable MACs / standard MACs).
    """
    rows = []
    for layer in model.layers:
        if type(layer).__name__ != "Conv2D":
            continue
        config = layer.get_config()
        kernel = tuple(config["kernel_size"])
        if kernel == (1, 1) or int(config.get("groups", 1)) != 1:
            continue
        input_shape = tuple(int(size) for size in layer.input.shape[1:])
        arguments = {key: config[key] for key in ("filters", "kernel_size", "strides", "padding", "dilation_rate")}
        arguments["use_bias"] = config.get("use_bias", True)
        standard = layer_cost("Conv2D", input_shape, **arguments)
        separable = layer_cost("SeparableConv2D", input_shape, **arguments)
        rows.append(
            (
                layer.name,
                input_shape,
                kernel,
                standard.config["filters"],
                standard.macs,
                separable.macs,
                standard.macs - separable.macs,
                standard.params,
                separable.params,
                standard.params - separable.params,
                separable.macs / standard.macs,
            )
        )
    columns = [
        "name",
        "input_shape",
        "kernel_size",
        "filters",
        "macs",
        "separable_macs",
        "macs_saved",
        "params",
        "separable_params",
        "params_saved",
        "macs_ratio",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("macs_saved", ascending=False, kind="stable").reset_index(drop=True)
