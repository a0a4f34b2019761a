"""Typed errors raised by the detector package."""


class DetectorError(Exception):
    """Base class for detector package errors."""


class DetectorRegistrationError(DetectorError):
    """An entry point of the detector group does not name a usable detector."""


class LexiconError(DetectorError):
    """A lexicon file is missing, unreadable or not in the documented format."""
