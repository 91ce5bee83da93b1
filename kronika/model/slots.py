"""Building frozen slots dataclasses without their ``__init__``, for the few hot paths that make one
object per word or per mention (``new_token``, ``new_mention``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of ``cls``'s fields ``names``, in order. A frozen dataclass's ``__init__``
    sets every field through ``object.__setattr__``; calling the setters directly takes about half
    the time. Refuses a class whose fields are no longer exactly ``names`` or that gained a
    ``__post_init__``, so that a fast constructor never leaves a field unset or skips a check."""
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != names or hasattr(cls, "__post_init__"):
        raise RuntimeError(f"{cls.__name__} changed ({fields}): update its fast constructor and the callers")
    return tuple(cls.__dict__[n].__set__ for n in names)
