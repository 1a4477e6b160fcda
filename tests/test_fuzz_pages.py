"""Fuzz every page through the navigation frame: random URLs, widget values and clicks.

Each example opens the frame with random query parameters, switches to one
page and then drives a random sequence of that page's widgets. The widgets
are discovered from the rendered element tree on every step, so a widget
added to a page later is fuzzed without a change here. After every run the
page must have raised nothing, shown no traceback and still rendered its
title and main content (or its message about the invalid input).

What AppTest cannot drive (Streamlit 1.67):

- ``st.data_editor``: AppTest exposes it as a read-only dataframe. The
  parsers behind the two editors are fuzzed at the core level at the end of
  this file (``custom_network`` rows and ``check_values`` grids).
- Tabs and expanders need no click: AppTest runs and returns the content of
  every tab and expander, so their widgets are in the tree from the start.
- Download buttons are skipped because they take no input.

Scale: ``CONVLAB_FUZZ_EXAMPLES=N`` runs N examples per page and language
(default: the ``examples`` of each ``PageCase``, 302 in all).
``CONVLAB_FUZZ_FULL_RANGE=1`` lifts the cost caps, so the expensive
buttons are pressed too and widgets take their full ranges. Examples are
derandomized, so CI runs the same examples on every run.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import os
import tempfile
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.proto.NumberInput_pb2 import NumberInput as NumberInputProto
from streamlit.testing.v1 import AppTest

from core import worked_example as worked
from core.architectures import ROW_BLOCKS, ROW_COLUMNS, custom_network
from core.calculator import CalculatorConfig
from core.errors import ConfigError
from core.i18n import LANGUAGES, Translator
from tests.conftest import ROOT

#: Examples per page and language; 0 keeps each PageCase's CI count.
EXAMPLES = int(os.environ.get("CONVLAB_FUZZ_EXAMPLES", "0"))
#: With CONVLAB_FUZZ_FULL_RANGE=1 the cost caps are lifted, the expensive
#: buttons are pressed and each example takes more steps and longer texts.
FULL_RANGE = os.environ.get("CONVLAB_FUZZ_FULL_RANGE") == "1"
#: Maximum widget interactions after the page opens, per example.
MAX_ACTIONS = 6 if FULL_RANGE else 2
#: Length of the longest drawn text. The worked example's paste box accepts
#: 20,000 characters, so longer text checks its length limit.
LONG_TEXT_CHARS = 10 * 1024 * 1024 if FULL_RANGE else 100_000
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/')


# ---------------------------------------------------------------- pages


@dataclasses.dataclass(frozen=True)
class PageCase:
    """One page under fuzzing.

    ``main_content(app, t)`` returns whether the page rendered its main
    content or its message about the input. ``cost_caps`` bounds widgets
    whose full range only makes a run slower (widget key -> (low, high)) and
    ``expensive`` lists buttons that build or time whole Keras models; both
    apply only without ``CONVLAB_FUZZ_FULL_RANGE=1``, and so does
    ``cheap_start``, the widget values set before the first drawn step.
    ``keras_upload`` marks
    a page with a ``.keras`` upload, whose seed file is saved before drawing.
    """

    script: str
    title_key: str
    main_content: Callable[[AppTest, Translator], bool]
    examples: int
    cost_caps: dict[str, tuple[float, float]] = dataclasses.field(default_factory=dict)
    cheap_start: dict[str, object] = dataclasses.field(default_factory=dict)
    expensive: frozenset[str] = frozenset()
    keras_upload: bool = False


def texts(elements) -> list[str]:
    return [str(element.value) for element in elements]


def home_content(app: AppTest, t: Translator) -> bool:
    return t("home.pages_heading") in texts(app.subheader)


def worked_content(app: AppTest, t: Translator) -> bool:
    return t("worked.results_heading") in texts(app.header) and t("worked.cost_heading") in texts(app.header)


def calculator_content(app: AppTest, t: Translator) -> bool:
    headings = texts(app.subheader)
    return t("calculator.table_heading") in headings and t("calculator.charts_heading") in headings


def benchmark_content(app: AppTest, t: Translator) -> bool:
    return t("benchmark.run") in [button.label for button in app.button]


def architecture_content(app: AppTest, t: Translator) -> bool:
    headings = texts(app.subheader)
    if t("architecture.count_heading") not in headings:
        return False
    # Either the network's results or a message about the network's inputs.
    infos = texts(app.info)
    return (
        t("architecture.charts_heading") in headings
        or len(app.error) > 0
        or t("architecture.no_valid_rows") in infos
    )


BENCH_COST_CAPS = {
    f"{prefix}_{name}": (low, high)
    for prefix in ("bench_run", "bench_sweep")
    for name, low, high in (("repeats", 1, 3), ("warmup", 0, 1), ("time_budget", 0.1, 0.1))
}
BENCH_CHEAP_START = {
    **{key: high for key, (_, high) in BENCH_COST_CAPS.items()},
    "bench_run_input_shape": "16,16,8",
    "bench_sweep_input_shape": "16,16,8",
    "bench_sweep_values": "4,8",
}

PAGES = {
    "home": PageCase("app_pages/home.py", "home.title", home_content, examples=60),
    "worked_example": PageCase("app_pages/worked_example.py", "worked.title", worked_content, examples=18),
    "calculator": PageCase("app_pages/calculator.py", "calculator.title", calculator_content, examples=35),
    "benchmark": PageCase(
        "app_pages/benchmark.py",
        "benchmark.title",
        benchmark_content,
        examples=18,
        # A run times every layer for up to time_budget seconds after the
        # warm-up calls; these caps keep one click under about a second.
        cost_caps=BENCH_COST_CAPS,
        cheap_start=BENCH_CHEAP_START,
        expensive=frozenset({"bench_remeasure_run", "bench_remeasure_sweep"}),
    ),
    "architecture": PageCase(
        "app_pages/architecture.py",
        "architecture.title",
        architecture_content,
        examples=20,
        cost_caps={"architecture_application_resolution": (32, 96), "architecture_timing_repeats": (1, 2)},
        expensive=frozenset({"architecture_timing_run"}),
        keras_upload=True,
    ),
}


# ---------------------------------------------------------------- drawn values


SPECIAL_TEXTS = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "None",
    "True",
    "9" * 400,
    "-" + "9" * 5000,
    "1_000",
    "0x10",
    "١٢",
    "３",
    "56,56,32",
    "8,8,4",
    "0,0,0",
    "-8,8,4",
    "1,1,1",
    "4096,4096,4096",
    "99999999999999999999,1,1",
    "8,,8",
    "8;8;4",
    "[[[1, 2], [3, 4]]]",
    "[[[[1.0]]]]",
    "[[[1e309]]]",
    "[[[nan]]]",
    "[[[float('nan')]]]",
    "[[[1, 2], [3]]]",
    "[]",
    "[[]]",
    "[[[]]]",
    "(((1,),),)",
    "[[[True, False]]]",
    "[[['a']]]",
    "[[[1+2j]]]",
    "{'a': 1}",
    "{1, 2}",
    '{"schema": "convlab-bench/1"}',
    "__import__('os').system('echo hacked')",
    "().__class__.__bases__[0].__subclasses__()",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` [link](javascript:alert(1))",
    "$$\\frac{1}{0}$$",
    ":material/home: :red[red]",
    "卷积 深度可分离 ３×３",
    "\x00\x01\x02",
    "\u202e\u200b\ufeff",
    "🙂" * 50,
    "\n" * 50,
    "%s %d {} {0} {name}",
]


def nested_brackets(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


@st.composite
def list_literals(draw) -> str:
    """A nested list literal of small shape with numbers, some of them odd."""
    rank = draw(st.integers(1, 5))
    shape = [draw(st.integers(0, 4)) for _ in range(rank)]
    number = st.one_of(
        st.integers(-5, 5).map(str),
        st.sampled_from(["1e308", "-1e308", "1e-320", "0.5", "-0.0", "10**400", "1" * 30]),
    )

    def build(level: int) -> str:
        if level == rank:
            return draw(number)
        return "[" + ", ".join(build(level + 1) for _ in range(shape[level])) + "]"

    return build(0)


def any_text(max_chars: int | None) -> st.SearchStrategy:
    """Arbitrary text for a text box, cut to ``max_chars`` as the browser does."""
    strategy = st.one_of(
        st.sampled_from(SPECIAL_TEXTS),
        st.text(max_size=80),
        st.lists(st.integers(-(10**6), 10**6), min_size=0, max_size=14).map(lambda items: ",".join(map(str, items))),
        list_literals(),
        st.integers(1, 3000).map(nested_brackets),
        st.sampled_from([2000, 30_000, LONG_TEXT_CHARS]).map(lambda length: ("1, " * length)[:length]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
            lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
            max_leaves=12,
        ).map(json.dumps),
    )
    if max_chars:
        return strategy.map(lambda text: text[:max_chars])
    return strategy


def number_values(widget, caps: tuple[float, float] | None) -> st.SearchStrategy:
    """Values a browser lets the user type into a number input: the bounds, 0, 1, -1 and any value between."""
    is_int = widget.proto.data_type == NumberInputProto.INT
    low = widget.min if widget.min is not None else -(10**12)
    high = widget.max if widget.max is not None else 10**12
    if caps is not None:
        low, high = max(low, caps[0]), min(high, caps[1])
    edges = [value for value in (low, high, 0, 1, -1, low + 1, high - 1) if low <= value <= high]
    if is_int:
        inside = st.integers(int(math.ceil(low)), int(math.floor(high)))
        edges = [int(value) for value in edges]
    else:
        inside = st.floats(low, high, allow_nan=False, allow_infinity=False)
        edges = [float(value) for value in edges]
    # The two bounds get a branch of their own, so each is drawn about once in five draws.
    return st.one_of(st.sampled_from(edges[:2]), st.sampled_from(edges), inside)


def raw_options(app: AppTest, widget) -> list:
    """Return the option values behind a select widget's formatted labels.

    NOTE: AppTest exposes only the labels after ``format_func``. The values
    come from the widget's deserializer in the session state, which is
    Streamlit's internal layout (1.67); labels are the fallback.
    """
    state = app.session_state._state._state  # SafeSessionState -> SessionState
    metadata = state._new_widget_state.widget_metadata.get(widget.id)
    serde = getattr(getattr(metadata, "deserializer", None), "__self__", None)
    options = getattr(serde, "options", None)
    return list(options) if options is not None else list(widget.options)


@st.composite
def benchmark_json(draw) -> bytes:
    """A file for the benchmark upload: random bytes, any JSON, or a result-shaped object with odd fields."""
    value = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.sampled_from(["-1", "1e309"])
    )
    row = st.fixed_dictionaries(
        {"layer": st.sampled_from(["Conv2D", "DepthwiseConv2D", "SeparableConv2D", "<b>x</b>", ""]) | value},
        optional={
            name: value | st.floats(0, 10)
            for name in ("median_s", "p10_s", "p90_s", "first_call_s", "runs", "macs", "flops", "gflops_per_s")
        },
    )
    result = st.fixed_dictionaries(
        {
            "schema": st.sampled_from(["convlab-bench/1", "convlab-bench/999", "other"]),
            "measured_at": st.text(max_size=30) | value,
            "machine": st.dictionaries(st.sampled_from(["host", "cpu_model", "tensorflow"]), st.text(max_size=300) | value),
            "layers": st.lists(row, max_size=5) | value,
        }
    ).map(json.dumps)
    choice = draw(st.sampled_from(["bytes", "json", "result", "deep"]))
    if choice == "bytes":
        return draw(st.binary(max_size=200))
    if choice == "deep":
        return ("[" * draw(st.integers(100, 100_000))).encode()
    if choice == "json":
        return draw(any_text(None)).encode("utf-8", "surrogatepass")
    return draw(result).encode()


@lru_cache(maxsize=1)
def small_keras_file() -> bytes:
    """Return a real ``.keras`` file of a small Conv2D + DepthwiseConv2D model."""
    from core.tf_runtime import load_tensorflow

    _, keras = load_tensorflow()
    inputs = keras.Input((8, 8, 3))
    hidden = keras.layers.Conv2D(4, 3)(inputs)
    outputs = keras.layers.DepthwiseConv2D(3)(hidden)
    model = keras.Model(inputs, outputs)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "small.keras"
        model.save(path)
        return path.read_bytes()


def replace_member(archive: bytes, name: str, content: bytes) -> bytes:
    """Return ``archive`` with member ``name`` replaced by ``content``."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return output.getvalue()


