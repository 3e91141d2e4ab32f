"""Spoken forms: what a narrator says for the numbers and symbols the screen shows.

The screen shows ``fmt``'s strings ("−3.6", "3.2×10⁻⁷") and the guide's symbols
("∂L/∂w", "ŷ", "η"); a voice reads them badly or not at all. :func:`speak` turns
a caption sentence into words, with one spoken form per symbol (:data:`SYMBOLS`),
and :func:`spoken_value` reads a number exactly as ``fmt`` shows it, so the
speech follows the preset just as the screen does.
"""

from __future__ import annotations

import re

from backprop_core.formatting import MINUS, TIMES, fmt

#: One spoken form per symbol. Variables that are read as their letter (w, x, b, y,
#: z) are not listed; ∂X/∂Y is read "the gradient of X with respect to Y" when X is
#: the loss and "the derivative of X with respect to Y" otherwise.
SYMBOLS: dict[str, str] = {
    "L": "the loss",
    "\u0177": "y-hat",  # ŷ
    "\u03b7": "the learning rate",  # η
    "\u2207": "the gradient of",  # ∇
    "\u03c3": "sigma",
    "\u03b1": "alpha",
    "\u03b2": "beta",
    "\u03b5": "epsilon",
    "\u03bb": "lambda",
    "\u03b8": "theta",
    "\u03a3": "the sum of",
    "=": "equals",
    "\u2248": "is about",
    "\u2260": "is not",
    "\u2264": "is at most",
    "\u2265": "is at least",
    "<": "is less than",
    ">": "is greater than",
    TIMES: "times",
    "\u00b7": "times",  # ·
    "+": "plus",
    MINUS: "minus",
    "\u2192": "to",  # →
    "\u00b2": "squared",
    "\u00b3": "cubed",
    "%": "percent",
    "&": "and",
    "\u221e": "infinity",
}
#: What a letter is called when it is a derivative's top or bottom (∂ŷ/∂z).
_NAMES = {"L": "the loss", "\u0177": "y-hat"}
_SUBSCRIPTS = dict(zip("\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089", "0123456789"))
_SUPERSCRIPT_DIGITS = dict(zip("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b", "0123456789-"))
_FUNCTIONS = ("ReLU", "sigmoid", "tanh", "softmax", "max", "\u03c3")

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))

_SUPERSCRIPT_CLASS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?P<sign>[{MINUS}+-](?=\d))?(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d+)?"
    rf"(?P<exp>{TIMES}10[{_SUPERSCRIPT_CLASS}]+)?(?![\d])"
)


