"""Translations of ``ConfigError`` messages, one key per error code.

Each entry has the same placeholders as the params the error carries.
"""

MESSAGES = {
    "not_integer": {
        "en": "{name} must be a whole number. Received {value}.",
        "zh": "{name} 必须是整数，收到的值是 {value}。",
    },
    "not_positive": {
        "en": "{name} must be at least 1. Received {value}. Enter a positive whole number.",
        "zh": "{name} 必须不小于 1，收到的值是 {value}。请输入正整数。",
    },
    "not_pair": {
        "en": "{name} must be an int or a pair (height, width). Received {value}.",
        "zh": "{name} 必须是一个整数或 (高, 宽) 二元组，收到的值是 {value}。",
    },
    "bad_padding": {
        "en": "padding must be 'valid' or 'same'. Received {value}.",
        "zh": "padding 只能是 'valid' 或 'same'，收到的值是 {value}。",
    },
    "bad_input_shape": {
        "en": "The input shape must be (height, width, channels). Received {value}.",
        "zh": "输入形状必须是 (高, 宽, 通道数)，收到的值是 {value}。",
    },
    "strides_with_dilation": {
        "en": "Conv2D does not support strides > 1 together with dilation_rate > 1. "
        "Received strides={strides} and dilation_rate={dilation_rate}. Set one of them to 1.",
        "zh": "Conv2D 不支持 strides > 1 与 dilation_rate > 1 同时使用。"
        "收到 strides={strides}，dilation_rate={dilation_rate}。请把其中一个设为 1。",
    },
    "channels_not_divisible": {
        "en": "The input has {channels} channels, which groups={groups} does not divide evenly. "
        "Choose groups that divide the channel count.",
        "zh": "输入有 {channels} 个通道，不能被 groups={groups} 整除。请选择能整除通道数的 groups。",
    },
    "filters_not_divisible": {
        "en": "filters={filters} is not divisible by groups={groups}. Choose filters that are a "
        "multiple of groups.",
        "zh": "filters={filters} 不能被 groups={groups} 整除。请让 filters 为 groups 的整数倍。",
    },
    "kernel_too_large": {
        "en": "The kernel does not fit in the input under padding='valid': the dilated kernel spans "
        "{effective} (kernel {kernel}, dilation_rate {dilation}) but the input is {length} long. "
        "Use padding='same', a smaller kernel_size or dilation_rate, or a larger input.",
        "zh": "在 padding='valid' 下卷积核放不进输入：膨胀后的卷积核跨度为 {effective}"
        "（kernel {kernel}，dilation_rate {dilation}），而输入长度只有 {length}。"
        "请改用 padding='same'、更小的 kernel_size 或 dilation_rate，或更大的输入。",
    },
    "channels_first": {
        "en": "Only data_format='channels_last' is supported. Received {value}.",
        "zh": "只支持 data_format='channels_last'，收到的值是 {value}。",
    },
    "unexpected_argument": {
        "en": "{layer_type} does not take the argument {name}.",
        "zh": "{layer_type} 没有参数 {name}。",
    },
    "missing_argument": {
        "en": "{layer_type} needs the argument {name}.",
        "zh": "{layer_type} 需要参数 {name}。",
    },
    "unknown_layer_type": {
        "en": "Unknown layer type {value}. Use Conv2D, DepthwiseConv2D or SeparableConv2D.",
        "zh": "未知的层类型 {value}。请使用 Conv2D、DepthwiseConv2D 或 SeparableConv2D。",
    },
    "unknown_dtype": {
        "en": "Unknown dtype {value}. Use float32, float16, bfloat16, int8 or float64.",
        "zh": "未知的 dtype {value}。请使用 float32、float16、bfloat16、int8 或 float64。",
    },
    "undefined_dimension": {
        "en": "The model has a layer with an undefined size in shape {shape}. Build the model with "
        "a fixed input_shape, for example (224, 224, 3).",
        "zh": "模型中有一层的形状 {shape} 含有未定义的尺寸。请用固定的 input_shape 构建模型，例如 (224, 224, 3)。",
    },
}
