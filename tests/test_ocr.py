"""OCR of identity documents on hand-made SPECIMEN images (ICAO 9303's fictitious Utopia passport):
upright, turned, tilted a little; and images that must never reach Tesseract."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from detectors.identity_doc import classify_document
from inventory.errors import ExtractionError
from inventory.extract import Limits
from inventory.extract.images import ocr_image

pytestmark = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")

# ICAO 9303 part 4's specimen: valid check digits, a fictitious state (UTO) and person
MRZ = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")


def _font(size: int):
    import matplotlib
    from PIL import ImageFont

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSansMono.ttf"
    return ImageFont.truetype(str(path), size)


def passport_page(angle: float = 0, mrz: bool = True) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (1250, 880), 255)
    d = ImageDraw.Draw(img)
    d.text((60, 40), "PASSPORT / PASSEPORT      SPECIMEN", font=_font(44), fill=0)
    fields = [("Type / Type", "P"), ("Surname / Nom", "ERIKSSON"), ("Given names / Prénoms", "ANNA MARIA"),
              ("Nationality / Nationalité", "UTOPIAN"), ("Date of birth / Date de naissance", "12 AUG/AOUT 74"),
              ("Sex / Sexe", "F"), ("Date of expiry / Date d'expiration", "15 APR/AVR 12")]
    for i, (label, value) in enumerate(fields):
        d.text((360, 130 + i * 62), label, font=_font(20), fill=0)
        d.text((360, 154 + i * 62), value, font=_font(28), fill=0)
    d.rectangle((60, 130, 320, 470), outline=0, width=3)
    if mrz:
        for i, line in enumerate(MRZ):
            d.text((40, 700 + i * 62), line, font=_font(40), fill=0)
    if angle:
        img = img.rotate(angle, expand=True, fillcolor=255)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("angle", [0, 90, 180, 3])
def test_passport_recognised_by_its_mrz_whatever_the_orientation(angle):
    text = ocr_image(passport_page(angle), Limits())
    kind, score, evidence = classify_document(text, "scan_0012.png", scanned=True)
    assert kind == "passport", text[:300]
    assert score >= 0.85 and "MRZ" in evidence[0]


def test_passport_page_without_mrz_recognised_by_its_headings():
    text = ocr_image(passport_page(mrz=False), Limits())
    kind, score, _ = classify_document(text, "scan_0013.png", scanned=True)
    assert kind == "passport" and score >= 0.5


def test_logo_never_reaches_tesseract(monkeypatch):
    from PIL import Image

    import inventory.extract.images as images

    monkeypatch.setattr(images, "_tess", lambda *a, **k: pytest.fail("Tesseract called on a logo"))
    buf = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(buf, format="PNG")
    with pytest.raises(ExtractionError) as err:
        ocr_image(buf.getvalue(), Limits())
    assert err.value.reason == "not a document image"


def test_text_that_is_not_a_document_is_not_classified():
    from PIL import Image, ImageDraw

    img = Image.new("L", (1200, 600), 255)
    d = ImageDraw.Draw(img)
    for i, line in enumerate(["Team lunch on Friday at noon.", "Please bring a dessert to share.",
                              "The room is booked until two o'clock.", "Thanks to everyone for coming!"]):
        d.text((60, 60 + i * 80), line, font=_font(40), fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    text = ocr_image(buf.getvalue(), Limits())
    assert "lunch" in text.lower()
    assert classify_document(text, "scan_0014.png", scanned=True)[0] == ""
