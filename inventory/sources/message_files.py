"""One file per message, whatever the client wrote: ``.eml``, Outlook ``.msg``, Apple ``.emlx``.

A folder tree of such files (a drag-and-drop export from Outlook, a copy of Apple Mail's
mailboxes, what ``readpst`` unpacks) or a single file. Each file is converted to RFC 822 bytes
when it is fetched; a file that cannot be converted is listed in ``unreadable`` (it becomes a row
of the errors sheet) and the scan goes on. Sub-folders are folder names, files at the root go to
INBOX.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import MessageError, UsageError
from ..model import RawMessage
from .base import FolderInfo, Source, stable_uid
from .mbox_index import Entry, index_mbox, read_entries

SUFFIXES = (".eml", ".msg", ".emlx")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def message_kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(".emlx"):
        return "emlx"
    if low.endswith(".msg"):
        return "msg"
    if low.endswith(".eml") or name.rstrip(".").isdigit():
        return "eml"
    return None


@dataclass(frozen=True)
class Item:
    """Where one message is: a file of its own, or a span of an mbox file (``entry``)."""

    kind: str
    path: Path
    entry: Entry | None = None


class MessageFilesSource(Source):
    kind = "files"
    #: a source that may legitimately hold no message (a PST of contacts only) says so instead of failing
    allow_empty = False

    def __init__(self, root: str | os.PathLike, *, label: str = "message files", account_prefix: str = "files") -> None:
        self.root = Path(root).expanduser().resolve()
        self.account = f"{account_prefix}:{self.root}"
        self.description = f"{label} {self.root} (read-only, local)"
        self.unreadable: list[tuple[str, int, str, str, str]] = []
        self._items: dict[str, dict[int, Item]] = {}
        if self.root.is_file():
            kind = message_kind(self.root.name)
            if kind is None:
                raise UsageError(f"{self.root} is not a message file ({', '.join(SUFFIXES)})")
            self._add("INBOX", stable_uid(_nfc(self.root.name)), Item(kind, self.root))
        else:
            self._collect()
        if not self._items and not self.allow_empty:
            raise UsageError(f"{self.root} holds no message file ({', '.join(SUFFIXES)})")

    def _add(self, folder: str, uid: int, item: Item) -> None:
        self._items.setdefault(_nfc(folder), {})[uid] = item

    def _collect(self) -> None:
        for dirpath, dirnames, files in os.walk(self.root):
            dirnames.sort()
            for f in sorted(files):
                kind = message_kind(f)
                if kind is None:
                    continue
                rel = (Path(dirpath) / f).relative_to(self.root)
                self._add(self.folder_name(rel.parts[:-1]), stable_uid(_nfc(rel.as_posix())), Item(kind, Path(dirpath) / f))

    def folder_name(self, parts: tuple[str, ...]) -> str:
        return "/".join(parts) or "INBOX"

    def folders(self) -> list[FolderInfo]:
        return [FolderInfo(n, 1, len(v)) for n, v in sorted(self._items.items())]

    def uids(self, folder: FolderInfo) -> list[int]:
        return sorted(self._items.get(folder.name, {}))

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        idx = self._items.get(folder.name, {})
        spans: dict[Path, list[Entry]] = {}
        for uid in uids:
            item = idx.get(uid)
            if item is None:
                continue
            if item.entry is not None:
                spans.setdefault(item.path, []).append(item.entry)
                continue
            try:
                data, flags = self._convert(item)
            except MessageError as exc:
                self.unreadable.append((folder.name, uid, f"file:{item.path.name}", "unreadable message file",
                                        str(exc)))
                continue
            except OSError as exc:
                self.unreadable.append((folder.name, uid, f"file:{item.path.name}", "unreadable message file",
                                        f"{type(exc).__name__}: {exc.strerror or ''}"))
                continue
            when = datetime.fromtimestamp(item.path.stat().st_mtime, UTC)
            yield RawMessage(self.account, folder.name, uid, 1, data, flags, when, len(data))
        for path, entries in spans.items():
            for e, data in read_entries(path, sorted(entries, key=lambda e: e.start)):
                yield RawMessage(self.account, folder.name, e.uid, 1, data, e.flags, size=len(data))

    @staticmethod
    def _convert(item: Item) -> tuple[bytes, tuple[str, ...]]:
        if item.kind == "msg":
            from .outlook_msg import msg_to_rfc822

            return msg_to_rfc822(item.path), ()
        if item.kind == "emlx":
            from .emlx import read_emlx

            return read_emlx(item.path)
        return item.path.read_bytes(), ()


class AppleMailSource(MessageFilesSource):
    """Apple Mail: its own store (``…/INBOX.mbox/<id>/Data/…/Messages/<n>.emlx``) or mailboxes
    exported from it (``Projets.mbox/`` bundles holding an ``mbox`` file). A folder's name is the
    chain of ``.mbox`` bundles above it, as Mail's sidebar shows it (``Archive/2024``); the
    account directories are named in front when the path holds several of them."""

    kind = "apple-mail"

    def __init__(self, root: str | os.PathLike) -> None:
        super().__init__(root, label="Apple Mail mailboxes", account_prefix="apple-mail")

    def _collect(self) -> None:
        groups: set[str] = set()
        found: list[tuple[str, str, int, Item]] = []
        for dirpath, dirnames, files in os.walk(self.root):
            dirnames.sort()
            d = Path(dirpath)
            rel_dir = d.relative_to(self.root).parts
            group, chain = self._chain(rel_dir)
            if "mbox" in files and (d.name.endswith(".mbox") or not rel_dir and self.root.name.endswith(".mbox")):
                for e in index_mbox(d / "mbox"):
                    found.append((group, chain, e.uid, Item("mbox", d / "mbox", e)))
                groups.add(group)
            for f in sorted(files):
                kind = message_kind(f)
                if kind is None or f == "mbox":
                    continue
                rel = (d / f).relative_to(self.root)
                found.append((group, chain, stable_uid(_nfc(rel.as_posix())), Item(kind, d / f)))
                groups.add(group)
        prefix = len(groups) > 1
        for group, chain, uid, item in found:
            name = "/".join(p for p in ((group if prefix else ""), chain) if p) or "INBOX"
            self._add(name, uid, item)

    def _chain(self, rel_dir: tuple[str, ...]) -> tuple[str, str]:
        """(account group, mailbox chain) of a directory below the root."""
        parts = ((self.root.name,) if self.root.name.endswith(".mbox") else ()) + rel_dir
        boxes = [p[: -len(".mbox")] for p in parts if p.endswith(".mbox")]
        first = next((i for i, p in enumerate(parts) if p.endswith(".mbox")), None)
        # the directory just above the first mailbox: an account (V10/<account id>/INBOX.mbox) or
        # Mail's "Mailboxes" (On My Mac)
        group = parts[first - 1] if first else ""
        if not boxes:
            return group, "/".join(rel_dir)
        return group, "/".join(boxes)


def is_apple_mail(root: Path) -> bool:
    if root.name.endswith(".mbox") and root.is_dir():
        return True
    for _dirpath, dirnames, files in os.walk(root):
        if any(d.endswith(".mbox") for d in dirnames) or any(f.lower().endswith(".emlx") for f in files):
            return True
    return False


def has_msg_files(root: Path) -> bool:
    return any(f.lower().endswith(".msg") for _d, _s, files in os.walk(root) for f in files)
