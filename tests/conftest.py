"""Fixtures: a throw-away Dovecot on 127.0.0.1 (its own config, certificate and Maildir), and
small hand-made messages. All data is fictitious.

The Dovecot fixture skips when Dovecot is not installed, except when CI is set: CI can never
pass by skipping the IMAP tests.
"""

from __future__ import annotations

import importlib.util
import os
from email.message import EmailMessage
from pathlib import Path

import pytest

from inventory.throwaway_dovecot import Dovecot, DovecotUnavailable, populate_maildir

# No egress from the suite: this process and every Python process it starts run an audit hook
# (tests/egress_guard/sitecustomize.py) that refuses any connection outside the loopback and
# records it; the session fails if anything was recorded.
_GUARD = Path(__file__).parent / "egress_guard"
EGRESS_LOG = Path(os.environ.setdefault("MI_TEST_EGRESS_LOG", os.path.join(
    os.environ.get("TMPDIR", "/tmp"), f"mi-egress-{os.getpid()}.log")))
EGRESS_LOG.unlink(missing_ok=True)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(_GUARD), os.environ.get("PYTHONPATH", "")) if p)
_spec = importlib.util.spec_from_file_location("mi_egress_guard", _GUARD / "sitecustomize.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))  # the same hook in this process


def pytest_sessionfinish(session, exitstatus):
    if EGRESS_LOG.exists() and EGRESS_LOG.read_text().strip():
        session.exitstatus = 1
        print(f"\nEGRESS: network attempts outside the loopback during the tests:\n{EGRESS_LOG.read_text()}")


def make_message(subject: str, body: str, sender: str = "Alice Martin <alice.martin@univ-exemple.fr>",
                 to: str = "Jeanne Dupont <jeanne.dupont@univ-exemple.fr>", msgid: str | None = None,
                 attachments=()) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, to, subject
    m["Date"] = "Mon, 04 Mar 2024 09:00:00 +0100"
    m["Message-ID"] = msgid or f"<{abs(hash((subject, body))) % 10**12}@test.invalid>"
    m.set_content(body)
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(m)


SAMPLE = [
    ("INBOX", make_message("Accès", "Bonjour,\nlogin : jdupont\nmot de passe : Tr0ub4dor&3x\nPaul", msgid="<m1@t>")),
    ("INBOX", make_message("Expiration", "Votre mot de passe expire dans 5 jours. Mot de passe oublié ?",
                           msgid="<m2@t>")),
    ("INBOX", make_message("RH", "M. Karim BENALI, né le 14/02/1996.\nIBAN : FR76 3000 6000 0112 3456 7890 189",
                           msgid="<m3@t>")),
    ("Données/Réunions", make_message("Clé", "AWS_SECRET_ACCESS_KEY=Zb9/k3LmQ2wX8pR4tY6uV1nC5sD7fG0hJ2kL4mN6\n"
                                      "AWS_ACCESS_KEY_ID=AKIAQ3EXAMPLE7TUVW42", msgid="<m4@t>")),
    ("Sent", make_message("Porte", "Le digicode de la porte est 4812A.", msgid="<m5@t>")),
]
SECRETS = ["Tr0ub4dor&3x", "FR76 3000 6000 0112 3456 7890 189", "Zb9/k3LmQ2wX8pR4tY6uV1nC5sD7fG0hJ2kL4mN6",
           "4812A"]


def write_eml_tree(root: Path, messages=SAMPLE) -> Path:
    for i, (folder, data) in enumerate(messages):
        p = root / folder / f"{i:03d}.eml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def write_maildir(root: Path, messages=SAMPLE, seen_every: int = 2) -> Path:
    """Maildir++ layout as Dovecot keeps it (folder names in modified UTF-7)."""
    populate_maildir(root, messages, seen_every)
    return root


def write_mbox(path: Path, messages=SAMPLE) -> Path:
    with open(path, "wb") as fh:
        for _folder, data in messages:
            fh.write(b"From test@test.invalid Mon Mar  4 09:00:00 2024\n")
            fh.write(data.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From "))
            fh.write(b"\n")
    return path


def _start(messages, **configure) -> Dovecot:
    try:
        dv = Dovecot()
    except DovecotUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {exc}")
        pytest.skip(str(exc))
    dv.configure(**configure)
    populate_maildir(dv.maildir, messages)
    return dv.start()


@pytest.fixture(scope="session")
def dovecot():
    """The SAMPLE messages, shared by the tests that only read."""
    dv = _start(SAMPLE)
    yield dv
    dv.stop()


@pytest.fixture(scope="session")
def big_dovecot():
    """1,000 messages in five folders (two non-ASCII). Never changed by a test: faults go through
    a proxy; tests that change the mailbox use ``dovecot_factory``."""
    from mailboxes import thousand

    dv = _start(thousand())
    yield dv
    dv.stop()


@pytest.fixture
def dovecot_factory():
    """Fresh Dovecot instances a test may change (expunge, reset UIDVALIDITY, break its auth)."""
    started = []

    def make(messages=SAMPLE, **configure) -> Dovecot:
        dv = _start(messages, **configure)
        started.append(dv)
        return dv

    yield make
    for dv in started:
        dv.stop()
