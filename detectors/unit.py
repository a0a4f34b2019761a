"""The input of every detector: a unit of text with what is known of its message.

Detectors do no I/O; everything they may use about the message travels here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class MessageContext:
    """Facts about the message a unit comes from, used to raise or lower scores."""

    subject: str = ""
    sender: str = ""
    sender_name: str = ""
    recipients: tuple[str, ...] = ()
    owner_domains: tuple[str, ...] = ()
    is_bulk: bool = False
    is_auto_reply: bool = False
    attachment_names: tuple[str, ...] = ()
    has_encrypted_attachment: bool = False
    # the owner filed the message in a folder of their own personal life ("Perso", "Privé", "Personal")
    personal_folder: bool = False
    # the body says the code is in the Subject line ("le code portail c'est dans l'objet")
    code_in_subject: bool = False
    # personal | list | bulk | notification | press | spam: broadcast content weighs little for the
    # categories whose person must be someone the owner deals with. ``genre_hint`` is what the
    # headers say (part of the unit cache key); ``genre_probe`` reads the body on first use.
    genre_hint: str = "personal"
    genre_probe: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    @property
    def genre(self) -> str:
        return self.genre_probe() if self.genre_probe is not None else self.genre_hint


# a line break inside a sentence: after a letter, a digit or a comma, before a lower-case word
_WRAP = re.compile(r"(?<=[\w,’'\-])\n(?=[a-zà-ÿ(])")


@dataclass(frozen=True)
class TextUnit:
    """A piece of text to scan.

    ``kind`` is one of ``subject``, ``body``, ``attachment``. ``zones`` gives, for a body,
    the spans that are signature or disclaimer blocks (evidence there weighs little) and the
    spans that are quoted replies (still in the mailbox, so still counted). ``rows`` is set
    for tabular attachments (spreadsheets, CSV): one tuple of cell strings per row.
    """

    text: str
    location: str = "body"
    kind: str = "body"
    lang: str = "fr"
    filename: str = ""
    content_type: str = "text/plain"
    context: MessageContext = field(default_factory=MessageContext)
    boilerplate: tuple[tuple[int, int], ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    ocr: bool = False

    def in_boilerplate(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.boilerplate)

    def evidence(self, rx) -> list:
        """Matches of ``rx`` (a compiled pattern or a lexicon ``FastPattern``, searched through the
        word index) in the folded text, hard-wrapped sentences joined, that lie outside signature and
        disclaimer blocks."""
        from ._util import word_prefixes
        from .lexicon import FastPattern

        text = self.folded_prose
        # the words of the prose reading are those of the folded text: its word index serves
        found = rx.finditer(text, word_prefixes(self.folded)) if isinstance(rx, FastPattern) else rx.finditer(text)
        return [m for m in found if not self.in_boilerplate(m.start())]

    @cached_property
    def lower(self) -> str:
        """Computed once per unit: every detector's keyword gate reads it."""
        return self.text.lower()

    @cached_property
    def persons(self):
        """Where the text names people, indexed once per unit for the detectors that need one."""
        from .persons import index_persons

        return index_persons(self.text, self.context.subject or "")

    @cached_property
    def folded(self) -> str:
        """Lower case without accents, computed once per unit for all the lexicon detectors."""
        from ._util import fold

        return fold(self.text)

    @cached_property
    def folded_subject(self) -> str:
        """The message's Subject folded, for a body only: a body is read with the subject line that names
        it ("WP3 results - before the Vienna paper"); a subject or an attachment unit has no other one."""
        from ._util import fold

        return fold(self.context.subject or "") if self.kind == "body" else ""

    def _wraps(self):
        """``_WRAP.finditer(self.text)``, the pattern tried at each line break alone (it opens with a
        look-behind: re tried it at every character)."""
        text = self.text
        i = text.find("\n")
        while i >= 0:
            m = _WRAP.match(text, i)
            if m:
                yield m
            i = text.find("\n", i + 1)

    @cached_property
    def folded_prose(self) -> str:
        """:attr:`folded` with the line breaks that hard-wrap a sentence read as spaces ("mes trois\nderniers
        bulletins"), so a lexicon phrase matches across them; the same length, so positions hold."""
        folded = self.folded
        if "\n" not in folded:
            return folded
        chars = None
        for m in self._wraps():
            line_start = self.text.rfind("\n", 0, m.start()) + 1
            if m.start() - line_start >= 30:
                chars = chars if chars is not None else list(folded)
                chars[m.start()] = " "
        return "".join(chars) if chars is not None else folded
