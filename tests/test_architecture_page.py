"""The architecture builder page under AppTest, through the navigation frame, in both languages."""

import ast
import json

import pyarrow.ipc
import pytest
from streamlit.testing.v1 import AppTest

from core.architectures import (
    KINDS,
    ROW_BLOCKS,
    V1_ALPHAS,
    V1_RESOLUTIONS,
    V2_ALPHAS,
    V2_RESOLUTIONS,
    tradeoff_table,
)
from core.i18n import Translator, catalogue
from tests.conftest import ROOT
from ui.i18n import STATE_KEY as LANGUAGE_KEY

PAGE = "app_pages/architecture.py"
EDITOR_KEY = "architecture_custom_editor"


def open_page(lang):
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(PAGE)
    app.run()
    return app


def layer_table(app):
    """Return the first per-layer table (the network's, not the twin's)."""
    return next(frame.value for frame in app.dataframe if "class_name" in frame.value.columns)


def totals_table(app):
    return app.dataframe[0].value


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("preset", ["MobileNetV1", "MobileNetV2", "depthwise_stack", "hybrid_stack", "custom"])
def test_preset_renders(lang, preset):
    app = open_page(lang)
    app.segmented_control(key="architecture_preset").set_value(preset).run()
    assert not app.exception
    assert not app.error
    assert len(app.metric) == 4
    assert not layer_table(app).empty


@pytest.mark.parametrize(("lang", "macs_label"), [("en", "MACs"), ("zh", "MACs")])
def test_mobilenet_v1_headline_totals(lang, macs_label):
    app = open_page(lang)
    table = totals_table(app)
    macs_row = table[table.iloc[:, 0] == macs_label].iloc[0]
    assert macs_row.iloc[1] == "568,740,352"
    assert macs_row.iloc[2] == "4,867,293,184"


def test_alpha_changes_counts():
    app = open_page("en")
    app.select_slider(key="architecture_v1_alpha").set_value(0.5).run()
    app.select_slider(key="architecture_v1_resolution").set_value(128).run()
    assert not app.exception
    assert "MobileNetV1 0.5-128" in app.subheader[0].value


def edit_custom(app, edits):
    app.segmented_control(key="architecture_preset").set_value("custom").run()
    app.session_state[EDITOR_KEY] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    app.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_custom_edit_counts_new_filters(lang):
    app = open_page(lang)
    edit_custom(app, {1: {"filters": 48}})
    assert not app.exception
    layers = layer_table(app).set_index("name")
    # The stem halves 96×96 to 48×48 with 16 channels; the edited row's 1×1 Conv2D maps 16 to 48.
    assert layers.loc["b2_pw", "output_shape"] == "(48, 48, 48)"
    assert layers.loc["b2_pw", "macs"] == 48 * 48 * 16 * 48


@pytest.mark.parametrize(("lang", "expected"), [("en", "Row 2: filters must be"), ("zh", "第 2 行：filters 必须")])
def test_invalid_row_gives_message(lang, expected):
    app = open_page(lang)
    edit_custom(app, {1: {"filters": 0}})
    assert not app.exception
    assert len(app.error) == 1
    assert app.error[0].value.startswith(expected)
    # The other rows are still counted: the block of row 3 follows the stem directly.
    layers = layer_table(app)
    assert "b2" not in set(layers["block"])
    assert "b3" in set(layers["block"])
    assert len(app.metric) == 4


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "This file is not a Keras model"), ("zh", "该文件不是 Keras 模型")],
)
def test_non_model_upload_gives_message(lang, expected):
    app = open_page(lang)
    app.segmented_control(key="architecture_count_source").set_value("upload").run()
    upload = ("notes.keras", b"these are notes, not a model", "application/octet-stream")
    app.file_uploader(key="architecture_upload").set_value(upload).run()
    assert not app.exception
    assert [error.value for error in app.error if error.value.startswith(expected)]


