"""Network descriptions counted layer by layer, their standard twins, and their Keras builds.

``spec`` defines the description and counts it. ``presets`` describes the
MobileNets, ``custom`` builds networks from a table of blocks, and
``keras_io`` contains everything that imports Keras.
"""

from core.architectures.custom import (
    ROW_BLOCKS,
    ROW_COLUMNS,
    CustomNetwork,
    custom_network,
    depthwise_stack_rows,
    hybrid_stack_rows,
)
from core.architectures.keras_io import (
    APPLICATIONS,
    MAX_BUILD_PARAMS,
    MAX_MODEL_BYTES,
    build_keras_model,
    count_keras_file,
    keras_application,
    keras_script,
    separable_savings,
)
from core.architectures.presets import (
    V1_ALPHAS,
    V1_RESOLUTIONS,
    V2_ALPHAS,
    V2_RESOLUTIONS,
    make_divisible,
    mobilenet_v1,
    mobilenet_v2,
    tradeoff_table,
)
from core.architectures.spec import (
    KINDS,
    Architecture,
    Block,
    LayerSpec,
    architecture_cost,
    kind_breakdown,
    layer_kind,
    standard_twin,
    totals,
)

__all__ = [
    "APPLICATIONS",
    "KINDS",
    "MAX_BUILD_PARAMS",
    "MAX_MODEL_BYTES",
    "ROW_BLOCKS",
    "ROW_COLUMNS",
    "V1_ALPHAS",
    "V1_RESOLUTIONS",
    "V2_ALPHAS",
    "V2_RESOLUTIONS",
    "Architecture",
    "Block",
    "CustomNetwork",
    "LayerSpec",
    "architecture_cost",
    "build_keras_model",
    "count_keras_file",
    "custom_network",
    "depthwise_stack_rows",
    "hybrid_stack_rows",
    "keras_application",
    "keras_script",
    "kind_breakdown",
    "layer_kind",
    "make_divisible",
    "mobilenet_v1",
    "mobilenet_v2",
    "separable_savings",
    "standard_twin",
    "totals",
]
