"""Data for section 06 (Backward Pass): every number that scene shows.

The scene draws the running example as the chain of 03–05, w → z → ŷ → L with
the inputs x, b and y beside it, and lets the gradient flow back along it one
hop at a time: each hop multiplies the gradient that arrived by the hop's local
derivative (the guide's three factors ∂L/∂ŷ, ∂ŷ/∂z, ∂z/∂w, and ∂z/∂b for b).
The numbers come from the autograd engine's run of the example; each hop's
result is computed from the operands as shown, so the shown arithmetic adds up.
Then w and b are nudged the way their gradients say and the forward pass is run
again: the loss falls (or, with a dead ReLU, stays put).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..autograd import Graph
from ..formatting import TIMES, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Direction, Walkthrough, neuron, walkthrough
from .s05_chain_rule import displayed, local_rules

#: Nudges tried, largest first: the largest that keeps the ReLU on the same side of
#: its kink for both nudges is used (big enough to see, small enough to be a nudge).
NUDGE_CANDIDATES: tuple[float, ...] = (0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)
GUIDE_LINE = "Gradients flow backward \u2014 from the loss to every weight."
FLOW_CLAIM = "gradients flow backward"


@dataclass(frozen=True)
class Hop:
    """One hop of the backward pass: the gradient ``upstream`` that arrived at ``target``
    times the local derivative ``local`` (named ``factor``) gives ``result`` at ``source``.

    ``result`` is computed from ``upstream`` and ``local`` as shown.
    """

    source: str
    target: str
    factor: str
    upstream: float
    local: float
    result: float
    sentence: str
    #: Where the local derivative comes from, with the example's numbers ("x = 2.0").
    rule: str

    @property
    def gradient_name(self) -> str:
        """The gradient that arrives at the source node, "∂L/∂z"."""
        return f"\u2202L/\u2202{self.source}"


@dataclass(frozen=True)
class ForwardState:
    """The example's forward values for one choice of w and b."""

    w: float
    b: float
    z: float
    y_hat: float
    loss: float


@dataclass(frozen=True)
class Nudge:
    """One parameter moved by ``delta`` (the way its gradient says), and the forward pass again."""

    parameter: str
    gradient: float
    delta: float
    before: ForwardState
    after: ForwardState
    sentence: str
    label: str
    result_label: str


@dataclass(frozen=True)
class GradientVerdict:
    """What the sign of a parameter's gradient says, as words built from the number."""

    parameter: str
    gradient: float
    direction: Direction
    sentence: str


@dataclass(frozen=True)
class BackwardPassData:
    guide: GuideSection
    walk: Walkthrough
    graph: Graph
    guide_line: str
    flow_claim: str
    seed_sentence: str
    #: ∂L/∂L, where the backward pass starts.
    seed: float
    #: L → ŷ, ŷ → z, z → w, z → b: the order the gradient crosses the chain.
    hops: tuple[Hop, ...]
    # The guide's chain for w: ∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w, and the same for b.
    w_factors: tuple[float, float, float]
    b_factors: tuple[float, float, float]
    #: The products of the factors as shown (equal to the gradients when the factors
    #: show all their digits, as in the guide's example).
    dL_dw: float
    dL_db: float
    chain_sentence: str
    b_sentence: str
    relu_active: bool
    w_verdict: GradientVerdict
    b_verdict: GradientVerdict
    dead_relu_sentence: str
    dead_relu_label: str
    nudges: tuple[Nudge, ...]
    #: Where the gradients were measured ("at w = 0.5"): the nudges move w, the formula does not.
    at_w_label: str
    #: The nudges are experiments, not the update.
    test_nudge_label: str

    def hop(self, source: str) -> Hop:
        """The hop that ends at ``source`` ("ŷ", "z", "w" or "b")."""
        for hop in self.hops:
            if hop.source == source:
                return hop
        raise KeyError(f"no hop into {source!r}")


def _times(upstream: float, local: float) -> float:
    return displayed(upstream) * displayed(local)


