"""Redaction at the output boundary: a secret no detector recognised never reaches an output in clear,
and ordinary text stays readable."""

from __future__ import annotations

import logging
import random
import re
import sqlite3
import string
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from helpers import run_cli

from detectors.masking import mask_value
from inventory.redaction import RedactingFilter, password_like, redact

# -- the masked form ------------------------------------------------------------------------------


def test_masked_form_keeps_at_most_the_last_two_characters_and_shows_the_length():
    assert mask_value("Kq7!mz2Lp") == "•••••••(9)Lp"
    assert mask_value("2580") == "••••(4)"
    assert mask_value("FR76 1254 8029 9804 5198 7632 194") == "••••••••(27)94"
    long = mask_value("x" * 3000)
    assert long == "••••••••(3000)xx"


# -- the shape rules ------------------------------------------------------------------------------

MASKED = [
    ("Nouveau compte Kq7!mz2Lp à activer", "Kq7!mz2Lp"),
    ("wifi invités : Invites-LCMM-2025!", "Invites-LCMM-2025"),
    ("mdp c est conseil2024chu tout en minuscule", "conseil2024chu"),
    ("La phrase de passe est : lune verte sur le toit 1987", "lune verte sur le toit 1987"),
    ("Le code que je viens de recevoir par SMS : 583021 (valable 10 min)", "583021"),
    ("code 0714.", "0714"),
    ("digicode 4 8 2 1 pour la porte", "4 8 2 1"),
    ("exp 08/27, cryptogramme 734", "734"),
    ("4970 1023 5581 9048, exp 09/27, crypto 615", "615"),  # the card's code said as people say it
    ("Prends ma carte : exp 09/26, au dos 412", "412"),
    ("IBAN FR76 1254 8029 9804 5198 7632 195", "1254 8029 9804"),  # wrong checksum, still an IBAN
    ("NIR 2 52 08 29 *** *** 05", "2 52 08 29"),  # a partly masked identifier loses the rest
    ("sécu 1 84 06 2A 350 112 08", "84 06 2A 350"),
    ("carte 4974 0139 2288 5213", "4974 0139 2288"),
    ("postgresql://app:Ydq8Lw3pZ@db.exemple.fr:5432/rh", "Ydq8Lw3pZ"),
    ("AWS_ACCESS_KEY_ID=AKIAUHFQ6NOMEFM4EGNV", "AKIAUHFQ6NOMEFM4EGNV"),
    ("clé RPUEeVRvvXrg0AKGM4LlI70USOhA5HV7EBGKn+Vg fin", "RPUEeVRvvXrg0AKGM4LlI70USOhA5HV7EBGKn+Vg"),
    ("https://x.exemple.fr/reset?token=a8f7d9e8c7b6a5f4e3d2c1b0a9f8e7d6", "a8f7d9e8c7b6a5f4e3d2c1b0a9f8e7d6"),
    ("Rapport Kq7!mz2Lp.pdf", "Kq7!mz2Lp"),
    ("INE 2345678901C", "2345678901C"),
    ("Wifi salle du conseil : chaton-bleu", "chaton-bleu"),
    ("Mot de passe wifi salle B chaton-bleu", "chaton-bleu"),
    ("Wi-Fi = soleil du midi", "soleil du midi"),
    ("accès wifi : réseau LAB-Invites mot de passe lab2025invites", "lab2025invites"),
    ("Network key: bluebird77", "bluebird77"),
    ("user/pass: admin/admin123", "admin123"),
    ("pw=hunter2", "hunter2"),
    ("RIB 30004 00550 00012345678 12", "00012345678"),
    ("HOLT,Jason,1987-02-11,JR 41 27 70 C,07700 900412", "JR 41 27 70 C"),  # a UK NI number in a CSV row
    ("Identifiant : jdupont / azerty2024", "azerty2024"),
    ("carte 3782 822463 10005", "822463"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----", "b3BlbnNz"),
]


@pytest.mark.parametrize(("text", "secret"), MASKED)
def test_secret_shapes_are_masked(text, secret):
    out = redact(text)
    assert secret not in out, out
    assert "•" in out


READABLE = [
    "Réunion le 12/03/2024 à 14h30, puis le 2024-03-12 10:15 en salle B204.",
    "Bonjour Marc ! Merci pour l'équipe, le COVID-19 et Horizon-2020 : rendez-vous au 12 rue Victor-Hugo, 69003 Lyon.",
    "Le budget de 1 250 000 € (HT) couvre 37.4 31 13 9 1 et 312000 298000 : voir Rapport_V2_final.pdf.",
    "Le mot de passe est identique ; le code est dans le tiroir ; votre mot de passe expire dans 5 jours.",
    "iPhone, 10mL, NaHCO3, V2, F2024, 1er, 2ème, CR_Reunion_2024-03-12.docx, jean.dupont2@univ-exemple.fr",
    "https://www.univ-exemple.fr/docs/2024/guide_v2.pdf",
    "Python 3.11.2: missing CVE-2023-27043, dossier 2024-01873; le pass Navigo; mot de passe oublié ?",
    "cc: Jane Gay/HOU/ECT@ECT; the 'source-code' for the mid/back-office technology",
]


@pytest.mark.parametrize("text", READABLE)
def test_ordinary_words_dates_and_amounts_stay_readable(text):
    assert redact(text) == text


def test_values_under_a_password_column_of_a_table_are_masked():
    table = ("Nom\tPrénom\tIdentifiant\tMot de passe initial\n"
             "Dupont\tJean\tjdupont\tazerty12\n"
             "Martin\tLéa\tlmartin\tsoleil\n")
    out = redact(table)
    assert "azerty12" not in out and "soleil" not in out
    assert "Dupont\tJean\tjdupont" in out and "Martin\tLéa\tlmartin" in out
    spaced = "  Local                      Code\n  Sas pharmacie                 2086\n  Vestiaires bloc    4719B\n"
    out = redact(spaced)
    assert "2086" not in out and "4719B" not in out and "Sas pharmacie" in out
    form = "Username    : svc_app\nPassword    : ********\nUnits       : 14 x Vivason X5\n"
    assert redact(form) == form  # a form of "key : value" lines is no table


def test_redaction_is_idempotent_and_keeps_masked_forms():
    once = redact("mot de passe : Kq7!mz2Lp, IBAN FR76 1254 8029 9804 5198 7632 195")
    assert redact(once) == once


def test_password_like():
    for yes in ("Kq7!mz2Lp", "Chimie2021*", "Vpn!Presta", "Lentille$88", "h4Jx88pQa", "M4rch3s_Publics_25",
                "conseil2024chu", "Bmx-7741-maint"):
        assert password_like(yes), yes
    for no in ("COVID-19", "Horizon-2020", "Marc!", "L'équipe", "iPhone", "10mL", "Bonjour", "2024-03-12",
               "covid19", "Rapport-2024-final", "Annexe-001-Devis", "NaHCO3"):
        assert not password_like(no), no


def test_log_records_are_redacted():
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "reading %s", ("Kq7!mz2Lp.zip",), None)
    RedactingFilter().filter(record)
    assert "Kq7!mz2Lp" not in record.getMessage() and record.getMessage().endswith(".zip")


