"""The workbook, sheet by sheet, against golden text dumps (timestamps and paths left out).

A change to what the workbook shows makes these tests fail on purpose: look at the diff, and if
the new content is right, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_workbook.py``.
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE, make_message, write_eml_tree
from helpers import run_cli
from openpyxl import load_workbook

GOLDEN = Path(__file__).parent / "golden"
# rows of the Run sheet whose value depends on when and where the scan ran
VARYING = {"started", "finished", "seconds", "state file", "source", "options", "consent given", "detectors",
           "OCR", "account", "consent statement", "début", "fin", "secondes", "fichier d'état", "compte",
           "consentement donné", "détecteurs", "déclaration de consentement", "interpreter", "interpréteur"}


def _encrypted_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("prix.txt", date_time=(2024, 3, 4, 9, 0, 0)), "x")  # same bytes every run
    data = bytearray(buf.getvalue())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.find(sig) + off] |= 1  # the "encrypted" flag, enough for readers to refuse it
    return bytes(data)


STAGIAIRES = ("Nom;Prénom;Date de naissance;INE\n"
              "DURAND;Alice;03/05/2001;0123456789A\nLEROY;Hugo;17/11/2000;1234567890B\n"
              "MARTIN;Chloé;21/01/2002;2345678901C\n").encode()

MAILBOX = [
    *SAMPLE,
    ("INBOX", make_message("Offre chiffrée", "Ci-joint notre offre pour l'appel d'offres (lot 2).", msgid="<z@t>",
                           sender="Achats <achats@fournisseur-exemple.fr>",
                           attachments=[("offre.zip", "application/zip", _encrypted_zip())])),
    ("INBOX", make_message("RE: Offre chiffrée", "Le mot de passe de l'archive : Pq7!vLm2kR", msgid="<p@t>",
                           sender="Achats <achats@fournisseur-exemple.fr>")),
    ("Sent", make_message("Liste des stagiaires", "Voici la liste des stagiaires de cette année.",
                          msgid="<s@t>", sender="Jeanne Dupont <jeanne.dupont@univ-exemple.fr>",
                          to="RH <rh@univ-exemple.fr>, Paul Martin <paul.martin@univ-exemple.fr>",
                          attachments=[("stagiaires.csv", "text/csv", STAGIAIRES)])),
    ("INBOX", make_message("Absence", "Julie est en arrêt maladie jusqu'au 12 avril suite à une opération.",
                           msgid="<h@t>", sender="Sophie Bernard <sophie.bernard@univ-exemple.fr>")),
    ("INBOX", b"From: broken\r\nDate: Tue, 05 Mar 2024 10:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\nSubject: =?utf-8?b?###?=\r\n\r\n"
              b"--x\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
              b"JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK\r\n--x--\r\n"),
]


def dump(path: Path) -> str:
    """Every sheet as text: its layout (frozen panes, filter, colour scales, charts, pictures) and its cells."""
    wb = load_workbook(path)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    out = [f"charts: {sum(n.startswith('xl/charts/chart') for n in names)}, "
           f"pictures: {sum(n.startswith('xl/media/') for n in names)}"]
    for ws in wb.worksheets:
        out.append(f"## {ws.title}")
        rules = [str(r.sqref) for r in ws.conditional_formatting]
        out.append(f"freeze={ws.freeze_panes} filter={ws.auto_filter.ref} colour-scales={rules}")
        for row in ws.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if cells and cells[0] in VARYING:
                cells[1:] = ["<varies>"]
            if cells and cells[0].startswith("blocked network"):
                cells[1:] = [cells[1] if len(cells) > 1 else ""]
            out.append("\t".join(cells).rstrip())
    return "\n".join(out) + "\n"


def _workbook(tmp_path: Path, lang: str) -> Path:
    src = write_eml_tree(tmp_path / "eml", MAILBOX)
    r = run_cli("scan", str(src), "--out", str(tmp_path / "inv.xlsx"), "--state", str(tmp_path / "s.sqlite"),
                "--lang", lang, "--workers", "0", "--no-ocr", "-q")
    assert r.returncode == 0, r.stderr
    return tmp_path / "inv.xlsx"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workbook_matches_golden_dump(tmp_path, lang):
    got = dump(_workbook(tmp_path, lang))
    golden = GOLDEN / f"workbook_{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, "utf-8")
    want = golden.read_text("utf-8")
    assert got == want, "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now",
                                                       lineterm="", n=1))


def test_workbook_with_100000_findings(tmp_path):
    """Rows stream to disk (write-only sheets): a big inventory is written whole, in seconds."""
    from inventory.aggregate import load
    from inventory.report.workbook import write_workbook
    from inventory.store import Store

    store = Store(tmp_path / "s.sqlite")
    n_msg, per_msg = 5000, 20
    with store.db:
        store.db.executemany(
            "INSERT INTO messages (key, account, folder, uidvalidity, uid, message_id, date, subject, sender) "
            "VALUES (?, 'a', 'INBOX', 1, ?, ?, '2024-03-04T09:00:00', 's', 'x@univ-exemple.fr')",
            [(f"k{i}", i, f"<{i}@t>") for i in range(n_msg)])
        store.db.executemany(
            "INSERT INTO findings VALUES (?, 'personal_data', 'personal_data.identifiers', 'body', "
            "'...IBAN : FR76 **** ...', 0.95, 'high', 'IBAN (checksum valid)', 'IBAN', ?, 'FR76****', 1)",
            [(f"k{i % n_msg}", f"h{i}") for i in range(n_msg * per_msg)])
    inv = load(store.db)
    path = tmp_path / "big.xlsx"
    write_workbook(inv, str(path), [("k", "v")], lang="en")
    wb = load_workbook(path, read_only=True)
    assert sum(1 for _ in wb["Findings"].iter_rows(values_only=True)) == n_msg * per_msg + 1


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils are not installed")
def test_workbook_opens_in_libreoffice(tmp_path):
    """LibreOffice reads the file and prints every sheet: each sheet's header is in the PDF."""
    xlsx = _workbook(tmp_path, "fr")
    profile = tmp_path / "lo-profile"  # a throwaway profile: no first-start dialogs, no user settings
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(xlsx)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "inv.pdf"
    assert pdf.exists(), r.stdout + r.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    for heading in ("Inventaire des risques", "Extrait (masqué)", "Score de risque", "Empreinte SHA-256",
                    "Reçus de", "Intermédiarité", "Vue registre", "Raison", "lecture seule"):
        assert heading in text, heading
    assert "Tr0ub4dor" not in text and "Pq7!vLm2kR" not in text


def test_encrypted_workbook_opens_only_with_its_password(tmp_path):
    import msoffcrypto

    src = write_eml_tree(tmp_path / "eml", MAILBOX)
    out = tmp_path / "out"
    r = run_cli("scan", str(src), "--out", str(out / "inv.xlsx"), "--state", str(tmp_path / "s.sqlite"),
                "--encrypt", "--workers", "0", "--no-ocr", "-q",
                env={"MAILBOX_INVENTORY_WORKBOOK_PASSWORD": "c0rrect horse"})
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["inv.xlsx"]  # no clear copy beside it
    data = (out / "inv.xlsx").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an encrypted OLE container, not a readable zip
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    with pytest.raises(Exception):  # noqa: B017 - msoffcrypto raises its own InvalidKeyError
        office.load_key(password="wrong")
        office.decrypt(io.BytesIO())
    clear = io.BytesIO()
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password="c0rrect horse")
    office.decrypt(clear)
    assert load_workbook(clear).sheetnames[0] == "Synthèse"
