"""Personal data of identifiable third persons: validated identifiers (NIR, IBAN, card, numéro
fiscal) through the French Presidio pack, UK and US national numbers with their context, dates
and places of birth, home addresses, personal phone numbers, student numbers, passport numbers,
salaries and family situations, tables listing people (one finding with the number of rows), and
the holder's data on an identity document.

A value counts when it is tied to a person the mail is about: a column of a table of people, a
possessive ("sa rémunération", "his home address"), a named person in the same sentence, a
letter's address block under a titled name. The writer's own data is not a third person's: the
sender's signature, "my mobile", "reach me at". Broadcast mail (List-Id, List-Unsubscribe,
Precedence: bulk) gives no finding from prose cues; a validated identifier counts anywhere.

An identity document (as :func:`identity_doc.identify_document` decides) is personal data as
well as an ``identity_scan``: it carries its holder's identifiers, the owner's own documents
included, and needs no third-person context.

Not reported: numbers failing their checksum, company identifiers (SIREN/SIRET), anything in
the sender's signature or disclaimer block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import phonenumbers
from stdnum.us import ssn as us_ssn

from . import categories as C
from ._util import _CASE_SPECIAL, PERSONAL_DOMAIN, _matches_at, finditer_words
from .base import Detector
from .finding import Match
from .identity_doc import DocumentVerdict, identify_document
from .persons import known_first_names
from .presidio_fr.rules import find
from .unit import TextUnit

_MONTHS = r"(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c|jan|feb|mar|apr|may|jun|jul|aug|sep|dec)"
_BIRTH = re.compile(
    r"(?i)\b(?:n[ée]\(?e?\)?\s+le|date\s+de\s+naissance|born(?:\s+(?:on|in))?|date\s+of\s+birth|birth\s*date|"
    r"d\.?o\.?b\b\.?|lieu\s+de\s+naissance|place\s+of\s+birth|n[ée]\(?e?\)?\s+(?:à|a|en)\s+(?-i:[A-ZÉ]))"
)
_DATE = re.compile(rf"\b\d{{1,2}}[/.\-|]\d{{1,2}}[/.\-|](?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b|"
                   rf"\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+{_MONTHS}\w*\.?\s+(?:19|20)\d{{2}}\b|"
                   rf"\b{_MONTHS}\w*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b", re.I)
_PLACE_AFTER = re.compile(r"\s*(?:à|a|in|at)\s+[A-ZÉÈ][\w'\-]{2,}")
_PLACE_FIELD = re.compile(r"\s*[:\-]?\s*[A-ZÉÈ][\w'\-]{2,}")
# A date that is a birth date without saying so: followed by the age it gives ("22/01/1965 (58 ans)"),
# or after a sex field in a record line ("Marie Daubert | F | 10/05/1986")
_NUM_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}"
_DOB_AGE = re.compile(rf"\b(?P<v>{_NUM_DATE})\s*\(\s*\d{{1,3}}\s*(?:ans|years?|yrs?|y\.?o\.?)\s*\)", re.I)
_DOB_SEX = re.compile(rf"(?:\|\s*[MFH]\s*\||\b[Ss]exe?\s*:\s*[MFH]\b)[\s|,;]*(?P<v>{_NUM_DATE})\b")
# mobile numbers as written in France (06/07, +33 6, 0033 6) and the UK (+44 7...)
# (no look-behind at the start: it kept the regex engine from skipping to a "+" or a "0" and cost
# three times as much; the character before a candidate is checked in code)
_MOBILE_CANDIDATE = re.compile(
    r"(?:\+33[\s.]?(?:\(0\)[\s.]?)?|0033[\s.]?(?:\(0\)[\s.]?)?|0)[67](?:[\s.\-]?\d{2}){4}(?!\d)|"
    r"\+44[\s.]?(?:\(0\)[\s.]?)?7\d{3}[\s.\-]?\d{3}[\s.\-]?\d{3}(?!\d)|\b07\d{3}[\s.\-]?\d{6}(?!\d)"
)
# every candidate holds one of these: "06"/"07" (0 then 6 or 7), "+33", "0033", "+44", "07"
_MOBILE_MARKS = ("06", "07", "+33", "0033", "+44")


def _may_hold_mobile(text: str) -> bool:
    """Whether :data:`_MOBILE_CANDIDATE` can match: a text without its marks is not scanned (the
    pattern opens with an alternation, so re tried it at every character)."""
    for mark in _MOBILE_MARKS:
        if mark in text:
            return True
    return False


_HOME = re.compile(
    r"(?i)\b(?:domicile|domicili[ée]e?|adresse\s+(?:personnelle|postale|perso|priv[ée]e)|habitent|habite|demeurant|"
    r"r[ée]side\s+(?:au|à)|vit\s+(?:au|à|chez)|home\s+address|(?:lives|living|resides|residing)\s+at|"
    r"private\s+address|residential\s+address)\b"
)
_STREET_WORDS = (r"(?:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|impasse|place|route|quai|cours|square|"
                 r"r[ée]sidence|lotissement|hameau|lieu-dit|hent|street|st\.|road|rd\.|lane|drive|way|close|crescent)")
_STREET = re.compile(
    rf"(?i)\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{_STREET_WORDS}\b[^\n]{{2,60}}?\b\d{{5}}\b"
)
# A letter's address block: a titled name, then a street line, then a postcode and town (or a
# British postcode): the person the letter is sent to, at home
_LETTER_ADDRESS = re.compile(
    r"(?m)^[ \t]*(?i:m\.|mme|mlle|monsieur|madame|mademoiselle|mr\.?|mrs\.?|ms\.?|miss|dr\.?)[ \t]+"
    r"[A-ZÉÈ][\w'\-]+(?:[ \t]+[A-ZÉÈ][\w'\-]+){0,3}[ \t]*\n"
    rf"[ \t]*(?P<v>\d{{1,4}}(?:\s?(?:bis|ter))?,?[ \t]+(?i:{_STREET_WORDS})\b[^\n]{{2,60}}\n"
    r"(?:[^\n]{0,40}\n)?[ \t]*(?:\d{5}[ \t]+[A-ZÉÈ][^\n]{1,40}|[^\n]{0,30}\b[A-Z]{1,2}\d[\dA-Z]?[ \t]*\d[A-Z]{2}\b))"
)
# "adresse déclarée : 15 rue ...", "address: 4 Elm Street, ...": an address given as a field
_ADDRESS_FIELD = re.compile(
    r"(?i)\b(?:(?:adresse|address)(?:\s+(?:d[ée]clar[ée]e|actuelle|de\s+r[ée]sidence|current|postal))?|"
    r"coordonn[ée]es(?:\s[^:\n]{0,40})?|contact\s+details(?:\s[^:\n]{0,40})?)\s*:\s*"
    rf"(?P<v>\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{_STREET_WORDS}\b[^\n]{{2,60}}?(?:\b\d{{5}}\b|\b[A-Z]{{1,2}}\d[\dA-Z]?\s*\d[A-Z]{{2}}\b))"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
# an e-mail address said to be someone's own private one ("son adresse perso", "her personal e-mail")
_ADDRESS_GIVEN = re.compile(
    r"(?i)(?:adresse|mail|courriel|e-?mail|e:mail)\s*(?:[ée]lectronique\s+)?(?:perso|personnel(?:le)?|priv[ée]e?)|"
    r"(?:home|personal|private|perso|personnel(?:le)?|priv[ée]e?)\s+(?:adresse\s+)?e[-:]?mail|"
    r"(?:joindre|contacter|[ée]crire|reach|contact|write\s+to)\s+(?:her|him|them|la|le|les|lui)\s+(?:\w+\s+){0,2}"
    r"(?:à|a|at|on|sur)\s*:?\s*$")
_HEADER_LINE = re.compile(r"(?i)^\s*>*\s*(?:de|from|to|à|a|cc|cci|bcc|envoy[ée]|sent|reply-to|répondre à)\s*:|"
                          r".*(?:a [ée]crit|wrote)\s*:?\s*$|^\s*(?:le|on) .{0,80}<?$")
# right after the words for a home: a street number and a street ("habite au 4 rue Victor Hugo",
# "home address 22 Harewood Avenue, Leeds LS8 1AB"), postcode or not
_STREET_AFTER = re.compile(
    r"\s*:?\s*(?:au|à|a|at|in)?\s*((?:flat|apt\.?|apartment)?[^\n]{0,12}?\d{1,4}[a-z]?(?:\s?(?:bis|ter))?,?\s+"
    rf"(?:(?i:{_STREET_WORDS})\s+[\w'\-]+(?:[ \t]+[\w'\-]+){{0,4}}|[A-Z][\w'\-]+(?:[ \t]+[A-Z][\w'\-]+){{0,3}})"
    r"(?:,[ \t]*[^\n,]{2,40})?)")
_INE = re.compile(r"(?i)\bINE\b[^\n\d]{0,20}(?P<val>\d{9}[A-Z]{2}|\d{10}[A-Z]|[0-9A-Z]{10}\d)\b")
_PASSPORT_NO = re.compile(r"(?i)\bpass(?:e)?port\b[^\n]{0,40}?(?:n[o°º]\.?|number|num[ée]ro)?\s*:?\s*(?P<val>[A-Z0-9]{8,9})\b")
# UK National Insurance number and US SSN: no checksum of their own (the SSN's ranges are checked), so
# the words must be there
_NINO = re.compile(r"(?i)\b(?:national\s+insurance(?:\s+(?:number|no\.?))?|\bNI\s+(?:number|no\.?)|nino)\b[^\n\d]{0,20}"
                   r"(?P<val>(?-i:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?\d{2}\s?\d{2}\s?\d{2}\s?(?-i:[A-D]))\b")
_SSN = re.compile(r"(?i)\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?)\b[^\n\d]{0,20}(?P<val>\d{3}-\d{2}-\d{4})\b")
_SORT_CODE = re.compile(r"(?i)\bsort\s+code\b[^\n\d]{0,10}(?P<sc>\d{2}-\d{2}-\d{2})\b[^\n]{0,40}?\baccount\s+"
                        r"(?:number|no\.?)\b[^\n\d]{0,10}(?P<val>\d{8})\b")
_SALARY = re.compile(
    r"(?i)\b(?:salaire|r[ée]mun[ée]ration|traitement\s+(?:brut|net|mensuel|annuel)|salary|prime|bonus|"
    r"indice\s+(?:major[ée]|brut)|(?P<income>revenus|ressources|income))\b[^\n]{0,60}?"
    r"(?:\d[\d\s  .,]*\s?(?:€|eur\b|euros|k€|\$|£)|(?:€|\$|£)\s?\d[\d,.]*\d(?:\s?k\b)?)"
)
# "sa rémunération", "his salary": the amount belongs to the person spoken of
# (singular only: "their monthly salary" is a group's, a policy rather than someone's pay)
_POSSESSIVE = re.compile(r"(?i)\b(?:sa|son|his|her)\s+(?:\w+\s+){0,2}$")
# "le salaire de Julie Martin", "salary for Mr Price": the keyword names whose pay it is
_OF_PERSON = re.compile(r"\s*(?i:de|d'|of|for|pour)\s*(?:(?i:m\.|mme|mr|mrs|ms|dr)\.?\s+[A-ZÉÈ][\w\-]+|"
                        r"[A-ZÉÈ][a-zéèëïç]+(?:[ \-][A-ZÉÈ][\w\-]+)+)")
# "a raise to 87K base salary", "2 400 € de salaire": the amount before the word
_SALARY_AFTER = re.compile(r"(?i)(?:[€$£]\s?)?\b\d[\d,.  ]*\s?(?:k€|k|€|\$|£|euros?)\s+(?:de\s+)?"
                           r"(?:(?:annual|base|gross|net|brut|mensuel|annuel)\s+){0,2}(?:salary|salaire|bonus|prime)\b")
# what matches of _SALARY begin with, and the words one of which ends every match of _SALARY_AFTER
# (lower case): both patterns open with an alternation re cannot skip to, and ran on every text
# whose salary gate passed ("mun" is in "communication")
_SALARY_STARTS = ("salaire", "rému", "remu", "traitement", "salary", "prime", "bonus", "indice", "revenus",
                  "ressources", "income")
_SALARY_AFTER_WORDS = ("salary", "salaire", "bonus", "prime")
# "de 35 à 40 k€", "from 45,000 to", "selon profil": an advertised range, not someone's pay
_RANGE = re.compile(r"(?i)\b(?:entre|from|up\s+to|jusqu.?[àa]|selon|depending|according|starting|range|fourchette|"
                    r"[àa]\s+partir|negotiable|n[ée]gociable|DOE|or\s+more|ou\s+plus|at\s+least|au\s+moins|"
                    r"minimum|maximum|plus\s+de|more\s+than|less\s+than|moins\s+de)\b|"
                    r"\d\s*(?:k€|k|€|\$|£)?\s*(?:-|–|à|to)\s*(?:€|\$|£)?\s*\d")
_FAMILY = re.compile(
    r"(?i)\b(?:mari[ée]e?|pacs[ée]e?|divorc[ée]e?|s[ée]par[ée]e?|c[ée]libataire|veu(?:f|ve)|concubin|"
    r"situation\s+(?:familiale|de\s+famille)|enfants?\s+à\s+charge|(?:\d|un|deux|trois|quatre|cinq)\s+enfants?|"
    r"m[èe]re\s+(?:isol[ée]e|c[ée]libataire)|p[èe]re\s+isol[ée]|married|divorced|separated|widow(?:ed|er)?|"
    r"single\s+(?:mother|father|parent)|dependants?|number\s+of\s+children|(?:one|two|three|four)\s+children)\b"
)
_AGE = re.compile(r"(?i)\b\d{2}\s*(?:ans|years?\s+old|y\.?o\.?)\b")
# "DUPONT Marc 12,5" as an item of its own (a line, after an optional bullet or rank, or between
# semicolons): a mark given name by name
_NAME_SCORE = re.compile(
    r"(?m)(?:^|;)[ \t>]*(?:[-*•·]|\d{1,2}[.)])?[ \t]*"
    r"(?:[A-ZÉÈ][A-ZÉÈ'\-]{2,}[ \t]+[A-ZÉÈ][a-zéèëïôç]+(?:-[A-ZÉÈ][a-zéèëïôç]+)?|"
    r"[A-ZÉÈ][a-zéèëïôç]+(?:-[A-ZÉÈ][a-zéèëïôç]+)?[ \t]+[A-ZÉÈ][A-ZÉÈ'\-]{2,})"
    r"[ \t]*[:;,=\-–|\t]?[ \t]*(?P<g>\d{1,2}(?:[.,]\d{1,2})?)(?:[ \t]*/[ \t]*20)?(?![\d/.,]?\d|[\w%$€£])"
    r"(?=[ \t]*(?:[;.]|$|[-–(,|\t]))"
)
_GRADE_WORDS = re.compile(r"(?i)\b(?:notes?|moyennes?|grades?|marks|r[ée]sultats?|examens?|exams?|partiels?|jury|"
                          r"copies|bar[èe]me|classement|admis|ajourn[ée]s?)\b")
_GRADE_WORDS_STARTS = ("note", "moyenne", "grade", "marks", "resultat", "résultat", "exam", "partiel", "jury",
                       "copies", "bareme", "barème", "classement", "admis", "ajourn")
_GRADES = re.compile(r"(?i)\b(?:note|moyenne|grade|mark|score)s?\b(?!\.)[^\n]{0,40}?\b\d{1,2}(?:[.,]\d{1,2})?\s?/\s?20\b"
                     r"(?![/\d])")
# Cheap gates: a case-insensitive pattern starting with \b is searched about 15 times slower than
# a plain substring, so each pattern runs only where one of its words is present.
_GATES = {
    "birth": ("né", "ne le", "nee le", "ne a", "ne en", "naissance", "born", "birth", "dob", "d.o.b"),
    "home": ("domicil", "adresse", "habite", "demeurant", "side a", "side à", "vit ", "home address", "lives at",
             "living at", "resides at", "residing at", "private address", "residential address"),
    "street": ("rue", "av", "bd", "boulevard", "chemin", "all", "impasse", "place", "route", "quai", "cours",
               "square", "sidence", "lotissement", "hameau", "lieu-dit", "hent", "street", "st.", "road", "rd.",
               "lane", "drive", "way", "close", "crescent"),
    "ine": ("ine",),
    "passport": ("passport", "passeport"),
    "salary": ("salaire", "mun", "traitement", "salary", "prime", "bonus", "indice", "revenu", "ressources",
               "income"),  # (also gates the amount-first form: it ends with one of these words)
    "grades": ("/20", "/ 20"),
    "family": ("marié", "mariee", "married", "pacs", "divorc", "sépar", "separ", "libataire", "veu", "concubin", "situation", "enfant",
               "isol", "widow", "single m", "single f", "single p", "dependant", "children"),
    "grade_list": ("note", "moyenne", "grade", "marks", "sultat", "exam", "partiel", "jury", "copies", "barème",
                   "bareme", "classement", "admis", "ajourn"),
    "record_number": ("n°", "numéro", "numero", "matricule", " id", " no", "number", " ans", "aged", "years old",
                      "k€", "k£", "keur", "k eur", "£", "$", "€", "->", "→"),
    "uk_us": ("insurance", "ni n", "nino", "ssn", "social security", "sort code"),
}
_DIGIT_RUN = re.compile(r"\d(?:[ .\-]?\d){10,}")  # NIR, card, tax number: 11 digits or more
_IBAN_START = re.compile(r"[A-Z]{2}\d\d")


_NEEDS_CONTEXT = frozenset({"FR_INE", "PASSPORT", "FR_CNI", "FR_SPI", "FR_SIREN", "FR_DRIVING_LICENCE"})
_DOCUMENT_NUMBERS = frozenset({"FR_INE", "PASSPORT", "FR_CNI", "FR_DRIVING_LICENCE"})
_COMPANY = frozenset({"FR_SIREN", "FR_TVA"})  # in the pack for Presidio users; identify a company, not a person
_LABELS = {"FR_NIR": "NIR", "IBAN_CODE": "IBAN", "CREDIT_CARD": "payment card", "FR_SPI": "tax number",
           "FR_INE": "INE", "PASSPORT": "passport number", "FR_CNI": "ID card number",
           "FR_SIREN": "company identifier (SIREN/SIRET)", "FR_TVA": "VAT number", "FR_RIB": "RIB",
           "FR_DRIVING_LICENCE": "driving licence number"}
_NOT_AN_IDENTIFIER = re.compile(r"r[ée]f[ée]rence|\bref\b|commande|facture|invoice|order|dossier|mission|"
                                r"doi|orcid|isbn|n° de bon|alerte|alert|ticket|siret|siren|tva")


@lru_cache(maxsize=16)
def _gate(low: str, key: str) -> bool:
    """Whether one of the gate words of ``key`` is in ``low``; asked up to a dozen times per text
    (the street gate once per home found), so answered once per text and kept (the ten gates of
    the text being read: a larger cache would hold large texts alive for nothing)."""
    for k in (_ASCII_GATES if low.isascii() else _GATES)[key]:
        if k in low:
            return True
    return False


# an ASCII text holds no word with an accent or a currency sign: not looked for there (a scan of the whole text each)
_ASCII_GATES = {key: tuple(k for k in words if k.isascii()) for key, words in _GATES.items()}


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _whole_word_in(low: str, words: tuple[str, ...]) -> bool:
    """Whether :func:`_context_rx` of ``words`` finds something in ``low``, found with ``str.find``
    (the pattern opens with a look-behind: re tried it at every character). A rule none of whose
    context words stands whole in the text can give no match that its context check keeps: "ine"
    is in "online" and "machine", a student number's context word is not."""
    n = len(low)
    for w in words:
        i = low.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or low[i - 1] not in _ALNUM) and (j == n or low[j] not in _ALNUM):
                return True
            i = low.find(w, i + 1)
    return False


