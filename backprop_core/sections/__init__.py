"""Per-section data: for each scene, everything it shows, computed from the preset.

This is the seam between numbers and pictures: a scene reads fields of the
frozen dataclass its builder returns and never computes a number itself.
"""

from __future__ import annotations

from typing import Any, Callable

from ..preset import Preset
from . import s00_cover
from . import s01_big_picture
from . import s02_anatomy
from . import s03_forward_pass
from . import s04_loss
from . import s05_chain_rule
from . import s06_backward_pass
from . import s07_gradient_descent
from . import s08_interactive_demo
from . import s09_going_deeper
from . import s10_challenges
from . import s11_full_algorithm
from . import s12_summary

BUILDERS: dict[int, Callable[[Preset], Any]] = {
    0: s00_cover.build,
    1: s01_big_picture.build,
    2: s02_anatomy.build,
    3: s03_forward_pass.build,
    4: s04_loss.build,
    5: s05_chain_rule.build,
    6: s06_backward_pass.build,
    7: s07_gradient_descent.build,
    8: s08_interactive_demo.build,
    9: s09_going_deeper.build,
    10: s10_challenges.build,
    11: s11_full_algorithm.build,
    12: s12_summary.build,
}


def section_data(number: int, preset: Preset) -> Any:
    """The data object of section ``number`` (0 is the cover) for this preset."""
    try:
        builder = BUILDERS[number]
    except KeyError:
        raise KeyError(f"no section {number}; sections run from 0 to {len(BUILDERS) - 1}") from None
    return builder(preset)