@st.composite
def keras_files(draw) -> bytes:
    """A file for the ``.keras`` upload: random bytes, a zip of junk, or a real model with a changed config."""
    choice = draw(st.sampled_from(["bytes", "zip", "real", "config", "weights"]))
    if choice == "bytes":
        return draw(st.binary(max_size=300))
    if choice == "zip":
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            for name in draw(st.lists(st.sampled_from(["config.json", "metadata.json", "model.weights.h5", "x"]), max_size=3)):
                archive.writestr(name, draw(st.binary(max_size=100)))
        return output.getvalue()
    real = small_keras_file()
    if choice == "real":
        return real
    if choice == "weights":
        return replace_member(real, "model.weights.h5", draw(st.binary(max_size=200)))
    config = json.loads(zipfile.ZipFile(io.BytesIO(real)).read("config.json"))
    layers = config["config"]["layers"]
    layer = layers[draw(st.integers(0, len(layers) - 1))]["config"]
    field = draw(st.sampled_from(sorted(layer)))
    layer[field] = draw(
        st.one_of(
            st.sampled_from([None, -1, 0, 10**9, "same", [3, 3], [-3, 0], {}, "x" * 100, 1e309, float("nan")]),
            st.integers(),
            st.text(max_size=10),
        )
    )
    return replace_member(real, "config.json", json.dumps(config).encode())