def _context_rx(words: tuple[str, ...]) -> re.Pattern:
    """The context words of a rule as whole words ("cni" is not in "MCNIC")."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")


_NATIONALITY = re.compile(r"(?i)\b(?:nationalit[ée]|nationality|citizenship)\b")
# (case-insensitive for the titles only: with a global flag the other two forms matched any two words)
_PERSON_HINT = re.compile(r"\b(?i:m\.|mme|mlle|monsieur|madame|mademoiselle|mr|mrs|ms|dr)\.?\s+[A-ZÉ][\w\-]+|"
                          r"\b[A-ZÉ][a-zéèëï]+\s+[A-ZÉ]{3,}\b|\b[A-ZÉ]{3,}\s+[A-ZÉ][a-zéèëï]+\b")
# The writer speaking of their own number or address ("my mobile", "mon portable", "reach me at")
_OWN = re.compile(
    r"(?i)\b(?:my|mon|ma|mes|our|notre|nos)\s+(?:\w+\s+){0,2}(?:mobile|cell|portable|phone|t[ée]l[ée]?(?:phone)?|"
    r"num[ée]ro|number|e[-:]?mail|mail|courriel|adresse|address)|\b(?:reach|call|contact|text|email|e-mail|write to|"
    r"ring)\s+me\b|\bme\s+(?:joindre|contacter|appeler|[ée]crire|rappeler)|\bjoignable|\bi\s+can\s+be\s+reached|"
    r"\bi\s+am\s+(?:on|at)\b|\bje\s+suis\s+(?:au|sur)\b")
# a closing formula right above a number: the writer's signature
_CLOSING = re.compile(r"(?im)^[ \t]*(?:(?:best|kind|warm)?\s*regards|cordialement|bien (?:à|a) (?:toi|vous)|"
                      r"amicalement|cheers|thanks|merci|sincerely|bonne (?:journ[ée]e|soir[ée]e))\b")
# any phone number right after words saying it is a private one ("tél. domicile : 02 ...", "home phone (617) ...")
_CUED_PHONE = re.compile(
    r"(?i)\b(?:t[ée]l(?:[ée]phone)?\.?\s*(?:perso(?:nnel)?|domicile|priv[ée])|(?:home|private|personal)\s+"
    r"(?:phone|tel|telephone|number|mobile|cell)|(?:num[ée]ro|portable|mobile)\s+perso(?:nnel)?)\b[^\n\d+]{0,25}"
    r"(?P<v>\+?\(?\d[\d \t().\-]{7,16}\d)(?!\d)")
_CUED_PHONE_STARTS = ("tel", "tél", "home", "private", "personal", "numero", "numéro", "portable", "mobile")  # what its matches begin with
_PERSONAL_CUE = re.compile(r"(?i)perso|portable|mobile|priv[ée]|domicile|home|cell|joindre|t[ée]l[ée]phone de|"
                           r"\b(?:son|sa|his|her|their|leur)\s+(?:num[ée]ro|number|t[ée]l|phone)")
# A contact block (a signature, a directory entry): e-mail addresses, web sites, fax lines around
_CONTACT_BLOCK = re.compile(r"(?i)@|https?://|www\.|\bfax\b|\bt[ée]l[ée]copie\b|\bpager\b|\boffice\b|<at>|\[at\]|"
                            r"\(at\)")
# a sentence ends at ". " (not after "M." or an initial), "!", "?" or a blank line
_SENTENCE_BREAK = re.compile(r"(?<!\bM)(?<!\bMr)(?<!\bDr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\b[A-Z])[.!?](?:\s|$)|\n\s*\n")

# Column headers: who the rows are, and what is said of them
_COL_PERSON = re.compile(
    r"(?i)\bnoms?\b|\bnames?\b|pr[ée]noms?|first[\s_]*name|last[\s_]*name|surname|forename|given[\s_]+name|"
    r"emp(?:loyee)?[\s_]*id\b|staff[\s_]*id\b|initiales|\bnip\b|\bipp\b|num[\s_]*inclusion|participant[\s_]*id|[ée]tudiants?|students?|[ée]l[èe]ves?|"
    r"patients?|\bagents?\b|salari[ée]s?|employ|candidat|applicant|b[ée]n[ée]ficiaires?|stagiaires?|\binterns?\b|"
    r"matricule|identit[ée]|\bstaff\b|\bpersonne")
_COL_STRONG = re.compile(
    r"(?i)naissance|birth|\bdob\b|\bnir\b|\bs[ée]cu\b|s[ée]curit[ée]\s+sociale|social\s+security|\bssn\b|national\s+insurance|\biban\b|\bine\b|"
    r"n°\s*[ée]tud|student\s*(?:number|id|no)|\bmoy\b\.?|domicile|home\s+address|adresse\s+perso|salaire|salary|"
    r"r[ée]mun[ée]ration|\bprimes?\b|bonus|indice|[ée]chelon|\bnotes?\b|\bgrades?\b|moyenne|(?-i:\b(?:marks?|Marks|MARKS?)\b)|diagnos|"
    r"nationalit|situation\s+familiale|enfants|children|portable|mobile|\b[âa]ge\b|revenus?|income|handicap|"
    r"syndica|\bcia\b|rifseep|ifse|brut|passeport|passport|sexe?\b")
_COL_WEAK = re.compile(r"(?i)adresse|address|t[ée]l|phone|e-?mail|courriel|ville|city|code\s+postal|postcode|"
                       r"zip|lieu|town")
# Columns of an offers table (prices, lots): its "candidates" are companies and its marks score bids
_COL_OFFER = re.compile(r"(?i)\bprix\b|\bprice|montant|amount|\bHT\b|\bTTC\b|\boffres?\b|\bbids?\b|\blot\b|"
                        r"/\s*[1-9]0\b(?<!/\s20)(?<!/20)")
_CELL_NAME = re.compile(r"^(?:[A-ZÉÈ][A-ZÉÈ'\-]{1,}(?:\s+[A-ZÉÈ][a-zéèëïôç\-]+)?|[A-ZÉÈ][a-zéèëïôç\-]+"
                        r"(?:\s+[A-ZÉÈ][A-Za-zéèëïôç\-]+){1,2}|(?i:m\.|mme|mr|mrs|ms|dr)\.?\s+\S+.*)$")
_CELL_AMOUNT = re.compile(r"^(?:[£€$]\s?)?\d{1,3}(?:[  .,]?\d{3})*(?:[.,]\d{2})?(?:\s?(?:€|£|\$|k€|k|eur))?$")
_PAY_TEXT = re.compile(r"\b(?:brut|net mensuel|salaires?|r[ée]mun[ée]ration|revalorisation|salary|salaries|pay rise|"
                       r"pay review|base pay|gross pay)\b")
_CELL_BIRTH = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](?:19[2-9]\d|20[01]\d)$|^(?:19[2-9]\d|20[01]\d)-\d{2}-\d{2}$")
_CELL_MOBILE = re.compile(r"^(?:\+33\s?|0)[67](?:[\s.\-]?\d{2}){4}$|^\+44\s?7\d{3}\s?\d{6}$")
_SEPARATORS = ("\t", "|", ";", ",", "  ")  # the last: columns aligned with spaces, as plain-text mail writes tables


class PersonalData(Detector):
    """Third persons' personal data, validated identifiers and lists of people."""

    name = "personal_data.identifiers"
    version = "2"
    categories = (C.PERSONAL_DATA,)
    description = __doc__

    def __init__(self) -> None:
        from .presidio_fr.rules import RULES

        self._rules = RULES
        self._context = {r.entity: _context_rx(r.context) for r in RULES}

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        doc = identify_document(unit) if unit.kind == "attachment" else None
        if doc is not None:
            yield self._document(unit, doc)
        if not text:
            return
        if unit.rows:
            yield from self._table(unit, unit.rows, 0, _broadcast(unit.context))
        elif text.count("\t") + text.count("|") + text.count(";") + text.count(",") + text.count("   ") >= 6:
            # three rows of two cells
            for start, rows in _text_tables(text):
                yield from self._table(unit, rows, start, _broadcast(unit.context))
        yield from self._identifiers(unit)
        yield from self._national_numbers(unit)
        if _broadcast(unit.context):
            return  # broadcast mail: prose cues do not make a person the mail is about
        yield from self._context_data(unit)

    @staticmethod
    def _document(unit: TextUnit, doc: DocumentVerdict) -> Match:
        """An identity or supporting document carries its holder's identifiers: personal data of
        its own, whoever the holder is (the owner included)."""
        if doc.read:
            score = min(0.9, doc.score - 0.05) if doc.score >= 0.7 else 0.45  # a weak heading: a form, a letter
            return Match(C.PERSONAL_DATA, 0, min(len(unit.text), 120), score,
                         f"holder's data on an identity document ({doc.kind})", label="identity document data")
        return Match(C.PERSONAL_DATA, 0, 0, 0.55,
                     f"holder's data on an identity document ({doc.kind}, {doc.evidence[0]})",
                     label="identity document data")

    def _identifiers(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        long_digits = bool(_DIGIT_RUN.search(text))
        iban_start = bool(_IBAN_START.search(text))
        for rule in self._rules:
            entity = rule.entity
            if entity in _COMPANY:
                continue  # a company's identifiers are public data about a company, not personal data
            needs_context = entity in _NEEDS_CONTEXT
            if needs_context and not _whole_word_in(low, rule.context):
                continue
            if entity in ("FR_NIR", "CREDIT_CARD", "FR_SPI", "FR_RIB", "FR_TVA") and not long_digits:
                continue
            if entity == "IBAN_CODE" and not iban_start:
                continue
            for start, end, score in find(rule, text):
                if unit.in_boilerplate(start):
                    continue
                if needs_context:
                    if not self._context[entity].search(low, max(0, start - 80), start):
                        continue
                    value = text[start:end]
                    if entity in _DOCUMENT_NUMBERS and (not any(c.isdigit() for c in value) or value != value.upper()):
                        continue  # "deletions", "parameters": a word, not a document number
                    if score < 0.5 and entity not in ("FR_SPI", "FR_SIREN"):
                        score = 0.75
                if score < 0.5:
                    continue
                if _NOT_AN_IDENTIFIER.search(low, max(0, start - 40), start):
                    continue
                label = _LABELS[entity]
                score = 0.95 if score >= 1.0 else 0.75
                yield Match(C.PERSONAL_DATA, start, end, score,
                            f"{label} ({'checksum valid' if score > 0.9 else 'with context'})", start, end, label=label)

    def _national_numbers(self, unit: TextUnit) -> Iterator[Match]:
        """UK National Insurance numbers, US social security numbers and UK bank accounts, each
        after the words that name it."""
        text = unit.text
        if not _gate(unit.lower, "uk_us"):
            return
        for m in _NINO.finditer(text):
            if not unit.in_boilerplate(m.start()):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "National Insurance number (with context)",
                            *m.span("val"), label="national insurance number")
        for m in _SSN.finditer(text):
            if not unit.in_boilerplate(m.start()) and us_ssn.is_valid(m.group("val")):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "social security number (with context)",
                            *m.span("val"), label="social security number")
        for m in _SORT_CODE.finditer(text):
            if not unit.in_boilerplate(m.start()):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "bank account (sort code and account number)",
                            *m.span("val"), label="bank account")

    def _context_data(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        for m in (_first(_BIRTH.finditer(text)) if _gate(low, "birth") else ()):
            if unit.in_boilerplate(m.start()):
                continue
            window = text[m.end():m.end() + 60]
            d = _DATE.search(window)
            cue = m.group(0).lower()
            place = _PLACE_AFTER.match(window) if not cue.startswith("born") else None
            if ("lieu" in cue or "place" in cue) and not place:
                place = _PLACE_FIELD.match(window)
            if d and (d.start() > 25 or re.search(r"(?i)format|e\.g|ex\.|exemple|example|jj|dd", window[:d.start()])):
                d = None  # the date given right after the words, not an example of the format
            if d or place:
                end = m.end() + (d.end() if d else place.end())
                va = (m.end() + d.start(), m.end() + d.end()) if d else (None, None)
                yield Match(C.PERSONAL_DATA, m.start(), min(end, len(text)), 0.85, "date or place of birth",
                            va[0], va[1], label="birth date/place")
        implied = []
        if "ans)" in low or "year" in low or "yrs" in low or "y.o" in low:  # cheap gates: a tenth of the cost
            implied += _DOB_AGE.finditer(text)
        if "|" in text or "sex" in low:
            implied += _DOB_SEX.finditer(text)
        for m in implied:
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "date of birth (with age or sex)", *m.span("v"),
                        label="birth date/place")
        yield from self._addresses(unit)
        for m in (_INE.finditer(text) if _gate(low, "ine") else ()):
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.8, "INE student number", *m.span("val"), label="INE")
        for m in (_PASSPORT_NO.finditer(text) if _gate(low, "passport") else ()):
            val = m.group("val")
            if any(c.isdigit() for c in val) and any(c.isalpha() for c in val[:2]) and val == val.upper():
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.7, "passport number", *m.span("val"),
                            label="passport number")
        yield from self._salaries(unit)
        yield from self._grades(unit)
        yield from self._numbered_people(unit)
        yield from self._family(unit)
        yield from self._phones(unit)
        if "@" in text:
            yield from self._private_addresses(unit)

    def _addresses(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        low = unit.lower
        homes = [h for h in _first(_HOME.finditer(text)) if not unit.in_boilerplate(h.start())
                 and not _OWN.search(text, max(0, h.start() - 30), h.end())] if _gate(low, "home") else []
        has_home = homes[0] if homes else None
        for home in homes:
            after = _STREET_AFTER.match(text, home.end())
            near = _STREET.search(text, max(0, home.start() - 200), home.end() + 200) if _gate(low, "street") else None
            if near and not unit.in_boilerplate(near.start()):
                yield Match(C.PERSONAL_DATA, near.start(), near.end(), 0.8, "home address", near.start(), near.end(),
                            label="home address")
            elif after:
                yield Match(C.PERSONAL_DATA, home.start(), after.end(), 0.75, "home address", *after.span(1),
                            label="home address")
        if _gate(low, "street") and ("adresse" in low or "address" in low or "coordonn" in low or "contact details" in low):
            for m in _first(_ADDRESS_FIELD.finditer(text)):
                if unit.in_boilerplate(m.start()) or (has_home and abs(has_home.start() - m.start()) < 200):
                    continue
                a, b = _sentence(text, m.start(), m.end())
                # "ses coordonnées :", "her contact details:": someone's, named before
                theirs = re.search(r"(?i)\b(?:ses|leurs|his|her|their)\s+$", text[max(0, m.start() - 8):m.start()])
                if (theirs or _PERSON_HINT.search(text, a, b) or _named_in(unit, a, b)) and \
                        not self._senders_own(unit, m.start(), m.end()):
                    yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.7, "address of a named person",
                                *m.span("v"), label="home address")
        if "\n" in text and _gate(low, "street"):
            for m in _first(_LETTER_ADDRESS.finditer(text)):
                if unit.in_boilerplate(m.start()) or self._senders_own(unit, m.start(), m.end()):
                    continue
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.75, "postal address under a person's name",
                            *m.span("v"), label="home address")

    def _salaries(self, unit: TextUnit) -> Iterator[Match]:
        """Pay tied to a person: a possessive ("sa rémunération", "his salary") or a person named
        in the same sentence; an advertised range ("entre 35 et 40 k€", "from 45,000") is an offer."""
        text = unit.text
        if not _gate(unit.lower, "salary"):
            return
        low = unit.lower
        found = [(m, m.start() + len(re.match(r"\w+", m.group(0)).group(0)))
                 for m in _first(finditer_words(_SALARY, text, _SALARY_STARTS, low))]
        # (lower() is exact for the case-insensitive words unless it changed the length or the text
        # holds a dotless i or a long s)
        if len(low) != len(text) or any(c in text for c in _CASE_SPECIAL) or any(w in low for w in _SALARY_AFTER_WORDS):
            found += [(m, m.end()) for m in _first(_SALARY_AFTER.finditer(text))]
        for m, kw_end in found:
            if unit.in_boilerplate(m.start()):
                continue
            possessive = _POSSESSIVE.search(text[max(0, m.start() - 30):m.start()])
            if not possessive and m.groupdict().get("income"):
                continue  # "net income", "les ressources du projet": a company's or a project's
            if not possessive and not _OF_PERSON.match(text, kw_end):
                if _RANGE.search(m.group(0)) or _RANGE.search(text, m.end() - 1, m.end() + 30):
                    continue
                a, b = _sentence(text, m.start(), m.end())
                record = _FIELD.match(text, text.rfind("\n", 0, m.start()) + 1)
                if not (_PERSON_HINT.search(text, a, b) or (record and _named_in(unit, a, b))):
                    continue
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.75, "salary of a named person", label="salary")

    def _numbered_people(self, unit: TextUnit) -> Iterator[Match]:
        """A list whose lines each name a person and give their file, student or staff number ("- Yanis Ferrat
        (L1, n° 22301144) : tiers-temps"): records of people, whatever else the lines say of them."""
        if not _gate(unit.lower, "record_number"):
            return
        lines = [m for m in _NUMBERED_PERSON.finditer(unit.text) if not unit.in_boilerplate(m.start())
                 and not _COMPANY_NAME.search(m.group("name") or m.group("name2"))]
        if len({m.group("name") or m.group("name2") for m in lines}) < 2:
            yield from self._paid_people(unit)
            return
        for m in lines:
            if m.group("val"):
                yield Match(C.PERSONAL_DATA, m.start("name"), m.end(), 0.75, f"numbers of {len(lines)} named people",
                            *m.span("val"), label="numbered person", count=len(lines))
            else:
                yield Match(C.PERSONAL_DATA, m.start("name2"), m.end(), 0.75,
                            f"ages or pay of {len(lines)} named people", label="numbered person", count=len(lines))

    def _paid_people(self, unit: TextUnit) -> Iterator[Match]:
        """Two list lines or more, each a person and a sum: pay, a severance estimate, a cost per head."""
        names = known_first_names()
        lines = []
        for m in _PAID_PERSON.finditer(unit.text):
            name = m.group("name")
            words = name.split()
            if unit.in_boilerplate(m.start()) or _COMPANY_NAME.search(name):
                continue
            # the pattern gives capitalised words: a known given name, or two words that open no budget line
            if words[0] in names or (len(words) >= 2 and words[0].lower() not in _NOT_A_GIVEN_NAME):
                lines.append(m)
        if len({m.group("name") for m in lines}) < 2:
            return
        first = lines[0]
        yield Match(C.PERSONAL_DATA, first.start("name"), first.end(), 0.7,
                    f"sums of money for {len(lines)} named people", label="numbered person", count=len(lines))

    def _grades(self, unit: TextUnit) -> Iterator[Match]:
        text = unit.text
        if _gate(unit.lower, "grade_list") and next(finditer_words(_GRADE_WORDS, text, _GRADE_WORDS_STARTS,
                                                                      unit.lower), None):
            pairs = [m for m in _NAME_SCORE.finditer(text) if not unit.in_boilerplate(m.start())]
            if len(pairs) >= 2:
                yield Match(C.PERSONAL_DATA, pairs[0].start(), pairs[-1].end(), 0.75,
                            f"grades of {len(pairs)} named people", label="grades", count=len(pairs))
        for m in (_GRADES.finditer(text) if _gate(unit.lower, "grades") else ()):
            if _PERSON_HINT.search(text[max(0, m.start() - 150):m.end() + 50]):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.7, "grades of a named person", label="grades")

    def _family(self, unit: TextUnit) -> Iterator[Match]:
        """A family situation said of a named person, with something else about them (an age,
        a home, an income, a nationality)."""
        text = unit.text
        if not _gate(unit.lower, "family"):
            return
        for m in _first(_FAMILY.finditer(text)):
            if unit.in_boilerplate(m.start()):
                continue
            a, b = _sentence(text, m.start(), m.end())
            if not (_PERSON_HINT.search(text, a, b) or _named_in(unit, a, b)):
                continue
            around = text[max(0, m.start() - 300):m.end() + 300]
            if _AGE.search(text, a, b) or _HOME.search(around) or _SALARY.search(around) or _NATIONALITY.search(around):
                yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.65, "family situation of a named person",
                            label="family situation")

    def _senders_own(self, unit: TextUnit, start: int, end: int, window: int = 120) -> bool:
        """The sender's own name or mailbox name written before a value or on its line: their own
        data (a name signing off after it is not)."""
        ctx = unit.context
        le = unit.text.find("\n", end)
        around = unit.lower[max(0, start - window):(len(unit.text) if le < 0 else le)]
        tokens = [t for t in re.split(r"[\s,.\-]+", ctx.sender_name.lower()) if len(t) >= 3]
        local = ctx.sender.split("@", 1)[0].lower() if ctx.sender else ""
        if tokens and tokens[-1] in around:
            return True
        parts = [p for p in re.split(r"[._\-+]", local) if len(p) >= 4] if local else []
        return any(re.search(rf"\b{re.escape(p)}\b", around) for p in parts + [local] if len(p) >= 4)

    def _private_addresses(self, unit: TextUnit) -> Iterator[Match]:
        """A third person's personal e-mail address written in the text ("son adresse perso est
        x@gmail.com"); the correspondents of the message, the writer's own address ("reach me
        at") and quoted header lines are not counted."""
        text = unit.text
        ctx = unit.context
        known = {a.lower() for a in (ctx.sender, *ctx.recipients) if a}
        for m in _first(_emails(text)):
            addr = m.group(0).lower()
            if addr in known or not PERSONAL_DOMAIN.search(addr) or unit.in_boilerplate(m.start()):
                continue
            ls = text.rfind("\n", 0, m.start()) + 1
            if _HEADER_LINE.match(text[ls:m.start()]):
                continue  # "De : Jean <jean@gmail.com>" in a quoted reply is a correspondent, not data
            le = text.find("\n", m.end())
            if text.count("@", ls, le if le >= 0 else len(text)) > 1:
                continue  # a list of addresses (forwarded recipients) is an address book, not a disclosure
            before = text[max(0, m.start() - 80):m.start()]
            if not _ADDRESS_GIVEN.search(before) or _OWN.search(before) or self._senders_own(unit, m.start(), m.end()):
                continue
            yield Match(C.PERSONAL_DATA, m.start(), m.end(), 0.6, "personal e-mail address of a third person",
                        m.start(), m.end(), label="personal e-mail")

    def _phones(self, unit: TextUnit) -> Iterator[Match]:
        """Mobile numbers (French by their 06/07 shape, British +44 7 checked by phonenumbers) said
        to be someone's, near a named third person; the writer's own number, a contact block
        (signature, directory) and the sender's name nearby are not a third person's."""
        text = unit.text
        for cand in (_first(_MOBILE_CANDIDATE.finditer(text)) if _may_hold_mobile(text) else ()):
            start, end = cand.span()
            if (start and (text[start - 1].isdigit() or text[start - 1] == "+")) or unit.in_boilerplate(start):
                continue
            raw = cand.group(0)
            if raw.startswith("+44") or sum(c.isdigit() for c in raw) == 11 and raw.startswith("07"):
                try:
                    number = phonenumbers.parse(raw, "GB")
                except phonenumbers.NumberParseException:
                    continue
                if not phonenumbers.is_valid_number(number) or \
                        phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
                    continue
            window = text[max(0, start - 200):end + 60]
            ls, le = _line_block(text, start, end)
            own = _OWN.search(text, max(0, start - 60), start) or self._senders_own(unit, start, end) or \
                _CLOSING.search(text, max(0, start - 120), start)
            block = _CONTACT_BLOCK.search(text, ls, le) and not re.search(r"(?i)perso|priv|domicile|home", text[ls:le])
            personal = _PERSONAL_CUE.search(window)
            named = _PERSON_HINT.search(window) or unit.persons.near(start, 200)
            score = 0.7 if personal and named and not own and not block else 0.45
            yield Match(C.PERSONAL_DATA, start, end, score, "mobile phone number", start, end, label="personal phone")
        for m in (_first(finditer_words(_CUED_PHONE, text, _CUED_PHONE_STARTS, unit.lower))
                  if any(k in unit.lower for k in ("perso", "domicile", "priv", "home")) else ()):
            start, end = m.span("v")
            if unit.in_boilerplate(start) or sum(c.isdigit() for c in m.group("v")) < 9:
                continue
            ls, le = _line_block(text, start, end)
            if _CONTACT_BLOCK.search(text, ls, le):
                continue  # "Home phone / Fax / E-mail" lines: a signature or a directory entry
            own = _OWN.search(text, max(0, m.start() - 60), m.end()) or self._senders_own(unit, m.start(), end) or \
                _CLOSING.search(text, max(0, start - 120), start)
            named = _PERSON_HINT.search(text, max(0, start - 200), end + 60) or unit.persons.near(start, 200)
            if named and not own:
                yield Match(C.PERSONAL_DATA, m.start(), end, 0.7, "private phone number", start, end,
                            label="personal phone")

    def _table(self, unit: TextUnit, rows, offset: int, bulk: bool) -> Iterator[Match]:
        """A table of people: a header naming who the rows are and what is said of them (birth
        date, NIR, salary, grades...), or, without a header, rows pairing a name with a birth date
        or a mobile number."""
        rows = [r for r in rows if any(c.strip() for c in r)]
        if len(rows) < 3:
            return
        best = None
        pay = None  # whether the text calls the amounts pay: searched once, when a first column names people
        for i, row in enumerate(rows[:6]):
            labels = [c for c in row if c.strip()]
            if len(labels) >= 3 and len(labels[0]) <= 20 and _COL_PERSON.search(labels[0]) and (
                    pay if pay is not None else (pay := bool(_PAY_TEXT.search(unit.lower)))):
                # "Nom | Fonction | Actuel | Proposé" under "brut mensuel actuel / proposé": the amounts are pay
                after = rows[i + 1:]
                amounts = sum(1 for r in after if any(_CELL_AMOUNT.match(c.strip()) for c in r[1:]))
                if len(after) >= 2 and amounts >= 0.6 * len(after):
                    best = (i, {labels[0].strip().lower()}, {"pay (said in the text)"}, set())
                    break
            hinted = [c for c in labels if len(c) <= 40 and len(c.split()) <= 4 and (
                _COL_PERSON.search(c) or _COL_STRONG.search(c) or _COL_WEAK.search(c))]
            if len(hinted) < 2 or len(hinted) < 0.4 * len(labels) or sum(c.rstrip().endswith(":") for c in labels) > 1:
                continue  # a header is made of column labels, not of a name, a sentence or a form's "Field:"
            header = " | ".join(hinted)
            person = {m.group(0).lower() for m in _COL_PERSON.finditer(header)}
            strong = {m.group(0).lower() for m in _COL_STRONG.finditer(header)}
            weak = {m.group(0).lower() for m in _COL_WEAK.finditer(header)}
            if _COL_OFFER.search(header):
                strong = {h for h in strong if not re.match(r"(?i)notes?|grades?|marks?|moyenne", h)}
            if (strong or len(weak) >= 2) and (best is None or len(strong) > len(best[2])):
                best = (i, person, strong, weak)
        body = rows[best[0] + 1:] if best else rows
        people_rows = [r for r in body if sum(1 for c in r if c.strip()) >= 2]
        width = len(rows[best[0]]) if best else max((len(r) for r in people_rows), default=0)
        if sum(1 for r in people_rows if abs(len(r) - width) <= 1) < 0.6 * len(people_rows):
            return  # rows of varying shape: a layout or a form, not records of one kind
        named = sum(1 for r in people_rows if any(_CELL_NAME.match(c.strip()) for c in r[:3]))
        shaped = sum(1 for r in people_rows
                     if any(_CELL_BIRTH.match(c.strip()) or _CELL_MOBILE.match(c.strip()) for c in r))
        if len(people_rows) < 2:
            return
        reason = ""
        if best:
            _i, person, strong, weak = best
            who = person or (named >= len(people_rows) / 2)
            if who and (strong or (len(weak) >= 2 and shaped >= len(people_rows) / 2 and not bulk)):
                reason = ", ".join(sorted(person | strong | weak))[:120]
        elif named >= len(people_rows) / 2 and shaped >= len(people_rows) / 2 and not bulk:
            reason = "names with birth dates or mobile numbers"
        if reason:
            yield Match(C.PERSONAL_DATA, offset, min(len(unit.text), offset + 160), 0.9,
                        f"table of {len(people_rows)} people (columns: {reason})",
                        label="list of people", severity="high", count=len(people_rows))


