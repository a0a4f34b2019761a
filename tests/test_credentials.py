"""Table-driven tests of the credential detectors. All values are fictitious."""

import pytest

from detectors.credentials_prose import CredentialsProse
from detectors.secret_tokens import SecretTokens
from detectors.unit import MessageContext, TextUnit

PROSE, TOKENS = CredentialsProse(), SecretTokens()


def found(text, bulk=False):
    unit = TextUnit(text=text, context=MessageContext(is_bulk=bulk))
    return [unit.text[m.value_start:m.value_end] for d in (PROSE, TOKENS) for m in d.run(unit) if m.score >= 0.5]


@pytest.mark.parametrize("text,value", [
    ("mot de passe : Tr0ub4dor&3", "Tr0ub4dor&3"),
    ("mdp provisoire : Vx7!kq29Lm", "Vx7!kq29Lm"),
    ("ton mot de passe provisoire est Hx8#pLm2", "Hx8#pLm2"),
    ("login jdupont / pass Azerty123!", "Azerty123!"),
    ("identifiants : jdupont / Soleil2024", "Soleil2024"),
    ("the password is Kx9$mmQ2", "Kx9$mmQ2"),
    ("pwd=S3cr3tPw", "S3cr3tPw"),
    ("Mot de passe\nZ8k!pQ4wR\n", "Z8k!pQ4wR"),
    ("le code du digicode est 4512", "4512"),
    ("Le mot de passe du zip est : K7#vPq!m2Wd", "K7#vPq!m2Wd"),
    ("wifi : réseau Labo-Invites, clé Invites-LAB-2025!", "Invites-LAB-2025!"),
    ("Le code reçu par SMS pour la validation : 583021", "583021"),
    ("postgres://app:s3cretPw@db.example.invalid/app", "s3cretPw"),
    ("GITLAB_TOKEN=glpat-Zq81LmNp0wXr5TuvY7bC", "glpat-Zq81LmNp0wXr5TuvY7bC"),
    ("key AKIAQ3EXAMPLE7TUVW42 here", "AKIAQ3EXAMPLE7TUVW42"),
    ("Secret: sk_live_51CJIAgQ99BKjYykHF850CpyQUaHV4nZ", "sk_live_51CJIAgQ99BKjYykHF850CpyQUaHV4nZ"),
    ("mdp Lcmm!2025st", "Lcmm!2025st"),
    ("Your password has been reset to orion042.", "orion042"),
    ("Ton mot de passe a été réinitialisé à velours77", "velours77"),
    ("3. Enter password granit55 in the portal box", "granit55"),
    ("Saisissez le mot de passe marbre88 puis validez", "marbre88"),
    ('enter "tulipe" as your registration password', "tulipe"),
    ("Utilisez « cerisier » comme mot de passe du partage", "cerisier"),
    ("Dial-in: 0800 000 000\nPasscode: 482913", "482913"),
    ("replay available, passcode is\n7715302.", "7715302"),
    ("Code participant : 55128#", "55128#"),
    ("Your password (passwords are case-sensitive):\nlupin7\n", "lupin7"),
    ("Access code: 90412", "90412"),
    ("Identifiants ENT pour le stagiaire : jmartin2 / Bienvenue2024!", "Bienvenue2024!"),
])
def test_positive(text, value):
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "Mot de passe oublié ?",
    "Votre mot de passe expire le 09/06/2023.",
    "Le mot de passe doit contenir au moins 12 caractères.",
    "Mot de passe : ********",
    "Mot de passe : [votre mot de passe]",
    "Password: <password>",
    "Please change your password after the update.",
    "Utilisez un gestionnaire de mots de passe (KeePassXC est disponible).",
    "Publishable: pk_live_51Hq0Lm2Zc9vTgS8xWb3Jd6Kf",
    "Old key: sk_live_...4f2a",
    "code postal 69100",
    "un code à 6 chiffres par SMS",
    "une phrase de passe, par exemple « cheval correct agrafe batterie »",
    "Obtain password and view reports at http://reports.example.invalid/hot.asp",
    "There is no passcode. A replay is at (555) 010-0199.",
    "Pas de code d'accès : entrée libre à 14h30.",
    "Reach me on my pager 800-555-0100 PIN 1234567",
    "Votre mot de passe a été réinitialisé. Choisissez-en un nouveau.",
])
def test_negative(text):
    assert found(text) == []


def test_bulk_mail_lowers_prose_score():
    unit = TextUnit(text="mot de passe : Tr0ub4dor&3", context=MessageContext(is_bulk=True))
    assert all(m.score < 0.9 for m in PROSE.run(unit))


def test_gate_passes_positive_examples():
    for text in ("mot de passe : X1y2z3!!", "mdp X1y2z3!!", "digicode 4512", "pwd=abc123XY"):
        assert PROSE.gate(TextUnit(text=text))
