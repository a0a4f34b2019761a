"""OCR of images that may be documents, with Tesseract (through pytesseract).

Images that cannot be documents (logos, signature images, tracking pixels) never reach
Tesseract. A sideways or upside-down scan is retried rotated when the first pass reads little.
A machine-readable-zone band is re-read with a character whitelist, as MRZ fillers (``<``)
are otherwise misread as ``K`` or ``s``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from functools import lru_cache

from ..errors import ExtractionError
from .limits import Limits

MIN_BYTES = 4 * 1024
MIN_SIDE = 150  # a card photographed small (280x180) is still readable once upscaled
OCR_TIMEOUT = 20
WORK_SIDE = 1400  # longest side given to Tesseract: enough for a page of a document, twice faster than 2000
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
_MRZ_CONFIG = "--psm 6 -c tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Tesseract's OpenMP threads fight the scan's own worker processes on a 2-core machine
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@lru_cache(maxsize=1)
def ocr_status() -> tuple[bool, str]:
    """Whether OCR can run here, and why not when it cannot (shown in the run sheet)."""
    if not shutil.which("tesseract"):
        return False, "tesseract not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-fra)"
    try:
        import pytesseract

        langs = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - report, never fail the scan
        return False, f"tesseract unusable: {exc}"
    missing = {"fra", "eng"} - langs
    if missing:
        return True, f"tesseract without language data {sorted(missing)}"
    return True, "tesseract with fra+eng"


def _langs() -> str:
    import pytesseract

    have = set(pytesseract.get_languages(config=""))
    return "+".join(lang for lang in ("fra", "eng") if lang in have) or "eng"


def load_image(data: bytes, limits: Limits):
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        img = Image.open(io.BytesIO(data))
        w, h = img.size
        if w * h > limits.max_pixels:
            raise ExtractionError("image too large", f"{w}x{h} pixels")
        img.load()
    except Image.DecompressionBombError as exc:
        raise ExtractionError("possible decompression bomb", str(exc)[:120]) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ExtractionError("corrupt image", str(exc)[:120]) from exc
    img = ImageOps.exif_transpose(img)
    return img


def could_be_document(data: bytes, img) -> tuple[bool, str]:
    w, h = img.size
    if len(data) < MIN_BYTES:
        return False, f"{len(data)} bytes: too small to be a document scan"
    if min(w, h) < MIN_SIDE:
        return False, f"{w}x{h}: too small to be a document scan"
    if max(w, h) / max(min(w, h), 1) > 4:
        return False, f"{w}x{h}: banner-shaped, not a document"
    return True, ""


def _prepare(img):
    from PIL import Image

    gray = img.convert("L")
    w, h = gray.size
    scale = WORK_SIDE / max(w, h)
    if scale < 1 or max(w, h) < 1000:
        gray = gray.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.LANCZOS)
    return gray


def _tess(img, config: str = "--psm 3") -> str:
    import pytesseract

    try:
        return pytesseract.image_to_string(img, lang=_langs(), config=config, timeout=OCR_TIMEOUT)
    except RuntimeError as exc:  # pytesseract's timeout
        raise ExtractionError("OCR timed out", str(exc)[:80]) from exc
    except pytesseract.TesseractError as exc:
        raise ExtractionError("OCR failed", str(exc)[:120]) from exc


def ocr_image(data: bytes, limits: Limits) -> str:
    """Text of an image, or raise ExtractionError saying why it was skipped."""
    if not limits.ocr:
        raise ExtractionError("OCR off", "")
    ok, why = ocr_status()
    if not ok:
        raise ExtractionError("OCR unavailable", why)
    img = load_image(data, limits)
    keep, why = could_be_document(data, img)
    if not keep:
        raise ExtractionError("not a document image", why)
    gray = _prepare(img)
    full = img.convert("L")
    # An identity document's machine-readable zone sits at the bottom: read that band first with
    # a whitelist; valid check digits settle the question in a fraction of a full-page OCR.
    mrz, band_text = _mrz_band(full)
    if mrz:
        return "[MRZ]\n" + mrz
    text = _tess(gray)
    if len(_WORD.findall(text)) < 8:
        best, best_img = text, gray
        for angle in (90, 270, 180):
            turned = gray.rotate(angle, expand=True)
            mrz, _ = _mrz_band(full.rotate(angle, expand=True))
            if mrz:
                return "[MRZ]\n" + mrz
            t = _tess(turned)
            if len(_WORD.findall(t)) > len(_WORD.findall(best)):
                best, best_img = t, turned
            if len(_WORD.findall(best)) >= 8:
                break
        text, gray = best, best_img
    if band_text.count("<") >= 8:
        text = text + "\n[MRZ]\n" + band_text  # MRZ-shaped even if its check digits were misread
    return text


def _mrz_band(gray) -> tuple[str, str]:
    """OCR of the bottom of the image with the MRZ alphabet, the band scaled to a width where
    MRZ characters are large enough. Returns (text if it holds a valid MRZ else '', band text)."""
    from PIL import Image

    from detectors.mrz import find_mrz

    w, h = gray.size
    band = gray.crop((0, int(h * 0.6), w, h))
    scale = 1600 / w
    if abs(scale - 1) > 0.1:
        band = band.resize((1600, max(1, int(band.size[1] * scale))), Image.LANCZOS)
    text = _tess(band, _MRZ_CONFIG)
    if text.count("<") < 8:
        return "", text
    found = find_mrz(text)
    return (text if found and found.valid else ""), text
