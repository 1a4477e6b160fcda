"""Messages of the home page."""

MESSAGES = {
    "title": {"en": "Standard vs depthwise convolution", "zh": "标准卷积与深度卷积"},
    "intro_standard": {
        "en": "A standard convolution (Keras `Conv2D`) slides each filter over **all** input "
        "channels at once, so every output channel mixes every input channel and costs "
        "kernel_height × kernel_width × in_channels multiply-adds per output value.",
        "zh": "标准卷积（Keras `Conv2D`）的每个滤波器同时覆盖**全部**输入通道，"
        "因此每个输出通道都混合了所有输入通道，每个输出值需要 "
        "kernel_height × kernel_width × in_channels 次乘加。",
    },
    "intro_depthwise": {
        "en": "A depthwise convolution (`DepthwiseConv2D`) filters **each channel on its own**, "
        "and a depthwise-separable convolution (`SeparableConv2D`) follows it with a 1×1 "
        "pointwise `Conv2D` that mixes the channels, which is how MobileNet cuts its cost "
        "by roughly 8 to 9 times for 3×3 kernels.",
        "zh": "深度卷积（`DepthwiseConv2D`）对**每个通道单独**做卷积；"
        "深度可分离卷积（`SeparableConv2D`）在其后接一个 1×1 逐点（pointwise）`Conv2D` 来混合通道，"
        "MobileNet 正是这样在 3×3 卷积核下把计算量降到约八九分之一。",
    },
    "pages_heading": {"en": "What you can do here", "zh": "在这里可以做什么"},
    "open_page": {"en": "Open", "zh": "打开"},
    "example_heading": {"en": "One MobileNet layer, counted both ways", "zh": "以 MobileNet 的一层为例，两种卷积各算一遍"},
    "example_config": {
        "en": "3×3 kernel, 14×14×512 input, 512 output channels, padding 'same', no bias.",
        "zh": "3×3 卷积核，输入 14×14×512，输出 512 个通道，padding 'same'，不带偏置。",
    },
    "metric_standard": {"en": "Conv2D MACs", "zh": "Conv2D 的 MACs"},
    "metric_separable": {"en": "SeparableConv2D MACs", "zh": "SeparableConv2D 的 MACs"},
    "metric_ratio": {"en": "Conv2D ÷ SeparableConv2D", "zh": "Conv2D ÷ SeparableConv2D"},
    "params_help": {"en": "{params} parameters", "zh": "参数量 {params}"},
    "example_formula": {
        "en": "A separable layer costs 1/N + 1/k² of the standard one, for N output channels and a "
        "k×k kernel: here 1/{filters} + 1/{kernel_area} = {fraction}.",
        "zh": "对 N 个输出通道、k×k 卷积核，可分离卷积的计算量是标准卷积的 1/N + 1/k²："
        "这里是 1/{filters} + 1/{kernel_area} = {fraction}。",
    },
}
