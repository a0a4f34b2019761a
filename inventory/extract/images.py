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
from functools import cache, lru_cache

from detectors.identity_doc import classify_document, mrz_shaped

from ..errors import ExtractionError
from .limits import Limits

MIN_BYTES = 4 * 1024
MIN_SIDE = 150  # a card photographed small (280x180) is still readable once upscaled
OCR_TIMEOUT = 20
MRZ_ATTEMPTS = ((1100, 6), (800, 6))  # (band width, Tesseract page segmentation mode)
SKEWS = (-3, 3, -15, 15)  # degrees tried on a page that hints at a document
WORK_SIDE = 1400  # longest side given to Tesseract: enough for a page of a document, twice faster than 2000
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
_MRZ_CONFIG = "-c tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Tesseract's OpenMP threads fight the scan's own worker processes on a 2-core machine
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@lru_cache(maxsize=1)
def ocr_status() -> tuple[bool, str]:
    """Whether OCR can run here, and why not when it cannot (shown in the run sheet)."""
    from ..install_hints import find_tesseract, hint

    found = find_tesseract()
    if not found:
        return False, f"tesseract not installed ({hint('tesseract')})"
    try:
        import pytesseract

        pytesseract.pytesseract.tesseract_cmd = found
        langs = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - report, never fail the scan
        return False, f"tesseract unusable: {exc}"
    missing = {"fra", "eng"} - langs
    if missing:
        return True, f"tesseract without language data {sorted(missing)} ({hint('tesseract-langs')})"
    return True, "tesseract with fra+eng"


@cache
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


def _tess(img, config: str = "--psm 3", lang: str | None = None) -> str:
    import pytesseract

    try:
        return pytesseract.image_to_string(img, lang=lang or _langs(), config=config, timeout=OCR_TIMEOUT)
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
    full = img.convert("L")
    # An identity document's machine-readable zone sits at the bottom: read that band first with
    # the MRZ alphabet; valid check digits, or two lines of MRZ shape, settle the question in a
    # fraction of the time of a full-page OCR.
    mrz, band_text = _mrz_band(full)
    if mrz:
        return "[MRZ]\n" + mrz
    if mrz_shaped(band_text):
        return "[MRZ]\n" + band_text  # an identity document even if some check digits were misread
    gray = _prepare(full)
    text = _tess(gray)
    angle = None  # Tesseract's orientation detection, run at most once per image
    if len(_WORD.findall(text)) < 8:
        angle = _rotation(gray)  # a scan turned by 90, 180 or 270 degrees: Tesseract's OSD says how much
        if angle:
            full, gray = full.rotate(-angle, expand=True), gray.rotate(-angle, expand=True)
            mrz, band_text = _mrz_band(full)
            if mrz or mrz_shaped(band_text):
                return "[MRZ]\n" + (mrz or band_text)
            text = _tess(gray)
    if band_text.count("<") >= 8:
        text = text + "\n[MRZ]\n" + band_text  # MRZ-like characters, for the document classifier
    kind = classify_document(text, scanned=True)[0]
    if (not kind and _looks_like_a_document(text, band_text)) or kind in _MRZ_DOCUMENTS:
        # Last tries on the MRZ band, for a document not recognised or recognised without its MRZ:
        # read line by line (psm 4: a line may be lost in a tinted background), turned as OSD says
        # (Tesseract sometimes reads a turned page well enough to skip OSD above), then a half or
        # quarter turn when OSD is unsure, and tilted both ways (a document photographed askew).
        # Only where the page hints at a document: a photograph does not pay for this.
        osd = [-_rotation(gray)] if angle is None else []
        # a document already recognised by its headings only gets the cheap tries (a slight tilt)
        more = list(SKEWS[:2]) if kind else ([180, 90, 270] if not angle else []) + list(SKEWS)
        turns = [t for t in dict.fromkeys(osd + more) if t]
        for turn, attempts in [(0, ((1100, 4),))] + [(t, None) for t in turns]:
            turned = full.rotate(turn, expand=True, fillcolor=255) if turn else full
            mrz, band = _mrz_band(turned, attempts)
            if mrz or mrz_shaped(band):
                return "[MRZ]\n" + (mrz or band) + ("\n" + text if kind else "")
    return text


_MRZ_DOCUMENTS = ("passport", "national_id_card", "residence_permit", "visa")
_DOCUMENT_HINT = re.compile(r"(?i)pass(?:e)?port|pasaporte|identit|nationalit|surname|given name|date of birth|"
                            r"naissance|republi|kingdom|royaume|specimen|<<|>>>")  # >>> : chevrons upside down


def _looks_like_a_document(text: str, band_text: str) -> bool:
    return band_text.count("<") >= 3 or bool(_DOCUMENT_HINT.search(text))


def _rotation(gray) -> int:
    """Clockwise rotation of the page in degrees according to Tesseract's orientation detection (0 if unsure)."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(gray, config="--psm 0 -c min_characters_to_try=10", timeout=OCR_TIMEOUT)
    except (RuntimeError, pytesseract.TesseractError):
        return 0
    m = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not m or (conf and float(conf.group(1)) < 1.0):
        return 0
    return int(m.group(1)) % 360


def _mrz_band(gray, attempts=None) -> tuple[str, str]:
    """OCR of the bottom of the image with the MRZ alphabet (English model: the MRZ font is
    OCR-B, and one model loads faster than two). The band is read at two widths, because the
    width at which Tesseract reads OCR-B best varies with the scan (measured on specimen
    passports: 1,100 px then 800 px read more MRZs than one pass at 1,600 px, in less time).
    Returns (text if it holds a valid MRZ else '', the band text with the most MRZ characters)."""
    from PIL import Image

    from detectors.mrz import find_mrz

    w, h = gray.size
    crop = gray.crop((0, int(h * 0.55), w, h))
    best = ""
    for width, psm in attempts or MRZ_ATTEMPTS:
        band = crop.resize((width, max(1, int(crop.size[1] * width / w))), Image.LANCZOS)
        text = _tess(band, f"--psm {psm} " + _MRZ_CONFIG, lang="eng")
        if text.count("<") > best.count("<"):
            best = text
        if text.count("<") >= 8:
            found = find_mrz(text)
            if found and found.valid:
                return text, text
    return "", best
