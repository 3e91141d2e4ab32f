"""Shown arithmetic: what a viewer computes from the numbers as they are shown."""

from __future__ import annotations

import pytest

from backprop_core.arithmetic import (
    NotArithmetic,
    ShownEquation,
    closed,
    displayed,
    equations_in,
    evaluate,
    is_closed,
    operand_digits_for,
    shown_value,
)
from backprop_core.formatting import MINUS, fmt


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.1", 1.1), ("\u22123.6", -3.6), ("+0.4", 0.4), ("1,234.5", 1234.5), ("3.2\u00d710\u207b\u2077", 3.2e-7), ("-2", -2.0)],
)
def test_shown_value_reads_fmt_spellings(text: str, value: float) -> None:
    assert shown_value(text) == pytest.approx(value)


def test_displayed_is_the_value_a_viewer_reads() -> None:
    assert displayed(-2.6137, 1) == pytest.approx(-2.6)
    assert displayed(0.4512, 2) == pytest.approx(0.45)
    assert displayed(0.536) == pytest.approx(0.536)


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("0.5 \u00b7 2.0 + 0.1", 1.1),
        ("ReLU(0.5 \u00d7 2.0 + 0.1)", 1.1),
        ("ReLU(\u22121.0 \u00d7 2.0 + 0.1)", 0.0),
        ("(2.0 \u2212 1.1)\u00b2", 0.81),
        ("\u22122.6 \u00d7 \u22120.45", 1.17),
        ("0.5 \u2212 0.01 \u00d7 (\u22123.6)", 0.536),
        ("\u22121.8 \u00d7 1.0 \u00d7 2.0", -3.6),
        ("\u22122\u00b2", -4.0),
        ("1 / 4", 0.25),
        ("2 * 3 - 1", 5.0),
    ],
)
def test_evaluate_reads_shown_operators(expression: str, value: float) -> None:
    assert evaluate(expression) == pytest.approx(value)


@pytest.mark.parametrize("expression", ["w \u00b7 x + b", "0.5 \u00d7", "(1 + 2", "2 3", "", "1 + 2)"])
def test_evaluate_refuses_what_is_not_arithmetic(expression: str) -> None:
    with pytest.raises(NotArithmetic):
        evaluate(expression)


def test_is_closed_compares_to_the_shown_digits() -> None:
    assert not is_closed("\u22122.6 \u00d7 \u22120.45", "1.18")
    assert is_closed("\u22122.6 \u00d7 \u22120.45", "1.17")
    assert is_closed("ReLU(0.5 \u00b7 2.0 + 0.1)", "1.1")
    assert is_closed("(2.0 \u2212 1.1)\u00b2", "0.81")
    assert not is_closed("(2.0 \u2212 1.1)\u00b2", "0.82")
    assert is_closed("1 / 3", "0.33") and not is_closed("1 / 3", "0.3334")


def test_closed_computes_the_result_from_the_shown_operands() -> None:
    a, b = -2.6137, -0.4512
    expression = f"{fmt(a, 1)} \u00d7 {fmt(b, 2)}"
    assert closed(expression, 2) == f"{MINUS}2.6 \u00d7 {MINUS}0.45 = 1.17"
    assert closed(f"{fmt(0.5)} \u00b7 {fmt(2.0)} + {fmt(0.1)}") == "0.5 \u00b7 2.0 + 0.1 = 1.1"
    assert is_closed(expression, closed(expression, 2).split(" = ")[-1])


def test_operand_digits_for_finds_the_fewest_digits_that_close_the_equation() -> None:
    values = (-2.6137, -0.4512)
    product = values[0] * values[1]  # 1.1793...
    assert fmt(product, 2) == "1.18"
    digits = operand_digits_for(values, lambda a, b: a * b, result_digits=2)
    assert digits == 3
    shown = [displayed(v, digits) for v in values]
    assert fmt(shown[0] * shown[1], 2) == fmt(product, 2)
    assert operand_digits_for((0.5, 2.0), lambda a, b: a * b, result_digits=1) == 1
    assert operand_digits_for((1 / 3, 3.0), lambda a, b: a * b, result_digits=6, max_digits=3) is None


def test_equations_in_finds_numeric_equations_and_chains() -> None:
    text = f"\u0177 = ReLU(w \u00b7 x + b) = ReLU(0.5 \u00b7 2.0 + 0.1) = 1.1"
    assert equations_in(text) == [ShownEquation("ReLU(0.5 \u00b7 2.0 + 0.1)", "1.1")]
    assert equations_in(f"L = (y \u2212 \u0177)\u00b2 = (2.0 \u2212 1.1)\u00b2 = 0.81") == [ShownEquation("(2.0 \u2212 1.1)\u00b2", "0.81")]
    assert equations_in(f"\u0177 \u2212 y = 1.1 \u2212 2.0 = {MINUS}0.9") == [ShownEquation("1.1 \u2212 2.0", f"{MINUS}0.9")]
    assert equations_in(f"so {MINUS}2.6 \u00d7 {MINUS}0.45 = 1.18.") == [ShownEquation(f"{MINUS}2.6 \u00d7 {MINUS}0.45", "1.18")]


@pytest.mark.parametrize(
    "text",
    [
        "\u2202L/\u2202w = \u2202L/\u2202\u0177 \u00d7 \u2202\u0177/\u2202z \u00d7 \u2202z/\u2202w",
        "w \u00b7 x + 0.1 = 1.1",
        "\u0177 \u2212 2.0 = \u22120.9",
        "w = 0.5",
        "f(0.5 \u00d7 2.0) = 1.0",
        "0.5 \u00d7 2.0 = 1.0 + 0.0",
        "0.33 \u00d7 3 \u2248 1.0",
        "PReLU(2.0) = 2.0",
        "0.9 / 2.0 = 45 %",
    ],
)
def test_symbolic_and_partial_equations_are_not_checked(text: str) -> None:
    assert equations_in(text) == []
