"""Which local source a path is: the export a person has, recognised from the path alone.

Files: ``.pst``/``.ost`` (readpst), ``.msg``/``.eml``/``.emlx`` (one message), anything else an
mbox (a Thunderbird folder file, an ``.mbox`` export). Directories, in this order: a Thunderbird
profile or its ``Mail``/``ImapMail`` folders or one account (``.msf``/``.sbd``), a Maildir, Apple
Mail (``.mbox`` bundles, ``.emlx``), a tree holding Outlook ``.msg`` files, a tree of ``.eml``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError
from .base import Source

KINDS = ("Maildir, mbox, .eml/.msg/.emlx files or folders, a Thunderbird profile or folder, Apple Mail "
         ".mbox/.emlx, an Outlook .pst/.ost")


def open_local(spec: str) -> Source:
    from .local import EmlFolderSource, MaildirSource, MboxSource
    from .message_files import AppleMailSource, MessageFilesSource, has_msg_files, is_apple_mail, message_kind
    from .thunderbird import ThunderbirdSource, is_thunderbird

    path = Path(os.path.expanduser(spec))
    if path.is_file():
        low = path.name.lower()
        if low.endswith((".pst", ".ost")):
            from .pst import PstSource

            return PstSource(path)
        if message_kind(path.name) and not path.name.rstrip(".").isdigit():
            return MessageFilesSource(path, label="message file", account_prefix="file")
        if Path(f"{path}.msf").is_file() or path.parent.name.endswith(".sbd"):
            return ThunderbirdSource(path)
        return MboxSource(path)
    if path.is_dir():
        if is_thunderbird(path):
            return ThunderbirdSource(path)
        for _dirpath, dirnames, _ in os.walk(path):
            if {"cur", "new"} <= set(dirnames):
                return MaildirSource(path)
            break
        try:
            return MaildirSource(path)
        except UsageError:
            pass
        if is_apple_mail(path):
            return AppleMailSource(path)
        if has_msg_files(path):
            return MessageFilesSource(path, label="folder of Outlook .msg and .eml files", account_prefix="msg")
        return EmlFolderSource(path)
    raise UsageError(f"no such mailbox: {spec} (an imaps:// URL, or a local path: {KINDS})")
