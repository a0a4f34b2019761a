"""Outlook ``.pst`` / ``.ost`` files, unpacked by ``readpst`` (libpst) into a private temporary folder.

No maintained pure-Python PST reader exists; libpst's ``readpst`` is packaged by Debian
(``pst-utils``), Homebrew (``libpst``) and MSYS2. It writes one ``.eml`` per message (``-e``), in
the PST's folder tree, deleted items still in the file included (``-D``: someone holding the
file can recover them too). The folder is created for this user only (``mkdtemp``) and removed
when the source is closed, or at exit if the scan stops early; it holds the mail in clear for the
length of the scan, as the PST itself does.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from ..errors import UsageError
from ..install_hints import hint
from .base import FolderInfo
from .message_files import MessageFilesSource

log = logging.getLogger(__name__)


def readpst_path() -> str | None:
    return shutil.which("readpst")


class PstSource(MessageFilesSource):
    """A ``.pst``/``.ost`` read through ``readpst``; messages come from the unpacked ``.eml`` files."""

    kind = "pst"
    allow_empty = True

    def __init__(self, path: str | os.PathLike, *, timeout: float | None = None) -> None:
        self.pst = Path(path).expanduser().resolve()
        self.readpst = readpst_path()
        if self.readpst is None:
            raise UsageError(f"{self.pst.name} is an Outlook data file: reading it needs readpst (libpst), "
                             f"not found on this machine. Install it ({hint('readpst')}) and run again, or "
                             "export the messages from Outlook (drag them to a folder: .msg files).")
        self.timeout = timeout
        self.workdir: Path | None = None
        self.other_items: Counter[str] = Counter()
        self._unpacked = False
        # nothing is unpacked yet: the folder exists only between folders() and close()
        self.root = self.pst
        self.account = f"pst:{self.pst}"
        self.description = f"Outlook data file {self.pst} (read-only, unpacked by readpst to a private temporary folder)"
        self.unreadable = []
        self._items = {}

    def _unpack(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="mailbox-inventory-pst-"))
        atexit.register(_remove, self.workdir)
        cmd = [self.readpst, "-q", "-e", "-D", "-b", "-8", "-o", str(self.workdir), str(self.pst)]
        try:
            out = subprocess.run(cmd, capture_output=True, timeout=self.timeout, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.close()
            raise UsageError(f"readpst could not read {self.pst.name}: {type(exc).__name__}") from None
        if out.returncode != 0:
            self.close()
            why = out.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"readpst could not read {self.pst.name} (exit {out.returncode}): "
                             f"{why[-1][:200] if why else 'no message'}")
        self.root = self.workdir
        self._collect()
        for _d, _s, files in os.walk(self.workdir):
            for f in files:
                ext = os.path.splitext(f)[1].lower()
                if ext != ".eml":
                    self.other_items[{".vcf": "contacts", ".ics": "calendar items"}.get(ext, f"{ext or 'other'} items")] += 1
        if self.other_items:
            log.warning("%s: %s not scanned (only mail is)", self.pst.name,
                        ", ".join(f"{n} {k}" for k, n in sorted(self.other_items.items())))
        if not self._items:
            log.warning("%s holds no mail message", self.pst.name)
        self._unpacked = True

    def folders(self) -> list[FolderInfo]:
        if not self._unpacked:
            self._unpack()
        return super().folders()

    def close(self) -> None:
        if self.workdir is not None:
            _remove(self.workdir)
            self.workdir = None


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
