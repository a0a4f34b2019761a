"""Thunderbird: a profile, its ``Mail``/``ImapMail`` folder, or one account's folder.

On disk a Thunderbird folder is an extension-less mbox file (``Inbox``), its sub-folders sit in a
``Inbox.sbd`` directory beside it, and ``Inbox.msf`` is the summary index, rebuilt by Thunderbird
and skipped here. Accounts are the directories of ``Mail/`` (local folders, POP) and ``ImapMail/``
(the offline copy of IMAP folders); ``prefs.js`` gives the names Thunderbird shows for them.
Folders kept in Thunderbird's optional "one file per message" store (a directory with ``cur/``)
are read too.

Folder names are given as Thunderbird shows them: ``Inbox/Projets/2024`` for
``Inbox.sbd/Projets.sbd/2024``, ``INBOX`` of an IMAP account as ``Inbox``, IMAP modified UTF-7
decoded, and the account's name in front when the path holds more than one account.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UsageError
from ..model import RawMessage
from .base import FolderInfo, Source, stable_uid
from .mbox_index import Entry, index_mbox, looks_like_mbox, read_entries

#: files of an account folder that are not mail folders
_NOT_FOLDERS = frozenset({".msf", ".dat", ".json", ".html", ".htm", ".sqlite", ".js", ".mab", ".log", ".bak",
                          ".tmp", ".txt", ".ini", ".xml", ".rdf", ".wdseml", ".lock"})
_MAIL_ROOTS = ("Mail", "ImapMail")
_PREF = re.compile(r'user_pref\("mail\.server\.([\w-]+)\.(name|directory-rel|directory)",\s*"((?:[^"\\]|\\.)*)"\);')


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _display(part: str, imap: bool) -> str:
    if part == "INBOX" or (imap and part.upper() == "INBOX"):
        return "Inbox"
    if "&" in part and "-" in part and part.isascii():  # older Thunderbird kept IMAP's modified UTF-7 on disk
        try:
            from imapclient.imap_utf7 import decode, encode

            decoded = decode(part.encode("ascii"))
            return decoded if encode(decoded) == part.encode("ascii") else part
        except (ValueError, UnicodeError):
            return part
    return part


def _is_account_dir(d: Path) -> bool:
    """A directory Thunderbird keeps one account's folders in: .msf indexes, .sbd sub-folders or
    its per-account files."""
    try:
        for e in os.scandir(d):
            if e.name.endswith((".msf", ".sbd")) or e.name in ("msgFilterRules.dat", "popstate.dat"):
                return True
    except OSError:
        return False
    return False


def is_thunderbird(path: Path) -> bool:
    """A profile (``prefs.js`` with ``Mail`` or ``ImapMail``), one of those two folders, or an account."""
    if not path.is_dir():
        return False
    if (path / "prefs.js").is_file() and any((path / r).is_dir() for r in _MAIL_ROOTS):
        return True
    if path.name in _MAIL_ROOTS and any(_is_account_dir(Path(e.path)) for e in os.scandir(path) if e.is_dir()):
        return True
    return _is_account_dir(path)


def _account_names(profile: Path) -> dict[Path, str]:
    """Account directory → the name Thunderbird shows (``mail.server.serverN.name`` in prefs.js)."""
    prefs = profile / "prefs.js"
    if not prefs.is_file():
        return {}
    servers: dict[str, dict[str, str]] = {}
    for m in _PREF.finditer(prefs.read_text("utf-8", "replace")):
        try:
            value = json.loads(f'"{m.group(3)}"')
        except ValueError:
            value = m.group(3)
        servers.setdefault(m.group(1), {})[m.group(2)] = value
    out = {}
    for s in servers.values():
        if "name" not in s:
            continue
        rel = s.get("directory-rel", "")
        if rel.startswith("[ProfD]"):
            where = profile.joinpath(*rel[len("[ProfD]"):].split("/"))
        elif s.get("directory"):
            where = Path(s["directory"])
        else:
            continue
        out[where.resolve()] = s["name"]
    return out


class ThunderbirdSource(Source):
    kind = "thunderbird"

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).expanduser().resolve()
        self.account = f"thunderbird:{self.root}"
        self.description = f"Thunderbird folders {self.root} (read-only, local; .msf indexes skipped)"
        # folder name → ("mbox", file) or ("files", directory of one file per message)
        self._folders: dict[str, tuple[str, Path]] = {}
        self._index: dict[str, dict[int, Entry | Path]] = {}
        if self.root.is_file():  # one folder's mbox file
            imap = "ImapMail" in self.root.parts
            self._folders[_nfc(_display(self.root.name, imap))] = ("mbox", self.root)
        for account_dir, label, imap in ([] if self.root.is_file() else self._accounts()):
            self._walk(account_dir, f"{label}/" if label else "", imap)
        if not self._folders:
            raise UsageError(f"{self.root} holds no Thunderbird mail folder (extension-less mbox files)")

    def _accounts(self) -> list[tuple[Path, str, bool]]:
        """(account directory, name shown, is IMAP); the name is empty when the path is one account."""
        if (self.root / "prefs.js").is_file():
            profile, roots = self.root, [self.root / r for r in _MAIL_ROOTS if (self.root / r).is_dir()]
        elif self.root.name in _MAIL_ROOTS:
            profile, roots = self.root.parent, [self.root]
        else:
            return [(self.root, "", self.root.parent.name == "ImapMail")]
        names = _account_names(profile)
        out = []
        for r in roots:
            for e in sorted(os.scandir(r), key=lambda e: e.name):
                if e.is_dir() and _is_account_dir(Path(e.path)):
                    d = Path(e.path).resolve()
                    out.append((d, _nfc(names.get(d, e.name)), r.name == "ImapMail"))
        return out

    def _walk(self, directory: Path, prefix: str, imap: bool) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            return
        names = {e.name for e in entries}
        for e in entries:
            p = Path(e.path)
            if e.name.startswith("."):
                continue
            if e.is_file():
                if p.suffix.lower() in _NOT_FOLDERS:
                    continue
                if looks_like_mbox(p) or (e.stat().st_size == 0 and f"{e.name}.msf" in names):
                    self._folders[_nfc(prefix + _display(e.name, imap))] = ("mbox", p)
            elif e.is_dir():
                if e.name.endswith(".sbd"):
                    stem = e.name[:-4]
                    self._walk(p, prefix + _display(stem, imap) + "/", imap)
                elif (p / "cur").is_dir():
                    self._folders[_nfc(prefix + _display(e.name, imap))] = ("files", p / "cur")

    def _entries(self, name: str) -> dict[int, Entry | Path]:
        if name not in self._index:
            kind, where = self._folders[name]
            if kind == "mbox":
                self._index[name] = {e.uid: e for e in index_mbox(where)}
            else:
                self._index[name] = {stable_uid(f.name): Path(f.path) for f in os.scandir(where) if f.is_file()}
        return self._index[name]

    def folders(self) -> list[FolderInfo]:
        return [FolderInfo(name, 1, len(self._entries(name))) for name in sorted(self._folders)]

    def uids(self, folder: FolderInfo) -> list[int]:
        return sorted(self._entries(folder.name))

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        kind, where = self._folders[folder.name]
        idx = self._entries(folder.name)
        wanted = [idx[u] for u in uids if u in idx]
        if kind == "mbox":
            for e, data in read_entries(where, sorted(wanted, key=lambda e: e.start)):
                yield RawMessage(self.account, folder.name, e.uid, 1, data, e.flags, size=len(data))
            return
        for p in wanted:
            data = p.read_bytes()
            yield RawMessage(self.account, folder.name, stable_uid(p.name), 1, data,
                             internal_date=datetime.fromtimestamp(p.stat().st_mtime, UTC), size=len(data))
