"""Weighted lexicon detectors for meaning-based categories (tender, strategic, research,
people_comment, private, sensitive_data).

A lexicon is a JSON data file (``lexicons/<category>.json``; users add or override entries with
``--lexicon FILE``, format in docs/detectors.md): weighted terms and phrases (regular
expressions on accent-folded, lower-case text), negative terms that cancel false friends
("brevet des collèges", "appel à projets"), and whether an identifiable person must be in reach.
Terms inside signature and disclaimer blocks do not count; bulk mail is down-weighted. The
finding lists the terms that fired, so every score explains itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ._util import _WORD, PREFIX_LEN, fold, load_json, word_prefixes
from .base import Detector, clamp
from .errors import LexiconError
from .finding import Match
from .sentences import paragraph_bounds, sentence_bounds
from .unit import TextUnit


def _structure(pattern: str, start: int = 0):
    """The characters of a regular expression outside escapes and character classes, each with the
    group depth after it: what splitting alternatives and finding a group's end both walk."""
    depth, cls, i = 0, False, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` alternatives of a regular expression (escapes, classes, groups respected)."""
    out, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def group_end(pattern: str, start: int = 0) -> int:
    """The index of the parenthesis closing the group that opens at ``start`` (-1 when none)."""
    for i, c, depth in _structure(pattern, start):
        if c == ")" and depth == 0:
            return i
    return -1


_META = set("\\.^$*+?{}[]()|")


def _literal_run(alt: str) -> str:
    """The literal text an alternative must start with ('' when none can be told)."""
    run = []
    for c in alt:
        if c in _META:
            if c in "?*{" and run:
                run.pop()  # the last character is optional
            break
        run.append(c)
    return "".join(run)


def leading_literals(alt: str) -> tuple[str, ...]:
    """Substrings one of which must appear for ``alt`` to match, or () when unknown.

    Handles a plain literal start ("appels? d'offres" -> "appel") and one group of literal
    alternatives ("(?:remise|rabais)" -> "remise", "rabais"); three characters at least."""
    if alt.startswith("(?:"):
        depth, end, i = 0, -1, 0
        while i < len(alt):
            c = alt[i]
            if c == "\\":
                i += 2
                continue
            depth += c == "("
            depth -= c == ")"
            if depth == 0:
                end = i
                break
            i += 1
        if end < 0 or alt[end + 1:end + 2] in ("?", "*", "{"):
            return ()
        lits = tuple(_literal_run(a) for a in split_alternatives(alt[3:end]))
        return lits if lits and all(len(x) >= 3 for x in lits) else ()
    lit = _literal_run(alt)
    return (lit,) if len(lit) >= 3 else ()


BROADCAST_GENRES = ("list", "bulk", "notification", "press", "spam")
def _word_key(literal: str, boundary: bool) -> str | None:
    """The most telling word start a match of ``literal`` puts in the text, cut to 8 characters.

    A run of word characters in the literal starts a word of the text when something other than
    a word character precedes it in the literal, or when it opens the literal and the pattern
    asks for a word boundary there; "ne pas renouveler" gives "renouvel", "appel d'offres" gives
    "appel" (or "offres"), "ma mere" gives "mere"."""
    best = None
    for m in _WORD.finditer(literal):
        if m.start() == 0 and not boundary:
            continue
        run = m.group(0)
        if len(run) >= 3 and (best is None or len(run) > len(best)):
            best = run
    return best[:PREFIX_LEN] if best else None


def _first_key(literal: str) -> str | None:
    """The word start that ``literal`` puts in the text where it begins a word: its opening run
    of word characters cut to 8 (three at least), None when it opens otherwise."""
    m = _WORD.match(literal)
    return m.group(0)[:PREFIX_LEN] if m and len(m.group(0)) >= 3 else None


@lru_cache(maxsize=256)
def _parse(pattern: str):
    """The parsed form of a pattern, read by several of the functions below for each alternative."""
    from re import _parser as sre_parser

    return sre_parser.parse(pattern)


def required_literal(pattern: str) -> str:
    """The longest run of plain characters (three at least) that every match of ``pattern`` holds,
    or '' when none can be told: "(?:est|is|being) toxique\\b" gives " toxique".

    Read from the parsed pattern, top level only (a character under a group, a repeat or a class
    may be missing from a match); case-insensitive patterns give ''."""
    try:
        from re import _constants as sre_constants

        parsed = _parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return ""
        best, run = "", []
        for op, av in [*parsed.data, (None, None)]:
            if op is sre_constants.LITERAL:
                run.append(chr(av))
                continue
            if len(run) > len(best):
                best = "".join(run)
            run = []
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return ""
    return best if len(best) >= 3 else ""


def _later_keys(items, c) -> list[tuple[str, ...]]:
    """Word-prefix keys read further in a parsed pattern than its start: the words of a plain run
    that a non-word character inside the run opens ("not renew" gives "renew"), and the first word
    of every alternative of an alternation that a non-word character opens ("my (?:frank|honest)"
    gives "frank", "honest"). Each tuple holds keys one of which starts a word of any matching
    text. Only the top-level sequence is read: an item under a repeat or a group may be absent."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if op is c.BRANCH and run and not (run[-1].isalnum() or run[-1] == "_"):
            keys = []
            for alt in av[1]:
                lead = []
                for sub_op, sub_av in alt.data:
                    if sub_op is not c.LITERAL:
                        break
                    lead.append(chr(sub_av))
                key = _word_key("".join(lead), True) if lead else None
                if key is None:
                    break
                keys.append(key)
            else:
                found.append(tuple(dict.fromkeys(keys)))
        if run:
            key = _word_key("".join(run), False)
            if key:
                found.append((key,))
        run = []
    return found


def later_keys(pattern: str) -> list[tuple[str, ...]]:
    """:func:`_later_keys` of ``pattern``; a case-insensitive pattern gives none."""
    try:
        from re import _constants as sre_constants

        parsed = _parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return []
        return _later_keys(parsed.data, sre_constants)
    except (ImportError, AttributeError, TypeError, ValueError, IndexError, re.error, RecursionError):
        return []


_MAX_STARTS = 128


def _starts_of(items, c) -> tuple[set[str], bool] | None:
    """The literal strings one of which every match of the parsed sequence ``items`` begins with,
    and whether the whole sequence is that literal (a caller may then read on past it); None when
    nothing can be told. Zero-width items (a boundary, a look-around) are passed over: the text a
    match begins with is still one of the strings."""
    acc, whole = {""}, True
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            add, done = {chr(av)}, True
        elif op is c.IN:
            chars = []
            for sub_op, sub_av in av:
                if sub_op is c.LITERAL:
                    chars.append(chr(sub_av))
                elif sub_op is c.RANGE and sub_av[1] - sub_av[0] < 8:
                    chars += [chr(x) for x in range(sub_av[0], sub_av[1] + 1)]
                else:
                    chars = []
                    break
            if not chars:
                whole = False
                break
            add, done = set(chars), True
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            found = _starts_of(av[3].data, c)
            if found is None:
                whole = False
                break
            add, done = found
        elif op is c.BRANCH:
            add, done = set(), True
            for alt in av[1]:
                found = _starts_of(alt.data, c)
                if found is None:
                    add = None
                    break
                add |= found[0]
                done = done and found[1]
            if add is None:
                whole = False
                break
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _starts_of(av[2].data, c)
            if found is None:
                whole = False
                break
            add, done = found[0], False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:  # "les?", "(?:ete )?"
            found = _starts_of(av[2].data, c)
            if found is None:
                whole = False
                break
            add, done = found[0] | {""}, found[1]
        else:
            whole = False
            break
        if len(acc) * len(add) > _MAX_STARTS or (len(add) > 1 and min(map(len, acc)) >= 4):
            # long enough to be rare: more strings would only mean more places to look for
            whole = False
            break
        acc = {a + b for a in acc for b in add}
        if not done:
            whole = False
            break
    return acc, whole


def contained_any(pattern: str) -> tuple[str, ...]:
    """Strings one of which every match of ``pattern`` holds, read from a group of plain
    alternatives of its top level ("\\d+ ?(?:€|eur)" gives "€", "eur"); () when none can be told."""
    try:
        from re import _constants as sre_constants

        parsed = _parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return ()
        best: tuple[str, ...] = ()
        for op, av in parsed.data:
            if op is sre_constants.SUBPATTERN and not av[1] and not av[2]:
                found = _starts_of(av[3].data, sre_constants)
            elif op is sre_constants.BRANCH:
                found = _starts_of([(op, av)], sre_constants)
            else:
                continue
            # the strings a group's matches begin with are held by every match, whether or not the
            # group is made of them alone ("came in (?:at|about)" gives "came in a")
            if found and found[0] and all(map(_telling_start, found[0])):
                strings = tuple(sorted(found[0]))
                if not best or min(map(len, strings)) > min(map(len, best)):
                    best = strings
    except (ImportError, AttributeError, TypeError, ValueError, IndexError, re.error, RecursionError):
        return ()
    return best


def _telling_start(s: str) -> bool:
    """Rare enough to look for: three characters at least, or holding a rare symbol ("€", "k€", "$")."""
    return len(s) >= 3 or any(not (ch.isalnum() or ch.isspace()) and ch not in _COMMON_PUNCTUATION for ch in s)


_COMMON_PUNCTUATION = frozenset(".,;:!?'\"-()[]/")


def match_starts(pattern: str) -> tuple[str, ...] | None:
    """Literal strings of three characters at least (or symbols), one of which every match of ``pattern`` begins
    with (read from the parsed pattern: nested groups, alternations, small classes such as
    ``[ée]``), shortest first; None when they cannot be told or a match may begin otherwise."""
    try:
        from re import _constants as sre_constants

        parsed = _parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        found = _starts_of(parsed.data, sre_constants)
    except (ImportError, AttributeError, TypeError, ValueError, IndexError, re.error, RecursionError):
        return None
    if found is None or not found[0] or not all(map(_telling_start, found[0])):
        return None
    # a string that another one begins with adds no place to look at
    starts = sorted(found[0], key=len)
    kept: list[str] = []
    for s in starts:
        if not any(s.startswith(k) for k in kept):
            kept.append(s)
    return tuple(kept)


def _places(text: str, starts, lo: int = 0, hi: int | None = None) -> list[int]:
    """Where one of ``starts`` begins in ``text[lo:hi]`` (it may run past ``hi``), in order."""
    if hi is None:
        find = text.find
        if len(starts) == 1:  # most alternatives have one start: its places come in order, each once
            lit = starts[0]
            out = []
            i = find(lit, lo)
            while i >= 0:
                out.append(i)
                i = find(lit, i + 1)
            return out
        found: set[int] = set()
        for lit in starts:
            i = find(lit, lo)
            while i >= 0:
                found.add(i)
                i = find(lit, i + 1)
        return sorted(found)
    found = set()
    for lit in starts:
        stop = hi + len(lit) - 1
        i = text.find(lit, lo, stop)
        while i >= 0:
            found.add(i)
            i = text.find(lit, i + 1, stop)
    return sorted(found)


def _at_starts(rx: re.Pattern, text: str, starts: tuple[str, ...], inside: tuple[str, ...] = ()) -> list:
    """``rx.finditer(text)`` for a pattern every match of which begins with one of ``starts`` or
    ``inside``, less the matches that begin inside a word with one of ``inside`` (the caller
    rejects those: its pattern asks for a word boundary first). The places of ``starts`` are found
    with ``str.find`` and the pattern is tried there alone (``re`` finds a single literal prefix
    fast, but tries an alternation at every character). Those of ``inside`` are looked for only
    before a match, where finditer would have found one of theirs first and gone on after it."""
    out, end = [], 0
    for p in _places(text, starts):
        if p < end:
            continue
        m = rx.match(text, p)
        if not m:
            continue
        while inside and p >= end:
            hidden = next((h for h in map(lambda q: rx.match(text, q), _places(text, inside, end, p)) if h), None)
            if hidden is None:
                break
            end = max(hidden.end(), hidden.start() + 1)
        if p < end:
            continue
        out.append(m)
        end = max(m.end(), p + 1)
    return out


def _telling(keys: tuple[str, ...]) -> tuple[int, int]:
    """How rare a set of keys is likely to be: its shortest key the longer, the fewer keys the better."""
    return min(map(len, keys)), -len(keys)


def _all_sets_in(sets: tuple[tuple[str, ...], ...], prefixes: frozenset[str]) -> bool:
    """Each set has a key among ``prefixes``."""
    for keys in sets:
        for k in keys:
            if k in prefixes:
                break
        else:
            return False
    return True


class FastPattern:
    """A term's regular expression, searched fast.

    CPython's ``re`` finds a literal prefix with a fast scan, but a leading ``\\b`` hides the
    prefix and makes each search about 30 times slower (measured: 1 ms against 30 us on 55 kB).
    Each top-level alternative is compiled without its leading ``\\b`` and the word boundary is
    checked on the match instead. Patterns with inline flags are kept as they are.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._whole = re.compile(pattern)
        parts = [] if pattern.startswith("(?") and pattern[2:3] in "aiLmsux" else split_alternatives(pattern)
        self._parts = []
        self._more: list[tuple[tuple[str, ...], ...]] = []
        self._holds: list[tuple[str, ...]] = []
        self._starts: list[tuple[tuple[str, str | None, str | None], ...] | None] = []
        for alt in parts:
            boundary = alt.startswith("\\b")
            body = alt[2:] if boundary else alt
            literals = leading_literals(body)
            keys = tuple(_word_key(lit, boundary) for lit in literals) if literals else ()
            keys = keys if keys and all(keys) else None
            # the words a match must hold further on ("not renew": "renew"); the most telling set
            # gates the alternative (and the term), the others are checked too before the regex
            sets = sorted(dict.fromkeys(([keys] if keys else []) + later_keys(body)), key=_telling, reverse=True)
            keys = sets[0] if sets else None
            self._more.append(tuple(sets[1:3]))
            # a later literal the match must hold ("(?:est|is) toxique" needs " toxique"): a substring
            # test first spares most regex scans of texts where the alternative cannot match
            required = required_literal(body)
            self._parts.append((re.compile(body), boundary, literals, keys,
                                required if required and required not in literals else ""))
            # the strings a match begins with, each with a word start it puts in the text wherever it
            # stands (None when it has none: a word that opens it may be the tail of a longer one, whose
            # match the boundary check rejects but which still hides what overlaps it, as in finditer)
            starts = match_starts(body)
            self._holds.append(contained_any(body) if not starts and not required else ())
            self._starts.append(tuple((s, _word_key(s, False), _first_key(s) if boundary else None)
                                      for s in starts) if starts else None)

        self._unkeyed = tuple(i for i, part in enumerate(self._parts) if part[3] is None)
        by_key: dict[str, list[int]] = {}
        for i, part in enumerate(self._parts):
            for k in part[3] or ():
                by_key.setdefault(k, []).append(i)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}
        self._key_set = frozenset(by_key)
        # what finditer reads of each alternative, in one tuple (one index per alternative tried)
        self._alts = tuple((*part, more, holds, starts)
                           for part, more, holds, starts in zip(self._parts, self._more, self._holds, self._starts,
                                                                strict=True))

    @property
    def keys(self) -> frozenset[str] | None:
        """Word prefixes one of which must be in the text for any match; None when unknown."""
        if not self._parts or any(keys is None for _rx, _b, _l, keys, _r in self._parts):
            return None
        return frozenset(k for _rx, _b, _l, keys, _r in self._parts for k in keys)

    def finditer(self, text: str, prefixes: frozenset[str] | None = None, first: bool = False) -> list:
        """Every match, in order; with ``first``, stop at the first alternative that matches (a gate)."""
        if not self._parts:
            return list(self._whole.finditer(text))
        if self._by_key:
            # the alternatives a word of the text may open, read from the key index: one set intersection
            # instead of a loop over every alternative's keys (a long alternation has two hundred)
            if prefixes is None:
                prefixes = word_prefixes(text)
            present = self._key_set.intersection(prefixes)
            if present:
                chosen = set(self._unkeyed)
                for k in present:
                    chosen.update(self._by_key[k])
                order = sorted(chosen)
            else:
                order = self._unkeyed
        else:
            order = range(len(self._parts))
        found = []
        alts = self._alts
        for i in order:
            rx, boundary, literals, keys, required, more, holds, starts = alts[i]
            if keys is not None:  # one of its keys is in the text
                if more and not _all_sets_in(more, prefixes):
                    continue
            elif literals and starts is None:  # a substring test is ~10x cheaper than a regex scan that finds nothing
                # (with starts, their search below is that test, less the starts the word index rules out)
                for lit in literals:
                    if lit in text:
                        break
                else:
                    continue
            if required and required not in text:
                continue
            if starts is None:
                if holds and not any(h in text for h in holds):
                    continue
                matches = rx.finditer(text)
            else:
                if prefixes is None:
                    prefixes = word_prefixes(text)
                # a string whose word start is not in the text is not in it; one whose first word is
                # not a word of the text stands only inside words, where the boundary check rejects it
                lits, inside = [], []
                for s, key, first_key in starts:
                    if key is not None and key not in prefixes:
                        continue
                    if first_key is not None and first_key not in prefixes:
                        inside.append(s)
                    else:
                        lits.append(s)
                if not lits:
                    continue
                matches = _at_starts(rx, text, lits, tuple(inside))
            for m in matches:
                if boundary:
                    at = m.start()
                    if at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
                        continue  # a word goes on before it: no word boundary
                    g = m.group(0)
                    if not g or not (g[0].isalnum() or g[0] == "_"):
                        continue
                found.append(m)
                if first:
                    return found
        if len(self._parts) > 1:
            found.sort(key=lambda m: m.start())
        return found

    def search(self, text: str):
        found = self.finditer(text)
        return found[0] if found else None


class StartSearch:
    """A compiled pattern searched only where one of its literal starts stands (:func:`match_starts`),
    with the same matches: every match begins with one of them, and the pattern is tried at each
    such place in order, the text before it in view (look-behinds, ``\\b`` and ``^`` as in a scan).
    Without starts, a text lacking what every top-level alternative must hold is not scanned."""

    def __init__(self, rx: re.Pattern) -> None:
        self.rx = rx
        self.starts = match_starts(rx.pattern)
        needs = [required_literal(alt) for alt in split_alternatives(rx.pattern)] if self.starts is None else []
        self.needs = tuple(needs) if needs and all(needs) else ()

    def search(self, text: str):
        if self.starts is None:
            if self.needs and not any(n in text for n in self.needs):
                return None
            return self.rx.search(text)
        for p in _places(text, self.starts):
            m = self.rx.match(text, p)
            if m:
                return m
        return None

    def finditer(self, text: str) -> list:
        if self.starts is None:
            if self.needs and not any(n in text for n in self.needs):
                return []
            return list(self.rx.finditer(text))
        return _at_starts(self.rx, text, self.starts)


def word_alternatives(rx: re.Pattern) -> list[str]:
    """The alternatives of a pattern, a top-level ``\\b(?:A|B|...)`` group opened into ``\\bA``,
    ``\\bB``... each keeping the group's trailing ``\\b``: the same matches, searched by literal starts."""
    out = []
    for alt in split_alternatives(rx.pattern):
        tail = "\\b" if alt.endswith("\\b") and not alt.endswith("\\\\b") else ""
        body = alt[:-2] if tail else alt
        if body.startswith("\\b(?:") and group_end(body, 2) == len(body) - 1:
            out += ["\\b(?:" + inner + ")" + tail for inner in split_alternatives(body[5:-1])]
        else:
            out.append(alt)
    return out


def fast_alternation(*patterns: re.Pattern) -> FastPattern:
    """The alternatives of ``patterns`` (see :func:`word_alternatives`) as one :class:`FastPattern`:
    the same matches, searched by the literal starts of their alternatives through the word index
    instead of one regular expression scanning every character of a long alternation."""
    return FastPattern("|".join(a for rx in patterns for a in word_alternatives(rx)))


@dataclass(frozen=True)
class Term:
    pattern: FastPattern
    weight: float
    label: str
    scope: str = "any"  # any | subject | filename

    @property
    def keys(self) -> frozenset[str] | None:
        return self.pattern.keys


def compile_lexicon(data: dict) -> dict:
    def terms(key):
        out = []
        for t in data.get(key, []):
            try:
                # "sœur", "cœur": folding keeps the ligature (it must keep every position), so "oe" accepts it
                out.append(Term(FastPattern(t["pattern"].replace("oe", "(?:oe|œ)")), float(t.get("weight", 1.0)),
                                t.get("label", t["pattern"][:40]), t.get("scope", "any")))
            except (KeyError, re.error, TypeError, ValueError) as exc:
                raise LexiconError(f"bad lexicon entry {t!r}: {exc}") from exc
        return out

    bulk = float(data.get("bulk_factor", 0.5))
    # broadcast genres (inventory/genre.py) weigh ``bulk_factor`` unless the lexicon says otherwise
    genre_factors = {g: bulk for g in BROADCAST_GENRES}
    try:
        genre_factors.update({str(k): float(v) for k, v in data.get("genre_factors", {}).items()})
    except (AttributeError, TypeError, ValueError) as exc:
        raise LexiconError(f"bad genre_factors {data.get('genre_factors')!r}: {exc}") from exc
    return {"terms": terms("terms"), "negatives": terms("negatives"),
            "threshold": float(data.get("threshold", 1.0)), "requires_person": bool(data.get("requires_person")),
            "person_window": int(data.get("person_window", 250)), "person_scope": str(data.get("person_scope", "window")), "self_or_kin": bool(data.get("self_or_kin")),
            "bulk_factor": bulk, "genre_factors": genre_factors, "strong_weight": float(data.get("strong_weight", 0.0)), "max_per_term": int(data.get("max_per_term", 1))}


def merge_lexicons(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key in ("terms", "negatives"):
        by_pattern = {t["pattern"]: t for t in base.get(key, [])}
        for t in extra.get(key, []):
            by_pattern[t["pattern"]] = t
        out[key] = list(by_pattern.values())
    for k, v in extra.items():
        if k not in ("terms", "negatives", "category"):
            out[k] = v
    return out


class LexiconDetector(Detector):
    """Base for lexicon detectors; a subclass sets ``category`` and its docstring, and gets its
    name (``<category>.lexicon``), its categories and its lexicon file (``<category>.json``)."""

    lexicon_file = ""
    category = ""
    version = "1"

    def __init_subclass__(cls, **kw) -> None:
        super().__init_subclass__(**kw)
        if cls.category:
            cls.name = cls.__dict__.get("name", f"{cls.category}.lexicon")
            cls.categories = (cls.category,)
            cls.lexicon_file = cls.__dict__.get("lexicon_file", f"{cls.category}.json")
            cls.description = cls.__doc__ or ""

    def __init__(self, lexicon_files: tuple[str, ...] = ()) -> None:
        data = load_json(self.lexicon_file)
        for path in lexicon_files:
            try:
                with open(path, encoding="utf-8") as fh:
                    extra = json.load(fh)
            except (OSError, ValueError) as exc:
                raise LexiconError(f"cannot read lexicon {path}: {exc}") from exc
            if extra.get("category") == self.category:
                data = merge_lexicons(data, extra)
        self.lex = compile_lexicon(data)
        # each term's word-prefix keys, fixed once: a term none of whose keys is in the text is skipped
        # without a call (a set intersection per text instead of a loop over every term's literals)
        self._keys = [t.keys for t in self.lex["terms"]]
        self._all_keys = frozenset(k for ks in self._keys if ks for k in ks)

    def person_near(self, unit: TextUnit, pos: int) -> bool:
        """An identifiable person in reach of the evidence at ``pos``: in the same sentence with
        ``person_scope: "sentence"`` or ``"paragraph"`` (the term must be about the person, not near one), else within
        ``person_window`` characters."""
        scope = self.lex["person_scope"]
        if scope in ("sentence", "paragraph"):
            lo, hi = sentence_bounds(unit.text, pos) if scope == "sentence" else paragraph_bounds(unit.text, pos)
            return unit.persons.within(lo, hi, self.lex["self_or_kin"])
        return unit.persons.near(pos, self.lex["person_window"], self.lex["self_or_kin"])

    def genre_factor(self, unit: TextUnit) -> float:
        """How much evidence counts in this message's genre: broadcast content (a pasted article, a
        newsletter, a technical list, spam) is rarely about someone the owner deals with."""
        factor = self.lex["genre_factors"].get(unit.context.genre, 1.0)
        if unit.context.is_bulk or unit.context.is_auto_reply:
            factor = min(factor, self.lex["bulk_factor"])
        return factor

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        if not unit.text.strip() and not unit.filename:
            return
        folded = unit.folded_prose
        if unit.kind == "attachment" and unit.filename:
            folded = folded + "\n" + fold(unit.filename)
        subject = unit.folded_subject
        total, hits, first, strongest = 0.0, [], None, 0.0
        # the words of the prose reading are those of the folded text (a line break and a space both end
        # a word): its index is the one the other detectors built
        index = word_prefixes(unit.folded if folded is unit.folded_prose else folded)
        present = {folded: index, subject: word_prefixes(subject)}
        seen = {src: self._all_keys & pre for src, pre in present.items()}
        for term, keys in zip(self.lex["terms"], self._keys, strict=True):
            src = subject if term.scope == "subject" else folded
            if keys is not None and keys.isdisjoint(seen[src]):
                continue
            n = 0
            for m in term.pattern.finditer(src, present[src]):
                if term.scope != "subject" and unit.in_boilerplate(m.start()):
                    continue
                if self.lex["requires_person"] and term.scope != "subject" and not self.person_near(unit, m.start()):
                    continue
                if term.scope != "subject" and not self.accept(src, m):
                    continue
                n += 1
                if first is None and term.scope != "subject":
                    first = m.start()
                if n >= self.lex["max_per_term"]:
                    break
            if n:
                total += term.weight * n
                hits.append(term.label)
                strongest = max(strongest, term.weight)
        if not hits:
            return
        if strongest < self.lex["strong_weight"]:
            return  # only generic words fired: several of them still do not make the category
        factor = self.genre_factor(unit)  # asked only now: it may read the whole body
        if factor <= 0:
            return
        for term in self.lex["negatives"]:
            if term.pattern.search(folded) or (subject and term.pattern.search(subject)):
                total += term.weight
                hits.append(f"-{term.label}")
        total *= factor
        extra = self.adjust(unit, folded, hits)
        total += extra
        threshold = self.lex["threshold"]
        if total < threshold * 0.6:
            return
        score = clamp(0.5 + 0.2 * (total - threshold)) if total >= threshold else clamp(0.3 + 0.2 * total / threshold)
        start = first or 0
        yield Match(self.category, start, min(len(unit.text), start + 160), score,
                    "terms: " + ", ".join(hits[:12]) + f" (weight {total:.1f})", label=hits[0] if hits else "")

    def accept(self, folded: str, m: re.Match) -> bool:
        """Hook: whether one match of a term counts, from the words around it."""
        return True

    def adjust(self, unit: TextUnit, folded: str, hits: list[str]) -> float:
        """Hook for mail-structure evidence specific to a category."""
        return 0.0
