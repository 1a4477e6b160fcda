"""Messages of the worked-example page and of the errors raised by ``core.worked_example``."""

MESSAGES = {
    "nav_title": {"en": "Worked example", "zh": "手算示例"},
    "card_summary": {
        "en": "A 3×3 RGB image and tiny kernels: see why the copied DepthwiseConv2D code fails, fix it "
        "with one click, and follow any output value back to its multiply-adds.",
        "zh": "一张 3×3 的 RGB 小图和几个小卷积核：看清照抄的 DepthwiseConv2D 代码为什么报错，"
        "一键修正，并把任意输出值拆回到每一次乘加。",
    },
    "title": {"en": "Worked example: every multiply-add", "zh": "手算示例：每一次乘加"},
    "intro": {
        "en": "The input is one image of shape (height, width, channels), each pixel a list [R, G, B]. "
        "Conv2D mixes all input channels in every output value; DepthwiseConv2D filters each channel on "
        "its own; SeparableConv2D runs a depthwise step and then a 1×1 pointwise Conv2D. Each output is "
        "computed by TensorFlow and by a plain NumPy reference, and any value can be taken apart below.",
        "zh": "输入是一张形状为 (高, 宽, 通道数) 的图像，每个像素是一个 [R, G, B] 列表。"
        "Conv2D 的每个输出值都混合了全部输入通道；DepthwiseConv2D 对每个通道单独卷积；"
        "SeparableConv2D 先做深度卷积，再做 1×1 逐点（pointwise）Conv2D。"
        "每个输出都由 TensorFlow 和一个朴素的 NumPy 参考实现分别计算，下方可以把任意输出值拆开来看。",
    },
    "mistakes_intro_changed": {
        "en": "The kernels are no longer the tutorial's. Press \"Reset to the classic example\" to see its two "
        "mistakes again: a Conv2D kernel of shape (1, 2, 3, 2) that is 1×2, not 2×2, and a DepthwiseConv2D "
        "kernel of shape (2, 2, 2, 2) that cannot read a 3-channel image.",
        "zh": "卷积核已不是教程中的那组。点击“恢复经典示例”可再次查看其中的两个错误："
        "形状为 (1, 2, 3, 2) 的 Conv2D 卷积核是 1×2 而不是 2×2；"
        "形状为 (2, 2, 2, 2) 的 DepthwiseConv2D 卷积核读不了 3 通道的图像。",
    },
    "mistakes_intro": {
        "en": "The page starts on an example often copied from tutorials, and it contains two real mistakes. "
        "The Conv2D kernel has shape (1, 2, 3, 2), so it is a 1×2 kernel, not the 2×2 it is usually called. "
        "The DepthwiseConv2D kernel has shape (2, 2, 2, 2), but the image has 3 channels, so TensorFlow "
        "rejects it. The results below show the failure and a one-click fix.",
        "zh": "本页从一个常被教程照抄的示例开始，其中有两个真实的错误。"
        "Conv2D 卷积核的形状是 (1, 2, 3, 2)，所以它是 1×2 卷积核，而不是通常所说的 2×2。"
        "DepthwiseConv2D 卷积核的形状是 (2, 2, 2, 2)，而图像有 3 个通道，所以 TensorFlow 会拒绝它。"
        "下方的结果会展示这个报错，并提供一键修正。",
    },
    "inputs_heading": {"en": "Inputs", "zh": "输入"},
    "reset": {"en": "Reset to the classic example", "zh": "恢复经典示例"},
    "random": {"en": "Random values", "zh": "随机取值"},
    "buttons_help": {
        "en": "Random keeps every shape and draws whole numbers (image 0 to 4, kernels −2 to 2), easy to "
        "multiply by hand. Reset restores the tutorial values, including their mistakes.",
        "zh": "随机取值保持所有形状不变，只抽取整数（图像 0 到 4，卷积核 −2 到 2），便于手算。"
        "恢复经典示例会还原教程中的数值，包括其中的错误。",
    },
    "strides_help": {
        "en": "Step of the kernel between output cells, in input cells, for height and width.",
        "zh": "相邻输出单元之间卷积核移动的步长（以输入单元计），高和宽相同。",
    },
    "padding_help": {
        "en": "'valid' adds no zeros. 'same' adds zeros so the output is ceil(input / strides) long; "
        "when the total is odd, TensorFlow puts the extra zero at the bottom or right.",
        "zh": "'valid' 不补零。'same' 补零使输出长度为 ceil(输入 / strides)；"
        "补零总数为奇数时，TensorFlow 把多出的一个零放在下方或右侧。",
    },
    "dilation_help": {
        "en": "Spacing between kernel taps, in input cells. 1 is an ordinary kernel.",
        "zh": "卷积核采样点之间的间隔（以输入单元计）。1 表示普通卷积核。",
    },
    "use_bias_help": {
        "en": "Add one bias value per output channel after the sum of products.",
        "zh": "在乘积求和之后，为每个输出通道加上一个偏置值。",
    },
    "bias_value": {"en": "bias (every output channel)", "zh": "bias（所有输出通道）"},
    "bias_value_help": {
        "en": "The bias added to every output channel of the three layers.",
        "zh": "三个层的每个输出通道都加上的偏置值。",
    },
    "tab_image": {"en": "Image", "zh": "图像"},
    "tab_conv_kernel": {"en": "Conv2D kernel", "zh": "Conv2D 卷积核"},
    "tab_depthwise_kernel": {"en": "DepthwiseConv2D kernel", "zh": "DepthwiseConv2D 卷积核"},
    "tab_pointwise_kernel": {"en": "Pointwise kernel", "zh": "逐点（pointwise）卷积核"},
    "height": {"en": "height", "zh": "高 (height)"},
    "width": {"en": "width", "zh": "宽 (width)"},
    "channels": {"en": "channels", "zh": "通道数 (channels)"},
    "kernel_height": {"en": "kernel_height", "zh": "kernel_height（卷积核高）"},
    "kernel_width": {"en": "kernel_width", "zh": "kernel_width（卷积核宽）"},
    "filters": {"en": "filters", "zh": "filters（输出通道数）"},
    "depth_multiplier": {"en": "depth_multiplier", "zh": "depth_multiplier（深度乘数）"},
    "shape_control_help": {
        "en": "Changes this dimension of the tensor. Cells that remain keep their values; new cells start at 0.",
        "zh": "修改张量的这一维。保留下来的单元保持原值，新单元从 0 开始。",
    },
    "shape_image": {
        "en": "Shape {shape} = (height, width, channels). Each grid below is one channel.",
        "zh": "形状 {shape} = (高, 宽, 通道数)。下面每个表格是一个通道。",
    },
    "shape_conv_kernel": {
        "en": "Shape {shape} = (kernel_height, kernel_width, in_channels, out_channels). Each grid is the "
        "kernel_height × kernel_width slice for one input channel and one output channel.",
        "zh": "形状 {shape} = (kernel_height, kernel_width, in_channels, out_channels)。"
        "每个表格是某个输入通道、某个输出通道对应的 kernel_height × kernel_width 切片。",
    },
    "shape_depthwise_kernel": {
        "en": "Shape {shape} = (kernel_height, kernel_width, in_channels, depth_multiplier). in_channels "
        "must equal the image's channels; output channel c × depth_multiplier + m uses slice [:, :, c, m].",
        "zh": "形状 {shape} = (kernel_height, kernel_width, in_channels, depth_multiplier)。"
        "in_channels 必须等于图像的通道数；输出通道 c × depth_multiplier + m 使用切片 [:, :, c, m]。",
    },
    "shape_pointwise_kernel": {
        "en": "Shape {shape} = (1, 1, in_channels, filters). in_channels is the depthwise output's channel "
        "count (image channels × depth_multiplier) and follows it automatically.",
        "zh": "形状 {shape} = (1, 1, in_channels, filters)。in_channels 等于深度卷积输出的通道数"
        "（图像通道数 × depth_multiplier），会自动跟随调整。",
    },
    "meaning_conv_kernel": {
        "en": "So each of the **{filters}** filters is a **{height}×{width}** window (kernel_height = {height}, "
        "kernel_width = {width}) that reads **{channels}** input channels.",
        "zh": "因此 **{filters}** 个滤波器中的每一个都是 **{height}×{width}** 的窗口"
        "（kernel_height = {height}，kernel_width = {width}），读取 **{channels}** 个输入通道。",
    },
    "meaning_depthwise_kernel": {
        "en": "So the kernel is a **{height}×{width}** window with slices for **{channels}** input channels and "
        "depth_multiplier = **{multiplier}**. The image has **{image_channels}** channels, and the two numbers must match.",
        "zh": "因此该卷积核是 **{height}×{width}** 的窗口，为 **{channels}** 个输入通道各准备切片，"
        "depth_multiplier = **{multiplier}**。图像有 **{image_channels}** 个通道，这两个数必须相等。",
    },
    "channel_title": {"en": "channel {channel}", "zh": "通道 {channel}"},
    "slice_title_conv_kernel": {
        "en": "kernel[:, :, {in_channel}, {out_index}] (in {in_channel} → out {out_index})",
        "zh": "kernel[:, :, {in_channel}, {out_index}]（输入 {in_channel} → 输出 {out_index}）",
    },
    "slice_title_depthwise_kernel": {
        "en": "kernel[:, :, {in_channel}, {out_index}] (channel {in_channel}, m = {out_index})",
        "zh": "kernel[:, :, {in_channel}, {out_index}]（通道 {in_channel}，m = {out_index}）",
    },
    "slice_title_pointwise_kernel": {
        "en": "kernel[:, :, {in_channel}, {out_index}] (in {in_channel} → out {out_index})",
        "zh": "kernel[:, :, {in_channel}, {out_index}]（输入 {in_channel} → 输出 {out_index}）",
    },
    "paste_label": {
        "en": "{name} as a nested Python list (paste and press Ctrl+Enter)",
        "zh": "{name}，写成 Python 嵌套列表（粘贴后按 Ctrl+Enter）",
    },
    "paste_help": {
        "en": "Paste a literal such as [[[1, 0, 2], [0, 1, 1]]]. It is read as data only (ast.literal_eval), "
        "never run as code. The grids above follow it.",
        "zh": "粘贴形如 [[[1, 0, 2], [0, 1, 1]]] 的字面量。它只作为数据读取（ast.literal_eval），"
        "绝不会当作代码执行。上方表格会随之更新。",
    },
    "paste_kept": {
        "en": "The text stays in the box so you can fix it; the page keeps using the previous values.",
        "zh": "文本仍保留在输入框中，方便修改；页面继续使用之前的数值。",
    },
    "loading_tensorflow": {
        "en": "Loading TensorFlow (only the first time, a few seconds)…",
        "zh": "正在加载 TensorFlow（仅首次，需要几秒）…",
    },
    "computing": {"en": "Computing the outputs…", "zh": "正在计算输出…"},
    "results_heading": {"en": "Results: TensorFlow and the NumPy reference", "zh": "结果：TensorFlow 与 NumPy 参考实现"},
    "results_intro": {
        "en": "TensorFlow computes in float32, the NumPy reference in float64 with plain loops. Both must "
        "agree to {tolerance}, relative to the largest output value when it exceeds 1.",
        "zh": "TensorFlow 用 float32 计算，NumPy 参考实现用 float64 和朴素循环计算。两者之差必须不超过 {tolerance}"
        "（当最大输出值超过 1 时按其相对计算）。",
    },
    "layer_caption_Conv2D": {
        "en": "tf.nn.conv2d: every output channel sums over all input channels.",
        "zh": "tf.nn.conv2d：每个输出通道对所有输入通道求和。",
    },
    "layer_caption_DepthwiseConv2D": {
        "en": "tf.nn.depthwise_conv2d: each input channel is filtered on its own.",
        "zh": "tf.nn.depthwise_conv2d：每个输入通道单独卷积。",
    },
    "layer_caption_SeparableConv2D": {
        "en": "keras.layers.SeparableConv2D: the depthwise kernel, then the 1×1 pointwise kernel.",
        "zh": "keras.layers.SeparableConv2D：先用深度卷积核，再用 1×1 逐点卷积核。",
    },
    "output_shape": {"en": "Output shape", "zh": "输出形状"},
    "max_difference": {"en": "max |TensorFlow − NumPy|", "zh": "max |TensorFlow − NumPy|"},
    "agree": {
        "en": "TensorFlow and NumPy agree to {tolerance}, relative to the largest output value when it "
        "exceeds 1 (here at most {allowed}).",
        "zh": "TensorFlow 与 NumPy 一致：差值不超过 {tolerance}（最大输出值超过 1 时按其相对计算，"
        "这里即不超过 {allowed}）。",
    },
    "disagree": {
        "en": "TensorFlow and NumPy differ by {difference}, more than {tolerance}. Please report this example.",
        "zh": "TensorFlow 与 NumPy 相差 {difference}，超过了 {tolerance}。请报告这个示例。",
    },
    "output_channel_title": {"en": "output channel {channel}", "zh": "输出通道 {channel}"},
    "reference_values": {"en": "Output values as lists", "zh": "以列表显示输出值"},
    "reference_values_help": {
        "en": "First the NumPy reference, then TensorFlow's output rounded to 6 decimals, both (height, width, channels).",
        "zh": "先是 NumPy 参考实现，再是 TensorFlow 的输出（保留 6 位小数），形状均为 (高, 宽, 通道数)。",
    },
    "tensorflow_message": {"en": "TensorFlow's own error message:", "zh": "TensorFlow 的原始报错信息："},
    "tensorflow_grouped": {
        "en": "TensorFlow itself raises no error here: it runs this kernel as a grouped convolution with "
        "groups = {groups}, where each filter reads only part of the channels. That is a different layer "
        "from the Conv2D (groups = 1) this page shows.",
        "zh": "TensorFlow 本身在这里不会报错：它把这个卷积核当作 groups = {groups} 的分组卷积来运行，"
        "每个滤波器只读取一部分通道。这与本页展示的 Conv2D（groups = 1）是不同的层。",
    },
    "depth_rule": {
        "en": "A kernel's third dimension is the number of input channels it reads, so it must equal the "
        "image's channels. The kernel layout is {layout}.",
        "zh": "卷积核的第三维是它读取的输入通道数，因此必须等于图像的通道数。卷积核的布局是 {layout}。",
    },
    "separable_blocked": {
        "en": "SeparableConv2D starts with the same depthwise kernel, so it fails for the same reason. "
        "Once the DepthwiseConv2D kernel has shape {expected_shape}, this column shows its output.",
        "zh": "SeparableConv2D 的第一步使用同一个深度卷积核，因此因同样的原因失败。"
        "DepthwiseConv2D 卷积核的形状改为 {expected_shape} 后，这一栏就会显示输出。",
    },
    "fix_button": {"en": "Use the corrected kernel {shape}", "zh": "使用修正后的卷积核 {shape}"},
    "fix_help": {
        "en": "Keeps the existing channel slices and gives each extra image channel a copy of them, "
        "starting again from channel 0.",
        "zh": "保留已有的通道切片，并为多出的图像通道依次复制这些切片（从通道 0 重新开始）。",
    },
    "steps_heading": {"en": "Step by step", "zh": "逐步拆解"},
    "steps_intro": {
        "en": "Pick an output position. The red outline marks the receptive field on each input channel; "
        "grey dashed cells are zeros added by padding.",
        "zh": "选择一个输出位置。红框标出每个输入通道上的感受野；灰色虚线单元是填充（padding）补的零。",
    },
    "steps_blocked": {
        "en": "This layer has no output until the error shown in the results above is fixed.",
        "zh": "在修正上方结果中显示的错误之前，这一层没有输出。",
    },
    "axis_row": {"en": "row", "zh": "行 (row)"},
    "axis_col": {"en": "column", "zh": "列 (column)"},
    "axis_channel": {"en": "channel", "zh": "通道 (channel)"},
    "cell_input": {"en": "input value", "zh": "输入值"},
    "cell_padding": {"en": "zero from padding", "zh": "填充补的零"},
    "tooltip_value": {"en": "value", "zh": "数值"},
    "tooltip_cell": {"en": "cell", "zh": "单元"},
    "conv_explain": {
        "en": "Conv2D output[{row}, {col}, {channel}] = **{value}**. It reads the same window on all "
        "{channels} input channels: one partial sum per channel, then the sum across channels.",
        "zh": "Conv2D 的 output[{row}, {col}, {channel}] = **{value}**。它在全部 {channels} 个输入通道上"
        "读取同一个窗口：每个通道先求一个部分和，再把各通道的部分和相加。",
    },
    "depthwise_explain": {
        "en": "DepthwiseConv2D output[{row}, {col}, {channel}] = **{value}**. Output channel {channel} = "
        "{in_channel} × {multiplier} + {index}, so only input channel {in_channel} feeds it, through "
        "kernel slice m = {index}. The other channels are not read.",
        "zh": "DepthwiseConv2D 的 output[{row}, {col}, {channel}] = **{value}**。输出通道 {channel} = "
        "{in_channel} × {multiplier} + {index}，所以只有输入通道 {in_channel} 参与计算，使用卷积核切片 "
        "m = {index}。其他通道不会被读取。",
    },
    "separable_explain": {
        "en": "SeparableConv2D output[{row}, {col}, {channel}] = **{value}**. The depthwise step gives "
        "{channels} channels; the 1×1 pointwise kernel mixes the cell [{row}, {col}] of each of them.",
        "zh": "SeparableConv2D 的 output[{row}, {col}, {channel}] = **{value}**。深度卷积得到 "
        "{channels} 个通道；1×1 逐点卷积核把它们在 [{row}, {col}] 处的值混合起来。",
    },
    "input_channel_title": {"en": "input channel {channel}", "zh": "输入通道 {channel}"},
    "input_channel_unused": {"en": "input channel {channel} (not read)", "zh": "输入通道 {channel}（未读取）"},
    "kernel_slice_title": {
        "en": "{kernel}[:, :, {in_channel}, {out_index}]",
        "zh": "{kernel}[:, :, {in_channel}, {out_index}]",
    },
    "depthwise_output_title": {"en": "depthwise output channel {channel}", "zh": "深度卷积输出通道 {channel}"},
    "pointwise_weights_title": {
        "en": "pointwise_kernel[0, 0, :, {out_index}] (one weight per channel)",
        "zh": "pointwise_kernel[0, 0, :, {out_index}]（每个通道一个权重）",
    },
    "partial_sum": {
        "en": "Input channel {channel} × `{kernel}` (input × weight, in kernel order):",
        "zh": "输入通道 {channel} × `{kernel}`（输入 × 权重，按卷积核顺序）：",
    },
    "pointwise_sum": {
        "en": "Depthwise output × `{kernel}`, channel by channel:",
        "zh": "深度卷积输出 × `{kernel}`，逐通道相乘：",
    },
    "total_sum": {"en": "Sum across input channels:", "zh": "各输入通道的部分和相加："},
    "add_bias": {"en": "Plus the bias b:", "zh": "再加上偏置 b："},
    "total_sum_bias": {"en": "Sum across input channels, plus the bias b:", "zh": "各输入通道的部分和相加，再加偏置 b："},
    "padding_split": {
        "en": "padding='same' adds {top} row(s) at the top, {bottom} at the bottom, {left} column(s) on the left and "
        "{right} on the right. When the total is odd, TensorFlow puts the extra zero at the bottom or right.",
        "zh": "padding='same' 在上方补 {top} 行、下方补 {bottom} 行、左侧补 {left} 列、右侧补 {right} 列。"
        "补零总数为奇数时，TensorFlow 把多出的一个零放在下方或右侧。",
    },
    "padding_terms": {
        "en": "Grey numbers are zeros added by padding: they still cost a multiply-add in TensorFlow's kernels.",
        "zh": "灰色数字是填充补的零：在 TensorFlow 的实现中它们仍然要做一次乘加。",
    },
    "cost_heading": {"en": "Parameters and MACs of this example", "zh": "本示例的参数量与 MACs"},
    "cost_intro": {
        "en": "From the cost model for an input of shape {shape} with the kernels' sizes and the settings above.",
        "zh": "由成本模型计算：输入形状为 {shape}，卷积核尺寸和各项设置同上。",
    },
    "cost_layer": {"en": "layer", "zh": "层"},
    "cost_symbols": {
        "en": "k_h, k_w: kernel_size; C_in: input channels; C_out: Conv2D filters; m: depth_multiplier; "
        "F: SeparableConv2D filters; H_out, W_out: output height and width.",
        "zh": "k_h、k_w：kernel_size；C_in：输入通道数；C_out：Conv2D 的 filters；m：depth_multiplier；"
        "F：SeparableConv2D 的 filters；H_out、W_out：输出的高和宽。",
    },
    # Errors raised by core.worked_example (ConfigError codes are these full keys).
    "literal_empty": {
        "en": "{position} is an empty list. Every list needs at least one item.",
        "zh": "{position} 是空列表。每个列表至少需要一个元素。",
    },
    "literal_ragged": {
        "en": "The items of {position} do not have the same shape: item [0] has shape {first} but item "
        "[{index}] has shape {found}. Every row needs the same length.",
        "zh": "{position} 中各元素的形状不一致：第 [0] 项的形状是 {first}，第 [{index}] 项却是 {found}。"
        "每一行的长度必须相同。",
    },
    "literal_not_number": {
        "en": "{position} is {value}, not a number. Use only ints and floats.",
        "zh": "{position} 是 {value}，不是数字。只能使用整数和浮点数。",
    },
    "literal_not_finite": {
        "en": "{position} is {value}. Use finite numbers between -{limit} and {limit}.",
        "zh": "{position} 是 {value}。请使用 -{limit} 到 {limit} 之间的有限数字。",
    },
    "literal_too_deep": {
        "en": "{position} is a list nested more than {limit} levels deep, but {name} has at most 4 axes. "
        "Remove the extra brackets.",
        "zh": "{position} 是嵌套超过 {limit} 层的列表，但 {name} 最多只有 4 个轴。请删去多余的括号。",
    },
    "literal_too_long": {
        "en": "{name}: the text has {length} characters; at most {limit} are accepted.",
        "zh": "{name}：文本有 {length} 个字符，最多接受 {limit} 个。",
    },
    "literal_syntax": {
        "en": "{name} is not a valid Python list literal (line {line}, column {column}: {detail}). "
        "Check the brackets and commas.",
        "zh": "{name} 不是合法的 Python 列表字面量（第 {line} 行第 {column} 列：{detail}）。请检查括号和逗号。",
    },
    "literal_not_literal": {
        "en": "{name} contains something other than numbers, brackets and commas ({detail}). Paste the plain "
        "nested list, without np.array(...) or variable names.",
        "zh": "{name} 中含有数字、括号和逗号以外的内容（{detail}）。请粘贴纯嵌套列表，"
        "不要带 np.array(...) 或变量名。",
    },
    "wrong_rank": {
        "en": "{name} must be {rank}-D {layout}, but the value has shape {shape}.",
        "zh": "{name} 必须是 {rank} 维 {layout}，但该值的形状是 {shape}。",
    },
    "too_large": {
        "en": "{name} has shape {shape}, larger than this page shows: at most {limit} {layout}.",
        "zh": "{name} 的形状是 {shape}，超出了本页能显示的范围：最大为 {limit} {layout}。",
    },
    "strides_with_dilation": {
        "en": "strides={strides} with dilation_rate={dilation_rate}: Keras's Conv2D rejects this combination, "
        "and tf.nn.depthwise_conv2d requires strides of 1 when dilation_rate > 1. Set one of them to 1.",
        "zh": "strides={strides} 且 dilation_rate={dilation_rate}：Keras 的 Conv2D 不接受这种组合，"
        "而 tf.nn.depthwise_conv2d 在 dilation_rate > 1 时要求 strides 为 1。请把其中一个设为 1。",
    },
    "depthwise_channels": {
        "en": "DepthwiseConv2D cannot run: the image has {channels} channels, but the kernel of shape "
        "{kernel_shape} has in_channels = {kernel_channels}. A depthwise kernel needs one slice per input "
        "channel, so its shape must be {expected_shape}.",
        "zh": "DepthwiseConv2D 无法运行：图像有 {channels} 个通道，而形状为 {kernel_shape} 的卷积核的 "
        "in_channels = {kernel_channels}。深度卷积核必须为每个输入通道准备一个切片，"
        "所以它的形状必须是 {expected_shape}。",
    },
    "conv_channels": {
        "en": "Conv2D cannot run: the image has {channels} channels, but the kernel of shape {kernel_shape} "
        "has in_channels = {kernel_channels}. Its shape must be {expected_shape}.",
        "zh": "Conv2D 无法运行：图像有 {channels} 个通道，而形状为 {kernel_shape} 的卷积核的 "
        "in_channels = {kernel_channels}。它的形状必须是 {expected_shape}。",
    },
    "pointwise_channels": {
        "en": "The pointwise kernel has shape {kernel_shape}, but the depthwise step outputs {channels} "
        "channels, so it must be (1, 1, {channels}, filters).",
        "zh": "逐点卷积核的形状是 {kernel_shape}，而深度卷积输出 {channels} 个通道，"
        "所以它的形状必须是 (1, 1, {channels}, filters)。",
    },
}
