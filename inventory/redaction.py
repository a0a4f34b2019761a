"""Redaction at the output boundary: whatever a detector missed still never reaches a file in clear.

Each detector masks the value it found. The outputs also echo the mail's own text: excerpts around
a finding, subjects, attachment and file names, display names, error messages. A secret that no
detector recognised would be written there in clear, in a workbook meant to be handed to a data
protection officer and kept. This module redacts such text *by shape*, independently of which
detector fired and of whether any did:

- provider token shapes (AWS, GitHub, GitLab, Slack, Stripe, Google, SendGrid, JWT, PEM blocks,
  credentials inside URLs, ``password=...`` assignments);
- long high-entropy tokens (random base64 or hex);
- password-like tokens: mixed upper and lower case with digits, or letters with symbols;
- the value after an access word (mot de passe, code, PIN, passphrase, Wi-Fi...): digit runs of 4
  or more, a quoted phrase, the token that follows ``:`` / ``est`` / ``is``, the rest of the line
  after a passphrase;
- IBAN, NIR (social security number), card and other long identifier numbers, whatever their
  checksum, partly masked ones included; a code of 5 to 8 digits on a line of its own;
- the cells under a password-like column (mot de passe, code, PIN, digicode...) of a table.

Ordinary words, names, dates, years, amounts and times stay readable. Every masked value keeps at
most its last two characters and shows its length (see :func:`detectors.masking.mask_value`).

Only ``--reveal-secrets`` turns this off: it is the one way to see values.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from detectors.masking import MASK_CHAR, mask_value

Span = tuple[int, int]
CONTEXT_CHARS = 400  # read around an excerpt window: its access words, the rest of a cut value

# -- masked forms already in a text: never redacted twice ---------------------------------------------
_MASKED = re.compile(MASK_CHAR + r"+\(\d+\)\S{0,2}")

# -- provider and structural shapes ---------------------------------------------------------------------
_PEM = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}-----.*?(?:-----END [A-Z0-9 ]{0,40}-----|\Z)", re.S)
_PROVIDER = re.compile(
    r"(?<![\w-])(?:"
    r"(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[0-9A-Z]{12,20}"  # AWS access key ids
    r"|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"  # GitHub
    r"|glpat-[A-Za-z0-9_-]{16,}"  # GitLab
    r"|xox[abposre]-[A-Za-z0-9-]{10,}"  # Slack
    r"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"  # Stripe
    r"|AIza[0-9A-Za-z_-]{30,}"  # Google
    r"|SG\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"  # SendGrid
    r"|(?:pk|sk)\.eyJ[A-Za-z0-9_.-]{10,}"  # Mapbox
    r"|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?"  # JWT
    r"|(?:sk|hf|npm|pypi|glc|shpat|shpss)[-_][A-Za-z0-9_-]{20,}"  # OpenAI, Hugging Face, npm, PyPI...
    r")"
)
# user:password@ in a URL (postgresql://app:S3cret@db:5432/x): the password part
_URL_CREDENTIAL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{1,64}:([^\s@/]{1,128})@")
# key=value and "key": "value" assignments of a secret (config files, query strings, scripts)
_ASSIGNMENT = re.compile(
    r"(?i)(?:\b|_)(?:password|passwd|pwd|pw|pass|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|"
    r"secret[_-]?key|client[_-]?secret|auth|sig|signature|mdp)[\"']?\s*(?:=|:=|=>|\":|':)\s*[\"']?([^\s\"'&,;<>]{2,256})")

# "login : jdupont / azerty2024": the second of a user / password pair
_LOGIN_PAIR = re.compile(r"(?i)(?<![\w])(?:identifiants?|login|logins|user(?:name)?|utilisateur|compte|account)"
                         r"\s*[:=]?\s*[^\s/]{2,64}\s*/\s*([^\s/,;()]{3,64})")

# -- numbers ------------------------------------------------------------------------------------------
# groups of digits (or of '*' left by a partial mask) joined by one space, dot or dash
# (starting only where a run starts, and atomic, so a long row of digits costs linear time)
_DIGIT_RUN = re.compile(r"(?<![\w*])(?<![\d*][ .\-\u00a0\u202f])(?>[\d*]+(?:[ .\-\u00a0\u202f][\d*]+)*)(?![\w*])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9*]{4}){2,7}(?:[ \u00a0]?[A-Z0-9*]{1,4})?"
                   r"(?![A-Za-z0-9])")
_NIR = re.compile(r"(?<![\w])(?:[12]\d{4}(?:\d{2}|2[AB])[\d*]{6}(?:\d{2})?"  # 13 or 15 in one piece
                  r"|[12](?P<s>[ .])\d{2}(?P=s)\d{2}(?P=s)(?:\d{2}|2[AB])(?P=s)[\d*]{3}(?P=s)[\d*]{3}"
                  r"(?:(?P=s)\d{2})?)(?![\w])")
# a UK National Insurance number (two letters, six digits, A to D), as a table column holds it
_NINO = re.compile(r"(?<![\w])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"
                   r"(?![\w])")
_RIB = re.compile(r"(?<![\w])\d{5}[ .]?\d{5}[ .]?[\dA-Z]{11}[ .]?\d{2}(?![\w])")  # bank, branch, account, key
_AMOUNT_AFTER = re.compile(r"\s?(?:€|eur\b|euros?\b|k€|m€|\$|usd\b|%|ht\b|ttc\b|octets|bytes|ko\b|mo\b|go\b)", re.I)
_DATE_IN_RUN = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]\d[.-][01]\d[.-](?:19|20)\d\d|\b[0-2]?\d[.h][0-5]\d\b")
_YEAR_REFERENCE = re.compile(r"(?:19|20)\d\d-\d{1,6}$")
_DATE8 = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")

# -- access words -------------------------------------------------------------------------------------
_ACCESS = re.compile(
    r"(?i)(?<![\w])(?:mots?[ -]de[ -]passe|mdp|pass?words?|passwd|pwd|passcode|"
    r"(?P<phrase>pass ?phrase|phrase(?:s)? (?:de passe|secr[èe]te)|phrase secr[èe]te)|"
    r"codes?|digicodes?|pin|code pin|otp|cryptogramme|crypto|au dos|cvv|cvc|cvv2|security code|"
    r"cl[ée]s? (?:wi-?fi|wpa2?|d'acc[èe]s|de s[ée]curit[ée]|r[ée]seau)|(?:network|security|wpa2?) key|"
    r"wi-?fi|wpa2?|secret|jetons?|tokens?|pw|pass(?=\s*[:=]))(?![\w])")
# what a code opens: the digit runs that follow it are its code ("cadenas 0412", "l'alarme c'est toujours 2580")
_ACCESS_OBJECT = re.compile(r"(?i)(?<![\w])(?:alarmes?|cadenas|portail|portillon|coffre(?:-fort)?|bo[iî]te [àa] cl[ée]s|"
                            r"key ?box|key ?safe|padlock|alarm|gate|interphone)(?![\w])")
_SEPARATOR = re.compile(r"(?i)\s*(?:[:=]|\bc'?\s?est\b|\best\b|\bis\b|\bsera\b|\breste\b|\b[àa]\s+taper\b|->|→)\s*[:=]?\s*")
_WORDS_ONLY = re.compile(r"^[^\W\d_]*(?:[\s'’-]+[^\W\d_]+)*\s*$")  # "du wifi de la salle"
# a first word after "est"/"is" that makes a sentence, not a value
_PROSE = frozenset("""dans en le la les un une des du de au aux sur sous pas plus ici là toujours encore bien bon
    correct incorrect valide faux expiré changé envoyé identique même similaire celui celle oublié perdu bloqué
    réseau network ssid à voir
    the a an in on not still valid wrong expired changed same sent below above attached ci-dessous ci-joint""".split())
_QUOTED = re.compile(r"[\"«“'‘]\s*([^\"»”'’\n]{2,80}?)\s*[\"»”'’]")
_STOP = re.compile(r"\s[(\[]|\s[-–—/]\s|[,;]\s|\.\s|\.$|\s{3,}|\t|\)")
_DIGITS_AFTER = re.compile(r"(?<![\w/])\d(?:[ .]?\d){3,}[A-Za-z#*]?(?![\w])")  # 4+ digits, PIN-like suffix
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_OR_AMOUNT = re.compile(r"\s*(?:€|\$|£|%|eur\b|euros?\b|k€|m\b|km\b|mm\b|ans\b|years?\b)", re.I)
_CVV_DIGITS = re.compile(r"(?<![\w])\d{3,4}(?![\w])")
_HEADER_WORD = re.compile(
    r"(?i)^\s*(?:mots? de passe(?: initial| provisoire| temporaire)?|mdp|pass(?:word)?s?|pwd|"
    r"(?:initial |temporary |default )?password|codes?(?: d'acc[èe]s| porte| d'entr[ée]e| alarme| pin)?|"
    r"digicodes?|pin|code pin|secret|cl[ée] wi-?fi|cl[ée]|token|jeton|combinaison|code (?:du )?(?:cadenas|coffre)|"
    r"access code|door code|passcode)\s*[:*]?\s*$")

_NEEDS_LOOK = re.compile(r"[\d!#$%&*?@^~+=_\\/|;:\t\u2022<>{}\[\]]")

# -- tokens -------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\s()\[\]{}<>\"'`,;:«»“”‘’|…]+")
_KEY_EQ = re.compile(r"^(?:[A-Z_][A-Z0-9_]{1,40}|[a-z_][a-z0-9_.-]{1,40})=(?=[^=])")  # NAME=value: the name stays readable
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,20}://|www\.)[^\s<>\"'«»]+")
_EXTENSION = re.compile(r"\.(?:pdf|docx?|xlsx?|xlsm|pptx?|od[tsp]|csv|txt|rtf|zip|7z|rar|gz|tgz|tar|jpe?g|png|gif|"
                        r"tiff?|heic|bmp|eml|msg|html?|xml|json|ya?ml|ini|conf|cfg|env|kdbx|pem|key|p12|pfx|ppk|"
                        r"sql|log|bak|mp[34]|wav|avi|mov|dat|bin|exe)$", re.I)
_EMAIL = re.compile(r"^[\w.+-]+@(?:[\w-]*[^\W\d_][\w-]*\.)+[^\W\d_]{2,}\.?$")
_NOTES_ADDRESS = re.compile(r"^[^\W\d_][\w.' -]*(?:/[A-Za-z0-9-]+)+@[A-Za-z][A-Za-z-]*$")  # Jane Gay/HOU/ECT@ECT
_EDGE_TRAIL = ".…,;:"
_SENTENCE_END = re.compile(r"^[^\W\d_]+[!?]+$")
_INNER_DIGITS = re.compile(r"^[^\W\d_]{3,}\d{2,}[^\W\d_]{2,}$")
_PARTS_WITH_CODE = re.compile(r"^(?=(?:[^-_.]*[-_.]){2})(?:.*[-_.])?(?!(?:19|20)\d\d(?:$|[-_.]))\d{4,}(?:[-_.].*)?$")
_FORMULA = re.compile(r"^(?:[A-Z][a-z]?\d{0,3})+$")  # NaHCO3, Fe2O3: a chemical formula
_UNIT_NUMBER = re.compile(r"^[\d.,]+(?:[a-zA-Zµ°%]{1,4})(?:/[a-zA-Zµ]{1,3})?$")
_WORDISH = set("-'’._/")
_HIGH_ENTROPY_RUN = re.compile(r"[A-Za-z0-9+/_=-]{20,}")
_HEX = re.compile(r"^(?:[0-9a-f]{20,}|[0-9A-F]{20,})$")


_DATE_TOKEN = re.compile(r"^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$|^\d{1,2}h\d{0,2}$|^(?:19|20)\d\d$")
_COMMON_HYPHENATED = frozenset("""ci-joint ci-jointe ci-joints ci-dessous ci-dessus peut-être c'est-à-dire
    celui-ci celle-ci celui-là vous-même moi-même e-mail wi-fi re-send au-dessus là-bas""".split())


def _value_like(tok: str) -> bool:
    """A token after an access word that is a value rather than a word: it holds a digit or a
    symbol, or joins words with hyphens (chaton-bleu)."""
    core = tok.rstrip(_EDGE_TRAIL)
    if len(core) < 3 or MASK_CHAR in core or _ACCESS.fullmatch(core) or _DATE_TOKEN.match(core):
        return False
    if any(c.isdigit() for c in core) or password_like(core):
        return True
    if any(not c.isalnum() and c not in "-'’._/" for c in core):
        return True
    return bool(re.fullmatch(r"[^\W\d_]{3,}(?:-[^\W\d_]{2,})+", core)) and core.lower() not in _COMMON_HYPHENATED


def _entropy(s: str) -> float:
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def _digit_evidence(tok: str) -> bool:
    """Digits glued to a symbol or inside a run of letters (Kq7!, Chimie2021*, h4Jx, 26!) rather
    than a year between separators (COVID-19, CR_2024-03-12), a version or a reference (V2, F2024)
    or an ordinal (1er, 2ème)."""
    for m in re.finditer(r"\d+", tok):
        before, after = tok[:m.start()], tok[m.end():]
        b, a = before[-1:], after[:1]
        if (b and not b.isalnum() and b not in _WORDISH) or (a and not a.isalnum() and a not in _WORDISH):
            return True
        if b.isalpha():
            run = len(re.search(r"[^\W\d_]*$", before).group())
            if run >= 2 or a.isalpha():
                return True
    return False


def password_like(tok: str) -> bool:
    """Mixed letter classes with digits or symbols: 'Kq7!mz2Lp', 'Chimie2021*', 'Vpn!Presta',
    'Lentille$88'; not 'COVID-19', 'Horizon-2020', 'Marc!', 'L'équipe', '10mL' or 'iPhone'."""
    core = tok.rstrip(_EDGE_TRAIL).lstrip("#@*")
    if len(core) < 6 or len(core) > 64 or MASK_CHAR in core or _SENTENCE_END.match(core):
        return False
    if _UNIT_NUMBER.match(core):
        return False
    upper = any(c.isupper() for c in core)
    lower = any(c.islower() for c in core)
    if not (upper or lower):
        return False
    digit = any(c.isdigit() for c in core)
    body = core.rstrip("*")  # a footnote star is no symbol
    symbol = any(not c.isalnum() and c not in _WORDISH for c in body)
    if digit and upper and lower and _digit_evidence(core) and not (len(core) <= 10 and _FORMULA.match(core)):
        return True
    if digit and _INNER_DIGITS.match(core):
        return True  # a word, a number, a word: conseil2024chu
    if digit and upper and lower and _PARTS_WITH_CODE.match(core):
        return True  # three parts or more around a number that is no year: Bmx-7741-maint
    if symbol and digit:
        return True
    return symbol and upper and lower and len(core) >= 8 and body[0] != "&"


