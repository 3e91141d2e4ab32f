"""Make the repository root importable, so plain ``pytest`` finds the packages and ``tests.scenes``."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
