"""The one way detectors are registered: the ``mailbox_inventory.detectors`` entry-point group.

Built-in detectors are declared there in pyproject.toml like any third-party plug-in, so there
is no second hand-kept list to forget (a test checks every module of this package is declared).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points

from .base import Detector
from .errors import DetectorRegistrationError

GROUP = "mailbox_inventory.detectors"


@lru_cache(maxsize=1)
def detector_classes() -> tuple[type[Detector], ...]:
    """All registered detector classes, sorted by name."""
    classes: dict[str, type[Detector]] = {}
    for ep in entry_points(group=GROUP):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Detector)) or not cls.name:
            raise DetectorRegistrationError(f"entry point {ep.name!r} is not a named Detector subclass")
        if cls.name in classes and classes[cls.name] is not cls:
            raise DetectorRegistrationError(f"two detectors share the name {cls.name!r}")
        classes[cls.name] = cls
    return tuple(classes[n] for n in sorted(classes))


def build_detectors(names: tuple[str, ...] = (), **options) -> list[Detector]:
    """Instantiate the registered detectors (all, or those named). ``options`` go to each
    detector class that accepts them (``lexicon_overrides`` for lexicon detectors)."""
    out = []
    for cls in detector_classes():
        if names and cls.name not in names:
            continue
        try:
            out.append(cls(**options))
        except TypeError:
            out.append(cls())
    return out
