"""Results as tables, CSV and JSON, and the checks that make an uploaded JSON trustworthy.

The JSON format (``runner.SCHEMA``) is what ``python -m core.bench --format
json`` prints and what the page's download contains:

* ``schema``, ``measured_at`` (UTC, ISO 8601), ``wall_s``;
* ``machine``: host, CPU model, logical cores, platform, Python,
  TensorFlow and Keras versions, device, intra- and inter-op threads;
* ``peak``: ``peak_gflops``, ``bandwidth_gbytes_per_s``, ``ridge_intensity``;
* ``config``: the ``BenchConfig`` fields;
* ``sweep``: ``null``, or the swept parameter and its values;
* ``layers``: one object per layer kind (and sweep value) with at least
  ``REQUIRED_LAYER_FIELDS``; see ``runner.layer_row`` for the others.
"""

from __future__ import annotations

import json
import math
import sys

import pandas as pd

from core.bench.config import LAYER_KINDS
from core.bench.runner import SCHEMA, BenchResult
from core.bench.sweep import MAX_SWEEP_POINTS
from core.errors import ConfigError

#: Fields every layer row of a result must have, all numbers except ``layer``.
REQUIRED_LAYER_FIELDS = (
    "layer",
    "median_s",
    "p10_s",
    "p90_s",
    "first_call_s",
    "runs",
    "macs",
    "flops",
    "gflops_per_s",
)
#: Largest result file ``load_result_json`` parses, in bytes. A full sweep (72
#: rows, each with up to 500 raw times of about 20 characters) needs an
#: estimated 0.8 MB. Parsing 48 MB of "{}," took 1.2 GB of memory (CPython
#: 3.11), so larger files are rejected before parsing.
MAX_RESULT_BYTES = 4 * 1024 * 1024
#: Most layer rows a result can have: every layer kind at every sweep point.
MAX_RESULT_ROWS = len(LAYER_KINDS) * MAX_SWEEP_POINTS
#: Columns of the results table and CSV, in order; raw times stay in the JSON only.
TABLE_COLUMNS = [
    "layer",
    "keras_layers",
    "mode",
    "dtype",
    "batch_size",
    "input_shape",
    "output_shape",
    "params",
    "macs",
    "flops",
    "bytes",
    "arithmetic_intensity",
    "first_call_s",
    "median_s",
    "p10_s",
    "p90_s",
    "min_s",
    "runs",
    "gflops_per_s",
    "gbytes_per_s",
    "roofline_bound_s",
    "roofline_fraction",
    "bound",
]
#: Where-and-when columns added to every CSV row, so a row read alone is still stamped.
STAMP_COLUMNS = ["measured_at", "host", "cpu_model", "tensorflow", "device"]


def result_table(result: BenchResult) -> pd.DataFrame:
    """Return one row per measured layer kind with ``TABLE_COLUMNS`` (and the sweep columns of a sweep)."""
    frame = pd.DataFrame(result.rows)
    columns = [column for column in ("sweep_parameter", "sweep_value") if column in frame.columns]
    columns += [column for column in TABLE_COLUMNS if column in frame.columns]
    frame = frame[columns].copy()
    for column in ("input_shape", "output_shape"):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda shape: "×".join(str(size) for size in shape))
    return frame


def result_csv(result: BenchResult) -> str:
    """Return the results table as CSV, each row stamped with when and where it was measured."""
    frame = result_table(result)
    # Plain "x" in shapes, so spreadsheets that read CSV as ASCII show them intact.
    for column in ("input_shape", "output_shape"):
        frame[column] = frame[column].str.replace("×", "x")
    frame.insert(0, "measured_at", result.measured_at)
    for column in STAMP_COLUMNS[1:]:
        frame[column] = result.machine.get(column, "")
    return frame.to_csv(index=False)


def result_json(result: BenchResult) -> str:
    """Return the result in the documented JSON format, indented for reading."""
    return json.dumps(result.as_dict(), indent=2, ensure_ascii=False)


