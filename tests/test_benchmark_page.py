"""The benchmark page under AppTest, through the navigation frame, in both languages."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from core.bench.config import MODES
from core.bench.sweep import SWEEP_PARAMETERS
from core.i18n import Translator, catalogue
from tests.conftest import ROOT, key_literals

PAGE = ROOT / "app_pages" / "benchmark.py"
TITLES = {"en": "Live timing benchmark", "zh": "实时计时基准"}


def open_page(lang: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("app_pages/benchmark.py")
    app.run()
    return app


def set_tiny(app: AppTest, prefix: str = "bench_run", input_shape: str = "8,8,4") -> None:
    app.text_input(key=f"{prefix}_input_shape").set_value(input_shape)
    app.number_input(key=f"{prefix}_filters").set_value(8)
    app.number_input(key=f"{prefix}_groups").set_value(2)
    app.number_input(key=f"{prefix}_repeats").set_value(3)
    app.number_input(key=f"{prefix}_warmup").set_value(1)


def error_texts(app: AppTest) -> list[str]:
    return [element.value for element in app.error]


@pytest.fixture(scope="module", params=["en", "zh"])
def measured_page(request):
    """The page after one tiny run, in each language."""
    app = open_page(request.param)
    set_tiny(app)
    app.button(key="bench_run_submit").click()
    app.run()
    return request.param, app


def test_page_opens_without_result(request):
    for lang, title in TITLES.items():
        app = open_page(lang)
        assert not app.exception
        assert app.title[0].value == title
        assert [element.value for element in app.info][0] == Translator(lang)("benchmark.no_result")


def test_run_shows_results(measured_page):
    lang, app = measured_page
    t = Translator(lang)
    assert not app.exception
    assert error_texts(app) == []
    assert app.subheader[0].value == t("benchmark.results")
    assert len(app.dataframe) == 1
    assert len(app.get("vega_lite_chart")) == 4
    assert len(app.get("download_button")) == 2


def test_run_table_headers_translated(measured_page):
    lang, app = measured_page
    t = Translator(lang)
    columns = list(app.dataframe[0].value.columns)
    assert t("benchmark.col_median_ms") in columns
    assert t("benchmark.col_first_call_ms") in columns
    assert app.dataframe[0].value[t("benchmark.col_layer")].tolist() == ["Conv2D", "DepthwiseConv2D", "SeparableConv2D"]


def test_run_stamped_and_explained(measured_page):
    lang, app = measured_page
    t = Translator(lang)
    captions = [caption.value for caption in app.caption]
    host_stamp = t("benchmark.stamp").split("{when}")[0]
    assert any(caption.startswith(host_stamp) for caption in captions)
    markdown = "\n".join(element.value for element in app.markdown)
    assert t("benchmark.explanation") in markdown
    assert "DepthwiseConv2D" in markdown


@pytest.mark.parametrize(
    ("lang", "input_shape", "groups", "expected"),
    [
        ("en", "8,x,4", 2, "input_shape must be whole numbers separated by commas"),
        ("zh", "8,x,4", 2, "input_shape 必须是用逗号分隔的整数"),
        ("zh", "8,8,4", 3, "输入有 4 个通道，不能被 groups=3 整除"),
        ("en", "4000,4000,512", 2, "over this server's memory budget"),
    ],
)
def test_bad_input_shows_message(lang, input_shape, groups, expected):
    app = open_page(lang)
    set_tiny(app, input_shape=input_shape)
    app.multiselect(key="bench_run_layers").set_value(["Conv2D", "GroupedConv2D"])
    app.number_input(key="bench_run_groups").set_value(groups)
    app.button(key="bench_run_submit").click()
    app.run()
    assert not app.exception
    errors = error_texts(app)
    assert len(errors) == 1
    assert expected in errors[0]
    # The inputs are kept.
    assert app.text_input(key="bench_run_input_shape").value == input_shape


def test_no_layers_shows_message():
    app = open_page("zh")
    app.multiselect(key="bench_run_layers").set_value([])
    app.button(key="bench_run_submit").click()
    app.run()
    assert not app.exception
    assert error_texts(app) == [Translator("zh")("benchmark.no_layers")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sweep_draws_lines(lang):
    app = open_page(lang)
    set_tiny(app, prefix="bench_sweep")
    app.multiselect(key="bench_sweep_layers").set_value(["Conv2D", "DepthwiseConv2D"])
    app.selectbox(key=f"bench_sweep_parameter_{lang}").set_value("resolution")
    app.text_input(key="bench_sweep_values").set_value("6,8")
    app.button(key="bench_sweep_submit").click()
    app.run()
    assert not app.exception
    assert error_texts(app) == []
    assert len(app.get("vega_lite_chart")) == 2
    table = app.dataframe[0].value
    assert table[Translator(lang)("benchmark.col_value")].tolist() == [6, 6, 8, 8]


def test_sweep_bad_values_message():
    app = open_page("en")
    app.text_input(key="bench_sweep_values").set_value("6,,8")
    app.button(key="bench_sweep_submit").click()
    app.run()
    assert not app.exception
    assert "sweep must be whole numbers" in error_texts(app)[0]


def test_upload_compares_with_run(measured_page):
    lang, app = measured_page
    t = Translator(lang)
    uploaded = {
        "schema": "convlab-bench/1",
        "measured_at": "2026-01-01T00:00:00+00:00",
        "machine": {"host": "student-laptop", "cpu_model": "Example CPU", "tensorflow": "2.21.0"},
        "layers": [
            {"layer": "Conv2D", "median_s": 0.002, "p10_s": 0.002, "p90_s": 0.003, "first_call_s": 0.1,
             "runs": 30, "macs": 8 * 8 * 8 * 3 * 3 * 4, "flops": 1, "gflops_per_s": 1.0},
        ],
    }  # fmt: skip
    app.get("file_uploader")[0].set_value(("mine.json", json.dumps(uploaded).encode(), "application/json"))
    app.run()
    assert not app.exception
    assert error_texts(app) == []
    compare = app.dataframe[-1].value
    assert compare[t("benchmark.col_layer")].tolist() == ["Conv2D"]
    assert any("student-laptop" in caption.value for caption in app.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_malformed_upload_message(lang):
    app = open_page(lang)
    app.get("file_uploader")[0].set_value(("bad.json", b'{"schema": "convlab-bench/1"}', "application/json"))
    app.run()
    assert not app.exception
    errors = error_texts(app)
    assert errors == [Translator(lang)("benchmark.json_missing_field", field="measured_at", row="-")]


def test_page_keys_in_catalogue():
    """Every key the page passes to t(), literal or built from a known set, is in the catalogue."""
    keys = key_literals(PAGE)
    keys |= {f"benchmark.mode_{mode}" for mode in MODES}
    keys |= {f"benchmark.param_{name}" for name in SWEEP_PARAMETERS}
    keys |= {f"benchmark.bound_{bound}" for bound in ("memory", "compute")}
    keys |= {f"benchmark.stage_{stage}" for stage in ("peak", "build", "first_call", "warmup", "timed")}
    assert len(keys) > 60
    missing = sorted(key for key in keys if key not in catalogue())
    assert not missing


def test_explain_keys_in_catalogue():
    source = (ROOT / "core" / "bench" / "explain.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'"(benchmark\.[a-z_]+)"', source))
    assert len(keys) >= 8
    assert not sorted(key for key in keys if key not in catalogue())


def test_sweep_parameter_follows_language():
    """The chosen sweep parameter survives a language switch and shows in the new language."""
    app = open_page("en")
    app.selectbox(key="bench_sweep_parameter_en").set_value("resolution")
    app.button(key="bench_sweep_submit").click()
    app.run()
    app.session_state["lang"] = "zh"
    app.run()
    assert not app.exception
    box = app.selectbox(key="bench_sweep_parameter_zh")
    assert box.value == "resolution"
    assert box.format_func("resolution") == Translator("zh")("benchmark.param_resolution")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_remeasure_peak_button(lang):
    app = open_page(lang)
    set_tiny(app, prefix="bench_run")
    app.button(key="bench_run_submit").click()
    app.run()
    app.button(key="bench_remeasure_run").click()
    app.run()
    assert not app.exception
    assert error_texts(app) == []
    prefix = catalogue()["benchmark.remeasure_peak_done"][lang].split("{")[0]
    assert any(box.value.startswith(prefix) for box in app.success)
