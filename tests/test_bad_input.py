"""Bad input on every page: each case must give a message in the session's language, never a crash.

Each page is opened through the navigation frame with ``?lang=``, so the
language switch is real. ``tests/conftest.py`` makes the frame re-raise what
it would show as an unexpected error, so ``app.exception`` catches crashes.
"""

from __future__ import annotations

import io
import json
import logging
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core import calculator
from core import worked_example as worked
from core.architectures import architecture_cost, custom_network, keras_io
from core.bench import config as bench_config
from core.bench import report as bench_report
from core.errors import ConfigError
from core.i18n import Translator
from tests.conftest import ROOT
from ui.messages import MAX_SHOWN_CHARS, markdown_text

LANGUAGES = ["en", "zh"]


def open_page(page: str, lang: str, **query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    return app


def error_texts(app: AppTest) -> list[str]:
    return [element.value for element in app.error]


def assert_no_crash(app: AppTest, lang: str) -> None:
    """No exception escaped, and the frame's last-resort message is absent."""
    assert not app.exception
    unexpected = Translator(lang)("common.unexpected_error", detail="")
    prefix = unexpected.split("：")[0].split(":")[0]
    assert not any(text.startswith(prefix) for text in error_texts(app))


# ---------------------------------------------------------------- worked example

DEEP_LITERAL = "[" * 100 + "1" + "]" * 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worked_deep_literal_message(lang):
    app = open_page("worked_example", lang)
    app.text_area(key="worked_w_text_image").set_value(DEEP_LITERAL).run()
    assert_no_crash(app, lang)
    position = "image" + "[0]" * worked.MAX_NESTING
    # The page escapes the brackets of the position, as it does every string param of a message.
    expected = Translator(lang)(
        "worked.literal_too_deep", position=markdown_text(position), name="image", limit=worked.MAX_NESTING
    )
    assert expected in error_texts(app)
    assert app.text_area(key="worked_w_text_image").value == DEEP_LITERAL


# ---------------------------------------------------------------- benchmark upload

BENCH_ROW = {"layer": "Conv2D", "median_s": 0.002, "p10_s": 0.002, "p90_s": 0.003, "first_call_s": 0.1,
             "runs": 30, "macs": 1, "flops": 2, "gflops_per_s": 1.0}  # fmt: skip
PADDED_RESULT = {"schema": "convlab-bench/1", "measured_at": "2026-01-01", "machine": {}, "layers": [BENCH_ROW] * 1000}
BENCH_UPLOADS = [
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "benchmark.json_too_deep", {}),
    ("long.json", b'{"wall_s": ' + b"9" * 5000 + b"}", "benchmark.json_number_too_long", {"limit": sys.get_int_max_str_digits()}),
    ("padded.json", json.dumps(PADDED_RESULT).encode(), "benchmark.json_too_many_rows", {"rows": "1,000", "limit": 6 * 12}),
    ("huge.json", b"[" + b"{}," * 2_000_000 + b"{}]", "benchmark.json_too_large",
     {"size": f"{2 + 3 * 2_000_000 + 2:,}", "limit": f"{4 * 1024 * 1024:,}"}),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("name", "data", "key", "params"), BENCH_UPLOADS)
def test_benchmark_upload_message(lang, name, data, key, params):
    app = open_page("benchmark", lang)
    app.get("file_uploader")[0].set_value((name, data, "application/json"))
    app.run()
    assert_no_crash(app, lang)
    assert error_texts(app) == [Translator(lang)(key, **params)]


# ---------------------------------------------------------------- architecture upload


