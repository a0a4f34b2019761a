"""Passwords, PINs, door codes, Wi-Fi keys and one-time codes given in French or English prose.

Secret scanners are built for code (``key = "..."``) and know no French. People write
"mdp provisoire : X", "le digicode est 4812A", "login jdupont / pass X", "the password is X",
put the password alone on the line after "voici le mot de passe :", in a spreadsheet column
headed "Mot de passe", in a list of door codes, or in the subject. One model covers them: a value
given for access is an access word (a keyword family, abbreviations included), a value shape
(password-like token, digit code possibly spaced, passphrase) and a place that ties them (same line
after a separator, the next non-empty line, a column under a header, the subject). Policy text,
reset notices and awareness newsletters talk about passwords without giving one, so they fail
that test; placeholders, masks, dates, promo and postal codes fail the value shape.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterator

from . import categories as C
from ._util import (
    char_classes,
    finditer_at,
    finditer_starting,
    is_placeholder,
    line_bounds,
    search_words,
)
from .base import Detector, clamp
from .finding import Match
from .unit import TextUnit

_HARD_SPACES = {0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x0D: " "}
_Q_OPEN = "\"'«“‘`"
_Q_CLOSE = "\"'»”’`"

# Keywords introducing a password-like secret.
_PW_KW = (
    r"mots?[ \t]+de[ \t]+passe|mdp|passwords?|passwd|pswd|pwd|pw|pass(?:e)?|passphrase|pass[ \t]+phrase|"
    r"phrase[ \t]+(?:de[ \t]+passe|secr[èe]te)|s[ée]same|"
    r"code[ \t]+d['’]acc[eè]s|cl[ée][ \t]+d['’]acc[eè]s|code[ \t]+secret|code[ \t]+confidentiel|cl[ée][ \t]+(?:wifi|wi-fi|wpa2?|wep|"
    r"pr[ée]-?partag[ée]e|partag[ée]e|de[ \t]+s[ée]curit[ée]\s+r[ée]seau|r[ée]seau)|psk|pre-?shared[ \t]+key|"
    r"shared[ \t]+secret|wi-?fi[ \t]+(?:key|password|code)|code[ \t]+(?:du[ \t]+)?wi-?fi|wpa2?[ \t]+(?:key|passphrase)|network[ \t]+key|"
    r"access[ \t]+code|passcode|secret|presharedkey|privatekey|"
    # an internet box's key is its Wi-Fi key ("le code de la box", "clé de la Livebox")
    r"(?:code|cl[ée])[ \t]+(?:de[ \t]+(?:la[ \t]+)?|du[ \t]+)?(?:box|livebox|freebox|bbox)"
)
# Keywords introducing a numeric code (PIN, door, safe, one-time).
_CODE_KW = (
    r"digicode|code[ \t]+secret|code[ \t]+confidentiel|code[ \t]+pin|pin(?:[ \t]+code)?|passcode|pass[ \t]+code|access[ \t]+code|code[ \t]+d['’]acc[eè]s|"
    r"(?:participant|conference|attendee|guest|host|moderator|leader|chairperson)[ \t]+(?:pass)?code|"
    r"code[ \t]+(?:participant|invit[ée]|organisateur|animateur|de[ \t]+(?:la[ \t]+)?(?:conf[ée]rence|r[ée]union))|code[ \t]+(?:de[ \t]+(?:la[ \t]+)?|du[ \t]+|d['’])?"
    r"(?:porte|portail|entr[ée]e|immeuble|b[âa]timent|alarme|coffre(?:-fort)?|cadenas|bo[iî]te(?:[ \t]+[àa][ \t]+cl[ée]s?)?|"
    r"garage|interphone|parking)|door[ \t]+code|gate[ \t]+code|entry[ \t]+code|building[ \t]+code|"
    r"(?:key[ \t]*box|lock[ \t]*box|key[ \t]*safe)(?:[ \t]+(?:code|combination))?|safe[ \t]+(?:code|combination)|alarm(?:[ \t]+setting)?[ \t]+code|"
    r"key[ \t]*pad|pad[ \t]+(?:on|for)[ \t]+the[ \t]+(?:\w+[ \t]+)?(?:gate|door|entrance)|code[ \t]+d['’]armement|"
    r"padlock[ \t]+(?:code|combination)|combination|combinaison(?:[ \t]+du[ \t]+(?:cadenas|coffre))?"
)
_OTP_KW = (
    r"code[ \t]+(?:de[ \t]+)?(?:v[ée]rification|validation|confirmation|s[ée]curit[ée]|authentification)|"
    r"code[ \t]+(?:à|a)[ \t]+usage[ \t]+unique|code[ \t]+(?:re[çc]u|envoy[ée])(?:[ \t]+par[ \t]+sms)?|"
    r"(?:verification|security|confirmation|one[- ]time|authentication|2fa|mfa|sms|backup|recovery)[ \t]+code|otp|"
    r"code[ \t]+(?:sms|otp|2fa|mfa|texto)|"
    r"codes?[ \t]+de[ \t]+(?:secours|r[ée]cup[ée]ration)"
)
_ASSIGN = (r"(?P<assign>(?:(?:has|have)[ \t]+been|was|is|a[ \t]+été|est|sera)[ \t]+(?:re)?(?:set|changed|initialized|"
           r"r[ée]initialis[ée]e?|chang[ée]|modifi[ée]|d[ée]fini|initialis[ée])[ \t]+(?:to|à|a|en|sur)\b)")
_SEP = (r"[ \t]*(?:" + _ASSIGN + r"|(?:\best\b|\bis\b|\bsera\b|\bwill[ \t]+be\b|\bremains\b|\breste\b)[ \t]*(?::|=)?|"
        r":(?!//)|=|=>|->|→)[ \t]*")
_FILL = r"(?:[ \t]+(?!(?:est|is|sera)\b)[^\s:=]{1,30}){0,9}?"
_VAL = (r"(?:(?:maintenant|d[ée]sormais|now|toujours|still)[ \t]+)?"
        r"(?P<q>[" + _Q_OPEN + r"])?[ \t]*(?P<val>[^\s" + _Q_OPEN + _Q_CLOSE + r"<>\[\]]{3,128})")

_PW_SEP = re.compile(r"(?i)(?<![\w-])(?P<kw>" + _PW_KW + r")(?![\w-])" + _FILL + _SEP + _VAL)
# "mot de passe provisoire X", "new password X": a qualifier may stand between the keyword and the value
_QUALIFIER = (r"(?:[ \t]+(?:provisoire|temporaire|initial|initiale|actuel|nouveau|new|temporary|current|initial|"
              r"default|par[ \t]+d[ée]faut|g[ée]n[ée]rique|commun|partag[ée]|shared|admin|root)){0,2}")
# the keyword, then words, then a colon: "le mot de passe est le même que celui du wifi : X"
_PW_COLON = re.compile(r"(?i)(?<![\w-])(?P<kw>" + _PW_KW + r")(?![\w-])[^\n:=]{1,60}?[ \t]*[:=](?!//)[ \t]*" + _VAL)
_PW_SPACE = re.compile(r"(?i)(?<![\w-])(?P<kw>" + _PW_KW + r")(?![\w-])" + _QUALIFIER + r"[ \t]+" + _VAL)
# what a keyword of each pattern can start with (lower case), for finditer_at
_PW_STARTS = ("mot", "mdp", "pass", "pwd", "pw", "psw", "phrase", "code", "cl", "psk", "pre", "shared", "wi", "wpa",
              "network", "access", "secret", "sésame", "sesame")
_CODE_STARTS = ("digicode", "code", "pin", "combina", "pass", "access", "participant", "conference", "attendee", "guest", "host",
                "pad", "keypad",
                "moderator", "leader", "chairperson", "door", "gate", "entry", "building", "key", "lock", "safe",
                "alarm", "padlock")
_OTP_STARTS = ("code", "verification", "security", "confirmation", "one", "authentication", "2fa", "mfa", "sms", "otp",
               "backup", "recovery")
# a digit code written with spaces ("1 9 7 4", "12 34", "551 902"): single digits, pairs or triples, never a
# phone number (more digits follow) or an amount with a thousands separator (mixed group sizes)
_SPACED_DIGITS = r"(?:\d(?: \d){3,7}|\d(?:-\d){3,7}|\d\d(?: \d\d){1,3}|\d{3} \d{3})(?![ \t-]?\d)"
_CODE = re.compile(
    r"(?i)(?<![\w-])(?P<kw>" + _CODE_KW + r")(?![\w-])(?:[^\n\d]{0,40}?|[^\n\d]{0,20}\n[ \t>]*)(?<![\w])(?P<val>"
    + _SPACED_DIGITS + r"|\d{3,10}[A-Za-z#*]?|[A-Z]?\d{3,9}[A-Z]?|\d{1,2}[A-Z]\d{2,6}[A-Z]?)(?![\w/.,:-]\d)"
)
_OTP = re.compile(
    r"(?i)(?<![\w-])(?P<kw>" + _OTP_KW + r")(?![\w-])[^\n\d]{0,60}?(?<![\w])(?P<val>" + _SPACED_DIGITS
    + r"|\d{4,8}|[A-Z0-9]{3}-[A-Z0-9]{3}|(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{4,5}(?:-[A-Za-z0-9]{4,5}){1,3})"
    r"(?![\w/.,:-]\d)"
)
# "le wifi de la station (Terrain-2) c'est tournesol_1987": the network, then what it is, no key word
_WIFI_IS = re.compile(r"(?i)\bwi-?fi\b[^\n.:;]{0,60}?\b(?:c['’]est|it['’]?s|is)[ \t]+(?P<val>[^\s,;<>\[\]]{6,64})")
_WIFI_KEY = re.compile(
    r"(?i)(?:wi-?fi|r[ée]seau|wpa|ssid)(?:[^\n]{0,60}?|[^\n]{0,60}\n[ \t>]*(?:[^\n]{0,40}\n[ \t>]*)?)(?<![\w-])(?:cl[ée]|key|code|pass)(?![\w-])[ \t]*(?::|=|c['’]est|est|is)?[ \t]*"
    r"(?P<val>[^\s<>\[\]]{6,64})"
)
_PLAIN_CODE = re.compile(
    r"(?i)(?<![\w-])code(?![\w-])[ \t]*(?::|est|is|=)?[ \t]*(?P<val>" + _SPACED_DIGITS + r"|\d{4,8}[A-Za-z#*]?)(?![\w/-]|[.,]\d)"
)
_CODE_LOOSE = re.compile(r"(?i)(?<![\w-])code(?![\w-])[^\n:=]{0,80}?[:=][ \t]*(?P<val>" + _SPACED_DIGITS
                         + r"|\d{4,8}[A-Za-z#*]?)(?![\w/.,-])")
_CODE_CONTEXT = re.compile(
    r"(?i)cl[ée]s?\b|porte|bo[iî]te|coffre|cadenas|portail|alarme|garage|immeuble|interphone|key|door|lock|gate|safe|"
    r"sms|validation|v[ée]rification|verification|connexion|login|alarm|acc[eè]s|access|salle|local|portillon|badge|"
    r"entr[ée]e|b[aâ]timent|building"
)
_NOT_CODE = re.compile(
    r"(?i)\b(?:postal|zip\b|ape\b|naf\b|article|projet|project|budg|ue\b|couleur|dress|adress|source|promo|client|commande|"
    r"facture|produit|r[ée]f|douan|insee|commune|rome|cpv|nomenclature|formation|programme|erreur|error|http|"
    r"status|statut|iso|iban|bic|swift|guichet|banque|cours\b|ec\b|ue\d|analytique|compt(?!eur))"
)
# a promo or discount code opens a price, not a door or an account
_PROMO = re.compile(r"(?i)promo|r[ée]duction|discount|coupon|voucher|bon[ \t]+d['’]achat|parrainage|referral|cadeau|gift|"
                    r"suivi|tracking|colis|parcel|r[ée]servation|booking|dossier|commande|order|invoice|client|customer")
_PAIR = re.compile(
    r"(?i)(?<![\w/.@-])(?:identifiants?|login|logins|credentials|acc[eè]s|account|compte|user(?:name)?|utilisateur)"
    # "identifiants : u / p", or a few words before the colon ("identifiants ENT du stagiaire : u / p")
    r"(?![\w-])(?:(?:[ \t]+[\w'’\-]+){1,5}?[ \t]*(?::|=)|[ \t]*(?::|=)?)[ \t]*(?:(?<=[:=])[ \t]*\r?\n[ \t>]*)?"
    r"(?P<user>[\w.@\-]{2,64})"
    r"(?P<sep>[ \t]*(?:/|\|)[ \t]*(?:(?:mot[ \t]+de[ \t]+passe|mdp|pass(?:word)?|pwd|pw)[ \t]*(?::|=)?[ \t]*)?|"
    r"[ \t]*[,;][ \t]*(?:mot[ \t]+de[ \t]+passe|mdp|pass(?:word)?|pwd|pw)[ \t]*(?::|=)?[ \t]*)"
    r"(?P<val>[^\s<>\[\]]{4,128})"
)
# "login/mot de passe : jdoe / X", "user/mdp : jdoe/X"
_PAIR_LABEL = re.compile(
    r"(?i)(?<![\w-])(?:login|user(?:name)?|identifiant|id|utilisateur|compte|account)[ \t]*/[ \t]*"
    r"(?:mots?[ \t]+de[ \t]+passe|mdp|pwd|pass(?:word)?|pw)(?![\w-])(?:[^\n:=/]{0,40}?:)?[ \t]*(?P<user>[\w.@\-]{2,64})[ \t]*/[ \t]*"
    r"(?P<val>[^\s<>\[\]]{4,128})"
)
# "Identifiant : r.martin" then, on the next line, "Provisoire : Qm7#tz2Wpe": a login and, under it, a
# strong value whatever its label says
_PAIR_LINES = re.compile(
    r"(?im)^[ \t>]*(?:identifiants?|login|user(?:name)?|utilisateur|account|compte)[ \t]*:[ \t]*(?P<user>[\w.@\-]{2,64})"
    r"[ \t]*\r?\n[ \t>]*(?P<label>[\w'’ -]{2,30}?)[ \t]*:[ \t]*(?P<val>[^\s<>\[\]]{6,128})[ \t]*$"
)
# "bft-approver / Census_Spr25*q" alone on its line
_LOGIN_LINE = re.compile(r"(?m)(?:^[ \t>]*|:[ \t]+)(?P<user>[a-z0-9][\w.\-@]{2,40})[ \t]+/[ \t]+(?P<val>\S{8,64})"
                         r"(?=[ \t]*(?:$|[—–][ \t]|-[ \t]|,|\())")
_ACCOUNT_AROUND = re.compile(r"(?i)\b(?:account|compte|login|identifiants?|user(?:name)?|utilisateur|acc[eè]s|access|"
                             r"mdp|password|mot de passe|pw|pwd|connexion|credentials)\b")
_WORD_AND_NUMBER = re.compile(r"^[A-Za-zÀ-ÿ]+(?:[-_ .][A-Za-zÀ-ÿ]+)*[-_ .]?\d{1,4}$")
_NOT_SECRET_LABEL = re.compile(r"(?i)\b(?:service|site|ville|city|t[ée]l|phone|mobile|e-?mail|courriel|date|url|lien|link|"
                               r"adresse|address|poste|team|[ée]quipe|groupe|group|r[ôo]le|profil|profile|nom|name|"
                               r"pr[ée]nom|domaine|domain|serveur|server|host|port|base|database|instance|projet|project)\b")
# what a match of each begins with, lower case (searched with str.find: the look-behind or the
# case-insensitive alternation that opens each pattern leaves re no literal prefix to scan for)
_PAIR_STARTS = ("identifiant", "login", "credentials", "acc", "compte", "user", "utilisateur")
_PAIR_LABEL_STARTS = ("login", "user", "identifiant", "id", "utilisateur", "compte", "account")
_PAIR_NOT_USER = frozenset("to the for of and or in on at with from by a an de du des la le les et ou en au aux pour".split())
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
_USE_AS_STARTS = ("enter", "type", "use", "saisi", "tape", "entre", "utilise")
# the password opens a file: "mot de passe du zip", "password for the attachment", "pour ouvrir le PDF"
_ATTACHMENT_CONTEXT = re.compile(
    r"(?i)\b(?:zip|7z|rar|archive|pi[èe]ce[ \t]+jointe|pj|fichier|document|pdf|xlsx?|docx?|tableur|classeur|"
    r"attachment|attached|file|spreadsheet|workbook|ouvrir|open)\b"
)
# "Intl. access code", "country code": a dialling prefix, not a secret
_DIALLING = re.compile(r"(?i)\b(?:intl\.?|international|country|pays|dialling|dialing)[ \t]*$")
_SENTENCE_BREAK = re.compile(r"[.;!?][ \t]+[A-Z]")
_NEGATED = re.compile(r"(?i)\b(?:no|without|sans|aucun|pas[ \t]+de)[ \t]+$")
# a pager or phone number right before "PIN": the PIN reaches a person, it opens nothing
_PHONE_BEFORE = re.compile(r"\d[\d .\-]{6,}\d[ \t]*(?:,|\()?[ \t]*$")
# Words that show the line talks about passwords rather than giving one.
_TALK = re.compile(
    r"(?i)(?-i:(?:^|[.!?][ \t]+)(?:Exemple|Example)\b|\b(?:Exemple|Example)[ \t]*:|(?<![\w-])(?:exemple|example)(?![\w-]))|"
    r"\b(?:(?<!si )jamais|never|oubli[ée](?! de (?:lui|leur|te|vous|t['’]) ?(?:donner|laisser|dire|envoyer|passer|"
    r"transmettre))|forgot|forgotten|reset|r[ée]initialis|expir|e\.g\.|"
    r"par ex|such as|comme\s(?!annonc|convenu|promis|pr[ée]vu|demand|indiqu|discut|[ée]voqu|d'hab|toujours|d[ée]j)|tel que|policy|politique|doit contenir|must contain|at least|au moins|"
    r"minimum|caract[èe]res|characters|sera exig|will be required|changer votre|change your|choisissez|choose)"
)
# addresses, links and host names: "agglo-exemple.fr" says nothing about the sentence around it
_LINKISH = re.compile(
    r"\S+@\S+|\b(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|io|de|uk|nl|be|ch|"
    r"edu|gouv|int|local|lan|info)\b\S*"
)


def _talks(text: str) -> bool:
    """Does this text speak about passwords (policy, reset, example) rather than give one?"""
    return bool(_TALK.search(_LINKISH.sub(" ", text)))


_DATE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$|^\d{1,2}h\d{0,2}$|^\d+(?:[.,]\d+)?(?:€|%|h|min|mn|s)?$")
_COMMON = frozenset(
    """le la les un une des de du est sont sera était your the a an is be was has have been will this that
    votre vos ton ta tes mon ma mes son sa ses notre leur par pour avec sans sur dans et ou
    oublié oublie expiré expire expiré incorrect incorrecte requis required changed changé modifié
    provisoire temporaire temporary initial habituel usual actuel current nouveau new ancien old
    identique same différent different fort strong robuste robust faible weak sécurisé secure
    personnel personal unique partagé shared ci-dessous ci-dessus ci-joint ci-après below above following
    suivant here voici attached joint""".split()
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
    core = value.strip("*_")
    if core != value and (core.isalpha() or not core):
        return False  # "*Cliquez*": a word in bold, not a password
    classes = char_classes(value)
    if strong:
        return len(value) >= 6 and classes >= 3
    if value.isalpha() and (value.islower() or value.istitle() or value.isupper()):
        return False
    return classes >= 2 or len(value) >= 12


def _strong_with_digit(value: str) -> bool:
    """A value standing alone beside a login, with no word that names it a password, must look like one:
    three kinds of character and a digit ("Vlm-Core#2291", not "Paul-Henri")."""
    return _secretish(value, strong=True) and any(ch.isdigit() for ch in value)


# Any access word, for the rules that place a value by layout rather than by a sentence: a value on the
# line after an announcing line, a table column, a list of codes, the subject line.
_ACCESS_PW = re.compile(r"(?i)(?<![\w-])(?:" + _PW_KW + r")(?![\w-])")
_ACCESS_CODE = re.compile(
    r"(?i)(?<![\w-])(?:" + _CODE_KW + r"|" + _OTP_KW + r"|codes?|pin|digicode|one[- ]time|usage unique)(?![\w-])"
)
# the value opens a file: "pour ouvrir l'archive :", "to open the attachment:"
_OPEN_FILE = re.compile(
    r"(?i)\b(?:ouvrir|d[ée]verrouiller|d[ée]compresser|d[ée]zipper|open|unlock|unzip|extract|decrypt|d[ée]chiffrer)\b"
    r"[^\n]{0,40}\b(?:archive|zip|7z|fichier|fichiers|pi[èe]ce[ \t]+jointe|pj|pdf|document|dossier|classeur|"
    r"file|files|attachment|folder|spreadsheet|workbook|volume|conteneur|container)\b"
)
# an announcing line ends with a colon, an arrow, or words that point at what follows
_ANNOUNCE_END = re.compile(r"(?i)(?::|->|→|=|\b(?:ci-dessous|below|following|suivant|suit|voici|here it is|is|est|c['’]est|"
                           r"sera|will[ \t]+be))[ \t]*$")
# the line says the value is written under it, wherever in the line it says so ("le mdp je te le mets juste en
# dessous, pense à le noter")
_POINTS_BELOW = re.compile(r"(?i)\b(?:(?:ci-|juste[ \t]+|l[àa][ \t]+)?en[ \t]+dessous|ci-dessous|just[ \t]+below|(?:right[ \t]+)?"
                           r"below|underneath|on[ \t]+the[ \t]+next[ \t]+line|(?:à|a)[ \t]+la[ \t]+ligne[ \t]+suivante)\b")
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_BULLET = re.compile(r"^[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]+")
# what may follow a value on its own line: a remark in brackets, after a dash or after a wide gap
_AFTER_VALUE = re.compile(r"^(?:$|[ \t]*[(\[]|[ \t]{2,}|[ \t]+[-–—][ \t])")
_CODE_SHAPE = re.compile(r"^(?:" + _SPACED_DIGITS + r"|\d{4,8}[A-Za-z#*]?|[A-Z]\d{3,7}[A-Z]?)$")
# one token, no link, no address, no path: what a password sent alone looks like
_LONE_SECRET = re.compile(r"(?!https?:|www\.)[^\s@/\\]{8,40}")
_SPACED_SHAPE = re.compile(r"^" + _SPACED_DIGITS + r"$")
# things a door, a gate or an alarm is: a list of codes names them, not "code"
_ACCESS_OBJECT = re.compile(
    r"(?i)\b(?:porte|portail|portillon|entr[ée]e|immeuble|b[aâ]timent|b[aâ]t\.?|alarme|coffre(?:-fort)?|cadenas|"
    r"bo[iî]t(?:e|ier)[ \t]+(?:[àa][ \t]+)?cl[ée]s?|garage|interphone|parking|digicode|local|vestiaires?|armoire|sas|"
    r"ascenseur|grille|barri[èe]re|badge|door|gate|alarm|safe|padlock|lock[ \t]*box|key[ \t]*(?:box|safe)|"
    r"building|entrance|garage|front|back|carte|cb|card)\b"
)
_ACCESS_OBJECT_STARTS = ("port", "entr", "immeuble", "bat", "bât", "alarm", "coffre", "cadenas", "boi", "boî",
                         "garage", "interphone", "parking", "digicode", "local", "vestiaire", "armoire", "sas",
                         "ascenseur", "grille", "barri", "badge", "door", "gate", "safe", "padlock", "lock", "key",
                         "building", "front", "back", "carte", "cb", "card")
# "le code pour la boîte à clés, c'est 4417", "the code for the side door is 2290"
_CODE_FOR = re.compile(
    r"(?i)(?<![\w-])codes?(?![\w-])(?P<mid>[^\n\d.;!?]{0,110}?)(?::|=|->|\bc['’]est\b|\best\b|\bis\b|\bsera\b|"
    r"\bwill[ \t]+be\b)[ \t]*(?:le[ \t]+|maintenant[ \t]+|now[ \t]+)?(?P<val>" + _SPACED_DIGITS
    + r"|\d{4,8}[A-Za-z#*]?)(?![\w/-]|[.,]\d)"
)
# "pour l'alarme, tape 4 8 1 5", "at the gate, dial 2290#"
_KEY_IN = re.compile(
    r"(?i)\b(?:tape[zr]?|compose[zr]?|saisi(?:s|r|ssez)|entre[zr]|enter|dial|type|punch[ \t]+in|key[ \t]+in|press)[ \t]+"
    r"(?:le[ \t]+code[ \t]+|the[ \t]+code[ \t]+|code[ \t]+)?(?P<val>[*#]?(?:" + _SPACED_DIGITS + r"|\d{4,8}[A-Za-z#*]?))"
    r"(?![\w/-]|[.,]\d)"
)
# what a code opens, then the code: "l'alarme c'est toujours 2580", "the side gate is 4471"
_OBJECT_IS = re.compile(
    r"(?i)(?<![\w-])(?P<obj>alarme|alarm|portail|digicode|gate|cadenas|padlock|coffre(?:-fort)?|safe|interphone|"
    r"bo[iî]t(?:e|ier)[ \t]+[àa][ \t]+cl[ée]s?|key[ \t]*box|lock[ \t]*box|key[ \t]*safe)(?![\w-])"
    r"(?:[ \t]+(?:\d{1,2}|[A-C]|n°[ \t]?\d{1,2}|nord|sud|est|ouest|arri[eè]re|principal|du parking|north|south|east|west|"
    r"back|side|main|chez[ \t]+\w+|at[ \t]+\w+'s|(?:de|du|at)[ \t]+(?:la[ \t]+)?(?:maison|house|chalet|cottage)|"
    r"(?:derri[eè]re|behind|pr[eè]s[ \t]+de|near|[àa][ \t]+c[oô]t[ée][ \t]+de|next[ \t]+to)[ \t]+(?:la[ \t]+|le[ \t]+|l['’]|the[ \t]+)?\w+))?(?:[ \t]+(?:a[ \t]+[ée]t[ée]|has[ \t]+been|was)[ \t]+[\wéèêàç]+)?"
    r"(?:[ \t]*,?[ \t]*(?::|=|c['’]est|est|is|it['’]s)|(?=[ \t]+\d{4}))[ \t]*(?:toujours[ \t]+|still[ \t]+|maintenant[ \t]+|now[ \t]+|le[ \t]+)?"
    r"(?P<val>" + _SPACED_DIGITS + r"|\d{4,8}[A-Za-z#*]?)(?![\w/-]|[.,]\d)"
    r"(?![ \t]*(?:(?:k?m|cm|mm|kg|g|h|s|x)\b|€|\$|%|euros?\b|ans\b|years?\b|fois\b|times\b|metres?\b|meters?\b|miles?\b|feet\b))"
)
# what someone typed into a login or a code field: "j'ai mis mamie1975 comme tu m'avais dit", "I tried Kiwi!2019"
_TYPED_VERB = r"(?:mis|tap[ée]|entr[ée]|essay[ée]|saisi|typed|entered|tried|put in|used)"
_TYPED = re.compile(r"(?i)\b(?:j['’]ai|on a|i(?:'ve)?|we(?:'ve)?)[ \t]+(?:d[ée]j[àa][ \t]+|bien[ \t]+|already[ \t]+)?"
                    + _TYPED_VERB + r"[ \t]+(?P<val>[^\s,;:!?()\[\]<>\"«»]{6,40})"
                    r"(?![ \t]+(?:of|for|to|in|on|with|from|de|du|des|pour|dans|sur|avec|en)\b)")
_TYPED_CONTEXT = re.compile(r"(?i)\b(?:codes?|mot de passe|mdp|password|passcode|pin|login|identifiant|connexion|"
                            r"wi-?fi|compte|account|netflix|box)\b")
_TYPED_TALK = re.compile(r"(?i)exemple|example|policy|politique|doit contenir|must contain|au moins|at least|e\.g\.")
# the code named in one sentence, given at the start of the next: "j'ai oublié le code de l'alarme. C'est 2719 puis OK"
_NEXT_SENTENCE_IS = re.compile(
    r"(?i)(?<![\w-])(?P<obj>codes?[ \t]+(?:de[ \t]+(?:la[ \t]+|l['’])?|du[ \t]+|d['’])?(?:alarme|porte|portail|garage|bo[iî]te|coffre|cadenas|"
    r"immeuble|entr[ée]e|carte|cb|digicode)|digicode|code[ \t]+pin|pin[ \t]+code|(?:alarm|door|gate|card)[ \t]+code)"
    r"(?![\w-])[^\n.!?]{0,60}[.!?][ \t]+(?:c['’]est|it['’]?s|it[ \t]+is)[ \t]+(?:le[ \t]+|toujours[ \t]+|still[ \t]+)?"
    r"(?P<val>\d(?: \d){3,7}(?: [A-Z](?!\w))?|" + _SPACED_DIGITS + r"|\d{4,8}[A-Za-z#*]?)(?![\w/-]|[.,]\d)"
)
# the value first, then what it is: "c'est 583021 le code que la banque m'a envoyé pour valider le virement"
_CODE_FIRST = re.compile(
    r"(?i)\bc['’]est[ \t]+(?P<val>\d{4,8})[ \t]*,?[ \t]+(?:le|mon|ton|son|ce)[ \t]+code\b[^.\n]{0,60}"
    r"\b(?:re[çc]u|envoy[ée]|sms|texto|valider|banque)")
# a code-shaped token of a Subject: digits with at most one letter, not a time ("9h30") nor a date
_SUBJECT_CODE = re.compile(r"(?<![\w/:.-])(\d[\dA-Z]{2,6}[\dA-Z#*]|[A-Z]\d{3,7}[A-Z]?)(?![\w/:.-])")
_OBJECT_IS_STARTS = ("alarm", "portail", "digicode", "gate", "cadenas", "padlock", "coffre", "safe", "interphone", "bo",
                     "key", "lock")
_CODE_THEN_VALIDITY = re.compile(
    r"(?<![\w,.])(?P<val>" + _SPACED_DIGITS + r"|\d{4,8})[ \t]*(?:[,(–—-][ \t]*)?(?=(?:valable|valide|valid|expire|good)\b)", re.I
)
_CODES_AROUND = re.compile(r"(?i)\b(?:codes?|digicodes?|pin|combinaisons?|combination)\b")
_CODES_AROUND_STARTS = ("code", "digicode", "pin", "combina")
_LIST_ITEM = re.compile(
    r"(?m)^[ \t>]*(?:[-*•–·]|\d{1,2}[.)])?[ \t]*(?P<label>[^:=\n]{2,60}?)[ \t]*(?::|=|->|→)[ \t]*"
    r"(?P<val>" + _SPACED_DIGITS + r"|\d{3,8}[A-Za-z#*]?|[A-Z]\d{3,7}[A-Z]?)(?=$|[ \t.,;()]|[ \t]*\n)"
)
# table cells: tabs (spreadsheets, CSV, HTML tables), pipes, or the wide gaps of an aligned plain-text table
_CELL_SPLIT = re.compile(r"\t|[ \t]*\|[ \t]*| {2,}")
_HEADER_WORDS = 6
# a one-time code announced with how long it lasts ("valable 10 minutes", "valid until Friday")
_VALIDITY = re.compile(
    r"(?i)\b(?:valable|valide|expire|expires|expiring|valid|good)\b[^\n]{0,30}?(?:\d+[ \t]*(?:min|minutes?|h|heures?|hours?|"
    r"jours?|days?)|jusqu|until|till|for|pendant|aujourd|today|ce soir|tonight|demain|tomorrow|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|fin)"
)
_VALIDITY_STARTS = ("valable", "valid", "expir", "good")
# a passphrase written out in words after its keyword and a colon
_PASSPHRASE = re.compile(
    r"(?i)(?<![\w-])(?P<kw>passphrase|pass[ \t]+phrase|phrase[ \t]+(?:de[ \t]+passe|secr[èe]te)|mots?[ \t]+de[ \t]+passe|"
    r"password|mdp|cl[ée][ \t]+de[ \t]+chiffrement|encryption[ \t]+key)(?![\w-])[^\n:=]{0,40}?"
    r"(?:(?:\bc['’]est\b|\best\b|\bis\b)[ \t]*[:=]?|[:=])[ \t]*"
    r"(?:[" + _Q_OPEN + r"][ \t]?(?P<qval>[^\n" + _Q_CLOSE + r"]{6,80}?)[ \t]?[" + _Q_CLOSE + r"]|"
    r"(?P<val>[^\s" + _Q_OPEN + r"<>\[\]][^\n]{6,80}?))[ \t]*(?=$|\n|[.!?;](?:[ \t]|$))"
)
# a strong token in the subject line ("accès VPN -> Vpn!Presta_0925")
_SUBJECT_VALUE = re.compile(r"(?:->|→|=>|:|=|[ \t][-–/][ \t]|\b(?:est|is|c'est)\b|(?i:\b(?:pw|pwd|mdp|password|passcode|key|cl[ée])\b))[ \t]*[" + _Q_OPEN + r"]?"
                            r"(?P<val>[^\s" + _Q_OPEN + _Q_CLOSE + r"]{6,64})")
_SUBJECT_ACCESS = re.compile(
    r"(?i)\b(?:acc[eè]s|login|logins|mdp|pwd|pw|pass|passwords?|mots?[ \t]+de[ \t]+passe|codes?|digicode|wi-?fi|vpn|"
    r"comptes?|account|identifiants?|credentials?|cl[ée]|key|pin|sftp|ftp|ssh|root|admin|administrat\w*|idrac|ilo|bmc)\b"
)
_SUBJECT_TALK = re.compile(r"(?i)changement|changed|change[ \t]+(?:your|of|de)|changer[ \t]+(?:votre|ton|de)|reset|r[ée]initialis|oubli|expir|proc[ée]dure|rappel|reminder|compte[ -]rendu|"
                           r"version|draft|brouillon|release|\bjira\b|ticket|incident|\bbug\b|issue")
_REPLY_PREFIX = re.compile(r"(?i)[ \t]*(?:(?:re|tr|fw|fwd|aw|wg|sv|rif|r[ée]f)[ \t]*(?:\[\d+\])?[ \t]*:[ \t]*)+")
# a label that names something else than an access value, or says one is needed
_LABEL_NOT = re.compile(r"(?i)company|soci[ée]t[ée]|entreprise|business|unit[ée]?|cost|centre|center|need|besoin|"
                        r"require|n[ée]cessite|demand|request")
_SPECIFIC_CODE = re.compile(r"(?i)(?<![\w-])(?:" + _CODE_KW + r"|" + _OTP_KW + r")(?![\w-])")
_ANSWER = re.compile(r"(?i)(?:\bc['’]est|\bit['’]?s|\bis|\best|(?<=\w) ?:)[ \t]+(?:le[ \t]+|maintenant[ \t]+|now[ \t]+)?(?P<val>"
                     + _SPACED_DIGITS + r"|[^\s\"'«»“”]{4,64})")
# the quoted question asks for a code sent to a phone: "can you read me the code that went to your phone"
_CODE_ASKED = re.compile(r"(?im)^[ \t]*>[^\n]{0,200}\bcode\b[^\n]{0,80}\b(?:phone|sms|texto?|t[ée]l[ée]phone|portable|"
                         r"re[çc]u|went to|came to|envoy[ée])")
# a reply that opens with the value alone on its line ("Re: code CB" answered "2719")
_ALONE = re.compile(r"[ \t]*(?P<val>" + _SPACED_DIGITS + r"|[^\s\"'«»“”]{4,64})[ \t]*(?:$|[-–—,][ \t])")
_KEY_IN_STARTS = ("tape", "compose", "saisi", "entre", "enter", "dial", "type", "punch", "key", "press")
_PASSPHRASE_STARTS = ("pass", "phrase", "mot", "mdp", "cl", "encryption")
_ACCESS_CODE_STARTS = _CODE_STARTS + _OTP_STARTS + ("digicode", "usage")
_OPEN_STARTS = ("ouvrir", "déverrouiller", "deverrouiller", "décompresser", "decompresser", "dézipper", "dezipper",
                "open", "unlock", "unzip", "extract", "decrypt", "déchiffrer", "dechiffrer")
_SUBJECT_LINE = re.compile(r"(?im)^(?:>[ \t]*)*(?:subject|objet|sujet)[ \t]*:[ \t]*(.+)$")
# code in prose about software, not a value: "password = os.environ[...]", "getpass()"
# upper and lower case, a digit and a symbol, eight characters or more: a password whatever stands before it
_STRONG_SECRET = re.compile(r"(?=[^\s]*[a-z])(?=[^\s]*[A-Z])(?=[^\s]*\d)(?=[^\s]*[^\w\s])[^\s]{8,40}")
_CODE_EXPR = re.compile(r"[()\[\]{}]|^(?![A-Z][a-z]+\.[A-Z]\w*\d)[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$|^(?:self|this|os|env|config|settings|request)\b")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _code_shaped(value: str) -> bool:
    if not _CODE_SHAPE.match(value):
        return False
    digits = re.sub(r"\D", "", value)
    year = digits == value and re.fullmatch(r"19[5-9]\d|20[0-3]\d", digits)
    return 4 <= len(digits) <= 8 and not year and len(set(digits)) > 1


_KEY_WORD = re.compile(r"(?i)\b(?:cl[ée]|key|passphrase)\b")
_WIFI_CONTEXT = re.compile(r"(?i)wi-?fi|r[ée]seau|ssid|wpa|network|borne|hotspot|point d['’]acc[eè]s")
_CREDENTIALS_WORD = re.compile(r"(?i)\b(?:identifiants?|credentials|login[ \t]+details|acc[eè]s|access[ \t]+details|"
                               r"connexion|log[ \t]*in)\b")


_SLASH_PAIR = re.compile(r"(?P<user>[\w.@\-]{2,40})[ \t]*/[ \t]*(?P<val>[^\s/]{4,64})")


def _login_then_password(text: str, lines: list[tuple[int, str]], i: int, emit):
    """"Voici tes identifiants :" then the login and the password alone on the next two lines, or both on
    the next line ("eleve204 / Salle204!")."""
    values = []
    for off2, nxt in lines[i + 1:i + 5]:
        body = _QUOTE_PREFIX.sub("", nxt).strip()
        if not body:
            if values:
                break
            continue
        pair = _SLASH_PAIR.fullmatch(body) if not values else None
        if pair:
            value, _ = _clean_value(pair.group("val"))
            if value == pair.group("user") or not _secretish(value, strong=True) or _CODE_EXPR.search(value):
                return None
            va = off2 + nxt.find(body) + pair.start("val")
            return emit(lines[i][0], va, va + len(value), 0.8, "login and password on the line after 'identifiants'",
                        "login_pair")
        if len(body.split()) != 1:
            return None
        values.append((off2 + nxt.find(body), body))
        if len(values) == 2:
            break
    if len(values) != 2:
        return None
    (_, login), (va, raw) = values
    value, _ = _clean_value(raw)
    if any("://" in v or v.lower().startswith("www.") or "=" in v for _, v in values):
        return None  # a link, cut across two lines
    if value == login or not _secretish(value, strong=False) or _CODE_EXPR.search(value) or "://" in value:
        return None
    return emit(lines[i][0], va, va + len(value), 0.8, "login and password on the lines after 'identifiants'",
                "login_pair")


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, cell text) of a table row; a line with fewer than two cells is no row."""
    body = line.rstrip()
    lead = len(body) - len(body.lstrip(" \t>|"))
    body = body[lead:]
    out, pos = [], 0
    for m in _CELL_SPLIT.finditer(body):
        out.append((lead + pos, body[pos:m.start()]))
        pos = m.end()
    out.append((lead + pos, body[pos:]))
    out = [(a, c) for a, c in out]
    return out if sum(1 for _, c in out if c.strip()) >= 2 else []