# -- 200 planted secrets, every output -----------------------------------------------------------

_SYMBOLS = "!#$%&*?@_+=^"


def _password(rng: random.Random) -> str:
    n = rng.randint(8, 14)
    chars = [rng.choice(string.ascii_uppercase), rng.choice(string.ascii_lowercase), rng.choice(string.digits),
             rng.choice(_SYMBOLS)]
    chars += [rng.choice(string.ascii_letters + string.digits + _SYMBOLS) for _ in range(n - 4)]
    rng.shuffle(chars)
    return "".join(chars)


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _bad_iban(rng: random.Random) -> str:
    bban = _rand(rng, string.digits, 23)
    check = (98 - int(bban + "152700") % 97 + 1) % 97  # off by one: the checksum fails
    s = f"FR{check:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def _valid_iban(rng: random.Random) -> str:
    bban = _rand(rng, string.digits, 23)
    check = 98 - int(bban + "152700") % 97
    s = f"FR{check:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def _bad_nir(rng: random.Random) -> str:
    body = f"{rng.choice('12')}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 95):02d}" \
           f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    key = (97 - int(body) % 97) % 97 + 1
    spaced = rng.random() < 0.5
    s = f"{body}{key % 100:02d}"
    return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}" if spaced else s


def _bad_card(rng: random.Random) -> str:
    digits = [int(c) for c in "4" + _rand(rng, string.digits, 15)]
    total = sum(d if i % 2 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    if total % 10 == 0:
        digits[-1] = (digits[-1] + 1) % 10  # Luhn fails
    s = "".join(map(str, digits))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4))


def _token(rng: random.Random) -> str:
    b64 = string.ascii_letters + string.digits
    return rng.choice([
        lambda: "AKIA" + _rand(rng, string.ascii_uppercase + string.digits, 16),
        lambda: "ghp_" + _rand(rng, b64, 36),
        lambda: "glpat-" + _rand(rng, b64, 20),
        lambda: "xoxb-" + _rand(rng, string.digits, 11) + "-" + _rand(rng, b64, 24),
        lambda: "sk_live_" + _rand(rng, b64, 24),
        lambda: "AIza" + _rand(rng, b64 + "_-", 35),
        lambda: _rand(rng, "0123456789abcdef", 40),
        lambda: _rand(rng, b64 + "+/", 40),
        lambda: "eyJ" + _rand(rng, b64, 30) + "." + _rand(rng, b64, 40) + "." + _rand(rng, b64, 30),
    ])()