# ---------------------------------------------------------------- driving the page


SELECT_TYPES = ("selectbox", "radio", "select_slider", "button_group", "multiselect")
#: Widgets that start work when used, so an action uses one of them alone.
ONE_AT_A_TIME = ("button", "file_uploader")


def discover(app: AppTest, case: PageCase) -> list:
    """Return the enabled widgets a user can change on the current page, in tree order."""
    found = []
    lists = (
        app.number_input,
        app.slider,
        app.select_slider,
        app.selectbox,
        app.multiselect,
        app.radio,
        app.checkbox,
        app.toggle,
        app.text_input,
        app.text_area,
        app.button,
        app.button_group,
        app.get("file_uploader"),
    )
    for widgets in lists:
        for widget in widgets:
            if getattr(widget.proto, "disabled", False):
                continue
            if not FULL_RANGE and widget.key in case.expensive:
                continue
            found.append(widget)
    return found


def draw_action(data, app: AppTest, case: PageCase, widget) -> str:
    """Set a drawn value on ``widget`` (or click it) and return what was done, for the failure report."""
    kind = widget.type
    caps = None if FULL_RANGE else case.cost_caps.get(widget.key)
    if kind == "number_input":
        value = data.draw(number_values(widget, caps), label=f"{widget.key}")
        widget.set_value(value)
    elif kind == "slider":
        low, high = widget.proto.min, widget.proto.max
        value = data.draw(st.sampled_from([low, high]) | st.integers(int(low), int(high)), label=f"{widget.key}")
        widget.set_value(value)
    elif kind in SELECT_TYPES:
        options = raw_options(app, widget)
        if not options:
            return f"{kind} {widget.key}: no options"
        multiple = kind == "multiselect" or (kind == "button_group" and isinstance(widget.value, list))
        if multiple:
            value = data.draw(st.lists(st.sampled_from(options), unique=True, max_size=len(options)), label=widget.key)
        else:
            value = data.draw(st.sampled_from(options), label=f"{widget.key}")
        widget.set_value(value)
    elif kind in ("checkbox", "toggle"):
        value = data.draw(st.booleans(), label=f"{widget.key}")
        widget.set_value(value)
    elif kind in ("text_input", "text_area"):
        value = data.draw(any_text(widget.proto.max_chars or None), label=f"{widget.key}")
        widget.input(value)
        value = f"{len(value)} chars {value[:80]!r}"
    elif kind == "button":
        widget.click()
        value = "click"
    elif kind == "file_uploader":
        allowed = list(widget.proto.type)
        if ".keras" in allowed:
            content = data.draw(keras_files(), label=f"{widget.key}")
            name = "model.keras"
        else:
            content = data.draw(benchmark_json(), label=f"{widget.key}")
            name = "result.json"
        widget.set_value((name, content, "application/octet-stream"))
        value = f"{len(content)} bytes {content[:60]!r}"
    else:
        return f"{kind} {widget.key}: not driven"
    return f"{kind} {widget.key} = {value}"


