"""Provider tokens, private keys, JWTs and URLs or connection strings with embedded passwords.

These have shapes a machine can recognise without reading the prose around them. The shapes
are data (``lexicons/token_rules.json``); nothing found is ever sent anywhere to be "verified".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from ._util import char_classes, is_placeholder, load_json, shannon_entropy
from .base import Detector, clamp
from .finding import Match
from .unit import TextUnit

_URL_CRED = re.compile(
    r"(?i)\b(?P<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|ftps?|sftp|smtps?|"
    r"imaps?|pop3s?|https?|ldaps?|mssql|sqlserver|oracle|jdbc:[a-z0-9]+|svn|git|ssh|webdav|davs?)://"
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
            (r["name"], re.compile(r["regex"]), float(r["score"]), tuple(r["keywords"]), int(r["group"]))
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
            for m in _URL_CRED.finditer(text):
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
        for m in _KEYWORD_ENTROPY.finditer(text):
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
