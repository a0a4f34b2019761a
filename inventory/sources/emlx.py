"""Apple Mail's ``.emlx``: a byte count on the first line, the RFC 822 message, then a property list.

A ``.partial.emlx`` is a message whose large parts Apple Mail keeps apart, in
``Attachments/<message number>/<part>/<file name>`` beside ``Messages/``: those parts are put
back by file name so the attachments are scanned like those of any other message.
"""

from __future__ import annotations

import base64
import email
import email.policy
import os
import plistlib
from email.header import decode_header, make_header
from pathlib import Path

from ..errors import MessageError

# the "flags" integer of the property list (Apple's bits): read, deleted, answered, flagged
_FLAGS = ((1 << 0, "\\Seen"), (1 << 1, "\\Deleted"), (1 << 2, "\\Answered"), (1 << 4, "\\Flagged"))
_MAX_EMLX_BYTES = 200 * 1024 * 1024


def read_emlx(path: str | os.PathLike) -> tuple[bytes, tuple[str, ...]]:
    """(message bytes, flags); :class:`MessageError` when the file is not an ``.emlx``."""
    p = Path(path)
    if p.stat().st_size > _MAX_EMLX_BYTES:
        raise MessageError(f"larger than {_MAX_EMLX_BYTES // (1024 * 1024)} MB")
    raw = p.read_bytes()
    first, _, rest = raw.partition(b"\n")
    try:
        length = int(first.strip())
    except ValueError:
        raise MessageError("not an Apple Mail .emlx (no byte count on the first line)") from None
    if length <= 0 or length > len(rest):
        raise MessageError(f"truncated .emlx ({len(rest)} bytes after the count, {length} announced)")
    data, trailer = rest[:length], rest[length:]
    flags: tuple[str, ...] = ()
    try:
        info = plistlib.loads(trailer.strip()) if trailer.strip() else {}
        bits = int(info.get("flags", 0)) if isinstance(info, dict) else 0
        flags = tuple(name for bit, name in _FLAGS if bits & bit)
    except (plistlib.InvalidFileException, ValueError, TypeError, OverflowError):
        pass  # the flags are a nicety; the message itself was read
    if p.name.endswith(".partial.emlx"):
        data = _restore_parts(p, data)
    return data, flags


def _restore_parts(path: Path, data: bytes) -> bytes:
    """Put back the parts Apple Mail stored apart (matched by file name); unchanged when none is found."""
    number = path.name.split(".", 1)[0]
    store = path.parent.parent / "Attachments" / number
    if not store.is_dir():
        return data
    files = {_key(f.name): f for f in store.rglob("*") if f.is_file()}
    if not files:
        return data
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    changed = False
    for part in msg.walk():
        name = part.get_filename()
        if name and "=?" in name:  # Mail stores the file under its decoded name
            try:
                name = str(make_header(decode_header(name)))
            except (UnicodeError, LookupError, ValueError):
                pass
        if part.is_multipart() or not name or _key(name) not in files or (part.get_payload() or "").strip():
            continue
        del part["Content-Transfer-Encoding"]
        part["Content-Transfer-Encoding"] = "base64"
        part.set_payload(base64.encodebytes(files[_key(name)].read_bytes()).decode("ascii"))
        changed = True
    return msg.as_bytes() if changed else data


def _key(name: str) -> str:
    """A file name compared across a folded header parameter and the name on disk."""
    return " ".join(name.split())
