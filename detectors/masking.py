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

_DIGITS3 = re.compile(r"\S*\d\S*\d\S*\d\S*")
_TOKEN = re.compile(r"\S+")


def mask_value(value: str) -> str:
    """Masked preview: short values fully hidden, longer ones keep a first and last character.

    Spaces stay so that the shape of a formatted number is recognisable.
    """
    chars = [c for c in value if not c.isspace()]
    n = len(chars)
    if n > 48:  # keys and blocks: a fixed-size preview, the length, nothing of the middle
        return f"{chars[0]}{chars[1]}{'*' * 12}…{chars[-1]} ({n} chars)"
    if n <= 6:
        keep_head, keep_tail = 0, 0
    elif n <= 12:
        keep_head, keep_tail = 1, 1
    else:
        keep_head, keep_tail = 2, 1
    out, i = [], 0
    for c in value:
        if c.isspace():
            out.append(c)
            continue
        out.append(c if i < keep_head or i >= n - keep_tail else "*")
        i += 1
    return "".join(out)


def normalise_value(value: str) -> str:
    """The form hashed: case-folded, without spaces, dots or dashes, NFKC."""
    value = unicodedata.normalize("NFKC", value)
    return re.sub(r"[\s.\-]", "", value).casefold()


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of the normalised value, hex, truncated to 128 bits."""
    return hmac.new(key, normalise_value(value).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def scrub_excerpt(text: str) -> str:
    """Defence in depth for excerpts: hide every token holding three digits or more.

    Detectors mask the values they found; this also hides values they did not understand
    (a PIN beside a detected card number, a second password on the next line). Dates and
    amounts lose their digits in excerpts; the finding's own columns keep what matters.
    """
    return _DIGITS3.sub(lambda m: mask_value(m.group(0)), text)


def redact(text: str, values: list[str]) -> str:
    """Replace every occurrence of each clear value in ``text`` by its masked form."""
    for v in sorted({v for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(v, mask_value(v))
    return text
