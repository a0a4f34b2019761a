"""An Outlook ``.msg`` file turned into the RFC 822 bytes every other source yields.

Outlook's drag-and-drop export writes one ``.msg`` (an OLE compound file of MAPI properties) per
message. extract-msg reads the properties; the message is rebuilt from them here rather than with
extract-msg's ``asEmailMessage``, which copies some transport-header blocks wrongly (a space put
between adjacent encoded words, a ValueError on a repeated MIME-Version) and attaches a forwarded
message as parts of the outer one, so that its body reads as the outer body. Rebuilt:

- the headers: the transport headers of a received message (Message-ID, Date, addresses, list
  headers) as they arrived, or for a sent or draft message the MAPI sender, recipients, subject,
  date and Message-ID; the subject always as Outlook shows it (``PR_SUBJECT``);
- the body: the plain text Outlook keeps beside every body, or the HTML when there is none;
- the attachments by value, and attached messages as ``message/rfc822`` parts, recursively.

The result goes through the same parser as any other message, so the same message gives the same
findings whichever way it arrives.
"""

from __future__ import annotations

import logging
import os
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import HeaderParser
from email.utils import format_datetime, formataddr

from ..errors import MessageError

log = logging.getLogger(__name__)
_MAX_MSG_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def msg_to_rfc822(path: str | os.PathLike) -> bytes:
    """The message as RFC 822 bytes; :class:`MessageError` when the file is not a readable ``.msg``."""
    import extract_msg
    from extract_msg.exceptions import ExMsgBaseException

    if os.path.getsize(path) > _MAX_MSG_BYTES:
        raise MessageError(f"larger than {_MAX_MSG_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as fh:
        if fh.read(8) != _OLE_MAGIC:
            # some tools name plain MIME messages .msg: read them as what they are
            fh.seek(0)
            return fh.read()
    for noisy in ("extract_msg", "RTFDE"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        msg = extract_msg.openMsg(os.fspath(path), strict=False)
    except (ExMsgBaseException, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise MessageError(f"not a readable Outlook .msg ({type(exc).__name__}: {str(exc)[:120]})") from None
    try:
        if not hasattr(msg, "attachments") or not hasattr(msg, "body"):
            raise MessageError(f"an Outlook item that is not a message ({type(msg).__name__})")
        return _rebuild(msg, 0).as_bytes()
    except MessageError:
        raise
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input: the file becomes an error row
        raise MessageError(f"Outlook .msg not converted ({type(exc).__name__}: {str(exc)[:120]})") from None
    finally:
        msg.close()


_SKIPPED_HEADERS = frozenset({"content-type", "content-transfer-encoding", "mime-version", "content-disposition"})
_MAX_DEPTH = 10


def _encoded(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def _address(name: str | None, addr: str | None) -> str:
    if addr:
        return formataddr((name or "", addr), charset="utf-8")
    return _encoded(name or "")


def _rebuild(msg, depth: int) -> Message:
    """One message (or an attached one) as a MIME message: headers, body, attachments."""
    parts: list[Message] = []
    body = msg.body
    if body:
        parts.append(MIMEText(body.replace("\r\n", "\n"), "plain", "utf-8"))
    else:
        html = msg.htmlBody
        if html:
            parts.append(MIMEText(html.decode("utf-8", "replace") if isinstance(html, bytes) else str(html),
                                  "html", "utf-8"))
    for att in msg.attachments:
        part = _attachment(att, depth)
        if part is not None:
            parts.append(part)
    if len(parts) == 1 and parts[0].get_content_maintype() == "text":
        out: Message = parts[0]
    else:
        out = MIMEMultipart("mixed")
        for p in parts:
            out.attach(p)
    _headers(out, msg)
    return out


def _attachment(att, depth: int) -> Message | None:
    data = getattr(att, "data", None)
    name = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or ""
    if isinstance(data, bytes):
        maintype, _, subtype = (getattr(att, "mimetype", None) or "application/octet-stream").partition("/")
        part = MIMEBase(maintype or "application", subtype or "octet-stream")
        part.set_payload(data)
        from email.encoders import encode_base64

        encode_base64(part)
    elif hasattr(data, "attachments") and depth < _MAX_DEPTH:  # an attached message
        part = MIMEMessage(_rebuild(data, depth + 1))
        if "." not in name:
            name = ""  # the parser names it after its subject, as for any attached message
    else:
        log.debug("attachment %r of kind %s not converted", name, type(data).__name__)
        return None
    if name:
        part.add_header("Content-Disposition", "attachment", filename=name if name.isascii() else ("utf-8", "", name))
    else:
        part.add_header("Content-Disposition", "attachment")
    return part


def _headers(out: Message, msg) -> None:
    """The transport headers when the message was received; the MAPI properties otherwise."""
    text = msg.headerText or ""
    if text.startswith("Microsoft Mail Internet Headers Version 2.0"):
        text = text[43:].lstrip()
    received = HeaderParser().parsestr(text.replace("\r\n", "\n")) if text.strip() else None
    if received is not None and len(received):
        for key, value in received.items():
            if key.lower() not in _SKIPPED_HEADERS:
                out[key] = value
    else:
        if msg.sender:
            out["From"] = _encoded(msg.sender)
        kinds: dict[str, list[str]] = {"To": [], "Cc": [], "Bcc": []}
        for r in msg.recipients:
            kind = {1: "To", 2: "Cc", 3: "Bcc"}.get(int(getattr(r.type, "value", r.type) or 1), "To")
            if r.email or r.name:
                kinds[kind].append(_address(r.name, r.email))
        for kind, addrs in kinds.items():
            if addrs:
                out[kind] = ", ".join(addrs)
        if msg.date:
            out["Date"] = format_datetime(msg.date)
        if msg.messageId:
            out["Message-ID"] = msg.messageId
    if msg.subject is not None:
        del out["Subject"]
        out["Subject"] = _encoded(msg.subject)
