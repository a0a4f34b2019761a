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
    fr = en = 0
    for w in _WORD.findall(text[:4000].lower()):
        if w in _FR:
            fr += 1
        elif w in _EN:
            en += 1
    if fr == en:
        return default
    return "fr" if fr > en else "en"