def _pin(rng: random.Random) -> str:
    return _rand(rng, string.digits, rng.choice([4, 4, 5, 6])) + rng.choice(["", "", "A", "#", "B"])


_ACCESS = ["code porte", "digicode", "code alarme", "PIN", "code d'accès", "code"]


class _Planter:
    """Random secrets of realistic shapes, each planted where no detector looks."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.secrets: list[str] = []

    def any(self) -> str:
        s = self.rng.choice([_password, _password, _password, _token, _bad_iban, _bad_nir, _bad_card])(self.rng)
        self.secrets.append(s)
        return s

    def pin(self) -> tuple[str, str]:
        s = _pin(self.rng)
        self.secrets.append(s)
        return s, self.rng.choice(_ACCESS)

    def message(self, i: int) -> bytes:
        rng = self.rng
        if i % 3 == 0:
            pin, word = self.pin()
            subject = f"{word} {pin}"
        else:
            subject = f"Suivi dossier {self.any()}"
        before, alone, quoted = self.any(), self.any(), self.any()
        pin, word = self.pin()
        iban1, iban2 = _valid_iban(rng), _valid_iban(rng)
        body = (f"Bonjour,\n\nSuite à notre échange {before}\nIBAN : {iban1}\n{alone}\n\n"
                f"Pour la salle : {word} : {pin}\n\n"
                f"> Le 3 mars, Paul Durand a écrit :\n> IBAN : {iban2}\n> {quoted}\n> Merci\n\nCordialement,\nAlice")
        pw1, pw2 = self.any(), self.any()
        cpin, _ = self.pin()
        table = ("Nom;Prénom;Date de naissance;Identifiant;Mot de passe initial;Code\n"
                 f"DURAND;Alice;12/03/1998;adurand;{pw1};{cpin}\n"
                 f"LEROY;Hugo;17/11/2000;hleroy;{pw2};0000\n")
        name = self.any().replace(" ", "") + rng.choice([".pdf", ".zip", ".docx", ""])
        attr = self.any()
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = "Alice Martin <alice.martin@univ-exemple.fr>", \
            "Jeanne Dupont <jeanne.dupont@univ-exemple.fr>", subject
        m["Date"] = "Mon, 04 Mar 2024 09:00:00 +0100"
        m["Message-ID"] = f"<planted{i}@test.invalid>"
        m.set_content(body)
        m.add_alternative(f"<p>{body.replace(chr(10), '<br>')}</p>"
                          f"<a title=\"{attr}\" href=\"https://intranet.exemple.fr/?k={attr}\">lien</a>",
                          subtype="html")
        m.add_attachment(table.encode(), maintype="text", subtype="csv", filename=f"comptes-{i}.csv")
        m.add_attachment(b"%PDF-1.4 not really", maintype="application", subtype="octet-stream", filename=name)
        return bytes(m)


def _planted_mailbox(root: Path) -> list[str]:
    planter = _Planter(seed=20240304)
    i = 0
    while len(planter.secrets) < 200:
        p = root / "INBOX" / f"{i:03d}.eml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(planter.message(i))
        i += 1
    return planter.secrets


def _every_output(out: Path, stderr: str) -> dict[str, str]:
    texts = {}
    with zipfile.ZipFile(out / "inv.xlsx") as z:
        import html

        texts["workbook"] = html.unescape("\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()))
    for name in ("f.jsonl", "f.csv", "g.graphml", "g.gexf"):
        texts[name] = (out / name).read_text("utf-8", "replace")
    db = sqlite3.connect(out / "s.sqlite")
    texts["state"] = "\n".join(db.iterdump())
    db.close()
    texts["log"] = stderr
    return texts


def _in_clear(secret: str, text: str) -> bool:
    words = secret.split()
    rx = r"\s*".join(re.escape(w) for w in words) if len(words) > 1 else re.escape(secret)
    return re.search(r"(?<![\w])" + rx + r"(?![\w])", text) is not None


def _scan_planted(tmp_path: Path, tag: str, *extra: str) -> dict[str, str]:
    out = tmp_path / tag
    r = run_cli("scan", str(tmp_path / "mail"), "--yes", "--no-ocr", "--workers", "0", "-v",
                "--json", str(out / "f.jsonl"), "--csv", str(out / "f.csv"), "--out", str(out / "inv.xlsx"),
                "--graph", str(out / "g.graphml"), "--state", str(out / "s.sqlite"), *extra)
    assert r.returncode == 0, r.stderr
    return _every_output(out, r.stderr)


def test_two_hundred_planted_secrets_never_in_clear(tmp_path):
    secrets = _planted_mailbox(tmp_path / "mail")
    assert len(set(secrets)) >= 195
    texts = _scan_planted(tmp_path, "masked")
    leaks = {(where, s) for where, text in texts.items() for s in secrets if _in_clear(s, text)}
    assert not leaks, sorted(leaks)[:10]
    # the control: without redaction the same outputs show them, so the planting reaches the outputs
    revealed = _scan_planted(tmp_path, "revealed", "--reveal-secrets")
    shown = {s for s in secrets if any(_in_clear(s, text) for text in revealed.values())}
    assert len(shown) >= 120, len(shown)


def test_a_state_written_before_redaction_is_redacted_once_on_opening(tmp_path):
    from inventory.store import Store

    path = tmp_path / "s.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("DELETE FROM meta WHERE key='redaction'")
    db.execute("INSERT INTO messages (key, account, folder, uidvalidity, uid, subject, sender_name) "
               "VALUES ('k', 'a', 'INBOX', 1, 1, 'Wifi : Kq7!mz2Lp', 'Bob')")
    db.execute("INSERT INTO findings VALUES ('k', 'credentials', 'x', 'attachment:Kq7!mz2Lp.zip', "
               "'mot de passe : Tr******3', 0.9, 'high', 'r', '', '', 'Tr******3', 1)")
    db.commit()
    db.close()
    store = Store(path)
    dump = "\n".join(store.db.iterdump())
    store.close()
    assert "Kq7!mz2Lp" not in dump and "Tr***" not in dump
    assert "Wifi : •••••••(9)Lp" in dump and "attachment:•••••••(9)Lp.zip" in dump


def test_a_password_column_of_an_html_table_is_still_a_column():
    from inventory.htmltext import html_to_text

    text = html_to_text("<p>Comptes :</p><table><tr><th>Nom</th><th>Login</th><th>Mot de passe</th></tr>"
                        "<tr><td>Jean  Dupont</td><td>jdupont</td><td>chaton</td></tr>"
                        "<tr><td>Léa Martin</td><td>lmartin</td><td>soleil</td></tr></table>")
    assert text.splitlines()[2:] == ["Nom\tLogin\tMot de passe", "Jean Dupont\tjdupont\tchaton",
                                     "Léa Martin\tlmartin\tsoleil"]
    out = redact(text)
    assert "chaton" not in out and "soleil" not in out and "Jean Dupont\tjdupont" in out


def test_names_in_an_archive_path_are_redacted_one_by_one():
    from inventory.redaction import redact_location

    assert redact_location("attachment:archive.zip/Kq7!mz2Lp.txt") == "attachment:archive.zip/•••••••(9)Lp.txt"
    assert redact_location("attachment:CR réunion 2024-03-12.pdf") == "attachment:CR réunion 2024-03-12.pdf"


def test_evaluate_greps_every_output_and_reports_what_redaction_masked(tmp_path):
    import json

    from conftest import make_message

    body = ("Bonjour,\nM. Karim BENALI, IBAN : FR76 3000 6000 0112 3456 7890 189\nQv7#tRk2mLp9\n"
            "Réunion le 12/03/2024 à 14h30.\nAlice")
    (tmp_path / "mail" / "INBOX").mkdir(parents=True)
    (tmp_path / "mail" / "INBOX" / "001.eml").write_bytes(
        make_message("Accès salle Kq7!mz2Lp", body, msgid="<e1@test.invalid>"))
    (tmp_path / "labels.jsonl").write_text(json.dumps({
        "message_id": "<e1@test.invalid>", "folder": "INBOX", "file": "INBOX/001.eml", "categories": ["personal_data"],
        "secrets": ["Kq7!mz2Lp", "Qv7#tRk2mLp9", "FR76 3000 6000 0112 3456 7890 189"]}) + "\n")
    r = run_cli("evaluate", str(tmp_path), "--no-ocr")
    assert r.returncode == 0, r.stderr
    assert ("found in clear in the outputs: workbook 0, JSON 0, CSV 0, GraphML 0, GEXF 0, state 0, log 0"
            in r.stdout), r.stdout
    line = next(x for x in r.stdout.splitlines() if x.startswith("excerpt text masked by shape"))
    assert re.search(r"beyond the detectors' values: [1-9]\d* characters in [1-9]\d* spans, of which 0 characters "
                     r"\(0 spans\) are not planted secrets", line), line


def test_the_code_of_what_it_opens_is_masked_in_any_excerpt():
    from inventory.redaction import redact

    assert "0412" not in redact("la clé est dans la boîte aux lettres, cadenas 0412. Bisous")
    assert "2580" not in redact("et l'alarme c'est toujours 2580 hein")
    assert redact("Le portail 2025 sera repeint ; portail : 1500 € de travaux.") == \
        "Le portail 2025 sera repeint ; portail : 1500 € de travaux."
