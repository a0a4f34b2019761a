"""Where a text names a person: "Mme Durand", "Karim BENALI", "Julie Martin", the writer
("je suis", "I am"), a relative ("mon père", "my wife"), and pronouns.

Detectors that need an identifiable person near their evidence (sensitive data, comments on
people) ask :meth:`PersonIndex.near`. The text is scanned once per unit (cached on the unit),
not once per piece of evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ._util import finditer_words

TITLES = r"(?:m\.|mme|mlle|monsieur|madame|mademoiselle|mr|mrs|ms|miss|dr|docteur|pr)"
PERSON = re.compile(
    rf"(?:\b(?i:{TITLES}|professeur)\.?\s+"
    r"[A-ZÉÈ][\w\-]+)|"
    r"(?:\b[A-ZÉÈ][a-zéèëïôç]+(?:[- ][A-ZÉÈ][a-zéèëïôç]+)?\s+[A-ZÉÈ][A-Za-zéèëïôç\-]+\b)|"
    r"(?:\b[A-ZÉÈ]{2,}\s+[A-ZÉÈ][a-zéèëïôç]+\b)|"
    # a first name and an initial, as notes on staff write them ("Julien B. : objectifs atteints")
    r"(?:\b[A-ZÉÈ][a-zéèëïôç]{2,}\s+[A-ZÉÈ]\.(?=[\s,:;)]|$))"
)
NOT_PERSON = re.compile(r"(?i)^(?:le|la|les|un|une|bonjour|cher|chère|dear|hello|merci|objet|subject|the|this|"
                        r"de|du|des|en|au|pour|avec|sur|our|your|my|his|her|their|its|all|any|each|every|some|"
                        r"new|notre|votre|nos|vos|mon|ma|mes|son|sa|ses|leur|leurs|ce|cet|cette|ces)\b")
# Someone identifiable without a name: the writer speaking of themself (the sender is known), or a
# relative named by kinship ("mon père", "your wife")
SELF_OR_KIN = re.compile(
    r"(?i)\b(?:je suis|j'ai|je dois|je ne peux|je souffre|i am|i'm|i have|i've|i suffer)\b|"
    r"\b(?:[Pp]apa|[Mm]aman|[Dd]ad|[Mm]um|[Mm]om|[Mm]am|[Mm]ammy|[Gg]ranny)\b|"
    r"\b(?:mon|ma|ton|ta|son|sa|votre|notre|leur) (?:p[eè]re|m[eè]re|papa|maman|fils|fille|fr[eè]re|s(?:oe|œ)ur|mari|"
    r"femme|[ée]poux|[ée]pouse|conjoint|conjointe|compagnon|compagne|enfant|b[ée]b[ée]|grand-m[eè]re|grand-p[eè]re)\b|"
    r"\b(?:my|your|his|her|our|their) (?:father|mother|dad|mum|mom|son|daughter|brother|sister|husband|wife|partner|"
    r"child|baby|grandmother|grandfather)\b"
)
# what a match of SELF_OR_KIN starts with, lower case: searched with str.find (the pattern opens with
# \b and a case-insensitive alternation, which re tried at every character)
SELF_OR_KIN_STARTS = ("papa", "maman", "dad", "mum", "mom", "mam", "granny", "je ", "j'ai", "i am", "i'm", "i have", "i've", "i suffer", "mon ", "ma ", "ton ", "ta ",
                      "son ", "sa ", "votre ", "notre ", "leur ", "my ", "your ", "his ", "her ", "our ", "their ")
# A colleague called by first name only ("Nadia est en congé maternité", "Mark told me he..."):
# a capitalised word right before a verb of which people are the subject. Weaker evidence than a
# full name (a company can "have" or "be"), so it counts for sensitive data only, like the writer
# and relatives.
FIRST_NAME = re.compile(
    r"\b([A-ZÉÈÀÂÎÏÔÇÁÍÓÚÑ][a-zéèêëàâîïôöùûüçáíóúñãõ]{2,}(?:-[A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]+)?)[ \t]+"
    r"(?=(?:est|a|avait|aura|sera|serait|était|etait|m'a|nous a|vous a|lui a|va|doit|vient|revient|reprend|rentre|"
    r"part|sort|commence|souffre|se sent|se remet|ne peut|n'a|n'est|is|has|had|was|will|would|told|said|asked|"
    r"needs|needed|suffers|cannot|can't|won't|feels|returns|started|still|always|never|also|really|hasn't|"
    r"didn't|doesn't|isn't|wasn't|can|could|should|seems|tends|keeps|gets|got|did|does|went|came|left|joined|"
    r"arrived|toujours|jamais|aussi|reste|restera|peut|pourra|devrait|dit|pense|travaille|semble|attend|"
    r"arrive|works|worked|told|thinks|fait|fera|faisait|prend|prendra)\b)"
)
NOT_FIRST_NAME = frozenset(
    "Il Elle On Ce Cela Ceci Ça Je Tu Nous Vous Ils Elles Le La Les Un Une Mon Ma Mes Ton Ta Son Sa Ses Notre "
    "Votre Leur Cette Cet Ces Tout Toute Tous Rien Personne Qui Quel Quelle Chaque Aucun Aucune Dont Voici "
    "Voilà It He She This That There These Those We You They What Who Which Everyone Everybody Nobody "
    "Nothing Everything Something Someone Anyone Here Today Tomorrow Yesterday Demain Hier Lundi Mardi "
    "Mercredi Jeudi Vendredi Samedi Dimanche Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre January February "
    "March April May June July August September October November December Bonjour Merci Cordialement Mail "
    "Message Email Projet Document Dossier Fichier Rapport Service Budget Contrat".split())
# a capitalised word inside a sentence ("je ne pourrai pas compter sur Didier"): most often a name
INNER_NAME = re.compile(r"(?<=[a-zà-ÿ,] )([A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]{2,})\b(?![-'’]?[A-Z])")
PRONOUN = re.compile(r"(?i)\b(?:il|elle|he|she|his|her|son|sa)\b")
EARLY = 2000  # a pronoun counts when the text names someone in its first lines


@dataclass(frozen=True)
class PersonIndex:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    pronouns: tuple[int, ...]
    named_early: bool
    self_or_kin: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
    named_loosely: bool = False

    def near(self, pos: int, window: int, self_or_kin: bool = False) -> bool:
        """A person named within ``window`` characters of ``pos``, or a pronoun there when the
        text names someone early on (the pronoun most likely refers to them); with
        ``self_or_kin``, the writer speaking of themself, a relative, or a colleague called by
        first name count too (health or religion disclosed in the first person or about "Nadia" is
        about an identifiable person; a judgement needs someone named more surely)."""
        return self.within(pos - window, pos + window, self_or_kin)

    def within(self, lo: int, hi: int, self_or_kin: bool = False) -> bool:
        """A person named, or referred to (see :meth:`near`), inside [lo, hi)."""
        spans = [(self.starts, self.ends)] + ([self.self_or_kin] if self_or_kin else [])
        for starts, ends in spans:
            i = bisect_left(starts, lo)
            while i < len(starts) and starts[i] < hi:
                if ends[i] <= hi:
                    return True
                i += 1
        if self.named_early or (self_or_kin and self.named_loosely):
            j = bisect_left(self.pronouns, lo)
            if j < len(self.pronouns) and self.pronouns[j] < hi:
                return True
        return False


# "Re: ", "TR: ", "Fwd: "... opening a subject line
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|tr|fw|fwd|aw|wg)\s*:\s*)+", re.IGNORECASE)
# a subject that is nothing but a name ("Amandine", "Re: Tom Baker"): the mail is about that person
_NAME_ONLY_SUBJECT = re.compile(r"([A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]{2,}(?:-[A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]+)?)"
                                r"(?:\s+[A-ZÉÈ][\w'-]+)?\s*[.!?]*\s*$", re.IGNORECASE)


# one-word subjects that are no names
_SUBJECT_WORDS = frozenset(
    "Urgent Urgence Question Questions Rappel Reminder Invitation Info Infos Information Important Confidential "
    "Confidentiel Facture Invoice Planning Absence Absences Meeting Réunion Update Test Hello Salut Demande Request "
    "Suivi Point Agenda Photos Photo Compte Devis Offre Commande Order Relance Candidature Contrat Note Notes "
    "Documents Pièces Résultats Results Proposition Proposal Congés Vacances Holiday Holidays Bilan Urgentissime "
    "Problème Problem Issue Alerte Alert Avis Feedback Retour Réponse Answer Followup Suite Remerciements Thanks "
    "Félicitations Congratulations Bienvenue Welcome Annonce Announcement Sondage Survey Formation Training "
    "Fracture Chantier Intervention Travaux Maintenance Panne Incident Sécurité Security Accès Access Code Codes".split())


def subject_is_a_name(subject: str) -> bool:
    """The subject line is only a person's name, so "elle" and "he" in the body are that person."""
    m = _NAME_ONLY_SUBJECT.match(REPLY_PREFIX.sub("", subject or ""))
    return bool(m and m.group(1)[:1].isupper() and m.group(1) not in NOT_FIRST_NAME
                and m.group(1) not in _SUBJECT_WORDS)


