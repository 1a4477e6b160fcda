"""The calculator page under AppTest, through the navigation frame, in both languages."""

import json
import re
import subprocess
import sys
import textwrap

import pyarrow.ipc
import pytest
from streamlit.testing.v1 import AppTest

from core import calculator
from core.i18n import LANGUAGES, Translator, catalogue
from tests.conftest import ROOT, key_literals
from ui.i18n import STATE_KEY as LANGUAGE_KEY
from ui.messages import markdown_text

PAGE = "app_pages/calculator.py"
LANGS = sorted(LANGUAGES)


def open_page(lang, **params):
    """Open the calculator through the frame with ``?lang=`` and the given URL settings."""
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    return app


def table_row(app, key, lang):
    """Return the displayed table row whose label is the translation of ``row_<key>``."""
    table = app.dataframe[0].value
    label = Translator(lang)(f"calculator.row_{key}")
    rows = table[table["row"] == label]
    assert len(rows) == 1, f"{label} not in {table['row'].tolist()}"
    return rows.iloc[0]


def charts(app):
    return [json.loads(element.proto.spec) for element in app.get("vega_lite_chart")]


@pytest.mark.parametrize("lang", LANGS)
def test_default_renders(lang):
    app = open_page(lang)
    t = Translator(lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == t("calculator.title")
    assert table_row(app, "conv2d", lang)["macs"] == 56 * 56 * 64 * 3 * 3 * 32
    assert table_row(app, "separable", lang)["params"] == 3 * 3 * 32 + 32 * 64 + 64
    assert len(app.latex) >= 2
    assert len(charts(app)) == 2


@pytest.mark.parametrize("lang", LANGS)
def test_filters_change_updates_table(lang):
    app = open_page(lang)
    app.number_input(key="calculator_filters").set_value(128).run()
    assert not app.exception
    assert table_row(app, "conv2d", lang)["macs"] == 56 * 56 * 128 * 3 * 3 * 32
    assert table_row(app, "conv2d", lang)["params"] == 3 * 3 * 32 * 128 + 128
    assert table_row(app, "pointwise", lang)["macs"] == 56 * 56 * 32 * 128


@pytest.mark.parametrize("lang", LANGS)
def test_kernel_stride_change_updates_table(lang):
    app = open_page(lang)
    app.number_input(key="calculator_kernel_size_w").set_value(5).run()
    app.number_input(key="calculator_strides_h").set_value(2).run()
    assert not app.exception
    conv = table_row(app, "conv2d", lang)
    assert conv["output_shape"] == "28×56×64"
    assert conv["macs"] == 28 * 56 * 64 * 3 * 5 * 32


def test_change_writes_url():
    app = open_page("en")
    app.number_input(key="calculator_filters").set_value(96).run()
    assert app.query_params["filters"] == "96"
    config, notes = calculator.parse_query_params(dict(app.query_params))
    assert config.filters == 96
    assert notes == []


@pytest.mark.parametrize("lang", LANGS)
def test_url_opens_configuration(lang):
    app = open_page(
        lang,
        height="14",
        width="14",
        channels="512",
        filters="512",
        kernel_size="3",
        use_bias="false",
        chart="heatmap",
    )
    assert not app.exception
    assert app.number_input(key="calculator_channels").value == 512
    assert app.toggle(key="calculator_use_bias").value is False
    assert table_row(app, "conv2d", lang)["macs"] == 14 * 14 * 512 * 3 * 3 * 512
    assert table_row(app, "separable", lang)["params"] == 3 * 3 * 512 + 512 * 512
    heading = Translator(lang)("calculator.url_notes_heading")
    assert not [warning for warning in app.warning if heading in warning.value]


def test_url_pair_and_choice_open():
    app = open_page("en", kernel_size="3x5", padding="valid", dtype="int8")
    assert app.number_input(key="calculator_kernel_size_h").value == 3
    assert app.number_input(key="calculator_kernel_size_w").value == 5
    assert app.button_group(key="calculator_padding").value == "valid"
    assert app.selectbox(key="calculator_dtype").value == "int8"
    assert table_row(app, "conv2d", "en")["output_shape"] == "54×52×64"


@pytest.mark.parametrize("lang", LANGS)
def test_bad_url_values_show_note(lang):
    app = open_page(lang, filters="lots", kernel_size="99", padding="round", chart="pie")
    t = Translator(lang)
    assert not app.exception
    assert app.number_input(key="calculator_filters").value == 64
    assert app.number_input(key="calculator_kernel_size_h").value == 3
    notes = [w.value for w in app.warning if t("calculator.url_notes_heading") in w.value]
    assert len(notes) == 1
    for name in ("filters=`lots`", "kernel_size=`99`", "padding=`round`", "chart=`pie`"):
        assert name in notes[0]


def test_url_note_dismissed():
    app = open_page("en", filters="lots")
    app.button(key="calculator_dismiss_notes").click().run()
    heading = Translator("en")("calculator.url_notes_heading")
    assert not [w for w in app.warning if heading in w.value]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("settings", "config", "missing_row"),
    [
        ({"calculator_groups": 3}, calculator.CalculatorConfig(groups=3), "grouped_conv2d"),
        (
            {"calculator_strides_h": 2, "calculator_dilation_rate_h": 2},
            calculator.CalculatorConfig(strides=(2, 1), dilation_rate=(2, 1)),
            "conv2d",
        ),
        (
            {"calculator_height": 2, "calculator_padding": "valid"},
            calculator.CalculatorConfig(height=2, padding="valid"),
            "separable",
        ),
    ],
)
def test_invalid_combination_shows_message(lang, settings, config, missing_row):
    app = open_page(lang)
    for key, value in settings.items():
        if key == "calculator_padding":
            app.button_group(key=key).set_value(value)
        else:
            app.number_input(key=key).set_value(value)
    app.run()
    expected = Translator(lang).error(calculator.compare_layers(config).errors[missing_row], escape=markdown_text)
    assert not app.exception
    assert [error.value for error in app.error] == [expected]
    labels = app.dataframe[0].value["row"].tolist() if app.dataframe else []
    assert Translator(lang)(f"calculator.row_{missing_row}") not in labels


