"""Data for section 05 (The Chain Rule): every number that scene shows.

Three parts: a gear train where A turns B turns C (rates measured by counting
teeth, and they multiply); the worked example's ∂L/∂w as the product of three
local derivatives; and a nudge experiment (w + ε) whose measured change in L
is close to ∂L/∂w × ε, drawn as a rise over run against the tangent.

Shown arithmetic is closed: every result printed beside its operands is
computed from the operands as the screen shows them (see :func:`displayed`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..arithmetic import displayed
from ..formatting import MINUS, TIMES, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, finite_difference_dw, neuron, walkthrough
from .s03_forward_pass import AxisSpan, nice_step

INTRO = "Backpropagation is just the chain rule from calculus applied systematically."
#: The opening claim as a short on-screen label.
INTRO_LABEL = "backprop = the chain rule, applied systematically"
ANALOGY = (
    "If changing A causes B to change, and changing B causes C to change, then we can figure out "
    "how A affects C by multiplying the two effects together."
)
QUESTION = "\u201cHow does the loss change when we nudge weight w?\u201d \u2014 multiply the chain of local derivatives."
#: The question as a short on-screen label (the caption carries the whole line).
QUESTION_LABEL = "How does the loss change when we nudge weight w?"
#: The gear beat's key claim, on screen while the caption reads the analogy.
GEAR_CLAIM = "multiply the effects"
#: The chain beat's key claim.
CHAIN_CLAIM = "multiply the local derivatives"
CHAIN_SENTENCE = "One local derivative per link; their product is \u2202L/\u2202w."
NUDGE_INTRO = "Check it on the loss curve: nudge w by a small \u03b5 and watch L."
NUDGE_CLAIM = "\u0394L \u2248 \u2202L/\u2202w \u00d7 \u03b5"
NUDGE_CLAIM_SENTENCE = "The rise along the tangent predicts the change: \u0394L \u2248 \u2202L/\u2202w \u00d7 \u03b5."

#: Teeth of gears A, B, C. Meshed gears turn at the inverse ratio of their teeth,
#: so these give rates 2 and 1.5 whose product, 3, is A's teeth over C's.
GEAR_TEETH: tuple[int, int, int] = (24, 12, 8)
#: How far gear A turns in the scene, in whole turns (one turn per beat).
GEAR_TURNS_A = 4.0
#: Nudges tried, largest first: the largest that keeps the ReLU on the same side of
#: its kink is used, big enough to see on the plot, small enough that L is nearly
#: straight over it.
EPSILON_CANDIDATES: tuple[float, ...] = (0.1, 0.05, 0.02, 0.01)
#: The nudge plot shows w from this far below to this far above the example's w
#: (wide enough that the curve visibly bends away from its tangent).
WINDOW_BELOW = 0.3
WINDOW_ABOVE = 0.4
#: Tick spacing on the w axis.
W_TICK = 0.1
#: The tangent is drawn this far either side of w (clipped to the plot).
TANGENT_REACH = 0.25


@dataclass(frozen=True)
class GearTrain:
    """Three meshed gears and the rates measured by turning the first one.

    ``marks`` are the turn counts of (A, B, C) after each whole turn of A, the
    numbers the counters stop on.
    """

    names: tuple[str, str, str]
    teeth: tuple[int, int, int]
    turns: tuple[float, float, float]
    rate_b_per_a: float
    rate_c_per_b: float
    rate_c_per_a: float
    marks: tuple[tuple[float, float, float], ...]

    def counters(self, turns_a: float, digits: int = 1) -> tuple[float, float, float]:
        """The three turn counters as shown while A has turned ``turns_a``: B's from A's shown
        count times the B-per-A rate, C's from B's shown count times the C-per-B rate, so the
        counters obey the rates written over the gears in every frame."""
        shown_a = displayed(turns_a, digits)
        shown_b = displayed(shown_a * self.rate_b_per_a, digits)
        shown_c = displayed(shown_b * self.rate_c_per_b, digits)
        return shown_a, shown_b, shown_c


def measure_gear_train(teeth: tuple[int, int, int], turns_a: float) -> GearTrain:
    """Turn gear A by ``turns_a`` and count how far B and C turn.

    At a mesh the same number of teeth passes on both sides, so a gear turns by
    (teeth that passed) / (its own teeth). The rates are then read off the turns,
    as one would measure them, not assumed.
    """
    if any(count <= 0 for count in teeth):
        raise ValueError(f"gear teeth must be positive, got {teeth}")
    teeth_a, teeth_b, teeth_c = teeth
    turns_b = turns_a * teeth_a / teeth_b
    turns_c = turns_b * teeth_b / teeth_c
    marks = tuple(
        (float(k), k * turns_b / turns_a, k * turns_c / turns_a) for k in range(1, int(turns_a) + 1)
    )
    return GearTrain(
        names=("A", "B", "C"),
        teeth=teeth,
        turns=(turns_a, turns_b, turns_c),
        rate_b_per_a=turns_b / turns_a,
        rate_c_per_b=turns_c / turns_b,
        rate_c_per_a=turns_c / turns_a,
        marks=marks,
    )


@dataclass(frozen=True)
class ChainFactor:
    """One local derivative of the chain: which link it measures, and its value."""

    name: str
    tex: str
    link: str
    meaning: str
    value: float
    #: Where the value comes from, with the example's numbers: "x = 2.0", "ReLU′(1.1) = 1.0".
    rule: str


@dataclass(frozen=True)
class NudgeExperiment:
    """w → w + ε, the loss measured before and after, and the chain rule's prediction.

    ``loss_change`` is the difference of the two losses as shown, ``predicted_change``
    the product of ∂L/∂w and ε as shown. ``tangent_w`` is where the tangent is drawn
    (inside both axes); ``w_ticks``/``loss_ticks`` are the labelled ticks.
    """

    epsilon: float
    w: float
    w_nudged: float
    loss: float
    loss_nudged: float
    loss_change: float
    slope: float
    predicted_change: float
    central_slope: float
    crosses_kink: bool
    sentence: str
    w_axis: AxisSpan
    loss_axis: AxisSpan
    w_ticks: tuple[float, ...]
    loss_ticks: tuple[float, ...]
    tangent_w: tuple[float, float]


@dataclass(frozen=True)
class ChainRuleData:
    guide: GuideSection
    walk: Walkthrough
    intro: str
    intro_label: str
    analogy: str
    question: str
    question_label: str
    gear_claim: str
    chain_claim: str
    chain_sentence: str
    nudge_intro: str
    nudge_claim: str
    nudge_claim_sentence: str
    gears: GearTrain
    gear_product_text: str
    target_tex: str
    factors: tuple[ChainFactor, ...]
    product_tex: str
    product_text: str
    #: ∂L/∂w as the product of the factors as shown (equal to the gradient when
    #: the factors show all their digits, as for the guide's example).
    product_value: float
    zero_factor_note: str | None
    zero_factor_label: str | None
    nudge: NudgeExperiment

    @property
    def dL_dw(self) -> float:
        return self.walk.dL_dw


def factor_value_text(value: float, *, tex: bool) -> str:
    return f"({fmt(value, tex=tex)})"


def local_rules(walk: Walkthrough) -> dict[str, str]:
    """Each local derivative's rule with the example's value: "x = 2.0", "ReLU′(1.1) = 1.0".

    Keyed by the factor's name; ∂z/∂b is the constant 1, shown as its value alone.
    """
    return {
        "\u2202L/\u2202\u0177": f"{MINUS}2(y {MINUS} \u0177) = {fmt(walk.dL_dyhat)}",
        "\u2202\u0177/\u2202z": f"ReLU\u2032({fmt(walk.z)}) = {fmt(walk.dyhat_dz)}",
        "\u2202z/\u2202w": f"x = {fmt(walk.dz_dw)}",
        "\u2202z/\u2202b": fmt(walk.dz_db),
    }


def chain_factors(walk: Walkthrough) -> tuple[ChainFactor, ...]:
    """∂L/∂ŷ, ∂ŷ/∂z, ∂z/∂w: last link first, as the guide writes the product."""
    relu_meaning = "ReLU is on: slope 1" if walk.relu_active else "ReLU is off: slope 0"
    rules = local_rules(walk)
    return (
        ChainFactor("\u2202L/\u2202\u0177", r"\frac{\partial L}{\partial \hat{y}}", "\u0177 \u2192 L",
                    f"{MINUS}2(y {MINUS} \u0177)", walk.dL_dyhat, rules["\u2202L/\u2202\u0177"]),
        ChainFactor("\u2202\u0177/\u2202z", r"\frac{\partial \hat{y}}{\partial z}", "z \u2192 \u0177",
                    relu_meaning, walk.dyhat_dz, rules["\u2202\u0177/\u2202z"]),
        ChainFactor("\u2202z/\u2202w", r"\frac{\partial z}{\partial w}", "w \u2192 z", "= x", walk.dz_dw,
                    rules["\u2202z/\u2202w"]),
    )


def zero_factor_note(walk: Walkthrough, factors: tuple[ChainFactor, ...]) -> str | None:
    """Why ∂L/∂w is 0 when a factor is 0 (a dead ReLU, or a perfect prediction), else None."""
    zero = [factor for factor in factors if factor.value == 0.0]
    if not zero:
        return None
    first = zero[0]
    if first.name == factors[1].name:
        reason = f"z = {fmt(walk.z)} \u2264 0 (the ReLU is off)"
    elif first.name == factors[0].name:
        reason = "the prediction already equals the target"
    else:
        reason = "the input x is 0"
    return (
        f"{first.name} = {fmt(first.value)} because {reason}: a zero factor makes "
        f"\u2202L/\u2202w = {fmt(walk.dL_dw)}, so nudging w does not move L."
    )


def zero_factor_label(factors: tuple[ChainFactor, ...], walk: Walkthrough) -> str | None:
    """The zero factor's verdict as a short on-screen label, else None."""
    zero = [factor for factor in factors if factor.value == 0.0]
    if not zero:
        return None
    return f"{zero[0].name} = {fmt(zero[0].value)} \u2192 \u2202L/\u2202w = {fmt(walk.dL_dw)}"


