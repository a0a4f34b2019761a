"""The French identifier pack as plain data: patterns, context words and checksum validators.

The same rules serve twice: :mod:`.recognizers` wraps each one as a Presidio ``PatternRecognizer``
(for Presidio users and for contributing upstream), and the scanner runs them directly through
:func:`find`, which reproduces ``PatternRecognizer.analyze`` (same regex flags, a valid checksum
gives score 1.0, a failed one drops the match) without importing Presidio and spaCy in every
worker process (1.3 s each) or building Presidio's result objects for every match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import iban, luhn
from stdnum.fr import nif, nir, siren, siret, tva

# PatternRecognizer's default flags: a rule behaves the same inside and outside Presidio
FLAGS = re.DOTALL | re.MULTILINE | re.IGNORECASE


def _digits(s: str) -> str:
    return re.sub(r"[\s.\-]", "", s)


def valid_nir(text: str) -> bool:
    return nir.is_valid(_digits(text))


def valid_spi(text: str) -> bool:
    return nif.is_valid(_digits(text))


def valid_iban(text: str) -> bool:
    return iban.is_valid(text.replace(" ", ""))


def valid_card(text: str) -> bool:
    d = _digits(text)
    if not 13 <= len(d) <= 19 or d.startswith(("978", "979")):  # ISBN-13 shapes
        return False
    if re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", text):  # ORCID iD shape
        return False
    return luhn.is_valid(d)


def valid_company(text: str) -> bool:
    d = _digits(text)
    return siret.is_valid(d) if len(d) == 14 else siren.is_valid(d)


def valid_vat(text: str) -> bool:
    return tva.is_valid(re.sub(r"[\s.\-]", "", text).upper())


def valid_rib(text: str) -> bool:
    """RIB key: 97 - (89 x bank + 15 x branch + 3 x account) mod 97, letters of the account as digits."""
    parts = re.sub(r"[\s.\-]", " ", text).split()
    if len(parts) != 4:
        return False
    bank, branch, account, key = parts
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
    account = account.upper().translate(table)
    if not (bank.isdigit() and branch.isdigit() and account.isdigit() and key.isdigit()):
        return False
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97 == int(key)


@dataclass(frozen=True)
class Rule:
    entity: str
    name: str
    patterns: tuple[tuple[str, str, float], ...]  # (name, regex, score without validation)
    context: tuple[str, ...]
    validate: Callable[[str], bool] | None = None
    doc: str = ""

    @property
    def compiled(self) -> tuple[tuple[re.Pattern, float], ...]:
        return _compiled(self)


_CACHE: dict[str, tuple[tuple[re.Pattern, float], ...]] = {}


def _compiled(rule: Rule) -> tuple[tuple[re.Pattern, float], ...]:
    got = _CACHE.get(rule.name)
    if got is None:
        got = _CACHE[rule.name] = tuple((re.compile(rx, FLAGS), score) for _n, rx, score in rule.patterns)
    return got


def find(rule: Rule, text: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, score) of each match, as Presidio's PatternRecognizer would score it."""
    for rx, score in rule.compiled:
        for m in rx.finditer(text):
            if m.start() == m.end():
                continue
            if rule.validate is not None:
                if not rule.validate(m.group()):
                    continue
                score = 1.0
            yield m.start(), m.end(), score


NIR = Rule(
    "FR_NIR", "FrNirRecognizer",
    (("NIR", r"(?<![\w])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])"
             r"[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{2}(?![\w])", 0.5),),
    ("sécurité sociale", "securite sociale", "nir", "insee", "n° ss", "numéro ss", "social security", "carte vitale",
     "immatriculation"),
    valid_nir, "NIR (numéro de sécurité sociale): 13 digits + 2-digit key, Corsica 2A/2B, spaces allowed.")
SPI = Rule(
    "FR_SPI", "FrSpiRecognizer",
    (("SPI", r"(?<![\w])[0-3]\d[\s]?\d{2}[\s]?\d{3}[\s]?\d{3}[\s]?\d{3}(?![\w])", 0.3),),
    ("fiscal", "impôt", "impot", "spi", "avis d'imposition", "tax"),
    valid_spi, "Numéro fiscal (SPI): 13 digits, first 0-3, key = first 10 digits mod 511.")
