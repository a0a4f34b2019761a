"""What the run says about OCR: a line for the run sheet, and the one line a scan prints when
Tesseract is missing, saying what is not read and how to get it read."""

from __future__ import annotations


def ocr_line(enabled: bool) -> str:
    if not enabled:
        return "off (--no-ocr)"
    from .extract.images import ocr_status

    ok, why = ocr_status()
    return f"on ({why})" if ok else f"off: {why}"


def ocr_warning() -> str | None:
    """None when OCR can run; otherwise what is lost and how to enable it (no traceback, no abort)."""
    from .extract.images import ocr_status
    from .install_hints import hint

    ok, why = ocr_status()
    if ok:
        return None
    return (f"OCR off ({why.split(' (')[0]}): text inside images and scanned PDFs is not read, so identity documents "
            f"and payslips sent as scans are recognised by file name only. To read them install Tesseract: "
            f"{hint('tesseract')}; or pass --no-ocr to scan without it.")
