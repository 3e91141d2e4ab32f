"""Last-frame previews: run the scene for its end state only, as cheaply as manim allows.

In last-frame mode manim fast-forwards every animation (``skip_animations``) but
still does work whose only use is frames in a video: its cairo renderer draws each
play's still part and end state, and every fade or ``.animate`` copies its mobject
twice to interpolate steps nobody sees. This module switches that work off for one
scene; the saved PNG is the same, pixel for pixel (the tests compare it with
manim's own last frame).
"""

from __future__ import annotations

from functools import cache
from typing import Any


def _removed_mobjects(animation: Any) -> list[Any]:
    """The mobjects ``animation`` takes off the screen when it ends (groups included)."""
    if getattr(animation, "remover", False):
        mobject = getattr(animation, "mobject", None)
        return [mobject] if mobject is not None else []
    return [mobject for part in getattr(animation, "animations", ()) or () for mobject in _removed_mobjects(part)]


def empties_the_screen(scene: Any, animations: tuple[Any, ...]) -> bool:
    """Whether playing ``animations`` leaves none of the scene's mobjects on screen."""
    removed = [mobject for animation in animations for mobject in _removed_mobjects(animation)]
    if not removed:
        return False
    leaving = {id(part) for mobject in removed for part in mobject.get_family()}
    return all(id(mobject) in leaving for mobject in scene.mobjects)


class LastPictureKeeper:
    """Keeps the frame shown just before the scene's last animation that empties
    the screen: the scenes end with a fade-out of everything, and a last-frame
    preview of an empty screen would be useless. Costs one frame drawn per such
    animation (one per scene, the closing fade-out)."""

    def __init__(self) -> None:
        self.frame: Any = None

    def attach(self, scene: Any) -> None:
        renderer = scene.renderer
        original_play = renderer.play

        def play(played_scene: Any, *animations: Any, **kwargs: Any) -> Any:
            if empties_the_screen(played_scene, animations):
                held = renderer.static_image
                renderer.static_image = None
                # The class's method: the instance's may be switched off (see below).
                type(renderer).update_frame(renderer, played_scene)
                self.frame = renderer.get_frame()
                renderer.static_image = held
            return original_play(played_scene, *animations, **kwargs)

        renderer.play = play


def draw_only_the_last_frame(scene: Any) -> bool:
    """In last-frame mode manim fast-forwards every animation, but its cairo renderer
    still draws each play's still part and end state (``update_frame`` ignores
    skipping by default), frames nobody sees: most of a preview's time. Switch that
    drawing off until the scene finishes, where manim draws the one frame it saves.
    False (nothing changed) for a renderer not shaped like manim 0.22's cairo one."""
    renderer = scene.renderer
    patched = ("update_frame", "save_static_frame_data", "scene_finished")
    if not all(callable(getattr(renderer, name, None)) for name in patched):
        return False
    finish = renderer.scene_finished

    def skip_drawing(*args: Any, **kwargs: Any) -> None:
        renderer.static_image = None

    def scene_finished(finished_scene: Any) -> Any:
        for name in patched:
            vars(renderer).pop(name, None)
        renderer.static_image = None
        return finish(finished_scene)

    def everything_moves(animations: Any) -> tuple[list[Any], list[Any]]:
        # Manim sorts the scene into moving and still mobjects (walking every family)
        # only to draw the still ones once per play: nothing is drawn here.
        return list(scene.mobjects), []

    renderer.update_frame = skip_drawing
    renderer.save_static_frame_data = skip_drawing
    renderer.scene_finished = scene_finished
    scene.get_moving_and_static_mobjects = everything_moves
    return True


#: ``.animate`` methods that restyle or move a mobject without changing its shape's
#: structure (so manim's transform would not realign anything): their end state is
#: the methods applied to the mobject itself.
STRUCTURE_KEEPING_METHODS = frozenset(
    {
        "set_color", "set_fill", "set_stroke", "set_opacity", "fade", "set_value", "increment_value",
        "shift", "move_to", "next_to", "align_to", "to_edge", "to_corner", "center", "set_x", "set_y", "set_z",
        "scale", "rotate", "flip", "stretch", "set_width", "set_height", "scale_to_fit_width", "scale_to_fit_height",
    }
)


def _reaches_one(rate_func: Any) -> bool:
    try:
        return float(rate_func(1.0)) == 1.0
    except Exception:
        return False


def _ends_at_its_end(animation: Any) -> bool:
    """Whether ``animation`` leaves its mobject at its end state (rate function reaches 1)."""
    return not getattr(animation, "reverse_rate_function", False) and _reaches_one(animation.rate_func)


