"""Where optional tools live and how to install them, per operating system.

The tool runs without any of them; what each adds (OCR of scans, Outlook .pst files, a keyring
for the IMAP password) is said by ``mailbox-inventory doctor`` and in the one line a scan prints
when it has to do without.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def os_key() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


HINTS: dict[str, dict[str, str]] = {
    "tesseract": {
        "linux": "sudo apt install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng "
                 "(Fedora: sudo dnf install tesseract tesseract-langpack-fra)",
        "macos": "brew install tesseract tesseract-lang",
        "windows": "install Tesseract from https://github.com/UB-Mannheim/tesseract/wiki with the French language "
                   "data (it is found in C:\\Program Files\\Tesseract-OCR, or put it on PATH)",
    },
    "tesseract-langs": {
        "linux": "sudo apt install tesseract-ocr-fra tesseract-ocr-eng (Fedora: tesseract-langpack-fra)",
        "macos": "brew install tesseract-lang",
        "windows": "run the Tesseract installer again and tick French under 'Additional language data'",
    },
    "readpst": {
        "linux": "sudo apt install pst-utils (Fedora: sudo dnf install libpst)",
        "macos": "brew install libpst",
        "windows": "readpst is not packaged for Windows: use WSL (apt install pst-utils), or drag the messages "
                   "out of Outlook into a folder (.msg files) and scan that folder",
    },
    "keyring": {
        "linux": "a Secret Service keyring (GNOME Keyring or KWallet, running in your desktop session); "
                 "without one the password is asked at each run",
        "macos": "the macOS Keychain is used as is",
        "windows": "the Windows Credential Manager is used as is",
    },
}


def hint(tool: str) -> str:
    return HINTS[tool][os_key()]


def find_tesseract() -> str | None:
    """``tesseract`` on PATH, or where the usual installers put it when PATH does not say
    (the Windows installer does not add itself to PATH; a Mac app started from the Finder may not
    see Homebrew's folder)."""
    found = shutil.which("tesseract")
    if found:
        return found
    candidates = {
        "windows": [Path(os.environ.get(v, "")) / "Tesseract-OCR" / "tesseract.exe"
                    for v in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA") if os.environ.get(v)],
        "macos": [Path("/opt/homebrew/bin/tesseract"), Path("/usr/local/bin/tesseract")],
    }.get(os_key(), [])
    return next((str(p) for p in candidates if p.is_file()), None)
