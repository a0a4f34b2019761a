"""What a detector returns (Match) and what the pipeline stores (Finding).

The two are kept apart: a detector knows a span of text and why it fired; only the pipeline
knows where the text came from. Both are frozen so no stage patches a result after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Match:
    """A detector's answer on one text unit.

    ``start``/``end`` delimit the evidence used for the excerpt. ``value_start``/``value_end``
    delimit the sensitive value itself (a password, an IBAN): that span is masked in every
    output and only its keyed hash is kept. A match without a value span (a tender phrase) is
    shown as it is.
    """

    category: str
    start: int
    end: int
    score: float
    reason: str
    value_start: int | None = None
    value_end: int | None = None
    label: str = ""
    severity: str | None = None
    count: int = 1

    @property
    def has_value(self) -> bool:
        return self.value_start is not None and self.value_end is not None


@dataclass(frozen=True)
class Finding:
    """One row of the inventory: a match placed in its message, masked, ready to store."""

    category: str
    detector: str
    location: str
    excerpt: str
    score: float
    severity: str
    reason: str
    label: str = ""
    value_hash: str = ""
    masked_value: str = ""
    count: int = 1
    extra: dict = field(default_factory=dict, compare=False, hash=False)
