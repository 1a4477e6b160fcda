"""Architecture builder page: whole networks counted layer by layer, next to their standard twins."""

MESSAGES = {
    "nav_title": {"en": "Architecture builder", "zh": "网络结构构建器"},
    "card_summary": {
        "en": "Count MobileNetV1, MobileNetV2 or your own network layer by layer, compare it with the same "
        "network built from standard convolutions, build it in Keras and count any Keras model.",
        "zh": "逐层统计 MobileNetV1、MobileNetV2 或自定义网络的开销，与改用标准卷积的同结构网络对比，"
        "在 Keras 中构建它，并统计任意 Keras 模型。",
    },
    "title": {"en": "Architecture builder", "zh": "网络结构构建器"},
    "intro": {
        "en": "Pick a network, see where its MACs and parameters are, and compare it with its **standard twin**: "
        "the same network with every depthwise-separable block replaced by one standard Conv2D with the same "
        "input and output channels. For MobileNetV1 1.0-224 this is the MobileNet paper's headline comparison.",
        "zh": "选择一个网络，查看它的 MACs 和参数分布在哪里，并与它的**标准卷积版本**对比："
        "即把每个深度可分离块都换成一个输入、输出通道相同的标准 Conv2D 后得到的网络。"
        "对 MobileNetV1 1.0-224 而言，这就是 MobileNet 论文中的核心对比。",
    },
    # Network picker
    "preset": {"en": "Network", "zh": "网络"},
    "preset_help": {
        "en": "A MobileNet as keras.applications builds it, a small stack of depthwise or hybrid blocks, "
        "or your own table of blocks.",
        "zh": "按 keras.applications 构建的 MobileNet、由深度块或混合块组成的小网络，或由您自己编辑的块表。",
    },
    "preset_MobileNetV1": {"en": "MobileNetV1", "zh": "MobileNetV1"},
    "preset_MobileNetV2": {"en": "MobileNetV2", "zh": "MobileNetV2"},
    "preset_depthwise_stack": {"en": "Depthwise-block stack", "zh": "深度块堆叠"},
    "preset_hybrid_stack": {"en": "Hybrid-block stack", "zh": "混合块堆叠"},
    "preset_custom": {"en": "Custom network", "zh": "自定义网络"},
    "alpha": {"en": "Width multiplier α (alpha)", "zh": "宽度乘数 α（alpha）"},
    "alpha_help": {
        "en": "Scales the channels of every layer, as keras.applications does: MobileNetV1 truncates "
        "int(filters × α); MobileNetV2 rounds to a multiple of 8.",
        "zh": "按 keras.applications 的方式缩放每层的通道数：MobileNetV1 取 int(filters × α)；"
        "MobileNetV2 取整到 8 的倍数。",
    },
    "resolution": {"en": "Input resolution (pixels)", "zh": "输入分辨率（像素）"},
    "resolution_short": {"en": "Resolution", "zh": "分辨率"},
    "resolution_help": {
        "en": "Height and width of the square input image. MACs grow with its square; parameters do not change.",
        "zh": "正方形输入图像的高和宽。MACs 随其平方增长；参数量不变。",
    },
    "include_top": {"en": "Classifier head", "zh": "分类头"},
    "include_top_help": {
        "en": "include_top: add the 1000-class classifier after global average pooling, as Keras does.",
        "zh": "include_top：在全局平均池化后加上 1000 类分类器，与 Keras 相同。",
    },
    "stack_blocks": {"en": "Blocks", "zh": "块数"},
    "stack_blocks_help": {
        "en": "Number of blocks after the 3×3 Conv2D stem (stride 2).",
        "zh": "3×3 Conv2D 起始层（步幅 2）之后的块数。",
    },
    "stack_filters": {"en": "filters of the first block", "zh": "第一个块的 filters"},
    "stack_filters_help": {
        "en": "Output channels of the first block; the stack doubles them at every stride-2 block.",
        "zh": "第一个块的输出通道数；每遇到步幅为 2 的块，通道数翻倍。",
    },
    "stack_resolution_help": {
        "en": "Height and width of the square input, in pixels (3 input channels).",
        "zh": "正方形输入的高和宽，单位为像素（3 个输入通道）。",
    },
    "depth_multiplier_help": {
        "en": "Output channels of the DepthwiseConv2D per input channel; the hybrid block's 1×1 Conv2D then "
        "mixes channels × depth_multiplier inputs.",
        "zh": "DepthwiseConv2D 每个输入通道产生的输出通道数；混合块中的 1×1 Conv2D 随后混合 "
        "通道数 × depth_multiplier 个输入。",
    },
    "edit_as_custom": {"en": "Edit as a custom network", "zh": "作为自定义网络编辑"},
    "edit_as_custom_help": {
        "en": "Copy these blocks into the custom network's table and open it for editing.",
        "zh": "把这些块复制到自定义网络的表格中，并打开该表格进行编辑。",
    },
    # Custom network
    "channels": {"en": "Input channels", "zh": "输入通道数"},
    "channels_help": {"en": "Channels of the input image, 3 for RGB.", "zh": "输入图像的通道数，RGB 为 3。"},
    "custom_resolution_help": {
        "en": "Height and width of the square input, in pixels.",
        "zh": "正方形输入的高和宽，单位为像素。",
    },
    "custom_top_help": {
        "en": "include_top: add global average pooling and a Dense classifier with the given number of classes.",
        "zh": "include_top：加上全局平均池化和一个 Dense 分类器，类别数如右侧所设。",
    },
    "classes": {"en": "Classes", "zh": "类别数"},
    "custom_help": {
        "en": "One row per block, applied in order. Every convolution uses padding 'same' and no bias, followed "
        "by batch normalization and ReLU6. Add rows with the + button under the table; a row with an invalid "
        "value is skipped with a message and the rest of the network is still counted.",
        "zh": "每行一个块，按顺序连接。所有卷积都使用 padding 'same'、不带偏置，之后接批归一化和 ReLU6。"
        "用表格下方的 + 按钮添加行；含无效值的行会被跳过并给出提示，网络的其余部分照常统计。",
    },
    "col_block_type": {"en": "Block", "zh": "块类型"},
    "block_help": {
        "en": "Standard conv: Conv2D. Depthwise-separable: DepthwiseConv2D → 1×1 Conv2D. Hybrid: "
        "DepthwiseConv2D with depth_multiplier → 1×1 Conv2D. Inverted residual: 1×1 expansion → "
        "DepthwiseConv2D → 1×1 projection, with Add when strides is 1 and channels match.",
        "zh": "标准卷积块：Conv2D。深度可分离块：DepthwiseConv2D → 1×1 Conv2D。混合块：带 depth_multiplier 的 "
        "DepthwiseConv2D → 1×1 Conv2D。倒残差块：1×1 扩展 → DepthwiseConv2D → 1×1 投影，"
        "strides 为 1 且通道数相同时加 Add。",
    },
    "block_conv": {"en": "Standard conv", "zh": "标准卷积块"},
    "block_separable": {"en": "Depthwise-separable", "zh": "深度可分离块"},
    "block_hybrid": {"en": "Hybrid", "zh": "混合块"},
    "block_inverted_residual": {"en": "Inverted residual", "zh": "倒残差块"},
    "filters_help": {"en": "Output channels of the block.", "zh": "该块的输出通道数。"},
    "col_expansion": {"en": "expansion t", "zh": "扩展倍数 t"},
    "expansion_help": {
        "en": "Inverted residual only: the 1×1 expansion multiplies the input channels by t (t = 1 skips it).",
        "zh": "仅用于倒残差块：1×1 扩展把输入通道数乘以 t（t = 1 时省略扩展层）。",
    },
    "load_depthwise_stack": {"en": "Start from depthwise blocks", "zh": "从深度块开始"},
    "load_hybrid_stack": {"en": "Start from hybrid blocks", "zh": "从混合块开始"},
    "load_inverted_residual": {"en": "Start from inverted residuals", "zh": "从倒残差块开始"},
    "rows_skipped": {
        "en": "{count} row(s) skipped; the counts below are for the other rows.",
        "zh": "已跳过 {count} 行；下面的统计只包含其余的行。",
    },
    "no_valid_rows": {
        "en": "The table has no valid block yet. Add a row or fix the messages above.",
        "zh": "表格中还没有有效的块。请添加一行，或根据上面的提示修改。",
    },
    # Results
    "totals_heading": {"en": "{name}: totals", "zh": "{name}：总计"},
    "this_network": {"en": "This network", "zh": "当前网络"},
    "standard_twin": {"en": "Standard twin", "zh": "标准卷积版本"},
    "quantity": {"en": "Total", "zh": "总计"},
    "twin_ratio": {"en": "Twin ÷ network", "zh": "标准版本 ÷ 当前网络"},
    "twin_explained": {
        "en": "Standard twin: each DepthwiseConv2D → 1×1 Conv2D pair becomes one Conv2D with the depthwise "
        "kernel_size and strides and the pointwise filters. Parameters include batch normalization's 4 per "
        "channel, as Keras's count_params() does.",
        "zh": "标准卷积版本：每对 DepthwiseConv2D → 1×1 Conv2D 换成一个 Conv2D，其 kernel_size 和 strides "
        "取自深度卷积，filters 取自逐点卷积。参数量包含批归一化每通道 4 个参数，与 Keras 的 count_params() 一致。",
    },
    "col_block": {"en": "Block", "zh": "块"},
    "col_name": {"en": "Layer", "zh": "层"},
    "col_class": {"en": "Keras class", "zh": "Keras 类"},
    "col_kind": {"en": "Kind", "zh": "类别"},
    "col_input_shape": {"en": "Input shape", "zh": "输入形状"},
    "col_output_shape": {"en": "Output shape", "zh": "输出形状"},
    "col_params": {"en": "Parameters", "zh": "参数量"},
    "col_macs_share": {"en": "Share of MACs", "zh": "MACs 占比"},
    "col_params_share": {"en": "Share of parameters", "zh": "参数占比"},
    "col_counted": {"en": "Counted", "zh": "已统计"},
    "kind_standard": {"en": "standard", "zh": "标准卷积"},
    "kind_depthwise": {"en": "depthwise", "zh": "深度卷积"},
    "kind_pointwise": {"en": "pointwise (1×1)", "zh": "逐点卷积 (1×1)"},
    "kind_dense": {"en": "dense (classifier)", "zh": "全连接（分类器）"},
    "kind_other": {"en": "other (batch norm, …)", "zh": "其他（批归一化等）"},
    "charts_heading": {"en": "Cost per layer", "zh": "每层开销"},
    "chart_macs": {"en": "MACs per layer", "zh": "每层 MACs"},
    "chart_params": {"en": "Parameters per layer", "zh": "每层参数量"},
    "axis_macs": {"en": "MACs", "zh": "MACs"},
    "axis_params": {"en": "Parameters", "zh": "参数量"},
    "breakdown_heading": {"en": "Where the cost lives, by layer kind", "zh": "按层类别看开销分布"},
    "breakdown_help": {
        "en": "Each layer kind's share of the total MACs and parameters, as in the MobileNet paper's table of "
        "resources per layer type (there, 1×1 convolutions take about 95% of the MACs of MobileNetV1).",
        "zh": "各类层在 MACs 和参数中的占比，与 MobileNet 论文中按层类型统计资源的表格相同"
        "（论文中 MobileNetV1 约 95% 的 MACs 来自 1×1 卷积）。",
    },
    "tradeoff_heading": {"en": "Trade-off over α and resolution", "zh": "α 与分辨率的权衡"},
    "tradeoff_family": {"en": "Family", "zh": "网络系列"},
    "chart_macs_alpha": {"en": "MACs over α", "zh": "MACs 随 α 变化"},
    "chart_macs_resolution": {"en": "MACs over resolution", "zh": "MACs 随分辨率变化"},
    "chart_params_alpha": {"en": "Parameters over α", "zh": "参数量随 α 变化"},
    "tradeoff_help": {
        "en": "Counted with the classifier head; each line is one resolution (MACs over α) or one α (MACs over resolution). MACs scale roughly with α² and with the resolution squared; "
        "parameters scale with α² and do not depend on the resolution. No accuracy is shown.",
        "zh": "统计包含分类头；“MACs 随 α 变化”中每条线对应一个分辨率，“MACs 随分辨率变化”中每条线对应一个 α。MACs 大致与 α² 和分辨率的平方成正比；参数量与 α² 成正比，与分辨率无关。"
        "此处不涉及准确率。",
    },
    # Build and downloads
    "build_heading": {"en": "Build in Keras", "zh": "在 Keras 中构建"},
    "build_help": {
        "en": "Builds the network as a real keras.Model with random weights (takes a few seconds the first time "
        "for each configuration) and checks count_params() against the table.",
        "zh": "以随机权重把网络构建为真正的 keras.Model（每种配置第一次需要几秒钟），"
        "并核对 count_params() 与表中的总参数量。",
    },
    "build": {"en": "Build the Keras model", "zh": "构建 Keras 模型"},
    "building": {"en": "Building the Keras model…", "zh": "正在构建 Keras 模型…"},
    "build_match": {
        "en": "count_params() = {count}, equal to the table's total.",
        "zh": "count_params() = {count}，与表中的总数相等。",
    },
    "build_mismatch": {
        "en": "count_params() = {built}, but the table's total is {expected}. Please report this network.",
        "zh": "count_params() = {built}，而表中的总数是 {expected}。请报告这个网络配置。",
    },
    # Timing the built model
    "timing_heading": {"en": "Time this model", "zh": "为此模型计时"},
    "timing_help": {
        "en": "Runs the built model's forward pass (model(x, training=False) in tf.function) on this server: "
        "the first call (tracing) on its own, {warmup} warm-up calls, then timed calls until the repeat count "
        "or {budget} s. It waits for the same queue as the live benchmark page, so only one timing runs at a "
        "time. Every click measures again.",
        "zh": "在本服务器上运行已构建模型的前向计算（在 tf.function 中调用 model(x, training=False)）："
        "首次调用（追踪）单独计时，然后预热 {warmup} 次，再计时直到达到重复次数或 {budget} 秒。"
        "它与实时基准测试页面共用同一个队列，因此同一时间只运行一个计时任务。每次点击都会重新测量。",
    },
    "timing_batch_size": {"en": "batch_size (images per call)", "zh": "batch_size（每次调用的图像数）"},
    "timing_batch_size_help": {
        "en": "Images in the input batch of each call. MACs, FLOPs and memory grow in proportion.",
        "zh": "每次调用输入批次中的图像数。MACs、FLOPs 和内存按比例增长。",
    },
    "timing_repeats": {"en": "Timed calls (repeats)", "zh": "计时调用次数（repeats）"},
    "timing_repeats_help": {
        "en": "Maximum number of timed calls per network; fewer run when the time budget is reached first.",
        "zh": "每个网络最多计时的调用次数；若先达到时间预算，则运行次数会更少。",
    },
    "timing_include_twin": {"en": "Also time the standard twin", "zh": "同时为标准卷积版本计时"},
    "timing_include_twin_help": {
        "en": "Builds the standard twin too (it has more weights) and times it right after this network.",
        "zh": "同时构建标准卷积版本（权重更多），并在此网络之后立即为它计时。",
    },
    "timing_run": {"en": "Time this model", "zh": "为此模型计时"},
    "timing_building_twin": {"en": "Building the standard twin…", "zh": "正在构建标准卷积版本…"},
    "timing_memory_estimate": {
        "en": "Memory estimate of this timing: up to about {mib} MiB per network "
        "(budget {budget} MiB per network).",
        "zh": "本次计时的内存估计：每个网络最多约 {mib} MiB（每个网络的预算为 {budget} MiB）。",
    },
    "timing_status_running": {"en": "Timing the model on this server…", "zh": "正在本服务器上为模型计时…"},
    "timing_status_waiting": {
        "en": "Waiting for another timing on this server: {position} ahead of you in the queue.",
        "zh": "正在等待本服务器上的其他计时任务：队列中你前面还有 {position} 个。",
    },
    "timing_status_done": {"en": "Measured in {seconds} s", "zh": "测量完成，用时 {seconds} 秒"},
    "timing_status_failed": {"en": "The timing stopped", "zh": "计时已停止"},
    "timing_stage_peak": {
        "en": "Measuring this server's peak GFLOP/s (once per server process)",
        "zh": "正在测量本服务器的峰值 GFLOP/s（每个服务器进程只测一次）",
    },
    "timing_stage_build": {"en": "{name}: creating the input batch", "zh": "{name}：创建输入批次"},
    "timing_stage_first_call": {
        "en": "{name}: first call (tracing the tf.function)",
        "zh": "{name}：首次调用（追踪 tf.function）",
    },
    "timing_stage_warmup": {"en": "{name}: warm-up call {done} of {total}", "zh": "{name}：预热调用 {done}/{total}"},
    "timing_stage_timed": {"en": "{name}: timed call {done} of {total}", "zh": "{name}：计时调用 {done}/{total}"},
    "timing_role_network": {"en": "This network", "zh": "此网络"},
    "timing_role_twin": {"en": "Standard twin", "zh": "标准卷积版本"},
    "timing_col_network": {"en": "Network", "zh": "网络"},
    "timing_col_median": {"en": "Median (ms)", "zh": "中位数（毫秒）"},
    "timing_col_spread": {"en": "p10–p90 (ms)", "zh": "p10–p90（毫秒）"},
    "timing_col_first_call": {"en": "First call (ms)", "zh": "首次调用（毫秒）"},
    "timing_col_runs": {"en": "Timed calls", "zh": "计时调用次数"},
    "timing_col_images": {"en": "Images/s", "zh": "图像/秒"},
    "timing_stamp": {
        "en": "Measured at {when} (UTC) on host {host}: {cpu}, {cores} logical cores, TensorFlow {tf} on {device}, "
        "batch_size={batch_size}. Peak of this server: {peak} GFLOP/s. The server is shared with other users, "
        "so timings vary from run to run.",
        "zh": "测量于 {when}（UTC），主机 {host}：{cpu}，{cores} 个逻辑核心，TensorFlow {tf}，设备 {device}，"
        "batch_size={batch_size}。本服务器峰值：{peak} GFLOP/s。服务器与其他用户共用，因此每次计时结果会有差异。",
    },
    "timing_compare_full": {
        "en": "The depthwise-separable network took {network_ms} ms per call and its standard twin {twin_ms} ms: "
        "the network ran {speedup}× as fast, at least the {macs_ratio}× that the MACs ratio predicts "
        "({network_gflops} vs {twin_gflops} GFLOP/s achieved).",
        "zh": "深度可分离网络每次调用用时 {network_ms} 毫秒，其标准卷积版本用时 {twin_ms} 毫秒："
        "速度是后者的 {speedup} 倍，达到或超过 MACs 比值预测的 {macs_ratio} 倍"
        "（实际达到 {network_gflops} 对 {twin_gflops} GFLOP/s）。",
    },
    "timing_compare_partial": {
        "en": "The depthwise-separable network took {network_ms} ms per call and its standard twin {twin_ms} ms: "
        "the network ran {speedup}× as fast, less than its {macs_ratio}× fewer MACs suggest. Depthwise layers "
        "do few FLOPs per byte they move, so they run further below this machine's peak: {network_gflops} "
        "GFLOP/s against the twin's {twin_gflops} GFLOP/s.",
        "zh": "深度可分离网络每次调用用时 {network_ms} 毫秒，其标准卷积版本用时 {twin_ms} 毫秒："
        "速度是后者的 {speedup} 倍，低于 MACs 减少 {macs_ratio} 倍所暗示的程度。深度卷积层每搬运一个字节只做很少的 FLOPs，"
        "因此离本机峰值更远：实际达到 {network_gflops} GFLOP/s，而标准卷积版本为 {twin_gflops} GFLOP/s。",
    },
    "timing_compare_slower": {
        "en": "The depthwise-separable network took {network_ms} ms per call and its standard twin {twin_ms} ms: "
        "the twin ran {slowdown}× as fast although it needs {macs_ratio}× the MACs. The fixed cost of each "
        "layer call and the low FLOPs per byte of depthwise layers likely outweigh the saved MACs here"
        " ({network_gflops} vs {twin_gflops} GFLOP/s achieved).",
        "zh": "深度可分离网络每次调用用时 {network_ms} 毫秒，其标准卷积版本用时 {twin_ms} 毫秒："
        "尽管标准卷积版本需要 {macs_ratio} 倍的 MACs，它的速度反而是前者的 {slowdown} 倍。这里，"
        "每次层调用的固定开销以及深度卷积层每字节 FLOPs 很低，很可能抵消了节省的 MACs"
        "（实际达到 {network_gflops} 对 {twin_gflops} GFLOP/s）。",
    },
    "timing_compare_same_macs": {
        "en": "This network took {network_ms} ms per call and its standard twin {twin_ms} ms. The twin needs no "
        "more MACs ({macs_ratio}×), so there is no saving to compare.",
        "zh": "此网络每次调用用时 {network_ms} 毫秒，其标准卷积版本用时 {twin_ms} 毫秒。"
        "标准卷积版本所需的 MACs 并不更多（{macs_ratio} 倍），因此没有可比较的节省。",
    },
    "timing_first_call_note": {
        "en": "The first call includes tracing the tf.function, so it is reported separately and left out of the "
        "median.",
        "zh": "首次调用包含 tf.function 的追踪，因此单独报告，不计入中位数。",
    },
    "download_csv": {"en": "Per-layer table (CSV)", "zh": "逐层表格（CSV）"},
    "download_twin_csv": {"en": "Standard twin's table (CSV)", "zh": "标准卷积版本的表格（CSV）"},
    "download_script": {"en": "Keras script (.py)", "zh": "Keras 脚本（.py）"},
    # Count any model
    "count_heading": {"en": "Count any Keras model", "zh": "统计任意 Keras 模型"},
    "count_help": {
        "en": "Pick a keras.applications model (built with weights=None, nothing is downloaded) or upload a "
        ".keras file, then see which Conv2D layers would save the most as SeparableConv2D.",
        "zh": "选择一个 keras.applications 模型（以 weights=None 构建，不下载任何权重），或上传一个 .keras 文件，"
        "然后查看哪些 Conv2D 层改为 SeparableConv2D 后节省最多。",
    },
    "count_source": {"en": "Model source", "zh": "模型来源"},
    "source_applications": {"en": "keras.applications", "zh": "keras.applications"},
    "source_upload": {"en": "Upload a .keras file", "zh": "上传 .keras 文件"},
    "application": {"en": "Model", "zh": "模型"},
    "application_resolution_help": {
        "en": "Height and width of the square input, in pixels (Xception needs at least 71).",
        "zh": "正方形输入的高和宽，单位为像素（Xception 至少需要 71）。",
    },
    "count_application": {"en": "Build and count this model", "zh": "构建并统计该模型"},
    "counting": {"en": "Counting {name}…", "zh": "正在统计 {name}…"},
    "upload": {"en": "Keras model file (.keras, at most {limit} MB)", "zh": "Keras 模型文件（.keras，最大 {limit} MB）"},
    "upload_help": {
        "en": "A file saved by model.save('model.keras'). It is loaded with safe_mode=True, so Lambda layers and "
        "custom objects are rejected.",
        "zh": "由 model.save('model.keras') 保存的文件。以 safe_mode=True 加载，因此 Lambda 层和自定义对象会被拒绝。",
    },
    "layer_count": {"en": "Layers", "zh": "层数"},
    "uncounted": {
        "en": "No cost function for these layer classes, so their MACs are missing from the total: {classes}.",
        "zh": "以下层类别没有开销函数，其 MACs 未计入总数：{classes}。",
    },
    "savings_heading": {
        "en": "Conv2D layers that would save the most as SeparableConv2D",
        "zh": "改为 SeparableConv2D 后节省最多的 Conv2D 层",
    },
    "savings_help": {
        "en": "Each Conv2D with a kernel larger than 1×1 compared with a SeparableConv2D of the same filters, "
        "kernel_size, strides and padding on the same input. 1×1 layers are left out: separating them saves nothing.",
        "zh": "把每个卷积核大于 1×1 的 Conv2D 与同一输入上 filters、kernel_size、strides、padding 相同的 "
        "SeparableConv2D 比较。1×1 层不列出：把它们拆分不会节省开销。",
    },
    "col_macs_saved": {"en": "MACs saved", "zh": "节省的 MACs"},
    "col_params_saved": {"en": "Parameters saved", "zh": "节省的参数"},
    "savings_total": {
        "en": "Layers in this table: {layers}. Making them all separable would save {saved} MACs.",
        "zh": "表中共 {layers} 个层，全部改为可分离卷积可节省 {saved} 个 MACs。",
    },
    "no_savings": {
        "en": "This model has no Conv2D layer with a kernel larger than 1×1.",
        "zh": "该模型没有卷积核大于 1×1 的 Conv2D 层。",
    },
    # Errors raised by core.architectures
    "unsupported_layer": {
        "en": "Layer class {class_name} (layer {name}) is not supported in an architecture description.",
        "zh": "网络描述中不支持层类别 {class_name}（层 {name}）。",
    },
    "add_mismatch": {
        "en": "Add layer {name} sums tensors of different shapes {first} and {second}.",
        "zh": "Add 层 {name} 相加的张量形状不同：{first} 与 {second}。",
    },
    "bad_alpha": {
        "en": "alpha must be a number greater than 0. Received {value}.",
        "zh": "alpha 必须是大于 0 的数，收到的值是 {value}。",
    },
    "resolution_too_small": {
        "en": "Keras's MobileNets need an input of at least {minimum}×{minimum} pixels. Received {value}.",
        "zh": "Keras 的 MobileNet 要求输入至少为 {minimum}×{minimum} 像素，收到的值是 {value}。",
    },
    "row_missing": {
        "en": "Row {row}: {name} is missing. Enter a whole number of at least 1.",
        "zh": "第 {row} 行：缺少 {name}。请输入不小于 1 的整数。",
    },
    "row_not_positive": {
        "en": "Row {row}: {name} must be a whole number of at least 1. Received {value}.",
        "zh": "第 {row} 行：{name} 必须是不小于 1 的整数，收到的值是 {value}。",
    },
    "row_unknown_block": {
        "en": "Row {row}: unknown block type {value}. Choose a block type from the list.",
        "zh": "第 {row} 行：未知的块类型 {value}。请从列表中选择块类型。",
    },
    "row_stride_too_large": {
        "en": "Row {row}: strides={strides} is larger than the {height}×{width} feature map that reaches this "
        "row, so the map would shrink below 1×1. Use a smaller stride or a larger input resolution.",
        "zh": "第 {row} 行：strides={strides} 大于到达该行的 {height}×{width} 特征图，特征图会缩小到 1×1 以下。"
        "请使用更小的步幅或更大的输入分辨率。",
    },
    "unknown_application": {
        "en": "Unknown keras.applications model {value}.",
        "zh": "未知的 keras.applications 模型 {value}。",
    },
    "application_too_small": {
        "en": "{name} needs an input of at least {minimum}×{minimum} pixels. Received {value}.",
        "zh": "{name} 要求输入至少为 {minimum}×{minimum} 像素，收到的值是 {value}。",
    },
    "application_too_large": {
        "en": "{name} at {value}×{value} pixels has {params} weights, more than the {limit} this app builds, "
        "because its first Dense layer grows with the input. Use a resolution of at most {largest}.",
        "zh": "{name} 在 {value}×{value} 像素下有 {params} 个权重，超过了本应用构建模型的上限 {limit}，"
        "因为它的第一个 Dense 层随输入尺寸增大。请把分辨率设为不超过 {largest}。",
    },
    "too_many_params": {
        "en": "The network has {params} weights, more than the {limit} this app builds. Reduce filters, alpha or "
        "the number of blocks; the counts above need no build.",
        "zh": "该网络有 {params} 个权重，超过了本应用可构建的上限 {limit}。请减少 filters、alpha 或块数；"
        "上面的统计结果无需构建即可得到。",
    },
    "not_keras_file": {
        "en": "This file is not a Keras model: a .keras file is a zip archive written by model.save(). "
        "Save the model with model.save('model.keras') and upload that file.",
        "zh": "该文件不是 Keras 模型：.keras 文件是由 model.save() 写出的 zip 压缩包。"
        "请用 model.save('model.keras') 保存模型后上传该文件。",
    },
    "file_too_large": {
        "en": "The file is {size} bytes, larger than the {limit}-byte limit. Upload a smaller model.",
        "zh": "文件大小为 {size} 字节，超过了 {limit} 字节的上限。请上传更小的模型。",
    },
    "count_too_large": {
        "en": "The network would have {value} {name} in total, more than {limit}, the highest count a "
        "table in the browser shows exactly. "
        "Its largest layer is {layer}. Reduce filters, kernel_size, expansion, depth_multiplier or the "
        "input resolution.",
        "zh": "该网络的 {name} 总数将达到 {value}，超过了浏览器中的表格能精确显示的最大计数 {limit}。其中最大的层是 {layer}。"
        "请减小 filters、kernel_size、expansion、depth_multiplier 或输入分辨率。",
    },
    "config_too_large": {
        "en": "The file's {name} is {size} bytes, more than the {limit}-byte limit, so it is not loaded. "
        "Upload a .keras file saved by model.save().",
        "zh": "该文件中的 {name} 有 {size} 字节，超过了 {limit} 字节的上限，因此不予加载。"
        "请上传由 model.save() 保存的 .keras 文件。",
    },
    "unpacks_too_large": {
        "en": "The file unpacks to {size} bytes, more than the {limit}-byte limit, so it is not loaded. "
        "Upload a .keras file saved by model.save().",
        "zh": "该文件解压后有 {size} 字节，超过了 {limit} 字节的上限，因此不予加载。"
        "请上传由 model.save() 保存的 .keras 文件。",
    },
    "needs_custom_objects": {
        "en": "The model uses {name}, which is not a built-in Keras class or function. Models with custom "
        "layers or objects cannot be counted here; rebuild the model from built-in Keras layers and save it again.",
        "zh": "该模型使用了 {name}，它不是 Keras 内置的类或函数。这里无法统计含自定义层或自定义对象的模型；"
        "请用 Keras 内置层重建模型后重新保存。",
    },
    "unsafe_file": {
        "en": "The model contains Python code (for example a Lambda layer), which is not loaded for safety. "
        "Replace the Lambda layer with built-in layers and save the model again.",
        "zh": "该模型包含 Python 代码（例如 Lambda 层），出于安全考虑不会加载。请用内置层替换 Lambda 层后重新保存模型。",
    },
    "timing_over_memory_budget": {
        "en": "Timing {name} at batch_size={batch_size} needs about {need_mib} MiB, over this server's memory "
        "budget of {budget_mib} MiB. Reduce batch_size, the resolution or alpha.",
        "zh": "以 batch_size={batch_size} 为 {name} 计时大约需要 {need_mib} MiB 内存，超过了本服务器 "
        "{budget_mib} MiB 的内存预算。请减小 batch_size、分辨率或 alpha。",
    },
    "timing_too_slow": {
        "en": "{name} needs at least {seconds} s per call on this server, so {calls} calls exceed the cap of "
        "{cap} s. Reduce batch_size, the resolution or alpha.",
        "zh": "{name} 在本服务器上每次调用至少需要 {seconds} 秒，{calls} 次调用会超过 {cap} 秒的上限。"
        "请减小 batch_size、分辨率或 alpha。",
    },
    "timing_model_mismatch": {
        "en": "The built model of {name} does not match its description (input shape or weight count). "
        "Build the model again.",
        "zh": "{name} 已构建的模型与其描述不一致（输入形状或权重数量）。请重新构建模型。",
    },
    "timing_twin_missing": {
        "en": "Timing the standard twin needs its built model.",
        "zh": "为标准卷积版本计时需要先构建它的模型。",
    },
    "not_a_model": {
        "en": "The file could not be loaded as a Keras model: {detail}. Upload a .keras file saved by model.save().",
        "zh": "无法把该文件加载为 Keras 模型：{detail}。请上传由 model.save() 保存的 .keras 文件。",
    },
}
