"""Measure the server's wall and CPU time of one script run, per page and per interaction.

Each sample is one ``AppTest.run()`` through the navigation frame: the page
script plus the serialization of its elements, in this process, without a
browser or websocket. An interaction that changes an input alternates
between two values, so no sample is a rerun with unchanged inputs. "open"
switches to the page from the home page and times only the switch. CPU
time is ``time.process_time()`` over all threads of this process, so it
includes the script thread that AppTest starts. TensorFlow is loaded
before the first sample, as it is in a classroom server once one student
has opened the worked example, because Streamlit's work after each script
run depends on whether Keras is imported.

Run from the repository root:

    python benchmarks/page_rerun_cost.py --reruns 10

NOTE: a cache in the app (``st.cache_data``) lives for the whole process, so
after the first samples an alternating interaction hits the cache for both
of its values. A classroom server is in this state after the first
student, and this is the reason the first, uncached samples are warm-up and not
counted. Timings on a shared machine are noisy; compare medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from core import worked_example as worked  # noqa: E402
from core.calculator import CHART_VIEWS  # noqa: E402
from core.tf_runtime import load_tensorflow  # noqa: E402

WARMUP_RERUNS = 2
HOME = "app_pages/home.py"


def open_app(lang: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    app.query_params["lang"] = lang
    app.run()
    return app


def check(app: AppTest, label: str) -> None:
    if app.exception:
        raise RuntimeError(f"{label} raised: {app.exception[0].message}")


def timed_run(app: AppTest, label: str) -> tuple[float, float]:
    """Run the script once and return its (wall, CPU) seconds."""
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    app.run()
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    check(app, label)
    return wall, cpu


def switch_to(page: str) -> Callable[[AppTest, int], None]:
    def prepare(app: AppTest, index: int) -> None:
        app.switch_page(HOME)
        app.run()
        app.switch_page(page)

    return prepare


def no_change(app: AppTest, index: int) -> None:
    """Rerun with unchanged inputs, as after a click on a widget of another section."""


def toggle_kernel_cell(app: AppTest, index: int) -> None:
    """Paste the Conv2D kernel back with its first value set to 1 or 2."""
    area = app.text_area(key="worked_w_text_conv_kernel")
    kernel = worked.parse_tensor(area.value, "conv_kernel")
    kernel = np.array(kernel, copy=True)
    kernel.flat[0] = 1 + index % 2
    area.set_value(worked.format_tensor(kernel))


def set_calculator_filters(app: AppTest, index: int) -> None:
    app.number_input(key="calculator_filters").set_value(128 if index % 2 == 0 else 64)


def set_slider(key: str, values: tuple) -> Callable[[AppTest, int], None]:
    def prepare(app: AppTest, index: int) -> None:
        app.select_slider(key=key).set_value(values[index % 2])

    return prepare


def select_chart(view: str) -> Callable[[AppTest], None]:
    def setup(app: AppTest) -> None:
        app.button_group(key="calculator_chart").set_value(view).run()

    return setup


def fix_depthwise(app: AppTest) -> None:
    app.button(key="worked_fix_depthwise_kernel").click().run()


# (page, interaction, setup run once after opening the page, change before each sample)
CASES: list[tuple[str, str, Callable[[AppTest], None] | None, Callable[[AppTest, int], None]]] = [
    ("home", "open", None, switch_to(HOME)),
    ("home", "rerun", None, no_change),
    ("worked_example", "open", None, switch_to("app_pages/worked_example.py")),
    ("worked_example", "rerun, classic example", None, no_change),
    ("worked_example", "rerun, after the fix", fix_depthwise, no_change),
    ("worked_example", "kernel edit, after the fix", fix_depthwise, toggle_kernel_cell),
    ("calculator", "open", None, switch_to("app_pages/calculator.py")),
    *[("calculator", f"filters, {view} chart", select_chart(view), set_calculator_filters) for view in CHART_VIEWS],
    ("benchmark", "open", None, switch_to("app_pages/benchmark.py")),
    ("benchmark", "rerun", None, no_change),
    ("architecture", "open", None, switch_to("app_pages/architecture.py")),
    ("architecture", "rerun, MobileNetV1", None, no_change),
    ("architecture", "alpha 1.0/0.5", None, set_slider("architecture_v1_alpha", (0.5, 1.0))),
    ("architecture", "resolution 224/128", None, set_slider("architecture_v1_resolution", (128, 224))),
]


def measure(page: str, interaction: str, setup, change, reruns: int, lang: str) -> tuple[list[float], list[float]]:
    app = open_app(lang)
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    check(app, page)
    if setup is not None:
        setup(app)
        check(app, page)
    walls, cpus = [], []
    for index in range(WARMUP_RERUNS + reruns):
        change(app, index)
        wall, cpu = timed_run(app, f"{page} ({interaction})")
        if index >= WARMUP_RERUNS:
            walls.append(wall)
            cpus.append(cpu)
    return walls, cpus


def cpu_name() -> str:
    try:
        import cpuinfo

        return cpuinfo.get_cpu_info().get("brand_raw", platform.processor())
    except ImportError:
        return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=10, help="timed reruns per interaction (default: 10)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="page language (default: en)")
    parser.add_argument("--page", action="append", help="measure only this page (repeatable, e.g. calculator)")
    args = parser.parse_args()
    if args.reruns < 1:
        parser.error(f"--reruns must be at least 1, received {args.reruns}")

    load_tensorflow()
    print(f"CPU: {cpu_name()}, {os.cpu_count()} logical cores; Python {platform.python_version()}")
    print(f"load average at start: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(f"median of {args.reruns} timed reruns after {WARMUP_RERUNS} warm-up reruns, lang={args.lang}")
    print(f"{'page':<15} {'interaction':<28} {'wall ms':>9} {'CPU ms':>9}")
    for page, interaction, setup, change in CASES:
        if args.page and page not in args.page:
            continue
        walls, cpus = measure(page, interaction, setup, change, args.reruns, args.lang)
        wall_ms, cpu_ms = statistics.median(walls) * 1000, statistics.median(cpus) * 1000
        print(f"{page:<15} {interaction:<28} {wall_ms:>9.0f} {cpu_ms:>9.0f}", flush=True)
    print(f"load average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
