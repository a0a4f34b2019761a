"""Table-driven tests of the French identifier pack and the personal-data detector (fictitious data)."""

import re

import pytest

from detectors.personal_data import PersonalData
from detectors.presidio_fr import CardNumberRecognizer, FrNirRecognizer, FrSpiRecognizer, IbanFrRecognizer
from detectors.unit import TextUnit


@pytest.mark.parametrize("rec,text,ok", [
    (FrNirRecognizer(), "2 82 07 69 123 045 96", True),
    (FrNirRecognizer(), "2 82 07 69 123 045 97", False),
    (FrNirRecognizer(), "282076912304596", True),
    (FrNirRecognizer(), "1 80 05 2A 123 456 29", None),
    (IbanFrRecognizer(), "FR76 3000 6000 0112 3456 7890 189", True),
    (IbanFrRecognizer(), "FR76 3000 6000 0112 3456 7890 188", False),
    (CardNumberRecognizer(), "4970 1012 3456 7899", None),
    (CardNumberRecognizer(), "0000-0002-1825-0097", False),
    (FrSpiRecognizer(), "3023217600053", True),
])
def test_recognizers(rec, text, ok):
    results = rec.analyze(text, rec.supported_entities)
    valid = any(r.score >= 1.0 for r in results)
    if ok is None:
        from stdnum import luhn
        from stdnum.fr import nir

        digits = text.replace(" ", "").replace("-", "")
        expected = nir.is_valid(digits) if isinstance(rec, FrNirRecognizer) else luhn.is_valid(digits)
        assert valid == expected
    else:
        assert valid == ok


PARITY_TEXTS = [
    "NIR : 2 82 07 69 123 045 96, faux : 2 82 07 69 123 045 97, Corse : 1 80 05 2A 123 456 29",
    "IBAN FR76 3000 6000 0112 3456 7890 189 ou fr76 3000 6000 0112 3456 7890 189 / FR76 3000 6000 0112 3456 7890 188",
    "carte 4970 1012 3456 7899, ORCID 0000-0002-1825-0097, ISBN 978-2-07-036822-8, n° fiscal 3023217600053",
    "INE 0123456789A, passeport 12AB34567, CNI 123456789012, AB1234567",
]


@pytest.mark.parametrize("text", PARITY_TEXTS)
def test_scanner_rules_match_presidio_recognizers(text):
    """The scanner runs the pack's rules without Presidio: same spans, same scores as Presidio's own analyze."""
    from detectors.presidio_fr import all_recognizers
    from detectors.presidio_fr.rules import RULES, find

    for rule, rec in zip(RULES, all_recognizers(), strict=True):
        ours = sorted((s, e, round(sc, 2)) for s, e, sc in find(rule, text))
        theirs = sorted((r.start, r.end, round(r.score, 2)) for r in rec.analyze(text, rec.supported_entities)
                        if r.score > 0)
        assert ours == theirs, rule.name