def zip_bytes(members: dict[str, bytes], unpacked_spaces: int = 0) -> bytes:
    """Return a zip of ``members``, plus a compressed config.json of that many spaces when asked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if unpacked_spaces:
            with archive.open("config.json", "w") as member:
                chunk = b" " * 1024 * 1024
                for _ in range(unpacked_spaces // len(chunk)):
                    member.write(chunk)
    return buffer.getvalue()


def upload_model(lang: str, data: bytes) -> AppTest:
    app = open_page("architecture", lang)
    app.segmented_control(key="architecture_count_source").set_value("upload").run()
    app.file_uploader(key="architecture_upload").set_value(("model.keras", data, "application/octet-stream")).run()
    return app


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zip_bomb_upload_rejected(lang):
    unpacked = keras_io.MAX_UNPACKED_BYTES + 1024 * 1024
    app = upload_model(lang, zip_bytes({}, unpacked_spaces=unpacked))
    assert_no_crash(app, lang)
    expected = Translator(lang)(
        "architecture.unpacks_too_large", size=f"{unpacked:,}", limit=f"{keras_io.MAX_UNPACKED_BYTES:,}"
    )
    assert error_texts(app) == [expected]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deep_config_upload_message(lang):
    deep = b"[" * 100_000 + b"]" * 100_000
    app = upload_model(lang, zip_bytes({"config.json": deep, "metadata.json": b"{}"}))
    assert_no_crash(app, lang)
    (message,) = error_texts(app)
    not_a_model = Translator(lang)("architecture.not_a_model", detail="\0").split("\0")[0]
    assert message.startswith(not_a_model)


# ---------------------------------------------------------------- calculator

# Every setting at the top of its widget's range: even DepthwiseConv2D then has
# 1024 * 4096 * 4096 output positions * 31 * 31 * 4096 MACs, past 2**53.
MAX_SETTINGS_URL = {
    "height": "4096",
    "width": "4096",
    "channels": "4096",
    "filters": "4096",
    "batch_size": "1024",
    "kernel_size": "31",
    "padding": "same",
}


def test_largest_config_counts_shown_exactly():
    config, notes = calculator.parse_query_params(MAX_SETTINGS_URL)
    comparison = calculator.compare_layers(config)
    assert notes == []
    assert comparison.rows == ()
    assert {error.code for error in comparison.errors.values()} == {"calculator.count_too_large"}
    assert 1024 * 4096 * 4096 * 31 * 31 * 4096 > calculator.MAX_COUNT


@pytest.mark.parametrize(("height", "counted"), [(512, True), (4096, False)])
def test_count_limit_is_exact_in_browser(height, counted):
    """Conv2D 3×3 with 512 channels and filters: counted while its FLOPs stay below 2**53."""
    config = calculator.CalculatorConfig(height=height, width=height, channels=512, filters=512, batch_size=1024)
    comparison = calculator.compare_layers(config)
    flops = 2 * 1024 * height * height * 3 * 3 * 512 * 512 + 1024 * height * height * 512
    assert (flops <= 2**53 - 1) is counted
    assert (comparison.row("conv2d") is not None) is counted


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart", ["filters", "channels"])
def test_calculator_largest_config_message(lang, chart):
    app = open_page("calculator", lang, **MAX_SETTINGS_URL, chart=chart)
    assert_no_crash(app, lang)
    error = calculator.compare_layers(calculator.parse_query_params(MAX_SETTINGS_URL)[0]).errors["conv2d"]
    assert Translator(lang).error(error, escape=markdown_text) in error_texts(app)
    assert app.number_input(key="calculator_filters").value == 4096


# ---------------------------------------------------------------- architecture custom table


def custom_row(**values) -> dict:
    return {"block": "conv", "filters": 8, "kernel_size": 3, "strides": 1, "expansion": 6, "depth_multiplier": 1, **values}


# A data editor NumberColumn returns floats, so absurd entries arrive as large floats.
HUGE_ROWS = [
    ("filters", [custom_row(filters=1e30)], "b1_conv"),
    ("kernel_size", [custom_row(kernel_size=1e300)], "b1_conv"),
    ("depth_multiplier", [custom_row(block="hybrid", depth_multiplier=1e15)], "b1_dw"),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("column", "rows", "layer"), HUGE_ROWS)
def test_custom_table_huge_values_message(lang, column, rows, layer):
    app = open_page("architecture", lang)
    app.session_state["architecture_custom_rows"] = pd.DataFrame(rows)
    app.segmented_control(key="architecture_preset").set_value("custom").run()
    assert_no_crash(app, lang)
    network = custom_network(rows, resolution=96, channels=3, include_top=True, classes=10)
    with pytest.raises(ConfigError) as raised:
        architecture_cost(network.architecture)
    assert raised.value.code == "architecture.count_too_large"
    assert raised.value.params["layer"] == layer
    assert error_texts(app) == [Translator(lang).error(raised.value, escape=markdown_text)]
    assert float(app.session_state["architecture_custom_rows"][column][0]) == rows[0][column]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("bias", [1e308, -2e6, float("inf"), float("nan")])
def test_worked_bias_kept_in_range(lang, bias):
    """The widget's bounds keep the bias finite, so TensorFlow and NumPy still agree."""
    app = open_page("worked_example", lang)
    app.toggle(key="worked_w_use_bias").set_value(True).run()
    app.number_input(key="worked_w_bias_value").set_value(bias).run()
    assert_no_crash(app, lang)
    stored = app.session_state["worked_settings"]["bias_value"]
    assert abs(stored) <= worked.MAX_ABS_VALUE
    mismatch = Translator(lang)("worked.disagree", difference="", tolerance="")[:12]
    assert not any(text.startswith(mismatch) for text in error_texts(app))


