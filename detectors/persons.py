"""Where a text names a person: "Mme Durand", "Karim BENALI", "Julie Martin", and pronouns.

Detectors that need an identifiable person near their evidence (sensitive data, comments on
people) ask :meth:`PersonIndex.near`. The text is scanned once per unit (cached on the unit),
not once per piece of evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

PERSON = re.compile(
    r"(?:\b(?:m\.|mme|mlle|monsieur|madame|mr|mrs|ms|miss|dr|docteur|pr)\.?\s+[A-ZÉÈ][\w\-]+)|"
    r"(?:\b[A-ZÉÈ][a-zéèëïôç]+(?:[- ][A-ZÉÈ][a-zéèëïôç]+)?\s+[A-ZÉÈ][A-Za-zéèëïôç\-]+\b)|"
    r"(?:\b[A-ZÉÈ]{2,}\s+[A-ZÉÈ][a-zéèëïôç]+\b)"
)
NOT_PERSON = re.compile(r"(?i)^(?:le|la|les|un|une|bonjour|cher|chère|dear|hello|merci|objet|subject|the|this|"
                        r"de|du|des|en|au|pour|avec|sur)\b")
PRONOUN = re.compile(r"(?i)\b(?:il|elle|he|she|his|her|son|sa)\b")
EARLY = 2000  # a pronoun counts when the text names someone in its first lines


@dataclass(frozen=True)
class PersonIndex:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    pronouns: tuple[int, ...]
    named_early: bool

    def near(self, pos: int, window: int) -> bool:
        """A person named within ``window`` characters of ``pos``, or a pronoun there when the
        text names someone early on (the pronoun most likely refers to them)."""
        lo, hi = pos - window, pos + window
        i = bisect_left(self.starts, lo)
        while i < len(self.starts) and self.starts[i] < hi:
            if self.ends[i] <= hi:
                return True
            i += 1
        if self.named_early:
            j = bisect_left(self.pronouns, lo)
            if j < len(self.pronouns) and self.pronouns[j] < hi:
                return True
        return False


def index_persons(text: str) -> PersonIndex:
    starts, ends, early = [], [], False
    for m in PERSON.finditer(text):
        if m.end() <= EARLY:
            early = True
        if not NOT_PERSON.match(m.group(0)):
            starts.append(m.start())
            ends.append(m.end())
    pronouns = tuple(m.start() for m in PRONOUN.finditer(text)) if early else ()
    return PersonIndex(tuple(starts), tuple(ends), pronouns, early)