@lru_cache(maxsize=1)
def known_first_names() -> frozenset[str]:
    """Given names (``lexicons/first_names.json``): "Kyle told the client", "compter sur Mathis"."""
    from ._util import load_json

    return frozenset(load_json("first_names.json")["names"])


_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ-]{2,}\b")


def first_name_spans(text: str) -> list[tuple[int, int]]:
    """Where the text calls someone by a known given name."""
    names = known_first_names()
    return [m.span() for m in _CAPITALISED.finditer(text) if m.group(0) in names]


_FILE_OF = re.compile(r"\b(?:[Dd]ossier|[Cc]as|[Aa]ffaire|[Ss]ituation de|[Cc]ase of|[Ff]ile of|[Cc]laim of)[ \t]+"
                      r"([A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]{2,}(?:-[A-ZÉÈ][a-zéèêëàâîïôöùûüçáíóúñãõ]+)?)\b(?![ \t]+[A-Z])")
_RECORD_KEY_HEADER = re.compile(r"(?im)^[^\n]{0,80}\b(?:matricules?|employee[ _]?(?:id|no|number)|staff[ _]?(?:id|no)|"
                                r"member[ _]?(?:id|no)|n°[ _]?(?:agent|adh[ée]rent|dossier|patient)|patient[ _]?id|"
                                r"id[ _]?patient|ipp|nip|nir|num[ _]?inclusion|participant[ _]?id|subject[ _]?id)\b[^\n]{0,200}[;,\t|]")
