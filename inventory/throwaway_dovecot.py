"""A throwaway Dovecot IMAP server on 127.0.0.1, for the test suite and the benchmark.

It has its own configuration, self-signed certificate (for ``localhost`` and ``127.0.0.1``),
password file and Maildir under a temporary folder, listens on loopback only, and records every
command a client sends (``rawlog``) so tests can prove from the server side that the scanner
only reads. Nothing here is used by a scan.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

USER, PASSWORD = "alice", "alice-pass-Zq9"

CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = mi-{name}
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/certs/cert.pem
ssl_key = <{d}/certs/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
{oauth2_passdb}passdb {{
  driver = passwd-file
  mechanisms = plain login
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
  rawlog_dir = {rawlog}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain}
  }}
  inet_listener imaps {{
    address = {tls_addresses}
    port = {tls}
    ssl = yes
  }}
}}
{extra}
"""


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed or did not start."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def populate_maildir(root: Path, messages: Iterable[tuple[str, bytes]], seen_every: int = 2) -> int:
    """Write messages in the Maildir++ layout Dovecot keeps (folder names in modified UTF-7).

    Every ``seen_every``-th message goes to ``cur/`` with the \\Seen flag, the others to ``new/``,
    so a test can check that flags and file names are untouched by a scan."""
    from imapclient.imap_utf7 import encode

    made: set[Path] = set()
    n = 0
    for i, (folder, data) in enumerate(messages):
        head, _, rest = folder.partition("/")
        if head.upper() == "INBOX":  # IMAP's INBOX is case-insensitive: "inbox/x" lives under INBOX
            folder = "INBOX" + ("/" + rest if rest else "")
        name = "" if folder == "INBOX" else "." + encode(folder).decode().replace("/", ".")
        d = root / name if name else root
        if d not in made:
            for sub in ("cur", "new", "tmp"):
                (d / sub).mkdir(parents=True, exist_ok=True)
            made.add(d)
        if i % seen_every:
            (d / "cur" / f"{1700000000 + i}.M{i}P1.test:2,S").write_bytes(data)
        else:
            (d / "new" / f"{1700000000 + i}.M{i}P1.test").write_bytes(data)
        n += 1
    return n


class Dovecot:
    """Start with :meth:`start`, stop with :meth:`stop` (or use as a context manager)."""

    def __init__(self, root: str | os.PathLike | None = None, rawlog: bool = True) -> None:
        if not shutil.which("dovecot"):
            raise DovecotUnavailable("dovecot is not installed (apt-get install dovecot-imapd)")
        # Not a 0700 folder: Dovecot's unprivileged service users must reach it.
        self.dir = Path(root) if root else Path(tempfile.mkdtemp(prefix="mi-dovecot-"))
        os.chmod(self.dir, 0o755)  # noqa: S103 - throwaway test server data, fictitious
        self.plain, self.tls = free_port(), free_port()
        self.cafile = str(self.dir / "certs" / "cert.pem")
        self.conf = str(self.dir / "dovecot.conf")
        self.maildir = self.dir / "mail" / USER / "Maildir"
        self.rawlog = self.dir / "rawlog" / USER
        self.password = PASSWORD
        self._rawlog = rawlog
        self.running = False

    def url(self, user: str = USER) -> str:
        return f"imaps://{user}@127.0.0.1:{self.tls}"

    def log(self) -> str:
        p = self.dir / "dovecot.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def chown(self) -> None:
        """As root, mail files must belong to the unprivileged user Dovecot serves them as."""
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody:nogroup", str(self.dir / "mail"), str(self.dir / "rawlog")],
                           check=True)

    def configure(self, *, oauth2_key: bytes | None = None, extra_tls_addresses: tuple[str, ...] = (),
                  extra: str = "") -> None:
        """Write the configuration. ``oauth2_key`` adds XOAUTH2/OAUTHBEARER checked locally against
        HS256 tokens signed with that key; ``extra_tls_addresses`` adds loopback addresses the TLS
        listener also answers on (a ``local`` block can give them another certificate)."""
        d = self.dir
        for sub in ("run", "state", "certs", f"mail/{USER}", f"rawlog/{USER}"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
                        str(d / "certs/key.pem"), "-out", self.cafile], check=True, capture_output=True)
        (d / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        if os.geteuid() == 0:
            user, group, extra_os = "nobody", "nogroup", ""
        else:
            import grp
            import pwd

            user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
            extra_os = (f"default_login_user = {user}\ndefault_internal_user = {user}\n"
                     f"default_internal_group = {group}\nfirst_valid_uid = {os.getuid()}\n"
                     f"first_valid_gid = {os.getgid()}\n"
                     "service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n")
        rawlog = f"{d}/rawlog/%u" if self._rawlog else ""
        mechanisms, oauth2_passdb = "plain login", ""
        if oauth2_key is not None:
            import base64

            keys = d / "oauth2" / "keys" / "default" / "HS256"
            keys.mkdir(parents=True, exist_ok=True)
            (keys / "default").write_text(base64.b64encode(oauth2_key).decode())
            (d / "oauth2" / "oauth2.conf.ext").write_text(
                f"introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix={d}/oauth2/keys/\n"
                "username_attribute = sub\n")
            mechanisms = "plain login xoauth2 oauthbearer"
            oauth2_passdb = (f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                             f"  args = {d}/oauth2/oauth2.conf.ext\n}}\n")
        (d / "dovecot.conf").write_text(CONF.format(
            d=d, name=d.name[-6:], user=user, group=group, plain=self.plain, tls=self.tls, extra=extra + "\n" + extra_os,
            rawlog=rawlog, mechanisms=mechanisms, oauth2_passdb=oauth2_passdb,
            tls_addresses=", ".join(("127.0.0.1", *extra_tls_addresses))))

    def add_account(self, user: str, password: str, messages: Iterable[tuple[str, bytes]] = ()) -> str:
        """Another account in the password file, with its own Maildir (after :meth:`configure`, before
        :meth:`start`); returns its imaps:// URL."""
        with open(self.dir / "users", "a", encoding="utf-8") as fh:
            fh.write(f"{user}:{{PLAIN}}{password}\n")
        (self.dir / "rawlog" / user).mkdir(parents=True, exist_ok=True)
        populate_maildir(self.dir / "mail" / user / "Maildir", messages)
        return self.url(user)

    def start(self, timeout: float = 10.0) -> Dovecot:
        self.chown()
        subprocess.run(["dovecot", "-c", self.conf], check=True)
        self.running = True
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", self.tls), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise DovecotUnavailable(f"dovecot did not listen on 127.0.0.1:{self.tls}: {self.log()[-500:]}")

    def kick(self, user: str = USER) -> None:
        """End the user's sessions from the server side, as an administrator would."""
        subprocess.run(["doveadm", "-c", self.conf, "kick", user], check=False, capture_output=True)

    def imap_pids(self) -> list[int]:
        """The imap processes serving logged-in sessions of this instance."""
        out = subprocess.run(["pgrep", "-f", f"^dovecot-mi-{self.dir.name[-6:]}/imap$"],
                             capture_output=True, text=True, check=False).stdout
        return [int(x) for x in out.split()]

    def stop(self, remove: bool = True) -> None:
        if self.running:
            subprocess.run(["dovecot", "-c", self.conf, "stop"], check=False, capture_output=True)
            self.running = False
        if remove:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Dovecot:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