def safe_epsilon(preset: Preset, candidates: tuple[float, ...] = EPSILON_CANDIDATES) -> float:
    """The largest candidate nudge of w that leaves the ReLU on the same side of its kink.

    The smallest candidate when every one crosses it (z is then almost exactly 0).
    """
    z = preset.w * preset.x + preset.b
    for epsilon in candidates:
        if ((z + epsilon * preset.x) > 0.0) == (z > 0.0):
            return epsilon
    return candidates[-1]


def _ticks(span: AxisSpan) -> tuple[float, ...]:
    count = int(round((span.high - span.low) / span.step))
    return tuple(round(span.low + k * span.step, 10) for k in range(count + 1))


def nudge_experiment(preset: Preset, walk: Walkthrough, epsilon: float | None = None) -> NudgeExperiment:
    """Measure L at w + ε and compare the change with ∂L/∂w × ε."""
    epsilon = safe_epsilon(preset) if epsilon is None else epsilon
    loss_plus, _, central = finite_difference_dw(preset, epsilon)
    # Closed arithmetic: the change is the difference of the losses as shown, the
    # prediction the product of the gradient and ε as shown.
    change = displayed(loss_plus) - displayed(walk.loss)
    predicted = displayed(walk.dL_dw) * epsilon
    z_nudged = (preset.w + epsilon) * preset.x + preset.b
    crosses = (z_nudged > 0.0) != walk.relu_active
    # Short enough to speak under the three steps it narrates; the formula is the next sentence's.
    sentence = f"Nudge w by \u03b5 = {fmt(epsilon)}: L changes by {fmt(change)}; the tangent predicts {fmt(predicted)}."
    if crosses:
        sentence = sentence[:-1] + " (the nudge crosses the ReLU's kink, so the match is rough)."
    low = round(np.floor((preset.w - WINDOW_BELOW) / W_TICK + 1e-9) * W_TICK, 10)
    high = round(np.ceil((preset.w + WINDOW_ABOVE) / W_TICK - 1e-9) * W_TICK, 10)
    w_axis = AxisSpan(low, high, W_TICK)
    _, window_losses, _, _ = neuron(preset.x, np.linspace(low, high, 141), preset.b, preset.y)
    top = max(float(np.max(window_losses)), walk.loss, loss_plus, 0.1)
    step = nice_step(top * 1.1, 5)
    loss_axis = AxisSpan(0.0, float(np.ceil(top * 1.1 / step) * step), step)
    # The tangent stays inside the plot: clip its reach where it leaves 0 ≤ L ≤ top.
    reach_left = reach_right = TANGENT_REACH
    slope = walk.dL_dw
    if slope != 0.0:
        to_top = (loss_axis.high - walk.loss) / abs(slope)
        to_floor = walk.loss / abs(slope)
        reach_left = min(reach_left, to_top if slope < 0 else to_floor, preset.w - low)
        reach_right = min(reach_right, to_floor if slope < 0 else to_top, high - preset.w)
    return NudgeExperiment(
        epsilon=epsilon,
        w=preset.w,
        w_nudged=preset.w + epsilon,
        loss=walk.loss,
        loss_nudged=loss_plus,
        loss_change=change,
        slope=walk.dL_dw,
        predicted_change=predicted,
        central_slope=central,
        crosses_kink=crosses,
        sentence=sentence,
        w_axis=w_axis,
        loss_axis=loss_axis,
        w_ticks=_ticks(w_axis),
        loss_ticks=_ticks(loss_axis),
        tangent_w=(preset.w - max(reach_left, 0.0), preset.w + max(reach_right, 0.0)),
    )


