"""How the scan builds its detectors (once per worker) and describes them in the run sheet."""

from __future__ import annotations

from functools import partial


def _make(lexicons: tuple[str, ...]):
    from detectors.registry import build_detectors

    return build_detectors(lexicon_files=lexicons)


def detector_factory(lexicons: tuple[str, ...] = ()):
    return partial(_make, lexicons)


def detector_versions() -> str:
    from detectors.registry import detector_classes

    return ", ".join(f"{c.name} v{c.version}" for c in detector_classes())
