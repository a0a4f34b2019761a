"""An Outlook ``.msg`` file turned into the RFC 822 bytes every other source yields.

Outlook's drag-and-drop export writes one ``.msg`` (an OLE compound file of MAPI properties) per
message. extract-msg reads it; its ``asEmailMessage`` keeps the transport headers of a received
message (Message-ID, Date, addresses) or builds them from the MAPI properties of a sent or draft
one, the plain and HTML bodies, the attachments and the attached messages. The result then goes
through the same parser as any other message, so the same message gives the same findings
whichever way it arrives.
"""

from __future__ import annotations

import email.policy
import logging
import os

from ..errors import MessageError

log = logging.getLogger(__name__)
_MAX_MSG_BYTES = 200 * 1024 * 1024


def msg_to_rfc822(path: str | os.PathLike) -> bytes:
    """The message as RFC 822 bytes; :class:`MessageError` when the file is not a readable ``.msg``."""
    import extract_msg
    from extract_msg.exceptions import ExMsgBaseException

    if os.path.getsize(path) > _MAX_MSG_BYTES:
        raise MessageError(f"larger than {_MAX_MSG_BYTES // (1024 * 1024)} MB")
    for noisy in ("extract_msg", "RTFDE"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        msg = extract_msg.openMsg(os.fspath(path), strict=False)
    except (ExMsgBaseException, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise MessageError(f"not a readable Outlook .msg ({type(exc).__name__}: {str(exc)[:120]})") from None
    try:
        if not hasattr(msg, "asEmailMessage"):
            raise MessageError(f"an Outlook item that is not a message ({type(msg).__name__})")
        em = msg.asEmailMessage()
        if not msg.headerText:
            _headers_from_properties(em, msg)
        return em.as_bytes(policy=email.policy.SMTP.clone(max_line_length=998))
    except MessageError:
        raise
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input: the file becomes an error row
        raise MessageError(f"Outlook .msg not converted ({type(exc).__name__}: {str(exc)[:120]})") from None
    finally:
        msg.close()


def _headers_from_properties(em, msg) -> None:
    """A sent or draft message has no transport headers: extract-msg's stand-in block leaves the
    subject out and joins recipients with ``;``; they are rebuilt from the MAPI properties."""
    from email.utils import format_datetime, formataddr

    for name in ("Subject", "To", "Cc", "Bcc", "Message-ID", "Message-Id", "Authentication-Results"):
        del em[name]
    if msg.subject:
        em["Subject"] = msg.subject
    kinds: dict[str, list[str]] = {"To": [], "Cc": [], "Bcc": []}
    for r in msg.recipients:
        kind = {1: "To", 2: "Cc", 3: "Bcc"}.get(int(getattr(r.type, "value", r.type) or 1), "To")
        if r.email or r.name:
            kinds[kind].append(formataddr((r.name or "", r.email or "")) if r.email else r.name)
    for kind, addrs in kinds.items():
        if addrs:
            em[kind] = ", ".join(addrs)
    if msg.messageId:
        em["Message-ID"] = msg.messageId
    if em.get("Date") is None and getattr(msg, "date", None):
        em["Date"] = format_datetime(msg.date)