def backward_hops(walk: Walkthrough) -> tuple[Hop, ...]:
    """The four hops from L back to w and b, each result from the operands as shown."""
    seed = 1.0
    at_y_hat = _times(seed, walk.dL_dyhat)
    at_z = _times(at_y_hat, walk.dyhat_dz)
    at_w = _times(at_z, walk.dz_dw)
    at_b = _times(at_z, walk.dz_db)

    rules = local_rules(walk)

    def sentence(through: str, up: float, local: float, result: float, node: str) -> str:
        return f"Through {through}: {fmt(up)} {TIMES} {fmt(local)} = {fmt(result)} arrives at {node}."

    return (
        Hop("\u0177", "L", "\u2202L/\u2202\u0177", seed, walk.dL_dyhat, at_y_hat,
            sentence("the loss", seed, walk.dL_dyhat, at_y_hat, "\u0177"), rules["\u2202L/\u2202\u0177"]),
        Hop("z", "\u0177", "\u2202\u0177/\u2202z", at_y_hat, walk.dyhat_dz, at_z,
            sentence("the ReLU", at_y_hat, walk.dyhat_dz, at_z, "z"), rules["\u2202\u0177/\u2202z"]),
        Hop("w", "z", "\u2202z/\u2202w", at_z, walk.dz_dw, at_w,
            sentence("w\u00b7x + b", at_z, walk.dz_dw, at_w, "w"), rules["\u2202z/\u2202w"]),
        Hop("b", "z", "\u2202z/\u2202b", at_z, walk.dz_db, at_b,
            f"The same gradient reaches b: {fmt(at_z)} {TIMES} {fmt(walk.dz_db)} = {fmt(at_b)}.", rules["\u2202z/\u2202b"]),
    )


def verdict(parameter: str, gradient: float, direction: Direction, relu_active: bool) -> GradientVerdict:
    """The guide's sentence "The gradient −3.6 tells us: increase w …" for any sign."""
    value = fmt(gradient)
    if direction == "increase":
        sentence = f"The gradient {value} tells us: increase {parameter} to reduce the loss (since gradient is negative)."
    elif direction == "decrease":
        sentence = f"The gradient {value} tells us: decrease {parameter} to reduce the loss (since gradient is positive)."
    elif not relu_active:
        sentence = f"The gradient {value} tells us: nudging {parameter} does not change the loss, so {parameter} stays put."
    else:
        sentence = f"The gradient {value} tells us: the loss is already at its lowest along {parameter}, so {parameter} stays put."
    return GradientVerdict(parameter, gradient, direction, sentence)


def dead_relu_explanation(walk: Walkthrough) -> str:
    """Why nothing flows back when z ≤ 0 (empty when the ReLU is active)."""
    if walk.relu_active:
        return ""
    return (
        f"z = {fmt(walk.z)} ≤ 0, so the ReLU is off: its output is 0 whatever z does, "
        f"its local derivative is {fmt(walk.dyhat_dz)}, and nothing flows back through it to w or b."
    )


def forward_state(preset: Preset, w: float, b: float) -> ForwardState:
    y_hat, loss, _, _ = neuron(preset.x, w, b, preset.y)
    return ForwardState(w=w, b=b, z=w * preset.x + b, y_hat=float(y_hat), loss=float(loss))


def nudge_size(preset: Preset, walk: Walkthrough, candidates: tuple[float, ...] = NUDGE_CANDIDATES) -> float:
    """The largest candidate step for which neither nudge moves z across the ReLU's kink, and
    neither steps past the loss's minimum (a nudge the way the gradient says must lower L)."""
    sign_w = -1.0 if walk.dL_dw > 0 else 1.0
    sign_b = -1.0 if walk.dL_db > 0 else 1.0
    start = forward_state(preset, preset.w, preset.b).loss
    for step in candidates:
        z_after_w = (preset.w + sign_w * step) * preset.x + preset.b
        z_after_b = preset.w * preset.x + preset.b + sign_b * step
        if not (z_after_w > 0.0) == (z_after_b > 0.0) == walk.relu_active:
            continue
        lowers = all(
            gradient == 0.0 or forward_state(preset, w, b).loss < start
            for gradient, w, b in (
                (walk.dL_dw, preset.w + sign_w * step, preset.b),
                (walk.dL_db, preset.w, preset.b + sign_b * step),
            )
        )
        if lowers or not walk.relu_active:
            return step
    return candidates[-1]


