"""Split an mbox file into messages with ids that survive the mail client's own rewrites.

Thunderbird and Apple Mail keep folders as mbox files and rewrite them in place: Thunderbird
updates ``X-Mozilla-Status`` when a message is read and removes deleted messages on compaction,
which shifts every later message. A message's position is therefore no id for the state: the
id is a hash of its Message-ID (with its rank among same-id copies), or of its bytes without
the client's status headers when it has none.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .base import stable_uid

# the separator Thunderbird writes ("From - Mon Mar 04 09:00:00 2024"), recognised even when the
# previous message did not end with a blank line (older Thunderbird versions did not always add one)
_MOZ_SEPARATOR = re.compile(rb"^From - \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\r?\n$")
_CLIENT_STATUS = re.compile(rb"(?im)^(?:X-Mozilla-(?:Status2?|Keys)|Status|X-Status):[^\n]*\n")
_MESSAGE_ID = re.compile(rb"(?i)^message-id:\s*(\S.*?)\s*$")

# X-Mozilla-Status bits (nsMsgMessageFlags): what Thunderbird shows as read, replied, starred,
# and the "expunged" bit of a deleted message still in the file until compaction
_MOZ_FLAGS = ((0x0001, "\\Seen"), (0x0002, "\\Answered"), (0x0004, "\\Flagged"), (0x0008, "\\Deleted"))


@dataclass(frozen=True)
class Entry:
    uid: int
    start: int
    end: int
    flags: tuple[str, ...] = ()


def _moz_flags(header_lines: list[bytes]) -> tuple[str, ...]:
    for line in header_lines:
        if line[:18].lower() == b"x-mozilla-status: ":
            try:
                value = int(line[18:].strip()[:4], 16)
            except ValueError:
                return ()
            return tuple(name for bit, name in _MOZ_FLAGS if value & bit)
    return ()


def index_mbox(path: str | os.PathLike) -> list[Entry]:
    """One pass over the file, line by line (memory does not grow with the file's size)."""
    entries: list[Entry] = []
    seen: dict[bytes, int] = {}
    start = None
    pos = 0
    prev_blank = True
    in_headers = False
    headers: list[bytes] = []
    digest = hashlib.sha1()
    msgid = b""

    def close(end: int) -> None:
        key = msgid or b"sha1:" + digest.hexdigest().encode()
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        uid = stable_uid(f"{key.decode('utf-8', 'surrogateescape')}\x1f{rank}")
        entries.append(Entry(uid, start, end, _moz_flags(headers)))

    with open(path, "rb") as fh:
        for line in fh:
            if line.startswith(b"From ") and (prev_blank or _MOZ_SEPARATOR.match(line)):
                if start is not None:
                    close(pos)
                start, in_headers, headers, digest, msgid = pos, True, [], hashlib.sha1(), b""
            elif start is not None:
                if in_headers:
                    if line in (b"\n", b"\r\n"):
                        in_headers = False
                    else:
                        if len(headers) < 200:
                            headers.append(line)
                        if not msgid:
                            m = _MESSAGE_ID.match(line)
                            if m:
                                msgid = m.group(1)[:500]
                if not _CLIENT_STATUS.match(line):
                    digest.update(line)
            prev_blank = line in (b"\n", b"\r\n")
            pos += len(line)
    if start is not None:
        close(pos)
    return entries


def read_entries(path: str | os.PathLike, entries: list[Entry]) -> Iterator[tuple[Entry, bytes]]:
    """The messages' bytes, without the ``From `` line, with ``>From `` quoting undone. A file
    written with CRLF line endings (Thunderbird on Windows) gives LF messages, as the same messages
    saved elsewhere do: text attachments then read the same wherever the file was written."""
    with open(path, "rb") as fh:
        for e in entries:
            fh.seek(e.start)
            data = fh.read(e.end - e.start)
            first = data.find(b"\n")
            crlf = data[first - 1:first] == b"\r"
            data = data[first + 1:]
            if crlf:
                data = data.replace(b"\r\n", b"\n")
            yield e, data.replace(b"\n>From ", b"\nFrom ")


def looks_like_mbox(path: str | os.PathLike) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"From "
    except OSError:
        return False