def _alone_on_its_line(t: str, start: int, end: int) -> bool:
    line_start = t.rfind("\n", 0, start) + 1
    line_end = t.find("\n", end)
    line_end = len(t) if line_end < 0 else line_end
    return not t[line_start:start].strip(" \t>*•-") and not t[end:line_end].strip(" \t.*")


def _alnum_identifier(tok: str) -> bool:
    """Letters and digits of one identifier (INE 2345678901C, passport 12AB34567), not a word."""
    if not (8 <= len(tok) <= 24) or not tok.isalnum() or tok.isdigit() or any(c.islower() for c in tok):
        return False
    digits = sum(c.isdigit() for c in tok)
    return digits >= 5 and (digits >= 9 or len(re.findall(r"\d+", tok)) >= 2)


def _high_entropy(run: str) -> bool:
    """A random-looking run: hex, capitals and digits, or base64 whose parts (between - _ / + =)
    mix letters and digits; not a file name or a path made of words and dates."""
    if _HEX.match(run):
        return sum(c.isdigit() for c in run) >= 4 and sum(c.isalpha() for c in run) >= 4
    upper = sum(c.isupper() for c in run)
    lower = sum(c.islower() for c in run)
    digit = sum(c.isdigit() for c in run)
    if upper >= 2 and digit >= 4 and not lower and len(run) >= 20:  # API keys in capitals, one piece
        return any(len(p) >= 16 and len(re.findall(r"\d+", p)) >= 3 for p in re.split(r"[-_/+=.]", run))
    if not (upper and lower and digit):
        return False
    parts = [p for p in re.split(r"[-_/+=.]", run) if len(p) >= 8]
    if not any(re.search(r"[^\W\d_]\d|\d[^\W\d_]", p) and sum(_cls(a) != _cls(b) for a, b in
                                                              zip(p, p[1:], strict=False)) >= 4 for p in parts):
        return False
    switches = sum(1 for a, b in zip(run, run[1:], strict=False) if _cls(a) != _cls(b))
    return switches >= len(run) / 5 and _entropy(run) >= 3.5


