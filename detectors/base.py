"""The detector interface.

A detector has a stable ``name`` (it is in every saved report: never rename it), the
categories it may raise, a ``version`` bumped when its behaviour changes, an optional cheap
keyword gate, and ``detect(unit)`` yielding :class:`Match` objects. It does no I/O and reads
no global settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from .finding import Match
from .unit import TextUnit


class Detector:
    """Base class; subclasses set the class attributes and implement :meth:`detect`."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    categories: ClassVar[tuple[str, ...]] = ()
    #: Lower-case substrings; when set, a unit containing none of them is skipped before any
    #: regex or NLP work. A test checks that every positive example passes the gate.
    keywords: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    def gate(self, unit: TextUnit) -> bool:
        if not self.keywords:
            return True
        low = unit.lower
        for k in self.keywords:  # a loop, not any() over a generator: this runs for every unit
            if k in low:
                return True
        return False

    def detect(self, unit: TextUnit) -> Iterator[Match]:  # pragma: no cover - interface
        raise NotImplementedError

    def run(self, unit: TextUnit) -> list[Match]:
        """Gate, then detect."""
        if not self.gate(unit):
            return []
        return list(self.detect(unit))


def clamp(score: float) -> float:
    return max(0.0, min(1.0, round(score, 3)))
