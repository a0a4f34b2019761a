"""Build, from the same RFC 822 messages, the layouts mail clients export: a Thunderbird profile,
a folder of Outlook .msg files, Apple Mail's store (.emlx) and its .mbox export bundles.

The .msg files are minimal OLE compound files written with extract-msg's own OLE writer: the MAPI
properties Outlook stores for a message (class, subject, body, sender, recipients, Message-ID,
submit time, transport headers for a received message) and attachments by value. All data is
fictitious.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import plistlib
import re
import struct
from pathlib import Path

PT_UNICODE, PT_BINARY, PT_LONG, PT_SYSTIME = 0x001F, 0x0102, 0x0003, 0x0040


def _tag(prop_id: int, ptype: int) -> str:
    return f"__substg1.0_{prop_id:04X}{ptype:04X}"


class _Props:
    """One MAPI property set: the fixed-size values in ``__properties_version1.0`` and the
    variable-size ones as ``__substg1.0_`` streams."""

    def __init__(self) -> None:
        self.entries: list[bytes] = []
        self.streams: dict[str, bytes] = {}

    def text(self, prop_id: int, value: str) -> None:
        data = value.encode("utf-16-le")
        self.streams[_tag(prop_id, PT_UNICODE)] = data
        self.entries.append(struct.pack("<IIII", (prop_id << 16) | PT_UNICODE, 6, len(data) + 2, 0))

    def binary(self, prop_id: int, data: bytes) -> None:
        self.streams[_tag(prop_id, PT_BINARY)] = data
        self.entries.append(struct.pack("<IIII", (prop_id << 16) | PT_BINARY, 6, len(data), 0))

    def long(self, prop_id: int, value: int) -> None:
        self.entries.append(struct.pack("<IIiI", (prop_id << 16) | PT_LONG, 6, value, 0))

    def systime(self, prop_id: int, when) -> None:
        filetime = int((when.timestamp() + 11644473600) * 10_000_000)
        self.entries.append(struct.pack("<IIQ", (prop_id << 16) | PT_SYSTIME, 6, filetime))

    def write(self, writer, base: list[str], header: bytes) -> None:
        writer.addEntry(base + ["__properties_version1.0"], header + b"".join(self.entries))
        for name, data in self.streams.items():
            writer.addEntry(base + [name], data)


def _parts(part):
    """The leaves of a message, an attached message counting as one leaf (it becomes an embedded .msg)."""
    if part.get_content_type() == "message/rfc822":
        yield part
    elif part.is_multipart():
        for sub in part.iter_parts():
            yield from _parts(sub)
    else:
        yield part


def _write_message(writer, base: list[str], rfc822: bytes, transport_headers: bool, embedded: bool) -> None:
    m = email.message_from_bytes(rfc822, policy=email.policy.default)
    body, html = "", ""
    attachments = []  # (name, content type, bytes, is an attached message)
    for part in _parts(m):
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()[0]
            attachments.append((part.get_filename() or "", "message/rfc822", inner.as_bytes(), True))
        elif part.get_filename():
            attachments.append((part.get_filename(), part.get_content_type(), part.get_payload(decode=True), False))
        elif part.get_content_type() == "text/plain" and not body:
            body = part.get_content()
        elif part.get_content_type() == "text/html" and not html:
            html = part.get_content()
    top = _Props()
    top.text(0x001A, "IPM.Note")
    top.text(0x0037, str(m["Subject"] or ""))
    if body or not html:
        top.text(0x1000, body.replace("\r\n", "\n").replace("\n", "\r\n"))
    if html:
        top.binary(0x1013, html.encode("utf-8"))  # PR_HTML, as Outlook keeps an HTML message
    sender_name, sender_addr = email.utils.parseaddr(str(m["From"] or ""))
    top.text(0x0C1A, sender_name)
    top.text(0x0C1F, sender_addr)
    top.text(0x0C1E, "SMTP")
    top.text(0x5D01, sender_addr)
    top.text(0x0042, sender_name)
    top.text(0x0065, sender_addr)
    top.text(0x1035, str(m["Message-ID"] or ""))
    recipients = [(1, a) for a in email.utils.getaddresses([str(v) for v in m.get_all("To", [])])]
    recipients += [(2, a) for a in email.utils.getaddresses([str(v) for v in m.get_all("Cc", [])])]
    top.text(0x0E04, "; ".join(n or a for t, (n, a) in recipients if t == 1))
    top.text(0x0E03, "; ".join(n or a for t, (n, a) in recipients if t == 2))
    if m["Date"]:
        when = email.utils.parsedate_to_datetime(str(m["Date"]))
        top.systime(0x0039, when)
        top.systime(0x0E06, when)
    if transport_headers:
        head = re.split(rb"\r?\n\r?\n", rfc822, maxsplit=1)[0].decode("utf-8", "replace")
        head = head.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n"
        top.text(0x007D, head)
    top.long(0x0E07, 1)  # message flags: read
    counts = struct.pack("<IIII", len(recipients), len(attachments), len(recipients), len(attachments))
    # the property stream's header: 32 bytes for a message file, 24 for an embedded message
    top.write(writer, base, b"\0" * 8 + counts + (b"" if embedded else b"\0" * 8))
    if not embedded:
        writer.addEntry(base + ["__nameid_version1.0"], storage=True)
        for n in (2, 3, 4):
            writer.addEntry(base + ["__nameid_version1.0", _tag(n, PT_BINARY)], b"")
    for i, (rtype, (name, addr)) in enumerate(recipients):
        rbase = base + [f"__recip_version1.0_#{i:08X}"]
        writer.addEntry(rbase, storage=True)
        r = _Props()
        r.text(0x3001, name or addr)
        r.text(0x3003, addr)
        r.text(0x3002, "SMTP")
        r.text(0x39FE, addr)
        r.long(0x0C15, rtype)
        r.long(0x3000, i)
        r.write(writer, rbase, b"\0" * 8)
    for i, (name, ctype, data, is_message) in enumerate(attachments):
        abase = base + [f"__attach_version1.0_#{i:08X}"]
        writer.addEntry(abase, storage=True)
        a = _Props()
        if name:
            a.text(0x3707, name)
            a.text(0x3704, name[:12])
            a.text(0x3703, Path(name).suffix)
        a.text(0x3001, name or "message")
        a.long(0x0E21, i)
        if is_message:
            a.long(0x3705, 5)  # attach an embedded message: a storage holding the message's own properties
            a.write(writer, abase, b"\0" * 8)
            writer.addEntry(abase + ["__substg1.0_3701000D"], storage=True)
            _write_message(writer, abase + ["__substg1.0_3701000D"], data, True, embedded=True)
        else:
            a.binary(0x3701, data)
            a.text(0x370E, ctype)
            a.long(0x3705, 1)  # attach by value
            a.write(writer, abase, b"\0" * 8)


def write_msg(path: Path, rfc822: bytes, transport_headers: bool = True) -> Path:
    """A .msg holding the message: received-style (with its transport headers) or sent-style (MAPI only);
    an attached message becomes an embedded one, as Outlook keeps it."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    _write_message(writer, [], rfc822, transport_headers, embedded=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write(str(path))
    return path


