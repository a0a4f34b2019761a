"""HTML to plain text with the standard library: fast, no network, no script execution.

Block elements become line breaks so that "Mot de passe :<br>X" keeps its line structure, and
table cells are separated by tabs, one row a line, like a spreadsheet's text (so a column such as
"Mot de passe" is still a column for the redaction of the outputs);
scripts, styles and comments are dropped; entities are decoded.
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

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK and tag != "tr":  # rows of a table follow each other, line after line
            self.out.append("\n")

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
    text = re.sub(r" *\t[ \t]*", "\t", text)  # table cells stay tab-separated, like a spreadsheet's
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
