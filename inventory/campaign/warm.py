"""Preloaded by the fork server of a campaign worker: the detectors are built and warmed once (their
lazily loaded models included) under the no-egress guard, and every analysis process the server
forks for a task inherits them instead of loading them again."""

from __future__ import annotations

DETECTORS = None


def _warm():
    from email.message import EmailMessage

    from ..analyze import Options, analyze
    from ..egress import install
    from ..model import RawMessage
    from ..pipeline_setup import detector_factory

    install()
    detectors = detector_factory(())()
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "A <a@example.invalid>", "B <b@example.invalid>", "Préchauffage"
    m.set_content("Bonjour,\nM. Jean Exemple, né le 01/02/1980, est en arrêt maladie.\nCordialement")
    data = bytes(m)
    analyze(RawMessage("warm", "INBOX", 1, 1, data, (), None, len(data)), detectors, Options(hmac_key=bytes(32)))
    return detectors


try:
    DETECTORS = _warm()
except Exception:  # noqa: BLE001, S110 - the fork server must start anyway; each process then builds its own
    DETECTORS = None
