"""Presidio recognizers for French identifiers (and IBAN / payment cards, validated)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum import iban, luhn
from stdnum.fr import nif, nir


def _digits(s: str) -> str:
    return re.sub(r"[\s.\-]", "", s)


class FrNirRecognizer(PatternRecognizer):
    """NIR (numéro de sécurité sociale): 13 digits + 2-digit key, Corsica 2A/2B, spaces allowed."""

    PATTERNS = [Pattern("NIR", r"(?<![\w])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])"
                        r"[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{2}(?![\w])", 0.5)]
    CONTEXT = ["sécurité sociale", "securite sociale", "nir", "insee", "n° ss", "numéro ss", "social security",
               "carte vitale", "immatriculation"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("FR_NIR", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="FrNirRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return nir.is_valid(_digits(pattern_text))


class FrSpiRecognizer(PatternRecognizer):
    """Numéro fiscal (SPI): 13 digits, first 0-3, key = first 10 digits mod 511."""

    PATTERNS = [Pattern("SPI", r"(?<![\w])[0-3]\d[\s]?\d{2}[\s]?\d{3}[\s]?\d{3}[\s]?\d{3}(?![\w])", 0.3)]
    CONTEXT = ["fiscal", "impôt", "impot", "spi", "avis d'imposition", "tax"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("FR_SPI", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="FrSpiRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return nif.is_valid(_digits(pattern_text))


class IbanFrRecognizer(PatternRecognizer):
    """IBAN (any country, French formatting with spaces), validated mod 97 by python-stdnum."""

    PATTERNS = [Pattern("IBAN", r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![\w])", 0.5)]
    CONTEXT = ["iban", "rib", "bic", "virement", "compte", "bank", "banque"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("IBAN_CODE", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="IbanFrRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return iban.is_valid(pattern_text.replace(" ", ""))


class CardNumberRecognizer(PatternRecognizer):
    """Payment card numbers (Visa, Mastercard, Amex, CB) passing Luhn; ORCID/ISBN shapes excluded."""

    PATTERNS = [Pattern("CARD", r"(?<![\w\-/])(?:4\d{3}|5[1-5]\d{2}|2[2-7]\d{2}|3[47]\d{2})(?:[ \-]?\d{4}){2}"
                        r"[ \-]?\d{1,4}(?:[ \-]?\d{3})?(?![\w\-/])", 0.5)]
    CONTEXT = ["carte", "card", "cb", "visa", "mastercard", "cvv", "cryptogramme", "expiration", "expiry"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("CREDIT_CARD", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="CardNumberRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        d = _digits(pattern_text)
        if not 13 <= len(d) <= 19 or d.startswith(("978", "979")):
            return False
        if re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", pattern_text):  # ORCID iD shape
            return False
        return luhn.is_valid(d)


class FrIneRecognizer(PatternRecognizer):
    """INE (identifiant national étudiant): 11 characters; no public checksum, so context is needed."""

    PATTERNS = [Pattern("INE", r"(?<![\w])(?:\d{9}[A-Z]{2}|\d{10}[A-Z]|[0-9A-Z]{10}\d)(?![\w])", 0.1)]
    CONTEXT = ["ine", "identifiant national", "numéro étudiant", "student number", "bea", "base élèves"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("FR_INE", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="FrIneRecognizer")


class FrPassportRecognizer(PatternRecognizer):
    """French passport number (2 digits, 2 letters, 5 digits) and other 8-9 character passport numbers."""

    PATTERNS = [Pattern("FR_PASSPORT", r"(?<![\w])\d{2}[A-Z]{2}\d{5}(?![\w])", 0.2),
                Pattern("PASSPORT", r"(?<![\w])[A-Z]{1,2}\d{6,8}(?![\w])", 0.05)]
    CONTEXT = ["passeport", "passport", "passport no", "n° de passeport"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("PASSPORT", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="FrPassportRecognizer")


class FrCniRecognizer(PatternRecognizer):
    """Carte nationale d'identité number: old 12 digits, new 9 alphanumerics; context required."""

    PATTERNS = [Pattern("CNI_OLD", r"(?<![\w])\d{12}(?![\w])", 0.05),
                Pattern("CNI_NEW", r"(?<![\w])[0-9A-Z]{9}(?![\w])", 0.01)]
    CONTEXT = ["carte d'identité", "carte nationale", "cni", "identity card", "id card"]

    def __init__(self, supported_language: str = "fr") -> None:
        super().__init__("FR_CNI", patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name="FrCniRecognizer")


def all_recognizers(language: str = "fr") -> list[PatternRecognizer]:
    return [FrNirRecognizer(language), FrSpiRecognizer(language), IbanFrRecognizer(language),
            CardNumberRecognizer(language), FrIneRecognizer(language), FrPassportRecognizer(language),
            FrCniRecognizer(language)]
