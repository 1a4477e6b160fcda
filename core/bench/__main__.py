"""Entry point of ``python -m core.bench``; see ``core.bench.cli``."""

import sys

from core.bench.cli import main

sys.exit(main())