def _header_kind(cell: str) -> str:
    """'password' or 'code' when a column header names an access value, else ''."""
    c = cell.strip().strip(":*").strip()
    if re.fullmatch(r"[A-Za-zÀ-ÿ]+(?:_[A-Za-zÀ-ÿ]+)+", c):
        c = c.replace("_", " ")  # a CSV's "mot_de_passe", "wifi_key" (not a program's "pic_code")
    if not c or len(c) > 40 or len(c.split()) > _HEADER_WORDS or _NOT_CODE.search(c) or _PROMO.search(c):
        return ""
    if _ACCESS_PW.search(c) and not re.search(r"(?i)\b(?:oubli|reset|chang|expir|politique|policy)", c):
        return "password"
    if _ACCESS_CODE.search(c):
        return "code"
    return ""


class CredentialsProse(Detector):
    """Passwords, PINs, door and safe codes, Wi-Fi keys, VPN pre-shared keys and still-valid
    one-time codes written in French or English sentences, lists and tables."""

    name = "credentials.prose"
    version = "2"
    categories = (C.CREDENTIALS,)
    keywords = (
        "passe", "mdp", "passw", "passwd", "pwd", "pass", "code", "pin", "psk", "shared", "secret", "wifi",
        "wi-fi", "wpa", "clé", "cle ", "identifiant", "login", "credential", "otp", "network key", "accès", "acces",
        "vpn", "compte", "account", "ouvrir", "open", "unlock", "unzip", "sésame", "sesame", "pw", "psw", "verrouill",
        "compress", "zip", "crypt", "chiffr", "extract", "alarm", "porte", "portail", "door", "gate", "boîte", "boite",
        "cadenas", "coffre", "garage", "parking", "badge", "lock", "safe", "combina",
    )
    description = __doc__

    def gate(self, unit: TextUnit) -> bool:
        """The keyword gate, on the text or (for a body answering it) on the subject line."""
        if unit.kind == "subject" or super().gate(unit):
            return True  # a subject line is short: always read
        if unit.kind == "body" and len(unit.text) < 300 and unit.text.strip().count("\n") < 3:
            return True  # a few words: maybe a secret sent alone
        subject = unit.context.subject.lower() if unit.kind == "body" else ""
        return bool(subject) and any(k in subject for k in ("code", "passe", "mdp", "pass", "pin", "wifi", "wi-fi"))

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        if any(chr(c) in unit.text for c in _HARD_SPACES):
            # French typography puts a no-break space before the colon ("mot de passe\u00a0: X"), and a text
            # attachment may end its lines with CR LF: read both as spaces (one character for one: positions
            # do not move)
            unit = dataclasses.replace(unit, text=unit.text.translate(_HARD_SPACES))
        text = unit.text
        taken: list[tuple[int, int]] = []
        bulk = unit.context.is_bulk or unit.context.is_auto_reply

        def emit(kw_start: int, va: int, vb: int, score: float, reason: str, label: str, assigned: bool = False):
            if any(va < y and x < vb for x, y in taken):
                return None
            ls, _ = line_bounds(text, kw_start)
            before = text[ls:va]
            # the sentence that gives the value: an earlier sentence of the same line talks of something else
            ends = [m.end() for m in re.finditer(r"[.!?][ \t]+", text[ls:kw_start])]
            sentence = text[ls + ends[-1]:va] if ends else before
            if not assigned and _talks(sentence):
                score -= 0.45
            if bulk:
                # a door code mailed to a staff list still opens the door; a one-time code said to be valid
                # for a while is live when the mail is read
                score -= 0.15 if label == "access_code" or (
                    label == "one_time_code" and _VALIDITY.search(text[vb:vb + 300])) else 0.3
            if unit.in_boilerplate(va):
                score -= 0.2
            if unit.context.genre == "spam":
                score -= 0.5  # a fraud's or an advert's "password" opens nothing of the owner's
            taken.append((va, vb))
            if label == "password" and (_ATTACHMENT_CONTEXT.search(before) or unit.context.has_encrypted_attachment):
                label = "attachment_password"
                reason += " (opens a file)"
            _, le = line_bounds(text, vb)
            return Match(C.CREDENTIALS, ls, max(le, vb), clamp(score), reason, va, vb, label=label)

        low = unit.lower
        has = lambda *words: any(w in low for w in words)  # noqa: E731 - substring gates before slow regexes
        pw_words = has("pass", "mdp", "pwd", "pw", "psw", "secret", "code", "cl", "psk", "shared", "wi", "wpa",
                       "network key", "sésame", "sesame")
        for rx, no_separator in ((_PW_SEP, False), (_PW_SPACE, True), (_PW_COLON, False)):
            for m in (finditer_at(rx, text, low, _PW_STARTS) if pw_words else ()):
                value, cut = _clean_value(m.group("val"))
                quoted = bool(m.group("q"))
                if quoted and re.match(r"[ \t]+[^\s" + _Q_CLOSE + r"][^\n" + _Q_CLOSE + r"]{0,60}[" + _Q_CLOSE + r"]",
                                       text[m.end("val"):]):
                    continue  # a quoted passphrase of several words: read whole below
                # without a separator the value must look strong, unless an instruction introduces it
                # ("enter password X", "saisir le mot de passe X")
                strong = no_separator and not _ENTER_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                kw = m.group("kw").lower()
                if kw in ("pass", "passe", "secret", "pw") and not re.fullmatch(
                        r"[ \t]*(?:[\w-]+[ \t]*){0,3}?(?:is[ \t]*)?[:=][ \t]*" + "[" + _Q_OPEN + r"]?[ \t]*",
                        text[m.end("kw"):m.start("val")]):
                    continue  # "pass", "secret" are verbs and adjectives too: they need a separator
                if kw == "pw" and strong and not _STRONG_SECRET.fullmatch(value):
                    continue  # "pw" alone before a word is too often something else ("pw Chambers!4417" is not)
                if kw == "pwd" and re.match(r"(?:[a-zA-Z]:)?[/\\~$.]|.*[/\\]", value):
                    continue  # "PWD = c:/utils/ocaml": the working directory of a shell or a makefile
                if m.start() and text[m.start() - 1] in "?&/.=":
                    continue  # a parameter of a link is the business of the token detector
                if len(set(value)) == 1:
                    continue  # "========", a rule under a heading
                if _CODE_EXPR.search(value) or text[m.end("val"):m.end("val") + 1] in ("(", "["):
                    continue  # software: "password = os.environ[...]", "pwd = getpass()"
                ok = _secretish(value, strong and not quoted) or (not strong and _code_shaped(value))
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

        for m in (finditer_starting(_USE_AS, text, _USE_AS_STARTS, low) if has(" as ", "comme", "en tant") else ()):
            value, _ = _clean_value(m.group("val"))
            if len(value) < 4 or is_placeholder(value) or value.lower() in _COMMON:
                continue
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "value to enter as a password", "password")
            if found:
                yield found

        for m in (list(_WIFI_KEY.finditer(text)) + list(_WIFI_IS.finditer(text))
                  if has("wifi", "wi-fi", "seau", "wpa", "ssid") else ()):
            value, _ = _clean_value(m.group("val"))
            if not _secretish(value, strong=m.re is _WIFI_IS):
                continue
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "Wi-Fi key", "wifi_key")
            if found:
                yield found

        for m in (list(finditer_starting(_PAIR_LABEL, text, _PAIR_LABEL_STARTS, low))
                  + list(finditer_starting(_PAIR, text, _PAIR_STARTS, low)) if has("identifiant", "login", "credential", "acc", "account", "compte",
                                               "user", "utilisateur") else ()):
            value, _ = _clean_value(m.group("val"))
            user = m.group("user")
            if not _secretish(value, strong=False) or value == user or user.lower() in _PAIR_NOT_USER:
                continue
            if "\n" in text[m.start():m.start("user")] and not _strong_with_digit(value):
                continue  # "Compte rendu de la réunion :" then "Jean / Paul-Henri": a pair on its own line must look secret
            if value.startswith(("/", ".")) or value.count("/") > 1 or _CODE_EXPR.search(value):
                continue  # a path or an expression, not a password
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "login / password pair", "login_pair")
            if found:
                yield found

        # a line holding only "login / password", under a few lines that speak of an account
        for m in (_LOGIN_LINE.finditer(text) if " / " in text else ()):
            value, _ = _clean_value(m.group("val"))
            if not _strong_with_digit(value) or value.count("/") \
                    or not _ACCOUNT_AROUND.search(text[max(0, m.start() - 200):m.end() + 200]):
                continue
            found = emit(m.start(), m.start("val"), m.start("val") + len(value), 0.8, "a login and its password on a line",
                         "login_pair")
            if found:
                yield found

        for m in (_PAIR_LINES.finditer(text) if has("identifiant", "login", "user", "utilisateur", "account", "compte") else ()):
            value, _ = _clean_value(m.group("val"))
            if not _secretish(value, strong=True) or value.lower().startswith(("http", "www")) or "@" in value:
                continue
            if _WORD_AND_NUMBER.match(value) or _NOT_SECRET_LABEL.search(m.group("label")):
                continue  # "Service : Comptabilite-2024", "Téléphone : +33-6..."
            va = m.start("val") + m.group("val").find(value)
            found = emit(m.start(), va, va + len(value), 0.85, "login, then a password on the next line", "login_pair")
            if found:
                yield found

        for m in (_LABEL_ONLY.finditer(text) if pw_words else ()):
            nxt = text[m.end():].lstrip("\r\n")
            offset = len(text) - len(nxt)
            line = nxt.split("\n", 1)[0]
            value = line.strip().lstrip("> ").strip()
            if not value or len(value.split()) > 1:
                continue
            value, _ = _clean_value(value)
            if not _secretish(value, strong=False):
                continue
            va = offset + line.index(value)
            found = emit(m.start(), va, va + len(value), 0.8, "value on the line after a password label", "password")
            if found:
                yield found

        codes = has("code", "pin", "otp", "combina", "safe", "box", "pad")
        for rx, label, score, starts in ((_CODE, "access_code", 0.85, _CODE_STARTS),
                                         (_OTP, "one_time_code", 0.75, _OTP_STARTS)):
            for m in (finditer_at(rx, text, low, starts) if codes else ()):
                between = text[m.end("kw"):m.start("val")]
                if _NOT_CODE.search(between) or _SENTENCE_BREAK.search(between) or between.endswith("("):
                    continue
                if _NEGATED.search(text[max(0, m.start() - 12):m.start()]) or _DIALLING.search(
                        text[max(0, m.start() - 16):m.start()]):
                    continue
                value = m.group("val")
                if " " in value and not _code_shaped(value):
                    continue
                if _PROMO.search(between) or _PROMO.search(m.group("kw")):
                    continue
                s = score
                if m.group("kw").lower() == "pin" and _PHONE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                    s -= 0.4
                if label == "one_time_code" and bulk and not _VALIDITY.search(text[m.end("val"):m.end("val") + 200]):
                    s -= 0.4  # an automated code sent to the owner expires; a forwarded one is live
                found = emit(m.start(), m.start("val"), m.end("val"), s, f"code given after '{m.group('kw')}'", label)
                if found:
                    yield found

        def value_of(m):
            return m.group("val")

        loose = list(finditer_starting(_PLAIN_CODE, text, ("code",), low)) + list(
            finditer_starting(_CODE_LOOSE, text, ("code",), low)) if "code" in low else []
        for m in loose:
            ls, _ = line_bounds(text, m.start())
            window = text[max(ls, m.start() - 120):m.start("val")]
            after = text[m.end("val"):m.end("val") + 80]
            if " " in value_of(m) and not _code_shaped(value_of(m)):
                continue
            if not (_CODE_CONTEXT.search(window) or _VALIDITY.search(after) or _ACCESS_OBJECT.search(after[:40])) or _NOT_CODE.search(window[-40:]) \
                    or _PROMO.search(window[-40:]):
                continue
            value = m.group("val")
            if re.fullmatch(r"(19|20)\d\d", value):
                continue
            found = emit(m.start(), m.start("val"), m.end("val"), 0.75, "code given near a door/box/SMS context",
                         "access_code")
            if found:
                yield found

        yield from self._by_layout(unit, emit)
        if unit.kind == "body":
            found = self._sent_alone(unit, emit)
            if found:
                yield found

    @staticmethod
    def _sent_alone(unit: TextUnit, emit) -> Match | None:
        """A reply whose whole text (quotes and signature aside) is one password-shaped token: the secret
        asked for, sent without a word ("LBM-cj04*Offre!23")."""
        own = [(off, line) for off, line in _lines(unit.text)
               if line.strip() and not line.lstrip().startswith(">") and not unit.in_boilerplate(off)]
        if len(own) != 1:
            return None
        off, line = own[0]
        token = line.strip()
        if not _LONE_SECRET.fullmatch(token) or _CODE_EXPR.search(token):
            return None
        classes = sum(1 for rx in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]") if re.search(rx, token))
        if classes < 4:
            return None
        va = off + line.find(token)
        return emit(va, va, va + len(token), 0.6, "a password-shaped value sent alone", "password")

    def _by_layout(self, unit: TextUnit, emit) -> Iterator[Match]:
        """Values placed by layout: on the line after an announcing line, in a column whose header is an
        access word, in a list of codes, written out as a passphrase, or in the subject line."""
        text = unit.text
        low = unit.lower
        lines = _lines(text)
        # the lines holding an access word, found once: the layout rules look at those lines only
        starts = [off for off, _ in lines]
        hits: set[int] = set()
        # a CSV header writes its words with underscores ("mot_de_passe"): read them as spaces (same length)
        spaced, low_spaced = (text.replace("_", " "), low.replace("_", " ")) if unit.rows and "_" in text else (text, low)
        for rx, lits in ((_ACCESS_PW, _PW_STARTS), (_ACCESS_CODE, _ACCESS_CODE_STARTS), (_OPEN_FILE, _OPEN_STARTS),
                         (_CREDENTIALS_WORD, ("identifiant", "credentials", "login", "acc", "connexion", "log")),
                         (_KEY_WORD, ("cl", "key", "passphrase"))):
            for m in finditer_at(rx, spaced, low_spaced, lits):
                hits.add(bisect_right(starts, m.start()) - 1)
        hit_lines = sorted(hits)

        # a value alone on the next non-empty line after a line that announces it
        for i in hit_lines:
            off, line = lines[i]
            head = _QUOTE_PREFIX.sub("", line).strip()
            if not head or len(head) > 200:
                continue
            # without a colon, the access word ends a short line ("Voici le code du portail") and the value
            # stands alone below it
            bare = not (_ANNOUNCE_END.search(head) or _POINTS_BELOW.search(head))
            if bare and (len(head) > 60 or not (_ACCESS_PW.search(head[-40:]) or _ACCESS_CODE.search(head[-40:]))
                         or head.endswith((".", "?", "!", ","))):
                continue
            pw = _ACCESS_PW.search(head)
            code = _ACCESS_CODE.search(head)
            opens = _OPEN_FILE.search(head)
            wifi_key = not (pw or code) and _KEY_WORD.search(head) and _WIFI_CONTEXT.search(
                head + "\n" + unit.context.subject)
            if wifi_key:
                # a strong value is asked for, as for a file's password; what the line says of it starts at the key
                opens = _KEY_WORD.search(head)
            if not (pw or code or opens) and not bare and _CREDENTIALS_WORD.search(head) and not _talks(head):
                found = _login_then_password(text, lines, i, emit)
                if found:
                    yield found
                continue
            anchor = (code or pw or opens).start() if (pw or code or opens) else 0
            if not (pw or code or opens) or _talks(head) or _PROMO.search(head, max(0, anchor - 40)) or _NOT_CODE.search(
                    head[anchor:]):
                continue  # a promo code, or a code of something else, said near the access word
            for off2, nxt in lines[i + 1:i + 4]:
                body = _QUOTE_PREFIX.sub("", nxt)
                if not body.strip():
                    continue
                lead = len(nxt) - len(body.lstrip())
                body = body.strip()
                spaced = re.match(_SPACED_DIGITS, body)
                if spaced and _AFTER_VALUE.match(body[spaced.end():]):
                    raw = spaced.group(0)
                else:
                    raw = body.split()[0]
                    if not (_AFTER_VALUE.match(body[len(raw):]) or (raw[-1] in ",;" and _code_shaped(raw[:-1]))):
                        break
                    if raw.endswith(":"):
                        break  # a label or a configuration key ("sftp_partners:"), the values come under it
                if bare:
                    j = bisect_right(starts, off2)
                    rest = lines[j:j + 1]
                    if body != raw or (rest and _QUOTE_PREFIX.sub("", rest[0][1]).strip()):
                        break  # without a colon, the value must stand alone between blank lines
                value, _ = _clean_value(raw)
                if code and _code_shaped(value):
                    label, score = ("one_time_code" if _VALIDITY.search(text[off2:off2 + 300])
                                    or re.search(r"(?i)v[ée]rification|validation|confirmation|one[- ]time|otp|sms|"
                                                 r"usage unique|sign[- ]?in|connexion", head) else "access_code"), 0.8
                elif pw and _secretish(value, strong=bare or not head.rstrip().endswith((":", "=", "->", "→"))):
                    label, score = "password", 0.8
                elif opens and _secretish(value, strong=True) and len(value) >= 8:
                    label, score = ("wifi_key" if wifi_key else "attachment_password"), 0.8
                elif code and _secretish(value, strong=True):
                    label, score = "access_code", 0.75
                else:
                    break
                if _CODE_EXPR.search(value):
                    break
                va = off2 + lead + nxt[lead:].find(value)
                found = emit(off + len(line) - len(line.lstrip()), va, va + len(value), score,
                             "value on the line after an announcing line", label)
                if found:
                    yield found
                break

        if unit.kind == "body" and unit.context.subject:
            yield from self._answer_to_subject(unit, lines, emit)

        # a column whose header is an access word: every value under it
        if hit_lines and ("\t" in text or "|" in text or "  " in text):
            yield from self._table_columns(unit, lines, hit_lines, emit)

        # a list of codes: "- portail parking : 4821B" when the text speaks of codes
        if search_words(_CODES_AROUND, text, _CODES_AROUND_STARTS, low):
            for m in _LIST_ITEM.finditer(text):
                label_text = m.group("label")
                if not _ACCESS_OBJECT.search(label_text) or _NOT_CODE.search(label_text) or _PROMO.search(label_text):
                    continue
                value = m.group("val")
                if not _code_shaped(value) and not re.fullmatch(r"\d{3}[A-Za-z#*]?", value):
                    continue
                if not _CODES_AROUND.search(text[max(0, m.start() - 400):m.end()]):
                    continue
                if _PHONE_BEFORE.search(label_text) or re.search(r"(?i)\b(?:t[ée]l|phone|fax|poste|ext)\b", label_text):
                    continue
                found = emit(m.start(), m.start("val"), m.end("val"), 0.8, "code in a list of access codes",
                             "access_code")
                if found:
                    yield found

        # "code" with what it opens between it and the value, or an instruction to key the value in
        if "code" in low or search_words(_ACCESS_OBJECT, text, _ACCESS_OBJECT_STARTS, low):
            for rx, needs, lits in ((_CODE_FOR, "mid", ("code",)), (_KEY_IN, None, _KEY_IN_STARTS),
                                    (_OBJECT_IS, "obj", _OBJECT_IS_STARTS),
                                    (_NEXT_SENTENCE_IS, "obj", ("code", "digicode", "pin", "alarm", "door", "gate", "card"))):
                for m in finditer_at(rx, text, low, lits):
                    ls, _ = line_bounds(text, m.start())
                    where = m.group(needs) if needs else text[max(ls, m.start() - 80):m.start()]
                    if rx is _KEY_IN:  # "press *6070 at the gate entrance": what it opens may follow
                        where += " " + text[m.end():m.end() + 60]
                    if needs and len(where.strip()) < 3:
                        # "ma carte est sur la table de l'entrée, le code c'est 4471": the object stands before
                        where = text[max(ls, m.start() - 120):m.start()]
                    if not _ACCESS_OBJECT.search(where) or _NOT_CODE.search(where) or _PROMO.search(where):
                        continue
                    value = m.group("val")
                    # "la boîte à clés c'est 1958": what the code opens said, a year is the code
                    said = text[m.start():m.start("val")]
                    if not (_code_shaped(value.lstrip("*#")) or re.fullmatch(r"\d(?: \d){3,7} [A-Z]", value)
                            or (rx is _OBJECT_IS and re.fullmatch(r"\d{4}", value)
                                                    and re.search(r"(?i)c['’]est|[:=]|\best\b|\bis\b|it['’]s", said))) \
                            or _DIALLING.search(where):
                        continue
                    found = emit(m.start(), m.start("val"), m.end("val"), 0.8, "code given for a door, box or alarm",
                                 "access_code")
                    if found:
                        yield found

        for m in (_CODE_FIRST.finditer(text) if "c" in low and "code" in low else ()):
            found = emit(m.start(), m.start("val"), m.end("val"), 0.75, "one-time code given before its name",
                         "one_time_code")
            if found:
                yield found

        # a value typed into a field, in a text about a code or a login
        if re.search(r"(?i)\b" + _TYPED_VERB + r"\b", text):
            for m in _TYPED.finditer(text):
                value, _ = _clean_value(m.group("val"))
                before = text[max(0, m.start() - 200):m.start()]
                if not _TYPED_CONTEXT.search(before) or _TYPED_TALK.search(before + m.group(0)) \
                        or not _secretish(value, strong=False):
                    continue
                if not (re.search(r"\d", value) and re.search(r"[A-Za-z]", value)) or _CODE_EXPR.search(value):
                    continue  # a word or a number alone ("j'ai mis 2 heures") is no password
                va = m.start("val") + m.group("val").find(value)
                found = emit(m.start(), va, va + len(value), 0.75, "value typed into a login or code field", "password")
                if found:
                    yield found

        # a code followed by how long it stays valid ("482 917, valable 15 min"), in a text about a code or an SMS
        if search_words(_VALIDITY, text, _VALIDITY_STARTS, low) and re.search(r"(?i)\bcodes?\b|sms|otp|texto|one[- ]time|2fa|mfa", text):
            for m in _CODE_THEN_VALIDITY.finditer(text):
                value = m.group("val")
                if not _code_shaped(value):
                    continue
                if not re.search(r"(?i)\bcodes?\b|sms|otp|texto|one[- ]time|2fa|mfa",
                                 text[max(0, m.start() - 250):m.start()]):
                    continue
                found = emit(m.start(), m.start("val"), m.end("val"), 0.75, "code given with its validity",
                             "one_time_code")
                if found:
                    yield found

        # a passphrase written out in words
        if "phrase" in low or ":" in text or "=" in text or "est" in low or " is" in low:
            for m in finditer_at(_PASSPHRASE, text, low, _PASSPHRASE_STARTS):
                group = "qval" if m.group("qval") else "val"
                value = m.group(group).strip()
                words = value.split()
                if not 2 <= len(words) <= 10 or _talks(text[line_bounds(text, m.start())[0]:m.start(group)]):
                    continue
                if _talks(value) or is_placeholder(value) or _CODE_EXPR.search(value) or "http" in value:
                    continue
                if group == "val" and not re.search(r"(?i)phrase|chiffrement|encryption", m.group("kw")):
                    continue  # an unquoted sentence after "mot de passe :" is prose, not a value
                if group == "val" and not re.search(r"[:=][ \t]*$", text[m.end("kw"):m.start(group)]):
                    continue  # "my passphrase is incorrect": only a colon announces words as the value
                if sum(w.lower() in _COMMON for w in words) > len(words) // 2:
                    continue
                va = m.start(group)
                found = emit(m.start(), va, va + len(m.group(group).rstrip()), 0.8, "passphrase written out", "password")
                if found:
                    yield found

        # the subject line, or the Subject/Objet line of a quoted, forwarded or attached message: a strong
        # token after a separator, with an access word
        if unit.kind == "subject" and unit.context.code_in_subject:
            # the body says the code is here: the Subject's code-shaped token ("Visite 14 rue X 9h30 - 4B71")
            for m in _SUBJECT_CODE.finditer(text):
                if _code_shaped(m.group(1)) or re.fullmatch(r"\d[A-Z]\d{2}|\d{2}[A-Z]\d|[A-Z]\d{3}|\d{3}[A-Z]", m.group(1)):
                    found = emit(0, m.start(1), m.end(1), 0.75, "code the body says is in the subject line",
                                 "access_code")
                    if found:
                        yield found
        if unit.kind == "subject":
            subjects = [(0, len(text))]
        else:
            subjects = [m.span(1) for m in _SUBJECT_LINE.finditer(text)] if ("ubject" in text or "bjet" in text) else []
        for a, b in subjects:
            prefix = _REPLY_PREFIX.match(text, a, b)
            a = prefix.end() if prefix else a  # "Re:" is no separator before a value
            if not _SUBJECT_ACCESS.search(text, a, b) or _talks(text[a:b]) or _SUBJECT_TALK.search(text, a, b):
                continue
            for m in _SUBJECT_VALUE.finditer(text, a, b):
                value, _ = _clean_value(m.group("val"))
                if not (any(c.islower() for c in value) and any(c.isupper() for c in value)
                        and any(c.isdigit() for c in value)):
                    continue
                if char_classes(re.sub(r"['’\\]", "", value)) < 3 or len(value) < 8 or not _secretish(value, strong=True):
                    continue
                if re.fullmatch(r"[A-Z][a-z]+(?:[-_][A-Z][a-z]+)*", value) or _CODE_EXPR.search(value):
                    continue
                if re.fullmatch(r"(?i)(?:re|tr|fw|fwd|aw|wg|sv|rif)", value.rstrip(":")):
                    continue
                if not (re.search(r"[!#$%&*?@+=~^]", value) or any(
                        re.search(r"[a-z0-9][A-Z]", seg) and re.search(r"\d", seg) for seg in re.split(r"[_.\-]", value))):
                    continue  # "Fix_Deploy2", "Plan_v2B" are names of things; a password mixes its letters
                va = m.start("val") + m.group("val").find(value)
                found = emit(a, va, va + len(value), 0.75, "secret-shaped value in the subject line", "password")
                if found:
                    yield found

    def _answer_to_subject(self, unit: TextUnit, lines: list[tuple[int, str]], emit) -> Iterator[Match]:
        """"Re: code portail" answered by "Oui c'est 4471B": the subject names what the value opens."""
        subject = unit.context.subject
        prefix = _REPLY_PREFIX.match(subject)
        subject = subject[prefix.end():] if prefix else subject
        pw = _ACCESS_PW.search(subject)
        if pw and pw.group(0).lower() in ("secret", "pass", "passe", "pw"):
            pw = None  # "The secret passion...": too weak to announce a value
        # a bare "code" in a subject is too often source code or a code of conduct: it needs what it opens
        code = _ACCESS_CODE.search(subject) and (_SPECIFIC_CODE.search(subject) or _ACCESS_OBJECT.search(subject)
                                                 or _CODE_ASKED.search(unit.text))
        if not (pw or code) or _talks(subject) or _SUBJECT_TALK.search(subject) or _PROMO.search(subject) \
                or _NOT_CODE.search(subject):
            return
        seen = 0
        for off, line in lines:
            if not line.strip():
                continue
            seen += 1
            if seen > 4 or line.lstrip().startswith(">"):
                break
            alone = _ALONE.match(line) if seen == 1 else None
            for m in ([alone] if alone else _ANSWER.finditer(line)):
                value, _ = _clean_value(m.group("val"))
                if not ((code and _code_shaped(value)) or (pw and _secretish(value, strong=True))):
                    continue
                va = off + m.start("val")
                found = emit(off, va, va + len(value), 0.75, "value answering the subject line",
                             "access_code" if code and _code_shaped(value) else "password")
                if found:
                    yield found

    def _table_columns(self, unit: TextUnit, lines: list[tuple[int, str]], hit_lines: list[int],
                       emit) -> Iterator[Match]:
        text = unit.text
        context_access = _AccessContext(text)  # read only if a table asks (a scan of the whole text)
        done = -1
        for i in hit_lines:
            if i <= done:
                continue
            found, done = _table_from(lines, i, context_access, emit)
            yield from found


