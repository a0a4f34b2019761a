"""Bytes to :class:`ParsedMessage` with the standard library, bounded against hostile input.

``policy.compat32`` parses about six times faster than ``policy.default``; headers are decoded
by hand so that the slow, quadratic paths of the modern policy are never taken. Header blocks
and encoded-word counts are capped before decoding (20,000 RFC 2047 words in a Subject take
seconds to parse otherwise), and address parsing is re-checked by our own strict pattern rather
than trusting an interpreter that may lack the CVE-2023-27043 fix.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import re
from datetime import datetime
from email.message import Message

from .errors import MessageError
from .genre import GenreProbe, header_genre
from .htmltext import html_to_text
from .model import Address, Attachment, ParsedMessage

MAX_HEADER_BYTES = 256 * 1024
MAX_HEADER_VALUE = 16 * 1024
MAX_ENCODED_WORDS = 200
MAX_TEXT_CHARS = 2_000_000
MAX_PARTS = 500
_STRICT_ADDR = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,253})\.[A-Za-z]{2,63}$")
_ENCODED_WORD = re.compile(rb"=\?[^?\s]{1,40}\?[bBqQ]\?[^?\s]*\?=")
_RFC822_TYPES = ("message/rfc822", "message/global")


def decode_header_value(value) -> str:
    """Decode RFC 2047 words, tolerating unknown charsets and bad encodings."""
    if value is None:
        return ""
    if isinstance(value, email.header.Header):
        value = str(value)
    value = str(value)[:MAX_HEADER_VALUE]
    if "=?" not in value:
        return " ".join(value.split())
    if value.count("=?") > MAX_ENCODED_WORDS:
        value = value[: value.find("=?") + 80 * MAX_ENCODED_WORDS]
    try:
        parts = email.header.decode_header(value)
    except (email.errors.HeaderParseError, ValueError, LookupError, AssertionError):
        return " ".join(value.split())
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, bytes):
            out.append(_decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    return " ".join("".join(out).split())


def _lenient_policy():
    """compat32 without the check that generated headers hold no embedded header (the
    CVE-2024-6923 guard, on patched interpreters): it protects mail being sent, and here a
    received message is only re-serialised to be read again."""
    try:
        return email.policy.compat32.clone(verify_generated_headers=False)
    except TypeError:  # an interpreter without that option
        return email.policy.compat32


_LENIENT = _lenient_policy()


def _embedded_bytes(inner: Message, pm: ParsedMessage) -> bytes:
    """An attached message back to bytes, to be analysed as one; its broken headers (a NUL, an
    embedded header: found by fuzzing) are a defect of the message, not a failure of the scan."""
    try:
        return inner.as_bytes(policy=_LENIENT)
    except (email.errors.MessageError, ValueError, TypeError, LookupError, UnicodeError) as exc:
        pm.defects.append(f"attached message not re-readable: {type(exc).__name__}")
        return b""


def _decode_bytes(data: bytes, charset: str | None) -> str:
    for cs in (charset, "utf-8", "cp1252"):
        if not cs:
            continue
        try:
            return data.decode(cs)
        except (LookupError, UnicodeDecodeError, ValueError, TypeError):
            # unknown charset, bad bytes, or a charset name the codec registry refuses
            # (a NUL inside it raises ValueError: found by fuzzing)
            continue
    return data.decode("latin-1", errors="replace")


_ADDR_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|<[^>]*>?|\([^)]*\)?|[^,"<(]+|,')


def split_addresses(value: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header.

    A small tokenizer (quoted strings, <angle addresses>, (comments), commas) instead of
    ``email.utils.getaddresses``: that one spends about 0.2 ms per header (seconds on a mailbox
    with long recipient lists) and, on this interpreter, lacks the CVE-2023-27043 fix anyway.
    Every address is re-validated afterwards with a strict pattern of our own."""
    if '"' not in value and "<" not in value and "(" not in value:
        # bare addresses only ("a@x.org, b@y.org"): each piece between commas is one token
        pairs = []
        for piece in value.split(","):
            if piece:
                words = piece.split()
                addr = next((w for w in words if "@" in w), words[-1] if words else "").strip(";:")
                pairs.append(("", addr))
        return pairs
    pairs, name_parts, angle, bare = [], [], "", []

    def flush() -> None:
        nonlocal name_parts, angle, bare
        if angle:
            pairs.append((" ".join("".join(name_parts).split()), angle.strip()))
        elif bare:
            words = "".join(bare).split()
            addr = next((w for w in words if "@" in w), words[-1] if words else "").strip(";:")
            pairs.append(("", addr))
        name_parts, angle, bare = [], "", []

    for tok in _ADDR_TOKEN.findall(value):
        if tok == ",":
            flush()
        elif tok.startswith("<"):
            angle = tok[1:].rstrip(">")
        elif tok.startswith('"'):
            name_parts.append(tok.strip('"').replace('\\"', '"'))
        elif tok.startswith("("):
            if not name_parts and not angle:
                name_parts.append(tok.strip("()"))
        else:
            name_parts.append(tok)
            bare.append(tok)
    flush()
    return pairs


