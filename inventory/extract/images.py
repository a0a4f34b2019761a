"""OCR of images that may be documents, with Tesseract (through pytesseract).

Images that cannot be documents (logos, signature images, tracking pixels) never reach
Tesseract. A sideways or upside-down scan is retried rotated when the first pass reads little.
A machine-readable-zone band is re-read with a character whitelist, as MRZ fillers (``<``)
are otherwise misread as ``K`` or ``s``.
"""

from __future__ import annotations

import io
import re
import shutil
from functools import lru_cache

from ..errors import ExtractionError
from .limits import Limits

MIN_BYTES = 8 * 1024
MIN_SIDE = 300
OCR_TIMEOUT = 20
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")


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
    scale = 1800 / max(w, h)
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
    text = _tess(gray)
    if len(_WORD.findall(text)) < 8:
        best = text
        for angle in (90, 270, 180):
            t = _tess(gray.rotate(angle, expand=True))
            if len(_WORD.findall(t)) > len(_WORD.findall(best)):
                best = t
                gray = gray.rotate(angle, expand=True)
            if len(_WORD.findall(best)) >= 8:
                break
        text = best
    if "<<" in text or re.search(r"[A-Z0-9]{2,}[<K]{3,}", text):
        w, h = gray.size
        band = gray.crop((0, int(h * 0.55), w, h))
        mrz = _tess(band, "--psm 6 -c tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
        text = text + "\n[MRZ]\n" + mrz
    return text
