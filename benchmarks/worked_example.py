"""Time the worked-example computations and the page, and report peak memory.

Run from the repository root:

    python benchmarks/worked_example.py [--repeat 20]

It times, as the median of ``--repeat`` runs after one warm-up call:

* the NumPy reference loops and TensorFlow's ops on the classic example
  and on the largest tensors the page accepts (8×8×4 image, 5×5 kernels,
  8 filters, depth_multiplier 4);
* the Keras SeparableConv2D run, which builds a layer on every call;
* one full render of the page under AppTest: the first run, a rerun, and
  with the largest tensors the run after switching to padding='same' (every
  heatmap changes, so none comes from the spec cache) and a plain rerun.

Figures depend on the machine and its load; the script prints the CPU it ran
on. Peak resident memory is the process maximum (``ru_maxrss``), which
includes TensorFlow itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from core import reference  # noqa: E402
from core import worked_example as worked  # noqa: E402
from core.tf_runtime import load_tensorflow  # noqa: E402


def median_ms(function, repeat: int) -> float:
    """Return the median wall time of ``function()`` in milliseconds, after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cases() -> dict[str, dict[str, np.ndarray]]:
    classic = worked.classic_example()
    classic["depthwise_kernel"] = worked.corrected_depthwise_kernel(classic["depthwise_kernel"], 3)
    rng = np.random.default_rng(0)
    largest = {
        "image": worked.random_tensor((worked.MAX_SPATIAL, worked.MAX_SPATIAL, worked.MAX_CHANNELS), rng, 0, 4),
        "conv_kernel": worked.random_tensor((5, 5, worked.MAX_CHANNELS, worked.MAX_OUT_CHANNELS), rng),
        "depthwise_kernel": worked.random_tensor((5, 5, worked.MAX_CHANNELS, worked.MAX_DEPTH_MULTIPLIER), rng),
        "pointwise_kernel": worked.random_tensor(
            (1, 1, worked.MAX_CHANNELS * worked.MAX_DEPTH_MULTIPLIER, worked.MAX_OUT_CHANNELS), rng
        ),
    }
    return {"classic": classic, "largest (8x8x4, 5x5)": largest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per figure (default: 20)")
    args = parser.parse_args()

    start = time.perf_counter()
    load_tensorflow()
    import_s = time.perf_counter() - start
    import cpuinfo

    cpu = cpuinfo.get_cpu_info().get("brand_raw") or platform.machine()
    print(f"CPU: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}")
    print(f"TensorFlow import: {import_s:.2f} s")
    print(f"{'case':<22} {'computation':<34} {'median ms':>10}")
    for name, tensors in cases().items():
        image = tensors["image"]
        options = {"padding": "same"}
        rows = {
            "reference.conv2d": lambda: reference.conv2d(image[None], tensors["conv_kernel"], **options),
            "reference.depthwise_conv2d": lambda: reference.depthwise_conv2d(
                image[None], tensors["depthwise_kernel"], **options
            ),
            "tf_conv2d (tf.nn.conv2d)": lambda: worked.tf_conv2d(image, tensors["conv_kernel"], **options),
            "tf_depthwise_conv2d": lambda: worked.tf_depthwise_conv2d(image, tensors["depthwise_kernel"], **options),
            "keras_separable_conv2d": lambda: worked.keras_separable_conv2d(
                image, tensors["depthwise_kernel"], tensors["pointwise_kernel"], **options
            ),
            "conv2d_steps (one element)": lambda: worked.conv2d_steps(image, tensors["conv_kernel"], 0, 0, 0, **options),
        }
        for label, function in rows.items():
            print(f"{name:<22} {label:<34} {median_ms(function, args.repeat):>10.2f}")

    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    app.switch_page("app_pages/worked_example.py")
    start = time.perf_counter()
    app.run()
    first_ms = (time.perf_counter() - start) * 1000
    rerun_ms = median_ms(app.run, max(3, args.repeat // 5))
    print(f"{'page (AppTest)':<22} {'first run':<34} {first_ms:>10.0f}")
    print(f"{'page (AppTest)':<22} {'rerun, median':<34} {rerun_ms:>10.0f}")

    for kind, tensor in cases()["largest (8x8x4, 5x5)"].items():
        app.text_area(key=f"worked_w_text_{kind}").input(worked.format_tensor(tensor)).run()
    app.segmented_control(key="worked_w_padding").set_value("same")
    start = time.perf_counter()
    app.run()
    changed_ms = (time.perf_counter() - start) * 1000
    largest_ms = median_ms(app.run, max(3, args.repeat // 5))
    print(f"{'page (AppTest)':<22} {'largest, after padding change':<34} {changed_ms:>10.0f}")
    print(f"{'page (AppTest)':<22} {'largest, rerun, median':<34} {largest_ms:>10.0f}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak resident memory of this process: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
