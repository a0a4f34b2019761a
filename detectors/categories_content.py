"""The meaning-based detectors, one per category, each driven by its lexicon file."""

from __future__ import annotations

import re

from . import categories as C
from ._util import PERSONAL_DOMAIN as _PERSONAL_DOMAIN
from ._util import fold
from .disclosure import other_substance, substance_kinds
from .finding import Match
from .lexicon import LexiconDetector
from .unit import TextUnit


class TenderDetector(LexiconDetector):
    """Calls for tenders, bids, quotes, prices and the evaluation of offers (not public calls for projects)."""

    category = C.TENDER


class StrategicDetector(LexiconDetector):
    """Unpublished plans, restructuring, mergers, budgets, negotiations and classification markings
    that mark this content (signature disclaimers are boilerplate and never count)."""

    category = C.STRATEGIC
    # a marking says how the writer files the mail, not what it holds: over "please stop by this week" it
    # is a habit. It counts when the body carries organisational substance (a decision, a merger or a
    # closure, figures, jobs, money, a negotiation); the body's reading decides, so a Subject read alone
    # does not count on its marking, and the marking of a manuscript, a review or a tender file is theirs.
    _SUBJECT_MARKINGS = frozenset({"marking in subject", "confidentiel (marking)"})
    _MARKINGS = _SUBJECT_MARKINGS | {"diffusion restreinte", "ne pas diffuser", "strictly confidential",
                                     "confidential in prose", "not disclosed"}

    def adjust(self, unit: TextUnit, folded: str, hits: list[str]) -> float:
        positive = [h for h in hits if not h.startswith("-")]
        if unit.kind == "subject" and set(positive) <= self._SUBJECT_MARKINGS:
            return -10.0
        if not set(positive) <= self._MARKINGS:
            return 0.0
        if unit.kind == "body" and not substance_kinds(unit):
            return -10.0  # "CONFIDENTIAL (don't tell James, it's for his leaving do)": a sandwich order
        if len(other_substance(folded, unit)) >= 2:
            return -10.0  # "NOT FOR CIRCULATION" over a manuscript, "ne pas diffuser avant publication" over a CCTP
        return 0.0


class ResearchDetector(LexiconDetector):
    """Unpublished results, manuscripts under review, invention disclosures, patent drafts, embargoes,
    grant proposals before submission (not the 'brevet des collèges', not published papers)."""

    category = C.RESEARCH


class PeopleCommentDetector(LexiconDetector):
    """Evaluations and judgements of a named or identifiable person."""

    category = C.PEOPLE_COMMENT

    def accept(self, folded: str, m: re.Match) -> bool:
        """A judgement the writer makes of their own work or status ("the poor quality of my bit", "after my
        probation") is no comment on another person."""
        return not (_OWN_BEFORE.search(folded, max(0, m.start() - 12), m.start())
                    or _OWN_AFTER.match(folded, m.end()))


# the writer's own: "my probation", "ma periode d'essai", "poor quality of my bit"
_OWN_BEFORE = re.compile(r"\b(?:my|mon|ma|mes|our|notre|nos)\s+$")
_OWN_AFTER = re.compile(r"\s+(?:of|de|du|des)\s+(?:my|mon|ma|mes|our|notre|nos)\b")


# column headers that name art. 9 data: special educational needs, disability, health, religion, union
_SENSITIVE_COLUMN = re.compile(
    r"(?:sen|sen (?:flag|type|status|need)|ehcp|send|handicap|situation de handicap|disability|rqth|mdph|pai|"
    r"pathologies?|diagnosti[cq]s?|medical|medical notes?|sante|health|health conditions?|allergies|traitements?|"
    r"religion|confession|syndicat|union|trade union|union membership|appartenance syndicale|casier judiciaire|"
    r"criminal record|convictions?)")
_EMPTY_CELL = frozenset({"n", "no", "non", "none", "aucun", "aucune", "-", "0", "n/a", "na", "false", "nr"})


