"""No egress: Presidio's e-mail recognizer (tldextract) must not reach the Internet, and the
product's guard blocks any connection but the IMAP server's."""

import os
import subprocess
import sys

SCRIPT = r"""
import sys, socket
seen = []
def hook(ev, args):
    if ev in ("socket.getaddrinfo", "socket.connect"):
        seen.append((ev, str(args[0])[:60]))
        raise PermissionError("egress in test")
sys.addaudithook(hook)
import detectors.presidio_fr  # configures tldextract offline before presidio is imported
from presidio_analyzer.predefined_recognizers import EmailRecognizer
r = EmailRecognizer(supported_language="fr")
res = r.analyze("écrire à jean.dupont@univ-exemple.fr", ["EMAIL_ADDRESS"])
assert res, "e-mail not recognised"
assert not seen, seen
print("ok")
"""


# these scripts try on purpose, under their own hooks: the suite's guard is left out of them
EXPECTED = {k: v for k, v in os.environ.items() if k != "MI_TEST_EGRESS_LOG"}


def test_presidio_email_recognizer_offline():
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=EXPECTED)
    assert r.returncode == 0 and "ok" in r.stdout, r.stderr[-2000:]


GUARD = r"""
import socket
from inventory import egress
egress.install()
egress.allow("127.0.0.1", 1)
try:
    socket.create_connection(("192.0.2.1", 443), timeout=1)
except PermissionError as e:
    print("blocked", e)
try:
    socket.getaddrinfo("example.com", 443)
except PermissionError:
    print("lookup blocked")
"""


def test_product_guard_blocks_other_hosts():
    r = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, timeout=60, env=EXPECTED)
    assert "blocked" in r.stdout and "lookup blocked" in r.stdout, r.stdout + r.stderr


IN_WORKER = r"""
import socket
from inventory import egress
from inventory.analyze import Options
from inventory.model import RawMessage
from inventory.workers import Pool

class Phoning:
    name, version, categories = "phoning", "1", ()
    def run(self, unit):
        try:
            socket.create_connection(("192.0.2.7", 443), timeout=1)
        except PermissionError:
            pass
        return []

def make():
    return [Phoning()]

egress.install()
egress.allow("127.0.0.1", 1)
pool = Pool(1, make, Options(hmac_key=b"k" * 32))
msg = b"From: a@b.example\r\nSubject: x\r\nMessage-ID: <w@t>\r\n\r\nbody\r\n"
results = list(pool.submit(RawMessage("t", "INBOX", 1, 1, msg, (), None, 0))) + list(pool.drain())
pool.close()
print([e for r in results for e in r.errors if e["reason"] == "network attempt blocked"])
"""


def test_attempt_in_a_worker_is_blocked_and_reported():
    r = subprocess.run([sys.executable, "-c", IN_WORKER], capture_output=True, text=True, timeout=60, env=EXPECTED)
    assert "192.0.2.7" in r.stdout, r.stdout + r.stderr