def test_invalid_groups_keeps_other_rows():
    app = open_page("en")
    app.number_input(key="calculator_groups").set_value(3).run()
    assert table_row(app, "conv2d", "en")["macs"] == 56 * 56 * 64 * 3 * 3 * 32
    assert table_row(app, "separable", "en")["macs"] == 56 * 56 * 32 * 3 * 3 + 56 * 56 * 32 * 64
    app.number_input(key="calculator_groups").set_value(4).run()
    assert not app.error
    assert table_row(app, "grouped_conv2d", "en")["macs"] == 56 * 56 * 64 * 3 * 3 * (32 // 4)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("depth_multiplier", "filters", "key"),
    [
        (1, 64, "fair_not_like"),  # 32 depthwise channels against 64 filters
        (2, 64, "fair_not_like_same_channels"),  # 32 * 2 channels, as many as the filters
    ],
)
def test_not_like_for_like_wording(lang, depth_multiplier, filters, key):
    app = open_page(lang, depth_multiplier=str(depth_multiplier), filters=str(filters))
    t = Translator(lang)
    depthwise_params = 3 * 3 * 32 * depth_multiplier + 32 * depth_multiplier
    conv_params = 3 * 3 * 32 * filters + filters
    counts = {
        "depthwise_params": f"{depthwise_params:,}",
        "conv_params": f"{conv_params:,}",
        "params_comparison": t("calculator.ratio_fewer", times=f"{conv_params / depthwise_params:.1f}"),
        "filters": filters,
    }
    if key == "fair_not_like":
        counts["depthwise_channels"] = 32 * depth_multiplier
    assert not app.exception
    assert [warning.value for warning in app.warning] == [t(f"calculator.{key}", **counts)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", calculator.CHART_VIEWS)
def test_chart_views_render(lang, view):
    app = open_page(lang)
    app.button_group(key="calculator_chart").set_value(view).run()
    t = Translator(lang)
    assert not app.exception
    specs = charts(app)
    assert specs
    for spec in specs:
        text = json.dumps(spec, ensure_ascii=False)
        assert '"tooltip"' in text
        if lang == "zh":
            assert re.search(r"[\u4e00-\u9fff]", text), "chart has no Chinese text"
    assert t(f"calculator.chart_view_{view}")


def test_heatmap_legend_rounds_ratio():
    app = open_page("en", chart="heatmap")
    (spec,) = charts(app)
    colors = [layer["encoding"]["color"] for layer in spec["layer"] if "legend" in layer["encoding"].get("color", {})]
    assert not app.exception
    assert len(colors) == 1
    assert colors[0]["legend"]["format"] == ".3f"


def test_chart_titles_translated():
    app = open_page("zh")
    text = json.dumps(charts(app), ensure_ascii=False)
    t = Translator("zh")
    assert t("calculator.chart_sweep_filters_params") in text
    assert t("calculator.chart_sweep_filters_macs") in text
    assert t("calculator.chart_axis_filters") in text


def test_language_switch_keeps_inputs():
    app = open_page("en")
    app.number_input(key="calculator_filters").set_value(48).run()
    app.session_state["lang"] = "zh"
    app.run()
    assert not app.exception
    assert app.number_input(key="calculator_filters").value == 48
    assert app.title[0].value == Translator("zh")("calculator.title")


def test_page_change_keeps_inputs():
    app = open_page("en")
    app.number_input(key="calculator_channels").set_value(48).run()
    app.switch_page("app_pages/home.py")
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert app.number_input(key="calculator_channels").value == 48


def test_csv_download_present():
    app = open_page("en")
    buttons = [element for element in app.get("download_button")]
    assert len(buttons) == 1


# --- Catalogue and imports ------------------------------------------------


def page_key_literals():
    return sorted(key_literals(ROOT / PAGE))


def page_dynamic_keys():
    """Every key the page builds with an f-string, from the values it can take."""
    keys = []
    keys += [f"calculator.row_{key}" for key in calculator.ROW_KEYS]
    keys += [f"calculator.fairness_{label}" for label in sorted(set(calculator.FAIRNESS.values()))]
    keys += [f"calculator.col_{column}" for column in calculator.TABLE_COLUMNS]
    keys += [f"calculator.label_{name}" for name in calculator.INT_RANGES]
    keys += [f"calculator.help_{name}" for name in (*calculator.INT_RANGES, *calculator.PAIR_RANGES)]
    reasons = ("not_integer", "not_pair", "out_of_range", "not_choice", "not_boolean")
    keys += [f"calculator.url_note_{reason}" for reason in reasons]
    keys += [f"calculator.chart_view_{view}" for view in calculator.CHART_VIEWS]
    for over in ("filters", "channels"):
        keys += [f"calculator.chart_axis_{over}"]
        keys += [f"calculator.chart_sweep_{over}_{metric}" for metric in ("params", "macs")]
    keys += [f"calculator.chart_axis_{metric}" for metric in ("params", "macs")]
    return keys


def test_page_uses_literal_keys():
    assert len(page_key_literals()) > 30


@pytest.mark.parametrize("key", page_key_literals() + page_dynamic_keys())
def test_page_key_in_catalogue(key):
    assert key in catalogue()


def test_page_does_not_import_tensorflow():
    """A fresh interpreter renders and changes the calculator without loading TensorFlow."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from streamlit.testing.v1 import AppTest
        app = AppTest.from_file({str(ROOT / "streamlit_app.py")!r}, default_timeout=60)
        app.run()
        app.switch_page({PAGE!r})
        app.run()
        app.number_input(key="calculator_filters").set_value(32).run()
        for view in ("channels", "heatmap", "split"):
            app.button_group(key="calculator_chart").set_value(view).run()
        assert not app.exception, app.exception
        assert app.dataframe, "no table"
        print("tensorflow" in sys.modules, "keras" in sys.modules)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "False"]


def chart_frames(app):
    """Return each chart's Arrow datasets as DataFrames, one list per chart, in page order."""
    return [
        [pyarrow.ipc.open_stream(dataset.data.data).read_pandas() for dataset in element.proto.datasets]
        for element in app.get("vega_lite_chart")
    ]


def sweep_markers(app):
    """Return the x value of each sweep chart's dashed "your value" rule."""
    return [frame["value"].tolist() for frames in chart_frames(app) for frame in frames if list(frame.columns) == ["value"]]


@pytest.mark.parametrize("lang", LANGS)
def test_sweep_chart_follows_filters(lang):
    app = open_page(lang)
    assert sweep_markers(app) == [[64], [64]]
    app.number_input(key="calculator_filters").set_value(128).run()
    assert sweep_markers(app) == [[128], [128]]
    # Back to a value drawn before: the cached charts of 64, not those of 128.
    app.number_input(key="calculator_filters").set_value(64).run()
    assert not app.exception
    assert sweep_markers(app) == [[64], [64]]


@pytest.mark.parametrize("lang", LANGS)
def test_heatmap_follows_filters(lang):
    extra_filters = 100
    assert extra_filters not in calculator.HEATMAP_FILTERS
    app = open_page(lang, chart="heatmap")
    ((before,),) = chart_frames(app)
    app.number_input(key="calculator_filters").set_value(extra_filters).run()
    ((after,),) = chart_frames(app)
    assert not app.exception
    assert extra_filters not in set(before["filters"])
    assert extra_filters in set(after["filters"])


@pytest.mark.parametrize(("first", "second"), [("en", "zh"), ("zh", "en")])
@pytest.mark.parametrize(("view", "title_key"), [
    ("filters", "calculator.chart_sweep_filters_macs"),
    ("channels", "calculator.chart_sweep_channels_params"),
    ("heatmap", "calculator.chart_heatmap_title"),
])  # fmt: skip
def test_chart_titles_follow_language_switch(first, second, view, title_key):
    app = open_page(first, chart=view)
    before = json.dumps(charts(app), ensure_ascii=False)
    app.segmented_control(key=LANGUAGE_KEY).set_value(second).run()
    after = json.dumps(charts(app), ensure_ascii=False)
    assert not app.exception
    assert Translator(first)(title_key) in before
    assert Translator(second)(title_key) in after
    assert Translator(first)(title_key) not in after
