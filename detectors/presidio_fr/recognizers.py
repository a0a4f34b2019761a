"""Presidio recognizers for French identifiers (and IBAN / payment cards, validated), built from
the rules of :mod:`.rules` so that Presidio and the scanner apply exactly the same patterns."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from . import rules as R


class _RuleRecognizer(PatternRecognizer):
    RULE: R.Rule

    def __init__(self, supported_language: str = "fr") -> None:
        rule = self.RULE
        super().__init__(rule.entity, patterns=[Pattern(n, rx, s) for n, rx, s in rule.patterns],
                         context=list(rule.context), supported_language=supported_language, name=rule.name)

    def validate_result(self, pattern_text: str) -> bool | None:
        return self.RULE.validate(pattern_text) if self.RULE.validate else None


class FrNirRecognizer(_RuleRecognizer):
    __doc__ = R.NIR.doc
    RULE = R.NIR


class FrSpiRecognizer(_RuleRecognizer):
    __doc__ = R.SPI.doc
    RULE = R.SPI


class IbanFrRecognizer(_RuleRecognizer):
    __doc__ = R.IBAN.doc
    RULE = R.IBAN


class CardNumberRecognizer(_RuleRecognizer):
    __doc__ = R.CARD.doc
    RULE = R.CARD


class FrIneRecognizer(_RuleRecognizer):
    __doc__ = R.INE.doc
    RULE = R.INE


class FrPassportRecognizer(_RuleRecognizer):
    __doc__ = R.PASSPORT.doc
    RULE = R.PASSPORT


class FrCniRecognizer(_RuleRecognizer):
    __doc__ = R.CNI.doc
    RULE = R.CNI


class FrSirenRecognizer(_RuleRecognizer):
    __doc__ = R.COMPANY.doc
    RULE = R.COMPANY


class FrTvaRecognizer(_RuleRecognizer):
    __doc__ = R.VAT.doc
    RULE = R.VAT


class FrRibRecognizer(_RuleRecognizer):
    __doc__ = R.RIB.doc
    RULE = R.RIB


class FrDrivingLicenceRecognizer(_RuleRecognizer):
    __doc__ = R.DRIVING.doc
    RULE = R.DRIVING


def all_recognizers(language: str = "fr") -> list[PatternRecognizer]:
    return [cls(language) for cls in (FrNirRecognizer, FrSpiRecognizer, IbanFrRecognizer, CardNumberRecognizer,
                                      FrIneRecognizer, FrPassportRecognizer, FrCniRecognizer, FrSirenRecognizer,
                                      FrTvaRecognizer, FrRibRecognizer, FrDrivingLicenceRecognizer)]
