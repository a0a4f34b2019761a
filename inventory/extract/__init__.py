"""Attachments to text units: each reader knows one format; limits bound every one of them."""

from .dispatch import ExtractedText, Extraction, extract_attachment
from .limits import Limits

__all__ = ["ExtractedText", "Extraction", "Limits", "extract_attachment"]
