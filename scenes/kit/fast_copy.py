"""A faster ``Mobject.__deepcopy__``: the same copy, without the generic machinery.

Every animation copies its mobjects when it begins (a fade its faded version, a
transform its start and target), so a scene copies tens of thousands of mobjects:
about a quarter of a last-frame preview's time went to ``copy.deepcopy``. Manim's
``__deepcopy__`` sends each of a mobject's thirty-odd attributes through
``copy.deepcopy``, most of them numbers, flags, enums and small arrays.

This version gives the same result and takes the short way for what cannot share
state: immutable values (numbers, strings, enums, paths, and ``ManimColor``, which
manim itself treats as a value and shares between colours) are kept, numeric arrays
are copied with ``ndarray.copy``, and lists are copied item by item. Everything
else (dicts, mobjects, updaters) goes through ``copy.deepcopy`` with the same memo,
so shared references stay shared exactly as before.
"""

from __future__ import annotations

import copy
import enum
from pathlib import PurePath
from typing import Any

import numpy as np
from manim.mobject.mobject import Mobject
from manim.utils.color import ManimColor

_IMMUTABLE = frozenset(
    {int, float, bool, complex, str, bytes, type(None), range, np.float64, np.float32, np.int64, np.int32, np.bool_}
)
_original_deepcopy = Mobject.__deepcopy__
_deepcopy = copy.deepcopy


def _is_immutable(value: Any) -> bool:
    kind = type(value)
    return kind in _IMMUTABLE or kind is ManimColor or isinstance(value, (enum.Enum, PurePath))


def _copy_value(value: Any, memo: dict[int, Any]) -> Any:
    if _is_immutable(value):
        return value
    kind = type(value)
    if kind is np.ndarray and value.dtype.kind != "O":
        copied = memo.get(id(value))
        if copied is None:
            copied = value.copy()
            memo[id(value)] = copied
            _keep_alive(value, memo)
        return copied
    if kind is list:
        copied = memo.get(id(value))
        if copied is None:
            copied = []
            memo[id(value)] = copied
            _keep_alive(value, memo)
            copied.extend(_copy_value(item, memo) for item in value)
        return copied
    return _deepcopy(value, memo)


def _keep_alive(value: Any, memo: dict[int, Any]) -> None:
    """What ``copy.deepcopy`` does for every object it memoises: hold the original
    until the copy is over, so its ``id`` cannot be reused by a new object."""
    try:
        memo[id(memo)].append(value)
    except KeyError:
        memo[id(memo)] = [value]


_descriptor_names: dict[type, frozenset[str]] = {}


def _data_descriptors(cls: type) -> frozenset[str]:
    """Names whose assignment runs code on ``cls`` (properties with a setter): those are
    still assigned with ``setattr``, as manim's own copy does."""
    names = _descriptor_names.get(cls)
    if names is None:
        names = frozenset(
            name
            for klass in cls.__mro__
            for name, member in vars(klass).items()
            if hasattr(member, "__set__") and not isinstance(member, type)
        )
        _descriptor_names[cls] = names
    return names


def mobject_deepcopy(self: Mobject, memo: dict[int, Any]) -> Mobject:
    """``Mobject.__deepcopy__`` with a short way for immutable values, arrays and lists."""
    cls = self.__class__
    result = cls.__new__(cls)
    memo[id(self)] = result
    target = result.__dict__
    descriptors = _data_descriptors(cls)
    for key, value in self.__dict__.items():
        if key in descriptors:
            setattr(result, key, _copy_value(value, memo))
        else:
            target[key] = _copy_value(value, memo)
    result.original_id = str(id(self))
    return result


def install() -> None:
    """Use the faster copy for every mobject (idempotent)."""
    Mobject.__deepcopy__ = mobject_deepcopy  # type: ignore[method-assign]


def uninstall() -> None:
    Mobject.__deepcopy__ = _original_deepcopy  # type: ignore[method-assign]


__all__ = ["install", "mobject_deepcopy", "uninstall"]