@pytest.mark.parametrize(
    ("values", "position"),
    [
        ([[0.0, 1e308]], "image[0][1]"),
        ([[float("nan"), 0.0]], "image[0][0]"),
        ([[0.0, 0.0], [0.0, -1e6 - 1]], "image[1][1]"),
    ],
)
def test_check_values_names_first_bad_entry(values, position):
    with pytest.raises(ConfigError) as raised:
        worked.check_values(np.array(values), "image")
    assert raised.value.code == "worked.literal_not_finite"
    assert raised.value.params["position"] == position


# ---------------------------------------------------------------- text from a link or an upload shown verbatim


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("padding", "**same** [fix](http://example.invalid)", "`**same** [fix](http://example.invalid)`"),
        ("filters", "9" * 5000, "`" + "9" * 59 + "…`"),
        ("chart", "`x`:material/home:", "`'x':material/home:`"),
    ],
)
def test_calculator_url_value_shown_as_code(lang, name, value, shown):
    app = open_page("calculator", lang, **{name: value})
    assert_no_crash(app, lang)
    heading = Translator(lang)("calculator.url_notes_heading")
    (note,) = [element.value for element in app.warning if element.value.startswith(heading)]
    assert f"{name}={shown}" in note


def valid_result(**fields) -> bytes:
    document = {"schema": "convlab-bench/1", "measured_at": "2026-01-01", "machine": {}, "layers": [BENCH_ROW], **fields}
    return json.dumps(document).encode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_uploaded_stamp_shown_as_code(lang):
    app = open_page("benchmark", lang)
    upload = valid_result(measured_at="**now** [x](http://example.invalid)", machine={"host": "h" * 10_000})
    app.get("file_uploader")[0].set_value(("result.json", upload, "application/json"))
    app.run()
    assert_no_crash(app, lang)
    expected = Translator(lang)(
        "benchmark.uploaded_stamp",
        when="`**now** [x](http://example.invalid)`",
        host="`" + "h" * 59 + "…`",
        cpu="`?`",
        tf="`?`",
    )
    assert expected in [caption.value for caption in app.caption]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fairness_says_more_for_separable(lang):
    """With a 1×1 kernel SeparableConv2D has more weights than Conv2D, so "fewer" would be false."""
    app = open_page("calculator", lang, kernel_size="1", channels="32", filters="64", use_bias="false")
    assert_no_crash(app, lang)
    t = Translator(lang)
    separable_params = 1 * 1 * 32 + 32 * 64
    conv_params = 1 * 1 * 32 * 64
    more = t("calculator.ratio_more", times=f"{separable_params / conv_params:.1f}")
    (like,) = [element.value for element in app.success if "SeparableConv2D" in element.value]
    assert f"({more})" in like or f"（{more}）" in like


@pytest.mark.parametrize("lang", LANGUAGES)
def test_broken_builtin_config_not_custom(lang):
    """A Sequential whose stored config is broken is not reported as a custom class."""
    config = b'{"class_name": "Sequential", "config": {"layers": 5}}'
    app = upload_model(lang, zip_bytes({"config.json": config, "metadata.json": b"{}"}))
    assert_no_crash(app, lang)
    (message,) = error_texts(app)
    not_a_model = Translator(lang)("architecture.not_a_model", detail="\0").split("\0")[0]
    assert message.startswith(not_a_model)


# ---------------------------------------------------------------- keras.applications size


@pytest.mark.parametrize("resolution", [32, 100])
def test_flatten_top_params_match_keras(resolution):
    model = keras_io.keras_application("VGG16", resolution)
    side = resolution // 32
    assert keras_io.flatten_top_params("VGG16", resolution) == model.count_params()
    assert model.count_params() == 35_593_000 + side * side * 512 * 4096 + 4096


