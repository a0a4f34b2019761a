"""Interpreter self-check: does this Python carry the standard-library security fixes?

Some 3.11 builds (pyenv 3.11.7 among them) lack the fixes for CVE-2023-27043 (``getaddresses``
accepting malformed addresses) and CVE-2024-0450 (overlapping zip entries). The tool does not
rely on either: addresses are re-parsed by its own strict pattern and zips are checked for
overlaps, sizes and ratios before reading. The check still runs at start, is written in the Run
sheet, warns by default and refuses with ``--strict-interpreter``, so an audit can insist on a
patched interpreter. It looks at what the interpreter does, not at who built it: a Debian
package, python.org's installers, Homebrew, pyenv or the Windows Store build are judged alike.
"""

from __future__ import annotations

import email.utils
import inspect
import sys
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class InterpreterCheck:
    version: str
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing

    def line(self) -> str:
        if self.ok:
            return f"Python {self.version}: CVE-2023-27043 and CVE-2024-0450 fixes present"
        return (f"Python {self.version}: missing {', '.join(self.missing)} (the tool's own address and zip "
                "guards are used; prefer a patched interpreter)")


def _has_strict_getaddresses() -> bool:
    return "strict" in inspect.signature(email.utils.getaddresses).parameters


def _refuses_overlapping_zip() -> bool:
    """The fix (gh-109858) makes ``ZipFile.open`` raise "Overlapped entries"; a probe zip built
    here would trip the older name-mismatch check first and prove nothing, so the source is read."""
    try:
        return "Overlapped entries" in inspect.getsource(zipfile)
    except (OSError, TypeError):
        # builds shipped without the standard library's source (embedded, frozen): the release decides
        fixed_in = {(3, 11): 8, (3, 12): 2}
        v = sys.version_info
        return v >= (3, 13) or v.micro >= fixed_in.get((v.major, v.minor), 1 << 30)


def check_interpreter() -> InterpreterCheck:
    missing = []
    if not _has_strict_getaddresses():
        missing.append("CVE-2023-27043 (email.utils.getaddresses strict mode)")
    if not _refuses_overlapping_zip():
        missing.append("CVE-2024-0450 (zipfile overlapping entries)")
    return InterpreterCheck(sys.version.split()[0], tuple(missing))