@cache
def stand_in_classes() -> tuple[type, type]:
    """The two stand-in animation classes, ``(FastForwardedFade, FastForwardedMethods)``
    (made on first use: importing this module must not import manim, which
    ``render.py``'s parent process avoids)."""
    from manim import Animation

    class FastForwardedFade(Animation):
        """A ``FadeIn`` or ``FadeOut`` reduced to what it leaves behind.

        A fade ends with its mobject exactly as it began (a ``FadeIn`` interpolates to
        the mobject itself, a ``FadeOut`` interpolates back to its start once it is
        removed); it only adds its mobject to the scene or removes it. This does the
        same at the same moments of the play (added as it begins, in order with the
        play's other animations; removed as it ends), suspends and resumes the
        mobject's updaters like the fade, and takes as long, without the two copies
        of the mobject a fade makes to interpolate its opacity."""

        def __init__(self, fade: Animation, run_time: float | None = None) -> None:
            super().__init__(
                fade.mobject,
                run_time=fade.run_time if run_time is None else run_time,
                rate_func=fade.rate_func,
                introducer=fade.is_introducer(),
                remover=fade.is_remover(),
                suspend_mobject_updating=fade.suspend_mobject_updating,
            )

        def begin(self) -> None:
            if self.suspend_mobject_updating:
                self.mobject.suspend_updating()

        def interpolate(self, alpha: float) -> None:
            pass

        def finish(self) -> None:
            if self.suspend_mobject_updating:
                self.mobject.resume_updating()

    class FastForwardedMethods(Animation):
        """A ``mobject.animate.method(...)`` reduced to its end: the methods applied to
        the mobject, at the moment the transform would reach its target (before the
        scene's other updaters run, which may read this mobject), with updaters
        suspended and resumed as the transform does, and without the transform's two
        copies of the mobject."""

        def __init__(self, animation: Animation) -> None:
            super().__init__(
                animation.mobject,
                run_time=animation.run_time,
                rate_func=animation.rate_func,
                suspend_mobject_updating=animation.suspend_mobject_updating,
            )
            self.methods = animation.methods
            self.applied = False

        def begin(self) -> None:
            if self.suspend_mobject_updating:
                self.mobject.suspend_updating()

        def interpolate(self, alpha: float) -> None:
            if alpha >= 1.0:
                self._apply()

        def _apply(self) -> None:
            if not self.applied:
                self.applied = True
                for item in self.methods:
                    item.method.__func__(self.mobject, *item.args, **item.kwargs)

        def finish(self) -> None:
            self._apply()
            if self.suspend_mobject_updating:
                self.mobject.resume_updating()

    return FastForwardedFade, FastForwardedMethods


def fast_forward_animations(scene: Any) -> None:
    """Play the most common animations of ``scene`` as stand-ins that reach the same end
    without copying mobjects: every top-level ``FadeIn``/``FadeOut``; every
    ``AnimationGroup``/``LaggedStart`` made only of ``FadeIn`` (one stand-in per member,
    each as long as the group: such a group only adds its members, in order); and every
    ``.animate`` whose methods all keep the mobject's structure. Only these exact
    classes (a subclass may do more), and only animations whose rate function ends at 1
    (``there_and_back`` ends where it started)."""
    from manim import AnimationGroup, FadeIn, FadeOut, LaggedStart
    from manim.animation.animation import prepare_animation
    from manim.animation.transform import _MethodAnimation
    from manim.mobject.mobject import _AnimationBuilder

    fade_stand_in, methods_stand_in = stand_in_classes()
    renderer = scene.renderer
    original_play = renderer.play

    def shorten(animation: Any) -> list[Any]:
        if isinstance(animation, _AnimationBuilder):
            animation = prepare_animation(animation)
        if not _ends_at_its_end(animation):
            return [animation]
        if type(animation) in (FadeIn, FadeOut):
            return [fade_stand_in(animation)]
        if type(animation) is _MethodAnimation and all(
            getattr(item.method, "__name__", "") in STRUCTURE_KEEPING_METHODS for item in animation.methods
        ):
            return [methods_stand_in(animation)]
        members = getattr(animation, "animations", None)
        if (
            type(animation) in (AnimationGroup, LaggedStart)
            and members
            and all(type(member) is FadeIn and _ends_at_its_end(member) for member in members)
        ):
            return [fade_stand_in(member, run_time=animation.run_time) for member in members]
        return [animation]

    def play(played_scene: Any, *animations: Any, **kwargs: Any) -> Any:
        rate_func = kwargs.get("rate_func")
        if rate_func is not None and not _reaches_one(rate_func):
            return original_play(played_scene, *animations, **kwargs)
        shortened = tuple(short for animation in animations for short in shorten(animation))
        return original_play(played_scene, *shortened, **kwargs)

    renderer.play = play


def fast_forward_last_frame(scene: Any) -> bool:
    """Set ``scene`` up to produce only its last frame: no drawing until it ends, the
    common animations fast-forwarded. False (nothing changed) for a renderer not shaped
    like manim 0.22's cairo one."""
    if not draw_only_the_last_frame(scene):
        return False
    fast_forward_animations(scene)
    return True


__all__ = [
    "LastPictureKeeper",
    "draw_only_the_last_frame",
    "empties_the_screen",
    "STRUCTURE_KEEPING_METHODS",
    "fast_forward_animations",
    "fast_forward_last_frame",
    "stand_in_classes",
]
