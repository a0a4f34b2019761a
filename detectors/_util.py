"""Small helpers shared by detectors (no I/O)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

from .errors import LexiconError

PLACEHOLDER = re.compile(
    r"^(?:\*+|x{3,}|X{3,}|•+|\.{3,}|_+|-+|#+|\?+|0{4,}|1234|12345|123456|changeme|change_me|"
    r"password|passwd|motdepasse|mot_de_passe|secret|your[_-]?password|votre[_-]?mot[_-]?de[_-]?passe|"
    r"\$\{[^}]*\}|\$[A-Z_]+|%\(?\w*\)?s|\{\{?[^}]*\}\}?|<[^>]*>|\[[^\]]*\]|none|null|n/a|tbd|todo|\.\.\.)$",
    re.IGNORECASE,
)


# personal webmail and consumer internet providers: an address there belongs to a private person; the
# "-example"/"-exemple" forms that documentation and sample mailboxes use stand for the same providers
PERSONAL_DOMAIN = re.compile(r"@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|orange|free|laposte|"
                             r"sfr|wanadoo|gmx|proton|protonmail|pm|aol|bbox|neuf|numericable|club-internet|"
                             r"tutanota|yandex|mail\.ru|web\.de|posteo)(?:-exemple|-example)?\.|@(?:web)?mail[-.]",
                             re.IGNORECASE)


def shannon_entropy(s: str) -> float:
    if not s:
        return 0.0
    counts = Counter(s)
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def is_placeholder(value: str) -> bool:
    v = value.strip()
    if PLACEHOLDER.match(v):
        return True
    if "*" in v and v.count("*") >= max(3, len(v) // 3):
        return True
    if "…" in v or "..." in v:
        return True
    return False


def char_classes(value: str) -> int:
    """How many of lower, upper, digit, symbol the value uses."""
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )


@cache
def load_json(name: str) -> dict:
    """A data file of the ``detectors/lexicons`` folder."""
    try:
        text = resources.files("detectors").joinpath("lexicons", name).read_text("utf-8")
        return json.loads(text)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot read lexicon {name}: {exc}") from exc


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents ("Réunion" -> "reunion"), for matching French written with or
    without them. ASCII text (most mail) takes the fast path."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


@lru_cache(maxsize=32)
def _word_starts(low: str, starts: tuple[str, ...]) -> tuple[int, ...]:
    """Where a word of ``low`` begins with one of ``starts``, in order; kept for the text's other
    patterns (the password keywords are looked for by four of them)."""
    positions = set()
    for lit in starts:
        i = low.find(lit)
        while i >= 0:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "_-"):
                positions.add(i)
            i = low.find(lit, i + 1)
    return tuple(sorted(positions))


def finditer_at(rx: re.Pattern, text: str, low: str, starts: tuple[str, ...]):
    """``rx.finditer(text)`` for a pattern that can only match where a word begins with one of
    ``starts`` (lower case): those places are found with ``str.find`` and the pattern is tried
    there alone. A pattern that opens with a lookbehind and a long case-insensitive alternation
    has no literal prefix for ``re`` to scan for, and was tried at every character instead."""
    if len(low) != len(text):  # lower() changed the length (rare letters): positions would not match
        yield from rx.finditer(text)
        return
    yield from _matches_at(rx, text, _word_starts(low, starts))


# characters that a case-insensitive pattern matches to an ASCII letter while ``lower()`` does not
# map them to it (dotless i, long s): a text holding one is searched the slow way
_CASE_SPECIAL = ("\u0131", "\u017f")


def finditer_starting(rx: re.Pattern, text: str, starts: tuple[str, ...], low: str | None = None):
    """``rx.finditer(text)`` for a case-insensitive pattern every match of which begins with one
    of ``starts`` (anywhere, not only at a word start): the candidate places are found with
    ``str.find`` in the lower-cased text and the pattern is tried there alone. A pattern opening
    with an alternation has no literal prefix for ``re``, which then tries it at every character.
    ``low`` is ``text.lower()`` when known."""
    low = text.lower() if low is None else low
    if not starts or len(low) != len(text) or any(c in text for c in _CASE_SPECIAL):
        yield from rx.finditer(text)
        return
    positions = set()
    for lit in starts:
        i = low.find(lit)
        while i >= 0:
            positions.add(i)
            i = low.find(lit, i + 1)
    yield from _matches_at(rx, text, sorted(positions))


def _matches_at(rx: re.Pattern, text: str, positions):
    """Matches of ``rx`` tried at each of the increasing ``positions``, never overlapping (as finditer)."""
    end = 0
    for p in positions:
        if p < end:
            continue
        m = rx.match(text, p)
        if m:
            yield m
            end = max(m.end(), p + 1)


def search_starting(rx: re.Pattern, text: str, starts: tuple[str, ...], low: str | None = None):
    """``rx.search(text)`` the way :func:`finditer_starting` finds matches."""
    return next(finditer_starting(rx, text, starts, low), None)