# a list line opening with a person's name and giving their number: "- Inès Boutaleb (L3, n° 20187635) : ..."
_NUMBERED_PERSON = re.compile(
    r"(?m)^[ \t>]*(?:[-*•·–]|\d{1,2}[.)])?[ \t]*(?P<name>(?:[A-ZÉÈ][a-zéèëïôçî\-]+|[A-ZÉÈ]{2,})(?:[ \t]+(?:[A-ZÉÈ]"
    r"[a-zéèëïôçî\-]+|[A-ZÉÈ][A-ZÉÈ'\-]+)){1,2})\b[^\n]{0,60}?(?:\bn°|\bnum[ée]ro(?:[ \t]+(?:[ée]tudiant|agent|"
    r"dossier|matricule|adh[ée]rent|s[ée]curit[ée] sociale))?|\bmatricule|\b(?:student|employee|staff|member|"
    r"patient|file)[ \t]+(?:id|no\.?|number))[ \t]*:?[ \t]*(?P<val>\d{5,12})\b"
    # or their age or their pay: "1. Lucas Bernard, 31 ans, 52 k€ fixe"
    r"|^[ \t>]*(?:[-*•·–]|\d{1,2}[.)])?[ \t]*(?:(?:M|Mme|Mlle|Mr|Mrs|Ms|Dr)\.?[ \t]+)?(?P<name2>(?:[A-ZÉÈ][a-zéèëïôçî\-]+|[A-ZÉÈ]{2,})(?:[ \t]+(?:[A-ZÉÈ]"
    r"[a-zéèëïôçî\-]+|[A-ZÉÈ][A-ZÉÈ'\-]+)){1,2})[ \t]*[,(:–-][^\n]{0,40}?(?P<val2>\b\d{2}[ \t]?ans\b|\baged[ \t]\d{2}\b|"
    r"\bn[ée]e?[ \t]+(?:en[ \t]+)?(?:19|20)\d\d\b|"
    r"\b\d{2}[ \t]years[ \t]old\b|\b\d{2,3}[ \t]?k[ \t]?(?:€|£|\$|eur)|[£$€][ \t]?\d{2,3}[ \t]?k\b)")
