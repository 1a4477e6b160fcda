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
}
