"""Measure the calculator page's rerun time after a widget change, under Streamlit's AppTest.

Each sample changes ``filters`` (alternating between two values, so every
rerun recomputes) and times ``AppTest.run()``: the navigation frame plus
the page, in this process, without a browser or network. The first reruns
are warm-up and not counted. Prints the median and spread per chart view.

Run from the repository root:

    python benchmarks/calculator_rerun.py --reruns 30

NOTE: AppTest time excludes the browser's rendering and the websocket, so in
a real browser the delay is longer. Timings on a shared machine are noisy;
compare medians, not single runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from core.calculator import CHART_VIEWS  # noqa: E402

WARMUP_RERUNS = 3


def open_calculator(lang: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("app_pages/calculator.py")
    app.run()
    if app.exception:
        raise RuntimeError(f"The calculator page raised: {app.exception}")
    return app


def time_reruns(app: AppTest, reruns: int) -> list[float]:
    """Return the seconds of ``reruns`` reruns, each after a change of ``filters``."""
    widget_key = "calculator_filters"
    samples = []
    for index in range(WARMUP_RERUNS + reruns):
        value = 128 if index % 2 == 0 else 64
        app.number_input(key=widget_key).set_value(value)
        start = time.perf_counter()
        app.run()
        elapsed = time.perf_counter() - start
        if app.exception:
            raise RuntimeError(f"The calculator page raised: {app.exception}")
        if index >= WARMUP_RERUNS:
            samples.append(elapsed)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30, help="timed reruns per chart view (default: 30, min 20)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="page language (default: en)")
    args = parser.parse_args()
    if args.reruns < 20:
        parser.error("--reruns must be at least 20 for a stable median")

    try:
        import cpuinfo

        cpu = cpuinfo.get_cpu_info().get("brand_raw", platform.processor())
    except ImportError:
        cpu = platform.processor()
    print(f"CPU: {cpu}, {os.cpu_count()} logical cores; Python {platform.python_version()}")
    print(f"{args.reruns} timed reruns per view after {WARMUP_RERUNS} warm-up reruns, lang={args.lang}")
    print(f"{'chart view':<10} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'max ms':>8}")

    app = open_calculator(args.lang)
    for view in CHART_VIEWS:
        app.button_group(key="calculator_chart").set_value(view).run()
        samples = sorted(seconds * 1000 for seconds in time_reruns(app, args.reruns))
        p90 = samples[min(len(samples) - 1, int(0.9 * len(samples)))]
        print(f"{view:<10} {statistics.median(samples):>10.1f} {p90:>8.1f} {samples[0]:>8.1f} {samples[-1]:>8.1f}")
    print("tensorflow imported:", "tensorflow" in sys.modules)


if __name__ == "__main__":
    main()
