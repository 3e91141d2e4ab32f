"""11 The Full Algorithm: the loop on the worked neuron, then on a real network until it trains.

The four steps sit in a row at the top and light up as the loop runs. First the
guide's neuron goes round once: the forward pulse (blue) gives ŷ, the gap to y is
the loss (purple), the backward pulse (orange) gives ∂L/∂w, and the update
thickens or thins the weight's edge. Then the same loop runs on the network of a
real training run (two moons, the run's own loss), update by update, faster and
faster until it becomes the whole run: the edges change thickness with the real
weights, the class regions and the decision boundary follow the model, and a
yellow "you are here" marker rides the loss curve. It ends on "Repeat for N
epochs × M batches" with the run's own N and M.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    TAU,
    UP,
    Axes,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Indicate,
    LaggedStart,
    Line,
    LogBase,
    ManimColor,
    Mobject,
    Rotate,
    RoundedRectangle,
    ShowPassingFlash,
    Square,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    interpolate_color,
    rgb_to_color,
)

from backprop_core.formatting import fmt
from backprop_core.landscapes import LandscapeGrid
from backprop_core.sections.s10_challenges import contour_segments
from backprop_core.sections.s11_full_algorithm import BOUNDARY_PROBABILITY
from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene, stretched_run_time
from scenes.kit.edges import WeightEdge
from scenes.kit.icons import icon
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.pictures import Neuron
from scenes.kit.readout import LiveNumber
from scenes.kit.theme import THEME, Theme
from scenes.kit.typography import styled_text

INTRO = "The complete training loop in four steps, repeated thousands of times."
STEPS = (
    ("Forward Pass", "Feed a batch of data through the network to produce predictions."),
    ("Compute Loss", "Measure how wrong the predictions are using a loss function (MSE, cross-entropy, etc.)."),
    ("Backward Pass", "Compute gradients of the loss with respect to every weight using the chain rule."),
    ("Update Weights", "Nudge every weight in the direction that reduces the loss: w = w − η × ∇L."),
)
UPDATE_RULE = "w = w − η × ∇L"
CONVERGES = "the network converges toward minimal loss"

#: Bottom of the pictures: the closing "Repeat for …" line sits below it.
PICTURE_BOTTOM = -2.45
#: The worked neuron's picture: its axis height and the x of each part.
NEURON_Y = -0.45
X_NODE_X, NEURON_X, CHIP_X, SCALE_X = -5.7, -1.6, 1.7, 4.5
#: The loss scale's ends (screen y) and headroom above the larger of y and ŷ.
SCALE_LOW, SCALE_HIGH, SCALE_HEADROOM = -2.2, 0.85, 1.25
#: Durations of the slow loops' steps (forward, loss, backward, update) for the first
#: loop; each later loop takes this share of the one before.
LOOP_TIMES = (1.0, 0.6, 1.0, 0.7)
LOOP_SPEEDUP = 0.5
#: The speed-up from the last slow loop to the end of the run.
RUN_TIME = 8.0
#: A network edge is at full thickness from this share of the run's largest |w| (most
#: weights are far below the largest; linear in |w| up to there).
EDGE_FULL_SHARE = 0.6
#: Shades of grey between "surely class 0" and "surely class 1" in the class regions.
SHADES = 12
#: How far the regions' colours go from the background toward their class's hue.
REGION_TINT = 0.3


class LogLossPlot(VGroup):
    """A loss curve on a logarithmic y axis that draws itself as a tracker runs through its samples.

    ``xs``/``ys`` are the samples (the run's frames); the tracker holds a fractional
    sample index. ``.curve`` is the part already run, ``.dot`` the "you are here"
    marker on it. The y axis spans the decades ``y_ticks[0]`` … ``y_ticks[-1]``
    (labelled with ``fmt``), with a faint line per decade.
    """

    TICK_BUFF = 0.15

    def __init__(
        self,
        xs: tuple[float, ...],
        ys: tuple[float, ...],
        tracker: ValueTracker,
        *,
        x_label: str,
        width: float,
        height: float,
        x_ticks: tuple[float, ...],
        y_ticks: tuple[float, ...],
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        self.xs = np.asarray(xs, dtype=float)
        self.log_ys = np.log10(np.asarray(ys, dtype=float))
        self.tracker = tracker
        colors = theme.colors

        def label(text: str) -> VMobject:
            return styled_text(text, "caption", color=colors.muted, theme=theme)

        y_tick_labels = [label(fmt(value)) for value in y_ticks]
        x_tick_labels = [label(fmt(value)) for value in x_ticks]
        self.x_label = label(x_label)
        left = max(tick.width for tick in y_tick_labels) + self.TICK_BUFF
        right = max(tick.width / 2 for tick in x_tick_labels)
        below = self.TICK_BUFF + max(tick.height for tick in x_tick_labels)
        above = y_tick_labels[-1].height / 2
        low, high = (round(float(np.log10(tick))) for tick in (y_ticks[0], y_ticks[-1]))
        self.axes = Axes(
            x_range=[float(self.xs[0]), float(self.xs[-1]), float(self.xs[-1] - self.xs[0])],
            y_range=[low, high, 1],
            x_length=width - left - right,
            y_length=height - above - below,
            tips=False,
            axis_config={"color": colors.muted, "stroke_width": theme.strokes.thin, "include_ticks": False},
            y_axis_config={"scaling": LogBase(custom_labels=False)},
        )
        self.grid = VGroup(
            *(
                Line(self.axes.c2p(self.xs[0], tick), self.axes.c2p(self.xs[-1], tick), color=colors.faint, stroke_width=1.5)
                for tick in y_ticks[1:]
            )
        )
        # The whole curve, invisible, moves with the plot; the visible part is cut from it.
        self.full_curve = VMobject(stroke_color=colors.loss, stroke_width=theme.strokes.normal, stroke_opacity=0)
        self.full_curve.set_points_as_corners([self.axes.c2p(x, 10.0**y) for x, y in zip(self.xs, self.log_ys)])
        self.ticks = VGroup()
        for value, tick in zip(y_ticks, y_tick_labels):
            self.ticks.add(tick.next_to(self.axes.c2p(self.xs[0], value), LEFT, buff=self.TICK_BUFF))
        for value, tick in zip(x_ticks, x_tick_labels):
            self.ticks.add(tick.next_to(self.axes.c2p(value, y_ticks[0]), DOWN, buff=self.TICK_BUFF))
        # Between the end ticks, under the axis.
        self.x_label.next_to(self.axes.x_axis, DOWN, buff=self.TICK_BUFF)
        self.curve = self.full_curve.copy().set_stroke(opacity=1)
        self.curve.add_updater(self._follow)
        self.dot = Dot(radius=0.12, color=colors.accent)
        self.dot.add_updater(lambda dot: dot.move_to(self.point_at(self.tracker.get_value())))
        self.add(self.grid, self.axes, self.x_label, self.ticks, self.full_curve, self.curve, self.dot)
        self.update()

    def _follow(self, curve: VMobject) -> None:
        share = float(np.clip(self.tracker.get_value() / (len(self.xs) - 1), 0.0, 1.0))
        curve.pointwise_become_partial(self.full_curve, 0.0, max(share, 1e-4))
        curve.set_stroke(opacity=1)

    def point_at(self, index: float) -> np.ndarray:
        """Scene point of the curve at fractional sample ``index`` (straight between samples)."""
        positions = np.arange(len(self.xs), dtype=float)
        x = float(np.interp(index, positions, self.xs))
        log_y = float(np.interp(index, positions, self.log_ys))
        return self.axes.c2p(x, 10.0**log_y)


class StepRow(VGroup):
    """The four steps as short labels in a row (a coloured badge each), the update rule under
    the fourth, and a repeat arrow at the end. :meth:`light` moves a yellow cursor onto one."""

    def __init__(self, scene: SectionScene, colors: tuple[str, ...]) -> None:
        super().__init__()
        palette = scene.theme.colors
        self.badges = VGroup()
        self.labels = VGroup()
        self.items = VGroup()
        for number, ((title, _), color) in enumerate(zip(STEPS, colors), start=1):
            ring = Circle(0.22, color=color, stroke_width=4).set_fill(palette.panel, opacity=1)
            digit = scene.text(str(number), "caption", bold=True, color=color).move_to(ring)
            badge = VGroup(ring, digit)
            label = scene.text(title, "label", color=palette.muted)
            self.badges.add(badge)
            self.labels.add(label)
            self.items.add(VGroup(badge, label).arrange(RIGHT, buff=0.15))
        self.items.arrange(RIGHT, buff=0.55)
        # Capitals line up whatever the descenders.
        for item in self.items:
            item[1].align_to(self.items[0][1], UP)
        self.rule = scene.text(UPDATE_RULE, "caption", color=palette.muted)
        self.rule.next_to(self.labels[3], DOWN, buff=0.14).align_to(self.labels[3], LEFT)
        self.repeat = icon("repeat", 0.5, palette.muted, theme=scene.theme).next_to(self.items, RIGHT, buff=0.45)
        self.add(self.items, self.rule, self.repeat)
        fit_width(self, safe_area().width)
        self.cursor = RoundedRectangle(corner_radius=0.12, width=1, height=1, color=palette.accent, stroke_width=3)
        self.cursor.set_fill(opacity=0).set_opacity(0)
        self.lit_color = palette.text
        self.dim_color = palette.muted

    def _around(self, mobject: Mobject) -> RoundedRectangle:
        box = self.cursor.copy().set_stroke(opacity=1)
        box.stretch_to_fit_width(mobject.width + 0.3).stretch_to_fit_height(mobject.height + 0.2).move_to(mobject)
        return box

    def _move_cursor(self, target: Mobject) -> list:
        """The cursor fades out where it is and in around ``target``: it never slides across
        the labels between them."""
        old, self.cursor = self.cursor, self._around(target)
        return [FadeOut(old), FadeIn(self.cursor)]

    def light(self, index: int) -> list:
        """Animations that put the cursor on step ``index`` and light its label."""
        target = self.items[index] if index < 3 else VGroup(self.items[3], self.rule)
        return [
            *self._move_cursor(target),
            *(
                label.animate.set_color(self.lit_color if k == index else self.dim_color)
                for k, label in enumerate(self.labels)
            ),
        ]

    def light_all(self) -> list:
        """The loop running too fast to follow: the cursor round the whole row, every label lit."""
        return [
            *self._move_cursor(VGroup(self.items, self.rule, self.repeat)),
            *(label.animate.set_color(self.lit_color) for label in self.labels),
        ]


class FullAlgorithm(SectionScene):
    section_number = 11

    def construct(self) -> None:
        self.open_on_the_neuron()
        self.forward_on_the_neuron()
        self.loss_on_the_neuron()
        self.backward_on_the_neuron()
        self.update_on_the_neuron()
        self.again_on_the_neuron()
        self.move_to_the_network()
        self.loop_on_the_network()
        self.speed_up_into_the_run()
        self.repeat_summary()
        self.end_section()

    # -- helpers -----------------------------------------------------------------

    @contextmanager
    def narrated(self, text: str, at_least: float | None = None) -> Iterator[float]:
        """Caption (and, when narrated, speak) ``text`` over the plays inside the block, then hold
        for the rest of its time (at least ``at_least`` seconds); yields the sentence's time
        (see ``SectionScene.saying``).
        Back-to-back beats give captions that touch but never overlap, and no sentence starts
        while the one before it is still being spoken."""
        with self.saying(text) as sentence:
            start = self.time
            yield sentence
            rest = (at_least or 0.0) - (self.time - start)
            if rest > 1e-3:
                self.wait(rest)

    @staticmethod
    def pace(sentence: float, plays: float) -> float:
        """How much to slow ``plays`` seconds of animation under a sentence of ``sentence`` seconds:
        the kit's rule for ``say()`` (:func:`stretched_run_time`) as a factor, never faster."""
        return max(1.0, stretched_run_time(plays, sentence) / plays)

    def step_colors(self) -> tuple[str, str, str, str]:
        colors = self.theme.colors
        # Forward blue, loss purple, backward orange; the update is the weights' own neutral.
        return (colors.forward, colors.loss, colors.gradient, colors.text)

    def chip(self, content: str, color: str, role: str = "label") -> VGroup:
        """A value in a small dark panel (text in the theme font)."""
        text = self.text(content, role, color=color)
        frame = RoundedRectangle(
            corner_radius=0.12, width=text.width + 0.4, height=text.height + 0.3, color=color, stroke_width=3
        ).set_fill(self.theme.colors.panel, opacity=1)
        return VGroup(frame, text.move_to(frame))

    # -- the worked neuron --------------------------------------------------------

    def open_on_the_neuron(self) -> None:
        """Header, the step row and the guide's neuron, in the first second."""
        walk = self.data.walk
        colors = self.theme.colors
        region = content_area()
        self.row = StepRow(self, self.step_colors())
        self.row.move_to([region.center[0], region.top - self.row.height / 2, 0])

        y = NEURON_Y
        x_node = Neuron(0.45, self.text("x", "label"), theme=self.theme).move_to([X_NODE_X, y, 0])
        x_value = self.text(f"x = {self.fmt(walk.x)}", "label", color=colors.forward).next_to(x_node, UP, buff=0.25)
        neuron = Neuron(0.65, activation="relu", theme=self.theme).move_to([NEURON_X, y, 0])
        bias = self.text(f"b = {self.fmt(walk.b)}", "label", color=colors.muted).next_to(neuron, DOWN, buff=0.25)
        self.weight_scale = max(abs(walk.w), abs(walk.w_new)) * 1.6 + 1e-9
        w_edge = WeightEdge(x_node.get_right(), neuron.get_left(), walk.w, self.weight_scale, theme=self.theme)
        w_label = self.text(f"w = {self.fmt(walk.w)}", "label").next_to(w_edge, UP, buff=0.2)
        out_edge = Line(neuron.get_right(), [CHIP_X - 0.9, y, 0], stroke_color=colors.muted, stroke_width=3)
        self.neuron_parts = {
            "x_node": x_node,
            "x_value": x_value,
            "neuron": neuron,
            "bias": bias,
            "w_edge": w_edge,
            "w_label": w_label,
            "out_edge": out_edge,
        }
        self.step("the loop")
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        self.play(
            FadeIn(header, shift=0.2 * DOWN),
            FadeIn(heading),
            FadeIn(VGroup(x_node, w_edge, neuron, out_edge), lag_ratio=0.2),
            run_time=1.0,
        )
        with self.narrated(INTRO):
            self.play(
                LaggedStart(*(FadeIn(item, shift=0.2 * DOWN) for item in self.row.items), lag_ratio=0.25),
                FadeIn(self.row.rule),
                FadeIn(self.row.repeat),
                FadeIn(VGroup(x_value, w_label, bias)),
                run_time=1.6,
            )
            self.add(self.row.cursor)
            self.play(Rotate(self.row.repeat, -TAU), run_time=1.4)
            self.play(Indicate(self.row.items, color=colors.accent, scale_factor=1.04), run_time=1.0)

    def forward_on_the_neuron(self) -> None:
        walk = self.data.walk
        colors = self.theme.colors
        parts = self.neuron_parts
        self.y_hat_chip = self.chip(f"ŷ = {self.fmt(walk.y_hat)}", colors.forward).move_to([CHIP_X, NEURON_Y, 0])
        self.step("forward pass")
        with self.narrated(STEPS[0][1]):
            self.play(*self.row.light(0), run_time=0.6)
            self.play(self.flash(parts["w_edge"], colors.forward), run_time=0.8)
            self.play(
                parts["neuron"].circle.animate.set_fill(interpolate_color(ManimColor(colors.panel), ManimColor(colors.forward), 0.55)),
                self.flash(parts["out_edge"], colors.forward),
                run_time=0.8,
            )
            self.play(FadeIn(self.y_hat_chip, scale=0.8), run_time=0.6)

    def flash(self, line: Line, color: str, reverse: bool = False) -> ShowPassingFlash:
        start, end = line.get_start(), line.get_end()
        if reverse:
            start, end = end, start
        return ShowPassingFlash(Line(start, end, stroke_color=color, stroke_width=10), time_width=0.6)

    def value_y(self, value: float) -> float:
        """Screen y of ``value`` on the loss scale."""
        walk = self.data.walk
        top = max(walk.y, walk.y_hat, walk.y_hat_new, 1e-9) * SCALE_HEADROOM
        return SCALE_LOW + (SCALE_HIGH - SCALE_LOW) * float(np.clip(value / top, 0.0, 1.0))

    def loss_on_the_neuron(self) -> None:
        """The gap between ŷ and y on a scale, in the loss colour, and L = (y − ŷ)² from the shown numbers."""
        data = self.data
        walk = data.walk
        colors = self.theme.colors
        y_text, y_hat_text, loss_text = (self.fmt(value) for value in data.loss_operands)
        axis = Line([SCALE_X, SCALE_LOW, 0], [SCALE_X, SCALE_HIGH, 0], color=colors.faint, stroke_width=3)
        y_level, y_hat_level = self.value_y(walk.y), self.value_y(walk.y_hat)
        y_tick = Line([SCALE_X - 0.3, y_level, 0], [SCALE_X + 0.3, y_level, 0], color=colors.target, stroke_width=6)
        y_label = self.text(f"y = {y_text}", "label", color=colors.target).next_to(y_tick, RIGHT, buff=0.2)
        y_hat_tick = Line([SCALE_X - 0.3, y_hat_level, 0], [SCALE_X + 0.3, y_hat_level, 0], color=colors.forward, stroke_width=6)
        y_hat_label = self.text(f"ŷ = {y_hat_text}", "label", color=colors.forward).next_to(y_hat_tick, RIGHT, buff=0.2)
        gap = Line([SCALE_X, y_hat_level, 0], [SCALE_X, y_level, 0], color=colors.loss, stroke_width=14)
        formula = self.text(f"L = ({y_text} − {y_hat_text})² = {loss_text}", "label", color=colors.loss)
        # Under ŷ's chip, clear of the scale's labels whatever the values.
        formula.next_to(self.y_hat_chip, DOWN, buff=0.45).shift(0.25 * RIGHT)
        self.loss_parts = VGroup(axis, y_tick, y_label, y_hat_tick, y_hat_label, gap, formula)
        self.step("compute loss")
        with self.narrated(STEPS[1][1]):
            self.play(*self.row.light(1), FadeIn(axis), FadeIn(VGroup(y_tick, y_label), shift=0.2 * LEFT), run_time=0.8)
            self.play(FadeTransform(self.y_hat_chip.copy(), VGroup(y_hat_tick, y_hat_label)), run_time=1.0)
            self.play(Create(gap), run_time=0.9)
            self.play(FadeIn(formula, shift=0.2 * UP), run_time=0.8)
            self.play(Indicate(gap, color=colors.loss, scale_factor=1.15), run_time=1.0)

    def backward_on_the_neuron(self) -> None:
        walk = self.data.walk
        colors = self.theme.colors
        parts = self.neuron_parts
        gradient = self.text(f"∂L/∂w = {self.fmt(walk.dL_dw)}", "label", color=colors.gradient)
        gradient.next_to(parts["w_edge"], DOWN, buff=0.25)
        self.gradient_label = gradient
        gap = self.loss_parts[5]
        self.step("backward pass")
        with self.narrated(STEPS[2][1]):
            self.play(*self.row.light(2), Indicate(gap, color=colors.gradient, scale_factor=1.1), run_time=0.7)
            self.play(
                self.flash(parts["out_edge"], colors.gradient, reverse=True),
                Indicate(self.y_hat_chip, color=colors.gradient, scale_factor=1.06),
                run_time=0.8,
            )
            self.play(
                parts["neuron"].circle.animate.set_fill(interpolate_color(ManimColor(colors.panel), ManimColor(colors.gradient), 0.55)),
                self.flash(parts["w_edge"], colors.gradient, reverse=True),
                run_time=0.9,
            )
            self.play(FadeIn(gradient, shift=0.2 * DOWN), run_time=0.7)
            self.play(Indicate(gradient, color=colors.gradient, scale_factor=1.08), run_time=0.9)

    def update_on_the_neuron(self) -> None:
        data = self.data
        walk = data.walk
        colors = self.theme.colors
        parts = self.neuron_parts
        w_text, lr_text, grad_text, new_text = (self.fmt(value) for value in data.update_operands)
        shown_grad = f"({grad_text})" if grad_text.startswith("\u2212") else grad_text
        formula = self.text(f"w = {w_text} − {lr_text} × {shown_grad} = {new_text}", "label")
        formula.move_to([(X_NODE_X + NEURON_X) / 2 + 0.4, (PICTURE_BOTTOM + parts["bias"].get_bottom()[1]) / 2 - 0.15, 0])
        if formula.get_left()[0] < safe_area().left:
            formula.shift((safe_area().left - formula.get_left()[0]) * RIGHT)
        new_label = self.text(f"w = {new_text}", "label").move_to(parts["w_label"])
        # Every weight moves: the bias too (b − η × ∂L/∂b), so the next forward pass adds up.
        b_text, _, b_grad_text, b_new_text = (self.fmt(value) for value in data.bias_update_operands)
        shown_b_grad = f"({b_grad_text})" if b_grad_text.startswith("\u2212") else b_grad_text
        b_formula = self.text(f"b = {b_text} − {lr_text} × {shown_b_grad} = {b_new_text}", "label", color=colors.muted)
        b_formula.next_to(formula, DOWN, buff=0.2).align_to(formula, LEFT)
        new_bias = self.text(f"b = {b_new_text}", "label", color=colors.muted).next_to(parts["neuron"], DOWN, buff=0.25)
        self.step("update weights")
        with self.narrated(STEPS[3][1]) as sentence:
            pace = self.pace(sentence, 3.7)
            self.play(*self.row.light(3), FadeIn(formula, shift=0.2 * UP), run_time=0.9 * pace)
            self.play(
                parts["w_edge"].animate.set_weight(walk.w_new, self.weight_scale),
                FadeTransform(parts["w_label"], new_label),
                parts["neuron"].circle.animate.set_fill(colors.panel),
                run_time=1.0 * pace,
            )
            self.play(
                FadeIn(b_formula, shift=0.2 * UP),
                FadeOut(parts["bias"], shift=0.15 * DOWN),
                FadeIn(new_bias, shift=0.15 * DOWN),
                run_time=0.8 * pace,
            )
            self.play(
                self.flash(parts["w_edge"], colors.accent),
                Indicate(new_label, color=colors.accent),
                Indicate(new_bias, color=colors.accent),
                run_time=1.0 * pace,
            )
        parts["bias"] = new_bias
        parts["w_label"] = new_label
        self.update_formula = VGroup(formula, b_formula)

    def again_on_the_neuron(self) -> None:
        """Round the loop once more with the new w and b: forward again, a smaller gap, a lower L
        under the old one (dimmed), so the frame shows what one loop bought."""
        data = self.data
        walk = data.walk
        colors = self.theme.colors
        parts = self.neuron_parts
        y_text, y_hat_text, loss_text = (self.fmt(value) for value in data.next_loss_operands)
        axis, y_tick, y_label, y_hat_tick, y_hat_label, gap, formula = self.loss_parts

        new_chip = self.chip(f"ŷ = {y_hat_text}", colors.forward).move_to(self.y_hat_chip)
        level = self.value_y(walk.y_hat_new)
        new_tick = y_hat_tick.copy().set_y(level)
        new_label = self.text(f"ŷ = {y_hat_text}", "label", color=colors.forward).next_to(new_tick, RIGHT, buff=0.2)
        # Clear of y's label when the prediction lands next to the target.
        clearance = (y_label.height + new_label.height) / 2 + 0.08 - abs(new_label.get_y() - y_label.get_y())
        if clearance > 0:
            new_label.shift(clearance * (DOWN if level <= y_label.get_y() else UP))
        new_gap = Line([SCALE_X, level, 0], [SCALE_X, self.value_y(walk.y), 0], color=colors.loss, stroke_width=14)
        new_formula = self.text(f"L = ({y_text} − {y_hat_text})² = {loss_text}", "label", color=colors.loss)
        # Under the old loss, the two ending in the same place (the longer one grows to the left,
        # away from the scale).
        new_formula.next_to(formula, DOWN, buff=0.3).align_to(formula, RIGHT)

        self.step("round again")
        with self.narrated(data.again_sentence) as sentence:
            pace = self.pace(sentence, 4.2)
            self.play(
                *self.row.light(0),
                FadeOut(self.update_formula),
                FadeOut(self.gradient_label),
                self.flash(parts["w_edge"], colors.forward),
                run_time=0.8 * pace,
            )
            self.play(
                parts["neuron"].circle.animate.set_fill(interpolate_color(ManimColor(colors.panel), ManimColor(colors.forward), 0.55)),
                self.flash(parts["out_edge"], colors.forward),
                FadeOut(self.y_hat_chip),
                FadeIn(new_chip),
                run_time=0.8 * pace,
            )
            self.play(
                *self.row.light(1),
                Transform(y_hat_tick, new_tick),
                FadeOut(y_hat_label),
                FadeIn(new_label),
                Transform(gap, new_gap),
                parts["neuron"].circle.animate.set_fill(colors.panel),
                run_time=1.0 * pace,
            )
            self.play(formula.animate.set_color(colors.faint), FadeIn(new_formula, shift=0.2 * DOWN), run_time=0.8 * pace)
            self.play(Indicate(new_formula, color=colors.loss, scale_factor=1.06), run_time=0.8 * pace)
        self.y_hat_chip = new_chip
        self.loss_parts = VGroup(axis, y_tick, y_label, y_hat_tick, new_label, gap, formula, new_formula)
        self.gradient_label = VGroup()
        self.update_formula = VGroup()

    # -- the network -------------------------------------------------------------

    def move_to_the_network(self) -> None:
        """The neuron's picture gives way to the run's network, its data and its loss curve."""
        data = self.data
        colors = self.theme.colors
        frames = data.frames
        self.run = ValueTracker(0.0)
        top = self.row.get_bottom()[1] - 0.3
        region = content_area()

        network = LayeredNetwork(frames[0].weights, width=3.0, height=2.7, neuron_radius=0.16, theme=self.theme)
        network.move_to([region.left + 1.6, (top + PICTURE_BOTTOM) / 2 + 0.15, 0])
        self.network = network
        self.style_network(0.0)
        network.add_updater(lambda _: self.style_network(self.run.get_value()))

        side = min(top - PICTURE_BOTTOM - 0.4, 3.3)
        panel = Square(side, color=colors.panel_edge, stroke_width=2)
        panel.move_to([network.get_right()[0] + 0.6 + side / 2, PICTURE_BOTTOM + side / 2, 0])
        panel_title = self.text("decision boundary", "caption", color=colors.muted).next_to(panel, UP, buff=0.1)
        regions, boundary, points = self.classifier_picture(panel, side)

        left = panel.get_right()[0] + 0.7
        readouts = self.readouts(left, region.right, top)
        plot = LogLossPlot(
            data.curve_epochs,
            data.curve_losses,
            self.run,
            x_label="epoch",
            width=region.right - left,
            height=readouts.get_bottom()[1] - 0.25 - PICTURE_BOTTOM,
            x_ticks=(frames[0].epoch, data.epochs),
            y_ticks=data.loss_ticks,
            theme=self.theme,
        )
        plot.move_to([left, PICTURE_BOTTOM, 0], aligned_edge=LEFT + DOWN)
        for tick in (frames[0].epoch, data.epochs, *data.loss_ticks):
            self.record_number(fmt(tick), tick)
        self.plot = plot

        leaving = VGroup(*self.neuron_parts.values(), self.y_hat_chip, self.loss_parts, self.gradient_label, self.update_formula)
        self.step("on a real network")
        caption = f"The same loop on a real network, trained with {data.loss_name} loss."
        with self.narrated(caption):
            self.play(
                FadeOut(leaving, shift=0.3 * DOWN),
                self.row.cursor.animate.set_stroke(opacity=0),
                *(label.animate.set_color(colors.muted) for label in self.row.labels),
                run_time=0.8,
            )
            self.play(
                FadeIn(network, lag_ratio=0.02),
                FadeIn(regions),
                Create(boundary),
                FadeIn(points, lag_ratio=0.005),
                FadeIn(panel),
                FadeIn(panel_title),
                run_time=1.4,
            )
            self.play(FadeIn(VGroup(plot.grid, plot.axes, plot.x_label, plot.ticks)), FadeIn(readouts), FadeIn(plot.dot, scale=2), run_time=1.0)
            self.add(plot)
        self.network_parts = (network, panel, panel_title, regions, boundary, points, readouts, plot)

    def readouts(self, left: float, right: float, top: float) -> VGroup:
        """Epoch, loss (named) and accuracy of the frame the run is at."""
        data = self.data
        colors = self.theme.colors
        frames = data.frames

        def at(field: str):
            return lambda: getattr(frames[self.frame_index()], field)

        group = VGroup()
        for name, source, color, digits in (
            ("epoch", at("epoch"), colors.text, 0),
            (f"{data.loss_name} loss", at("loss"), colors.loss, 3),
            ("accuracy", at("accuracy"), colors.text, 2),
        ):
            label = self.text(name, "caption", color=colors.muted)
            number = LiveNumber(source, digits, role="subheading", color=color)
            number.next_to(label, DOWN, buff=0.18, aligned_edge=LEFT)
            group.add(VGroup(label, number))
        group.arrange(RIGHT, buff=0.55, aligned_edge=UP)
        if group.width > right - left:
            fit_width(group, right - left)
        group.move_to([left, top, 0], aligned_edge=LEFT + UP)
        return group

    def frame_index(self) -> int:
        return int(round(float(np.clip(self.run.get_value(), 0, len(self.data.frames) - 1))))

    def weights_at(self, position: float) -> list[np.ndarray]:
        """The weights drawn at a fractional frame ``position`` (straight between frames)."""
        frames = self.data.frames
        low = int(np.clip(np.floor(position), 0, len(frames) - 1))
        high = min(low + 1, len(frames) - 1)
        share = float(np.clip(position - low, 0.0, 1.0))
        return [(1 - share) * a + share * b for a, b in zip(frames[low].weights, frames[high].weights)]

    def probabilities_at(self, position: float) -> np.ndarray:
        frames = self.data.frames
        low = int(np.clip(np.floor(position), 0, len(frames) - 1))
        high = min(low + 1, len(frames) - 1)
        share = float(np.clip(position - low, 0.0, 1.0))
        return (1 - share) * frames[low].probabilities + share * frames[high].probabilities

    def style_network(self, position: float) -> None:
        if getattr(self, "_styled_at", None) == position:
            return
        self._styled_at = position
        network = self.network
        for m, matrix in enumerate(self.weights_at(position)):
            for i in range(matrix.shape[0]):
                for j in range(matrix.shape[1]):
                    network.edge(m, i, j).set_weight(matrix[i, j], self.data.weight_scale * EDGE_FULL_SHARE)

    def classifier_picture(self, panel: Square, side: float) -> tuple[VGroup, VMobject, VGroup]:
        """Class regions (shaded by P(class 1) from a violet tint to a grey one), the decision
        boundary, and the data points (class 0 filled violet, class 1 a white ring)."""
        history = self.data.history
        colors = self.theme.colors
        xs, ys = history.grid_xs, history.grid_ys
        # Each class its own hue (a category colour, not a role): class 0 violet, class 1 white;
        # the regions are dark tints of the two, so points and regions read as one key.
        class_colors = (colors.categories[3], colors.text)
        background = np.array(ManimColor(colors.background).to_rgb())
        low_color = background + REGION_TINT * (np.array(ManimColor(class_colors[0]).to_rgb()) - background)
        high_color = background + REGION_TINT * (np.array(ManimColor(class_colors[1]).to_rgb()) - background)
        centre = panel.get_center()

        def to_screen(x: float, y: float) -> np.ndarray:
            return centre + np.array(
                [((x - xs[0]) / (xs[-1] - xs[0]) - 0.5) * side, ((y - ys[0]) / (ys[-1] - ys[0]) - 0.5) * side, 0.0]
            )

        # One square per grid cell, drawn in SHADES bands (one path each, so the frame
        # draws a handful of shapes, not 1,600): from the background (class 0 sure) to a
        # lighter grey (class 1 sure). Manim's image mobjects fail to draw with this Pillow.
        cells = []
        for row in range(len(ys)):
            for column in range(len(xs)):
                x, y = to_screen(xs[column], ys[row])[:2]
                half_w, half_h = side / (len(xs) - 1) * 0.52, side / (len(ys) - 1) * 0.52
                left, right = max(x - half_w, panel.get_left()[0]), min(x + half_w, panel.get_right()[0])
                bottom, top = max(y - half_h, panel.get_bottom()[1]), min(y + half_h, panel.get_top()[1])
                corners = [np.array(c + (0.0,)) for c in ((left, bottom), (right, bottom), (right, top), (left, top))]
                cells.append(
                    np.concatenate(
                        [np.array([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b]) for a, b in zip(corners, corners[1:] + corners[:1])]
                    )
                )
        cell_points = np.array(cells)
        regions = VGroup(
            *(
                VMobject(stroke_width=0).set_fill(rgb_to_color(low_color + band / (SHADES - 1) * (high_color - low_color)), opacity=1)
                for band in range(SHADES)
            )
        )
        shaded_at = [None]

        def shade(bands: VGroup) -> None:
            position = self.run.get_value()
            if position == shaded_at[0]:
                return
            shaded_at[0] = position
            levels = np.clip(np.round(self.probabilities_at(position).ravel() * (SHADES - 1)), 0, SHADES - 1)
            for band, mobject in enumerate(bands):
                mobject.points = cell_points[levels == band].reshape(-1, 3)

        shade(regions)
        regions.add_updater(shade)

        def boundary_for(position: float) -> VMobject:
            grid = LandscapeGrid(xs, ys, self.probabilities_at(position))
            line = VMobject(stroke_color=colors.text, stroke_width=4)
            for polyline in chain_segments(contour_segments(grid, BOUNDARY_PROBABILITY)):
                line.start_new_path(to_screen(*polyline[0]))
                for point in polyline[1:]:
                    line.add_line_to(to_screen(*point))
            return line

        boundary = boundary_for(0.0)
        drawn_at = [0.0]

        def redraw(line: VMobject) -> None:
            position = self.run.get_value()
            if position != drawn_at[0]:
                drawn_at[0] = position
                line.become(boundary_for(position))

        boundary.add_updater(redraw)

        points = VGroup()
        for point, label in zip(history.dataset.inputs, history.dataset.targets):
            # Class 0 a filled violet dot, class 1 a white ring: shape and hue both carry the class.
            dot = Circle(radius=0.05, stroke_color=class_colors[int(label)], stroke_width=2).move_to(to_screen(*point))
            dot.set_fill(class_colors[0] if label == 0 else colors.background, opacity=1)
            points.add(dot)
        return regions, boundary, points

    def loop_on_the_network(self) -> None:
        """A few updates one by one: pulse forward, the batch's loss, pulse back, the edges change."""
        data = self.data
        colors = self.theme.colors
        network = self.network
        out_layer = network.layers[-1]
        # Under the network, clear of its lowest nodes (the chip is taller than the room left above
        # PICTURE_BOTTOM; below it there is still room above the subtitle band).
        chip_top = network.get_bottom()[1] - 0.15
        chip = None
        caption = (
            f"One update per batch: {self.fmt(data.batches_per_epoch)} batches of "
            f"{self.fmt(data.history.batch_size)} examples make an epoch."
        )
        self.step("update by update")
        with self.narrated(caption):
            for loop in range(1, data.slow_loops + 1):
                scale = LOOP_SPEEDUP ** (loop - 1)
                forward, loss, backward, update = (t * scale for t in LOOP_TIMES)
                self.play(*self.row.light(0), network.forward_pulse(run_time=forward), run_time=forward)
                new_chip = self.chip(f"batch loss {self.fmt(data.frames[loop].batch_loss, 3)}", colors.loss, "caption")
                new_chip.move_to([network.get_center()[0], chip_top - new_chip.height / 2, 0])
                self.play(
                    *self.row.light(1),
                    *(neuron.animate.set_fill(colors.loss).set_stroke(colors.loss) for neuron in out_layer),
                    FadeIn(new_chip) if chip is None else FadeTransform(chip, new_chip),
                    run_time=loss,
                )
                chip = new_chip
                self.play(*self.row.light(2), network.backward_pulse(run_time=backward), run_time=backward)
                self.play(
                    *self.row.light(3),
                    self.run.animate.set_value(loop),
                    network.reset_neurons(),
                    run_time=update,
                )
        self.batch_chip = chip

    def speed_up_into_the_run(self) -> None:
        """From the last slow update to the end of the run, faster and faster."""
        data = self.data
        colors = self.theme.colors
        last = len(data.frames) - 1
        caption = (
            f"Faster: {self.fmt(data.steps)} updates in all. The regions settle, the boundary "
            f"curls between the moons, and the loss falls from {self.fmt(data.initial_loss, 3)} to {self.fmt(data.final_loss, 3)}."
        )
        self.step("the training run")
        with self.narrated(caption):
            self.play(*self.row.light_all(), FadeOut(self.batch_chip), run_time=0.6)
            self.play(
                self.run.animate(rate_func=lambda t: t**1.6).set_value(last),
                Rotate(self.row.repeat, -4 * TAU, rate_func=lambda t: t**1.6),
                run_time=RUN_TIME,
            )
            self.play(Indicate(self.plot.dot, color=colors.accent, scale_factor=1.8), run_time=0.9)

    def repeat_summary(self) -> None:
        data = self.data
        colors = self.theme.colors
        # The short form on screen (the caption has the guide's whole sentence); one line that
        # fits the frame as made (Pango wraps a text wider than the frame by itself).
        line = one_line(
            self,
            f"Repeat for N = {self.fmt(data.epochs)} epochs × M = {self.fmt(data.batches_per_epoch)} batches → minimal loss",
            "label",
            safe_area().width,
            color=colors.accent,
        )
        line.move_to([0, (PICTURE_BOTTOM + safe_area().bottom) / 2 - 0.05, 0])
        caption = f"Repeat for N epochs × M batches → {CONVERGES}."
        self.step("repeat")
        with self.narrated(caption):
            self.play(FadeIn(line, shift=0.2 * UP), run_time=0.8)
            self.play(Rotate(self.row.repeat, -TAU), Indicate(line, color=colors.accent, scale_factor=1.03), run_time=1.4)
            self.play(Indicate(self.network_parts[6], color=colors.accent, scale_factor=1.05), run_time=1.2)
        # The run is over: nothing left to follow.
        for mobject in (self.network, self.network_parts[3], self.network_parts[4], self.plot.curve, self.plot.dot):
            mobject.clear_updaters()


def one_line(scene: SectionScene, content: str, role: str, max_width: float, **kwargs) -> VMobject:
    """``content`` as one line at most ``max_width`` wide: made smaller, not scaled down after the
    fact, when it would be wider (Pango wraps a text wider than the frame on its own)."""
    text = scene.text(content, role, **kwargs)
    if text.width > max_width:
        size = getattr(scene.theme.sizes, role) * max_width / text.width * 0.98
        text = scene.text(content, role, font_size=size, **kwargs)
    return text


def chain_segments(segments: np.ndarray, decimals: int = 6) -> list[np.ndarray]:
    """Join line segments (k, 2, 2) that share end points into polylines (each (n, 2)).

    Marching squares gives each grid cell its own piece; neighbours meet at the same
    edge crossing, up to rounding, so end points are matched after rounding.
    """

    def key(point: np.ndarray) -> tuple[float, float]:
        return (round(float(point[0]), decimals), round(float(point[1]), decimals))

    ends: dict[tuple[float, float], list[int]] = {}
    for index, (start, end) in enumerate(segments):
        ends.setdefault(key(start), []).append(index)
        ends.setdefault(key(end), []).append(index)
    used = [False] * len(segments)

    def extend(chain: list[np.ndarray]) -> None:
        while True:
            options = [i for i in ends.get(key(chain[-1]), []) if not used[i]]
            if not options:
                return
            index = options[0]
            used[index] = True
            start, end = segments[index]
            chain.append(end if key(start) == key(chain[-1]) else start)

    polylines = []
    for index, (start, end) in enumerate(segments):
        if used[index]:
            continue
        used[index] = True
        chain = [start, end]
        extend(chain)
        chain.reverse()
        extend(chain)
        polylines.append(np.array(chain))
    return polylines
