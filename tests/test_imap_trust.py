"""Read-only, TLS and authentication, proven against a real Dovecot on loopback.

Cases 1-7 of the trust list (docs/security.md): a 1,000-message mailbox scanned without one
byte of it changing, every command audited from the server side, certificates and plaintext
refused before a credential is read, authentication failures handled without retry storms,
OAuth2 tokens refreshed once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from faultproxy import FaultProxy
from helpers import outputs_text, password_command, read_jsonl, run_cli, run_sheet, scan_imap
from mailboxes import FOLDERS, jwt, planted_secrets

from inventory.errors import AuthenticationError, ConnectionFailed
from inventory.sources.imap import ImapSource, parse_imap_url

PW_ENV = "MAILBOX_INVENTORY_PASSWORD"
ALLOWED_VERBS = {"CAPABILITY", "ID", "ENABLE", "LIST", "STATUS", "EXAMINE", "NOOP", "LOGOUT", "NAMESPACE"}
FETCH_ITEM_OK = ("BODY.PEEK[", "BODYSTRUCTURE", "RFC822.SIZE", "FLAGS", "UID", "MODSEQ", "INTERNALDATE")


def maildir_snapshot(root: Path) -> dict[str, str]:
    """Every message file (its name carries the flags) and a hash of its bytes."""
    out = {}
    for p in root.rglob("*"):
        if p.is_file() and p.parent.name in ("cur", "new", "tmp"):
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def client_commands(rawlog: Path, skip: set[Path] = frozenset()) -> list[list[str]]:
    cmds = []
    for p in rawlog.glob("*.in"):
        if p in skip:
            continue
        for line in p.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 3:
                cmds.append(parts[2:])
    return cmds


def assert_read_only_commands(cmds: list[list[str]]) -> None:
    assert cmds, "the rawlog recorded nothing"
    for c in cmds:
        verb = c[0].upper()
        if verb == "UID":
            assert c[1].upper() in ("SEARCH", "FETCH"), c
            if c[1].upper() == "FETCH":
                items = " ".join(c[3:]).strip("()").upper()
                for item in items.replace("(", " ").replace(")", " ").split():
                    assert item.startswith(FETCH_ITEM_OK) or item[0].isdigit() or item.startswith("<"), c
        else:
            assert verb in ALLOWED_VERBS, c


def logged_out_lines(dv, wait: float = 3.0) -> list[str]:
    """Dovecot writes the session summary after the client disconnects: poll for it."""
    end = time.monotonic() + wait
    while True:
        lines = [x for x in dv.log().splitlines() if "Logged out" in x]
        if lines or time.monotonic() > end:
            return lines
        time.sleep(0.1)


# -- 1 and 2: 1,000 messages, five folders, nothing changed, every command audited -----------------

def test_thousand_messages_scanned_once_and_nothing_changed(big_dovecot, tmp_path):
    dv = big_dovecot
    before = maildir_snapshot(dv.maildir)
    old_logs = set(dv.rawlog.glob("*.in"))
    r = scan_imap(dv.url(), tmp_path, cafile=dv.cafile, env={PW_ENV: dv.password})
    assert r.returncode == 0, r.stderr[-2000:]

    # nothing on the server changed: same files, same names (flags), same bytes
    assert maildir_snapshot(dv.maildir) == before
    summaries = logged_out_lines(dv)
    assert summaries and all("deleted=0 expunged=0 trashed=0" in x for x in summaries), summaries
    assert_read_only_commands(client_commands(dv.rawlog, old_logs))

    # every message exactly once
    db = sqlite3.connect(tmp_path / "state.sqlite")
    per_folder = dict(db.execute("SELECT folder, COUNT(DISTINCT uid) FROM messages GROUP BY folder").fetchall())
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1000
    db.close()
    assert per_folder == dict(FOLDERS)
    run = run_sheet(tmp_path / "inv.xlsx")
    assert run["messages scanned this run"] == "1000"
    for folder, n in FOLDERS:
        assert f"{folder} ({n})" in run["folders scanned"]
    findings = read_jsonl(tmp_path / "f.jsonl")
    creds = {(f["folder"], f["uid"]) for f in findings if f["category"] == "credentials"}
    assert len(creds) == 100  # one password in every tenth message
    text = outputs_text(tmp_path)
    assert not [s for s in planted_secrets() if s in text]
    assert dv.password not in text + r.stderr


# -- 3: untrusted certificates refused before any credential is read -------------------------------

def _expired_certificate(path: Path, ip: str) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "expired.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=30)).not_valid_after(now - dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = path / "expired.pem", path / "expired.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(key_path, 0o644)  # noqa: S103 - throwaway test key, read by Dovecot's config process
    return cert_path, key_path


def test_self_signed_certificate_refused_before_credentials(dovecot, tmp_path):
    cmd, marker = password_command(tmp_path, dovecot.password)
    r = scan_imap(dovecot.url(), tmp_path, "--password-command", cmd)
    assert r.returncode == 4, r.stderr
    assert "certificate" in r.stderr.lower() and "not trusted" in r.stderr
    assert not marker.exists()


def test_certificate_for_another_host_refused(dovecot, tmp_path):
    cmd, marker = password_command(tmp_path, dovecot.password)
    with FaultProxy(("127.0.0.1", dovecot.tls), listen=("127.0.0.2", 0)) as proxy:
        r = scan_imap(f"imaps://alice@127.0.0.2:{proxy.port}", tmp_path, "--password-command", cmd,
                      cafile=dovecot.cafile)
    assert r.returncode == 4, r.stderr
    assert "mismatch" in r.stderr.lower()
    assert not marker.exists()


def test_expired_certificate_refused(dovecot_factory, tmp_path):
    certs = tmp_path / "certs"
    certs.mkdir()
    os.chmod(tmp_path, 0o755)  # noqa: S103 - Dovecot's config reader must reach the throwaway certificate
    cert, key = _expired_certificate(certs, "127.0.0.3")
    dv = dovecot_factory(extra_tls_addresses=("127.0.0.3",),
                         extra=f"local 127.0.0.3 {{\n  ssl_cert = <{cert}\n  ssl_key = <{key}\n}}\n")
    cmd, marker = password_command(tmp_path, dv.password)
    r = scan_imap(f"imaps://alice@127.0.0.3:{dv.tls}", tmp_path / "out", "--password-command", cmd,
                  cafile=str(cert))
    assert r.returncode == 4, r.stderr
    assert "expired" in r.stderr.lower()
    assert not marker.exists()
    # the same server, through its valid certificate, is fine: the refusal was about expiry alone
    ok = scan_imap(dv.url(), tmp_path / "ok", cafile=dv.cafile, env={PW_ENV: dv.password})
    assert ok.returncode == 0, ok.stderr


def test_no_option_turns_verification_off():
    out = run_cli("scan", "--help").stdout.lower()
    for word in ("insecure", "no-verify", "skip-verify", "cert_none"):
        assert word not in out


# -- 4: plaintext, stripped STARTTLS, LOGINDISABLED -------------------------------------------------

def test_stripped_starttls_aborts_before_login(dovecot, tmp_path):
    cmd, marker = password_command(tmp_path, dovecot.password)
    # from 127.0.0.2 Dovecot treats the client as remote: STARTTLS LOGINDISABLED on the plain port;
    # the proxy plays a downgrade attacker that removes STARTTLS from what the server says
    with FaultProxy(("127.0.0.1", dovecot.plain), source=("127.0.0.2", 0), strip=(b"STARTTLS",)) as proxy:
        r = scan_imap(f"imap://alice@127.0.0.1:{proxy.port}", tmp_path, "--password-command", cmd,
                      cafile=dovecot.cafile)
    assert r.returncode == 4, r.stderr
    assert "STARTTLS" in r.stderr
    assert not marker.exists()
    remote = [x for x in dovecot.log().splitlines() if "rip=127.0.0.2" in x]
    assert remote and all("auth" not in x.split("Disconnected")[-1] or "no auth attempts" in x for x in remote)


def test_starttls_upgrade_then_login(dovecot, tmp_path):
    with FaultProxy(("127.0.0.1", dovecot.plain), source=("127.0.0.2", 0)) as proxy:
        r = scan_imap(f"imap://alice@127.0.0.1:{proxy.port}/Sent", tmp_path, cafile=dovecot.cafile,
                      env={PW_ENV: dovecot.password})
    assert r.returncode == 0, r.stderr


def test_plaintext_connection_never_gets_credentials(dovecot):
    from imapclient import IMAPClient

    read = []
    seen_caps = []

    def plain_client():
        c = IMAPClient("127.0.0.1", port=proxy.port, ssl=False, timeout=5)
        seen_caps.extend(c.capabilities())
        return c

    with FaultProxy(("127.0.0.1", dovecot.plain), source=("127.0.0.2", 0)) as proxy:
        src = ImapSource(parse_imap_url(f"imaps://alice@127.0.0.1:{proxy.port}"), client_factory=plain_client,
                         password_provider=lambda: read.append(1) or dovecot.password)
        with pytest.raises(AuthenticationError, match="unencrypted"):
            src.connect()
    assert b"LOGINDISABLED" in seen_caps
    assert not read


# -- 5 and 6: wrong password once; temporary failure retried with backoff --------------------------

def test_wrong_password_one_attempt_no_echo(dovecot_factory, tmp_path):
    dv = dovecot_factory()
    wrong = "wr0ng-Pass-83!"
    r = scan_imap(dv.url(), tmp_path, cafile=dv.cafile, env={PW_ENV: wrong})
    assert r.returncode == 3
    assert "refused the login of alice" in r.stderr
    assert "Traceback" not in r.stderr
    attempts = [x for x in dv.log().splitlines() if "auth failed" in x]
    assert len(attempts) == 1 and "1 attempts" in attempts[0], attempts
    assert wrong not in r.stderr + r.stdout + outputs_text(tmp_path)


def test_temporary_auth_failure_retried_then_clean_failure(dovecot_factory, tmp_path):
    dv = dovecot_factory()
    os.chmod(dv.dir / "users", 0)  # the auth process cannot read its users: [UNAVAILABLE]
    t = time.monotonic()
    r = scan_imap(dv.url(), tmp_path, cafile=dv.cafile, env={PW_ENV: dv.password})
    assert r.returncode == 3, r.stderr
    assert "UNAVAILABLE" in r.stderr or "temporar" in r.stderr.lower()
    log = dv.log()
    assert log.count("Permission denied") >= 3  # first try and the retries reached the server
    assert time.monotonic() - t < 60


def test_temporary_auth_failure_recovers(dovecot_factory, tmp_path):
    dv = dovecot_factory()
    users = dv.dir / "users"
    os.chmod(users, 0)
    threading.Timer(1.0, os.chmod, (users, 0o644)).start()
    r = scan_imap(dv.url(), tmp_path, cafile=dv.cafile, env={PW_ENV: dv.password})
    assert r.returncode == 0, r.stderr
    assert "Permission denied" in dv.log()


# -- 7: OAuth2 ------------------------------------------------------------------------------------

KEY = b"k3y-for-tests-only-0123456789abc"


def _token_command(tmp: Path, first: str, refreshed: str) -> tuple[str, Path]:
    calls = tmp / "token-calls"
    (tmp / "first.tok").write_text(first)
    (tmp / "refreshed.tok").write_text(refreshed)
    script = tmp / "token.py"
    script.write_text(
        "import pathlib, sys\n"
        f"d = pathlib.Path({str(tmp)!r})\n"
        f"with open({str(calls)!r}, 'a') as fh: fh.write(' '.join(sys.argv[1:]) + '\\n')\n"
        "print((d / ('refreshed.tok' if '--refresh' in sys.argv else 'first.tok')).read_text())\n")
    return f"{sys.executable} {script}", calls


@pytest.fixture
def oauth_dovecot(dovecot_factory):
    return dovecot_factory(oauth2_key=KEY)


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_oauth2_valid_token(oauth_dovecot, tmp_path, mechanism):
    tok = jwt(KEY, "alice")
    (tmp_path / "t").mkdir()
    cmd, calls = _token_command(tmp_path / "t", tok, tok)
    r = scan_imap(oauth_dovecot.url(), tmp_path / "out", "--oauth2-token-command", cmd, "--oauth2-mechanism",
                  mechanism, cafile=oauth_dovecot.cafile)
    assert r.returncode == 0, r.stderr
    assert calls.read_text().splitlines() == [""]
    assert tok not in r.stderr + outputs_text(tmp_path / "out")


def test_oauth2_expired_token_refreshed_exactly_once(oauth_dovecot, tmp_path):
    expired, fresh = jwt(KEY, "alice", lifetime=-30), jwt(KEY, "alice")
    (tmp_path / "t").mkdir()
    cmd, calls = _token_command(tmp_path / "t", expired, fresh)
    r = scan_imap(oauth_dovecot.url(), tmp_path / "out", "--oauth2-token-command", cmd, "-v",
                  cafile=oauth_dovecot.cafile)
    assert r.returncode == 0, r.stderr
    assert calls.read_text().splitlines() == ["", "--refresh"]
    text = r.stderr + outputs_text(tmp_path / "out")
    assert expired not in text and fresh not in text
    assert expired.split(".")[2] not in text and fresh.split(".")[2] not in text


def test_oauth2_bad_signature_fails_cleanly(oauth_dovecot, tmp_path):
    bad = jwt(b"not-the-server-key-0000000000000", "alice")
    (tmp_path / "t").mkdir()
    cmd, calls = _token_command(tmp_path / "t", bad, bad)
    r = scan_imap(oauth_dovecot.url(), tmp_path / "out", "--oauth2-token-command", cmd,
                  cafile=oauth_dovecot.cafile)
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr
    assert len(calls.read_text().splitlines()) == 2  # the first token, one refresh, no storm
    assert bad not in r.stderr + outputs_text(tmp_path / "out")
    assert "auth failed" in oauth_dovecot.log() and "method=XOAUTH2" in oauth_dovecot.log()


def test_connection_failure_is_typed(tmp_path):
    src = ImapSource(parse_imap_url("imaps://alice@127.0.0.1:1"), password_provider=lambda: "x", timeout=2)
    with pytest.raises(ConnectionFailed):
        src.connect()