def nudges(preset: Preset, walk: Walkthrough, w_verdict: GradientVerdict, b_verdict: GradientVerdict) -> tuple[Nudge, ...]:
    """Move w, then b, the way their gradients say (up when the gradient is 0) and run forward again.

    Each is a test nudge from the example as it is (w is back at its value before b
    moves), not the training update: the update's step is η × gradient (section 07).
    """
    step = nudge_size(preset, walk)
    start = forward_state(preset, preset.w, preset.b)
    result: list[Nudge] = []
    for parameter, gradient, chosen in (("w", walk.dL_dw, w_verdict), ("b", walk.dL_db, b_verdict)):
        delta = -step if gradient > 0 else step
        w = start.w + delta if parameter == "w" else start.w
        b = start.b + delta if parameter == "b" else start.b
        after = forward_state(preset, round(w, 10), round(b, 10))
        sign = "+" if delta > 0 else "\u2212"
        if chosen.direction == "hold":
            outcome = f"L stays {fmt(after.loss)}"
        elif after.loss < start.loss:
            outcome = f"L falls: {fmt(start.loss)} \u2192 {fmt(after.loss)}"
        else:
            outcome = f"L: {fmt(start.loss)} \u2192 {fmt(after.loss)}"
        words = {"increase": f"gradient {fmt(gradient)} < 0: increase {parameter}",
                 "decrease": f"gradient {fmt(gradient)} > 0: decrease {parameter}",
                 "hold": f"gradient {fmt(gradient)}: nothing to change"}[chosen.direction]
        result.append(Nudge(
            parameter=parameter,
            gradient=gradient,
            delta=delta,
            before=start,
            after=after,
            sentence=chosen.sentence,
            label=f"{words}  ({parameter} {sign} {fmt(abs(delta))})",
            result_label=outcome,
        ))
    return tuple(result)


def build(preset: Preset) -> BackwardPassData:
    walk = walkthrough(preset)
    hops = backward_hops(walk)
    w_verdict = verdict("w", walk.dL_dw, walk.w_direction, walk.relu_active)
    b_verdict = verdict("b", walk.dL_db, walk.b_direction, walk.relu_active)
    w_factors = (walk.dL_dyhat, walk.dyhat_dz, walk.dz_dw)
    b_factors = (walk.dL_dyhat, walk.dyhat_dz, walk.dz_db)
    dL_dw = displayed(w_factors[0]) * displayed(w_factors[1]) * displayed(w_factors[2])
    dL_db = displayed(b_factors[0]) * displayed(b_factors[1]) * displayed(b_factors[2])
    return BackwardPassData(
        guide=section(6),
        walk=walk,
        graph=walk.graph,
        guide_line=GUIDE_LINE,
        flow_claim=FLOW_CLAIM,
        # Spoken, "∂L/∂L" is a mouthful; the label under L writes it.
        seed_sentence=(
            f"Start at the loss, where the gradient is {fmt(1.0)}. "
            "Each link multiplies it by its local derivative."
        ),
        seed=1.0,
        hops=hops,
        w_factors=w_factors,
        b_factors=b_factors,
        dL_dw=dL_dw,
        dL_db=dL_db,
        chain_sentence=(
            f"\u2202L/\u2202w = ({fmt(w_factors[0])}) {TIMES} ({fmt(w_factors[1])}) {TIMES} "
            f"({fmt(w_factors[2])}) = {fmt(dL_dw)}"
        ),
        b_sentence=f"The same chain ends at b, whose local derivative \u2202z/\u2202b is {fmt(b_factors[2])}: \u2202L/\u2202b = {fmt(dL_db)}.",
        relu_active=walk.relu_active,
        w_verdict=w_verdict,
        b_verdict=b_verdict,
        dead_relu_sentence=dead_relu_explanation(walk),
        dead_relu_label="" if walk.relu_active else f"ReLU off: {TIMES}{fmt(walk.dyhat_dz)} stops the flow",
        nudges=nudges(preset, walk, w_verdict, b_verdict),
        at_w_label=f"at w = {fmt(walk.w)}",
        test_nudge_label="test nudge, not the update",
    )
