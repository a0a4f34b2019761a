"""HTML to plain text with the standard library: fast, no network, no script execution.

Block elements become line breaks so that "Mot de passe :<br>X" keeps its line structure;
scripts, styles and comments are dropped; entities are decoded. A table row is one line whose
cells are separated by tabs (the convention of the tabular extractors), even when a cell wraps
its content in paragraphs as Outlook does, so a table of people stays a table.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset(
    "p div br tr li ul ol table h1 h2 h3 h4 h5 h6 pre blockquote hr section article header footer dd dt "
    "title address".split()
)
_SKIP = frozenset(("script", "style", "head", "noscript", "template"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.in_cell = False

    def _block(self, tag: str) -> None:
        if tag in ("tr", "table"):
            self.in_cell = False
        self.out.append(" " if self.in_cell else "\n")  # a paragraph inside a cell stays in its row

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self._block(tag)
        elif tag in ("td", "th"):
            self.out.append("\t")
            self.in_cell = True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self._block(tag)
        elif tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    text = "".join(parser.out)
    text = re.sub(r"[ \r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\t *", "\t", text)  # cell separators kept, one per cell
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