def write_msg_folder(root: Path, messages, sent_folders: tuple[str, ...] | None = None) -> Path:
    """Outlook's drag-and-drop export: one .msg per message, sub-folders kept. Messages of
    ``sent_folders`` are written sent-style (no transport headers); without it, every other one."""
    for i, (folder, data) in enumerate(messages):
        received = folder not in sent_folders if sent_folders is not None else i % 2 == 0
        write_msg(root / folder / f"{i:03d} message.msg", data, transport_headers=received)
    return root


def _mbox_entry(data: bytes, status: int) -> bytes:
    """One message as Thunderbird appends it: separator, status headers, >From quoting, blank line."""
    head = f"From - Mon Mar 04 09:00:00 2024\nX-Mozilla-Status: {status:04x}\nX-Mozilla-Status2: 00000000\n"
    body = data.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
    return head.encode() + body.rstrip(b"\n") + b"\n\n"


def write_thunderbird_profile(profile: Path, messages, account_dir: str = "ImapMail/imap.univ-exemple.fr",
                              account_name: str = "jeanne.dupont@univ-exemple.fr", crlf: bool = False) -> Path:
    """A profile with prefs.js, one IMAP account (folders nested as .sbd, .msf indexes beside each
    mbox file) and an empty Local Folders account; INBOX is the IMAP account's inbox. ``crlf``:
    the line endings Thunderbird writes on Windows."""
    account = profile.joinpath(*account_dir.split("/"))
    local = profile / "Mail" / "Local Folders"
    for d in (account, local):
        d.mkdir(parents=True, exist_ok=True)
    (profile / "prefs.js").write_text(
        '// Mozilla User Preferences\n'
        f'user_pref("mail.server.server1.directory-rel", "[ProfD]{account_dir}");\n'
        f'user_pref("mail.server.server1.name", "{account_name}");\n'
        'user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/Local Folders");\n'
        'user_pref("mail.server.server2.name", "Local Folders");\n', "utf-8")
    for name in ("Trash", "Unsent Messages"):
        (local / name).write_bytes(b"")
        (local / f"{name}.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->\n")
    (local / "msgFilterRules.dat").write_text('version="9"\nlogging="no"\n')
    files: dict[Path, list[bytes]] = {}
    for i, (folder, data) in enumerate(messages):
        parts = folder.split("/")
        rel = [p + ".sbd" for p in parts[:-1]] + [parts[-1]]
        files.setdefault(account.joinpath(*rel), []).append(_mbox_entry(data, 1 if i % 2 else 0))
    for path, entries in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = b"".join(entries)
        path.write_bytes(data.replace(b"\n", b"\r\n") if crlf else data)
        Path(f"{path}.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> >\n")
    (account / "folderTree.json").write_text("{}")
    return profile


