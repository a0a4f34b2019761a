"""A line for the run sheet saying whether OCR ran, and why not."""

from __future__ import annotations


def ocr_line(enabled: bool) -> str:
    if not enabled:
        return "off (--no-ocr)"
    from .extract.images import ocr_status

    ok, why = ocr_status()
    return f"on ({why})" if ok else f"off: {why}"
