"""Passwords, PINs, door codes, Wi-Fi keys and one-time codes given in French or English prose.

Secret scanners are built for code (``key = "..."``) and know no French. People write
"mdp provisoire : X", "le digicode est 4812A", "login jdupont / pass X", "the password is X",
or put the password alone on the line after "Mot de passe". The rule here: a secret keyword,
then (on the same line, within a few words) a separator and a value that looks like a secret,
not a word of the sentence, a placeholder, a mask or a date. Policy text, reset notices and
awareness newsletters talk about passwords without giving one, so they fail that test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from ._util import char_classes, finditer_at, is_placeholder, line_bounds
from .base import Detector, clamp
from .finding import Match
from .unit import TextUnit

_Q_OPEN = "\"'«“‘`"
_Q_CLOSE = "\"'»”’`"

# Keywords introducing a password-like secret.
_PW_KW = (
    r"mots?[ \t]+de[ \t]+passe|mdp|passwords?|passwd|pwd|pass(?:e)?|passphrase|phrase[ \t]+de[ \t]+passe|"
    r"code[ \t]+d['’]acc[eè]s|code[ \t]+secret|code[ \t]+confidentiel|cl[ée][ \t]+(?:wifi|wi-fi|wpa2?|wep|"
    r"pr[ée]-?partag[ée]e|partag[ée]e|de[ \t]+s[ée]curit[ée]\s+r[ée]seau|r[ée]seau)|psk|pre-?shared[ \t]+key|"
    r"shared[ \t]+secret|wi-?fi[ \t]+(?:key|password|code)|wpa2?[ \t]+(?:key|passphrase)|network[ \t]+key|"
    r"access[ \t]+code|passcode|secret"
)
# Keywords introducing a numeric code (PIN, door, safe, one-time).
_CODE_KW = (
    r"digicode|code[ \t]+pin|pin(?:[ \t]+code)?|passcode|pass[ \t]+code|access[ \t]+code|code[ \t]+d['’]acc[eè]s|"
    r"(?:participant|conference|attendee|guest|host|moderator|leader|chairperson)[ \t]+(?:pass)?code|"
    r"code[ \t]+(?:participant|invit[ée]|organisateur|animateur|de[ \t]+(?:la[ \t]+)?(?:conf[ée]rence|r[ée]union))|code[ \t]+(?:de[ \t]+(?:la[ \t]+)?|du[ \t]+|d['’])?"
    r"(?:porte|portail|entr[ée]e|immeuble|b[âa]timent|alarme|coffre(?:-fort)?|cadenas|bo[iî]te(?:[ \t]+[àa][ \t]+cl[ée]s?)?|"
    r"garage|interphone|parking)|door[ \t]+code|gate[ \t]+code|entry[ \t]+code|building[ \t]+code|"
    r"(?:key[ \t]*box|lock[ \t]*box|key[ \t]+safe)[ \t]+code|safe[ \t]+code|alarm[ \t]+code|padlock[ \t]+code"
)
_OTP_KW = (
    r"code[ \t]+(?:de[ \t]+)?(?:v[ée]rification|validation|confirmation|s[ée]curit[ée]|authentification)|"
    r"code[ \t]+(?:à|a)[ \t]+usage[ \t]+unique|code[ \t]+(?:re[çc]u|envoy[ée])(?:[ \t]+par[ \t]+sms)?|"
    r"(?:verification|security|confirmation|one[- ]time|authentication|2fa|mfa|sms)[ \t]+code|otp"
)
_ASSIGN = (r"(?P<assign>(?:(?:has|have)[ \t]+been|was|is|a[ \t]+été|est|sera)[ \t]+(?:re)?(?:set|changed|initialized|"
           r"r[ée]initialis[ée]e?|chang[ée]|modifi[ée]|d[ée]fini|initialis[ée])[ \t]+(?:to|à|a|en|sur)\b)")
_SEP = (r"[ \t]*(?:" + _ASSIGN + r"|(?:\best\b|\bis\b|\bsera\b|\bwill[ \t]+be\b|\bremains\b|\breste\b)[ \t]*(?::|=)?|"
        r":(?!//)|=|=>|->|→)[ \t]*")
_FILL = r"(?:[ \t]+(?!(?:est|is|sera)\b)[^\s:=]{1,30}){0,9}?"
_VAL = r"(?P<q>[" + _Q_OPEN + r"])?[ \t]*(?P<val>[^\s" + _Q_OPEN + _Q_CLOSE + r"<>\[\]]{3,128})"

_PW_SEP = re.compile(r"(?i)(?<![\w-])(?P<kw>" + _PW_KW + r")(?![\w-])" + _FILL + _SEP + _VAL)
_PW_SPACE = re.compile(r"(?i)(?<![\w-])(?P<kw>" + _PW_KW + r")(?![\w-])[ \t]+" + _VAL)
# what a keyword of each pattern can start with (lower case), for finditer_at
_PW_STARTS = ("mot", "mdp", "pass", "pwd", "phrase", "code", "cl", "psk", "pre", "shared", "wi", "wpa", "network",
              "access", "secret")
_CODE_STARTS = ("digicode", "code", "pin", "pass", "access", "participant", "conference", "attendee", "guest", "host",
                "moderator", "leader", "chairperson", "door", "gate", "entry", "building", "key", "lock", "safe",
                "alarm", "padlock")
_OTP_STARTS = ("code", "verification", "security", "confirmation", "one", "authentication", "2fa", "mfa", "sms", "otp")
_CODE = re.compile(
    r"(?i)(?<![\w-])(?P<kw>" + _CODE_KW + r")(?![\w-])(?:[^\n\d]{0,40}?|[^\n\d]{0,20}\n[ \t>]*)(?<![\w])(?P<val>\d{3,10}[A-Za-z#*]?|[A-Z]?\d{3,9}[A-Z]?)(?![\w/.,:-]\d)"
)
_OTP = re.compile(
    r"(?i)(?<![\w-])(?P<kw>" + _OTP_KW + r")(?![\w-])[^\n\d]{0,60}?(?<![\w])(?P<val>\d{4,8}|[A-Z0-9]{3}-[A-Z0-9]{3})(?![\w/.,:-]\d)"
)
_WIFI_KEY = re.compile(
    r"(?i)(?:wi-?fi|r[ée]seau|wpa|ssid)[^\n]{0,60}?(?<![\w-])(?:cl[ée]|key|code|pass)(?![\w-])[ \t]*(?::|=)?[ \t]*"
    r"(?P<val>[^\s<>\[\]]{6,64})"
)
_PLAIN_CODE = re.compile(
    r"(?i)(?<![\w-])code(?![\w-])[ \t]*(?::|est|is|=)?[ \t]*(?P<val>\d{4,8}[A-Za-z]?)(?![\w/.,-])"
)
_CODE_LOOSE = re.compile(r"(?i)(?<![\w-])code(?![\w-])[^\n:=]{0,80}?[:=][ \t]*(?P<val>\d{4,8}[A-Za-z]?)(?![\w/.,-])")
_CODE_CONTEXT = re.compile(
    r"(?i)cl[ée]s?\b|porte|bo[iî]te|coffre|cadenas|portail|alarme|garage|immeuble|interphone|key|door|lock|gate|safe|"
    r"sms|validation|v[ée]rification|verification|connexion|login|alarm"
)
_NOT_CODE = re.compile(
    r"(?i)postal|zip\b|ape\b|naf\b|article|projet|project|budg|ue\b|couleur|dress|source|promo|client|commande|"
    r"facture|produit|r[ée]f|douan|insee|commune|rome|cpv|nomenclature|formation|programme|erreur|error|http|"
    r"status|statut|iso|iban|bic|swift|guichet|banque|cours|ec\b|ue\d|analytique|compt"
)
_PAIR = re.compile(
    r"(?i)(?<![\w-])(?:identifiants?|login|logins|credentials|acc[eè]s|account|compte|user(?:name)?|utilisateur)"
    # "identifiants : u / p", or a few words before the colon ("identifiants ENT du stagiaire : u / p")
    r"(?:(?:[ \t]+[\w'’\-]+){1,5}?[ \t]*(?::|=)|[ \t]*(?::|=)?)[ \t]*(?P<user>[\w.@\-]{2,64})[ \t]*(?:/|\||,|;)[ \t]*"
    r"(?:(?:mot[ \t]+de[ \t]+passe|mdp|pass(?:word)?|pwd|pw)[ \t]*(?::|=)?[ \t]*)?(?P<val>[^\s<>\[\]]{4,128})"
)
_LABEL_ONLY = re.compile(
    r"(?im)^[ \t>]*(?:[\w'’]+[ \t]+){0,3}(?:" + _PW_KW + r")(?:[ \t]+\w+){0,3}(?:[ \t]*\([^)\n]{0,60}\))?[ \t]*:?[ \t]*$"
)
# "enter password X", "saisissez le mot de passe X"
_ENTER_BEFORE = re.compile(
    r"(?i)\b(?:enter|type|use|input|saisi\w*|tape[zr]?|entre[zr]|utilise[zr]?|indique[zr]?)(?:[ \t]+(?:the|your|a|le|la|votre|ton|ce))?[ \t]*$"
)
# 'enter "power" as your registration password', 'utilisez « Soleil2024 » comme mot de passe'
_USE_AS = re.compile(
    r"(?i)\b(?:enter|type|use|saisi\w*|tape[zr]?|entre[zr]|utilise[zr]?)[ \t]+[" + _Q_OPEN + r"][ \t\u00a0\u202f]?(?P<val>[^\s" + _Q_OPEN
    + _Q_CLOSE + r"]{3,64})[ \t\u00a0\u202f]?[" + _Q_CLOSE + r"][ \t]+(?:as|comme|en[ \t]+tant[ \t]+que)[ \t]+(?:[\w'’]+[ \t]+){0,3}?"
    r"(?:" + _PW_KW + r")\b"
)
# the password opens a file: "mot de passe du zip", "password for the attachment", "pour ouvrir le PDF"
_ATTACHMENT_CONTEXT = re.compile(
    r"(?i)\b(?:zip|7z|rar|archive|pi[èe]ce[ \t]+jointe|pj|fichier|document|pdf|xlsx?|docx?|tableur|classeur|"
    r"attachment|attached|file|spreadsheet|workbook|ouvrir|open)\b"
)
_SENTENCE_BREAK = re.compile(r"[.;!?][ \t]+[A-Z]")
_NEGATED = re.compile(r"(?i)\b(?:no|without|sans|aucun|pas[ \t]+de)[ \t]+$")
# a pager or phone number right before "PIN": the PIN reaches a person, it opens nothing
_PHONE_BEFORE = re.compile(r"\d[\d .\-]{6,}\d[ \t]*(?:,|\()?[ \t]*$")
# Words that show the line talks about passwords rather than giving one.
_TALK = re.compile(
    r"(?i)\b(?:jamais|never|oubli[ée]|forgot|forgotten|reset|r[ée]initialis|expir|exemple|example|e\.g\.|"
    r"par ex|such as|comme\s|tel que|policy|politique|doit contenir|must contain|at least|au moins|"
    r"minimum|caract[èe]res|characters|sera exig|will be required|changer votre|change your|choisissez|choose)"
)
_DATE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$|^\d{1,2}h\d{0,2}$|^\d+(?:[.,]\d+)?(?:€|%|h|min|mn|s)?$")
_COMMON = frozenset(
    """le la les un une des de du est sont sera était your the a an is be was has have been will this that
    votre vos ton ta tes mon ma mes son sa ses notre leur par pour avec sans sur dans et ou
    oublié oublie expiré expire expiré incorrect incorrecte requis required changed changé modifié
    provisoire temporaire temporary initial habituel usual actuel current nouveau new ancien old
    identique same différent different fort strong robuste robust faible weak sécurisé secure
    personnel personal unique partagé shared""".split()
)


def _clean_value(raw: str) -> tuple[str, int]:
    """Strip sentence punctuation from the end of a candidate; returns (value, chars removed)."""
    v = raw
    while v and v[-1] in ".,;:)»”’\"'" and len(v) > 1:
        v = v[:-1]
    if v.startswith("(") and ")" not in v:
        v = v[1:]
    return v, len(raw) - len(v)


def _secretish(value: str, strong: bool) -> bool:
    """Does the candidate look like a secret rather than a word of the sentence?"""
    if len(value) < 4 or is_placeholder(value) or _DATE.match(value):
        return False
    if value.lower() in _COMMON or value.lower().startswith(("http", "www.", "mailto", "//")):
        return False
    if "@" in value and "." in value.split("@")[-1]:
        return False  # an e-mail address is a login, not a password
    classes = char_classes(value)
    if strong:
        return len(value) >= 6 and classes >= 3
    if value.isalpha() and (value.islower() or value.istitle() or value.isupper()):
        return False
    return classes >= 2 or len(value) >= 12


class CredentialsProse(Detector):
    """Passwords, PINs, door and safe codes, Wi-Fi keys, VPN pre-shared keys and still-valid
    one-time codes written in French or English sentences, lists and tables."""

    name = "credentials.prose"
    version = "1"
    categories = (C.CREDENTIALS,)
    keywords = (
        "passe", "mdp", "passw", "passwd", "pwd", "pass", "code", "pin", "psk", "shared", "secret", "wifi",
        "wi-fi", "wpa", "clé", "cle ", "identifiant", "login", "credential", "otp", "network key",
    )
    description = __doc__

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        taken: list[tuple[int, int]] = []
        bulk = unit.context.is_bulk or unit.context.is_auto_reply

        def emit(kw_start: int, va: int, vb: int, score: float, reason: str, label: str, assigned: bool = False):
            if any(va < y and x < vb for x, y in taken):
                return None
            ls, _ = line_bounds(text, kw_start)
            before = text[ls:va]
            if not assigned and _TALK.search(before):
                score -= 0.45
            if bulk:
                score -= 0.3
            if unit.in_boilerplate(va):
                score -= 0.2
            taken.append((va, vb))
            if label == "password" and (_ATTACHMENT_CONTEXT.search(before) or unit.context.has_encrypted_attachment):
                label = "attachment_password"
                reason += " (opens a file)"
            _, le = line_bounds(text, vb)
            return Match(C.CREDENTIALS, ls, max(le, vb), clamp(score), reason, va, vb, label=label)

        low = unit.lower
        has = lambda *words: any(w in low for w in words)  # noqa: E731 - substring gates before slow regexes
        pw_words = has("pass", "mdp", "pwd", "secret", "code", "cl", "psk", "shared", "wi", "wpa", "network key")
        for rx, no_separator in ((_PW_SEP, False), (_PW_SPACE, True)):
            for m in (finditer_at(rx, text, low, _PW_STARTS) if pw_words else ()):
                value, cut = _clean_value(m.group("val"))
                quoted = bool(m.group("q"))
                # without a separator the value must look strong, unless an instruction introduces it
                # ("enter password X", "saisir le mot de passe X")
                strong = no_separator and not _ENTER_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                kw = m.group("kw").lower()
                if kw in ("pass", "passe", "secret") and not strong and not re.search(r"[:=]", m.group(0)):
                    continue
                ok = _secretish(value, strong and not quoted)
                if not ok and quoted and not strong and len(value) >= 6 and not _TALK.search(m.group(0)):
                    ok = not is_placeholder(value) and value.lower() not in _COMMON
                if not ok:
                    continue
                va = m.start("val") + m.group("val").find(value)
                assigned = not strong and bool(m.groupdict().get("assign"))
                found = emit(m.start(), va, va + len(value), 0.9 if not strong else 0.85,
                             f"secret given after '{m.group('kw')}'"
                             + (" ('" + m.group("assign") + "')" if assigned else ""), "password", assigned)
                if found:
                    yield found

        for m in (_USE_AS.finditer(text) if has(" as ", "comme", "en tant") else ()):
            value, _ = _clean_value(m.group("val"))
            if len(value) < 4 or is_placeholder(value) or value.lower() in _COMMON:
                continue
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "value to enter as a password", "password")
            if found:
                yield found

        for m in (_WIFI_KEY.finditer(text) if has("wifi", "wi-fi", "seau", "wpa", "ssid") else ()):
            value, _ = _clean_value(m.group("val"))
            if not _secretish(value, strong=False):
                continue
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "Wi-Fi key", "wifi_key")
            if found:
                yield found

        for m in (_PAIR.finditer(text) if has("identifiant", "login", "credential", "acc", "account", "compte",
                                               "user", "utilisateur") else ()):
            value, _ = _clean_value(m.group("val"))
            if not _secretish(value, strong=False) or value == m.group("user"):
                continue
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "login / password pair", "login_pair")
            if found:
                yield found

        for m in (_LABEL_ONLY.finditer(text) if pw_words else ()):
            nxt = text[m.end():].lstrip("\r\n")
            offset = len(text) - len(nxt)
            line = nxt.split("\n", 1)[0]
            value = line.strip().lstrip("> ").strip()
            if not value or " " in value:
                continue
            value, _ = _clean_value(value)
            if not _secretish(value, strong=False):
                continue
            va = offset + line.index(value)
            found = emit(m.start(), va, va + len(value), 0.8, "value on the line after a password label", "password")
            if found:
                yield found

        codes = has("code", "pin", "otp")
        for rx, label, score, starts in ((_CODE, "access_code", 0.85, _CODE_STARTS),
                                         (_OTP, "one_time_code", 0.75, _OTP_STARTS)):
            for m in (finditer_at(rx, text, low, starts) if codes else ()):
                between = text[m.end("kw"):m.start("val")]
                if _NOT_CODE.search(between) or _SENTENCE_BREAK.search(between) or between.endswith("("):
                    continue
                if _NEGATED.search(text[max(0, m.start() - 12):m.start()]):
                    continue
                value = m.group("val")
                s = score
                if m.group("kw").lower() == "pin" and _PHONE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                    s -= 0.4
                if label == "one_time_code" and bulk:
                    s -= 0.4  # an automated code sent to the owner expires; a forwarded one is live
                found = emit(m.start(), m.start("val"), m.end("val"), s, f"code given after '{m.group('kw')}'", label)
                if found:
                    yield found

        loose = list(_PLAIN_CODE.finditer(text)) + list(_CODE_LOOSE.finditer(text)) if "code" in low else []
        for m in loose:
            ls, _ = line_bounds(text, m.start())
            window = text[max(ls, m.start() - 120):m.start("val")]
            if not _CODE_CONTEXT.search(window) or _NOT_CODE.search(window[-40:]):
                continue
            value = m.group("val")
            if re.fullmatch(r"(19|20)\d\d", value):
                continue
            found = emit(m.start(), m.start("val"), m.end("val"), 0.75, "code given near a door/box/SMS context",
                         "access_code")
            if found:
                yield found
