"""One way to register detectors: every module is registered, every category covered, every
detector documented."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import detectors
from detectors.base import Detector
from detectors.categories import MESSAGE_CATEGORIES
from detectors.lexicon import LexiconDetector
from detectors.registry import build_detectors, detector_classes


def test_every_detector_class_is_registered():
    registered = set(detector_classes())
    for info in pkgutil.iter_modules(detectors.__path__):
        mod = importlib.import_module(f"detectors.{info.name}")
        for _, obj in inspect.getmembers(mod, inspect.isclass):
            if issubclass(obj, Detector) and obj.__module__ == mod.__name__ and obj.name:
                assert obj in registered, f"{obj.__name__} is not declared in pyproject.toml entry points"


def test_every_category_has_a_detector():
    covered = {c for cls in detector_classes() for c in cls.categories}
    assert set(MESSAGE_CATEGORIES) <= covered


def test_names_are_unique_and_versioned():
    names = [c.name for c in detector_classes()]
    assert len(names) == len(set(names))
    assert all(c.version for c in detector_classes())
    assert not any(c is LexiconDetector for c in detector_classes())


def test_every_detector_is_documented():
    doc = (Path(__file__).parent.parent / "docs" / "detectors.md").read_text("utf-8")
    for cls in detector_classes():
        assert f"`{cls.name}`" in doc, f"{cls.name} missing from docs/detectors.md"


def test_detectors_build():
    assert len(build_detectors()) == len(detector_classes())


def test_fast_patterns_find_what_the_plain_regex_finds():
    """Word-prefix gates and stripped \\b never change whether and where a lexicon term first matches,
    and every match reported is a match of the whole pattern (alternatives searched one by one may
    report overlapping later matches the whole pattern would skip; detectors count from the first)."""
    import re

    from detectors._util import fold
    from detectors.lexicon import leading_literals, split_alternatives, word_prefixes
    from detectors.registry import build_detectors

    dets = [d for d in build_detectors() if d.name.endswith(".lexicon")]
    terms = [t for d in dets for t in d.lex["terms"] + d.lex["negatives"]]
    # texts that hold each term's literal start, glued to other words and punctuation in several ways
    lits = [lit for t in terms for alt in split_alternatives(t.pattern.pattern) for lit in leading_literals(
        alt[2:] if alt.startswith("\\b") else alt)]
    texts = [fold(" ".join(lits)), fold("x".join(lits)), fold(", ".join(lits) + " 12 500 € HT, 3 000 eur"),
             fold("Objet : CONFIDENTIEL\nNe pas diffuser. Ma mère est à l'hôpital ; je ne recommande pas Paul.")]
    word_prefixes.cache_clear()
    for text in texts:
        for t in terms:
            want = [m.span() for m in re.finditer(t.pattern.pattern, text)]
            got = [m.span() for m in t.pattern.finditer(text)]
            assert got[:1] == want[:1], t.label
            whole = re.compile(t.pattern.pattern)
            assert all(whole.match(text, a) for a, _ in got), t.label  # every match is one of the whole pattern