@pytest.mark.slow
def test_build_matches_table():
    app = open_page("zh")
    app.segmented_control(key="architecture_preset").set_value("depthwise_stack").run()
    app.button(key="architecture_build").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("count_params() = ")
    assert "与表中的总数相等" in app.success[0].value
    assert "Total params" in app.code[0].value


@pytest.mark.slow
def test_count_keras_application():
    app = open_page("en")
    app.selectbox(key="architecture_application").set_value("MobileNetV2").run()
    app.number_input(key="architecture_application_resolution").set_value(32).run()
    app.toggle(key="architecture_count_application").set_value(True).run()
    assert not app.exception
    assert not app.error
    savings = next(frame.value for frame in app.dataframe if "macs_saved" in frame.value.columns)
    assert list(savings["name"])[:1] == ["Conv1"]


def test_inputs_survive_page_switch():
    app = open_page("en")
    app.select_slider(key="architecture_v1_alpha").set_value(0.75).run()
    app.switch_page("app_pages/home.py")
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert app.select_slider(key="architecture_v1_alpha").value == 0.75


def _translation_keys():
    """Collect every ``t("...")`` literal key and every f-string key family in the page."""
    tree = ast.parse((ROOT / PAGE).read_text(encoding="utf-8"))
    literals, families = set(), set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args):
            continue
        argument = node.args[0]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            literals.add(argument.value)
        elif isinstance(argument, ast.JoinedStr):
            families.add(argument.values[0].value)
    return literals, families


def test_page_keys_in_catalogue():
    literals, _ = _translation_keys()
    assert literals
    missing = sorted(key for key in literals if key not in catalogue())
    assert not missing


@pytest.mark.parametrize(
    ("family", "values"),
    [
        ("architecture.kind_", KINDS),
        ("architecture.block_", ROW_BLOCKS),
        ("architecture.preset_", ("MobileNetV1", "MobileNetV2", "depthwise_stack", "hybrid_stack", "custom")),
        ("architecture.source_", ("applications", "upload")),
        ("architecture.axis_", ("macs", "params")),
        ("architecture.timing_stage_", ("peak", "build", "first_call", "warmup", "timed")),
        ("architecture.timing_role_", ("network", "twin")),
    ],
)
def test_page_key_families_in_catalogue(family, values):
    _, families = _translation_keys()
    assert family in families
    missing = [value for value in values if f"{family}{value}" not in catalogue()]
    assert not missing


def test_all_key_families_listed():
    _, families = _translation_keys()
    assert families == {
        "architecture.kind_",
        "architecture.block_",
        "architecture.preset_",
        "architecture.source_",
        "architecture.axis_",
        "architecture.timing_stage_",
        "architecture.timing_role_",
    }


def test_stack_opens_in_custom_editor():
    app = open_page("en")
    app.segmented_control(key="architecture_preset").set_value("hybrid_stack").run()
    app.button(key="architecture_hybrid_to_custom").click().run()
    assert not app.exception
    assert app.segmented_control(key="architecture_preset").value == "custom"
    rows = app.data_editor(key=EDITOR_KEY).value
    assert list(rows["block"]) == ["conv", "hybrid", "hybrid", "hybrid", "hybrid"]
    assert set(rows.loc[rows["block"] == "hybrid", "depth_multiplier"]) == {2}


