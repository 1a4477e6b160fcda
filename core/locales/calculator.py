"""Messages of the parameter/FLOP calculator page."""

MESSAGES = {
    "nav_title": {"en": "Parameter/FLOP calculator", "zh": "参数量/FLOPs 计算器"},
    "card_summary": {
        "en": "Exact output shape, parameters, MACs, FLOPs and bytes of Conv2D, DepthwiseConv2D, "
        "SeparableConv2D and more for any layer you configure, with a fair comparison, the "
        "formulas, charts and a link that reopens the same configuration.",
        "zh": "为你配置的任意卷积层精确计算 Conv2D、DepthwiseConv2D、SeparableConv2D 等的输出形状、"
        "参数量、MACs、FLOPs 和访存字节数，并给出公平比较、代入数值的公式、图表，以及可复现同一配置的链接。",
    },
    "title": {"en": "Parameter/FLOP calculator", "zh": "参数量/FLOPs 计算器"},
    "intro": {
        "en": "Set one layer as you would in Keras. Every row below is counted exactly for that "
        "input, and the address bar keeps the configuration so you can share it.",
        "zh": "像在 Keras 中一样设置一个层。下表每一行都针对这个输入精确计数，"
        "地址栏会保存当前配置，方便分享。",
    },
    # Input groups and labels. Keras argument names stay untranslated.
    "group_input": {"en": "Input tensor", "zh": "输入张量"},
    "group_kernel": {"en": "Kernel and sliding", "zh": "卷积核与滑动方式"},
    "group_layer": {"en": "Layer", "zh": "层"},
    "label_height": {"en": "Input height", "zh": "输入高度"},
    "label_width": {"en": "Input width", "zh": "输入宽度"},
    "label_channels": {"en": "Input channels", "zh": "输入通道数"},
    "label_batch_size": {"en": "batch_size", "zh": "batch_size（批大小）"},
    "label_filters": {"en": "filters (output channels)", "zh": "filters（输出通道数）"},
    "label_depth_multiplier": {"en": "depth_multiplier", "zh": "depth_multiplier（深度乘数）"},
    "label_groups": {"en": "groups", "zh": "groups（分组数）"},
    "label_pair_height": {"en": "{name} (height)", "zh": "{name}（高）"},
    "label_pair_width": {"en": "{name} (width)", "zh": "{name}（宽）"},
    "help_height": {
        "en": "Height of the input feature map, in pixels ({low} to {high}).",
        "zh": "输入特征图的高度，单位为像素（{low} 到 {high}）。",
    },
    "help_width": {
        "en": "Width of the input feature map, in pixels ({low} to {high}).",
        "zh": "输入特征图的宽度，单位为像素（{low} 到 {high}）。",
    },
    "help_channels": {
        "en": "Number of input channels C ({low} to {high}).",
        "zh": "输入通道数 C（{low} 到 {high}）。",
    },
    "help_batch_size": {
        "en": "Inputs per forward pass ({low} to {high}). MACs, FLOPs and bytes scale with it; "
        "parameters do not.",
        "zh": "每次前向传播的输入个数（{low} 到 {high}）。MACs、FLOPs 和字节数随之增长，参数量不变。",
    },
    "help_filters": {
        "en": "Output channels N of Conv2D, SeparableConv2D and the pointwise layer ({low} to {high}).",
        "zh": "Conv2D、SeparableConv2D 和逐点层的输出通道数 N（{low} 到 {high}）。",
    },
    "help_depth_multiplier": {
        "en": "Output channels per input channel of the depthwise step, m ({low} to {high}). "
        "DepthwiseConv2D outputs C × m channels.",
        "zh": "深度卷积中每个输入通道产生的输出通道数 m（{low} 到 {high}）。"
        "DepthwiseConv2D 输出 C × m 个通道。",
    },
    "help_groups": {
        "en": "Conv2D's groups g ({low} to {high}). Above 1, a grouped Conv2D row is added; "
        "input channels and filters must both be divisible by it.",
        "zh": "Conv2D 的分组数 g（{low} 到 {high}）。大于 1 时会增加一行分组 Conv2D；"
        "输入通道数和 filters 都必须能被它整除。",
    },
    "help_kernel_size": {
        "en": "Kernel size K, in pixels ({low} to {high}). Set height and width apart for a "
        "non-square kernel.",
        "zh": "卷积核大小 K，单位为像素（{low} 到 {high}）。高和宽可分别设置，用于非正方形卷积核。",
    },
    "help_strides": {
        "en": "Step between two kernel positions, in pixels ({low} to {high}).",
        "zh": "卷积核相邻两个位置之间的步长，单位为像素（{low} 到 {high}）。",
    },
    "help_dilation_rate": {
        "en": "Spacing between kernel taps ({low} to {high}); 1 is an ordinary convolution. "
        "Conv2D rejects dilation_rate > 1 together with strides > 1.",
        "zh": "卷积核采样点之间的间隔（{low} 到 {high}），1 表示普通卷积。"
        "Conv2D 不允许 dilation_rate > 1 与 strides > 1 同时使用。",
    },
    "help_padding": {
        "en": "'same' pads with zeros so the output is ceil(input / strides) long; 'valid' pads "
        "nothing, so the kernel must fit inside the input.",
        "zh": "'same' 用零填充，使输出长度为 ceil(输入 / strides)；'valid' 不填充，卷积核必须放得进输入。",
    },
    "help_use_bias": {
        "en": "Adds one bias per output channel: N more parameters and one addition per output "
        "element in FLOPs. SeparableConv2D has a bias after the pointwise step only.",
        "zh": "每个输出通道加一个偏置：参数量多 N 个，FLOPs 中每个输出元素多一次加法。"
        "SeparableConv2D 只在逐点卷积之后有偏置。",
    },
    "help_dtype": {
        "en": "Element type used for the byte counts only: float32 is 4 bytes, float16 and "
        "bfloat16 are 2, int8 is 1.",
        "zh": "仅用于计算字节数的元素类型：float32 为 4 字节，float16 和 bfloat16 为 2 字节，int8 为 1 字节。",
    },
    # Notes about rejected URL values.
    "url_notes_heading": {
        "en": "Some values in the link were invalid, so their defaults are used:",
        "zh": "链接中的部分值无效，已改用默认值：",
    },
    "url_notes_dismiss": {"en": "Dismiss", "zh": "知道了"},
    "url_note_not_integer": {
        "en": "{name}={received} is not a whole number. Using {default} (allowed: {allowed}).",
        "zh": "{name}={received} 不是整数，已使用 {default}（允许范围：{allowed}）。",
    },
    "url_note_not_pair": {
        "en": "{name}={received} is not a size such as 3 or 3x5. Using {default} (allowed: {allowed}).",
        "zh": "{name}={received} 不是 3 或 3x5 这样的尺寸，已使用 {default}（允许范围：{allowed}）。",
    },
    "url_note_out_of_range": {
        "en": "{name}={received} is out of range. Using {default} (allowed: {allowed}).",
        "zh": "{name}={received} 超出范围，已使用 {default}（允许范围：{allowed}）。",
    },
    "url_note_not_choice": {
        "en": "{name}={received} is not one of the options. Using {default} (options: {allowed}).",
        "zh": "{name}={received} 不是可选值之一，已使用 {default}（可选值：{allowed}）。",
    },
    "url_note_not_boolean": {
        "en": "{name}={received} is not true or false. Using {default} (allowed: {allowed}).",
        "zh": "{name}={received} 不是 true 或 false，已使用 {default}（允许值：{allowed}）。",
    },
    "count_too_large": {
        "en": "{layer} would have {value} {name} here, more than {limit}, the highest count a table in "
        "the browser shows exactly. Reduce batch_size, height, width, channels, filters or depth_multiplier.",
        "zh": "{layer} 在此设置下的 {name} 为 {value}，超过了浏览器中的表格能精确显示的最大计数 {limit}。"
        "请减小 batch_size、height、width、channels、filters 或 depth_multiplier。",
    },
    "rows_left_out": {
        "en": "Left out of the table until this is fixed: {rows}.",
        "zh": "修正之前，以下行不显示在表中：{rows}。",
    },
    # Rows and their fairness labels.
    "row_conv2d": {"en": "Conv2D", "zh": "Conv2D"},
    "row_grouped_conv2d": {"en": "Conv2D with groups", "zh": "分组 Conv2D（groups）"},
    "row_depthwise": {"en": "DepthwiseConv2D", "zh": "DepthwiseConv2D"},
    "row_pointwise": {"en": "1×1 pointwise Conv2D", "zh": "1×1 逐点 Conv2D"},
    "row_separable": {"en": "SeparableConv2D", "zh": "SeparableConv2D"},
    "row_hybrid": {
        "en": "DepthwiseConv2D + 1×1 Conv2D (two layers)",
        "zh": "DepthwiseConv2D + 1×1 Conv2D（两层）",
    },
    "fairness_baseline": {"en": "baseline", "zh": "基准"},
    "fairness_like_for_like": {
        "en": "like for like: same output shape, all channels mixed",
        "zh": "同等比较：输出形状相同，所有通道都参与混合",
    },
    "fairness_grouped": {
        "en": "same output shape, channels mixed within each group only",
        "zh": "输出形状相同，但只在组内混合通道",
    },
    "fairness_not_like_for_like": {
        "en": "not like for like: does only part of Conv2D's work",
        "zh": "非同等比较：只完成了 Conv2D 的一部分工作",
    },
    # Table.
    "table_heading": {"en": "Comparison", "zh": "对比"},
    "table_caption": {
        "en": "Bytes at dtype {dtype} for batch_size {batch_size}: the input read once, every "
        "weight read once, the output written once, and an intermediate tensor written and "
        "read back once. Ratios divide each row by Conv2D.",
        "zh": "字节数按 dtype {dtype}、batch_size {batch_size} 计算：输入读一次、每个权重读一次、"
        "输出写一次，中间张量写一次再读回一次。比值是每行除以 Conv2D。",
    },
    "table_empty": {
        "en": "No row is valid for this configuration. Fix the message next to the inputs above.",
        "zh": "当前配置下没有有效的行。请按上方输入旁的提示修正。",
    },
    "col_row": {"en": "Layer", "zh": "层"},
    "col_layer": {"en": "Keras classes", "zh": "Keras 类"},
    "col_comparison": {"en": "Comparison with Conv2D", "zh": "与 Conv2D 的比较"},
    "col_output_shape": {"en": "Output shape (H×W×C)", "zh": "输出形状（H×W×C）"},
    "col_params": {"en": "Parameters", "zh": "参数量"},
    "col_macs": {"en": "MACs", "zh": "MACs"},
    "col_flops": {"en": "FLOPs", "zh": "FLOPs"},
    "col_input_bytes": {"en": "Input bytes", "zh": "输入字节数"},
    "col_weight_bytes": {"en": "Weight bytes", "zh": "权重字节数"},
    "col_output_bytes": {"en": "Output bytes", "zh": "输出字节数"},
    "col_intermediate_bytes": {"en": "Intermediate bytes", "zh": "中间张量字节数"},
    "col_bytes_total": {"en": "Total bytes", "zh": "总字节数"},
    "col_arithmetic_intensity": {"en": "Arithmetic intensity", "zh": "算术强度"},
    "col_params_ratio": {"en": "Parameters / Conv2D", "zh": "参数量 / Conv2D"},
    "col_macs_ratio": {"en": "MACs / Conv2D", "zh": "MACs / Conv2D"},
    "col_flops_ratio": {"en": "FLOPs / Conv2D", "zh": "FLOPs / Conv2D"},
    "help_arithmetic_intensity": {
        "en": "FLOPs per byte of memory traffic. Low values mean the layer waits on memory "
        "rather than on arithmetic.",
        "zh": "每字节访存对应的 FLOPs。数值越低，该层越受限于内存带宽而不是计算。",
    },
    "help_ratio": {
        "en": "This row's figure divided by Conv2D's. Empty when Conv2D itself is invalid.",
        "zh": "该行数值除以 Conv2D 的数值。Conv2D 本身无效时为空。",
    },
    "download_csv": {"en": "Download table as CSV", "zh": "下载表格（CSV）"},
    "download_help": {
        "en": "Columns use the cost model's names (params, macs, flops, ...); the first lines "
        "start with # and list the configuration.",
        "zh": "列名使用成本模型的名称（params、macs、flops 等）；开头以 # 开始的几行列出了当前配置。",
    },
    # Fair comparison.
    "fair_heading": {"en": "Which comparison is fair?", "zh": "哪种比较才公平？"},
    "fair_not_like": {
        "en": "**Not like for like:** DepthwiseConv2D has {depthwise_params} parameters against "
        "Conv2D's {conv_params} ({params_comparison}), as many tutorials show. But it outputs "
        "{depthwise_channels} channels instead of {filters}, and it never mixes channels, so it "
        "cannot replace Conv2D on its own.",
        "zh": "**非同等比较：** DepthwiseConv2D 有 {depthwise_params} 个参数，而 Conv2D 有 "
        "{conv_params} 个（{params_comparison}），很多教程这样对比。但它输出 {depthwise_channels} "
        "个通道而不是 {filters} 个，而且从不混合通道，单独无法替代 Conv2D。",
    },
    "fair_not_like_same_channels": {
        "en": "**Not like for like:** DepthwiseConv2D has {depthwise_params} parameters against "
        "Conv2D's {conv_params} ({params_comparison}), as many tutorials show. Here depth_multiplier "
        "gives it the same {filters} output channels, but each one still reads a single input "
        "channel. It never mixes channels, so it cannot replace Conv2D on its own.",
        "zh": "**非同等比较：** DepthwiseConv2D 有 {depthwise_params} 个参数，而 Conv2D 有 "
        "{conv_params} 个（{params_comparison}），很多教程这样对比。这里 depth_multiplier 让它同样输出 "
        "{filters} 个通道，但每个输出通道仍只读取一个输入通道，从不混合通道，单独无法替代 Conv2D。",
    },
    "fair_like": {
        "en": "**Like for like:** SeparableConv2D also outputs {filters} channels and mixes them "
        "all. It has {separable_params} parameters against {conv_params} ({params_comparison}) "
        "and {separable_macs} MACs against {conv_macs} ({macs_comparison}).",
        "zh": "**同等比较：** SeparableConv2D 同样输出 {filters} 个通道并混合全部通道。"
        "它有 {separable_params} 个参数，而 Conv2D 有 {conv_params} 个（{params_comparison}）；"
        "MACs 为 {separable_macs}，而 Conv2D 为 {conv_macs}（{macs_comparison}）。",
    },
    "ratio_fewer": {"en": "{times}× fewer", "zh": "仅为其 1/{times}"},
    "ratio_more": {"en": "{times}× more", "zh": "是其 {times} 倍"},
    "ratio_same": {"en": "the same number", "zh": "与其相同"},
    "fair_unavailable": {
        "en": "The fair comparison needs valid Conv2D, DepthwiseConv2D and SeparableConv2D rows. "
        "Fix the message next to the inputs above to see it.",
        "zh": "公平比较需要 Conv2D、DepthwiseConv2D 和 SeparableConv2D 三行都有效。"
        "请先按上方输入旁的提示修正配置。",
    },
    # Exact ratio and textbook approximation.
    "ratio_heading": {
        "en": "SeparableConv2D / Conv2D: exact ratio and textbook estimate",
        "zh": "SeparableConv2D / Conv2D：精确比值与教科书估计",
    },
    "ratio_exact_macs": {"en": "Exact MACs ratio", "zh": "精确 MACs 比值"},
    "ratio_exact_params": {"en": "Exact parameters ratio", "zh": "精确参数量比值"},
    "ratio_textbook": {"en": "Textbook estimate 1/N + 1/K²", "zh": "教科书估计 1/N + 1/K²"},
    "ratio_textbook_help": {
        "en": "The estimate from the MobileNet paper. The difference to the exact MACs ratio is "
        "shown below the value.",
        "zh": "来自 MobileNet 论文的估计。数值下方显示它与精确 MACs 比值之差。",
    },
    "ratio_delta_description": {"en": "minus the exact ratio", "zh": "减去精确比值"},
    "ratio_unavailable": {
        "en": "The ratio needs valid Conv2D and SeparableConv2D rows.",
        "zh": "计算比值需要 Conv2D 和 SeparableConv2D 两行都有效。",
    },
    "ratio_explained": {
        "en": "N is filters and K² the kernel area. The estimate equals the exact MACs ratio "
        "when depth_multiplier is 1; with depth_multiplier m the exact ratio is m times larger. "
        "Biases make the parameter and FLOPs ratios differ slightly.",
        "zh": "N 是 filters，K² 是卷积核面积。当 depth_multiplier 为 1 时，该估计等于精确的 MACs 比值；"
        "depth_multiplier 为 m 时，精确比值是它的 m 倍。偏置会让参数量和 FLOPs 的比值略有不同。",
    },
    # Formulas and Keras code.
    "formulas_heading": {"en": "Formulas with your numbers", "zh": "代入你的数值的公式"},
    "formulas_symbols": {
        "en": "B batch_size, H and W input size, H_out and W_out output size, C input channels, "
        "N filters, K_h and K_w kernel_size, s_h and s_w strides, d_h and d_w dilation_rate, "
        "g groups, m depth_multiplier.",
        "zh": "B 为 batch_size，H、W 为输入尺寸，H_out、W_out 为输出尺寸，C 为输入通道数，"
        "N 为 filters，K_h、K_w 为 kernel_size，s_h、s_w 为 strides，d_h、d_w 为 dilation_rate，"
        "g 为 groups，m 为 depth_multiplier。",
    },
    "formulas_output_size": {"en": "Output size", "zh": "输出尺寸"},
    "formulas_hybrid": {
        "en": "The two-layer row adds up the DepthwiseConv2D row and the 1×1 pointwise row.",
        "zh": "两层组合这一行等于 DepthwiseConv2D 行与 1×1 逐点行之和。",
    },
    "keras_heading": {"en": "Keras code for these rows", "zh": "这些行对应的 Keras 代码"},
    # Charts.
    "charts_heading": {"en": "Charts", "zh": "图表"},
    "chart_choice": {"en": "Chart", "zh": "图表"},
    "chart_view_filters": {"en": "As filters grow", "zh": "随 filters 增长"},
    "chart_view_channels": {"en": "As input channels grow", "zh": "随输入通道数增长"},
    "chart_view_heatmap": {"en": "Ratio heatmap", "zh": "比值热力图"},
    "chart_view_split": {"en": "Depthwise vs pointwise", "zh": "深度与逐点的占比"},
    "chart_sweep_filters_params": {"en": "Parameters as filters grow", "zh": "参数量随 filters 的变化"},
    "chart_sweep_filters_macs": {"en": "MACs as filters grow", "zh": "MACs 随 filters 的变化"},
    "chart_sweep_channels_params": {
        "en": "Parameters as input channels grow",
        "zh": "参数量随输入通道数的变化",
    },
    "chart_sweep_channels_macs": {"en": "MACs as input channels grow", "zh": "MACs 随输入通道数的变化"},
    "chart_axis_filters": {"en": "filters (output channels)", "zh": "filters（输出通道数）"},
    "chart_axis_channels": {"en": "Input channels", "zh": "输入通道数"},
    "chart_axis_params": {"en": "Parameters (log scale)", "zh": "参数量（对数坐标）"},
    "chart_axis_macs": {"en": "MACs (log scale)", "zh": "MACs（对数坐标）"},
    "chart_axis_kernel": {"en": "kernel_size (K × K)", "zh": "kernel_size（K × K）"},
    "chart_axis_share": {"en": "Share of the layer's total", "zh": "占该层总量的比例"},
    "chart_layer": {"en": "Layer", "zh": "层"},
    "chart_your_value": {"en": "Your value", "zh": "你的取值"},
    "chart_sweep_caption": {
        "en": "Both axes are logarithmic. The dashed line marks your current value; every other "
        "setting stays as you set it. Points where a layer is invalid are left out.",
        "zh": "两条坐标轴都是对数刻度。虚线标出你当前的取值，其余设置保持不变。"
        "某层无效的点不画出。",
    },
    "chart_heatmap_title": {
        "en": "SeparableConv2D / Conv2D MACs ratio",
        "zh": "SeparableConv2D / Conv2D 的 MACs 比值",
    },
    "chart_ratio_macs": {"en": "MACs ratio", "zh": "MACs 比值"},
    "chart_ratio_params": {"en": "Parameters ratio", "zh": "参数量比值"},
    "chart_ratio_textbook": {"en": "Textbook 1/N + 1/K²", "zh": "教科书估计 1/N + 1/K²"},
    "chart_heatmap_caption": {
        "en": "Each cell keeps your input and other settings and changes only kernel_size and "
        "filters (groups is 1 here). Darker means a bigger saving.",
        "zh": "每个格子保持你的输入和其他设置，只改变 kernel_size 和 filters（此处 groups 为 1）。"
        "颜色越深，节省越多。",
    },
    "chart_split_title": {
        "en": "Where SeparableConv2D's cost goes",
        "zh": "SeparableConv2D 的开销分布",
    },
    "chart_part": {"en": "Part", "zh": "部分"},
    "chart_metric": {"en": "Measure", "zh": "指标"},
    "chart_count": {"en": "Count", "zh": "数量"},
    "chart_split_caption": {
        "en": "The depthwise step filters each channel spatially; the pointwise step (1×1) mixes "
        "channels. With many filters, the pointwise step dominates.",
        "zh": "depthwise 步骤对每个通道做空间滤波；pointwise（1×1）步骤混合通道。"
        "filters 越多，pointwise 步骤占比越大。",
    },
    "chart_empty": {
        "en": "No valid configuration to draw. Fix the message next to the inputs above.",
        "zh": "没有可绘制的有效配置。请按上方输入旁的提示修正。",
    },
    # Sharing.
    "share_heading": {"en": "Share this configuration", "zh": "分享此配置"},
    "share_hint": {
        "en": "The page address already contains every setting; copy it from the address bar, "
        "or append this query to the calculator's address.",
        "zh": "页面地址已包含全部设置：可直接从地址栏复制，或把下面的查询串接在计算器地址之后。",
    },
}
