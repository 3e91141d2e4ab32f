import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backprop_core.formatting import MINUS, fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.0 * 0.5 + 0.1, "1.1"),
        ((2.0 - 1.1) ** 2, "0.81"),
        (-1.8, f"{MINUS}1.8"),
        (1.0, "1.0"),
        (2.0, "2.0"),
        (-3.6, f"{MINUS}3.6"),
        (0.5 - 0.01 * -3.6, "0.536"),
        (12, "12"),
        (1986, "1986"),
        (0.0, "0.0"),
    ],
)
def test_auto_digits_match_the_guide(value, expected):
    assert fmt(value) == expected


def test_fixed_digits_pad_with_zeros():
    assert fmt(1.1, 2) == "1.10"
    assert fmt(-3.6, 2) == f"{MINUS}3.60"
    assert fmt(2, 2) == "2.00"


def test_sign_and_grouping():
    assert fmt(0.25, sign=True) == "+0.25"
    assert fmt(-0.25, sign=True) == f"{MINUS}0.25"
    assert fmt(0.0, sign=True) == "0.0"
    assert fmt(1234567, group=True) == "1,234,567"
    assert fmt(1234.5, 1, group=True) == "1,234.5"


def test_tiny_values_use_scientific_form():
    assert fmt(3.2e-7) == "3.2\u00d710\u207b\u2077"
    assert fmt(-4.5e-5) == f"{MINUS}4.5\u00d710\u207b\u2075"
    assert fmt(3.2e-7, tex=True) == r"3.2\times10^{-7}"
    assert fmt(3.2e-7, 3) == "0.000"


def test_tex_uses_ascii_minus():
    assert fmt(-3.6, tex=True) == "-3.6"
    assert MINUS not in fmt(-1e-9, tex=True)


def test_rounding_to_zero_never_shows_negative_zero():
    assert fmt(-0.0) == "0.0"
    assert fmt(-0.004, 2) == "0.00"
    assert fmt(-0.00001, 2) == "0.00"


def test_non_finite_values():
    assert fmt(math.nan) == "NaN"
    assert fmt(math.inf) == "\u221e"
    assert fmt(-math.inf) == f"{MINUS}\u221e"


@pytest.mark.parametrize("bad", ["1.0", None, True, 1 + 2j])
def test_rejects_non_numbers(bad):
    with pytest.raises(TypeError):
        fmt(bad)


def test_rejects_bad_digits():
    with pytest.raises(ValueError):
        fmt(1.0, -1)


def _parse(text: str) -> float:
    return float(text.replace(MINUS, "-").replace(",", ""))


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=6))
def test_fixed_digits_round_trip_within_half_a_unit(value, digits):
    shown = fmt(value, digits)
    assert abs(_parse(shown) - value) <= 0.5 * 10**-digits + 1e-9 * max(1.0, abs(value))
    if digits:
        assert len(shown.split(".")[1]) == digits


@given(st.floats(min_value=1e-3, max_value=1e6) | st.floats(min_value=-1e6, max_value=-1e-3))
def test_auto_digits_keep_four_decimals_at_most(value):
    shown = fmt(value)
    decimals = shown.split(".")[1]
    assert 1 <= len(decimals) <= 4
    assert abs(_parse(shown) - value) <= 5e-5 + 1e-12 * abs(value)
    assert shown.startswith(MINUS) == (value < 0)
