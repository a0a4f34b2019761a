"""Local sources: a Maildir tree, an mbox file, a folder tree of ``.eml`` files.

They are read-only by construction: files are opened for reading and nothing is renamed (a
Maildir message in ``new/`` stays there; the stdlib ``mailbox`` module is not used for that
reason).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UsageError
from ..model import RawMessage
from .base import FolderInfo, Source, stable_uid


def _mutf7_decode(name: str) -> str:
    if "&" not in name:
        return name
    try:
        from imapclient.imap_utf7 import decode

        return decode(name.encode("ascii"))
    except (ValueError, UnicodeError):
        return name


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _read(path: Path, account: str, folder: str, uid: int, flags: tuple[str, ...] = ()) -> RawMessage:
    data = path.read_bytes()
    st = path.stat()
    return RawMessage(account=account, folder=folder, uid=uid, uidvalidity=1, data=data, flags=flags,
                      internal_date=datetime.fromtimestamp(st.st_mtime, UTC), size=len(data))


class MaildirSource(Source):
    """A Maildir (Maildir++ ``.Sub.Folder`` names or nested ``Sub/Folder`` directories)."""

    kind = "maildir"

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).expanduser().resolve()
        self.account = f"maildir:{self.root}"
        self.description = f"Maildir {self.root} (read-only, local)"
        self._dirs: dict[str, Path] = {}
        for dirpath, dirnames, _files in os.walk(self.root):
            d = Path(dirpath)
            if {"cur", "new"} <= set(dirnames):
                rel = d.relative_to(self.root)
                parts = [p for p in rel.parts]
                if not parts:
                    name = "INBOX"
                elif len(parts) == 1 and parts[0].startswith("."):
                    name = "/".join(_mutf7_decode(p) for p in parts[0][1:].split("."))
                else:
                    name = "/".join(_mutf7_decode(p.lstrip(".")) for p in parts)
                self._dirs[_nfc(name)] = d
            dirnames[:] = [n for n in dirnames if n not in ("cur", "new", "tmp")]
        if not self._dirs:
            raise UsageError(f"{self.root} holds no Maildir (no cur/ and new/ folders)")
        self._files: dict[str, dict[int, Path]] = {}

    def _index(self, folder: str) -> dict[int, Path]:
        if folder not in self._files:
            idx = {}
            for sub in ("cur", "new"):
                p = self._dirs[folder] / sub
                if p.is_dir():
                    for entry in os.scandir(p):
                        if entry.is_file() and not entry.name.startswith("."):
                            idx[stable_uid(entry.name.split(":2,")[0])] = Path(entry.path)
            self._files[folder] = idx
        return self._files[folder]

    def folders(self) -> list[FolderInfo]:
        return [FolderInfo(name, 1, len(self._index(name))) for name in sorted(self._dirs)]

    def uids(self, folder: FolderInfo) -> list[int]:
        return sorted(self._index(folder.name))

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        idx = self._index(folder.name)
        for uid in uids:
            path = idx.get(uid)
            if path is None or not path.exists():
                continue
            flags = tuple(path.name.split(":2,", 1)[1]) if ":2," in path.name else ()
            yield _read(path, self.account, folder.name, uid, flags)


def _is_message_file(name: str) -> bool:
    """``.eml`` files, and the numbered files of MH folders and of the Enron-style maildir (``1.``, ``42``)."""
    low = name.lower()
    return low.endswith(".eml") or name.rstrip(".").isdigit()


class EmlFolderSource(Source):
    """A folder tree of ``.eml`` (or MH-style numbered) files; sub-folders are folder names.

    Files at the root go to INBOX.
    """

    kind = "eml"
    what = "folder of .eml files"

    @staticmethod
    def accepts(name: str) -> bool:
        """Whether a file of the tree is a message (subclasses read other trees)."""
        return _is_message_file(name)

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).expanduser().resolve()
        self.account = f"{self.kind}:{self.root}"
        self.description = f"{self.what} {self.root} (read-only, local)"
        self._files: dict[str, dict[int, Path]] = {}
        for dirpath, _dirnames, files in os.walk(self.root):
            for f in files:
                if not self.accepts(f):
                    continue
                p = Path(dirpath) / f
                rel = p.relative_to(self.root)
                folder = _nfc("/".join(rel.parts[:-1])) or "INBOX"
                self._files.setdefault(folder, {})[stable_uid(_nfc(str(rel)))] = p
        if not self._files:
            raise UsageError(f"{self.root} holds no .eml file (nor MH-style numbered message files)"
                             if self.kind == "eml" else f"{self.root} holds no message file")

    def folders(self) -> list[FolderInfo]:
        return [FolderInfo(n, 1, len(v)) for n, v in sorted(self._files.items())]

    def uids(self, folder: FolderInfo) -> list[int]:
        return sorted(self._files[folder.name])

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        idx = self._files[folder.name]
        for uid in uids:
            if uid in idx:
                yield _read(idx[uid], self.account, folder.name, uid)


class MboxSource(Source):
    """An mbox file, split on ``From `` lines without loading the whole file in memory."""

    kind = "mbox"

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path).expanduser().resolve()
        self.account = f"mbox:{self.path}"
        self.description = f"mbox {self.path} (read-only, local)"
        self.folder = _nfc(self.path.stem) or "INBOX"
        self._offsets: list[tuple[int, int]] | None = None

    def _scan(self) -> list[tuple[int, int]]:
        if self._offsets is None:
            offsets, start, pos, prev_blank = [], None, 0, True
            with open(self.path, "rb") as fh:
                for line in fh:
                    if line.startswith(b"From ") and prev_blank:
                        if start is not None:
                            offsets.append((start, pos))
                        start = pos
                    prev_blank = line in (b"\n", b"\r\n")
                    pos += len(line)
            if start is not None:
                offsets.append((start, pos))
            if not offsets:
                raise UsageError(f"{self.path} is not an mbox file (no 'From ' separator line)")
            self._offsets = offsets
        return self._offsets

    def folders(self) -> list[FolderInfo]:
        return [FolderInfo(self.folder, 1, len(self._scan()))]

    def uids(self, folder: FolderInfo) -> list[int]:
        return list(range(1, len(self._scan()) + 1))

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        offsets = self._scan()
        with open(self.path, "rb") as fh:
            for uid in uids:
                a, b = offsets[uid - 1]
                fh.seek(a)
                data = fh.read(b - a)
                first_nl = data.find(b"\n")
                data = data[first_nl + 1:]  # drop the From_ line
                data = data.replace(b"\n>From ", b"\nFrom ")
                yield RawMessage(self.account, self.folder, uid, 1, data, size=len(data))