# capitalised pairs opening a budget line: "Loyer Bureau", "Total Lot", "Frais Annexes" are no people
_NOT_A_GIVEN_NAME = frozenset({"total", "sous-total", "loyer", "frais", "budget", "lot", "poste", "prix", "montant",
                               "cout", "coût", "option", "variante", "tranche", "phase", "année", "annee", "year",
                               "cost", "price", "fee", "fees", "rent", "item", "article", "prestation"})
# a list line naming a person (a full name, or a known given name alone) and giving an amount of money:
# "- Théo: ~9 800 €", "- Omar Tazi, ing. travaux : 28 500 MAD + 1 900 €", "Ines Lemaire: 2 450 -> 2 650 gross"
_PAID_PERSON = re.compile(
    r"(?m)^[ \t>]*(?:[-*•·–]|\d{1,2}[.)])[ \t]*(?P<name>(?:[A-ZÉÈ]\.[ \t]?)?[A-ZÉÈ][a-zéèëïôçîíóúñ\-]+(?:[ \t]+(?:"
    r"[A-ZÉÈ][a-zéèëïôçîíóúñ\-]+|[A-ZÉÈ][A-ZÉÈ'\-]+)){0,2})(?:[ \t]*(?:\([^)\n]{0,30}\)[ \t]*)?[,:–-][^\n]{0,40}?|"
    # "- J. Verdier 54 200 -> 56 000": a pay grid written with arrows and no separator
    r"[ \t]+(?=\d[\d \t]{2,9}[ \t]*(?:->|→)))(?P<val>~?[ \t]?\d{1,3}(?:[  .]\d{3})+"
    r"(?:[.,]\d{2})?[ \t]?(?:€|£|\$|(?i:eur|euros|mad|chf|gbp|usd|gross|brut|net)\b|->|→)|[£$€][ \t]?\d{1,3}"
    r"(?:[ ,.]\d{3})+)")
