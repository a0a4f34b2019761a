"""Attachment extraction: archives read in memory, bombs and encryption reported, not scanned."""

import io
import zipfile

import py7zr

from inventory.errors import ExtractionError
from inventory.extract import Limits, extract_attachment
from inventory.extract.archives import iter_7z


def test_7z_members_are_read_in_memory():
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr("identifiants : jdupont / Soleil2024", "acces/notes.txt")
    assert list(iter_7z(buf.getvalue(), Limits())) == [("acces/notes.txt", b"identifiants : jdupont / Soleil2024")]


def test_7z_corrupt_is_an_extraction_error():
    try:
        list(iter_7z(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40, Limits()))
    except ExtractionError as exc:
        assert "7z" in str(exc) or "corrupt" in str(exc)
    else:
        raise AssertionError("a corrupt 7z must raise ExtractionError")


def test_zip_bomb_is_cut_off():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"0" * (60 * 1024 * 1024))
    ex = extract_attachment(buf.getvalue(), "bomb.zip", "application/zip", Limits())
    assert any("bomb" in (r["reason"] or "") for r in ex.files), ex.files


def test_same_attachment_is_read_once_per_process(monkeypatch):
    from inventory.extract import Limits, dispatch, documents

    calls = []
    real = documents.read_document

    def counting(*args, **kw):
        calls.append(args[0])
        return real(*args, **kw)

    monkeypatch.setattr(documents, "read_document", counting)
    data = b"Nom;Prenom\nDURAND;Alice\nLEROY;Hugo\n" + b"x" * 17  # unique bytes for this test
    for _ in range(3):
        out = dispatch.extract_attachment(data, "liste.csv", "text/csv", Limits())
        assert "DURAND" in out.texts[0].text
    assert len(calls) == 1


def test_a_photo_whose_bytes_are_text_is_read_as_text():
    """Names and declared types lie: an "IMG_0412.jpg" that holds text is read as the text it is,
    and real binary data stays unread."""
    text = b"SPECIMEN\nP<FRAMARTIN<<CLAIRE<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
    out = extract_attachment(text, "IMG_0412.jpg", "image/jpeg", Limits())
    assert [t.text for t in out.texts] == [text.decode()]
    assert out.files[0]["type"] == "text"
    binary = bytes(range(256)) * 8
    out = extract_attachment(binary, "blob.bin", "application/octet-stream", Limits())
    assert out.texts == [] and out.files[0]["type"] == "unknown"


def test_a_french_csv_with_decimal_commas_keeps_its_columns():
    from inventory.extract import Limits
    from inventory.extract.documents import _csv

    data = "Nom;Prénom;ETP;Brut mensuel\nMARTIN;Léa;0,8;2460\nDURAND;Paul;1;1985\n# brouillon\n".encode()
    _text, rows, _ = _csv(data, Limits())
    assert rows[1] == ("MARTIN", "Léa", "0,8", "2460")
