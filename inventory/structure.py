"""The structure of a mail body: signature and disclaimer blocks, quoted replies.

Evidence inside a signature or a legal disclaimer weighs little ("This email may contain
confidential information" is in nearly every message); quoted replies are still in the
mailbox, so they are scanned like the rest.
"""

from __future__ import annotations

import re

from detectors._util import finditer_starting
from detectors.lexicon import leading_literals, split_alternatives

_DISCLAIMER_ALTERNATIVES = (
    r"ce (?:message|courriel|mail|e-mail)\b.{0,120}?(?:confidenti|destin[ée]s? exclusivement|"
    r"peut contenir|contient des informations)|this (?:e-?mail|message|communication)\b.{0,120}?"
    r"(?:confidential|intended (?:solely|only)|may contain|privileged)|if you (?:are not|have received) "
    r"(?:the intended|this (?:e-?mail|message) in error)|si vous (?:n['’][êe]tes pas|avez re[çc]u ce)"
    r"|avant d['’]imprimer|please consider the environment|think before you print|"
    r"pensez (?:à|a) l['’]environnement"
)
_DISCLAIMER = re.compile(r"(?is)(?:" + _DISCLAIMER_ALTERNATIVES + ")")
# what a disclaimer starts with ("ce ", "this ", "if you "...): searched with str.find, the pattern
# is tried only there (with no literal prefix, re tried it at every character of every body)
_DISCLAIMER_STARTS = tuple(lit.lower() for alt in split_alternatives(_DISCLAIMER_ALTERNATIVES)
                           for lit in (leading_literals(alt) or ("",)))
_SIG_START = re.compile(r"(?m)^(?:-- ?|__+|—+)\s*$")
_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:bien )?(?:cordialement|bien [àa] (?:vous|toi)|bonne (?:journ[ée]e|soir[ée]e|fin de journ[ée]e)|"
    r"(?:best|kind|warm)(?: regards)?|regards|sinc[èe]rement|amicalement|sincerely|cheers|thanks|merci)[ ,.!]*$"
)
_QUOTE_HEADER = re.compile(
    r"(?im)^(?:le .{5,80} a [ée]crit ?:|on .{5,120} wrote:|-{3,} ?(?:original message|message d['’]origine|"
    r"message transf[ée]r[ée]|forwarded message) ?-{3,}|(?:de|from) ?: .+\n(?:envoy[ée]|date|sent) ?: )"
)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of disclaimers (paragraphs) and signatures (from the closing to the next quote)."""
    spans: list[tuple[int, int]] = []
    for m in finditer_starting(_DISCLAIMER, text, () if "" in _DISCLAIMER_STARTS else _DISCLAIMER_STARTS):
        start = text.rfind("\n\n", 0, m.start())
        start = 0 if start < 0 else start
        end = text.find("\n\n", m.end())
        spans.append((start, len(text) if end < 0 else end))
    quote = _QUOTE_HEADER.search(text)
    limit = quote.start() if quote else len(text)
    for rx in (_SIG_START, _CLOSING):
        for m in rx.finditer(text, 0, limit):
            # a closing near the end of the own-text part starts the signature block
            if limit - m.start() < 700:
                spans.append((m.start(), limit))
                break
    return spans


def own_text_end(text: str) -> int:
    """Where the sender's own text ends and quoted or forwarded material begins."""
    quote = _QUOTE_HEADER.search(text)
    first_gt = re.search(r"(?m)^>", text)
    ends = [m.start() for m in (quote, first_gt) if m]
    return min(ends) if ends else len(text)