_COMPANY_NAME = re.compile(r"\b(?:Ltd|SAS|SARL|Inc|Corp|GmbH|LLC|Group|Groupe|Enron|Services|Energy|Bank|Banque)\b")
_FIELD = re.compile(r"[ \t>*\-•]*[^\W\d][\w'’ ./°()\-]{1,30}?[ \t]*:[ \t]*\S")
_BULLET = re.compile(r"[ \t>]*(?:[-*•·–]|\d{1,2}[.)])[ \t]")


_LIST_ADDRESS = re.compile(r"(?i)-l@|(?:^|[._\-])(?:list|lists|all|everyone|announce\w*|announcements?|news\w*|"
                           r"info|diffusion|tous|noreply|no-reply|donotreply)(?:[._\-]|@)|@(?:lists?|listes?|groups|"
                           r"googlegroups|sympa)\.")


def _broadcast(ctx) -> bool:
    """Mail sent to many (a list, an announcement alias, fifteen people or more): its prose is about
    nobody in particular, or about people in public news."""
    if ctx.is_bulk or len(ctx.recipients) >= 15:
        return True
    return any(_LIST_ADDRESS.search(a) for a in (ctx.sender, *ctx.recipients) if a)


_MAX_PER_KIND = 200


def _emails(text: str):
    """``_EMAIL.finditer(text)``, the pattern tried only where the run of address characters before
    an "@" begins (it opens with a look-behind and a class: re tried it at every character)."""
    starts = set()
    at = text.find("@")
    while at >= 0:
        i = at
        while i > 0 and at - i <= 64 and (text[i - 1].isalnum() or text[i - 1] in "_.+-"):
            i -= 1
        if 0 < at - i <= 64:
            starts.add(i)  # (a longer run can give no match: its start is the only place one may begin)
        at = text.find("@", at + 1)
    return _matches_at(_EMAIL, text, sorted(starts))


