"""The guide's neuron as a chain of boxes that a value travels through.

Input → Multiply → Add Bias → Activate → Output, joined by wires (arrows). A value
rides a wire as a *chip* (a pill with its number). To go through a box the chip
slides under it (the boxes are drawn above the chips), the box lights up while it
works, and a new chip with the box's result comes out on the next wire: no text
ever morphs into another, and every chip shows one number from start to end. The
same picture runs backwards for gradients (a chip in the gradient colour that
enters a box from its right and leaves on its left).

Numbers can also fly out of a box into an equation: :func:`glyphs_of` finds the
glyphs of a substring in a ``Text`` and :func:`fly_number` cross-fades a copy of
them onto their place in the equation (a move when both are the same string in
the same font).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Arrow,
    FadeTransform,
    ManimColor,
    Mobject,
    RoundedRectangle,
    Succession,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    interpolate_color,
    there_and_back,
)
from manim.animation.animation import prepare_animation
from manim.utils.rate_functions import smooth

from .layout import fit_width
from .pictures import Activation, activation_glyph
from .readout import text_baseline
from .theme import THEME, Theme
from .typography import styled_text

#: Font size of a box's operation ("× w = 0.5"): five boxes and four wires with room for a chip fit the frame.
OPERATION_SIZE = 28
#: Font size of a chip's number: smaller than the boxes' text, so a chip clears the boxes beside it.
CHIP_SIZE = 24
#: The least room between a chip on a wire and each box at the wire's ends.
CHIP_CLEARANCE = 0.18
#: Baselines in a box, down from its top: the title's, and the operation's (below the middle).
TITLE_BASELINE = 0.4
OPERATION_BASELINE_BELOW_MIDDLE = 0.3
#: Draw order: wires under chips under boxes, so a chip passing through a box is hidden by it.
Z_WIRES, Z_CHIPS, Z_BOXES = 0, 1, 2


@dataclass(frozen=True)
class NeuronStage:
    """One box: its title ("Multiply"), what it does ("× w = 0.5", may be empty), an optional activation glyph."""

    title: str
    operation: str = ""
    activation: Activation | None = None


def glyphs_at(text: Text, start: int, stop: int) -> VGroup:
    """The glyphs of characters ``start:stop`` of the string ``text`` was made from.

    Manim's ``Text`` has one glyph per character that is not whitespace (its
    ``.text`` is the string without spaces, ``.original_text`` the one given); this
    maps positions in the given string onto glyphs. Raises ``ValueError`` when the
    glyphs do not follow the characters (a ligature merged two).
    """
    content = text.original_text
    drawn = [not character.isspace() for character in content]
    if sum(drawn) != len(text.submobjects):
        raise ValueError(f"the glyphs of {content!r} do not follow its characters")
    first = sum(drawn[:start])
    return VGroup(*text.submobjects[first : first + sum(drawn[start:stop])])


def glyphs_of(text: Text, substring: str, occurrence: int = -1) -> VGroup:
    """The glyphs of ``substring`` inside ``text`` (its last occurrence by default)."""
    content = text.original_text
    starts = [index for index in range(len(content)) if content.startswith(substring, index)]
    if not starts:
        raise ValueError(f"{substring!r} is not in {content!r}")
    start = starts[occurrence]
    return glyphs_at(text, start, start + len(substring))


def fly_number(source: Mobject, target: Mobject, **kwargs: Any) -> FadeTransform:
    """A copy of ``source`` (glyphs on screen) flies onto ``target`` (not yet shown) and becomes it.

    A cross-fade while moving (``FadeTransform``): when both show the same string in
    the same font it reads as the number itself moving; otherwise nothing morphs.
    ``source`` stays where it is; ``target`` is on screen afterwards.
    """
    return FadeTransform(source.copy(), target, **kwargs)


def set_baseline(text: Text, y: float, x: float | None = None) -> Text:
    """Move ``text`` so its baseline is at ``y`` (and its centre at ``x``, when given).

    Texts are positioned by their ink: "Input" (a descender) would sit higher than
    "Add Bias" if both were centred; on a common baseline they line up.
    """
    shift = (y - text_baseline(text, text.original_text)) * UP
    if x is not None:
        shift += (x - text.get_x()) * RIGHT
    return text.shift(shift)


def timeline(total: float, *entries: tuple[float, float, Animation]) -> AnimationGroup:
    """Animations at ``(start, duration, animation)`` within ``total`` seconds, as one group.

    Unlike a ``Succession`` (which begins each animation only when its turn comes,
    so a later ``FadeIn``'s mobject is drawn at full strength from the first frame),
    every animation begins at once and moves only in its window. Give each
    mobject one animation per timeline (two would both write it every frame).
    """
    animations = []
    for start, duration, animation in entries:
        animation = prepare_animation(animation)  # a ``mobject.animate…`` builder becomes its animation
        base = animation.rate_func

        def rate(t: float, base: Any = base, start: float = start, duration: float = duration) -> float:
            return base(min(1.0, max(0.0, (t * total - start) / duration)))

        animation.rate_func = rate
        animation.run_time = total
        animations.append(animation)
    return AnimationGroup(*animations, run_time=total)


def recolor(parent: Mobject, glyphs: Mobject, color: Any, run_time: float = 0.5) -> Animation:
    """``glyphs`` (part of ``parent``, e.g. some glyphs of a ``Text``) turn ``color``.

    Animates ``parent`` rather than the glyphs, so no group of glyphs is added to the
    scene on its own (a later removal of the parent would then leave them behind).
    """
    return _fill_towards(parent, glyphs, color, smooth, run_time)


def pulse_color(parent: Mobject, glyphs: Mobject, color: Any, run_time: float = 0.8, rate: Any = there_and_back) -> Animation:
    """``glyphs`` (part of ``parent``) turn ``color`` and back: one animation, so two never fight over them.

    ``rate`` maps the animation's progress to the colour's strength (0 → 1 → 0).
    """
    return _fill_towards(parent, glyphs, color, rate, run_time)


def _fill_towards(parent: Mobject, glyphs: Mobject, color: Any, rate: Any, run_time: float) -> Animation:
    """Animate ``parent`` while ``glyphs``' fill moves towards ``color`` by ``rate(alpha)``
    (the start colours are read when the animation begins)."""
    target = ManimColor(color)
    start: list[ManimColor] = []
    parts = glyphs.family_members_with_points()

    def update(mobject: Mobject, alpha: float) -> None:
        if not start:
            start.extend(ManimColor(part.get_fill_color()) for part in parts)
        for part, begin in zip(parts, start):
            part.set_fill(interpolate_color(begin, target, rate(alpha)))

    return UpdateFromAlphaFunc(parent, update, run_time=run_time)


def set_visible(mobject: Mobject, visible: bool) -> Mobject:
    """Show or hide a chip or a group of glyphs (fill only: chips and glyphs draw no stroke)."""
    mobject.set_fill(opacity=1.0 if visible else 0.0)
    return mobject


class StageBox(VGroup):
    """A rounded box with a title on top and the operation (and/or an activation glyph) below.

    Parts: ``.frame``, ``.title``, ``.operation`` (a ``Text``, or ``None``), ``.glyph`` (or ``None``).
    """

    def __init__(self, stage: NeuronStage, width: float, height: float, color: Any, theme: Theme = THEME) -> None:
        super().__init__()
        self.stage = stage
        self.edge_color = color
        self.base_width = theme.strokes.normal
        self.frame = RoundedRectangle(
            corner_radius=theme.corner_radius,
            width=width,
            height=height,
            stroke_color=color,
            stroke_width=theme.strokes.normal,
            fill_color=theme.colors.panel,
            fill_opacity=1.0,
        )
        self.title = fit_width(styled_text(stage.title, "header", color=theme.colors.muted, theme=theme), width - 0.2)
        set_baseline(self.title, self.frame.get_top()[1] - TITLE_BASELINE, self.frame.get_x())
        self.add(self.frame, self.title)
        self.operation: Text | None = None
        self.glyph: VMobject | None = None
        below = VGroup()
        if stage.operation:
            self.operation = fit_width(styled_text(stage.operation, "label", font_size=OPERATION_SIZE, theme=theme), width - 0.2)
            below.add(self.operation)
        if stage.activation is not None:
            self.glyph = activation_glyph(stage.activation, width=0.42, color=color, theme=theme)
            below.add(self.glyph)
        if len(below):
            baseline = self.frame.get_y() - OPERATION_BASELINE_BELOW_MIDDLE
            if self.operation is not None:
                set_baseline(self.operation, baseline)
                if self.glyph is not None:
                    # The glyph stands on the operation's baseline, beside it.
                    self.glyph.next_to(self.operation, RIGHT, buff=0.2)
                    self.glyph.set_y(baseline + self.glyph.height / 2)
            else:
                below.move_to(self.frame.get_center() + 0.2 * DOWN)
            below.set_x(self.frame.get_x())
            self.add(*below)
        #: The widest line of content (the title, or the operation with its glyph beside it).
        self.content_width = max(self.title.width, below.width if len(below) else 0.0)


class ValueChip(VGroup):
    """A pill with one number (or short text) in it: a value riding a wire.

    Parts: ``.pill``, ``.label``; ``.text`` is the string it shows.
    """

    def __init__(self, text: str, color: Any, *, font_size: float = CHIP_SIZE, theme: Theme = THEME) -> None:
        super().__init__()
        self.label = styled_text(text, "label", font_size=font_size, color=theme.colors.background, bold=True, theme=theme)
        self.pill = RoundedRectangle(
            corner_radius=0.2,
            width=self.label.width + 0.26,
            height=max(self.label.height + 0.22, 0.44),
            stroke_width=0,
            fill_color=color,
            fill_opacity=1.0,
        )
        self.label.move_to(self.pill)
        self.add(self.pill, self.label)
        self.set_z_index(Z_CHIPS)

    @property
    def text(self) -> str:
        return self.label.original_text


class NeuronChain(VGroup):
    """The neuron's boxes in a row, joined by wires, with chips that carry values through them.

    ``stages`` are :class:`NeuronStage` (or ``(title, operation)`` pairs). All boxes
    share one width (the widest content plus padding); the wires share what is left
    of ``width`` (at least ``min_wire`` each; the whole chain shrinks to ``width`` if
    needed). Parts: ``.boxes[k]`` (:class:`StageBox`), ``.wires[k]`` (the arrow from
    box ``k`` to box ``k + 1``).

    Chips: :meth:`chip_on_wire` makes one sitting on a wire; :meth:`enter` slides a
    chip into a box, where it disappears; :meth:`emerge` brings a chip out of a box
    to where it sits; :meth:`pass_through` does both with the box lit in between.
    """

    def __init__(
        self,
        stages: Sequence[NeuronStage | tuple[str, str]],
        *,
        width: float = 13.2,
        box_height: float = 1.3,
        min_wire: float = 0.95,
        padding: float = 0.12,
        color: Any = None,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        if len(stages) < 2:
            raise ValueError("a neuron chain needs at least two stages")
        self.theme = theme
        self.stages = [stage if isinstance(stage, NeuronStage) else NeuronStage(*stage) for stage in stages]
        self.color = color if color is not None else theme.colors.forward
        count = len(self.stages)
        probes = [StageBox(stage, 100.0, box_height, self.color, theme) for stage in self.stages]
        content = max(probe.content_width for probe in probes)
        box_width = content + 2 * padding
        wire = max(min_wire, (width - count * box_width) / (count - 1))
        self.boxes = VGroup(*(StageBox(stage, box_width, box_height, self.color, theme) for stage in self.stages))
        self.boxes.arrange(RIGHT, buff=wire)
        self.wires = VGroup(
            *(
                Arrow(
                    left.get_right(),
                    right.get_left(),
                    buff=0.04,
                    stroke_color=theme.colors.muted,
                    stroke_width=theme.strokes.normal,
                    max_tip_length_to_length_ratio=0.2,
                    max_stroke_width_to_length_ratio=10,
                )
                for left, right in zip(self.boxes[:-1], self.boxes[1:])
            )
        )
        self.wires.set_z_index(Z_WIRES)
        self.boxes.set_z_index(Z_BOXES)
        self.add(self.wires, self.boxes)
        fit_width(self, width)

    # Geometry -----------------------------------------------------------------

    def wire_center(self, index: int) -> np.ndarray:
        """The middle of wire ``index`` (between box ``index`` and box ``index + 1``)."""
        return (self.boxes[index].get_right() + self.boxes[index + 1].get_left()) / 2

    def wire_length(self, index: int) -> float:
        return float(self.boxes[index + 1].get_left()[0] - self.boxes[index].get_right()[0])

    def operation_glyphs(self, index: int, substring: str) -> VGroup:
        """The glyphs of ``substring`` in box ``index``'s operation (e.g. the "0.5" of "× w = 0.5")."""
        operation = self.boxes[index].operation
        if operation is None:
            raise ValueError(f"box {index} ({self.stages[index].title}) shows no operation")
        return glyphs_of(operation, substring)

    # Chips --------------------------------------------------------------------

    def chip(self, text: str, color: Any = None) -> ValueChip:
        """A chip showing ``text`` (default colour: the chain's), clear of the boxes on either side of a wire."""
        chip = ValueChip(text, color if color is not None else self.color, theme=self.theme)
        fit_width(chip, min(self.wire_length(k) for k in range(len(self.wires))) - 2 * CHIP_CLEARANCE)
        return chip

    def chip_on_wire(self, index: int, text: str, color: Any = None, side: Any = UP) -> ValueChip:
        """A chip riding wire ``index``: just above it (``side=UP``, the forward values) or below (``DOWN``)."""
        chip = self.chip(text, color)
        chip.next_to(self.wire_center(index), side, buff=0.1)
        return chip

    def wire_label(self, index: int, text: str, color: Any = None, side: Any = DOWN) -> Text:
        """A small label (a symbol such as "z") beside wire ``index``, opposite its chips by default."""
        label = styled_text(text, "caption", color=color if color is not None else self.theme.colors.muted, theme=self.theme)
        fit_width(label, self.wire_length(index) - 0.16)
        return label.next_to(self.wire_center(index), side, buff=0.14)

    def enter(self, chip: ValueChip, index: int, run_time: float = 0.7) -> Animation:
        """``chip`` slides into box ``index`` and is gone once it is under the box."""
        start = chip.get_center().copy()
        end = self.boxes[index].get_center()

        def slide(mobject: Mobject, alpha: float) -> None:
            mobject.move_to(start + (end - start) * smooth(alpha))
            set_visible(mobject, alpha < 1.0)

        return UpdateFromAlphaFunc(chip, slide, run_time=run_time)

    def emerge(self, chip: ValueChip, index: int, run_time: float = 0.7) -> Animation:
        """``chip`` (already placed where it should end) comes out from under box ``index``."""
        end = chip.get_center().copy()
        start = self.boxes[index].get_center()
        set_visible(chip.move_to(start), False)

        def slide(mobject: Mobject, alpha: float) -> None:
            mobject.move_to(start + (end - start) * smooth(alpha))
            set_visible(mobject, alpha > 0.0)

        return UpdateFromAlphaFunc(chip, slide, run_time=run_time)

    def flash(self, index: int, color: Any = None, run_time: float = 0.6, rate: Any = there_and_back) -> Animation:
        """Box ``index``'s frame lights up in ``color`` (default: the theme's accent) and back.

        The whole box is animated, not its frame alone, so its text stays on top.
        """
        box = self.boxes[index]
        lit = color if color is not None else self.theme.colors.accent
        base_width = box.frame.get_stroke_width()

        def light(mobject: Mobject, alpha: float) -> None:
            strength = rate(alpha)
            box.frame.set_stroke(color=interpolate_color(ManimColor(box.edge_color), ManimColor(lit), strength), width=base_width * (1 + strength))

        return UpdateFromAlphaFunc(box, light, run_time=run_time)

    def light(self, index: int, on: bool = True, color: Any = None, run_time: float = 0.4) -> Animation:
        """Box ``index``'s frame turns ``color`` (default: the accent) and thicker, and stays so (``on=False``: back).

        Unlike :meth:`flash` the box stays lit, to mark "this step" while a sentence names it.
        """
        box = self.boxes[index]
        lit = ManimColor(color if color is not None else self.theme.colors.accent)
        end_color, end_width = (lit, 2 * box.base_width) if on else (ManimColor(box.edge_color), box.base_width)
        start: dict[str, Any] = {}

        def update(mobject: Mobject, alpha: float) -> None:
            if not start:  # read when the animation begins, not when it is made
                start.update(color=ManimColor(box.frame.get_stroke_color()), width=box.frame.get_stroke_width())
            strength = smooth(alpha)
            box.frame.set_stroke(
                color=interpolate_color(start["color"], end_color, strength),
                width=start["width"] + (end_width - start["width"]) * strength,
            )

        return UpdateFromAlphaFunc(box, update, run_time=run_time)

    def pass_through(
        self,
        chip_in: ValueChip | None,
        index: int,
        chip_out: ValueChip | None,
        *,
        color: Any = None,
        run_time: float = 1.6,
    ) -> Succession:
        """``chip_in`` goes into box ``index``, the box lights up, ``chip_out`` comes out.

        Either chip may be ``None`` (a value that starts in the Input box, or one that
        stays in the Output box). ``chip_out`` must already sit where it should end.
        """
        steps: list[Animation] = []
        share = run_time / (int(chip_in is not None) + int(chip_out is not None) + 1)
        if chip_in is not None:
            steps.append(self.enter(chip_in, index, run_time=share))
        steps.append(self.flash(index, color, run_time=share))
        if chip_out is not None:
            steps.append(self.emerge(chip_out, index, run_time=share))
        return Succession(*steps)


#: Where section 03 leaves its prediction and section 04 picks it up: an Output box of this size, here.
HANDOFF_WIDTH, HANDOFF_HEIGHT = 2.6, 1.5
HANDOFF_CENTER = (0.0, -0.2, 0.0)


def handoff_box(output_text: str, title: str = "Output", theme: Theme = THEME) -> StageBox:
    """The Output box holding ŷ at the cut from 03 to 04: 03 ends on it, 04 opens on it."""
    box = StageBox(NeuronStage(title, output_text), HANDOFF_WIDTH, HANDOFF_HEIGHT, theme.colors.forward, theme)
    return box.move_to(np.array(HANDOFF_CENTER))


def neuron_stages(
    input_text: str,
    operations: Sequence[tuple[str, str]],
    output_text: str = "",
    *,
    activation_title: str = "Activate",
) -> list[NeuronStage]:
    """Input, the given ``(title, operation)`` boxes, Output; the activation box gets a ReLU glyph."""
    stages = [NeuronStage("Input", input_text)]
    for title, operation in operations:
        stages.append(NeuronStage(title, operation, "relu" if title == activation_title else None))
    stages.append(NeuronStage("Output", output_text))
    return stages


__all__ = [
    "NeuronChain",
    "NeuronStage",
    "StageBox",
    "ValueChip",
    "Z_BOXES",
    "Z_CHIPS",
    "Z_WIRES",
    "HANDOFF_CENTER",
    "fly_number",
    "handoff_box",
    "glyphs_at",
    "glyphs_of",
    "neuron_stages",
    "pulse_color",
    "recolor",
    "timeline",
    "set_baseline",
    "set_visible",
]
