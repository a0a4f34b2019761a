"""Personal data of identifiable third persons: validated identifiers (NIR, IBAN, card, numéro
fiscal) through the French Presidio pack, dates and places of birth, home addresses, personal
phone numbers, student numbers, passport numbers, salaries and family situations, and tables
listing people (one finding with the number of rows).

Not reported: numbers failing their checksum, company identifiers (SIREN/SIRET), anything in
the sender's signature or disclaimer block, and the numbers printed on an identity document
(that document is an ``identity_scan`` finding of its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from . import categories as C
from ._util import PERSONAL_DOMAIN
from .base import Detector
from .finding import Match
from .identity_doc import classify_document
from .presidio_fr.rules import find
from .unit import TextUnit

_BIRTH = re.compile(
    r"(?i)\b(?:n[ée]e?\s+le|date\s+de\s+naissance|born(?:\s+(?:on|in))?|date\s+of\s+birth|d\.?o\.?b\.?|"
    r"lieu\s+de\s+naissance|place\s+of\s+birth|n[ée]e?\s+(?:à|a|en)\s+[A-Z])"
)
_DATE = re.compile(r"\b\d{1,2}[/.\-|]\d{1,2}[/.\-|](?:19|20)\d{2}\b|\b\d{1,2}(?:er)?\s+(?:janv|f[ée]vr|mars|avr|mai|juin|"
                   r"juil|ao[uû]t|sept|oct|nov|d[ée]c|jan|feb|mar|apr|may|jun|jul|aug|sep|dec)\w*\.?\s+(?:19|20)\d{2}\b",
                   re.I)
# A date that is a birth date without saying so: followed by the age it gives ("22/01/1965 (58 ans)"),
# or after a sex field in a record line ("Marie Daubert | F | 10/05/1986")
_NUM_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}"
_DOB_AGE = re.compile(rf"\b(?P<v>{_NUM_DATE})\s*\(\s*\d{{1,3}}\s*(?:ans|years?|yrs?|y\.?o\.?)\s*\)", re.I)
_DOB_SEX = re.compile(rf"(?:\|\s*[MFH]\s*\||\b[Ss]exe?\s*:\s*[MFH]\b)[\s|,;]*(?P<v>{_NUM_DATE})\b")
# mobile numbers as written in France (06/07, +33 6, 0033 6) and the UK (+44 7...)
# (no look-behind at the start: it kept the regex engine from skipping to a "+" or a "0" and cost
# three times as much; the character before a candidate is checked in code)
_MOBILE_CANDIDATE = re.compile(
    r"(?:\+33[\s.]?(?:\(0\)[\s.]?)?|0033[\s.]?(?:\(0\)[\s.]?)?|0)[67](?:[\s.\-]?\d{2}){4}(?!\d)|"
    r"\+44[\s.]?(?:\(0\)[\s.]?)?7\d{3}[\s.\-]?\d{3}[\s.\-]?\d{3}(?!\d)"
)
_HOME = re.compile(
    r"(?i)\b(?:domicile|domicili[ée]e?|adresse\s+(?:personnelle|postale|perso)|habite|demeurant|r[ée]side\s+au|"
    r"home\s+address|lives\s+at|private\s+address|residential\s+address)\b"
)
_STREET = re.compile(
    r"(?i)\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|impasse|place|route|quai|"
    r"cours|square|r[ée]sidence|lotissement|hent|street|st\.|road|rd\.|lane|drive|way)\b[^\n]{2,60}?\b\d{5}\b"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_ADDRESS_GIVEN = re.compile(
    r"(?i)(?:adresse|mail|courriel|e-?mail|e:mail)\s*(?:perso|personnel(?:le)?|priv[ée]e?)|(?:home|personal|private)\s+"
    r"e[-:]?mail|(?:son|sa|ton|votre|leur|her|his|their)\s+(?:adresse\s+)?(?:e-?mail|mail|courriel|address)|"
    r"(?:joindre|contacter|écrire|ecrire|reach|contact|write to)\s+(?:\w+\s+){0,3}(?:à|a|at|on|sur)\s*:?\s*$")
_HEADER_LINE = re.compile(r"(?i)^\s*>*\s*(?:de|from|to|à|a|cc|cci|bcc|envoy[ée]|sent|reply-to|répondre à)\s*:|"
                          r".*(?:a [ée]crit|wrote)\s*:?\s*$|^\s*(?:le|on) .{0,80}<?$")
_STREET_ABROAD = re.compile(r"\s*:?\s*((?:flat|apt\.?|apartment)?[^\n]{0,12}?\d{1,4}[a-z]?,?\s+[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,3}"
                            r"(?:,\s*[^\n,]{2,40})?)")
_INE = re.compile(r"(?i)\bINE\b[^\n\d]{0,20}(?P<val>\d{9}[A-Z]{2}|\d{10}[A-Z]|[0-9A-Z]{10}\d)\b")
_PASSPORT_NO = re.compile(r"(?i)\bpass(?:e)?port\b[^\n]{0,40}?(?:n[o°º]\.?|number|num[ée]ro)?\s*:?\s*(?P<val>[A-Z0-9]{8,9})\b")
_SALARY = re.compile(
    r"(?i)\b(?:salaire|r[ée]mun[ée]ration|traitement\s+(?:brut|net|mensuel|annuel)|salary|prime|bonus|"
    r"indice\s+(?:major[ée]|brut))\b[^\n]{0,60}?\d[\d\s  .,]*\s?(?:€|eur|euros|k€|\$|£)"
)
_FAMILY = re.compile(
    r"(?i)\b(?:mari[ée]e?|pacs[ée]e?|divorc[ée]e?|c[ée]libataire|veu(?:f|ve)|concubin|situation\s+(?:familiale|de\s+famille)|"
    r"enfants?\s+à\s+charge|\d\s+enfants?|married|divorced|dependants?|number\s+of\s+children)\b"
)
# "DUPONT Marc 12,5 ; LEROY Anne 8": marks given name by name, without "/20"
_NAME_SCORE = re.compile(
    r"(?:\b[A-ZÉÈ][A-ZÉÈ'\-]{1,}[ \t]+[A-ZÉÈ][a-zéèëïôç]+|\b[A-ZÉÈ][a-zéèëïôç]+[ \t]+[A-ZÉÈ][A-ZÉÈ'\-]{1,})"
    r"[ \t]*[:;,=\-–]?[ \t]*\d{1,2}(?:[.,]\d{1,2})?(?:[ \t]*/[ \t]*20)?(?![\d/.,]\d)"
)
_GRADES = re.compile(r"(?i)\b(?:note|moyenne|grade|mark|score)s?\b[^\n]{0,40}?\b\d{1,2}(?:[.,]\d{1,2})?\s?/\s?20\b")
# Cheap gates: a case-insensitive pattern starting with \b is searched about 15 times slower than
# a plain substring, so each pattern runs only where one of its words is present.
_GATES = {
    "birth": ("né", "ne le", "nee le", "ne a", "ne en", "naissance", "born", "birth", "dob", "d.o.b"),
    "home": ("domicil", "adresse", "habite", "demeurant", "side au", "home address", "lives at", "private address",
             "residential address"),
    "street": ("rue", "av", "bd", "boulevard", "chemin", "all", "impasse", "place", "route", "quai", "cours",
               "square", "sidence", "lotissement", "hent", "street", "st.", "road", "rd.", "lane", "drive", "way"),
    "ine": ("ine",),
    "passport": ("passport", "passeport"),
    "salary": ("salaire", "mun", "traitement", "salary", "prime", "bonus", "indice"),
    "grades": ("/20", "/ 20"),
    "grade_list": ("notes du", "notes des", "notes de l", "notes obtenues", "relevé de notes", "résultats",
                   "resultats", "partiel", "examen", "exam", "marks", "grades", "moyenne", "jury"),
    "family": ("mari", "pacs", "divorc", "libataire", "veu", "concubin", "situation", "enfant", "married",
               "dependant", "children"),
}
_DIGIT_RUN = re.compile(r"\d(?:[ .\-]?\d){10,}")  # NIR, card, tax number: 11 digits or more
_IBAN_START = re.compile(r"[A-Z]{2}\d\d")


_NEEDS_CONTEXT = frozenset({"FR_INE", "PASSPORT", "FR_CNI", "FR_SPI", "FR_SIREN", "FR_DRIVING_LICENCE"})
_COMPANY = frozenset({"FR_SIREN", "FR_TVA"})  # in the pack for Presidio users; identify a company, not a person
_LABELS = {"FR_NIR": "NIR", "IBAN_CODE": "IBAN", "CREDIT_CARD": "payment card", "FR_SPI": "tax number",
           "FR_INE": "INE", "PASSPORT": "passport number", "FR_CNI": "ID card number",
           "FR_SIREN": "company identifier (SIREN/SIRET)", "FR_TVA": "VAT number", "FR_RIB": "RIB",
           "FR_DRIVING_LICENCE": "driving licence number"}


def _gate(low: str, key: str) -> bool:
    return any(k in low for k in _GATES[key])


_NATIONALITY = re.compile(r"(?i)\b(?:nationalit[ée]|nationality|citizenship)\b")
# (case-insensitive for the titles only: with a global flag the other two forms matched any two words)
_PERSON_HINT = re.compile(r"\b(?i:m\.|mme|mlle|monsieur|madame|mademoiselle|mr|mrs|ms|dr)\.?\s+[A-ZÉ][\w\-]+|"
                          r"\b[A-ZÉ][a-zéèëï]+\s+[A-ZÉ]{2,}\b|\b[A-ZÉ]{2,}\s+[A-ZÉ][a-zéèëï]+\b")
_COLUMN_HINTS = re.compile(
    r"(?i)naissance|birth|nir|s[ée]cu|iban|ine\b|adresse|address|t[ée]l|phone|mobile|note|grade|salaire|salary|"
    r"r[ée]mun[ée]ration|prime|\bcia\b|indemn|[ée]chelon|matricule|"
    r"nationalit|diagnos|e-?mail|courriel|passport|passeport|pr[ée]nom|first\s*name|nom\b|name"
)


class PersonalData(Detector):
    """Third persons' personal data, validated identifiers and lists of people."""

    name = "personal_data.identifiers"
    version = "1"
    categories = (C.PERSONAL_DATA,)
    description = __doc__

    def __init__(self) -> None:
        from .presidio_fr.rules import RULES

        self._rules = RULES

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        if not text:
            return
        if unit.kind == "attachment":
            kind, score, _ = classify_document(text, unit.filename, scanned=unit.ocr)
            if kind and score >= 0.5 and unit.content_type not in ("xlsx", "csv", "odf"):
                return  # numbers printed on an identity document belong to that document's finding
        if unit.rows:
            yield from self._table(unit)
        yield from self._identifiers(unit)
        yield from self._context_data(unit)

    def _identifiers(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        long_digits = bool(_DIGIT_RUN.search(text))
        iban_start = bool(_IBAN_START.search(text))
        for rule in self._rules:
            entity = rule.entity
            if entity in _COMPANY:
                continue  # a company's identifiers are public data about a company, not personal data
            needs_context = entity in _NEEDS_CONTEXT
            if needs_context and not any(c in low for c in rule.context):
                continue
            if entity in ("FR_NIR", "CREDIT_CARD", "FR_SPI", "FR_RIB", "FR_TVA") and not long_digits:
                continue
            if entity == "IBAN_CODE" and not iban_start:
                continue
            for start, end, score in find(rule, text):
                if unit.in_boilerplate(start):
                    continue
                if needs_context:
                    window = low[max(0, start - 80):start]
                    if not any(c in window for c in rule.context):
                        continue
                    if score < 0.5 and entity not in ("FR_SPI", "FR_SIREN"):
                        score = 0.75
                if score < 0.5:
                    continue
                before = low[max(0, start - 40):start]
                if re.search(r"r[ée]f[ée]rence|\bref\b|commande|facture|invoice|order|dossier|mission|"
                             r"doi|orcid|isbn|n° de bon|alerte|alert|ticket|siret|siren|tva", before):
                    continue
                label = _LABELS[entity]
                score = 0.95 if score >= 1.0 else 0.75
                yield Match(C.PERSONAL_DATA, start, end, score,
                            f"{label} ({'checksum valid' if score > 0.9 else 'with context'})", start, end, label=label)

    def _context_data(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        for m in (_BIRTH.finditer(text) if _gate(low, "birth") else ()):
            if unit.in_boilerplate(m.start()):
                continue
            window = text[m.end():m.end() + 60]
            d = _DATE.search(window)
            if d or re.match(r"(?i)\s*(?:à|a|in)\s+[A-Z]", window) or "naissance" in m.group(0).lower():
                end = m.end() + (d.end() if d else 30)
                va = (m.end() + d.start(), m.end() + d.end()) if d else (None, None)
                yield Match(C.PERSONAL_DATA, m.start(), min(end, len(text)), 0.85, "date or place of birth",
                            va[0], va[1], label="birth date/place")
        implied = []
        if "ans)" in low or "year" in low or "yrs" in low or "y.o" in low:  # cheap gates: a tenth of the cost
            implied += _DOB_AGE.finditer(text)
        if "|" in text or "sex" in low:
            implied += _DOB_SEX.finditer(text)
        for m in implied:
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "date of birth (with age or sex)", *m.span("v"),
                        label="birth date/place")
        has_home = _HOME.search(text) if _gate(low, "home") else None
        for m in (_STREET.finditer(text) if has_home and _gate(low, "street") else ()):
            if unit.in_boilerplate(m.start()):
                continue
            near_home = has_home and abs(has_home.start() - m.start()) < 200
            if near_home:
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "home address", m.start(), m.end(),
                            label="home address")
        if has_home:
            yield from self._home_abroad(unit, has_home)
        for m in (_INE.finditer(text) if _gate(low, "ine") else ()):
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "INE student number", *m.span("val"), label="INE")
        for m in (_PASSPORT_NO.finditer(text) if _gate(low, "passport") else ()):
            if any(c.isdigit() for c in m.group("val")) and any(c.isalpha() for c in m.group("val")[:2]):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.7, "passport number", *m.span("val"),
                            label="passport number")
        for m in (_SALARY.finditer(text) if _gate(low, "salary") else ()):
            if unit.in_boilerplate(m.start()) or unit.context.is_bulk:
                continue
            if _PERSON_HINT.search(text[max(0, m.start() - 200):m.end() + 100]) or unit.persons.near(m.start(), 200):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.75, "salary of a named person", label="salary")
        pairs = list(_NAME_SCORE.finditer(text)) if _gate(low, "grade_list") else []
        if len(pairs) >= 2 and not unit.in_boilerplate(pairs[0].start()):
            yield Match(C.PERSONAL_DATA, pairs[0].start(), pairs[-1].end(), 0.75,
                        f"grades of {len(pairs)} named people", label="grades", count=len(pairs))
        for m in (_GRADES.finditer(text) if _gate(low, "grades") else ()):
            if _PERSON_HINT.search(text[max(0, m.start() - 150):m.end() + 50]):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.7, "grades of a named person", label="grades")
        for m in (_FAMILY.finditer(text) if _gate(low, "family") else ()):
            if unit.in_boilerplate(m.start()) or unit.context.is_bulk:
                continue
            if _PERSON_HINT.search(text[max(0, m.start() - 200):m.end() + 100]) and (
                    _HOME.search(text) or _SALARY.search(text) or _NATIONALITY.search(text)):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.65, "family situation of a named person",
                            label="family situation")
        if not unit.in_boilerplate(0):
            yield from self._phones(unit)
        if "@" in text:
            yield from self._private_addresses(unit)

    def _private_addresses(self, unit: TextUnit) -> Iterator[Match]:
        """A third person's personal e-mail address written in the text ("son adresse perso est
        x@gmail.com"); the correspondents of the message and quoted header lines are not counted."""
        text = unit.text
        ctx = unit.context
        known = {a.lower() for a in (ctx.sender, *ctx.recipients) if a}
        for m in _EMAIL.finditer(text):
            addr = m.group(0).lower()
            if addr in known or not PERSONAL_DOMAIN.search(addr) or unit.in_boilerplate(m.start()):
                continue
            ls = text.rfind("\n", 0, m.start()) + 1
            if _HEADER_LINE.match(text[ls:m.start()]):
                continue  # "De : Jean <jean@gmail.com>" in a quoted reply is a correspondent, not data
            le = text.find("\n", m.end())
            if text.count("@", ls, le if le >= 0 else len(text)) > 1:
                continue  # a list of addresses (forwarded recipients) is an address book, not a disclosure
            if not _ADDRESS_GIVEN.search(text[max(0, m.start() - 80):m.start()]):
                continue
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.6, "personal e-mail address of a third person",
                        m.start(), m.end(), label="personal e-mail")

    def _home_abroad(self, unit: TextUnit, home: re.Match) -> Iterator[Match]:
        """"home address 22 Harewood Avenue, Leeds LS8 1AB": a street number and a capitalised name
        right after the words, where no French five-digit postcode follows."""
        text = unit.text
        after = text[home.end():home.end() + 100]
        m = _STREET_ABROAD.match(after)
        if m and not unit.in_boilerplate(home.start()) and not _STREET.search(text[home.start():home.end() + 120]):
            yield Match(C.PERSONAL_DATA, home.start(), home.end() + m.end(), 0.75, "home address",
                        home.end() + m.start(1), home.end() + m.end(), label="home address")

    def _phones(self, unit: TextUnit) -> Iterator[Match]:
        """Mobile numbers (French, or British written +44). Candidates are found by a pattern and
        each is checked by phonenumbers: its matcher over a whole text cost a tenth of the scan."""
        text = unit.text
        for cand in _MOBILE_CANDIDATE.finditer(text):
            start, end = cand.span()
            if (start and (text[start - 1].isdigit() or text[start - 1] == "+")) or unit.in_boilerplate(start):
                continue
            try:
                number = phonenumbers.parse(cand.group(0), "FR")
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(number) or \
                    phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
                continue  # fixed lines are mostly switchboards and offices
            window = text[max(0, start - 200):end + 60]
            personal = re.search(r"(?i)perso|portable|mobile|priv[ée]|domicile|home|cell|joindre|t[ée]l[ée]phone de",
                                 window)
            named = _PERSON_HINT.search(window) or unit.persons.near(start, 200)
            score = 0.7 if personal and named else 0.45
            yield Match(C.PERSONAL_DATA, start, end, score, "mobile phone number", start, end, label="personal phone")

    def _table(self, unit: TextUnit) -> Iterator[Match]:
        rows = unit.rows
        if len(rows) < 3:
            return
        header = " ".join(rows[0])
        hints = set(m.group(0).lower() for m in _COLUMN_HINTS.finditer(header))
        people_rows = [r for r in rows[1:] if sum(1 for c in r if c.strip()) >= 2]
        if len(hints) >= 2 and len(people_rows) >= 2:
            yield Match(C.PERSONAL_DATA, 0, min(len(unit.text), 160), 0.9,
                        f"table of {len(people_rows)} people (columns: {', '.join(sorted(hints))[:120]})",
                        label="list of people", severity="high", count=len(people_rows))
