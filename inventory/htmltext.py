"""HTML to plain text with the standard library: fast, no network, no script execution.

Block elements become line breaks so that "Mot de passe :<br>X" keeps its line structure; a list item
opens its line with "- " as plain-text mail writes one; a table
row is one line whose cells are separated by a tab, so a column header ("Mot de passe") stays the
context of the values under it; scripts, styles and comments are dropped; entities are decoded.
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
        self.cells = 0
        self.tables = 0  # open <table> elements
        self.in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK and self.in_cell and tag not in ("table", "tr"):
            self.out.append(" ")  # a paragraph or a line break inside a cell keeps the row on one line
        elif tag in _BLOCK:
            # a list item reads as one: "- Ines Lemaire: 2 450", the way plain-text mail writes lists
            self.out.append("\n- " if tag == "li" else "\n")
            self.tables += tag == "table"
            if tag in ("tr", "table") or not self.tables:
                self.cells = 0
                self.in_cell = False
        elif tag in ("td", "th"):
            self.in_cell = True
            # cells of a row are separated by one tab, so a column header stays the context of its values
            if self.cells:
                self.out.append("\t")
            self.cells += 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self.in_cell = False
        elif tag in _BLOCK and self.in_cell and tag not in ("table", "tr"):
            self.out.append(" ")
        elif tag in _BLOCK and tag != "tr":  # the next row or block starts its own line: rows stay adjacent
            self.tables -= tag == "table" and self.tables > 0
            self.out.append("\n")

    def handle_data(self, data):
        if self.tables and not self.in_cell and not data.strip():
            return  # the source's line breaks between rows and cells are layout, not text
        if not self.skip:
            self.out.append(data.replace("\t", " "))


def html_to_text(html: str) -> str:
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    text = "".join(parser.out)
    text = re.sub(r"[ \r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\t *", "\t", text)  # one tab per cell, empty cells kept: columns stay aligned
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