def _fail(code: str, message: str, **params: object) -> ConfigError:
    return ConfigError(f"benchmark.{code}", message, **params)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def load_result_json(data: bytes | str) -> BenchResult:
    """Parse and check a result written by ``python -m core.bench --format json`` or the page.

    Raises:
        ConfigError: ``benchmark.json_too_large`` (over ``MAX_RESULT_BYTES``),
            ``benchmark.json_unreadable`` (not UTF-8 JSON),
            ``benchmark.json_too_deep`` (nested past Python's recursion
            limit), ``benchmark.json_number_too_long`` (an integer past
            ``sys.get_int_max_str_digits()``),
            ``benchmark.json_too_many_rows`` (more than ``MAX_RESULT_ROWS``),
            ``benchmark.json_not_result`` (not an object in this format),
            ``benchmark.json_missing_field`` or ``benchmark.json_bad_value``
            (a layer row without a required field, or with a negative, zero
            or non-numeric timing), each naming the field and the row.
    """
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    if size > MAX_RESULT_BYTES:
        raise _fail(
            "json_too_large",
            f"The file is {size:,} bytes, larger than the {MAX_RESULT_BYTES:,}-byte limit for a benchmark result. "
            "Upload the file written by python -m core.bench --format json.",
            size=f"{size:,}",
            limit=f"{MAX_RESULT_BYTES:,}",
        )
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail("json_unreadable", f"The file is not valid UTF-8 JSON: {exc}.", detail=str(exc)) from exc
    except RecursionError as exc:
        raise _fail(
            "json_too_deep",
            "The file is JSON nested too deeply to read. A benchmark result has only a few levels. "
            "Upload the file written by python -m core.bench --format json.",
        ) from exc
    except ValueError as exc:
        # json raises a plain ValueError for an integer of more than 4300 digits
        # (Python's int_max_str_digits), which no benchmark field contains.
        raise _fail(
            "json_number_too_long",
            f"The file contains a number with more than {sys.get_int_max_str_digits()} digits, "
            "which no benchmark result contains. Upload the file written by python -m core.bench --format json.",
            limit=sys.get_int_max_str_digits(),
        ) from exc

    if not isinstance(document, dict) or not str(document.get("schema", "")).startswith("convlab-bench/"):
        raise _fail(
            "json_not_result",
            f"The file is JSON but not a benchmark result. Expected an object with \"schema\": \"{SCHEMA}\", "
            "as written by python -m core.bench --format json.",
            schema=SCHEMA,
        )
    for field, kind in (("measured_at", str), ("machine", dict), ("layers", list)):
        if not isinstance(document.get(field), kind):
            raise _fail(
                "json_missing_field",
                f"The result has no valid `{field}`.",
                field=field,
                row="-",
            )
    layers = document["layers"]
    if not layers:
        raise _fail("json_missing_field", "The result has no layer rows.", field="layers", row="-")
    if len(layers) > MAX_RESULT_ROWS:
        # Each row is compared and charted, so a padded file would stall the page.
        raise _fail(
            "json_too_many_rows",
            f"The result has {len(layers):,} layer rows, but a benchmark writes at most {MAX_RESULT_ROWS} "
            "(every layer kind at every sweep point). "
            "Upload the file written by python -m core.bench --format json.",
            rows=f"{len(layers):,}",
            limit=MAX_RESULT_ROWS,
        )
    for index, row in enumerate(layers, start=1):
        if not isinstance(row, dict):
            raise _fail("json_missing_field", f"Layer row {index} is not an object.", field="layers", row=index)
        for field in REQUIRED_LAYER_FIELDS:
            if field not in row:
                raise _fail(
                    "json_missing_field", f"Layer row {index} has no `{field}`.", field=field, row=index
                )
            value = row[field]
            valid = isinstance(value, str) and value if field == "layer" else _is_number(value) and value >= 0
            if field in ("median_s", "runs") and valid:
                valid = value > 0
            if not valid:
                raise _fail(
                    "json_bad_value",
                    f"Layer row {index} has an invalid `{field}`: {value!r}. Expected a positive number.",
                    field=field,
                    row=index,
                    value=repr(value)[:40],
                )
        # Sweep rows are matched on sweep_value, so it must be a hashable number.
        if "sweep_value" in row and not _is_number(row["sweep_value"]):
            raise _fail(
                "json_bad_value",
                f"Layer row {index} has an invalid `sweep_value`: {row['sweep_value']!r}. "
                "Expected a positive number.",
                field="sweep_value",
                row=index,
                value=repr(row["sweep_value"])[:40],
            )
    return BenchResult(
        config=document.get("config") if isinstance(document.get("config"), dict) else {},
        machine=document["machine"],
        peak=document.get("peak") if isinstance(document.get("peak"), dict) else {},
        measured_at=document["measured_at"],
        wall_s=document.get("wall_s") if _is_number(document.get("wall_s")) else float("nan"),
        rows=layers,
        sweep=document.get("sweep") if isinstance(document.get("sweep"), dict) else None,
    )


def compare_results(server: BenchResult, uploaded: BenchResult) -> pd.DataFrame:
    """Return the layer kinds present in both results side by side, with uploaded / server median.

    Rows are matched on ``layer``, and also on ``sweep_value`` when both are
    sweeps. A kind timed on one side only is left out.
    """
    keys = ["layer"]
    if all("sweep_value" in row for row in server.rows + uploaded.rows):
        keys.append("sweep_value")
    fields = keys + ["median_s", "first_call_s", "gflops_per_s", "macs"]
    left = pd.DataFrame(server.rows)[fields]
    right = pd.DataFrame(uploaded.rows)[fields]
    merged = left.merge(right, on=keys, suffixes=("_server", "_uploaded"))
    merged["median_ratio"] = merged["median_s_uploaded"] / merged["median_s_server"]
    merged["same_macs"] = merged["macs_server"] == merged["macs_uploaded"]
    return merged


def roofline_curve(peak: dict, low: float, high: float, points: int = 64) -> pd.DataFrame:
    """Return the roofline min(peak, intensity × bandwidth) sampled on a log scale from ``low`` to ``high``.

    Columns: ``arithmetic_intensity`` (FLOP/byte) and ``gflops_per_s``. The
    ridge point is always one of the samples, so the corner draws sharp.
    """
    peak_gflops = peak["peak_gflops"]
    bandwidth = peak["bandwidth_gbytes_per_s"]
    ridge = peak_gflops / bandwidth
    low, high = min(low, ridge / 4), max(high, ridge * 4)
    step = (math.log10(high) - math.log10(low)) / (points - 1)
    intensities = sorted({10 ** (math.log10(low) + index * step) for index in range(points)} | {ridge})
    return pd.DataFrame(
        {
            "arithmetic_intensity": intensities,
            "gflops_per_s": [min(peak_gflops, intensity * bandwidth) for intensity in intensities],
        }
    )