def build(preset: Preset) -> ChainRuleData:
    walk = walkthrough(preset)
    gears = measure_gear_train(GEAR_TEETH, GEAR_TURNS_A)
    factors = chain_factors(walk)
    values_tex = r" \times ".join(factor_value_text(f.value, tex=True) for f in factors)
    values_text = f" {TIMES} ".join(factor_value_text(f.value, tex=False) for f in factors)
    product_value = float(np.prod([displayed(f.value) for f in factors]))
    return ChainRuleData(
        guide=section(5),
        walk=walk,
        intro=INTRO,
        intro_label=INTRO_LABEL,
        analogy=ANALOGY,
        question=QUESTION,
        question_label=QUESTION_LABEL,
        gear_claim=GEAR_CLAIM,
        chain_claim=CHAIN_CLAIM,
        chain_sentence=CHAIN_SENTENCE,
        nudge_intro=NUDGE_INTRO,
        nudge_claim=NUDGE_CLAIM,
        nudge_claim_sentence=NUDGE_CLAIM_SENTENCE,
        gears=gears,
        gear_product_text=(
            f"C per A = {fmt(gears.rate_b_per_a)} {TIMES} {fmt(gears.rate_c_per_b)} = {fmt(gears.rate_c_per_a)}"
        ),
        target_tex=r"\frac{\partial L}{\partial w}",
        factors=factors,
        product_tex=f"= {values_tex} = {fmt(product_value, tex=True)}",
        product_text=f"\u2202L/\u2202w = {values_text} = {fmt(product_value)}",
        product_value=product_value,
        zero_factor_note=zero_factor_note(walk, factors),
        zero_factor_label=zero_factor_label(factors, walk),
        nudge=nudge_experiment(preset, walk),
    )


def loss_at_weight(data: ChainRuleData, w: float) -> float:
    """L as a function of w alone (x, b, y fixed): the curve the nudge moves along."""
    _, loss, _, _ = neuron(data.walk.x, w, data.walk.b, data.walk.y)
    return float(loss)
