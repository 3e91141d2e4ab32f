"""Shown arithmetic that adds up: what a viewer computes from the numbers on screen.

When a frame shows operands and a result ("−2.6 × −0.45 = 1.17"), the result must
be what the operands *as shown* give, to the result's shown digits. Rounded
operands do not always give the rounded exact result (−2.6137 × −0.4512 =
1.1793 shows as 1.18, but −2.6 × −0.45 = 1.17). Two ways to keep it closed:

- compute the result from the shown operands: :func:`closed` (or :func:`displayed`
  for each operand, then compute);
- show enough operand digits: :func:`operand_digits_for`.

:func:`evaluate` reads an expression the way ``fmt`` writes numbers (true minus
U+2212, ``×10⁻⁷``, grouping commas) with the operators a frame shows (``+ − × · * /``,
``²``/``³``, parentheses, ``ReLU(…)``); :func:`equations_in` finds the numeric
equations in a shown string. The scene tests use both to check every frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from .formatting import MINUS, TIMES, fmt

__all__ = [
    "NotArithmetic",
    "ShownEquation",
    "closed",
    "displayed",
    "equations_in",
    "evaluate",
    "is_closed",
    "operand_digits_for",
    "shown_decimals",
    "shown_value",
]

_SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS + "\u207b", "0123456789-")
_NUMBER_BODY = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCIENTIFIC = rf"\u00d710\u207b?[{_SUPERSCRIPT_DIGITS}]+"
_NUMBER = re.compile(rf"(?P<body>{_NUMBER_BODY})(?P<sci>{_SCIENTIFIC})?")
_SIGNED_NUMBER = re.compile(rf"[+\-\u2212]?{_NUMBER_BODY}(?:{_SCIENTIFIC})?")
_MINUSES = "-\u2212"
_OPERATORS = {"+": "+", "-": "-", MINUS: "-", TIMES: "*", "\u00b7": "*", "*": "*", "/": "/"}
_POWERS = {"\u00b2": 2, "\u00b3": 3}


class NotArithmetic(ValueError):
    """The text is not an arithmetic expression of shown numbers."""


def shown_value(text: str) -> float:
    """The number a viewer reads from ``text`` (``fmt``'s spelling: ``−3.6``, ``1,234.5``, ``3.2×10⁻⁷``)."""
    stripped = text.strip()
    if not _SIGNED_NUMBER.fullmatch(stripped):
        raise NotArithmetic(f"not a number: {text!r}")
    negative = stripped[0] in _MINUSES
    if stripped[0] in "+" + _MINUSES:
        stripped = stripped[1:]
    match = _NUMBER.fullmatch(stripped)
    assert match is not None
    value = float(match.group("body").replace(",", ""))
    if match.group("sci"):
        value *= 10.0 ** int(match.group("sci")[3:].translate(_FROM_SUPERSCRIPT))
    return -value if negative else value


def shown_decimals(text: str) -> int:
    """How many decimals ``text`` shows; for ``3.2×10⁻⁷``, the decimals of the value (8)."""
    stripped = text.strip().lstrip("+" + _MINUSES)
    match = _NUMBER.fullmatch(stripped)
    if match is None:
        raise NotArithmetic(f"not a number: {text!r}")
    body = match.group("body")
    decimals = len(body.split(".")[1]) if "." in body else 0
    if match.group("sci"):
        decimals -= int(match.group("sci")[3:].translate(_FROM_SUPERSCRIPT))
    return decimals


def displayed(value: float, digits: int | None = None) -> float:
    """``value`` as a viewer reads it from ``fmt(value, digits)``: the operand to compute with."""
    return shown_value(fmt(value, digits))


def _tokens(expression: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    position = 0
    while position < len(expression):
        character = expression[position]
        if character.isspace():
            position += 1
            continue
        number = _NUMBER.match(expression, position)
        if number:
            tokens.append(("number", shown_value(number.group(0))))
            position = number.end()
            continue
        if expression.startswith("ReLU", position) or expression.startswith("relu", position):
            tokens.append(("relu", None))
            position += 4
            continue
        if character in _OPERATORS:
            tokens.append(("op", _OPERATORS[character]))
        elif character in _POWERS:
            tokens.append(("power", _POWERS[character]))
        elif character in "()":
            tokens.append((character, None))
        else:
            raise NotArithmetic(f"{character!r} in {expression!r} is not shown arithmetic")
        position += 1
    return tokens


class _Parser:
    """expr := term (± term)*; term := factor (×/ factor)*; factor := ± factor | power;
    power := atom (² | ³)*; atom := number | ( expr ) | ReLU ( expr )."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.index = 0

    def peek(self) -> tuple[str, object] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, kind: str, value: object = None) -> bool:
        token = self.peek()
        if token is not None and token[0] == kind and (value is None or token[1] == value):
            self.index += 1
            return True
        return False

    def fail(self) -> NotArithmetic:
        return NotArithmetic(f"cannot read {self.expression!r} as arithmetic")

    def parse(self) -> float:
        if not self.tokens:
            raise self.fail()
        value = self.expr()
        if self.peek() is not None:
            raise self.fail()
        return value

    def expr(self) -> float:
        value = self.term()
        while True:
            if self.take("op", "+"):
                value += self.term()
            elif self.take("op", "-"):
                value -= self.term()
            else:
                return value

    def term(self) -> float:
        value = self.factor()
        while True:
            if self.take("op", "*"):
                value *= self.factor()
            elif self.take("op", "/"):
                divisor = self.factor()
                if divisor == 0:
                    raise self.fail()
                value /= divisor
            else:
                return value

    def factor(self) -> float:
        if self.take("op", "-"):
            return -self.factor()
        if self.take("op", "+"):
            return self.factor()
        return self.power()

    def power(self) -> float:
        value = self.atom()
        while self.peek() is not None and self.peek()[0] == "power":
            exponent = self.tokens[self.index][1]
            self.index += 1
            value = value ** int(exponent)  # type: ignore[call-overload]
        return value

    def atom(self) -> float:
        token = self.peek()
        if token is None:
            raise self.fail()
        if token[0] == "number":
            self.index += 1
            return float(token[1])  # type: ignore[arg-type]
        if self.take("("):
            value = self.expr()
            if not self.take(")"):
                raise self.fail()
            return value
        if self.take("relu"):
            if not self.take("("):
                raise self.fail()
            value = self.expr()
            if not self.take(")"):
                raise self.fail()
            return max(value, 0.0)
        raise self.fail()


def evaluate(expression: str) -> float:
    """The value of a shown arithmetic expression, from its numbers as written.

    Raises :class:`NotArithmetic` for anything else (symbols, unbalanced brackets).
    """
    return _Parser(expression).parse()


def is_closed(expression: str, result_text: str) -> bool:
    """Whether ``result_text`` is what ``expression`` gives, to the result's shown digits."""
    value = evaluate(expression)
    shown = shown_value(result_text)
    tolerance = 0.5 * 10.0 ** (-shown_decimals(result_text))
    return abs(value - shown) <= tolerance * (1 + 1e-9) + 1e-12


def closed(expression: str, digits: int | None = None, *, sign: bool = False) -> str:
    """``"<expression> = <result>"`` with the result computed from the shown operands.

    Build ``expression`` from ``fmt``-formatted operands (as they will be shown);
    the result is ``fmt(evaluate(expression), digits, sign=sign)``.
    """
    return f"{expression} = {fmt(evaluate(expression), digits, sign=sign)}"


def operand_digits_for(
    values: Sequence[float],
    compute: Callable[..., float],
    result_digits: int,
    *,
    max_digits: int = 6,
) -> int | None:
    """The fewest operand decimals (0 … ``max_digits``) at which the shown operands
    give the exact result's shown digits; ``None`` when none does.

    ``compute(*operands)`` is the arithmetic the frame shows; the exact result is
    ``compute(*values)`` shown with ``result_digits`` decimals.
    """
    target = fmt(float(compute(*values)), result_digits)
    for digits in range(max_digits + 1):
        shown = [displayed(value, digits) for value in values]
        if fmt(float(compute(*shown)), result_digits) == target:
            return digits
    return None


@dataclass(frozen=True)
class ShownEquation:
    """A numeric equation found in shown text: ``expression = result``."""

    expression: str
    result: str


_EXPRESSION_SUFFIX = re.compile(
    rf"(?:ReLU|relu|[0-9.,\s+\-\u2212\u00d7\u00b7*/()\u00b2\u00b3{_SUPERSCRIPT_DIGITS}\u207b])*$"
)
_RESULT_PREFIX = re.compile(rf"^\s*(?P<number>{_SIGNED_NUMBER.pattern})")
_STARTS_EXPRESSION = re.compile(rf"(?:\d|\(|ReLU|relu|[+\-\u2212][\d(])")
_CONTINUES_EXPRESSION = set("+-\u2212\u00d7\u00b7*/(\u00b2\u00b3%") | set(_SUPERSCRIPT_DIGITS)


def _expression_before(side: str) -> str | None:
    """The complete arithmetic expression that ends ``side`` (None if there is none)."""
    match = _EXPRESSION_SUFFIX.search(side)
    if match is None:
        return None
    start = match.start()
    expression = match.group(0).strip()
    start += len(match.group(0)) - len(match.group(0).lstrip())
    before = side[:start]
    if before and not before[-1].isspace() and before[-1] not in ":;[{\u2014\u2013":
        # Glued to a symbol or a word ("w·x + 0.1", "f(2.0)", "PReLU(…)"): not all numbers.
        return None
    if not expression or not _STARTS_EXPRESSION.match(expression):
        return None
    # A sign must touch its digits ("−2.6 × …"): "ŷ − 2.0" is a binary minus after a symbol.
    if _SIGNED_NUMBER.fullmatch(expression):
        return None  # a lone number is not arithmetic
    try:
        evaluate(expression)
    except NotArithmetic:
        return None
    return expression


def _result_after(side: str) -> str | None:
    """The number that starts ``side``, if it is a result (not the start of an expression)."""
    match = _RESULT_PREFIX.match(side)
    if match is None:
        return None
    rest = side[match.end() :]
    following = rest.lstrip()[:1]
    if following and (following in _CONTINUES_EXPRESSION or (following.isalnum() and not rest[:1].isspace())):
        return None
    return match.group("number")


def equations_in(text: str) -> list[ShownEquation]:
    """The numeric equations in ``text``: ``<arithmetic of numbers> = <number>``, chains included.

    In ``ŷ = ReLU(w · x + b) = ReLU(0.5 · 2.0 + 0.1) = 1.1`` only the last link is
    numeric. Symbolic links, an expression glued to a symbol or word, and
    approximations (``≈``) are not equations to check.
    """
    sides = text.split("=")
    found: list[ShownEquation] = []
    for left, right in zip(sides, sides[1:]):
        if left.endswith(("<", ">", "!")):
            continue
        expression, result = _expression_before(left), _result_after(right)
        if expression is not None and result is not None:
            found.append(ShownEquation(expression, result))
    return found