@pytest.mark.parametrize("lang", LANGUAGES)
def test_vgg16_too_large_rejected(lang):
    app = open_page("architecture", lang)
    app.selectbox(key="architecture_application").set_value("VGG16")
    app.number_input(key="architecture_application_resolution").set_value(512)
    app.toggle(key="architecture_count_application").set_value(True).run()
    assert_no_crash(app, lang)
    expected = Translator(lang)(
        "architecture.application_too_large",
        name="VGG16",
        value=512,
        params=f"{35_593_000 + 16 * 16 * 512 * 4096 + 4096:,}",
        limit=f"{keras_io.MAX_APPLICATION_PARAMS:,}",
        largest=255,
    )
    assert error_texts(app) == [expected]


# ---------------------------------------------------------------- benchmark form


def expected_shape_error(input_shape: str) -> ConfigError:
    """The error core raises for this input shape with the form's other defaults and filters=128."""
    try:
        shape = bench_config.parse_int_list("input_shape", input_shape)
        config = bench_config.validate_config(
            bench_config.BenchConfig(input_shape=shape, filters=128, repeats=20, warmup=3)
        )
        bench_config.check_memory(config)
    except ConfigError as exc:
        return exc
    raise AssertionError(f"input_shape={input_shape} was accepted")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("input_shape", ["4096,4096,4096", f"{2**63},{2**63},3", "0,8,8", "8.5,8,8"])
def test_benchmark_rejects_shape_keeps_form(lang, input_shape):
    app = open_page("benchmark", lang)
    app.text_input(key="bench_run_input_shape").set_value(input_shape)
    app.number_input(key="bench_run_filters").set_value(128)
    app.button(key="bench_run_submit").click()
    app.run()
    assert_no_crash(app, lang)
    assert error_texts(app) == [Translator(lang).error(expected_shape_error(input_shape), escape=markdown_text)]
    assert app.text_input(key="bench_run_input_shape").value == input_shape
    assert app.number_input(key="bench_run_filters").value == 128


# ---------------------------------------------------------------- properties over arbitrary text


def has_message(error: ConfigError) -> bool:
    """Whether the catalogue translates ``error``: its code is ``errors.<code>`` or a full key."""
    t = Translator("zh")
    return t.has(f"errors.{error.code}") or t.has(error.code)


URL_TEXT = st.one_of(
    st.text(max_size=12),
    st.integers(-10, 10**6).map(str),
    st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda pair: f"{pair[0]}x{pair[1]}"),
    st.sampled_from(["4096", "1024", "31", "64", "same", "valid", "bfloat16", "true", "1e3", "nan", ""]),
)
URL_KEYS = [*calculator.INT_RANGES, *calculator.PAIR_RANGES, "padding", "use_bias", "dtype", "chart"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(URL_KEYS), URL_TEXT))
def test_any_calculator_url_counts_or_notes(params):
    """Every URL yields a configuration, and every row is counted or carries a ConfigError."""
    config, notes = calculator.parse_query_params(params)
    comparison = calculator.compare_layers(config)
    table = calculator.comparison_table(comparison)
    assert {note.name for note in notes} <= set(params)
    assert len(table) == len(comparison.rows)
    assert all(isinstance(error, ConfigError) for error in comparison.errors.values())
    assert all(row.flops <= calculator.MAX_COUNT for row in comparison.rows)


LITERAL_ITEMS = st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.none(), st.booleans())
LITERALS = st.recursive(LITERAL_ITEMS, lambda children: st.lists(children, max_size=4), max_leaves=40).map(repr)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(LITERALS, st.text(max_size=60)), st.sampled_from(list(worked.LAYOUTS)))
def test_any_pasted_text_parses_or_explains(text, kind):
    """Pasted text becomes a tensor within the page's limits, or a ConfigError with a catalogue entry."""
    try:
        array = worked.parse_tensor(text, kind)
    except ConfigError as error:
        assert has_message(error)
        return
    assert np.isfinite(array).all()
    assert np.abs(array).max() <= worked.MAX_ABS_VALUE


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from([*bench_report.REQUIRED_LAYER_FIELDS, "sweep_value"]), JSON_VALUES)), JSON_VALUES)
def test_any_result_json_loads_or_explains(rows, extra):
    """A JSON document in the result schema loads and compares, or raises a translated ConfigError."""
    document = {"schema": "convlab-bench/1", "measured_at": "x", "machine": {}, "layers": rows, "peak": extra}
    try:
        result = bench_report.load_result_json(json.dumps(document))
    except ConfigError as error:
        assert has_message(error)
        return
    merged = bench_report.compare_results(result, result)
    assert set(merged["layer"]) <= {row["layer"] for row in rows}