def _cls(c: str) -> int:
    return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3


class Redactor:
    """The shape rules over one text; :meth:`spans` says what to mask, :meth:`redact` masks it."""

    def spans(self, text: str, lo: int = 0, hi: int | None = None) -> list[Span]:
        """Spans of ``text`` to mask that meet ``[lo, hi)``; the context around (the line of an
        access word, the header of a table) is read as far as needed."""
        hi = len(text) if hi is None else hi
        # whole lines, and two lines before: an access word may stand on the line above its value
        a = lo
        for _ in range(3):
            a = text.rfind("\n", 0, max(a - 1, 0)) + 1 if a > 0 else 0
        b = text.find("\n", hi)
        b = len(text) if b < 0 else b
        b2 = text.find("\n", b + 1)  # and the next line: a value below its access word
        b = len(text) if b2 < 0 else b2
        a, b = max(a, lo - CONTEXT_CHARS), min(b, hi + CONTEXT_CHARS)  # a line may be a whole document
        region = text[a:b]
        out = [(s + a, e + a) for s, e in self._region_spans(region)]
        out += self._table_spans(text, a, b)
        return merge([(s, e) for s, e in out if e > lo and s < hi])

    def _region_spans(self, t: str) -> list[Span]:
        protected = [m.span() for m in _MASKED.finditer(t)]
        out: list[Span] = []
        out += [m.span() for m in _PEM.finditer(t)]
        out += [m.span() for m in _PROVIDER.finditer(t)]
        out += [m.span(1) for m in _URL_CREDENTIAL.finditer(t)]
        out += [m.span(1) for m in _ASSIGNMENT.finditer(t)]
        out += [m.span(1) for m in _LOGIN_PAIR.finditer(t)]
        out += [m.span() for m in _IBAN.finditer(t) if sum(c.isdigit() for c in m.group()) >= 6]
        out += [m.span() for m in _NIR.finditer(t)]
        out += [m.span() for m in _NINO.finditer(t)]
        out += [m.span() for m in _RIB.finditer(t)]
        for m in _DIGIT_RUN.finditer(t):
            s, start = m.group(), m.start()
            if start and t[start - 1] == "/":  # 12/03/1958 69008: the year ends a date, it starts no run
                cut = re.match(r"[\d*]+[ .\-\u00a0\u202f]?", s).end()
                s, start = s[cut:], start + cut
                if not s:
                    continue
            if _YEAR_REFERENCE.match(s):
                continue  # CVE-2023-27043, dossier 2024-01873: a year and a number, a reference
            groups = re.split(r"[ .\-\u00a0\u202f]", s)
            card = len(groups[0]) == 4 and 13 <= sum(c.isdigit() for c in s) <= 19  # 3782 822463 10005
            if not card and (" " in s and "." in s or sum(len(g) == 1 for g in groups[1:]) > 1
                             or sum(len(g) >= 5 for g in groups) > 1):
                # a row of figures (37.4 31 13 9 1, 312000 298000), not one identifier; a long
                # number in it still is one (an account number)
                pos = start
                for g in groups:
                    i = t.find(g, pos)
                    if sum(c.isdigit() for c in g) >= 9:
                        out.append((i, i + len(g)))
                    pos = i + len(g)
                continue
            undated = _DATE_IN_RUN.sub("", s)
            n = sum(c.isdigit() for c in undated)
            stars = s.count("*")
            if n + stars >= 9 and n >= 2 and not _AMOUNT_AFTER.match(t, m.end()):
                out.append((start, m.end()))
            elif 5 <= n <= 8 and n == len(s) and not _DATE8.match(s) and _alone_on_its_line(t, start, m.end()):
                out.append((start, m.end()))  # a code on a line of its own (SMS, door), not a date
        out += self._token_spans(t)
        out += self._access_spans(t)
        if protected:
            starts = [p[0] for p in protected]

            def clear_of_masks(sp: Span) -> bool:
                i = bisect.bisect_left(starts, sp[1])  # masked forms starting before the span ends
                return i == 0 or protected[i - 1][1] <= sp[0]

            out = [sp for sp in out if clear_of_masks(sp)]
        return out

    @staticmethod
    def _token_spans(t: str) -> list[Span]:
        out = []
        urls = [u.span() for u in _URL.finditer(t)] if ("://" in t or "www." in t.lower()) else []
        for u0, u1 in urls:  # in a link only random-looking parts (tokens, signatures) are secrets
            for r in _HIGH_ENTROPY_RUN.finditer(t, u0, u1):
                if _high_entropy(r.group()):
                    out.append(r.span())
        for m in _TOKEN.finditer(t):
            tok = m.group()
            if MASK_CHAR in tok:
                continue
            if "@" in tok and len(tok) <= 254 and (_EMAIL.match(tok) or _NOTES_ADDRESS.match(tok)) \
                    and not _EXTENSION.search(tok):
                continue
            key = _KEY_EQ.match(tok)
            if key:
                tok, start = tok[key.end():], m.start() + key.end()
            else:
                start = m.start()
            if urls and any(u0 <= start < u1 for u0, u1 in urls):
                continue
            ext = _EXTENSION.search(tok)
            if ext and password_like(tok[:ext.start()]):
                out.append((start, start + ext.start()))  # a file name keeps its extension
                continue
            if password_like(tok) or _alnum_identifier(tok.rstrip(_EDGE_TRAIL)):
                out.append((start, start + len(tok.rstrip(_EDGE_TRAIL))))
                continue
            for r in _HIGH_ENTROPY_RUN.finditer(tok):
                if _high_entropy(r.group()):
                    out.append((start + r.start(), start + r.end()))
        return out

    @staticmethod
    def _access_spans(t: str) -> list[Span]:
        out: list[Span] = []
        for m in _ACCESS_OBJECT.finditer(t):
            window = t[m.end():m.end() + 40].split("\n", 1)[0]
            out += [(m.end() + d.start(), m.end() + d.end()) for d in _DIGITS_AFTER.finditer(window)
                    if not _YEAR_OR_AMOUNT.match(window, d.end()) and not _YEAR.fullmatch(d.group())]
        urls = [u.span() for u in _URL.finditer(t)] if ("://" in t or "www." in t.lower()) else []
        for m in _ACCESS.finditer(t):
            if m.start() and t[m.start() - 1] in "_.=?&@-" or any(u0 <= m.start() < u1 for u0, u1 in urls):
                continue  # part of a link or an identifier: the link and assignment rules see it
            word = m.group().lower()
            line_end = t.find("\n", m.end(), m.end() + 200)
            line_end = min(len(t), m.end() + 200) if line_end < 0 else line_end
            after = t[m.end():line_end]
            cvv = word in ("cryptogramme", "crypto", "au dos", "cvv", "cvc", "cvv2", "security code")
            # digit runs (PINs, codes) within the next 60 characters of the line
            window = after[:60]
            rx = _CVV_DIGITS if cvv else _DIGITS_AFTER
            out += [(m.end() + d.start(), m.end() + d.end()) for d in rx.finditer(window)]
            sep = _SEPARATOR.match(after) or _SEPARATOR.search(after[:60])
            if not sep or not _WORDS_ONLY.match(after[:sep.start()]):
                # no separator ("mdp du wifi lab2025invites", "mot de passe wifi chaton-bleu"): the
                # next few words that do not look like words
                stop = _STOP.search(window)
                for tk in list(_TOKEN.finditer(window[: stop.start() if stop else len(window)]))[:5]:
                    if _value_like(tk.group()):
                        out.append((m.end() + tk.start(), m.end() + tk.end()))
                continue
            start = m.end() + sep.end()
            value_line = t[start:line_end]
            if not value_line.strip():  # "Mot de passe :" then the value on the next line
                nxt = t.find("\n", line_end + 1, line_end + 200)
                nxt = min(len(t), line_end + 200) if nxt < 0 else nxt
                start, value_line = line_end + 1, t[line_end + 1:nxt]
                if not value_line.strip():
                    continue
            q = _QUOTED.match(value_line.lstrip())
            if q:
                off = start + len(value_line) - len(value_line.lstrip())
                out.append((off + q.start(1), off + q.end(1)))
                continue
            stop = _STOP.search(value_line)
            segment = value_line[: stop.start() if stop else min(len(value_line), 80)]
            toks = list(_TOKEN.finditer(segment))
            if not toks:
                continue
            if m.group("phrase"):
                out.append((start + toks[0].start(), start + toks[-1].end()))  # the whole phrase
                continue
            first = toks[0]
            if (MASK_CHAR not in first.group() and first.group().lower() not in _PROSE
                    and first.group().strip("*.•") != ""):  # "********" is hidden already
                if len(toks) <= 4 and not _value_like(first.group()):  # words ("soleil du midi"): all of them
                    out.append((start + first.start(), start + toks[-1].end()))
                    continue
                out.append((start + first.start(), start + first.end() - (len(first.group())
                                                                          - len(first.group().rstrip(".…")))))
            for tk in toks[1:4]:
                if any(c.isdigit() for c in tk.group()) or password_like(tk.group()):
                    out.append((start + tk.start(), start + tk.end()))
        return out

    @staticmethod
    def _table_spans(text: str, a: int, b: int) -> list[Span]:
        """Cells under a password-like column header, in the lines [a, b) of a table whose
        columns are tabs, '|', ';' or runs of spaces."""
        region = text[a:b]
        if "\t" not in region and "|" not in region and ";" not in region and "   " not in region:
            return []
        out: list[Span] = []
        pos = a
        block: tuple[str, tuple[tuple[int, ...], int] | None] | None = None  # the table the last line was in
        while pos < b:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            sep = _separator(line)
            if not sep:
                block = None
            else:
                own = _header_of(line, sep)
                if own is not None:  # a header line: the lines below are its table
                    block = (sep, own)
                    pos = end + 1
                    continue
                if block is None or block[0] != sep:
                    block = (sep, _find_header(text, pos, sep))
                hdr = block[1]
                if hdr is not None:
                    cols, width = hdr
                    cells = list(_cells(line, sep))
                    if abs(len(cells) - width) <= 1:
                        out += [(pos + cells[c][0], pos + cells[c][1]) for c in cols
                                if c < len(cells) and cells[c][1] > cells[c][0]]
            pos = end + 1
        return out

    def redact(self, text: str, values: Iterable[str] = (), on_mask: Callable[[str], None] | None = None) -> str:
        """``text`` with the given clear values and every secret-shaped span masked."""
        if not text:
            return text
        for v in sorted({v for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True):
            if v in text:
                text = text.replace(v, mask_value(v))
        if len(text) < 300 and not _NEEDS_LOOK.search(text) and not _ACCESS.search(text):
            return text  # letters and spaces only, no access word: a name, a plain subject
        return apply(text, self.spans(text), on_mask)


def _separator(line: str) -> str | None:
    if "\t" in line:
        return "\t"
    if line.count("|") >= 1 and not line.lstrip().startswith(">"):
        return "|"
    if line.count(";") >= 2:
        return ";"
    if re.search(r"\S {3,}\S", line):
        return "   "
    return None


def _cells(line: str, sep: str):
    """(start, end) of each cell's stripped text, leading indentation not a cell."""
    if sep == "   ":
        parts = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", line)]
        return parts
    out, pos = [], 0
    pieces = line.split(sep)
    for i, p in enumerate(pieces):
        s = pos + (len(p) - len(p.lstrip()))
        e = pos + len(p.rstrip())
        if not (i == 0 and not p.strip() and sep == "|"):
            out.append((s, max(s, e)))
        pos += len(p) + len(sep)
    return out


def _find_header(text: str, pos: int, sep: str) -> tuple[tuple[int, ...], int] | None:
    """The column indexes of the password-like headers above the table line at ``pos`` (a table's
    lines are contiguous lines holding the same separator) and the header's number of cells."""
    found = None
    p = pos
    for _ in range(500):
        if p == 0:
            break
        start = text.rfind("\n", 0, p - 1) + 1
        line = text[start:p - 1]
        if not line.strip() or _separator(line) != sep:
            break
        found = _header_of(line, sep)
        if found is not None:
            break
        p = start
    return found


def _header_of(line: str, sep: str) -> tuple[tuple[int, ...], int] | None:
    """(indexes of the password-like header cells, number of cells) when ``line`` is such a header."""
    cells = _cells(line, sep)
    if len(cells) < 2 or any(line[s:e].startswith(":") for s, e in cells):
        return None  # "Password    : value" lines are a form, not a table
    cols = tuple(i for i, (s, e) in enumerate(cells) if _HEADER_WORD.match(line[s:e]))
    return (cols, len(cells)) if cols else None


def merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def apply(text: str, spans: list[Span], on_mask: Callable[[str], None] | None = None) -> str:
    if not spans:
        return text
    pieces, pos = [], 0
    for s, e in merge(spans):
        pieces.append(text[pos:s])
        if on_mask is not None:
            on_mask(text[s:e])
        pieces.append(mask_value(text[s:e]))
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


REDACTOR = Redactor()

#: a callback the evaluation sets to count what redaction masks in excerpts (never written anywhere)
AUDIT: list[Callable[[str, str], None]] = []


def _audit(kind: str) -> Callable[[str], None] | None:
    if not AUDIT:
        return None

    def note(masked: str) -> None:
        for f in AUDIT:
            f(kind, masked)

    return note


def redact(text: str, values: Iterable[str] = (), kind: str = "text") -> str:
    """Redact one text that an output takes from a message (subject, name, error...)."""
    return REDACTOR.redact(text, values, _audit(kind))


def excerpt_spans(text: str, lo: int, hi: int) -> list[Span]:
    """The spans to mask in the excerpt window ``[lo, hi)`` of a unit's text."""
    return REDACTOR.spans(text, lo, hi)


def note_excerpt(text: str, lo: int, hi: int, shape: list[Span], detector_spans: Iterable[Span]) -> None:
    """For the evaluation only: the excerpt window and what the shape rules mask in it beyond the
    detectors' own values (kept in memory by the callbacks in :data:`AUDIT`, never written)."""
    if not AUDIT:
        return
    window = " ".join(text[lo:hi].split())
    found = merge(detector_spans)
    masked = []
    for s, e in shape:
        s, e = max(s, lo), min(e, hi)
        for fs, fe in found:
            if fe <= s or fs >= e:
                continue
            if fs > s:
                masked.append((s, fs))
            s = max(s, fe)
        if e > s:
            masked.append((s, e))
    for f in AUDIT:
        f("excerpt-window", window)
        for s, e in masked:
            f("excerpt", text[s:e])


def redact_location(location: str, values: Iterable[str] = ()) -> str:
    """'attachment:<archive>/<member>': the names redacted, the kind kept (it is a join key, so
    every table redacts it with this one function)."""
    kind, sep, rest = location.partition(":")
    if not sep:
        return location
    return kind + sep + "/".join(redact(part, values, "name") for part in rest.split("/"))


def redact_result(result, values: Iterable[str] = ()) -> None:
    """Every text of a message result that an output shows, redacted in place: subject, display
    names, attachment names and locations, finding excerpts and reasons, error details."""
    values = list(values)
    result.subject = redact(result.subject, values, "subject")
    if result.sender:
        result.sender = (redact(result.sender[0], values, "name"), result.sender[1])
    result.recipients = [(role, redact(name, values, "name"), addr) for role, name, addr in result.recipients]
    for row in result.attachments:
        row["name"] = redact(row.get("name") or "", values, "name")
        row["location"] = redact_location(row.get("location") or "", values)
        if row.get("reason"):
            row["reason"] = redact(row["reason"], values, "error")
    for e in result.errors:
        e["location"] = redact_location(e.get("location") or "", values)
        e["detail"] = redact(str(e.get("detail") or ""), values, "error")
    result.findings = [replace(f, location=redact_location(f.location, values),
                               excerpt=redact(f.excerpt, values, "excerpt"),
                               reason=redact(f.reason, values, "reason")) for f in result.findings]


class RedactingFilter(logging.Filter):
    """Log records pass through the same redaction: a debug log is an output too."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except (TypeError, ValueError):
            return True
        red = redact(msg, kind="log")
        if red != msg:
            record.msg, record.args = red, None
        return True
