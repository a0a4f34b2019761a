"""Data subjects for the DPO: identifiers and the names of the persons personal data is about,
counted through keyed hashes; correspondents are the address book, not data subjects."""

from __future__ import annotations

import sqlite3

from conftest import make_message
from helpers import run_cli

from detectors.persons import normalize_name, person_names
from inventory.aggregate import distinct_subjects, load
from inventory.analyze import Options, analyze
from inventory.model import RawMessage
from inventory.pipeline_setup import detector_factory

OPTS = Options(hmac_key=b"s" * 32)


def test_name_forms_share_one_key():
    keys = {normalize_name(n) for n in ("Mme Inès BOUCHER", "BOUCHER Inès", "Mademoiselle Inès Boucher")}
    assert keys == {"boucher ines"}


def test_names_in_headings_and_acronyms_are_not_people():
    text = "CERTIFICAT MÉDICAL Je soussignée. Clé RIB : 12. CHU Nantes. Karim BENALI, M. Dupont."
    assert person_names(text) == {"benali karim", "dupont"}


def test_subjects_leave_correspondents_out():
    msg = make_message("Arrêt", "Madame Colin,\nMme Inès BOUCHER est en arrêt maladie jusqu'au 30 mai "
                       "(certificat médical joint).\nClaire Delmas",
                       sender="Claire Delmas <claire.delmas@univ-exemple.fr>",
                       to="Sophie Colin <sophie.colin@univ-exemple.fr>")
    r = analyze(RawMessage("t", "INBOX", 1, 1, msg, (), None, 0), detector_factory(())(), OPTS)
    assert any(f.category == "sensitive_data" for f in r.findings)
    assert len(r.subjects) == 1  # Inès Boucher; not Colin (recipient) nor Delmas (sender)
    assert all("boucher" not in h for h in r.subjects)  # a keyed hash, not the name


def test_distinct_subjects_counts_each_person_once(tmp_path):
    box = tmp_path / "box" / "INBOX"
    box.mkdir(parents=True)
    bodies = ["Mme Inès BOUCHER est en arrêt maladie jusqu'au 30 mai.",
              "Rappel : BOUCHER Inès, arrêt maladie prolongé, certificat médical reçu.",
              "M. Karim BENALI, né le 14/02/1996, IBAN FR76 3000 6000 0112 3456 7890 189."]
    for i, body in enumerate(bodies):
        (box / f"{i}.eml").write_bytes(make_message(f"m{i}", body, msgid=f"<s{i}@t>"))
    r = run_cli("scan", str(tmp_path / "box"), "--state", str(tmp_path / "s.sqlite"), "-q")
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(tmp_path / "s.sqlite")
    inv = load(db)
    # Inès Boucher, Karim Benali, and Karim Benali's IBAN (an identifier cannot be tied to a name)
    assert len(inv.subject_names) == 2
    assert distinct_subjects(inv) >= 3
    db.close()
