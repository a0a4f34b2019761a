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