def _first(matches, n: int = _MAX_PER_KIND):
    """The first matches of one kind: each is weighed against its sentence, and a text with
    hundreds of them (a table, a hostile input) says no more with the rest."""
    return islice(matches, n)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line group) around a span: from the previous sentence end to the next.
    An item of a list reaches back to the line that introduces the list ("Voici les éléments
    de Mme X :", "Details for John Smith:"), which says whom the items are about."""
    lo = max(0, start - 1000)
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)]
    a = ends[-1] if ends else lo
    nxt = _SENTENCE_BREAK.search(text, end, end + 1000)
    b = nxt.end() if nxt else min(len(text), end + 1000)
    ls = text.rfind("\n", 0, start) + 1
    if _FIELD.match(text, ls):  # a record of "Field : value" lines is about one person
        pos, n = ls, 0
        while pos > 0 and n < 12:
            prev_start = text.rfind("\n", 0, pos - 1) + 1
            if not _FIELD.match(text, prev_start) or prev_start == pos:
                break
            pos, n = prev_start, n + 1
        a = min(a, pos)
        le = text.find("\n", end)
        while 0 <= le < len(text) - 1 and _FIELD.match(text, le + 1) and le - end < 800:
            le = text.find("\n", le + 1)
        b = max(b, len(text) if le < 0 else le)
    if _BULLET.match(text, ls) or text[ls:start].rstrip().endswith(":"):
        pos, limit = ls, max(0, ls - 800)
        while pos > limit:
            prev_end = pos - 1
            while prev_end > 0 and text[prev_end - 1] == "\n":
                prev_end -= 1
            prev_start = text.rfind("\n", 0, prev_end) + 1
            line = text[prev_start:prev_end]
            if line.rstrip().endswith(":"):
                intro = max(text.rfind(". ", 0, prev_start), text.rfind("\n\n", 0, prev_start))
                return min(a, max(0, intro + 1, prev_start - 300)), b
            if not _BULLET.match(line):
                break
            pos = prev_start
    return a, b