def _below_thousand(number: int) -> str:
    words: list[str] = []
    hundreds, rest = divmod(number, 100)
    if hundreds:
        words.append(f"{_ONES[hundreds]} hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest or not hundreds:
        words.append(_ONES[rest])
    return " ".join(words)


def cardinal(number: int) -> str:
    """``1234`` → "one thousand two hundred thirty-four" (no "and")."""
    if number < 0:
        return f"minus {cardinal(-number)}"
    if number < 1000:
        return _below_thousand(number)
    words: list[str] = []
    for scale, name in _SCALES:
        count, number = divmod(number, scale)
        if count:
            words.append(f"{cardinal(count)} {name}")
    if number:
        words.append(_below_thousand(number))
    return " ".join(words)


def _year(number: int) -> str:
    """``1986`` → "nineteen eighty-six" (four-digit integers from 1100 to 1999)."""
    century, rest = divmod(number, 100)
    if rest == 0:
        return f"{cardinal(century)} hundred"
    return f"{cardinal(century)} {'oh ' + _ONES[rest] if rest < 10 else cardinal(rest)}"


def _unsigned(integer: str, fraction: str | None, exponent: str | None) -> str:
    whole = int(integer.replace(",", ""))
    if fraction is None and exponent is None and "," not in integer and len(integer) == 4 and 1100 <= whole <= 1999:
        words = _year(whole)
    else:
        words = cardinal(whole)
    if fraction:
        words += " point " + " ".join(_ONES[int(digit)] for digit in fraction[1:])
    if exponent:
        power = "".join(_SUPERSCRIPT_DIGITS[character] for character in exponent[3:])
        words += f" times ten to the {'minus ' + cardinal(-int(power)) if power.startswith('-') else cardinal(int(power))}"
    return words


def spoken_number(shown: str) -> str:
    """The words for a number as :func:`~backprop_core.formatting.fmt` shows it:
    "−3.6" → "minus three point six", "3.2×10⁻⁷" → "three point two times ten to the minus seven"."""
    text = shown.strip()
    sign = ""
    if text[:1] in (MINUS, "-", "+"):
        sign = "minus " if text[0] != "+" else "plus "
        text = text[1:]
    if text == "\u221e":
        return sign + SYMBOLS["\u221e"]
    if text == "NaN":
        return "not a number"
    match = _NUMBER.fullmatch(text)
    if match is None or match.group("sign"):
        raise ValueError(f"not a number as fmt shows one: {shown!r}")
    return sign + _unsigned(match.group("int"), match.group("frac"), match.group("exp"))


def spoken_value(value: float, digits: int | None = None, *, sign: bool = False) -> str:
    """The words for ``fmt(value, digits, sign=sign)``: a number is read as it is shown."""
    return spoken_number(fmt(value, digits, sign=sign))


def _derivative(match: re.Match[str]) -> str:
    top, bottom = match.group(1), match.group(2)
    top_words = _NAMES.get(top, top)
    bottom_words = _NAMES.get(bottom, bottom)
    kind = "gradient" if top == "L" else "derivative"
    return f" the {kind} of {top_words} with respect to {bottom_words} "


def speak(text: str) -> str:
    """A caption sentence as the narrator says it: numbers in words and every symbol
    in its one spoken form; plain words pass through unchanged."""
    spoken = text.replace("\u00a0", " ").replace("\u202f", " ").replace("y\u0302", "\u0177")
    spoken = re.sub(r"\*(\w[^*]*?)\*", r"\1", spoken)  # *emphasis*
    spoken = re.sub(r"\s*\u2014\s*", ", ", spoken)  # an em dash is a pause
    spoken = re.sub(r"\s*\|\s*", ", ", spoken)
    spoken = spoken.replace("etc.", "etcetera").replace("e.g.", "for example").replace("i.e.", "that is")
    # "η (eta)" names the letter; after "learning rate" it repeats it.
    spoken = re.sub(r"\u03b7\s*\(eta\)", "eta", spoken)
    spoken = re.sub(r"(learning rate)\s*(?:\(\u03b7\)|\u03b7)", r"\1", spoken)
    spoken = re.sub(r"\u2202(\w)/\u2202(\w)", _derivative, spoken)
    spoken = re.sub(r"\u2207\s*L\b", " the gradient of the loss ", spoken)
    spoken = re.sub(rf"({'|'.join(map(re.escape, _FUNCTIONS))})\(", r"\1 of (", spoken)
    spoken = re.sub(r"(\w)_(\w+)", r"\1 \2", spoken)  # w_new
    spoken = re.sub(r"([A-Za-z])-(?=\d)", r"\1 ", spoken)  # GPT-4
    spoken = re.sub(
        r"[\u2080-\u2089]+", lambda match: " " + cardinal(int("".join(_SUBSCRIPTS[c] for c in match.group()))), spoken
    )
    spoken = _NUMBER.sub(
        lambda match: " "
        + ("minus " if match.group("sign") in (MINUS, "-") else "plus " if match.group("sign") == "+" else "")
        + _unsigned(match.group("int"), match.group("frac"), match.group("exp"))
        + " ",
        spoken,
    )
    # A hyphen between words stays a hyphen ("ten-minute"); a spaced one is a minus.
    spoken = re.sub(r"(?<=\s)-(?=\s)", f" {MINUS} ", spoken)
    for symbol, words in SYMBOLS.items():
        if len(symbol) == 1 and not symbol.isalpha():
            spoken = spoken.replace(symbol, f" {words} ")
    for symbol in ("\u0177", "\u03b7", "\u03c3", "\u03b1", "\u03b2", "\u03b5", "\u03bb", "\u03b8", "\u03a3", "\u2207"):
        spoken = spoken.replace(symbol, f" {SYMBOLS[symbol]} ")
    spoken = re.sub(r"\s+", " ", spoken)
    spoken = re.sub(r"\s+([,.;:!?)])", r"\1", spoken)
    spoken = re.sub(r"\(\s+", "(", spoken)
    spoken = re.sub(r"(\w) -(?=[A-Za-z])", r"\1-", spoken)  # "ten -minute" after a number
    return spoken.strip()


__all__ = ["SYMBOLS", "cardinal", "speak", "spoken_number", "spoken_value"]
