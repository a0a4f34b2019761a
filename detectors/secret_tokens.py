"""Provider tokens, private keys, JWTs and URLs or connection strings with embedded passwords.

These have shapes a machine can recognise without reading the prose around them. The shapes
are data (``lexicons/token_rules.json``); nothing found is ever sent anywhere to be "verified".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from ._util import char_classes, finditer_words, is_placeholder, load_json, shannon_entropy
from .base import Detector, clamp
from .finding import Match
from .lexicon import group_end, split_alternatives
from .unit import TextUnit

_URL_CRED = re.compile(
    r"(?i)\b(?P<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|ftps?|sftp|smtps?|"
    r"imaps?|pop3s?|https?|ldaps?|mssql|sqlserver|oracle|jdbc:[a-z0-9]+|svn|git|ssh|webdav|davs?|smb|cifs|nfs|rdp|vnc|"
    r"telnet|s3|rsync)://"
    r"(?P<user>[^\s:/@'\"<>]{1,64}):(?P<pw>[^\s@/'\"<>]{1,128})@[\w.\-\[\]]+"
)
_PARAM_CRED = re.compile(r"(?i)(?:[?&;]|\s)(?:password|passwd|pwd|pass)=(?P<pw>[^&;\s'\"<>]{3,128})")
_ENV_CRED = re.compile(
    r"(?im)^[ \t]*(?:export[ \t]+|set[ \t]+)?(?P<key>[A-Za-z][A-Za-z0-9_]*?(?:PASSWORD|PASSWD|PWD|SECRET|TOKEN|"
    r"API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?KEY|CLIENT_?SECRET|CREDENTIALS?)[A-Za-z0-9_]*)[ \t]*[=:][ \t]*"
    r"[\"']?(?P<val>[^\s\"']{6,256})"
)
_KEYWORD_ENTROPY = re.compile(
    r"(?i)\b(?:secret|token|jeton|api[ _-]?key|cl[ée] (?:d'api|api|secr[èe]te|priv[ée]e)|access[ _-]?key|"
    r"client[ _-]?secret|bearer)\b[^\n]{0,30}?[\s:=\"'](?P<val>[A-Za-z0-9+/_\-=.]{20,256})"
)


# what matches of the two patterns above begin with (lower case): they open with \b and a
# case-insensitive alternation, which re tried at every character of every text
_URL_CRED_STARTS = ("postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "ftp", "sftp", "smtp", "imap", "pop3",
                    "http", "ldap", "mssql", "sqlserver", "oracle", "jdbc:", "svn", "git", "ssh", "webdav", "dav", "smb",
                    "cifs", "nfs", "rdp", "vnc", "telnet", "s3", "rsync")
_KEYWORD_ENTROPY_STARTS = ("secret", "token", "jeton", "api", "clé", "cle", "access", "client", "bearer")


class _Searched:
    """A rule's pattern searched fast when it opens with a look-behind (``(?<![A-Za-z0-9])AKIA...``):
    re finds no literal prefix behind it and tries the pattern at every character. The rest of the
    pattern is searched alone (its literal prefix is scanned for) and the look-behind checked where
    it matches; where it fails, the search goes on from the next character, so the matches are the
    same as the whole pattern's."""

    def __init__(self, pattern: str) -> None:
        self.whole = re.compile(pattern)
        self._behind = self._rest = None
        if pattern.startswith(("(?<!", "(?<=")):
            end = group_end(pattern)
            rest = pattern[end + 1:] if end > 0 else ""
            if rest and len(split_alternatives(rest)) == 1:
                behind = re.compile(pattern[:end + 1])
                if behind.groups == 0:
                    self._behind, self._rest = behind, re.compile(rest)

    def finditer(self, text: str):
        if self._rest is None:
            yield from self.whole.finditer(text)
            return
        pos = 0
        while True:
            m = self._rest.search(text, pos)
            if m is None:
                return
            start = m.start()
            if m.end() == start:  # an empty match: the whole pattern's own scan from here
                yield from self.whole.finditer(text, start)
                return
            if self._behind.match(text, start) is None:
                pos = start + 1
                continue
            yield m
            pos = m.end()




def _any_in(words: tuple[str, ...], low: str) -> bool:
    """``any(w in low for w in words)`` without a generator (25 rules per unit)."""
    for w in words:
        if w in low:
            return True
    return False


class SecretTokens(Detector):
    """Known token shapes (AWS, GitHub, GitLab, Slack, Google, Stripe, Azure, OpenAI, JWT...),
    private key blocks, credentials embedded in URLs and connection strings, ``.env`` secrets and
    high-entropy strings next to a secret keyword."""

    name = "credentials.secret_tokens"
    version = "1"
    categories = (C.CREDENTIALS,)
    description = __doc__

    def __init__(self) -> None:
        rules = load_json("token_rules.json")["rules"]
        self._rules = [
            (r["name"], _Searched(r["regex"]), float(r["score"]), tuple(r["keywords"]), int(r["group"]))
            for r in rules
        ]

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in taken)

        def emit(a, b, va, vb, score, reason, label):
            if not free(va, vb):
                return None
            taken.append((va, vb))
            if unit.context.is_bulk:
                score *= 0.7
            return Match(C.CREDENTIALS, a, b, clamp(score), reason, va, vb, label=label)

        for name, rx, score, kws, group in self._rules:
            if kws and not _any_in(kws, low):
                continue
            for m in rx.finditer(text):
                va, vb = m.span(group)
                value = m.group(group)
                if name in ("twilio_api_key", "mailgun_api_key") and shannon_entropy(value) < 3.0:
                    continue
                if name == "openai_api_key" and char_classes(value) < 3:
                    continue
                found = emit(m.start(), m.end(), va, vb, score, f"token shape {name}", name)
                if found:
                    yield found

        if "://" in text:
            for m in finditer_words(_URL_CRED, text, _URL_CRED_STARTS, low):
                pw = m.group("pw")
                if is_placeholder(pw) or pw.lower() in {"pass", "pwd", "mdp"}:
                    continue
                found = emit(m.start(), m.end(), *m.span("pw"), 0.95,
                             f"credentials embedded in a {m.group('scheme').lower()} URL", "url_credentials")
                if found:
                    yield found
        if "=" in text:
            for m in _PARAM_CRED.finditer(text):
                pw = m.group("pw")
                if is_placeholder(pw):
                    continue
                found = emit(m.start(), m.end(), *m.span("pw"), 0.9,
                             "password parameter in a connection string", "connection_string")
                if found:
                    yield found
            for m in _ENV_CRED.finditer(text):
                val = m.group("val")
                if is_placeholder(val) or (char_classes(val) < 2 and shannon_entropy(val) < 3.0):
                    continue
                found = emit(m.start(), m.end(), *m.span("val"), 0.85,
                             f"secret assignment {m.group('key')}=...", "env_assignment")
                if found:
                    yield found
        for m in finditer_words(_KEYWORD_ENTROPY, text, _KEYWORD_ENTROPY_STARTS, low):
            val = m.group("val")
            if is_placeholder(val) or shannon_entropy(val) < 3.5 or char_classes(val) < 2:
                continue
            if val.lower().startswith(("http", "www")) or val.count(".") > 2:
                continue
            found = emit(m.start(), m.end(), *m.span("val"), 0.75,
                         f"high-entropy string (H={shannon_entropy(val):.1f}) after a secret keyword",
                         "keyword_entropy")
            if found:
                yield found
