"""Table-driven tests of the French identifier pack and the personal-data detector (fictitious data)."""

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
