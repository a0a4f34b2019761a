"""Masking and keyed hashing of found values: the report must not become the leak.

A value is never stored in clear. It is kept as a masked preview (enough for its owner to
recognise it) and an HMAC-SHA256 keyed per inventory, so that distinct values and people can
be counted without a dictionary attack on short numbers (a plain hash of a 13-digit number
falls in seconds).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

#: the character that stands for a hidden one in every masked value
MASK_CHAR = "\u2022"  # •
MASK_BULLETS = 8  # at most this many bullets: the length is given as a number
KEEP_TAIL_FROM = 8  # values of 8 characters or more show their last two


def mask_value(value: str) -> str:
    """The one masked form of a value, in every output: bullets, the length, the last two characters.

    ``Kq7!mz2Lp`` becomes ``•••••••(9)Lp``, a 4-digit PIN ``••••(4)``. The length counts the
    characters other than spaces; values shorter than 8 show nothing of themselves; at most
    eight bullets are drawn, so a private key does not fill a cell. The last two characters are
    enough for the owner to recognise a value they know, and too few to use it.
    """
    chars = [c for c in value if not c.isspace()]
    n = len(chars)
    if n == 0:
        return value
    keep = 2 if n >= KEEP_TAIL_FROM else 0
    tail = "".join(chars[n - keep:]) if keep else ""
    return f"{MASK_CHAR * min(n - keep, MASK_BULLETS)}({n}){tail}"


def normalise_value(value: str) -> str:
    """The form hashed: case-folded, without spaces, dots or dashes, NFKC."""
    value = unicodedata.normalize("NFKC", value)
    return re.sub(r"[\s.\-]", "", value).casefold()


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of the normalised value, hex, truncated to 128 bits."""
    return hmac.new(key, normalise_value(value).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def redact(text: str, values: list[str]) -> str:
    """Replace every occurrence of each clear value in ``text`` by its masked form."""
    for v in sorted({v for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(v, mask_value(v))
    return text