def parse_addresses(value: str) -> list[Address]:
    """Addresses of a header; each is re-validated with a strict pattern of our own."""
    if not value:
        return []
    pairs = split_addresses(value[:200_000])
    out = []
    for name, addr in pairs[:1000]:
        addr = addr.strip().strip("<>").lower()
        if not addr:
            continue
        out.append(Address(name=name.strip().strip('"'), addr=addr, valid=bool(_STRICT_ADDR.match(addr))))
    return out


def _parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _cap_headers(raw: bytes, defects: list[str]) -> bytes:
    """Bound the header block and neutralise encoded-word floods before the stdlib sees them."""
    end = raw.find(b"\n\n")
    end2 = raw.find(b"\r\n\r\n")
    if end < 0 or (0 <= end2 < end):
        end = end2
    head_len = end if end >= 0 else len(raw)
    if head_len > MAX_HEADER_BYTES:
        defects.append(f"header block of {head_len} bytes truncated to {MAX_HEADER_BYTES}")
        body = raw[head_len:] if end >= 0 else b""
        raw = raw[:MAX_HEADER_BYTES].rsplit(b"\n", 1)[0] + b"\n" + body
        head_len = MAX_HEADER_BYTES
    head = raw[:head_len]
    if head.count(b"=?") > MAX_ENCODED_WORDS:
        n = len(_ENCODED_WORD.findall(head))
        if n > MAX_ENCODED_WORDS:
            defects.append(f"{n} encoded words in headers; extra words left undecoded")
            count = 0

            def keep(m):
                nonlocal count
                count += 1
                return m.group(0) if count <= MAX_ENCODED_WORDS else b"_"

            raw = _ENCODED_WORD.sub(keep, head) + raw[head_len:]
    return raw


def part_text(part: Message) -> str:
    """Decoded text of a text/* part (charset fallbacks, replacement on errors)."""
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, AssertionError, LookupError):
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "replace") if isinstance(raw, str) else b""
    text = _decode_bytes(payload[: MAX_TEXT_CHARS * 2], part.get_content_charset())
    return text.replace("\r\n", "\n").replace("\x00", "")


def attachment_name(part: Message) -> str:
    disposition, ctype = part.get("Content-Disposition"), part.get("Content-Type")
    if all(v is None or (isinstance(v, str) and "name" not in v.lower()) for v in (disposition, ctype)):
        return ""  # no filename= nor name= parameter can be there: spare the stdlib's parameter parsing
    name = None
    try:
        name = part.get_filename() or part.get_param("name")
    except (ValueError, IndexError, TypeError):
        name = None
    if isinstance(name, tuple):  # RFC 2231 triple left undecoded
        name = email.utils.collapse_rfc2231_value(name)
    name = decode_header_value(name) if name else ""
    return name.replace("/", "_").replace("\\", "_").strip()[:255]


def message_from_bytes(raw: bytes) -> tuple[Message, list[str]]:
    defects: list[str] = []
    raw = _cap_headers(raw, defects)
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    except RecursionError as exc:
        raise MessageError("MIME nesting too deep to parse") from exc
    return msg, defects


def parse_message(raw: bytes, max_depth: int = 30) -> ParsedMessage:
    """Parse one message. Raises :class:`MessageError` when nothing usable can be read."""
    try:
        msg, defects = message_from_bytes(raw)
        return _build(msg, defects, max_depth)
    except RecursionError as exc:
        raise MessageError("MIME nesting too deep to parse") from exc


