"""The worked example in a real browser: fix the classic mistake, paste a kernel, see TensorFlow and NumPy agree."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from core import reference
from core import worked_example as worked
from core.i18n import Translator
from tests.e2e.expected_text import agreement_text, classic_mistake_message
from tests.e2e.routes import LANGUAGE_ROUTES, open_from_home
from tests.e2e.streamlit_dom import assert_no_errors, open_page, rerun, save_screenshot, wait_until_idle, widget

# A Conv2D kernel of the classic example's shape (1, 2, 3, 2) with other weights.
NEW_CONV_KERNEL_TEXT = "[[[[2,1],[0,1],[1,-1]], [[1,0],[0,-1],[3,1]]]]"
LAYER_COUNT = 3  # Conv2D, DepthwiseConv2D and SeparableConv2D each get a result column.


@pytest.mark.parametrize(("lang", "route"), LANGUAGE_ROUTES)
def test_worked_fix_and_paste_kernel(page, app_url, screenshot_dir, lang, route):
    t = Translator(lang)
    example = worked.classic_example()
    image = example["image"]
    channels = image.shape[2]
    fixed_shape = example["depthwise_kernel"].shape[:2] + (channels,) + example["depthwise_kernel"].shape[3:]
    open_from_home(page, app_url, lang, "worked-example", route)
    expect(page.locator("h1", has_text=t("worked.title"))).to_be_visible()

    # First load: the tutorial's kernel has 2 input channels for a 3-channel image.
    mistake = classic_mistake_message(t)
    expect(page.get_by_text(mistake)).to_be_visible()
    assert_no_errors(page, allowed=[mistake])
    fix_button = widget(page, "worked_fix_depthwise_kernel").get_by_role("button")
    expect(fix_button).to_contain_text(t("worked.fix_button", shape=str(fixed_shape)))

    with rerun(page):
        fix_button.click()
    expect(page.get_by_text(agreement_text(t))).to_have_count(LAYER_COUNT)
    assert_no_errors(page)

    # Paste a new Conv2D kernel. The Conv2D output must then be the NumPy convolution with it.
    kernel = worked.parse_tensor(NEW_CONV_KERNEL_TEXT, "conv_kernel")
    expected = reference.conv2d(image[None], kernel, strides=1, padding="valid", dilation_rate=1)[0]
    page.get_by_role("tab", name=t("worked.tab_conv_kernel"), exact=True).click()
    text_box = widget(page, "worked_w_text_conv_kernel").locator("textarea")
    text_box.fill(NEW_CONV_KERNEL_TEXT)
    with rerun(page):
        text_box.press("Control+Enter")

    conv_values = page.locator('[data-testid="stExpander"]', has_text=t("worked.reference_values")).first
    conv_values.locator("summary").click()
    expect(conv_values.locator('[data-testid="stCode"]').first).to_contain_text(worked.format_tensor(expected))
    expect(page.get_by_text(agreement_text(t))).to_have_count(LAYER_COUNT)
    assert not np.array_equal(kernel, example["conv_kernel"])
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"worked-example-{lang}")


def test_worked_late_text_areas_filled(page, app_url):
    """A text area drawn after a later run still shows its tensor and sends it back, not an empty string.

    The browser loads the text area's code on first use. Holding that file
    until a second run has finished reproduces a slow connection on which
    the student clicks before the page has finished drawing.
    """
    t = Translator("en")
    example = worked.classic_example()
    held = []
    page.route("**/static/js/TextArea.*.js", lambda route: held.append(route))
    open_page(page, f"{app_url}/worked-example?lang=en", drawn=False)
    assert held, "the browser did not request TextArea.*.js; Streamlit's bundle may name it differently now"

    with rerun(page, drawn=False):
        widget(page, "worked_fix_depthwise_kernel").get_by_role("button").click()
    for route in held:
        route.continue_()
    wait_until_idle(page)

    for kind in ("image", "pointwise_kernel"):
        text_box = widget(page, f"worked_w_text_{kind}").locator("textarea")
        expect(text_box).to_have_value(worked.format_tensor(example[kind]))
    text_box = widget(page, "worked_w_text_conv_kernel").locator("textarea")
    page.get_by_role("tab", name=t("worked.tab_conv_kernel"), exact=True).click()
    text_box.fill(NEW_CONV_KERNEL_TEXT)
    with rerun(page):
        text_box.press("Control+Enter")
    expect(page.get_by_text(agreement_text(t))).to_have_count(LAYER_COUNT)
    assert_no_errors(page)
