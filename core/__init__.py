"""convlab's computation: cost model, references and engines. Never imports Streamlit.

TensorFlow is imported only by the modules that run it, and only inside the
functions that need it, so importing ``core`` stays fast.
"""

from core.cost import DTYPE_BYTES, LAYER_TYPES, LayerCost, conv_output_length, layer_cost, same_padding
from core.errors import ConfigError
from core.model_cost import model_cost

__all__ = [
    "DTYPE_BYTES",
    "LAYER_TYPES",
    "ConfigError",
    "LayerCost",
    "conv_output_length",
    "layer_cost",
    "model_cost",
    "same_padding",
]
