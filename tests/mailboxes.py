"""Generated test mailboxes (fictitious people and values) for the IMAP trust tests."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from conftest import make_message

#: five folders, two of them with non-ASCII names and one with "&" (modified UTF-7 on the wire)
FOLDERS = (("INBOX", 400), ("Sent", 200), ("Données/Réunions 2024", 200), ("日本語", 100), ("Archive&Co", 100))
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def secret_of(i: int) -> str:
    return f"Qv{i:04d}-tR8#wLp"


def body_of(i: int) -> str:
    lines = [f"Bonjour,\n\nCompte rendu de la réunion n°{i} du comité de suivi.", "Ordre du jour : budget, locaux."]
    if i % 10 == 0:
        lines.append(f"Pour le serveur de test : identifiant jdupont{i}, mot de passe : {secret_of(i)}")
    if i % 7 == 0:
        lines.append(f"Merci de virer l'acompte sur l'IBAN {IBAN}.")
    if i % 13 == 0:
        lines.append(f"M. Paul Durand{i % 3}, né le 12/03/1980, demeurant 4 rue des Lilas, 69003 Lyon.")
    lines.append("Cordialement,\nAlice")
    return "\n".join(lines)


def thousand() -> list[tuple[str, bytes]]:
    """1,000 messages in five folders; every tenth holds a password, every seventh an IBAN."""
    out, i = [], 0
    for folder, n in FOLDERS:
        for _ in range(n):
            out.append((folder, make_message(f"Réunion {i}", body_of(i), msgid=f"<m{i}@big.test>")))
            i += 1
    return out


def planted_secrets() -> list[str]:
    return [secret_of(i) for i in range(0, 1000, 10)] + [IBAN, IBAN.replace(" ", "")]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(key: bytes, sub: str, lifetime: int = 600) -> str:
    """An HS256 token as Dovecot's oauth2 passdb checks it locally (kid "default")."""
    now = int(time.time())
    head = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "default"}).encode())
    claims = _b64(json.dumps({"sub": sub, "iat": now - 60, "nbf": now - 60, "exp": now + lifetime}).encode())
    sig = hmac.new(key, f"{head}.{claims}".encode(), hashlib.sha256).digest()
    return f"{head}.{claims}.{_b64(sig)}"
