"""The one number-formatting policy that scenes and tests share.

Scenes never format numbers themselves: they call :func:`fmt` on a field of the
data that ``backprop_core`` returned, so a test can say "this string on screen is
that field".
"""

from __future__ import annotations

import math
import numbers

MINUS = "\u2212"
TIMES = "\u00d7"
_SUPERSCRIPTS = str.maketrans("0123456789-", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")

#: Decimal places used when no ``digits`` are given (trailing zeros dropped).
AUTO_DECIMALS = 4
#: Below this magnitude (and above zero) automatic formatting switches to scientific.
SCIENTIFIC_BELOW = 1e-3


def fmt(
    value: float | int,
    digits: int | None = None,
    *,
    sign: bool = False,
    group: bool = False,
    tex: bool = False,
) -> str:
    """Format a number for the screen.

    - ``digits=None``: at most four decimals, trailing zeros dropped but one kept
      (``1.1``, ``0.81``, ``2.0``, ``0.536``); integers print without decimals;
      magnitudes below 1e-3 print in scientific form (``3.2×10⁻⁷``).
    - ``digits=n``: exactly ``n`` decimals (``1.10``).
    - ``sign=True``: a ``+`` before positive numbers.
    - ``group=True``: thousands separated by commas (``1,234,567``).
    - ``tex=True``: LaTeX math source (ASCII minus, ``\\times10^{-7}``) for MathTex.

    Negative numbers take a true minus sign (U+2212) outside TeX; a value that
    rounds to zero never shows as ``−0``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"fmt expects a real number, got {type(value).__name__}")
    if digits is not None and (not isinstance(digits, int) or digits < 0):
        raise ValueError(f"digits must be a non-negative integer or None, got {digits!r}")
    minus = "-" if tex else MINUS

    if isinstance(value, numbers.Integral) and digits is None:
        body = f"{abs(int(value)):,}" if group else str(abs(int(value)))
        return _signed(body, int(value) < 0, int(value) > 0 and sign, minus)

    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        body = r"\infty" if tex else "\u221e"
        return _signed(body, number < 0, number > 0 and sign, minus)

    if digits is None and 0 < abs(number) < SCIENTIFIC_BELOW:
        return _scientific(number, sign=sign, tex=tex, minus=minus)

    if digits is None:
        body = f"{abs(number):{',' if group else ''}.{AUTO_DECIMALS}f}".rstrip("0")
        if body.endswith("."):
            body += "0"
    else:
        body = f"{abs(number):{',' if group else ''}.{digits}f}"
    is_zero = float(body.replace(",", "")) == 0.0
    return _signed(body, number < 0 and not is_zero, number > 0 and sign and not is_zero, minus)


def _signed(body: str, negative: bool, plus: bool, minus: str) -> str:
    if negative:
        return minus + body
    if plus:
        return "+" + body
    return body


def _scientific(number: float, *, sign: bool, tex: bool, minus: str) -> str:
    mantissa, exponent = f"{abs(number):.1e}".split("e")
    exponent_value = int(exponent)
    if tex:
        body = rf"{mantissa}\times10^{{{exponent_value}}}"
    else:
        body = f"{mantissa}{TIMES}10{str(exponent_value).translate(_SUPERSCRIPTS)}"
    return _signed(body, number < 0, number > 0 and sign, minus)