@st.composite
def query_params(draw) -> dict[str, object]:
    """URL parameters for the first run: every key a page reads, with garbage, plus unknown keys."""
    garbage = st.one_of(
        st.sampled_from(SPECIAL_TEXTS[:50]),
        st.text(max_size=40),
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(["3x5", "3X5", "2,1", "1x1x1", "x", "0x0", "256x256", "true", "off", "same", "bfloat16"]),
    )
    known = ["lang", "chart", *(field.name for field in dataclasses.fields(CalculatorConfig))]
    params: dict[str, object] = {}
    for key in draw(st.lists(st.sampled_from(known), unique=True, max_size=len(known))):
        # A list becomes a repeated key (?filters=1&filters=2).
        params[key] = draw(garbage | st.lists(garbage, min_size=2, max_size=3))
    for key in draw(st.lists(st.text(min_size=1, max_size=10), max_size=3)):
        params.setdefault(key, draw(garbage))
    return params


def shown_texts(app: AppTest) -> list[str]:
    """Return the text of every element that shows text, main area and sidebar."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success", "code", "text", "latex")
    shown = []
    for kind in kinds:
        shown.extend(str(element.value) for element in app.get(kind))
    return shown


def check_page(app: AppTest, case: PageCase, steps: list[str]) -> None:
    """Assert that the last run raised nothing, showed no traceback and rendered the page."""
    language = app.session_state["lang"] if "lang" in app.session_state else "en"
    t = Translator(language)
    trail = "\n  ".join(steps)
    assert not app.exception, f"exception after:\n  {trail}\n{[e.value for e in app.exception]}"
    tracebacks = [text[:300] for text in shown_texts(app) if any(marker in text for marker in TRACEBACK_MARKERS)]
    assert tracebacks == [], f"traceback shown after:\n  {trail}"
    unexpected = t("common.unexpected_error", detail="\x00").split("\x00")[0]
    assert not [text for text in texts(app.error) if text.startswith(unexpected)], f"unexpected error after:\n  {trail}"
    assert texts(app.title)[:1] == [t(case.title_key)], f"title missing after:\n  {trail}"
    assert case.main_content(app, t), f"main content missing after:\n  {trail}"


@lru_cache(maxsize=1)
def component_manager():
    """One component registry for every AppTest of this file.

    NOTE: AppTest scans every installed package for component manifests on
    its first run, about 0.3 s here, which is most of a small page's run.
    Sharing the result sets a private attribute of AppTest (Streamlit 1.67).
    """
    from streamlit.components.v2.component_manager import BidiComponentManager

    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def open_page(case: PageCase, params: dict[str, object]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300 if FULL_RANGE else 120)
    app._bidi_component_manager = component_manager()
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(case.script)
    app.run()
    return app


def fuzz_page(case: PageCase, language: str, data) -> None:
    if case.keras_upload:
        # Keras draws random initial weights, which hypothesis forbids inside a strategy.
        small_keras_file()
    params = data.draw(query_params(), label="query params")
    # The language under test wins over a drawn ?lang=, which still comes
    # first in a repeated key so its garbage is parsed too.
    drawn_lang = params.get("lang")
    params["lang"] = [*(drawn_lang if isinstance(drawn_lang, list) else []), language] if drawn_lang else language
    steps = [f"open {case.script} with {params!r:.500}"]
    app = open_page(case, params)
    check_page(app, case, steps)

    if not FULL_RANGE and case.cheap_start:
        for key, value in case.cheap_start.items():
            widget = app.text_input(key=key) if isinstance(value, str) else app.number_input(key=key)
            widget.set_value(value)
        app.run()
        steps.append(f"cheap start {case.cheap_start}")
        check_page(app, case, steps)

    for _ in range(data.draw(st.integers(0, MAX_ACTIONS), label="actions")):
        widgets = discover(app, case)
        if not widgets:
            break
        if data.draw(st.booleans(), label="change many"):
            # Many value widgets at once reach combined states (large filters
            # and large groups, say) in one run. A user gets there one change
            # at a time, and the single changes are drawn too.
            for widget in widgets:
                if widget.type not in ONE_AT_A_TIME and data.draw(st.booleans(), label=f"change {widget.key}"):
                    steps.append(draw_action(data, app, case, widget))
        else:
            widget = data.draw(st.sampled_from(widgets), label="widget")
            steps.append(draw_action(data, app, case, widget))
        app.run()
        check_page(app, case, steps)


def page_settings(case: PageCase):
    return settings(
        max_examples=EXAMPLES or case.examples,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


def make_page_test(name: str):
    case = PAGES[name]

    @pytest.mark.parametrize("language", sorted(LANGUAGES))
    @page_settings(case)
    @given(data=st.data())
    def test(language, data):
        fuzz_page(case, language, data)

    test.__name__ = f"test_fuzz_{name}"
    return test


test_fuzz_home = make_page_test("home")
test_fuzz_worked_example = make_page_test("worked_example")
test_fuzz_calculator = make_page_test("calculator")
test_fuzz_benchmark = make_page_test("benchmark")
test_fuzz_architecture = make_page_test("architecture")


def test_every_page_fuzzed():
    """A page added to the navigation must get a PageCase here."""
    from ui.navigation import HOME
    from ui.navigation import PAGES as NAVIGATION_PAGES

    scripts = {entry.script for entry in [HOME, *NAVIGATION_PAGES]}
    assert scripts == {case.script for case in PAGES.values()}


# ---------------------------------------------------------------- data editors at the core level


CELL = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ROW_BLOCKS),
    st.text(max_size=8),
)


@settings(max_examples=300 if not FULL_RANGE else 3000, deadline=None, derandomize=True, database=None)
@given(
    rows=st.lists(st.fixed_dictionaries({column: CELL for column in ROW_COLUMNS}), max_size=8),
    resolution=st.integers(1, 1024),
    channels=st.integers(1, 64),
    include_top=st.booleans(),
    classes=st.integers(1, 100000),
)
def test_custom_rows_fuzz(rows, resolution, channels, include_top, classes):
    """The custom block table's rows, as the editor can return them: every row valid, skipped with an error, or the table rejected."""
    frame = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    # The page turns pandas's missing values into None the same way.
    cleaned = [{key: (None if pd.isna(value) else value) for key, value in record.items()} for record in frame.to_dict("records")]
    try:
        network = custom_network(
            cleaned, resolution=resolution, channels=channels, include_top=include_top, classes=classes, name="fuzz"
        )
    except ConfigError as error:
        assert has_translation(error), error.code
        return
    for error in network.errors.values():
        assert has_translation(error), error.code
    assert network.architecture is not None


def has_translation(error: ConfigError) -> bool:
    """Return whether the catalogue has a Chinese message for ``error``, so the page never shows raw English."""
    return any(Translator("zh").has(key) for key in (f"errors.{error.code}", error.code))


@settings(max_examples=300 if not FULL_RANGE else 3000, deadline=None, derandomize=True, database=None)
@given(
    kind=st.sampled_from(["image", "conv_kernel", "depthwise_kernel", "pointwise_kernel"]),
    cells=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=4),
)
def test_grid_values_fuzz(kind, cells):
    """A grid edit of the worked example's tensors is accepted only when every value is finite and in range."""
    tensor = worked.classic_example()[kind].copy()
    flat = tensor.reshape(-1)
    flat[: len(cells)] = cells[: flat.size]
    candidate = flat.reshape(tensor.shape)
    valid = bool(np.all(np.isfinite(candidate)) and np.all(np.abs(candidate) <= worked.MAX_ABS_VALUE))
    try:
        worked.check_values(candidate, kind)
    except ConfigError as error:
        assert not valid, error
        return
    assert valid