def _header_getter(msg: Message):
    """``msg.get`` answered from a table of the first value of each header, built in one pass.

    ``Message.get`` lower-cases every header name on every call (about 45 calls per message:
    the addresses, the bulk and genre headers); the values are the same, fetched through the
    message's policy."""
    first: dict[str, object] = {}
    for name, value in msg.items():
        first.setdefault(name.lower(), value)

    def get(name: str, failobj=None):
        return first.get(name.lower(), failobj)

    return get


def _build(msg: Message, defects: list[str], max_depth: int) -> ParsedMessage:
    get = _header_getter(msg)
    pm = ParsedMessage(
        message_id=" ".join(str(get("Message-ID", "") or "").split())[:998],
        date=_parse_date(str(get("Date", "") or "")),
        subject=decode_header_value(get("Subject")),
        defects=defects,
    )
    senders = parse_addresses(decode_header_value(get("From")))
    pm.sender = senders[0] if senders else None
    pm.to = parse_addresses(decode_header_value(get("To")))
    pm.cc = parse_addresses(decode_header_value(get("Cc")))
    pm.bcc = parse_addresses(decode_header_value(get("Bcc")))
    pm.reply_to = parse_addresses(decode_header_value(get("Reply-To")))
    precedence = str(get("Precedence", "") or "").lower()
    pm.is_bulk = bool(get("List-Id") or get("List-Unsubscribe") or precedence in ("bulk", "list", "junk"))
    auto = str(get("Auto-Submitted", "") or "").lower()
    pm.is_auto_reply = (auto not in ("", "no")) or bool(get("X-Autoreply") or get("X-Autorespond"))
    plain: list[str] = []
    html: list[str] = []
    _walk(msg, pm, plain, html, 0, max_depth, [0])
    if plain:
        pm.body = "\n\n".join(plain)
    elif html:
        pm.body = "\n\n".join(html_to_text(h) for h in html)
        pm.body_is_html = True
    pm.body = pm.body[:MAX_TEXT_CHARS]
    for d in getattr(msg, "defects", []) or []:
        pm.defects.append(type(d).__name__)
    pm.genre_probe = GenreProbe(header_genre(get, pm.sender.addr if pm.sender else "",
                                             [a.addr for a in pm.to + pm.cc if a.valid]), pm.body, pm.subject)
    return pm


def _walk(part: Message, pm: ParsedMessage, plain, html, depth: int, max_depth: int, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_PARTS:
        if count[0] == MAX_PARTS + 1:
            pm.defects.append(f"more than {MAX_PARTS} MIME parts; the rest skipped")
        return
    if depth > max_depth:
        pm.defects.append(f"MIME nesting deeper than {max_depth}; inner parts skipped")
        return
    ctype = part.get_content_type()
    disposition = str(part.get("Content-Disposition", "") or "").split(";")[0].strip().lower()
    name = attachment_name(part)
    if part.is_multipart() and ctype not in _RFC822_TYPES:
        payload = part.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                if isinstance(sub, Message):
                    _walk(sub, pm, plain, html, depth + 1, max_depth, count)
        return
    if ctype in _RFC822_TYPES:
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        data = _embedded_bytes(inner, pm) if isinstance(inner, Message) else (part.get_payload(decode=True) or b"")
        if not name:
            subj = decode_header_value(inner.get("Subject")) if isinstance(inner, Message) else ""
            name = (subj or "message")[:80] + ".eml"
        pm.attachments.append(Attachment(name=name, content_type="message/rfc822", data=data, size=len(data)))
        return
    is_attachment = disposition == "attachment" or (name and disposition != "inline") or (
        name and not ctype.startswith("text/")
    )
    if ctype in ("text/plain", "text/html") and not is_attachment:
        text = part_text(part)
        (plain if ctype == "text/plain" else html).append(text)
        return
    if ctype.startswith("multipart/"):
        return
    try:
        data = part.get_payload(decode=True) or b""
    except (ValueError, AssertionError, LookupError):
        data = b""
        pm.defects.append(f"undecodable payload in {name or ctype}")
    if not name:
        if ctype.startswith("text/"):
            (plain if ctype == "text/plain" else html).append(part_text(part))
            return
        ext = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(ctype, ".bin")
        name = f"part-{count[0]}{ext}"
    pm.attachments.append(Attachment(name=name, content_type=ctype, data=data, size=len(data)))