_RECORD_KEY = re.compile(r"(?m)^[ \t]*(?:[A-Z]{0,4}\d{4,10}|[A-Z]{2,4}(?:-\d{2,6}){1,3})\b")


def index_persons(text: str, subject: str = "") -> PersonIndex:
    # a subject naming a person or a relative ("your mam", "Re: Tom Baker"): "she" in the body is them
    starts, ends, early = [], [], subject_is_a_name(subject) or bool(subject and SELF_OR_KIN.search(subject))
    for m in PERSON.finditer(text):
        if m.end() <= EARLY:
            early = True
        if not NOT_PERSON.match(m.group(0)):
            starts.append(m.start())
            ends.append(m.end())
    known = first_name_spans(text)
    if known:
        spans = sorted([*zip(starts, ends, strict=True), *known])
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        early = early or known[0][0] < EARLY
    kin = [m.span() for m in finditer_words(SELF_OR_KIN, text, SELF_OR_KIN_STARTS)]
    first_names = [m.span(1) for m in FIRST_NAME.finditer(text) if m.group(1) not in NOT_FIRST_NAME]
    kin += first_names
    # "le dossier Vasseur", "the Holt case": a surname named by the file that is about them
    kin += [m.span(1) for m in _FILE_OF.finditer(text) if m.group(1) not in NOT_FIRST_NAME]
    # rows of a table keyed by an employee, member or patient number: pseudonymous, still someone
    if _RECORD_KEY_HEADER.search(text):
        kin += [m.span() for m in _RECORD_KEY.finditer(text)]
    # a colleague called by first name early on is who "il" / "she" later refers to
    early = early or any(a < EARLY for a, _ in first_names)
    # a first name inside a sentence ("compter sur Didier") is weaker: it makes a later "il" someone
    # only for health and the like, where the person needs no surer identification
    loosely = early or any(m.group(1) not in NOT_FIRST_NAME for m in INNER_NAME.finditer(text, 0, EARLY))
    kin.sort()
    pronouns = tuple(m.start() for m in PRONOUN.finditer(text)) if loosely else ()
    return PersonIndex(tuple(starts), tuple(ends), pronouns, early,
                       (tuple(a for a, _ in kin), tuple(b for _, b in kin)), loosely)


_TITLE = re.compile(rf"(?i)^{TITLES}\.?\s+")
_UP, _LOW = "A-ZÉÈÊÀÂÎÏÔÇ", "a-zéèêëàâîïôöùûüç"
# Names counted as data subjects, in the forms that are names with little doubt, on one line:
# a title and a surname ("Mme Durand", "Mademoiselle Inès BOUCHER"), a first name and a surname
# in capitals ("Karim BENALI") or the reverse ("BENALI Karim", as lists write them). Capitals of
# fewer than five letters are mostly acronyms ("Clé RIB", "CHU Nantes"): not taken as surnames.
SUBJECT_NAME = re.compile(
    rf"\b(?i:{TITLES})\.?[ \t]+(?:[{_UP}][{_LOW}]+[ \t]+)?[{_UP}][{_UP}{_LOW}\-]+|"
    rf"\b[{_UP}][{_LOW}]{{2,}}(?:-[{_UP}][{_LOW}]+)?[ \t]+[{_UP}]{{5,}}(?:-[{_UP}]{{2,}})?\b|"
    rf"\b[{_UP}]{{5,}}(?:-[{_UP}]{{2,}})?[ \t]+[{_UP}][{_LOW}]{{2,}}\b"
)


def normalize_name(name: str) -> str:
    """"Mme Inès BOUCHER", "BOUCHER Inès" and "ines boucher" give one key: title dropped,
    accents folded, lower case, words sorted (French lists often put the surname first)."""
    from ._util import fold

    words = re.findall(r"[a-z]+", fold(_TITLE.sub("", name.strip())))
    return " ".join(sorted(w for w in words if len(w) > 1))


def person_names(text: str, limit: int = 500) -> set[str]:
    """Normalised names of the people a text names (:data:`SUBJECT_NAME`), at most ``limit``.
    A capitalised pair inside a heading in capitals ("CERTIFICAT MÉDICAL Je") is no name."""
    out: set[str] = set()
    for m in SUBJECT_NAME.finditer(text):
        before = text[max(0, m.start() - 3):m.start()].strip()
        words = m.group(0).split()
        if (before[-1:].isupper() and before[-2:-1].isupper()) or NOT_PERSON.match(words[-1]) or \
                NOT_PERSON.match(words[0]):
            continue
        key = normalize_name(m.group(0))
        if key:
            out.add(key)
            if len(out) >= limit:
                break
    return out
