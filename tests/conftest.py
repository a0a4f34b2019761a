"""Fixtures: a throw-away Dovecot on 127.0.0.1 (its own config, certificate and Maildir), and
small hand-made messages. All data is fictitious.

The Dovecot fixture skips when Dovecot is not installed, except when CI is set: CI can never
pass by skipping the IMAP tests.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    from imapclient.imap_utf7 import encode

    for i, (folder, data) in enumerate(messages):
        name = "" if folder == "INBOX" else "." + encode(folder).decode().replace("/", ".")
        d = root / name if name else root
        for sub in ("cur", "new", "tmp"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        if i % seen_every:
            (d / "cur" / f"{1700000000 + i}.M{i}P1.test:2,S").write_bytes(data)
        else:
            (d / "new" / f"{1700000000 + i}.M{i}P1.test").write_bytes(data)
    return root


def write_mbox(path: Path, messages=SAMPLE) -> Path:
    with open(path, "wb") as fh:
        for _folder, data in messages:
            fh.write(b"From test@test.invalid Mon Mar  4 09:00:00 2024\n")
            fh.write(data.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From "))
            fh.write(b"\n")
    return path


DOVECOT_CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = mi-test-{name}
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/certs/cert.pem
ssl_key = <{d}/certs/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={d}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
mail_max_userip_connections = 50
protocol imap {{
  rawlog_dir = {d}/rawlog/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls}
    ssl = yes
  }}
}}
{extra}
"""


class Dovecot:
    def __init__(self, d: Path):
        self.dir = d
        self.plain, self.tls = _free_port(), _free_port()
        self.cafile = str(d / "certs" / "cert.pem")
        self.conf = str(d / "dovecot.conf")
        self.maildir = d / "mail" / "alice" / "Maildir"
        self.rawlog = d / "rawlog" / "alice"

    def url(self, user: str = "alice") -> str:
        return f"imaps://{user}@127.0.0.1:{self.tls}"

    def chown(self) -> None:
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody:nogroup", str(self.dir / "mail"), str(self.dir / "rawlog")],
                           check=True)

    def log(self) -> str:
        p = self.dir / "dovecot.log"
        return p.read_text(errors="replace") if p.exists() else ""


@pytest.fixture(scope="session")
def dovecot():
    if not shutil.which("dovecot"):
        if os.environ.get("CI"):
            pytest.fail("CI is set but dovecot is not installed (apt-get install dovecot-imapd)")
        pytest.skip("dovecot not installed (apt-get install dovecot-imapd)")
    # Not pytest's tmp_path: its parent is mode 0700 and Dovecot's service users could not reach it.
    d = Path(tempfile.mkdtemp(prefix="mi-dovecot-"))
    os.chmod(d, 0o755)
    dv = Dovecot(d)
    for sub in ("run", "state", "certs", "mail/alice", "rawlog/alice"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(d / "certs/key.pem"),
                    "-out", dv.cafile], check=True, capture_output=True)
    (d / "users").write_text("alice:{PLAIN}alice-pass-Zq9\n")
    if os.geteuid() == 0:
        user, group, extra = "nobody", "nogroup", ""
    else:
        import grp
        import pwd

        user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        extra = (f"default_login_user = {user}\ndefault_internal_user = {user}\ndefault_internal_group = {group}\n"
                 f"first_valid_uid = {os.getuid()}\nfirst_valid_gid = {os.getgid()}\n"
                 "service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n")
    (d / "dovecot.conf").write_text(DOVECOT_CONF.format(d=d, name=d.name[-6:], user=user, group=group, plain=dv.plain,
                                                       tls=dv.tls, extra=extra))
    write_maildir(dv.maildir)
    dv.chown()
    subprocess.run(["dovecot", "-c", dv.conf], check=True)
    end = time.monotonic() + 10
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", dv.tls), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    yield dv
    subprocess.run(["dovecot", "-c", dv.conf, "stop"], check=False, capture_output=True)
    shutil.rmtree(d, ignore_errors=True)
