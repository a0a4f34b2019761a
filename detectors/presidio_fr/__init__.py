"""A French identifier pack for Presidio: recognizers written as ``PatternRecognizer``
subclasses so they can be contributed upstream, each validated with python-stdnum where a
checksum exists. A failed checksum is not a finding (``validate_result`` returns False).

Importing this package configures tldextract offline first: Presidio's e-mail recognizer would
otherwise fetch the Public Suffix List from the Internet on first use.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from .recognizers import (  # noqa: E402
    CardNumberRecognizer,
    FrCniRecognizer,
    FrIneRecognizer,
    FrNirRecognizer,
    FrPassportRecognizer,
    FrSpiRecognizer,
    IbanFrRecognizer,
    all_recognizers,
)

__all__ = [
    "CardNumberRecognizer", "FrCniRecognizer", "FrIneRecognizer", "FrNirRecognizer", "FrPassportRecognizer",
    "FrSpiRecognizer", "IbanFrRecognizer", "all_recognizers",
]
