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


_WORD = re.compile(r"\w+")
PREFIX_LEN = 8


@lru_cache(maxsize=50_000)
def _prefixes(word: str) -> tuple[str, ...]:
    return tuple(word[:n] for n in range(3, min(len(word), PREFIX_LEN) + 1))


@lru_cache(maxsize=16)
def word_prefixes(text: str) -> frozenset[str]:
    """Every prefix of 3 to 8 characters of every word of ``text``.

    Built once per text (six lexicon detectors read the same folded text), it turns the test
    "can this term match here?" into one set lookup instead of a substring scan of the text:
    a term starting at a word boundary can only match where a word starts with its literal.
    The prefixes of a word are cached too: the words of a mailbox repeat."""
    return frozenset().union(*map(_prefixes, set(_WORD.findall(text))))


@lru_cache(maxsize=64)
def _lead_keys(starts: tuple[str, ...]) -> tuple[str | None, ...]:
    """For each start, the word start (3 to 8 characters) of the text where it begins a word."""
    out = []
    for lit in starts:
        m = _WORD.match(lit)
        out.append(m.group(0)[:PREFIX_LEN] if m and len(m.group(0)) >= 3 else None)
    return tuple(out)


@lru_cache(maxsize=32)
def _word_starts(low: str, starts: tuple[str, ...]) -> tuple[int, ...]:
    """Where a word of ``low`` begins with one of ``starts``, in order; kept for the text's other
    patterns (the password keywords are looked for by four of them). A start whose first word
    begins no word of the text is not looked for: the word index of an ASCII text is the one the
    lexicon detectors read (its folded text is its lower case), built once."""
    return tuple(_starts_of_words(low, starts, low, "_-"))


def _starts_of_words(low: str, starts: tuple[str, ...], before: str, joiners: str) -> list[int]:
    """Sorted places where ``low`` holds one of ``starts`` at the beginning of a word: the character
    before it in ``before`` is neither alphanumeric nor one of ``joiners``. A start whose first word
    begins no word of an ASCII text is not looked for (the text's word index)."""
    index = word_prefixes(low) if low.isascii() else None
    positions = set()
    for lit, key in zip(starts, _lead_keys(starts), strict=True):
        if key is not None and index is not None and key not in index:
            continue
        i = low.find(lit)
        while i >= 0:
            if i == 0 or not (before[i - 1].isalnum() or before[i - 1] in joiners):
                positions.add(i)
            i = low.find(lit, i + 1)
    return sorted(positions)


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


@lru_cache(maxsize=256)
def _opens_with_boundary(rx: re.Pattern) -> bool:
    """Whether every match of ``rx`` begins at a ``\\b`` (each top-level alternative opens with one)."""
    from re import _constants as c
    from re import _parser

    try:
        items = _parser.parse(rx.pattern, rx.flags).data
    except (re.error, RecursionError, TypeError, ValueError):
        return False
    return _first_is_boundary(items, c)


def _first_is_boundary(items, c) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is c.AT:
        return av is c.AT_BOUNDARY
    if op is c.SUBPATTERN and not av[1] and not av[2]:
        return _first_is_boundary(av[3].data, c)
    if op is c.BRANCH:
        return all(_first_is_boundary(alt.data, c) for alt in av[1])
    return False


def finditer_words(rx: re.Pattern, text: str, starts: tuple[str, ...], low: str | None = None):
    """:func:`finditer_starting` for a pattern every match of which begins at a word boundary: only
    the places where a word begins are tried (the character before is not a word character), and
    a start whose first word begins no word of an ASCII text is not looked for (the word index
    the lexicon detectors read). Any other pattern goes to :func:`finditer_starting`."""
    low = text.lower() if low is None else low
    if not starts or len(low) != len(text) or any(c in text for c in _CASE_SPECIAL) or not _opens_with_boundary(rx):
        yield from finditer_starting(rx, text, starts, low)
        return
    yield from _matches_at(rx, text, _starts_of_words(low, starts, text, "_"))


def search_words(rx: re.Pattern, text: str, starts: tuple[str, ...], low: str | None = None):
    """``rx.search(text)`` the way :func:`finditer_words` finds matches."""
    return next(finditer_words(rx, text, starts, low), None)


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
