"""Copy the browser tests' screenshots into docs/screenshots/, scaled and compressed for the README.

Run the browser tests first, then ``python -m tests.e2e.publish_screenshots``
from the repository root. Each page keeps its file name. A shot wider than
``WIDTH`` is scaled down, a taller one than ``MAX_HEIGHT`` is cut at the
bottom, and a file still over ``MAX_BYTES`` is saved with a 256-colour
palette, which UI screenshots survive well.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

from tests.conftest import ROOT
from tests.e2e.conftest import DEFAULT_SCREENSHOT_DIR, SCREENSHOT_DIR_ENV

NAMES = [
    f"{page}-{lang}"
    for page in ("home", "worked-example", "calculator", "benchmark", "architecture")
    for lang in ("en", "zh")
]
WIDTH = 1100
MAX_HEIGHT = 3200
MAX_BYTES = 400_000
TARGET = ROOT / "docs" / "screenshots"


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def publish(source: Path, target: Path) -> int:
    """Scale, cut and compress ``source`` into ``target``, and return the size written in bytes."""
    image = Image.open(source).convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    data = _png_bytes(image)
    if len(data) > MAX_BYTES:
        data = _png_bytes(image.quantize(colors=256, method=Image.Quantize.MEDIANCUT))
    target.write_bytes(data)
    return len(data)


def main() -> int:
    source_dir = Path(os.environ.get(SCREENSHOT_DIR_ENV) or DEFAULT_SCREENSHOT_DIR)
    missing = [name for name in NAMES if not (source_dir / f"{name}.png").exists()]
    if missing:
        print(f"missing screenshots in {source_dir}: {', '.join(missing)}; run pytest tests/e2e first", file=sys.stderr)
        return 1
    for name in NAMES:
        size = publish(source_dir / f"{name}.png", TARGET / f"{name}.png")
        print(f"{name}.png: {size / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
