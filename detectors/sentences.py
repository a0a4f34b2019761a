"""Sentences of mail text, for detectors that decide on the relation between a term and a person.

Mail is hard-wrapped at about 72 characters, so a line break alone does not end a sentence; it
does after a short line (a greeting, a list item, a table row) or after closing punctuation. A full
stop after a title or an initial ("M. Petit", "Dr. Roy", "J. Martin") does not end one either.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

_END = re.compile(r"[.!?;]+(?=\s)|\n")
_ABBREV = re.compile(r"(?:\b(?:m|mme|mlle|mr|mrs|ms|dr|pr|st|ste|cf|ex|etc|vs|no|n°)|\b[A-Z])\.$", re.IGNORECASE)
SHORT_LINE = 60


@lru_cache(maxsize=64)
def sentence_starts(text: str) -> tuple[int, ...]:
    """Start offsets of the sentences of ``text`` (the first is 0)."""
    starts = [0]
    for m in _END.finditer(text):
        if m.group(0) == "\n":
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start:m.start()].rstrip()
            if not line:
                starts.append(m.end())
                continue
            if len(line) >= SHORT_LINE and line[-1] not in ".!?:;" and "\t" not in line and "|" not in line:
                continue  # a wrapped line: the sentence goes on
        elif _ABBREV.search(text[max(0, m.start() - 5):m.end()]):
            continue
        starts.append(m.end())
    return tuple(starts)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the sentence that holds ``pos``."""
    starts = sentence_starts(text)
    i = bisect_right(starts, pos) - 1
    return starts[i], (starts[i + 1] if i + 1 < len(starts) else len(text))


def sentences(text: str) -> list[tuple[int, int]]:
    starts = sentence_starts(text)
    return [(a, b) for a, b in zip(starts, starts[1:] + (len(text),), strict=True) if text[a:b].strip()]


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the paragraph (text between blank lines) that holds ``pos``."""
    a = text.rfind("\n\n", 0, pos)
    b = text.find("\n\n", pos)
    return (0 if a < 0 else a + 2), (len(text) if b < 0 else b)