def test_scanner_does_not_load_presidio():
    import subprocess
    import sys

    code = ("import sys; from detectors.registry import build_detectors; build_detectors(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'presidio_analyzer', 'spacy', 'tldextract'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


DET = PersonalData()


def labels(text, **kw):
    return {m.label for m in DET.run(TextUnit(text=text, **kw)) if m.score >= 0.5}


def test_birth_and_address():
    text = "M. Karim BENALI, né le 14/02/1996, domicilié au 8 rue des Tilleuls 69003 Lyon."
    assert {"birth date/place", "home address"} <= labels(text)


def test_invalid_iban_is_not_personal_data():
    assert labels("Attention, IBAN frauduleux FR76 3000 6000 0112 3456 7890 188") == set()


def test_mission_number_failing_key_is_not_nir():
    assert labels("Ordre de mission n° 2 82 07 69 123 045 97") == set()


def test_table_of_people_counts_rows():
    rows = (("Nom", "Prénom", "Date de naissance", "Téléphone"), ("DURAND", "Alice", "03/05/2002", "0612345678"),
            ("LEROY", "Hugo", "17/11/2001", "0698765432"))
    ms = [m for m in DET.run(TextUnit(text="x", kind="attachment", rows=rows, content_type="csv"))
          if m.label == "list of people"]
    assert ms and ms[0].count == 2


def test_passport_second_mrz_line_alone_counts_only_with_all_check_digits():
    from detectors.mrz import find_mrz

    line = "ZE000509<9CAN8501019F2301147<<<<<<<<<<<<<<08"
    assert find_mrz(line).country == "CAN"
    assert find_mrz("ZEDO0509<9CAN8501019F2301147<<<<<<<<<<<<<<08").number == "ZE000509"  # O/D read for 0
    assert find_mrz(line[:-1] + "7") is None  # composite check digit wrong


def test_mrz_shaped_lines_with_a_misread_document_code():
    from detectors.identity_doc import classify_document

    text = "1<$1<09999100180706966505468<<\n6606079F0807276S1<<<<<<<<<<<<0\n"
    kind, score, _ = classify_document(text)
    assert kind == "national_id_card" and score >= 0.8


def test_identity_document_fields_count_only_on_scans():
    from detectors.identity_doc import classify_document

    text = "Nationalité / Nationality FRANÇAISE\nDate de naissance / Date of birth 01.02.1990\nSexe / Sex F\n"
    assert classify_document(text, scanned=True)[0] == "identity_document"
    assert classify_document(text, scanned=False)[0] == ""


@pytest.mark.parametrize("text,label", [
    ("- Anna Kowalski, born 03/04/2001, arriving in May.", "birth date/place"),
    ("Please send it to her home address: 14 Elm Grove, Bristol BS6 5AB.", "home address"),
    ("Son adresse personnelle : 8 rue des Lilas, 35000 Rennes (M. Paul Leroy).", "home address"),
    ("Patient : Philippe Roche | M | 13/09/1965 | dossier 8054692357", "birth date/place"),
    ("Récapitulatif : GRIGOT Thierry, 22/01/1965 (58 ans), suivi en consultation.", "birth date/place"),
    ("Mme Marie Humble, née le 22|8|1943, domiciliée à Brest.", "birth date/place"),
    ("Stagiaire : Lina Moreau, sexe : F, 02/06/2004, licence 3.", "birth date/place"),
    ("Notes du partiel : DUPONT Marc 12,5 ; LEROY Anne 8 ; N'DIAYE Moussa 15.", "grades"),
])
def test_personal_data_phrasings(text, label):
    assert label in labels(text)


@pytest.mark.parametrize("text", [
    "The born-digital archive opens on Monday.",
    "Office address: 2 place Jussieu, 75005 Paris (switchboard).",
    "Réunion du 12/03/2024 | salle B | ordre du jour joint.",
    "Le contrat signé le 01/09/2023 (durée : 3 ans) court jusqu'en 2026.",
    "Les notes de service du CNRS Paris 12 et de la DR Lyon 7 sont en ligne.",
])
def test_personal_data_near_misses(text):
    assert not labels(text) - {"personal phone"}


def test_table_of_pay_counts_rows():
    rows = (("Agent", "Corps / grade", "Rémunération brute", "Prime proposée"), ("DURAND Alice", "IGE", "3 100", "900"),
            ("LEROY Hugo", "TCN", "2 300", "600"), ("MARTIN Chloé", "IR", "3 900", "1 100"))
    found = [m for m in DET.run(TextUnit(text="\n".join(" ".join(r) for r in rows), rows=rows, kind="attachment",
                                         location="attachment:primes.xlsx", content_type="xlsx"))]
    assert any(m.label == "list of people" and m.count == 3 for m in found)


@pytest.mark.parametrize("text,label", [
    ("RIB : 30006 00001 12345678901 89 (clé RIB)", None),
    ("Son permis de conduire n° 12AB34567 expire en 2031.", "driving licence number"),
])
def test_more_french_identifiers(text, label):
    from detectors.presidio_fr.rules import RIB, valid_rib

    if label is None:  # the RIB key is checked; this one is made up, so compute a valid one
        key = 97 - (89 * 30006 + 15 * 1 + 3 * 12345678901) % 97
        assert valid_rib(f"30006 00001 12345678901 {key:02d}") and not valid_rib(f"30006 00001 12345678901 {(key + 1) % 97:02d}")
        assert "RIB" in labels(f"RIB : 30006 00001 12345678901 {key:02d}")
        assert RIB.entity == "FR_RIB"
        return
    assert label in labels(text)


@pytest.mark.parametrize("text", ["Société Exemple SAS, SIRET 732 829 320 00074, RCS Paris.",
                                  "N° TVA intracommunautaire : FR40303265045", "Commande 732829320 livrée."])
def test_company_identifiers_are_not_personal_data(text):
    from detectors.presidio_fr.rules import COMPANY, VAT, find

    assert labels(text) == set()
    if "SIRET" in text or "TVA" in text:  # the pack still recognises them, for Presidio users
        assert any(s >= 1.0 for rule in (COMPANY, VAT) for _a, _b, s in find(rule, text))


@pytest.mark.parametrize("text,found", [
    ("Son adresse perso : jean.dupont@gmail.com, merci de ne pas la diffuser.", True),
    ("You can reach her at ann.lee@yahoo.com until Friday.", True),
    ("De : Jean Dupont <jean.dupont@gmail.com>\nEnvoyé : lundi 3 mars", False),
    ("Cc: a.b@gmail.com, c.d@hotmail.fr, e.f@free.fr", False),
    ("Écrivez à contact@univ-exemple.fr pour vous inscrire.", False),
])
def test_personal_email_of_a_third_person(text, found):
    assert ("personal e-mail" in labels(text)) is found


def test_pii_recall_command_reads_both_layouts(tmp_path):
    import json

    from inventory.pii_recall import recall

    text = "IBAN FR76 3000 6000 0112 3456 7890 189 de M. Paul Durand"
    (tmp_path / "notes.jsonl").write_text(json.dumps({"note_text": text, "entities": [
        {"start": 5, "end": 38, "label": "IBAN_CODE"}, {"start": 45, "end": 56, "label": "PERSON"}]}) + "\n")
    (tmp_path / "synth.json").write_text(json.dumps([{"full_text": text, "spans": [
        {"entity_type": "IBAN_CODE", "start_position": 5, "end_position": 38}]}]))
    out = recall(str(tmp_path))
    assert "2 labelled texts" in out
    assert re.search(r"IBAN\s+2\s+2\s+1\.00", out)


@pytest.mark.parametrize("name,kind", [
    ("scan_passeport_Dupont.pdf", "passport"),
    ("CNI_recto_verso.jpg", "national_id_card"),
    ("driving_licence.png", "driving_licence"),
    ("fiches_de_paie_mars-mai.pdf", "payslip"),
    ("tax_return_2024.pdf", "tax_notice"),
    ("proof_of_address.pdf", "proof_of_address"),
    ("formulaire_demande.pdf", ""),
    ("logo.png", ""),
    ("passeport_doctorant.pdf", ""),
])
def test_identity_document_file_names(name, kind):
    from detectors.identity_doc import filename_kind

    assert filename_kind(name) == kind
