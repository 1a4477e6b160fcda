"""The worked-example page under AppTest, through the navigation frame, in both languages."""

import ast
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core import worked_example as worked
from core.errors import ConfigError
from core.i18n import Translator, catalogue
from tests.conftest import ROOT, key_literals
from ui.messages import markdown_text
from ui.navigation import PAGES, PageEntry

PAGE = "app_pages/worked_example.py"
LANGUAGES = ["en", "zh"]


def open_page(lang: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(PAGE)
    app.run()
    return app


def errors(app: AppTest) -> list[str]:
    return [element.value for element in app.error]


def assert_healthy(app: AppTest, lang: str) -> None:
    """No exception escaped, and the frame's last-resort message is absent."""
    assert not app.exception
    unexpected = Translator(lang)("common.unexpected_error", detail="").split("：")[0].split(":")[0]
    assert not any(message.startswith(unexpected) for message in errors(app))


def depthwise_error() -> ConfigError:
    classic = worked.classic_example()
    try:
        worked.tf_depthwise_conv2d(classic["image"], classic["depthwise_kernel"])
    except ConfigError as exc:
        return exc
    raise AssertionError("the classic depthwise kernel ran")


def code_tensors(app: AppTest) -> list[np.ndarray]:
    """The output lists of the results section, in order: Conv2D, DepthwiseConv2D, SeparableConv2D (NumPy, then TF)."""
    return [np.array(ast.literal_eval(element.value)) for element in app.code if element.value.startswith("[")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_classic_example_renders(lang):
    app = open_page(lang)
    t = Translator(lang)
    assert_healthy(app, lang)
    assert app.title[0].value == t("worked.title")
    assert app.text_area(key="worked_w_text_image").value == worked.format_tensor(worked.classic_example()["image"])
    assert len(app.success) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_depthwise_mistake_explained(lang):
    app = open_page(lang)
    t = Translator(lang)
    assert_healthy(app, lang)
    assert t.error(depthwise_error(), escape=markdown_text) in errors(app)
    assert any("input depth must be evenly divisible by filter depth: 3 vs 2" in code.value for code in app.code)
    assert app.button(key="worked_fix_depthwise_kernel").label == t("worked.fix_button", shape="(2, 2, 3, 2)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corrected_kernel_gives_right_output(lang):
    app = open_page(lang)
    app.button(key="worked_fix_depthwise_kernel").click()
    app.run()
    assert_healthy(app, lang)
    assert not errors(app)
    assert len(app.success) == 3
    kernel = worked.parse_tensor(app.text_area(key="worked_w_text_depthwise_kernel").value, "depthwise_kernel")
    assert kernel.shape == (2, 2, 3, 2)
    _, _, depthwise_numpy, depthwise_tf, _, _ = code_tensors(app)
    assert depthwise_numpy.shape == (2, 2, 3 * 2)
    # R channel window [[1, 0], [0, 1]] times kernel[:, :, 0, 0] = [[1, 0], [-1, 1]].
    assert depthwise_numpy[0, 0, 0] == 1 * 1 + 0 * 0 + 0 * -1 + 1 * 1
    assert np.abs(depthwise_tf - depthwise_numpy).max() <= 1e-5


@pytest.mark.parametrize("lang", LANGUAGES)
def test_malformed_paste_keeps_other_inputs(lang):
    app = open_page(lang)
    conv_text = app.text_area(key="worked_w_text_conv_kernel").value
    app.number_input(key="worked_w_strides").set_value(2).run()
    malformed = "[[[1, 0, 2], [0, 1, 1]], [[0, 1"
    app.text_area(key="worked_w_text_image").input(malformed).run()

    assert_healthy(app, lang)
    with pytest.raises(ConfigError) as info:
        worked.parse_tensor(malformed, "image", name="image")
    assert Translator(lang).error(info.value, escape=markdown_text) in errors(app)
    assert app.text_area(key="worked_w_text_image").value == malformed
    assert app.number_input(key="worked_w_strides").value == 2
    assert app.text_area(key="worked_w_text_conv_kernel").value == conv_text
    # The page still computes with the previous 3x3 image: a 1x2 kernel with stride 2 gives 2x1 cells.
    conv_numpy = code_tensors(app)[0]
    assert conv_numpy.shape == (2, 1, 2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_valid_paste_replaces_image(lang):
    app = open_page(lang)
    app.text_area(key="worked_w_text_image").input("[[[1, 2, 3], [4, 5, 6]]]").run()
    assert_healthy(app, lang)
    assert app.number_input(key="worked_w_shape_image_0").value == 1
    assert app.number_input(key="worked_w_shape_image_1").value == 2
    conv_numpy = code_tensors(app)[0]
    # Pixels [1, 2, 3] and [4, 5, 6] with filter 0: [1, 0, -1] then [0, 1, 0].
    assert conv_numpy[0, 0, 0] == (1 * 1 + 2 * 0 + 3 * -1) + (4 * 0 + 5 * 1 + 6 * 0)


def test_shape_control_resizes_kernel():
    app = open_page("en")
    app.number_input(key="worked_w_shape_conv_kernel_0").set_value(2).run()
    assert_healthy(app, "en")
    kernel = worked.parse_tensor(app.text_area(key="worked_w_text_conv_kernel").value, "conv_kernel")
    assert kernel.shape == (2, 2, 3, 2)
    assert np.array_equal(kernel[0], worked.classic_example()["conv_kernel"][0])
    assert not kernel[1].any()


def test_random_and_reset_keep_shapes():
    app = open_page("en")
    app.button(key="worked_random").click().run()
    assert_healthy(app, "en")
    image = worked.parse_tensor(app.text_area(key="worked_w_text_image").value, "image")
    assert image.shape == (3, 3, 3)
    assert image.min() >= 0
    assert image.max() <= 4
    app.button(key="worked_reset").click().run()
    assert app.text_area(key="worked_w_text_image").value == worked.format_tensor(worked.classic_example()["image"])


def test_inputs_survive_page_change():
    app = open_page("en")
    app.number_input(key="worked_w_strides").set_value(2).run()
    app.text_area(key="worked_w_text_image").input("[[[1, 2, 3], [4, 5, 6]]]").run()
    app.switch_page("app_pages/home.py")
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert_healthy(app, "en")
    assert app.number_input(key="worked_w_strides").value == 2
    assert app.text_area(key="worked_w_text_image").value == "[[[1, 2, 3], [4, 5, 6]]]"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heatmap_titles_not_cut(lang):
    app = open_page(lang)
    app.button(key="worked_fix_depthwise_kernel").click().run()
    titles = [json.loads(element.proto.spec)["title"] for element in app.get("vega_lite_chart")]
    assert_healthy(app, lang)
    assert titles
    for title in titles:
        # At fontSize 16, a CJK character is 16 px wide and a bold Latin one at most about 10 px.
        width = sum(16 if "\u4e00" <= char <= "\u9fff" else 10 for char in title["text"])
        assert title["limit"] >= width, title["text"]


def test_same_padding_and_bias_render():
    app = open_page("zh")
    app.button(key="worked_fix_depthwise_kernel").click().run()
    app.segmented_control(key="worked_w_padding").set_value("same").run()
    app.toggle(key="worked_w_use_bias").set_value(True).run()
    assert_healthy(app, "zh")
    assert not errors(app)
    conv_numpy = code_tensors(app)[0]
    assert conv_numpy.shape == (3, 3, 2)
    # Row 0, column 2 reads pixel [2, 0, 3] and a padded zero. Filter 0 is [1, 0, -1] then [0, 1, 0], and the bias is 1.
    assert conv_numpy[0, 2, 0] == (2 * 1 + 0 * 0 + 3 * -1) + 0 + 1


def test_page_keys_exist():
    source = (ROOT / PAGE).read_text(encoding="utf-8")
    keys = set(re.findall(r'"(worked\.[a-z_]+)"', source))
    keys |= key_literals(ROOT / PAGE)
    for pattern, values in [
        ("worked.shape_{}", worked.LAYOUTS),
        ("worked.slice_title_{}", ["conv_kernel", "depthwise_kernel", "pointwise_kernel"]),
        ("worked.tab_{}", worked.LAYOUTS),
        ("worked.layer_caption_{}", ["Conv2D", "DepthwiseConv2D", "SeparableConv2D"]),
    ]:
        keys |= {pattern.format(value) for value in values}
    missing = sorted(key for key in keys if key not in catalogue())
    assert not missing
    assert len(keys) > 60


def test_page_is_first_navigation_entry():
    assert PAGES[0] == PageEntry(
        "app_pages/worked_example.py", "worked.nav_title", ":material/calculate:", "worked-example", "worked.card_summary"
    )


def test_more_image_channels_offer_both_fixes():
    app = open_page("en")
    app.number_input(key="worked_w_shape_image_2").set_value(4).run()
    assert_healthy(app, "en")
    assert app.button(key="worked_fix_conv_kernel").label == Translator("en")("worked.fix_button", shape="(1, 2, 4, 2)")
    assert app.button(key="worked_fix_depthwise_kernel").label == Translator("en")("worked.fix_button", shape="(2, 2, 4, 2)")
    app.button(key="worked_fix_conv_kernel").click().run()
    app.button(key="worked_fix_depthwise_kernel").click().run()
    assert_healthy(app, "en")
    assert not errors(app)
    pointwise = worked.parse_tensor(app.text_area(key="worked_w_text_pointwise_kernel").value, "pointwise_kernel")
    assert pointwise.shape == (1, 1, 4 * 2, 2)


def test_largest_inputs_render_with_dilation():
    app = open_page("en")
    app.button(key="worked_fix_depthwise_kernel").click().run()
    for kind, shape in [("image", (8, 8, 4)), ("conv_kernel", (5, 5, 4, 8)), ("depthwise_kernel", (5, 5, 4, 2))]:
        values = np.arange(np.prod(shape)).reshape(shape) % 5 - 2
        app.text_area(key=f"worked_w_text_{kind}").input(worked.format_tensor(values)).run()
    app.segmented_control(key="worked_w_padding").set_value("same").run()
    app.number_input(key="worked_w_dilation_rate").set_value(2).run()
    assert_healthy(app, "en")
    assert not errors(app)
    conv_numpy, conv_tf, depthwise_numpy, _, separable_numpy, _ = code_tensors(app)
    assert conv_numpy.shape == (8, 8, 8)
    assert depthwise_numpy.shape == (8, 8, 4 * 2)
    assert separable_numpy.shape == (8, 8, 2)
    assert np.abs(conv_numpy - conv_tf).max() <= 1e-5


def test_strides_with_dilation_explained():
    app = open_page("zh")
    app.number_input(key="worked_w_strides").set_value(2).run()
    app.number_input(key="worked_w_dilation_rate").set_value(2).run()
    assert_healthy(app, "zh")
    expected = Translator("zh")("worked.strides_with_dilation", strides="(2, 2)", dilation_rate="(2, 2)")
    assert expected in errors(app)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_separable_column_points_to_fix(lang):
    app = open_page(lang)
    expected = Translator(lang)("worked.separable_blocked", expected_shape="(2, 2, 3, 2)")
    assert [element.value for element in app.warning] == [expected]


def test_grid_edit_updates_image():
    app = open_page("en")
    # AppTest applies data_editor edits that are seeded in session state before a run.
    app.session_state["worked_grid_image_0_0"] = {"edited_rows": {0: {"0": 9}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert_healthy(app, "en")
    image = worked.parse_tensor(app.text_area(key="worked_w_text_image").value, "image")
    assert image[0, 0, 0] == 9
    conv_numpy = code_tensors(app)[0]
    # Pixels [9, 0, 2] and [0, 1, 1] with filter 0: [1, 0, -1] then [0, 1, 0].
    assert conv_numpy[0, 0, 0] == (9 * 1 + 0 * 0 + 2 * -1) + (0 * 0 + 1 * 1 + 1 * 0)


def test_same_padding_split_caption():
    app = open_page("en")
    app.segmented_control(key="worked_w_padding").set_value("same").run()
    # The 1x2 Conv2D kernel on width 3 needs one zero in total, which TensorFlow puts on the right.
    expected = Translator("en")("worked.padding_split", top=0, bottom=0, left=0, right=1)
    assert expected in [element.value for element in app.caption]


def test_language_switch_keeps_inputs():
    app = open_page("en")
    app.number_input(key="worked_w_strides").set_value(2).run()
    malformed = "[[[1, 0, 2]], [[0, 1"
    app.text_area(key="worked_w_text_image").input(malformed).run()
    app.session_state["lang"] = "zh"
    app.run()
    assert_healthy(app, "zh")
    assert app.title[0].value == Translator("zh")("worked.title")
    assert app.text_area(key="worked_w_text_image").value == malformed
    assert app.number_input(key="worked_w_strides").value == 2
    with pytest.raises(ConfigError) as info:
        worked.parse_tensor(malformed, "image", name="image")
    assert Translator("zh").error(info.value, escape=markdown_text) in errors(app)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_depthwise_steps_name_source_channel(lang):
    app = open_page(lang)
    app.button(key="worked_fix_depthwise_kernel").click().run()
    app.selectbox(key="worked_w_pos_DepthwiseConv2D_2").set_value(3).run()
    assert_healthy(app, lang)
    t = Translator(lang)
    # Output channel 3 = 1 * 2 + 1: input channel 1 (G) with kernel slice m = 1, which is [[1, -1], [0.5, 1]].
    # The G window at (0, 0) is [[0, 1], [1, 2]].
    value = 0 * 1 + 1 * -1 + 1 * 0.5 + 2 * 1
    expected = t(
        "worked.depthwise_explain", row=0, col=0, channel=3, in_channel=1, index=1, multiplier=2, value=str(value)
    )
    assert expected in [element.value for element in app.markdown]
    partial = t("worked.partial_sum", channel=1, kernel="depthwise_kernel[:, :, 1, 1]")
    assert partial in [element.value for element in app.markdown]


def test_grouped_conv_kernel_explained():
    app = open_page("en")
    app.text_area(key="worked_w_text_image").input(worked.format_tensor(np.ones((2, 2, 4)))).run()
    assert_healthy(app, "en")
    # The 3-channel Conv2D kernel no longer fits, and a 2-channel one would run as groups = 2 in TensorFlow.
    app.text_area(key="worked_w_text_conv_kernel").input(worked.format_tensor(np.ones((1, 1, 2, 2)))).run()
    assert_healthy(app, "en")
    assert Translator("en")("worked.tensorflow_grouped", groups=2) in [element.value for element in app.markdown]
    assert app.button(key="worked_fix_conv_kernel").label == Translator("en")("worked.fix_button", shape="(1, 1, 4, 2)")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_intro_follows_kernels(lang):
    """The two-mistakes box shows for the tutorial's kernels only, and comes back on reset."""
    t = Translator(lang)
    app = open_page(lang)
    assert app.info[0].value == t("worked.mistakes_intro")
    app.button(key="worked_fix_depthwise_kernel").click().run()
    assert app.info[0].value == t("worked.mistakes_intro_changed")
    app.button(key="worked_reset").click().run()
    assert not app.exception
    assert app.info[0].value == t("worked.mistakes_intro")
