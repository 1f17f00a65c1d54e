"""Parts of the ranking switched one at a time, to measure what each is worth (bench/relevance.py).

Each variant changes the archive in this process and returns a function that undoes it.
"""
from __future__ import annotations

from typing import Callable

Undo = Callable[[], None]


def _setting(module, name: str, value) -> Callable[[], Undo]:
    def switch() -> Undo:
        before = getattr(module, name)
        setattr(module, name, value)
        return lambda: setattr(module, name, before)
    return switch


def _together(*switches: Callable[[], Undo]) -> Callable[[], Undo]:
    def switch() -> Undo:
        undos = [s() for s in switches]
        return lambda: [undo() for undo in reversed(undos)]
    return switch


from index.whoosh import feedback, searcher  # noqa: E402

VARIANTS: dict[str, Callable[[], Undo]] = {
    "no feedback": _setting(feedback, "MIN_WORDS", 10_000),
    "feedback weight 0.5": _setting(feedback, "WEIGHT", 0.5),
    "feedback weight 0.25": _setting(feedback, "WEIGHT", 0.25),
    "relax below 10": _setting(searcher, "RELAX_BELOW", 10),
    "relax below 20": _setting(searcher, "RELAX_BELOW", 20),
}
