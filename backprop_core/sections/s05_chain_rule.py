"""Data for section 05 (The Chain Rule): every number that scene shows.

Three parts: a gear train where A turns B turns C (rates measured by counting
teeth, and they multiply); the worked example's ∂L/∂w as the product of three
local derivatives; and a nudge experiment (w + ε) whose measured change in L
matches ∂L/∂w · ε.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..formatting import MINUS, TIMES, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, finite_difference_dw, neuron, walkthrough
from .s03_forward_pass import AxisSpan, axis_span

INTRO = "Backpropagation is just the chain rule from calculus applied systematically."
ANALOGY = (
    "If changing A causes B to change, and changing B causes C to change, then we can figure out "
    "how A affects C by multiplying the two effects together."
)
QUESTION = "\u201cHow does the loss change when we nudge weight w?\u201d \u2014 multiply the chain of local derivatives."

#: Teeth of gears A, B, C. Meshed gears turn at the inverse ratio of their teeth,
#: so these give rates 2 and 1.5 whose product, 3, is A's teeth over C's.
GEAR_TEETH: tuple[int, int, int] = (24, 12, 8)
#: How far gear A turns in the scene, in whole turns.
GEAR_TURNS_A = 1.0
#: The nudge of the experiment: small enough that L is nearly linear over it,
#: large enough that the change shows in a few decimals.
EPSILON = 0.01
#: The nudge plot shows w ± this many ε: close enough that the curve looks straight.
NUDGE_WINDOW = 3


@dataclass(frozen=True)
class GearTrain:
    """Three meshed gears and the rates measured by turning the first one."""

    names: tuple[str, str, str]
    teeth: tuple[int, int, int]
    turns: tuple[float, float, float]
    rate_b_per_a: float
    rate_c_per_b: float
    rate_c_per_a: float


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
    return GearTrain(
        names=("A", "B", "C"),
        teeth=teeth,
        turns=(turns_a, turns_b, turns_c),
        rate_b_per_a=turns_b / turns_a,
        rate_c_per_b=turns_c / turns_b,
        rate_c_per_a=turns_c / turns_a,
    )


@dataclass(frozen=True)
class ChainFactor:
    """One local derivative of the chain: which link it measures, and its value."""

    name: str
    tex: str
    link: str
    meaning: str
    value: float


@dataclass(frozen=True)
class NudgeExperiment:
    """w → w + ε, the loss measured before and after, and the chain rule's prediction."""

    epsilon: float
    w: float
    w_nudged: float
    loss: float
    loss_nudged: float
    loss_change: float
    predicted_change: float
    central_slope: float
    crosses_kink: bool
    sentence: str
    w_axis: AxisSpan
    loss_axis: AxisSpan


@dataclass(frozen=True)
class ChainRuleData:
    guide: GuideSection
    walk: Walkthrough
    intro: str
    analogy: str
    question: str
    gears: GearTrain
    gear_product_text: str
    target_tex: str
    factors: tuple[ChainFactor, ...]
    product_tex: str
    product_text: str
    zero_factor_note: str | None
    nudge: NudgeExperiment

    @property
    def dL_dw(self) -> float:
        return self.walk.dL_dw


def factor_value_text(value: float, *, tex: bool) -> str:
    return f"({fmt(value, tex=tex)})"


def chain_factors(walk: Walkthrough) -> tuple[ChainFactor, ...]:
    """∂L/∂ŷ, ∂ŷ/∂z, ∂z/∂w: last link first, as the guide writes the product."""
    relu_meaning = "ReLU is on: slope 1" if walk.relu_active else "ReLU is off: slope 0"
    return (
        ChainFactor("\u2202L/\u2202\u0177", r"\frac{\partial L}{\partial \hat{y}}", "\u0177 \u2192 L",
                    f"{MINUS}2(y {MINUS} \u0177)", walk.dL_dyhat),
        ChainFactor("\u2202\u0177/\u2202z", r"\frac{\partial \hat{y}}{\partial z}", "z \u2192 \u0177",
                    relu_meaning, walk.dyhat_dz),
        ChainFactor("\u2202z/\u2202w", r"\frac{\partial z}{\partial w}", "w \u2192 z", "= x", walk.dz_dw),
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


def nudge_experiment(preset: Preset, walk: Walkthrough, epsilon: float = EPSILON) -> NudgeExperiment:
    """Measure L at w + ε and compare the change with ∂L/∂w · ε."""
    loss_plus, _, slope = finite_difference_dw(preset, epsilon)
    change = loss_plus - walk.loss
    predicted = walk.dL_dw * epsilon
    z_nudged = (preset.w + epsilon) * preset.x + preset.b
    crosses = (z_nudged > 0.0) != walk.relu_active
    sentence = (
        f"Nudge w by \u03b5 = {fmt(epsilon)}: L changes by {fmt(change)} "
        f"\u2248 \u2202L/\u2202w {TIMES} \u03b5 = {fmt(predicted)}"
    )
    if crosses:
        sentence += " (the nudge crosses the ReLU's kink, so the match is rough)"
    half = NUDGE_WINDOW * epsilon
    window = [preset.w - half, preset.w + half]
    _, window_losses, _, _ = neuron(preset.x, np.linspace(*window, 21), preset.b, preset.y)
    tangent_ends = [walk.loss - walk.dL_dw * half, walk.loss + walk.dL_dw * half]
    loss_values = [*window_losses.tolist(), *tangent_ends]
    loss_spread = max(loss_values) - min(loss_values)
    return NudgeExperiment(
        epsilon=epsilon,
        w=preset.w,
        w_nudged=preset.w + epsilon,
        loss=walk.loss,
        loss_nudged=loss_plus,
        loss_change=change,
        predicted_change=predicted,
        central_slope=slope,
        crosses_kink=crosses,
        sentence=sentence,
        w_axis=AxisSpan(window[0], window[1], epsilon),
        # A flat loss (dead ReLU) still gets a visible, non-degenerate axis.
        loss_axis=axis_span(loss_values, pad=0.15, min_span=max(loss_spread, 0.1)),
    )


def build(preset: Preset) -> ChainRuleData:
    walk = walkthrough(preset)
    gears = measure_gear_train(GEAR_TEETH, GEAR_TURNS_A)
    factors = chain_factors(walk)
    values_tex = r" \times ".join(factor_value_text(f.value, tex=True) for f in factors)
    values_text = f" {TIMES} ".join(factor_value_text(f.value, tex=False) for f in factors)
    return ChainRuleData(
        guide=section(5),
        walk=walk,
        intro=INTRO,
        analogy=ANALOGY,
        question=QUESTION,
        gears=gears,
        gear_product_text=(
            f"C per A = {fmt(gears.rate_b_per_a)} {TIMES} {fmt(gears.rate_c_per_b)} = {fmt(gears.rate_c_per_a)}"
        ),
        target_tex=r"\frac{\partial L}{\partial w}",
        factors=factors,
        product_tex=f"= {values_tex} = {fmt(walk.dL_dw, tex=True)}",
        product_text=f"\u2202L/\u2202w = {values_text} = {fmt(walk.dL_dw)}",
        zero_factor_note=zero_factor_note(walk, factors),
        nudge=nudge_experiment(preset, walk),
    )


def loss_at_weight(data: ChainRuleData, w: float) -> float:
    """L as a function of w alone (x, b, y fixed): the curve the nudge moves along."""
    _, loss, _, _ = neuron(data.walk.x, w, data.walk.b, data.walk.y)
    return float(loss)