class PrivateDetector(LexiconDetector):
    """Private life mixed with work mail: family, relatives' health, love life, personal purchases and
    accounts, private plans. Personal webmail correspondents add evidence."""

    category = C.PRIVATE

    def detect(self, unit: TextUnit):
        if unit.rows:
            return  # a table's family-situation column is personal data of its rows, not a private conversation
        found = list(super().detect(unit))
        yield from found
        if found or unit.kind != "body" or not unit.text.strip():
            return
        ctx = unit.context
        if ctx.is_bulk or ctx.is_auto_reply or ctx.genre != "personal":
            return
        name = _relative(ctx.sender, ctx.sender_name, ctx.recipients)
        if name:
            yield Match(C.PRIVATE, 0, min(len(unit.text), 160), 0.55,
                        f"correspondence between relatives (family name '{name}', a personal address)",
                        label="correspondence with a relative")

    def adjust(self, unit: TextUnit, folded: str, hits: list[str]) -> float:
        extra = 0.0
        people = (unit.context.sender,) + unit.context.recipients
        if any(_PERSONAL_DOMAIN.search(a or "") for a in people):
            hits.append("personal webmail correspondent")
            extra += 0.5
        if unit.context.personal_folder:
            hits.append("filed in a personal folder")
            extra += 0.3
        return extra


# parts of an address or a display name that are no family name
_NOT_NAME = frozenset({"info", "contact", "admin", "noreply", "reply", "support", "team", "mail", "mailer", "service",
                       "office", "bureau", "accueil", "secretariat", "direction", "compta", "paie", "news", "newsletter",
                       "notification", "notifications", "alerts", "hello", "bonjour", "perso", "home", "famille",
                       "family", "example", "exemple"})


def _name_parts(address: str, display: str = "") -> set[str]:
    local = (address or "").split("@", 1)[0]
    words = re.split(r"[._\-+\s]+", local.lower()) + [w.lower() for w in re.split(r"[\s,]+", display or "")][-1:]
    return {w for w in (re.sub(r"\d+$", "", fold(x)) for x in words) if len(w) >= 4 and w.isalpha() and w not in _NOT_NAME}


def _relative(sender: str, sender_name: str, recipients: tuple[str, ...]) -> str:
    """A family name shared by the sender and a recipient, one of them on a personal address: a spouse, a
    parent, a sibling writing to the owner (or the owner to them). Returns the name, or ''."""
    if not sender or not recipients or len(recipients) > 3:
        return ""
    mine = _name_parts(sender, sender_name)
    for other in recipients:
        if other.lower() == sender.lower():
            continue
        if not (_PERSONAL_DOMAIN.search(sender) or _PERSONAL_DOMAIN.search(other)):
            continue
        shared = mine & _name_parts(other)
        if shared:
            return sorted(shared)[0]
    return ""


class SensitiveDataDetector(LexiconDetector):
    """GDPR art. 9 and 10 data about an identifiable person: health, disability, pregnancy, religion,
    political opinion, union membership, sexual orientation, ethnic origin, biometrics, offences."""

    category = C.SENSITIVE_DATA

    def detect(self, unit: TextUnit):
        found = list(super().detect(unit))
        yield from found
        if not found and unit.rows:
            yield from self._sensitive_column(unit)

    def _sensitive_column(self, unit: TextUnit):
        """A table of people with a column of sensitive data filled in: a pupils' extract with its SEN
        column, a staff list with a union or a health column. The column says what the cells are."""
        header, *rows = unit.rows
        for i, cell in enumerate(header):
            if not _SENSITIVE_COLUMN.fullmatch(fold(cell).strip(" :*_")):
                continue
            filled = [r[i] for r in rows if i < len(r) and r[i].strip() and fold(r[i]).strip() not in _EMPTY_CELL]
            if len(filled) >= 2 or (filled and len(rows) == 1):
                yield Match(C.SENSITIVE_DATA, 0, min(len(unit.text), 160), 0.6,
                            f"a table column of sensitive data ('{cell.strip()[:30]}'), {len(filled)} row(s) filled",
                            label="sensitive column")
                return
