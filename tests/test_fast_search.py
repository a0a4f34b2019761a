"""The fast searches give the matches of the plain regular expressions they stand for."""

from __future__ import annotations

import itertools
import re

import pytest

from detectors._util import finditer_words, word_prefixes
from detectors.lexicon import FastPattern, StartSearch, match_starts
from detectors.personal_data import _EMAIL, _emails

_TEXTS = [
    "Il ne faut pas le dire : les equipes ne sont pas au courant. Comment ? lie, lies, lying, mentait.",
    "i'd never hire him again; we would not recommend her. xcomment amentait a menti  ment",
    "Prix unitaire 12 500 € HT, 3 000 eur TTC, €1,200 and $ 45 k€; euro 2000eur",
    "sympa mais lent, brillant, but lazy. inexcellent solid, but late. excellent\nbut",
    "the company spokesman said on monday (Reuters) -- copyright (c) 2001 All rights reserved",
    "Code porte : 4821B, digicode 1 9 7 4, pin-code 1234, x-code 99, valable 15 min, good until",
    "a@b.cc jean.dupont@gmail.com -x+y@z.fr " + "u" * 70 + "@long.example é.é@x.y a@b@c.d",
]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize("pattern", [
    r"(?:(?:lie|lies|lied|lying|ment|mentait|a menti))\b",
    r"\b(?:sympa\w*|gentil\w*|brillant\w*|solide?|excellent\w*)\b[^.;!?\n]{0,50}?,? (?:mais|but)\b",
    r"\b(?:les? (?:equipes?|services?)|le personnel) (?:ne|n')",
    r"\b(?:eur|€|\$|£)\s?\d[\d,.]*|\d[\d,. ]*\s?(?:eur|€|k€)",
    r"\b(?:i|we)(?:(?:'d| would| will) (?:not|never)|'d never| wouldn't) (?:hire|recommend) (?:him|her)\b",
    r"\bd(?:oe|œ)s not\b|\b[ée]t[ée] (?:ok|non)\b",
])
def test_fast_pattern_matches_as_the_whole_pattern(pattern):
    fast = FastPattern(pattern)
    for text in _TEXTS + ["\n".join(_TEXTS), " ".join(reversed(_TEXTS))]:
        word_prefixes.cache_clear()
        got = _spans(fast.finditer(text))
        # every match is one of the whole pattern, and the first one is the pattern's first
        assert all(re.compile(pattern).match(text, a) for a, _ in got)
        assert got[:1] == _spans(re.finditer(pattern, text))[:1]


def test_match_starts_reads_nested_groups_optional_letters_and_symbols():
    assert set(match_starts(r"(?:(?:lie|lies|a menti))\b")) == {"lie", "a menti"}
    assert set(match_starts(r"les? (?:equipes?|services?) x")) >= {"le equipe", "les service"}
    assert set(match_starts(r"(?:eur|€|\$|£)\s?\d")) == {"eur", "€", "$", "£"}
    assert match_starts(r"\d+ fois") is None
    assert set(match_starts(r"x?abc")) == {"abc", "xabc"}
    assert match_starts(r"\w+ eyes only") is None
    assert match_starts(r"(?i)abc") is None


@pytest.mark.parametrize("pattern", [
    r"\b(?:price target|strong buy|eps|p/e|52[- ]?wk|downgrad\w+|nyse)\b",
    r"\bcopyright\s*(?:\(c\)|©)?\s*(?:19|20)\d\d|©\s*(?:19|20)\d\d|\ball rights reserved\b",
    r"\b(?:a|an|the) (?:company |\w+ )?spokes(?:man|woman|person)\b|\bporte-parole\b",
    r"(?m)^[ \t]*(?:said|the) \w+",
])
def test_start_search_finds_what_the_pattern_finds(pattern):
    rx = re.compile(pattern)
    fast = StartSearch(rx)
    for text in _TEXTS + [t.lower() for t in _TEXTS]:
        assert _spans(fast.finditer(text)) == _spans(rx.finditer(text))
        want = rx.search(text)
        got = fast.search(text)
        assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize("pattern,starts", [
    (r"(?i)\b(?:codes?|digicodes?|pin|combinaisons?)\b", ("code", "digicode", "pin", "combina")),
    (r"(?i)\b(?:valable|valide|valid|good)\b[^\n]{0,30}?(?:\d+ ?min|until)", ("valable", "valide", "valid", "good")),
    (r"(?i)(?:^|x)code", ("code",)),  # not opening at a word boundary: searched anywhere, as before
])
def test_finditer_words_finds_what_the_pattern_finds(pattern, starts):
    rx = re.compile(pattern)
    for text in _TEXTS + ["CODE pin\nPIN-code codes"]:
        word_prefixes.cache_clear()
        assert _spans(finditer_words(rx, text, starts, text.lower())) == _spans(rx.finditer(text))


def test_emails_are_found_as_the_pattern_finds_them():
    for text in _TEXTS + ["".join(p) for p in itertools.product(("a", "@", ".", "-", " "), repeat=5)]:
        assert _spans(_emails(text)) == _spans(_EMAIL.finditer(text))