@pytest.mark.parametrize("sweep_value", [[1], {"filters": 8}, "8"])
def test_result_sweep_value_must_be_number(sweep_value):
    upload = valid_result(layers=[{**BENCH_ROW, "sweep_value": sweep_value}])
    with pytest.raises(ConfigError) as raised:
        bench_report.load_result_json(upload)
    assert raised.value.code == "benchmark.json_bad_value"
    assert raised.value.params["field"] == "sweep_value"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_huge_config_json_rejected(lang):
    spaces = keras_io.MAX_CONFIG_BYTES + 1024 * 1024
    app = upload_model(lang, zip_bytes({"metadata.json": b"{}"}, unpacked_spaces=spaces))
    assert_no_crash(app, lang)
    expected = Translator(lang)(
        "architecture.config_too_large",
        name="config.json",
        size=f"{spaces:,}",
        limit=f"{keras_io.MAX_CONFIG_BYTES:,}",
    )
    assert error_texts(app) == [expected]


# ---------------------------------------------------------------- user text inside messages


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("**5**", r"\*\*5\*\*"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("[a](javascript:alert(1))", r"\[a\](javascript\:alert(1))"),
        ("$x$ :red[y]", r"\$x\$ \:red\[y\]"),
        ("kernel_size _x_ `c`", r"kernel_size \_x\_ \`c\`"),
        ("1\n# heading\n- item", "1 # heading - item"),
        ("卷积 3×3", "卷积 3×3"),
    ],
)
def test_markdown_text_escapes(text, shown):
    assert markdown_text(text) == shown


def test_markdown_text_cuts_long_value():
    assert markdown_text("9" * 1000) == "9" * (MAX_SHOWN_CHARS - 1) + "…"


def test_error_escapes_string_params_only():
    error = ConfigError("benchmark.not_int_list", "message", name="input_shape", value="**8**")
    shown = Translator("en").error(error, escape=markdown_text)
    assert r"\*\*8\*\*" in shown
    assert "input_shape" in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shape_text_markdown_shown_verbatim(lang):
    app = open_page("benchmark", lang)
    app.text_input(key="bench_run_input_shape").set_value("**8**,![x](http://127.0.0.1/x.png)")
    app.button(key="bench_run_submit").click().run()
    assert_no_crash(app, lang)
    messages = error_texts(app)
    assert any(r"\*\*8\*\*" in message for message in messages)
    assert not any("![x](" in message for message in messages)
    assert app.text_input(key="bench_run_input_shape").value == "**8**,![x](http://127.0.0.1/x.png)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pasted_call_detail_not_dropped_as_html(lang):
    # literal_eval's message names the node as "<ast.Call object at 0x...>",
    # which Markdown would drop as an HTML tag.
    app = open_page("worked_example", lang)
    app.text_area(key="worked_w_text_image").set_value("np.array([1])").run()
    assert_no_crash(app, lang)
    assert any(r"\<ast.Call object at" in message for message in error_texts(app))
    assert app.text_area(key="worked_w_text_image").value == "np.array([1])"


def test_rejected_url_value_logged_short(caplog):
    with caplog.at_level(logging.INFO, logger="core.calculator"):
        config, notes = calculator.parse_query_params({"filters": "x" * 100_000})
    assert [note.name for note in notes] == ["filters"]
    assert "x" * 60 in caplog.text
    assert "x" * 61 not in caplog.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worked_ten_megabyte_paste_kept(lang):
    pasted = "[" + "1, " * (10 * 1024 * 1024 // 3) + "1]"
    app = open_page("worked_example", lang)
    app.text_area(key="worked_w_text_image").set_value(pasted).run()
    assert_no_crash(app, lang)
    expected = Translator(lang)("worked.literal_too_long", name="image", length=len(pasted), limit=worked.MAX_TEXT_CHARS)
    assert expected in error_texts(app)
    assert app.text_area(key="worked_w_text_image").value == pasted
