"""The fuzzing target: one input, parsed as a message and as each kind of attachment.

Used by the bounded property test in the suite (hypothesis) and by the long coverage-guided run
(``fuzz/fuzz_mail.py``, atheris). Anything but a normal return is a defect: hostile input must
end as a result (possibly an error row), never as an exception.
"""

from __future__ import annotations

from .analyze import MessageResult, Options, analyze
from .extract import Limits
from .extract.dispatch import Extraction, extract_attachment
from .model import RawMessage

ATTACHMENT_KINDS = (("a.zip", "application/zip"), ("a.pdf", "application/pdf"),
                    ("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                    ("a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    ("a.csv", "text/csv"), ("a.html", "text/html"), ("a.eml", "message/rfc822"),
                    ("a.7z", "application/x-7z-compressed"), ("a.odt", "application/vnd.oasis.opendocument.text"),
                    ("a.rtf", "application/rtf"), ("a.png", "image/png"))

_detectors = None
OPTIONS = Options(hmac_key=b"fuzz" * 8, limits=Limits(ocr=False))


def detectors():
    global _detectors
    if _detectors is None:
        from .pipeline_setup import detector_factory

        _detectors = detector_factory(())()
    return _detectors


def as_message(data: bytes) -> MessageResult:
    return analyze(RawMessage("fuzz", "INBOX", 1, 1, data, (), None, len(data)), detectors(), OPTIONS)


def as_attachment(data: bytes, kind: int) -> Extraction:
    name, ctype = ATTACHMENT_KINDS[kind % len(ATTACHMENT_KINDS)]
    return extract_attachment(data, name, ctype, OPTIONS.limits)
