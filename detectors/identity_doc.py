"""Attachments that ARE identity or supporting documents: passports, ID cards, residence
permits, driving licences, carte Vitale, tax notices, payslips, RIBs, proofs of address.

Evidence, strongest first: a machine-readable zone with valid check digits; headings read in
the document's text or by OCR ("RÉPUBLIQUE FRANÇAISE / CARTE NATIONALE D'IDENTITÉ", "BULLETIN
DE PAIE", "Avis d'impôt sur les revenus", "RELEVÉ D'IDENTITÉ BANCAIRE" with a valid IBAN);
the file name (passeport.jpg, cni_recto.pdf, RIB.pdf) when the content cannot be read. A
message body that talks about renewing a passport is not a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from stdnum import iban

from . import categories as C
from ._util import fold
from .base import Detector, clamp
from .finding import Match
from .mrz import find_mrz
from .unit import TextUnit

# (document kind, patterns on folded text, score when one matches; two distinct patterns add)
_HEADINGS: list[tuple[str, tuple[str, ...]]] = [
    ("passport", (r"\bpasseport\b", r"\bpassport\b", r"\bpasaporte\b", r"type/type.{0,20}p\b")),
    ("national_id_card", (r"carte nationale d.?identite", r"identity card", r"\bcni\b")),
    ("residence_permit", (r"titre de sejour", r"residence permit", r"carte de resident", r"permis de sejour")),
    ("driving_licence", (r"permis de conduire", r"driving licen[cs]e", r"driver.?s licen[cs]e", r"\bdvla\b",
                         r"\b4a\.[^\n]{0,40}\b4b\.")),
    ("health_card", (r"carte vitale", r"assurance maladie", r"european health insurance card")),
    ("tax_notice", (r"avis d.?imp[o0]t", r"impot sur (?:le|les) revenus?", r"avis d.?imposition",
                    r"numero fiscal", r"reference de l.?avis", r"revenu fiscal de reference", r"council tax bill",
                    r"tax calculation", r"\bsa302\b", r"\bp60\b")),
    ("payslip", (r"bulletin de (?:paie|salaire)", r"fiche de paie", r"net a payer", r"salaire brut", r"payslip",
                 r"cotisations salariales")),
    ("bank_details", (r"releve d.?identite bancaire", r"\brib\b", r"cle rib", r"code banque", r"code guichet",
                      r"domiciliation", r"bank details confirmation", r"sort code", r"account holder")),
    ("proof_of_address", (r"justificatif de domicile", r"facture d.?(?:electricite|energie|gaz|eau)",
                          r"attestation d.?hebergement", r"quittance de loyer", r"point de livraison",
                          r"adresse de (?:facturation|consommation)", r"\bpdl\b", r"consommation")),
]
_STATE = re.compile(r"republique francaise|republic|royaume|kingdom|united states|repubblica|bundesrepublik|"
                    r"republica|union europeenne|european union|grand.duch[ey]|confederation|federation|"
                    r"commonwealth|principaut|principality")
_SPECIMEN = re.compile(r"\bspecimen\b")
# the lines every payslip prints besides its title
_PAYSLIP_LINES = re.compile(r"net (?:a payer|imposable|pay)|salaire (?:de )?base|brut|cotisations?|matricule|"
                            r"securite sociale|\bnir\b|periode (?:du|de paie)|convention collective|taux horaire|"
                            r"heures (?:travaillees|payees)|gross pay|national insurance|tax code|employee (?:id|number)|"
                            r"date d.?(?:entree|embauche)|emploi\s*:|coefficient")
_BLANK = re.compile(r"_{4,}")
_FILENAME = [
    ("passport", r"pass(?:e)?port(?!_doctorant)"),
    ("national_id_card", r"(?:^|[^a-z])(?:cni|carte[_ -]?(?:d[_ ']?)?identite|id[_ -]?card|identity[_ -]?card)"),
    ("residence_permit", r"titre[_ -]?(?:de[_ -]?)?sejour|residence[_ -]?permit"),
    ("driving_licence", r"permis|driv(?:ing|ers?)[_ -]?licen[cs]e"),
    ("health_card", r"(?:carte[_ -]?)?vitale"),
    ("tax_notice", r"avis[_ -]?(?:d[_ ']?)?imp|imposition|tax[_ -]?(?:return|notice|assessment)"),
    ("payslip", r"bulletin|fiches?[_ -]?de[_ -]?paie|pay[_ -]?slips?|salaire"),
    ("bank_details", r"(?:^|[^a-z])rib(?:[^a-z]|$)"),
    ("proof_of_address", r"justificatif[_ -]?(?:de[_ -]?)?domicile|facture[_ -]?(?:edf|engie|electricite)|"
                         r"proof[_ -]?of[_ -]?address|utility[_ -]?bill"),
]
# Two lines of the MRZ alphabet with filler runs, the first starting with a document code: only
# identity documents print that, even when OCR misread some check digits
_MRZ_SHAPED = re.compile(r"(?m)^\s*([PIACV1][A-Z0-9<$]{24,}<<[A-Z0-9<]*)\s*\n\s*[A-Z0-9<]{25,}\s*$")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")


def mrz_shaped(text: str) -> bool:
    """Two lines of machine-readable-zone shape, the first opening with a document code."""
    return "<<" in text and bool(_MRZ_SHAPED.search(text))


# The labelled fields of an identity document (ICAO 9303 puts them in the issuing state's language
# and in English or French); several of them on a scanned image are a document even when OCR
# lost its title and its machine-readable zone
_FIELDS = {
    "birth date": r"date de naissance|date of birth|geburtsdatum|fecha de nacimiento|data di nascita",
    "sex": r"sexe?|geschlecht|\bsexo\b|\bsesso\b",  # OCR glues labels: "Sexe/Sex" read as "SevSexers"
    "authority": r"autorit|authority|behorde|autoridad",
    "nationality": r"nationalit|staatsangeh|nacionalidad|nazionalita",
    "names": r"\bsurname\b|given names?|\bprenoms?\b|vornamen|apellidos|cognome",
    "expiry": r"date d.?expiration|date of expiry|gultig bis|caducidad|scadenza",
    "issue": r"date de delivrance|date of issue|ausstellungsdatum|expedicion|rilascio",
    "place of birth": r"lieu de naissance|place of birth|geburtsort|lugar de nacimiento|luogo di nascita",
    "bilingual date": r"\b\d{1,2} (?:janv?|fevr?|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)\w*\.?/"
                      r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b",
}


def _document_fields(folded: str) -> list[str]:
    return [name for name, rx in _FIELDS.items() if re.search(rx, folded)]


def classify_document(text: str, filename: str = "", scanned: bool = False) -> tuple[str, float, list[str]]:
    """(kind, score, evidence) for a document's text; kind '' when it is not an identity document.

    ``scanned``: the text was read by OCR from an image, where the labelled fields of an
    identity document count as evidence on their own (a typed form would not)."""
    folded = fold(text[:20000])
    evidence: list[str] = []
    mrz = find_mrz(text) if "<" in text else None
    if mrz:
        evidence.append(f"MRZ {mrz.kind} ({mrz.checks_passed}/{mrz.checks_total} check digits)")
        kind = "passport" if mrz.kind.startswith("TD3") else (
            "visa" if "visa" in mrz.kind else ("residence_permit" if mrz.doc_type.startswith(("AR", "RP", "IR"))
                                                else "national_id_card"))
        if re.search(r"titre de sejour|residence permit", folded):
            kind = "residence_permit"
        return kind, 0.99 if mrz.valid else 0.85, evidence
    shaped = _MRZ_SHAPED.search(text)
    if shaped:
        first = shaped.group(1)[0]
        kind = {"P": "passport", "V": "visa"}.get(first, "national_id_card")  # "1" is an I misread
        return kind, 0.8, [f"MRZ-shaped lines starting {shaped.group(1)[:2]!r} (check digits not readable)"]
    best_kind, best_hits = "", []
    for kind, patterns in _HEADINGS:
        hits = [p for p in patterns if re.search(p, folded)]
        if len(hits) > len(best_hits):
            best_kind, best_hits = kind, hits
    if not best_kind:
        fields = _document_fields(folded) if scanned else []
        if len(fields) >= 3:
            score = min(0.8, 0.5 + 0.1 * (len(fields) - 2) + (0.1 if _STATE.search(folded) else 0.0))
            return "identity_document", score, ["identity-document fields: " + ", ".join(fields)]
        return "", 0.0, []
    score = 0.55 + 0.15 * min(len(best_hits), 3)
    evidence.append("headings: " + ", ".join(best_hits))
    if _STATE.search(folded) and best_kind in ("passport", "national_id_card", "residence_permit", "driving_licence"):
        score += 0.15
        evidence.append("issuing state")
    elif best_kind in ("passport", "national_id_card", "residence_permit", "driving_licence") and len(best_hits) < 2:
        if not re.search(r"nationalit|date de naissance|date of birth|\bsexe\b|\bsex\b|surname|given names", folded):
            score -= 0.3  # "passeport doctoral", "passport to research": the word without the document
    elif best_kind == "payslip" and len(best_hits) < 2 and not _PAYSLIP_LINES.search(folded):
        score -= 0.3  # "18,90 € HT par bulletin de salaire", an invoice for 1,318 payslips: the word without the document
    if len(_BLANK.findall(text)) >= 3:
        score -= 0.5  # fields left blank ("IBAN FR__ ____"): a form to fill in, nobody's document yet
        evidence.append("blank form")
    if _SPECIMEN.search(folded):
        evidence.append("marked SPECIMEN")
    if best_kind == "bank_details":
        if any(iban.is_valid(m.group(0).replace(" ", "")) for m in _IBAN.finditer(text)):
            score += 0.2
            evidence.append("valid IBAN")
        else:
            score -= 0.2
    if best_kind == "proof_of_address" and len(best_hits) < 2:
        score -= 0.2
    # a long document that merely mentions a heading word (a brochure, a contract) is weaker evidence
    if len(text) > 6000 and len(best_hits) < 2:
        score -= 0.3
    fk = filename_kind(filename)
    if fk == best_kind:
        score += 0.1
        evidence.append("file name")
    return best_kind, clamp(score), evidence


def filename_kind(filename: str) -> str:
    f = fold(filename)
    for kind, rx in _FILENAME:
        if re.search(rx, f):
            return kind
    return ""


@dataclass(frozen=True)
class DocumentVerdict:
    """What an attachment is, as both the identity-scan and the personal-data detectors see it.

    ``read`` is False when only the file name spoke (the content was empty or unreadable)."""

    kind: str
    score: float
    evidence: tuple[str, ...]
    read: bool


def identify_document(unit: TextUnit) -> DocumentVerdict | None:
    """The identity or supporting document an attachment unit is, or None.

    One decision for every detector: the personal-data detector counts the holder's data on
    exactly the attachments this function calls documents."""
    if unit.kind != "attachment":
        return None
    text = unit.text
    if text.strip():
        kind, score, evidence = classify_document(text, unit.filename, scanned=unit.ocr)
        if unit.content_type in ("xlsx", "csv", "docx", "pptx", "odf") and not any("MRZ" in e for e in evidence):
            score -= 0.35  # spreadsheets and drafts are lists or texts, not scans of a document
        if kind and score >= 0.5:
            return DocumentVerdict(kind, clamp(score), tuple(evidence), True)
        if len(text.strip()) > 200:
            return None  # readable content that is not a document outweighs the name
    kind = filename_kind(unit.filename)
    if kind:
        return DocumentVerdict(kind, 0.6, (f"file name {unit.filename!r} (content not read)",), False)
    return None


class IdentityDocument(Detector):
    """Identity and supporting documents among attachments, by MRZ, headings or file name."""

    name = "identity_scan.document"
    version = "1"
    categories = (C.IDENTITY_SCAN,)
    description = __doc__

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        doc = identify_document(unit)
        if doc is None:
            return
        if doc.read:
            yield Match(C.IDENTITY_SCAN, 0, min(len(unit.text), 120), doc.score,
                        f"{doc.kind}: " + "; ".join(doc.evidence) + (" (OCR)" if unit.ocr else ""), label=doc.kind)
        else:
            yield Match(C.IDENTITY_SCAN, 0, 0, doc.score, f"{doc.kind}: {doc.evidence[0]}", label=doc.kind)
