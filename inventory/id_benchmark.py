"""Identity-document recognition on a folder of images: ``mailbox-inventory id-benchmark DIR``.

Each image is given to the same OCR and identity detector a scan uses, under a neutral file
name (``scan_0001.jpg``) so the name cannot help. Printed per image: detected or not, document
kind, whether a machine-readable zone was read with valid ICAO 9303 check digits, seconds; then
the share detected, the share of valid MRZs and the median time per image.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp")


@dataclass(frozen=True)
class ImageResult:
    name: str
    detected: bool
    kind: str
    mrz_valid: bool
    seconds: float
    note: str


def check_image(path: Path, index: int) -> ImageResult:
    from detectors.identity_doc import IdentityDocument
    from detectors.unit import MessageContext, TextUnit

    from .errors import ExtractionError
    from .extract.images import ocr_image
    from .extract.limits import Limits

    data = path.read_bytes()
    neutral = f"scan_{index:04d}{path.suffix.lower()}"
    start = time.perf_counter()
    try:
        text = ocr_image(data, Limits())
    except ExtractionError as exc:
        return ImageResult(path.name, False, "", False, time.perf_counter() - start, str(exc))
    unit = TextUnit(text=text, location=f"attachment:{neutral}", kind="attachment", filename=neutral,
                    content_type="image", context=MessageContext(), ocr=True)
    matches = [m for m in IdentityDocument().run(unit) if m.score >= 0.5]
    seconds = time.perf_counter() - start
    best = max(matches, key=lambda m: m.score, default=None)
    mrz_valid = any("MRZ" in m.reason and m.score >= 0.99 for m in matches)  # valid check digits score 0.99
    return ImageResult(path.name, best is not None, best.label if best else "", mrz_valid, seconds,
                       best.reason[:90] if best else "")


def run(folder: str, log=print) -> list[ImageResult]:
    paths = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
    results = []
    for i, p in enumerate(paths, start=1):
        r = check_image(p, i)
        log(f"{r.name:28} {'yes' if r.detected else 'NO ':3} {r.kind:22} MRZ {'valid' if r.mrz_valid else '-':5} "
            f"{r.seconds:5.2f} s  {r.note}")
        results.append(r)
    return results


def summary(results: list[ImageResult]) -> str:
    if not results:
        return "no image found"
    n = len(results)
    det = sum(r.detected for r in results)
    mrz = sum(r.mrz_valid for r in results)
    med = statistics.median(r.seconds for r in results)
    return (f"{n} images: {det} detected as identity documents ({100 * det / n:.0f} %), "
            f"{mrz} MRZ read with valid check digits ({100 * mrz / n:.0f} %), median {med:.2f} s per image, "
            f"max {max(r.seconds for r in results):.2f} s")
