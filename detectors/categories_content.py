"""The meaning-based detectors, one per category, each driven by its lexicon file."""

from __future__ import annotations

from . import categories as C
from ._util import PERSONAL_DOMAIN as _PERSONAL_DOMAIN  # noqa: E402
from .lexicon import LexiconDetector
from .unit import TextUnit


class TenderDetector(LexiconDetector):
    """Calls for tenders, bids, quotes, prices and the evaluation of offers (not public calls for projects)."""

    name = "tender.lexicon"
    version = "1"
    category = C.TENDER
    categories = (C.TENDER,)
    lexicon_file = "tender.json"
    description = __doc__


class StrategicDetector(LexiconDetector):
    """Unpublished plans, restructuring, mergers, budgets, negotiations and classification markings
    that mark this content (signature disclaimers are boilerplate and never count)."""

    name = "strategic.lexicon"
    version = "1"
    category = C.STRATEGIC
    categories = (C.STRATEGIC,)
    lexicon_file = "strategic.json"
    description = __doc__


class ResearchDetector(LexiconDetector):
    """Unpublished results, manuscripts under review, invention disclosures, patent drafts, embargoes,
    grant proposals before submission (not the 'brevet des collèges', not published papers)."""

    name = "research.lexicon"
    version = "1"
    category = C.RESEARCH
    categories = (C.RESEARCH,)
    lexicon_file = "research.json"
    description = __doc__


class PeopleCommentDetector(LexiconDetector):
    """Evaluations and judgements of a named or identifiable person."""

    name = "people_comment.lexicon"
    version = "1"
    category = C.PEOPLE_COMMENT
    categories = (C.PEOPLE_COMMENT,)
    lexicon_file = "people_comment.json"
    description = __doc__


class PrivateDetector(LexiconDetector):
    """Private life mixed with work mail: family, relatives' health, love life, personal purchases and
    accounts, private plans. Personal webmail correspondents add evidence."""

    name = "private.lexicon"
    version = "1"
    category = C.PRIVATE
    categories = (C.PRIVATE,)
    lexicon_file = "private.json"
    description = __doc__

    def adjust(self, unit: TextUnit, folded: str, hits: list[str]) -> float:
        people = (unit.context.sender,) + unit.context.recipients
        if any(_PERSONAL_DOMAIN.search(a or "") for a in people):
            hits.append("personal webmail correspondent")
            return 0.5
        return 0.0


class SensitiveDataDetector(LexiconDetector):
    """GDPR art. 9 and 10 data about an identifiable person: health, disability, pregnancy, religion,
    political opinion, union membership, sexual orientation, ethnic origin, biometrics, offences."""

    name = "sensitive_data.lexicon"
    version = "1"
    category = C.SENSITIVE_DATA
    categories = (C.SENSITIVE_DATA,)
    lexicon_file = "sensitive_data.json"
    description = __doc__
