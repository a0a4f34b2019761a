"""Cheap language guess (French or English) from stop-word counts: enough to pick lexicons."""

from __future__ import annotations

import re

_FR = frozenset(
    "le la les des est une pour que qui dans sur avec pas vous nous ce cette sont mais ou du au aux je tu il "
    "elle merci bonjour être été fait très aussi".split()
)
_EN = frozenset(
    "the and is are for that with this you we have not be was were will from your our please thanks "
    "dear hi would could should there their".split()
)
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ']+")


def guess_lang(text: str, default: str = "fr") -> str:
    words = _WORD.findall(text[:4000].lower())
    # counted in C (the two word lists share no word): this runs for every subject, body and attachment
    fr = sum(map(_FR.__contains__, words))
    en = sum(map(_EN.__contains__, words))
    if fr == en:
        return default
    return "fr" if fr > en else "en"
