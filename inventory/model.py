"""The records that flow between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RawMessage:
    """What a source yields: bytes and where they came from, nothing parsed."""

    account: str
    folder: str
    uid: int
    uidvalidity: int
    data: bytes
    flags: tuple[str, ...] = ()
    internal_date: datetime | None = None
    size: int = 0

    @property
    def key(self) -> str:
        return f"{self.account}\x1f{self.folder}\x1f{self.uidvalidity}\x1f{self.uid}"


@dataclass(frozen=True)
class Address:
    name: str
    addr: str
    valid: bool = True


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    size: int = 0


@dataclass
class ParsedMessage:
    message_id: str = ""
    date: datetime | None = None
    subject: str = ""
    sender: Address | None = None
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    bcc: list[Address] = field(default_factory=list)
    reply_to: list[Address] = field(default_factory=list)
    body: str = ""
    body_is_html: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    is_bulk: bool = False
    is_auto_reply: bool = False
    lang: str = "fr"
    genre: str = "personal"  # see inventory/genre.py
