"""The home page's text comes from the catalogue and its example numbers from ``core.cost``."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from core.cost import layer_cost
from core.i18n import catalogue
from tests.conftest import ROOT, key_literals


def test_home_keys_exist_in_catalogue():
    keys = key_literals(ROOT / "app_pages" / "home.py")

    assert keys, "no t(...) key literal found in app_pages/home.py"
    missing = sorted(set(keys) - set(catalogue()))
    assert missing == []


@pytest.fixture(scope="module", params=["en", "zh"])
def home(request):
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    app.query_params["lang"] = request.param
    app.run()
    return app


def test_home_example_metrics(home):
    config = {"filters": 512, "kernel_size": 3, "padding": "same", "use_bias": False}
    standard = layer_cost("Conv2D", (14, 14, 512), **config)
    separable = layer_cost("SeparableConv2D", (14, 14, 512), **config)

    assert not home.exception
    assert [metric.value for metric in home.metric] == [
        f"{14 * 14 * 512 * 3 * 3 * 512:,}",
        f"{14 * 14 * 512 * 3 * 3 + 14 * 14 * 512 * 512:,}",
        f"{standard.macs / separable.macs:.1f}×",
    ]


def test_home_shows_no_raw_keys(home):
    texts = [element.value for element in (*home.markdown, *home.caption, *home.title)]
    texts += [metric.label for metric in home.metric]

    assert texts
    for text in texts:
        assert not re.search(r"\b(home|common)\.[a-z_]+\b", text), text