IBAN = Rule(
    "IBAN_CODE", "IbanFrRecognizer",
    (("IBAN", r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![\w])", 0.5),),
    ("iban", "rib", "bic", "virement", "compte", "bank", "banque"),
    valid_iban, "IBAN (any country, French formatting with spaces), validated mod 97 by python-stdnum.")
CARD = Rule(
    "CREDIT_CARD", "CardNumberRecognizer",
    (("CARD", r"(?<![\w\-/])(?:4\d{3}|5[1-5]\d{2}|2[2-7]\d{2}|3[47]\d{2})(?:[ \-]?\d{4}){2}"
              r"[ \-]?\d{1,4}(?:[ \-]?\d{3})?(?![\w\-/])", 0.5),),
    ("carte", "card", "cb", "visa", "mastercard", "cvv", "cryptogramme", "expiration", "expiry"),
    valid_card, "Payment card numbers (Visa, Mastercard, Amex, CB) passing Luhn; ORCID/ISBN shapes excluded.")
INE = Rule(
    "FR_INE", "FrIneRecognizer",
    (("INE", r"(?<![\w])(?:\d{9}[A-Z]{2}|\d{10}[A-Z]|[0-9A-Z]{10}\d)(?![\w])", 0.1),),
    ("ine", "identifiant national", "numéro étudiant", "student number", "bea", "base élèves"),
    None, "INE (identifiant national étudiant): 11 characters; no public checksum, so context is needed.")
PASSPORT = Rule(
    "PASSPORT", "FrPassportRecognizer",
    (("FR_PASSPORT", r"(?<![\w])\d{2}[A-Z]{2}\d{5}(?![\w])", 0.2),
     ("PASSPORT", r"(?<![\w])[A-Z]{1,2}\d{6,8}(?![\w])", 0.05)),
    ("passeport", "passport", "passport no", "n° de passeport"),
    None, "French passport number (2 digits, 2 letters, 5 digits) and other 8-9 character passport numbers.")
CNI = Rule(
    "FR_CNI", "FrCniRecognizer",
    (("CNI_OLD", r"(?<![\w])\d{12}(?![\w])", 0.05), ("CNI_NEW", r"(?<![\w])[0-9A-Z]{9}(?![\w])", 0.01)),
    ("carte d'identité", "carte nationale", "cni", "identity card", "id card"),
    None, "Carte nationale d'identité number: old 12 digits, new 9 alphanumerics; context required.")

COMPANY = Rule(
    "FR_SIREN", "FrSirenRecognizer",
    (("SIRET", r"(?<![\w])\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}(?![\w])", 0.3),
     ("SIREN", r"(?<![\w])\d{3}[ .]?\d{3}[ .]?\d{3}(?![\w])", 0.1)),
    ("siren", "siret", "rcs", "société", "entreprise", "company"),
    valid_company, "SIREN (9 digits) and SIRET (14 digits), Luhn: a company, not a person (low severity).")
VAT = Rule(
    "FR_TVA", "FrTvaRecognizer",
    (("TVA", r"(?<![\w])FR[ ]?[0-9A-HJ-NP-Z]{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}(?![\w])", 0.4),),
    ("tva", "vat", "intracommunautaire"),
    valid_vat, "Numéro de TVA intracommunautaire (FR + key + SIREN): a company (low severity).")
RIB = Rule(
    "FR_RIB", "FrRibRecognizer",
    (("RIB", r"(?<![\w])\d{5}[ ]\d{5}[ ][0-9A-Z]{11}[ ]\d{2}(?![\w])", 0.3),),
    ("rib", "relevé d'identité bancaire", "code banque", "guichet", "clé rib"),
    valid_rib, "RIB (code banque, code guichet, numéro de compte, clé RIB) with a valid RIB key.")
DRIVING = Rule(
    "FR_DRIVING_LICENCE", "FrDrivingLicenceRecognizer",
    (("PERMIS_OLD", r"(?<![\w])\d{12}(?![\w])", 0.05), ("PERMIS_NEW", r"(?<![\w])\d{2}[A-Z]{2}\d{5}(?![\w])", 0.05)),
    ("permis de conduire", "driving licence", "driver's license", "n° de permis", "numéro de permis"),
    None, "Driving licence number (12 digits before 2013, 2 digits 2 letters 5 digits after); context required.")

RULES: tuple[Rule, ...] = (NIR, SPI, IBAN, CARD, INE, PASSPORT, CNI, COMPANY, VAT, RIB, DRIVING)
