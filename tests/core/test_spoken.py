"""Spoken forms: what the narrator says for the numbers and symbols the screen shows."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backprop_core.formatting import MINUS, fmt
from backprop_core.preset import load_preset
from backprop_core.sections import section_data
from backprop_core.spoken import SYMBOLS, speak, spoken_number, spoken_value


@pytest.mark.parametrize(
    ("shown", "spoken"),
    [
        (f"{MINUS}3.6", "minus three point six"),
        ("-3.6", "minus three point six"),
        ("1.1", "one point one"),
        ("0.81", "zero point eight one"),
        ("0.536", "zero point five three six"),
        ("2.0", "two point zero"),
        ("+0.5", "plus zero point five"),
        ("0", "zero"),
        ("12", "twelve"),
        ("40", "forty"),
        ("105", "one hundred five"),
        ("1,234,567", "one million two hundred thirty-four thousand five hundred sixty-seven"),
        ("1986", "nineteen eighty-six"),
        ("3.2\u00d710\u207b\u2077", "three point two times ten to the minus seven"),
        ("\u221e", "infinity"),
    ],
)
def test_numbers_as_fmt_shows_them(shown, spoken):
    assert spoken_number(shown) == spoken


@pytest.mark.parametrize("value", [-3.6, 1.1, 0.81, 0.536, 2.0, 0.0, 1e-7, -2.5e-5, 1986, 12, -7])
def test_spoken_value_reads_what_fmt_shows(value):
    assert spoken_value(value) == spoken_number(fmt(value))
    assert spoken_value(value, 2) == spoken_number(fmt(value, 2))


@pytest.mark.parametrize(
    ("caption", "spoken"),
    [
        ("\u2202L/\u2202w", "the gradient of the loss with respect to w"),
        ("\u2202L/\u2202\u0177", "the gradient of the loss with respect to y-hat"),
        ("\u2202\u0177/\u2202z", "the derivative of y-hat with respect to z"),
        ("\u2202z/\u2202w", "the derivative of z with respect to w"),
        ("\u0177", "y-hat"),
        ("\u03b7", "the learning rate"),
        ("\u2207L", "the gradient of the loss"),
        ("w\u2081", "w one"),
    ],
)
def test_symbols(caption, spoken):
    assert speak(caption) == spoken


@pytest.mark.parametrize(
    ("caption", "spoken"),
    [
        (
            f"The gradient {MINUS}3.6 tells us: increase w to reduce the loss (since gradient is negative).",
            "The gradient minus three point six tells us: increase w to reduce the loss (since gradient is negative).",
        ),
        (
            f"\u2202L/\u2202w = ({MINUS}1.8) \u00d7 (1.0) \u00d7 (2.0) = {MINUS}3.6",
            "the gradient of the loss with respect to w equals (minus one point eight) times (one point zero) "
            "times (two point zero) equals minus three point six",
        ),
        (
            "\u0177 = ReLU(w \u00b7 x + b) = 1.1",
            "y-hat equals ReLU of (w times x plus b) equals one point one",
        ),
        ("L = (2.0 \u2212 1.1)\u00b2 = 0.81", "L equals (two point zero minus one point one) squared equals zero point eight one"),
        (
            "\u03b7 (eta) is the learning rate \u2014 how big each step is. Too big = overshoot.",
            "eta is the learning rate, how big each step is. Too big equals overshoot.",
        ),
        ("the learning rate \u03b7 = 0.01", "the learning rate equals zero point zero one"),
        ("An interactive 10-minute visual guide", "An interactive ten-minute visual guide"),
        ("Rumelhart, Hinton & Williams (1986)", "Rumelhart, Hinton and Williams (nineteen eighty-six)"),
        ("Backpropagation is *how* they figure it out.", "Backpropagation is how they figure it out."),
        ("L 0.81\u00a0\u2192\u00a02.0397", "L zero point eight one to two point zero three nine seven"),
        ("Large models (GPT-4, etc.)", "Large models (GPT four, etcetera)"),
    ],
)
def test_sentences(caption, spoken):
    assert speak(caption) == spoken


def test_one_spoken_form_per_symbol():
    assert len(SYMBOLS) == len(set(SYMBOLS))
    for symbol, words in SYMBOLS.items():
        assert words.strip() == words and words, symbol


def test_plain_words_pass_through():
    text = "Backpropagation is the friend telling the network how to adjust."
    assert speak(text) == text


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.one_of(st.none(), st.integers(0, 4)))
def test_every_formatted_number_has_words(value, digits):
    words = spoken_value(value, digits)
    assert words and not any(character.isdigit() for character in words)


def test_a_preset_change_changes_the_speech():
    default = section_data(6, load_preset("assets/presets/default.toml"))
    dead = section_data(6, load_preset("assets/presets/dead-relu.toml"))
    spoken_default = speak(default.w_verdict.sentence)
    spoken_dead = speak(dead.w_verdict.sentence)
    assert "minus three point six" in spoken_default
    assert "minus three point six" not in spoken_dead
    assert spoken_dead != spoken_default
    assert not any(character.isdigit() for character in spoken_dead)
