"""The harness's modules are scripts beside their tests' folder, not an installed package."""

from __future__ import annotations

import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(HARNESS), str(HARNESS.parent)]