def _named_in(unit: TextUnit, a: int, b: int) -> bool:
    """A person named (not a pronoun) between a and b."""
    idx = unit.persons
    from bisect import bisect_left

    i = bisect_left(idx.starts, a)
    return i < len(idx.starts) and idx.starts[i] < b


def _line_block(text: str, start: int, end: int) -> tuple[int, int]:
    """The line of a span with one line above and one below."""
    ls = text.rfind("\n", 0, start)
    ls = text.rfind("\n", 0, ls) if ls > 0 else ls
    le = text.find("\n", end)
    le = text.find("\n", le + 1) if le >= 0 else -1
    return max(0, ls), (len(text) if le < 0 else le)


def _text_tables(text: str) -> Iterator[tuple[int, list[tuple[str, ...]]]]:
    """Tables written as text: runs of three or more lines split into two or more cells by the
    same separator (tabs from HTML tables and pasted spreadsheets, pipes, semicolons of CSV
    pasted in a body); blank lines between rows are allowed."""
    pos = 0
    block: list[tuple[str, ...]] = []
    block_start = 0
    sep_used = ""
    for line in text.split("\n"):
        if not line.strip():
            pos += len(line) + 1
            continue
        # the first separator that splits the line into two cells or more
        sep, cells = "", ()
        for s in _SEPARATORS:
            if s in line:
                cells = _cells(line, s)
                if len(cells) >= 2:
                    sep = s
                    break
        if sep and (not block or sep == sep_used):
            if not block:
                block_start, sep_used = pos, sep
            block.append(cells)
        else:
            if len(block) >= 3:
                yield block_start, block
            block = []
            if sep:
                block_start, sep_used = pos, sep
                block.append(cells)
        pos += len(line) + 1
    if len(block) >= 3:
        yield block_start, block


def _cells(line: str, sep: str) -> tuple[str, ...]:
    if sep == "  ":
        return tuple(c.strip() for c in _ALIGNED.split(line.strip()))
    cells = [c.strip() for c in line.strip().strip("|").split(sep)]
    return tuple(cells)


_ALIGNED = re.compile(r" {2,}")
