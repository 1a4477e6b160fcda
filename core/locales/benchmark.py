"""Messages of the live timing benchmark page and of the ``benchmark.*`` error codes."""

MESSAGES = {
    "nav_title": {"en": "Live timing benchmark", "zh": "实时计时基准"},
    "card_summary": {
        "en": "Time Conv2D, DepthwiseConv2D and SeparableConv2D on this server the right way (first call "
        "apart, warm-up, median of many calls) and see on a roofline why depthwise is not as much faster "
        "as its FLOPs promise.",
        "zh": "在本服务器上正确地为 Conv2D、DepthwiseConv2D 和 SeparableConv2D 计时（首次调用单独统计、"
        "先预热、取多次调用的中位数），并在 roofline 图上看清为什么深度卷积没有 FLOPs 所预示的那么快。",
    },
    "title": {"en": "Live timing benchmark", "zh": "实时计时基准"},
    "intro": {
        "en": "Calling a new Keras layer once and reading the clock measures weight creation and tracing, "
        "not the convolution. Here each layer is built first, its first call is reported on its own, then "
        "it is warmed up and timed many times; the median, p10 and p90 are shown next to the FLOPs and "
        "memory traffic from the cost model.",
        "zh": "新建一个 Keras 层、调用一次并读取时钟，测到的是权重创建和函数追踪（tracing），而不是卷积本身。"
        "这里先构建每一层，首次调用单独报告，然后预热并多次计时；中位数、p10 和 p90 与代价模型给出的 "
        "FLOPs 和内存流量并列显示。",
    },
    "tab_run": {"en": "Run", "zh": "运行"},
    "tab_sweep": {"en": "Sweep", "zh": "参数扫描"},
    "tab_compare": {"en": "Compare with your machine", "zh": "与你的电脑对比"},
    # Form fields
    "layers": {"en": "Layers to time", "zh": "要计时的层"},
    "layers_help": {
        "en": "PointwiseConv2D is Conv2D with kernel_size=1. DepthwisePointwise is DepthwiseConv2D followed "
        "by a 1×1 Conv2D as two layers. GroupedConv2D is Conv2D with groups.",
        "zh": "PointwiseConv2D 即 kernel_size=1 的 Conv2D。DepthwisePointwise 是 DepthwiseConv2D "
        "后接一个 1×1 Conv2D 的两层组合。GroupedConv2D 是带 groups 的 Conv2D。",
    },
    "input_shape": {"en": "input_shape (height, width, channels)", "zh": "input_shape（高, 宽, 通道数）"},
    "input_shape_help": {
        "en": "Three whole numbers separated by commas, channels last, without the batch dimension, "
        "for example 56,56,32.",
        "zh": "用逗号分隔的三个整数，通道在最后，不含批次维度，例如 56,56,32。",
    },
    "batch_size": {"en": "batch_size", "zh": "batch_size（批次大小）"},
    "kernel_size": {"en": "kernel_size", "zh": "kernel_size（卷积核大小）"},
    "filters": {"en": "filters", "zh": "filters（输出通道数）"},
    "filters_help": {
        "en": "Output channels of Conv2D, SeparableConv2D and the pointwise layers. DepthwiseConv2D outputs "
        "input channels × depth_multiplier.",
        "zh": "Conv2D、SeparableConv2D 及逐点层的输出通道数。DepthwiseConv2D 的输出通道数为输入通道数 × "
        "depth_multiplier。",
    },
    "strides": {"en": "strides", "zh": "strides（步长）"},
    "padding": {"en": "padding", "zh": "padding（填充）"},
    "depth_multiplier": {"en": "depth_multiplier", "zh": "depth_multiplier（深度乘数）"},
    "groups": {"en": "groups (GroupedConv2D)", "zh": "groups（GroupedConv2D 的分组数）"},
    "groups_help": {
        "en": "Must divide both the input channels and filters.",
        "zh": "必须同时整除输入通道数和 filters。",
    },
    "dtype": {"en": "dtype", "zh": "dtype（数据类型）"},
    "dtype_help": {
        "en": "float16 and bfloat16 run only where this TensorFlow build has CPU kernels for them, and are "
        "often slower than float32 on CPUs.",
        "zh": "float16 和 bfloat16 只有在当前 TensorFlow 版本提供相应 CPU 内核时才能运行，而且在 CPU 上"
        "往往比 float32 更慢。",
    },
    "mode": {"en": "Execution mode", "zh": "执行模式"},
    "mode_eager": {"en": "eager (op by op)", "zh": "eager（逐个算子执行）"},
    "mode_function": {"en": "tf.function (graph)", "zh": "tf.function（计算图）"},
    "mode_xla": {"en": "tf.function(jit_compile=True) (XLA)", "zh": "tf.function(jit_compile=True)（XLA 编译）"},
    "timing_options": {"en": "Timing options", "zh": "计时选项"},
    "repeats": {"en": "repeats (timed calls)", "zh": "repeats（计时调用次数）"},
    "warmup": {"en": "warmup (untimed calls after the first)", "zh": "warmup（首次调用后的不计时预热次数）"},
    "time_budget": {"en": "Time budget per layer (s)", "zh": "每层计时预算（秒）"},
    "time_budget_help": {
        "en": "Timed calls stop after this many seconds even if fewer than repeats have run.",
        "zh": "即使计时调用次数未达到 repeats，超过这个秒数后也会停止。",
    },
    "run": {"en": "Run benchmark", "zh": "开始计时"},
    "run_sweep": {"en": "Run sweep", "zh": "开始扫描"},
    "sweep_parameter": {"en": "Parameter to vary", "zh": "要改变的参数"},
    "sweep_values": {"en": "Values", "zh": "取值"},
    "sweep_values_help": {
        "en": "Whole numbers separated by commas, at most {limit}. channels sets the input channels and "
        "filters together; resolution sets height and width together.",
        "zh": "用逗号分隔的整数，最多 {limit} 个。channels 同时设置输入通道数和 filters；"
        "resolution 同时设置高和宽。",
    },
    "param_channels": {"en": "channels (input channels = filters)", "zh": "channels（输入通道数 = filters）"},
    "param_resolution": {"en": "resolution (height = width)", "zh": "resolution（高 = 宽）"},
    "param_kernel_size": {"en": "kernel_size", "zh": "kernel_size"},
    "param_batch_size": {"en": "batch_size", "zh": "batch_size"},
    "param_depth_multiplier": {"en": "depth_multiplier", "zh": "depth_multiplier"},
    # Progress
    "status_running": {"en": "Timing on this server…", "zh": "正在本服务器上计时…"},
    "status_waiting": {
        "en": "Waiting for another benchmark on this server: {position} ahead of you in the queue.",
        "zh": "正在等待本服务器上的其他基准测试：队列中你前面还有 {position} 个。",
    },
    "status_done": {"en": "Measured in {seconds} s", "zh": "测量完成，用时 {seconds} 秒"},
    "status_failed": {"en": "The benchmark stopped", "zh": "基准测试已停止"},
    "stage_peak": {
        "en": "Measuring this server's peak GFLOP/s and bandwidth (once per server process)",
        "zh": "正在测量本服务器的峰值 GFLOP/s 和内存带宽（每个服务器进程只测一次）",
    },
    "stage_build": {"en": "{layer}: building the layer and the input", "zh": "{layer}：构建层和输入"},
    "stage_first_call": {"en": "{layer}: first call (weights and tracing)", "zh": "{layer}：首次调用（创建权重并追踪）"},
    "stage_warmup": {"en": "{layer}: warm-up call {done} of {total}", "zh": "{layer}：预热调用 {done}/{total}"},
    "stage_timed": {"en": "{layer}: timed call {done} of {total}", "zh": "{layer}：计时调用 {done}/{total}"},
    "sweep_point": {"en": "{parameter} = {value} (point {index} of {count})", "zh": "{parameter} = {value}（第 {index}/{count} 个点）"},
    "memory_estimate": {
        "en": "Memory estimate of the largest layer: {mib} MiB of the {budget} MiB budget.",
        "zh": "最大一层的内存估计：{mib} MiB（预算 {budget} MiB）。",
    },
    # Results
    "results": {"en": "Results", "zh": "结果"},
    "stamp": {
        "en": "Measured at {when} (UTC) on host {host}: {cpu}, {cores} logical cores, TensorFlow {tf}, "
        "device {device}, intra/inter-op threads {intra}/{inter} (0 = TensorFlow's default). "
        "Each run measures again; nothing is replayed from a cache.",
        "zh": "测量时间 {when}（UTC），主机 {host}：{cpu}，{cores} 个逻辑核，TensorFlow {tf}，设备 {device}，"
        "intra/inter-op 线程数 {intra}/{inter}（0 表示 TensorFlow 默认值）。每次运行都会重新测量，不会从缓存回放。",
    },
    "peak_caption": {
        "en": "This server's ceilings, measured once per server process at {when}: peak {peak} GFLOP/s "
        "(float32 matmul), bandwidth {bandwidth} GB/s (large copy), ridge point {ridge} FLOP/byte. "
        "Below the ridge point a layer is memory-bound.",
        "zh": "本服务器的上限（每个服务器进程只测一次，测于 {when}）：峰值 {peak} GFLOP/s（float32 矩阵乘法），"
        "带宽 {bandwidth} GB/s（大块复制），拐点 {ridge} FLOP/byte。算术强度低于拐点的层受内存带宽限制。",
    },
    "explanation": {"en": "What the numbers say", "zh": "这些数字说明了什么"},
    "busy_note": {
        "en": "Other programs on the server share the CPU, so timings vary from run to run; compare layers "
        "within one run.",
        "zh": "服务器上的其他程序也在使用 CPU，因此每次运行的计时会有波动；请在同一次运行内比较各层。",
    },
    "col_layer": {"en": "Layer", "zh": "层"},
    "col_keras_layers": {"en": "Keras layers", "zh": "Keras 层"},
    "col_output_shape": {"en": "Output shape", "zh": "输出形状"},
    "col_params": {"en": "Params", "zh": "参数量"},
    "col_macs": {"en": "MACs", "zh": "MACs"},
    "col_flops": {"en": "FLOPs", "zh": "FLOPs"},
    "col_bytes": {"en": "Bytes moved", "zh": "内存流量（字节）"},
    "col_intensity": {"en": "FLOP/byte", "zh": "FLOP/byte（算术强度）"},
    "col_first_call_ms": {"en": "First call (ms)", "zh": "首次调用（毫秒）"},
    "col_median_ms": {"en": "Median (ms)", "zh": "中位数（毫秒）"},
    "col_p10_ms": {"en": "p10 (ms)", "zh": "p10（毫秒）"},
    "col_p90_ms": {"en": "p90 (ms)", "zh": "p90（毫秒）"},
    "col_min_ms": {"en": "Min (ms)", "zh": "最小值（毫秒）"},
    "col_runs": {"en": "Runs", "zh": "计时次数"},
    "col_gflops": {"en": "GFLOP/s", "zh": "GFLOP/s"},
    "col_gbytes": {"en": "GB/s", "zh": "GB/s"},
    "col_roofline_ms": {"en": "Roofline bound (ms)", "zh": "Roofline 下界（毫秒）"},
    "col_roofline_percent": {"en": "% of roofline", "zh": "达到 roofline 的百分比"},
    "col_bound": {"en": "Limited by", "zh": "受限于"},
    "bound_memory": {"en": "memory bandwidth", "zh": "内存带宽"},
    "bound_compute": {"en": "compute", "zh": "计算能力"},
    "col_value": {"en": "Value", "zh": "取值"},
    "col_series": {"en": "Measurement", "zh": "测量项"},
    "series_first_call": {"en": "First call (naive timing)", "zh": "首次调用（错误的计时法）"},
    "series_steady": {"en": "Steady-state median", "zh": "稳定后的中位数"},
    "series_achieved": {"en": "Achieved", "zh": "实测"},
    "series_peak": {"en": "Peak (matmul)", "zh": "峰值（矩阵乘法）"},
    "series_roofline": {"en": "Roofline", "zh": "Roofline"},
    "series_server": {"en": "This server", "zh": "本服务器"},
    "series_uploaded": {"en": "Uploaded", "zh": "上传的结果"},
    "chart_median": {"en": "Median time per call, p10–p90 as error bars", "zh": "每次调用的中位时间，误差线为 p10–p90"},
    "chart_first_call": {"en": "First call vs steady state (log scale)", "zh": "首次调用与稳定状态（对数坐标）"},
    "chart_gflops": {"en": "Achieved GFLOP/s against this server's peak", "zh": "实测 GFLOP/s 与本服务器峰值"},
    "chart_roofline": {"en": "Roofline (log–log)", "zh": "Roofline 图（双对数坐标）"},
    "chart_roofline_caption": {
        "en": "The sloped ceiling is bandwidth × intensity, the flat one the peak. A point far under the "
        "slope is memory-bound: more FLOPs would not make it slower, fewer bytes would make it faster.",
        "zh": "斜的上限是带宽 × 算术强度，平的上限是峰值。落在斜线下方的点受内存带宽限制："
        "增加 FLOPs 不会让它更慢，减少内存流量才会让它更快。",
    },
    "chart_sweep_time": {"en": "Median time vs {parameter}", "zh": "中位时间随 {parameter} 的变化"},
    "chart_sweep_flops": {"en": "Median time vs FLOPs (log–log)", "zh": "中位时间随 FLOPs 的变化（双对数坐标）"},
    "chart_compare": {"en": "Median time: this server vs the uploaded result", "zh": "中位时间：本服务器与上传结果"},
    "axis_time_ms": {"en": "Time per call (ms)", "zh": "每次调用时间（毫秒）"},
    "axis_gflops": {"en": "GFLOP/s", "zh": "GFLOP/s"},
    "axis_intensity": {"en": "Arithmetic intensity (FLOP/byte)", "zh": "算术强度（FLOP/byte）"},
    "axis_flops": {"en": "FLOPs per call", "zh": "每次调用的 FLOPs"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "download_json": {"en": "Download JSON", "zh": "下载 JSON"},
    "no_result": {
        "en": "Set the configuration and press Run benchmark. The defaults finish in a few seconds.",
        "zh": "设置好配置后点击“开始计时”。默认配置几秒内即可完成。",
    },
    "no_sweep": {
        "en": "Choose a parameter and its values, then press Run sweep. Each point times every chosen layer.",
        "zh": "选择一个参数及其取值，然后点击“开始扫描”。每个取值点都会为所选的每一层计时。",
    },
    # Compare
    "upload": {"en": "Benchmark JSON from another machine", "zh": "来自其他电脑的基准测试 JSON"},
    "upload_help": {
        "en": "Run python -m core.bench --format json > mine.json on your own computer and upload mine.json.",
        "zh": "在你自己的电脑上运行 python -m core.bench --format json > mine.json，然后上传 mine.json。",
    },
    "cli_hint": {
        "en": "Time your own laptop with the same engine, from a checkout of convlab:",
        "zh": "在 convlab 的代码目录下，用同一个引擎为你自己的电脑计时：",
    },
    "uploaded_stamp": {
        "en": "Uploaded result: measured at {when} on host {host}: {cpu}, TensorFlow {tf}.",
        "zh": "上传的结果：测量时间 {when}，主机 {host}：{cpu}，TensorFlow {tf}。",
    },
    "compare_need_run": {
        "en": "Run a benchmark on the Run tab to compare it with the uploaded result.",
        "zh": "请先在“运行”页签中计时，再与上传的结果对比。",
    },
    "compare_no_common": {
        "en": "The two results have no layer in common. Time the same layers on both machines.",
        "zh": "两个结果没有相同的层。请在两台电脑上为相同的层计时。",
    },
    "compare_macs_differ": {
        "en": "The configurations differ (MACs are not equal for {layers}), so the times are not comparable "
        "one to one.",
        "zh": "两边的配置不同（{layers} 的 MACs 不相等），因此时间不能一一对比。",
    },
    "col_server_ms": {"en": "This server, median (ms)", "zh": "本服务器中位数（毫秒）"},
    "col_uploaded_ms": {"en": "Uploaded, median (ms)", "zh": "上传结果中位数（毫秒）"},
    "col_ratio": {"en": "Uploaded / server", "zh": "上传 / 本服务器"},
    # Explanations generated from the numbers
    "explain_memory_bound": {
        "en": "{layer} does {flop_ratio}× fewer FLOPs than Conv2D here but is only {speedup}× faster, "
        "because it is memory-bound at {intensity} FLOP/byte, below this server's ridge point of {ridge} FLOP/byte.",
        "zh": "{layer} 在这里的 FLOPs 比 Conv2D 少 {flop_ratio} 倍，却只快 {speedup} 倍，"
        "因为它的算术强度只有 {intensity} FLOP/byte，低于本服务器的拐点 {ridge} FLOP/byte，受内存带宽限制。",
    },
    "explain_compute_gap": {
        "en": "{layer} does {flop_ratio}× fewer FLOPs than Conv2D here but is only {speedup}× faster. At "
        "{intensity} FLOP/byte it is not memory-bound on this server, but its kernel reaches {efficiency}% "
        "of the roofline while Conv2D reaches {conv_efficiency}%.",
        "zh": "{layer} 在这里的 FLOPs 比 Conv2D 少 {flop_ratio} 倍，却只快 {speedup} 倍。它的算术强度为 "
        "{intensity} FLOP/byte，在本服务器上不受内存带宽限制，但它的内核只达到 roofline 的 {efficiency}%，"
        "而 Conv2D 达到 {conv_efficiency}%。",
    },
    "explain_close": {
        "en": "{layer} does {flop_ratio}× fewer FLOPs than Conv2D and is {speedup}× faster: close to what "
        "its FLOPs promise.",
        "zh": "{layer} 的 FLOPs 比 Conv2D 少 {flop_ratio} 倍，速度快 {speedup} 倍，接近 FLOPs 所预示的提升。",
    },
    "explain_slower": {
        "en": "{layer} does {flop_ratio}× fewer FLOPs than Conv2D yet takes {slowdown}× longer: at "
        "{intensity} FLOP/byte its time goes to moving data and to per-call overhead, not to arithmetic.",
        "zh": "{layer} 的 FLOPs 比 Conv2D 少 {flop_ratio} 倍，耗时却是它的 {slowdown} 倍：算术强度只有 "
        "{intensity} FLOP/byte，时间花在数据搬运和每次调用的固定开销上，而不是计算上。",
    },
    "explain_not_fewer": {
        "en": "{layer} does {flop_ratio}× as many FLOPs as Conv2D here and is {speedup}× as fast.",
        "zh": "{layer} 在这里的 FLOPs 是 Conv2D 的 {flop_ratio} 倍，速度是它的 {speedup} 倍。",
    },
    "explain_first_call": {
        "en": "The first call of {layer} took {first_ms} ms, {ratio}× its steady-state median of {median_ms} "
        "ms, because it creates the weights and traces the function. Timing one call of a new layer "
        "measures that set-up, not the convolution.",
        "zh": "{layer} 的首次调用耗时 {first_ms} 毫秒，是稳定后中位数 {median_ms} 毫秒的 {ratio} 倍，"
        "因为首次调用要创建权重并追踪函数。只为新建层计时一次，测到的是这些准备工作，而不是卷积。",
    },
    "explain_row_memory": {
        "en": "{layer}: {achieved} GFLOP/s at {intensity} FLOP/byte, memory-bound; the roofline allows "
        "{attainable} GFLOP/s, and it reaches {percent}% of that.",
        "zh": "{layer}：算术强度 {intensity} FLOP/byte，实测 {achieved} GFLOP/s，受内存带宽限制；"
        "roofline 允许 {attainable} GFLOP/s，它达到了其中的 {percent}%。",
    },
    "explain_row_compute": {
        "en": "{layer}: {achieved} GFLOP/s at {intensity} FLOP/byte, compute-bound; the roofline allows "
        "{attainable} GFLOP/s, and it reaches {percent}% of that.",
        "zh": "{layer}：算术强度 {intensity} FLOP/byte，实测 {achieved} GFLOP/s，受计算能力限制；"
        "roofline 允许 {attainable} GFLOP/s，它达到了其中的 {percent}%。",
    },
    "explain_row_above_roofline": {
        "en": "{layer}: {achieved} GFLOP/s at {intensity} FLOP/byte, above the {attainable} GFLOP/s "
        "that the roofline allows. No layer can beat its roofline, so the machine's peak was measured "
        "too low, probably while other work was running. Press \"Measure the peak again\" and run again.",
        "zh": "{layer}：算术强度 {intensity} FLOP/byte，实测 {achieved} GFLOP/s，高于 roofline 允许的 "
        "{attainable} GFLOP/s。任何层都不可能超过 roofline，说明本机峰值测得偏低，"
        "很可能测量时有其他程序在运行。请点击“重新测量峰值”后再运行一次。",
    },
    "remeasure_peak": {"en": "Measure the peak again", "zh": "重新测量峰值"},
    "remeasure_peak_help": {
        "en": "Measures this server's peak GFLOP/s and GB/s again (about a second) and keeps the higher "
        "figure of each. It waits for any running benchmark. Results already shown keep the peak they "
        "were measured with; the new peak applies to the next run.",
        "zh": "重新测量本服务器的峰值 GFLOP/s 和 GB/s（约一秒），每项保留较高的值。"
        "若有基准测试正在运行，会等待其结束。已显示的结果仍使用测量时的峰值，新峰值用于下一次运行。",
    },
    "remeasure_peak_done": {
        "en": "New peak: {peak} GFLOP/s, {bandwidth} GB/s (measured at {when} UTC). Run the benchmark "
        "again to use it.",
        "zh": "新的峰值：{peak} GFLOP/s，{bandwidth} GB/s（测于 {when} UTC）。请重新运行基准测试以使用它。",
    },
    "explain_noisy": {
        "en": "The timings of {layers} spread widely (p90 more than 1.5× p10), probably because other "
        "programs were using the CPU. Run again or raise repeats before drawing conclusions.",
        "zh": "{layers} 的计时波动很大（p90 超过 p10 的 1.5 倍），可能是其他程序正在占用 CPU。"
        "下结论前请重新运行或增加 repeats。",
    },
    # Errors raised by core.bench
    "not_int_list": {
        "en": "{name} must be whole numbers separated by commas. Received {value}.",
        "zh": "{name} 必须是用逗号分隔的整数，收到的值是 {value}。",
    },
    "no_layers": {"en": "Choose at least one layer to time.", "zh": "请至少选择一个要计时的层。"},
    "unknown_layer": {
        "en": "Unknown layer {value}. Choose from: {choices}.",
        "zh": "未知的层 {value}。请从以下选项中选择：{choices}。",
    },
    "bad_choice": {
        "en": "{name} must be one of: {choices}. Received {value}.",
        "zh": "{name} 必须是以下之一：{choices}。收到的值是 {value}。",
    },
    "over_memory_budget": {
        "en": "{layer} would need about {need_mib} MiB, over this server's memory budget of {budget_mib} MiB. "
        "Reduce batch_size, the input size or filters.",
        "zh": "{layer} 大约需要 {need_mib} MiB 内存，超过了本服务器 {budget_mib} MiB 的内存预算。"
        "请减小 batch_size、输入尺寸或 filters。",
    },
    "dtype_unsupported": {
        "en": "This TensorFlow build cannot run convolutions at dtype {value} on this machine. Use float32.",
        "zh": "当前 TensorFlow 版本无法在这台机器上以 dtype {value} 运行卷积。请使用 float32。",
    },
    "cancelled": {"en": "The benchmark was cancelled.", "zh": "基准测试已取消。"},
    "timed_out": {
        "en": "Timing {layer} took {elapsed} s, over the cap of {cap} s. Use a smaller input or fewer repeats.",
        "zh": "为 {layer} 计时用了 {elapsed} 秒，超过了 {cap} 秒的上限。请减小输入或减少 repeats。",
    },
    "too_slow": {
        "en": "{layer} needs at least {seconds} s per call on this server, so {calls} calls exceed the cap of "
        "{cap} s. Use a smaller input, kernel_size or filters.",
        "zh": "{layer} 在本服务器上每次调用至少需要 {seconds} 秒，{calls} 次调用会超过 {cap} 秒的上限。"
        "请减小输入、kernel_size 或 filters。",
    },
    "out_of_memory": {
        "en": "TensorFlow ran out of memory while timing {layer}. Reduce batch_size, the input size or filters.",
        "zh": "为 {layer} 计时时 TensorFlow 内存不足。请减小 batch_size、输入尺寸或 filters。",
    },
    "sweep_points": {
        "en": "A sweep needs 1 to {limit} distinct values. Received {count}.",
        "zh": "参数扫描需要 1 到 {limit} 个不同的取值，收到 {count} 个。",
    },
    "json_unreadable": {
        "en": "The file is not valid UTF-8 JSON: {detail}.",
        "zh": "该文件不是有效的 UTF-8 JSON：{detail}。",
    },
    "json_too_large": {
        "en": "The file is {size} bytes, larger than the {limit}-byte limit for a benchmark result. "
        "Upload the file written by python -m core.bench --format json.",
        "zh": "该文件大小为 {size} 字节，超过了基准测试结果 {limit} 字节的上限。"
        "请上传由 python -m core.bench --format json 写出的文件。",
    },
    "json_too_deep": {
        "en": "The file is JSON nested too deeply to read. A benchmark result has only a few levels. "
        "Upload the file written by python -m core.bench --format json.",
        "zh": "该 JSON 文件嵌套过深，无法读取。基准测试结果只有几层嵌套。"
        "请上传由 python -m core.bench --format json 写出的文件。",
    },
    "json_number_too_long": {
        "en": "The file contains a number with more than {limit} digits, which no benchmark result contains. "
        "Upload the file written by python -m core.bench --format json.",
        "zh": "该文件含有超过 {limit} 位的数字，基准测试结果中不会有这样的数字。"
        "请上传由 python -m core.bench --format json 写出的文件。",
    },
    "json_too_many_rows": {
        "en": "The result has {rows} layer rows, but a benchmark writes at most {limit} (every layer kind at "
        "every sweep point). Upload the file written by python -m core.bench --format json.",
        "zh": "该结果有 {rows} 行层数据，但一次基准测试最多写出 {limit} 行（每种层在每个扫描点各一行）。"
        "请上传由 python -m core.bench --format json 写出的文件。",
    },
    "json_not_result": {
        "en": "The file is JSON but not a benchmark result. Expected an object with \"schema\": \"{schema}\", "
        "as written by python -m core.bench --format json.",
        "zh": "该文件是 JSON，但不是基准测试结果。应为包含 \"schema\": \"{schema}\" 的对象，"
        "即 python -m core.bench --format json 的输出。",
    },
    "json_missing_field": {
        "en": "The result is missing the field {field} (layer row {row}).",
        "zh": "结果缺少字段 {field}（第 {row} 个层记录）。",
    },
    "json_bad_value": {
        "en": "Layer row {row} has an invalid {field}: {value}. Expected a positive number.",
        "zh": "第 {row} 个层记录的 {field} 无效：{value}。应为正数。",
    },
}
