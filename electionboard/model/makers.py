"""Positional makers for frozen slotted dataclasses built once per race per poll.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``;
setting the slots through their own descriptors builds the same object in
well under half the time. Only for classes whose ``__init__`` does nothing
else (no ``__post_init__``, no ``InitVar``), checked when the maker is made;
a test holds each maker's objects equal to the constructor's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def positional_maker(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` in order, giving ``cls(*args)``.

    Raises:
        TypeError: ``cls`` is not a slotted dataclass whose ``__init__`` only
            sets its fields.
    """
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}.__init__ does more than set fields")
    fields = [field.name for field in dataclasses.fields(cls)]
    if any(not field.init for field in dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__} has fields its __init__ does not take")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def make({', '.join(fields)}):", "    self = _new(_cls)"]
    for name in fields:
        namespace[f"_set_{name}"] = cls.__dict__[name].__set__
        lines.append(f"    _set_{name}(self, {name})")
    lines.append("    return self")
    # The source is made of the dataclass's own field names, nothing from a feed.
    exec("\n".join(lines), namespace)
    maker: Callable[..., T] = namespace["make"]
    maker.__qualname__ = maker.__name__ = f"make_{cls.__name__}"
    maker.__doc__ = f"``{cls.__name__}(*fields)``, without its __init__."
    return maker
