"""Messages shared by the navigation frame and every page."""

MESSAGES = {
    "app_title": {"en": "convlab", "zh": "convlab"},
    "app_tagline": {
        "en": "See, count and time both kinds of convolution, layer by layer",
        "zh": "逐层观察、计数和计时两种卷积",
    },
    "language": {"en": "Language", "zh": "语言"},
    "language_help": {
        "en": "Also set by adding ?lang=en or ?lang=zh to the page address.",
        "zh": "也可以在网址后加 ?lang=zh 或 ?lang=en 来切换。",
    },
    "nav_home": {"en": "Home", "zh": "首页"},
    "nav_section_learn": {"en": "Learn", "zh": "学习"},
    "convention": {
        "en": "Counting convention: one MAC is one multiply-accumulate (the MobileNet paper's "
        "Mult-Adds); FLOPs = 2 × MACs + one addition per output element when use_bias is set. "
        "Activations, batch normalization and padding are not counted.",
        "zh": "计数约定：一个 MAC 是一次乘加（即 MobileNet 论文中的 Mult-Adds）；"
        "FLOPs = 2 × MACs，若 use_bias 为真，每个输出元素再加一次加法。"
        "激活函数、批归一化（batch normalization）和填充（padding）不计入。",
    },
    "unexpected_error": {
        "en": "Something went wrong while computing this result: {detail}. Your inputs are kept; "
        "change a value and try again.",
        "zh": "计算该结果时出错：{detail}。您的输入已保留；请修改某个值后重试。",
    },
    "source_code": {"en": "Source code", "zh": "源代码"},
    "waiting_for_benchmark": {
        "en": "Another session is timing a benchmark on this server. To keep its timings accurate, "
        "this page waits until it finishes, usually a few seconds.",
        "zh": "另一个会话正在本服务器上运行计时基准。为保证计时准确，本页面会等待它结束，通常只需几秒钟。",
    },
}