_ACCESS_CONTEXT = re.compile(r"(?i)acc[eè]s|porte|digicode|alarme|coffre|badge|door|gate|alarm|safe|"
                             r"login|identifiant|compte|account|connexion|wi-?fi")


class _AccessContext:
    """Whether the text speaks of access (doors, accounts, Wi-Fi), searched on first use."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: str) -> None:
        self._text, self._value = text, None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(_ACCESS_CONTEXT.search(self._text))
        return self._value


def _table_from(lines: list[tuple[int, str]], first: int, context_access, emit) -> tuple[list[Match], int]:
    """The values of the table whose header (or label/value row) is line ``first``, and its last line."""
    out: list[Match] = []
    header: dict[int, tuple[str, str]] = {}
    width = 0
    end = first
    for idx in range(first, len(lines)):
        off, line = lines[idx]
        if idx > first and not header:
            break
        end = idx
        cells = _cells(line)
        if not cells:
            if not line.strip() or line.startswith("["):
                break  # a blank line or a new sheet ends the table
            continue
        filled = [(a, c) for a, c in cells if c.strip()]
        label_cell = filled[0][1] if len(filled) >= 2 and not header else ""
        if label_cell and _header_kind(label_cell) and not _talks(label_cell) and not _LABEL_NOT.search(label_cell) \
                and (context_access or _header_kind(label_cell) == "password"
                     or not re.fullmatch(r"(?i)[ \t]*codes?[ \t]*:?[ \t]*", label_cell)):
            # a label then its value: "Mot de passe | X | remarque"
            start, cell = filled[1]
            value, _ = _clean_value(cell.strip())
            kind = _header_kind(filled[0][1])
            if value and len(value.split()) == 1 and not _CODE_EXPR.search(value) and (
                    _secretish(value, strong=False) if kind == "password" else _code_shaped(value)):
                va = off + start + cell.find(value)
                found = emit(off, va, va + len(value), 0.85, f"value beside '{filled[0][1].strip()[:30]}'",
                             "password" if kind == "password" else "access_code", assigned=True)
                if found:
                    out.append(found)
                continue
        kinds = {i: (_header_kind(c), c.strip()) for i, (_, c) in enumerate(cells)}
        found_header = {i: k for i, k in kinds.items() if k[0]}
        # a header row: an access word in one cell and no value-looking cell beside it
        if found_header and all(len(c.split()) <= _HEADER_WORDS and not any(ch.isdigit() for ch in c)
                                for _, c in cells):
            header, width = found_header, len(cells)
            continue
        if not header:
            continue
        for i, (kind, name) in header.items():
            if i >= len(cells):
                continue
            start, cell = cells[i]
            value, _ = _clean_value(cell.strip())
            if not value or " " in value and not _SPACED_SHAPE.match(value):
                continue
            generic = kind == "code" and re.fullmatch(r"(?i)(?:nouveau[ \t]+|new[ \t]+|ancien[ \t]+)?codes?", name)
            if kind == "code" and not (_code_shaped(value) or _secretish(value, strong=True)):
                continue
            if generic and not context_access:
                continue
            if kind == "password" and not (_secretish(value, strong=False) or _code_shaped(value)):
                continue
            if _CODE_EXPR.search(value) or value.lower().startswith(("voir", "see", "cf")):
                continue
            va = off + start + cell.find(value)
            score = 0.85 if width == len(cells) else 0.75
            found = emit(off, va, va + len(value), score, f"value under the column '{name[:30]}'",
                         "password" if kind == "password" else "access_code", assigned=True)
            if found:
                out.append(found)
    return out, end