@pytest.mark.parametrize(
    ("lang", "stamp_start", "twin_label"),
    [("en", "Measured at ", "Standard twin"), ("zh", "测量于 ", "标准卷积版本")],
)
def test_time_tiny_model(lang, stamp_start, twin_label):
    app = open_page(lang)
    app.segmented_control(key="architecture_preset").set_value("depthwise_stack").run()
    app.number_input(key="architecture_stack_blocks").set_value(2).run()
    app.number_input(key="architecture_stack_resolution").set_value(16).run()
    app.button(key="architecture_build").click().run()
    app.number_input(key="architecture_timing_repeats").set_value(3).run()
    app.button(key="architecture_timing_run").click().run()
    assert not app.exception
    assert not app.error
    timing = next(frame.value for frame in app.dataframe if "median_ms" in frame.value.columns)
    assert list(timing["runs"]) == [3, 3]
    assert timing["name"].iloc[1] == twin_label
    assert (timing["median_ms"] > 0).all()
    assert [caption for caption in app.caption if caption.value.startswith(stamp_start)]
    comparison_keys = [
        f"architecture.timing_compare_{case}" for case in ("full", "partial", "slower", "same_macs")
    ]
    sentences = [catalogue()[key][lang].split("{")[0] for key in comparison_keys]
    assert [block for block in app.markdown if any(block.value.startswith(start) for start in sentences)]


@pytest.mark.parametrize(("lang", "expected"), [("en", "Timing "), ("zh", "以 batch_size=")])
def test_timing_over_memory_budget(lang, expected, monkeypatch):
    monkeypatch.setenv("CONVLAB_BENCH_MEMORY_BUDGET_MB", "1")
    app = open_page(lang)
    app.segmented_control(key="architecture_preset").set_value("depthwise_stack").run()
    app.number_input(key="architecture_stack_resolution").set_value(16).run()
    app.button(key="architecture_build").click().run()
    app.button(key="architecture_timing_run").click().run()
    assert not app.exception
    assert [error.value for error in app.error if error.value.startswith(expected)]
    assert not [frame for frame in app.dataframe if "median_ms" in frame.value.columns]


TRADEOFF_TITLE_KEYS = ("architecture.chart_macs_alpha", "architecture.chart_macs_resolution", "architecture.chart_params_alpha")


def tradeoff_frames(app, lang):
    """Return the trade-off charts' data by title key, read back from the Arrow datasets the page sent."""
    t = Translator(lang)
    titles = {t(key): key for key in TRADEOFF_TITLE_KEYS}
    frames = {}
    for chart in app.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        if title in titles:
            dataset = chart.proto.datasets[0].data.data
            frames[titles[title]] = pyarrow.ipc.open_stream(dataset).read_pandas()
    return frames


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tradeoff_charts_follow_family(lang):
    app = open_page(lang)
    v1 = tradeoff_frames(app, lang)
    app.segmented_control(key="architecture_tradeoff_family").set_value("MobileNetV2").run()
    v2 = tradeoff_frames(app, lang)
    expected_v1 = tradeoff_table("MobileNetV1", V1_ALPHAS, V1_RESOLUTIONS)
    expected_v2 = tradeoff_table("MobileNetV2", V2_ALPHAS, V2_RESOLUTIONS)
    assert not app.exception
    assert set(v1) == set(TRADEOFF_TITLE_KEYS)
    assert set(v2) == set(TRADEOFF_TITLE_KEYS)
    assert v1["architecture.chart_macs_alpha"]["macs"].tolist() == expected_v1["macs"].tolist()
    assert v2["architecture.chart_macs_alpha"]["macs"].tolist() == expected_v2["macs"].tolist()
    assert v2["architecture.chart_macs_resolution"]["macs"].tolist() == expected_v2["macs"].tolist()
    assert len(v1["architecture.chart_params_alpha"]) == len(V1_ALPHAS)
    assert len(v2["architecture.chart_params_alpha"]) == len(V2_ALPHAS)


@pytest.mark.parametrize(("first", "second"), [("en", "zh"), ("zh", "en")])
def test_tradeoff_titles_follow_language_switch(first, second):
    app = open_page(first)
    assert set(tradeoff_frames(app, first)) == set(TRADEOFF_TITLE_KEYS)
    app.segmented_control(key=LANGUAGE_KEY).set_value(second).run()
    assert not app.exception
    assert set(tradeoff_frames(app, second)) == set(TRADEOFF_TITLE_KEYS)
    assert tradeoff_frames(app, first) == {}
