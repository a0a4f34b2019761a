"""The source interface: something that yields raw messages, folder by folder, and nothing else."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import RawMessage


@dataclass(frozen=True)
class FolderInfo:
    name: str
    uidvalidity: int
    count: int = 0


class Source:
    """Base class. ``account`` names the mailbox in the state; ``description`` says, for the run
    sheet, what was read or connected to (never a password)."""

    account: str = ""
    description: str = ""
    kind: str = ""

    def folders(self) -> list[FolderInfo]:
        raise NotImplementedError

    def uids(self, folder: FolderInfo) -> list[int]:
        raise NotImplementedError

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def stable_uid(text: str) -> int:
    """A positive 48-bit id derived from a local file name: stable across runs."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8", "surrogateescape")).digest()[:6], "big") or 1
