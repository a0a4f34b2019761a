"""A French identifier pack for Presidio: recognizers written as ``PatternRecognizer``
subclasses so they can be contributed upstream, each validated with python-stdnum where a
checksum exists. A failed checksum is not a finding (``validate_result`` returns False).

The rules themselves live in :mod:`.rules` (no Presidio import); the recognizer classes are
loaded on first access, so the scanner, which runs the rules directly, never loads Presidio.

Importing this package configures tldextract offline first: Presidio's e-mail recognizer would
otherwise fetch the Public Suffix List from the Internet on first use.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

_NAMES = ("CardNumberRecognizer", "FrCniRecognizer", "FrIneRecognizer", "FrNirRecognizer", "FrPassportRecognizer",
          "FrSpiRecognizer", "IbanFrRecognizer", "FrSirenRecognizer", "FrTvaRecognizer", "FrRibRecognizer",
          "FrDrivingLicenceRecognizer", "all_recognizers")


def __getattr__(name: str):
    if name in _NAMES:
        from . import recognizers

        return getattr(recognizers, name)
    raise AttributeError(name)


__all__ = list(_NAMES)