def _emlx(data: bytes, flags: int) -> bytes:
    data = data.replace(b"\r\n", b"\n")
    plist = plistlib.dumps({"flags": flags, "date-received": 1709539200, "remote-id": "1"})
    return f"{len(data)}\n".encode() + data + plist


def _decoded(name: str) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(name))) if "=?" in name else name


def write_apple_mail_store(root: Path, messages, account: str = "4B1C2D3E-0000-4000-8000-00000000A1B2") -> Path:
    """Apple Mail's own store: ``V10/<account>/<Folder>.mbox/<id>/Data/<digits>/Messages/<n>.emlx``,
    nested mailboxes as nested ``.mbox`` directories; one message kept ``.partial.emlx`` with its
    attachment stored apart, as Mail does for large parts."""
    import email as _email

    for i, (folder, data) in enumerate(messages):
        boxes = [p + ".mbox" for p in folder.split("/")]
        messages_dir = root.joinpath(account, *boxes, "9F8E7D6C-1111-4222-8333-444455556666", "Data", "1",
                                     "Messages")
        messages_dir.mkdir(parents=True, exist_ok=True)
        m = _email.message_from_bytes(data, policy=_email.policy.compat32)
        stored_apart = [p for p in m.walk() if p.get_filename() and isinstance(p.get_payload(decode=True), bytes)
                        and "/" not in _decoded(p.get_filename()) and "\n" not in _decoded(p.get_filename())]
        if stored_apart:
            store = messages_dir.parent / "Attachments" / str(100 + i) / "2"
            store.mkdir(parents=True, exist_ok=True)
            for p in stored_apart:
                (store / _decoded(p.get_filename())).write_bytes(p.get_payload(decode=True))
                p.set_payload("")
                p["X-Apple-Content-Length"] = "1"
            (messages_dir / f"{100 + i}.partial.emlx").write_bytes(_emlx(m.as_bytes(), 1))
        else:
            (messages_dir / f"{100 + i}.emlx").write_bytes(_emlx(data, 1 if i % 2 else 0))
        (root / account / boxes[0] / "Info.plist").write_bytes(plistlib.dumps({"DisplayName": folder}))
    return root


def write_apple_mbox_export(root: Path, messages) -> Path:
    """Mailbox > Export Mailbox: one ``<Folder>.mbox`` bundle per mailbox, an ``mbox`` file and a
    ``table_of_contents`` inside, sub-mailboxes as bundles within the bundle."""
    files: dict[Path, list[bytes]] = {}
    for folder, data in messages:
        bundle = root.joinpath(*[p + ".mbox" for p in folder.split("/")])
        entry = b"From alice@univ-exemple.fr Mon Mar  4 09:00:00 2024\n" + data.replace(b"\r\n", b"\n").replace(
            b"\nFrom ", b"\n>From ").rstrip(b"\n") + b"\n\n"
        files.setdefault(bundle, []).append(entry)
    for bundle, entries in files.items():
        bundle.mkdir(parents=True, exist_ok=True)
        (bundle / "mbox").write_bytes(b"".join(entries))
        (bundle / "table_of_contents").write_bytes(b"\0\0\0\x01binary index")
    return root
