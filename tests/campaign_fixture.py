"""Generated mail for the campaign tests: 20 accounts, a few planted findings, persons shared
between mailboxes so the DPO's distinct-subject count can be computed by hand. All fictitious."""

from __future__ import annotations

from conftest import make_message

N_ACCOUNTS = 20
MESSAGES = 24
BIG = 7  # this account holds BIG_MESSAGES: the one a worker is killed in the middle of
BIG_MESSAGES = 600
WRONG_PASSWORD = 19  # the campaign gives this account a wrong password
NO_CONSENT = 18  # no consent record in the campaign file

#: (name as written, birth date): each gives one name hash and one birth-date hash where it is found
PERSONS = [("M. Paul Durand", "12/03/1980"), ("Mme Sophie Renard", "05/07/1975"), ("M. Karim Benali", "14/02/1996"),
           ("Mme Julie Moreau", "23/11/1988")]
ONLY_UNSCANNED = {WRONG_PASSWORD: ("M. Hugo Lefort", "01/01/1970"), NO_CONSENT: ("Mme Nina Garnier", "02/02/1972")}
SICK = "Mme Claire Fabre"  # named with health data only (no identifier): one name hash
SICK_IN = (1, 2)
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def user(i: int) -> str:
    return f"u{i:02d}"


def password(i: int) -> str:
    return f"pw-{i:02d}-Kq7"


def persons_in(i: int) -> list[tuple[str, str]]:
    out = [p for k, p in enumerate(PERSONS) if i % (k + 2) == 0]
    if i in ONLY_UNSCANNED:
        out.append(ONLY_UNSCANNED[i])
    return out


def has_password(i: int) -> bool:
    return i % 3 == 0


def has_iban(i: int) -> bool:
    return i % 5 == 0


def mailbox(i: int) -> list[tuple[str, bytes]]:
    n = BIG_MESSAGES if i == BIG else MESSAGES
    me = f"Owner {i:02d} <{user(i)}@univ-exemple.fr>"
    colleague = "Alice Martin <alice.martin@univ-exemple.fr>"
    out = []
    planted = []
    if has_password(i):
        planted.append(f"Pour le serveur de test : identifiant {user(i)}, mot de passe : Zt{i:02d}-rQ8#wLp")
    for name, born in persons_in(i):
        planted.append(f"Voici le dossier de {name}, né le {born} à Lyon.")
    if has_iban(i):
        planted.append(f"Merci de virer l'acompte sur l'IBAN {IBAN}.")
    if i in SICK_IN:
        planted.append(f"{SICK} est en arrêt maladie jusqu'au 12 mars.")
    for j in range(n):
        body = f"Bonjour,\n\nCompte rendu de la réunion n°{j} du comité de suivi.\nOrdre du jour : locaux."
        if j < len(planted):
            body += "\n" + planted[j]
        body += "\nCordialement,\nAlice"
        folder = "INBOX" if j % 3 else "Archives"
        out.append((folder, make_message(f"Réunion {j}", body, sender=colleague, to=me,
                                         msgid=f"<m{j}.{user(i)}@campaign.test>")))
    return out


def expected_subjects() -> int:
    """The hand computation: one hash per distinct name and per distinct identifier found in the
    mailboxes actually scanned (the refused and the failing one are not)."""
    scanned = [i for i in range(N_ACCOUNTS) if i not in (WRONG_PASSWORD, NO_CONSENT)]
    names, values = set(), set()
    for i in scanned:
        for name, born in persons_in(i):
            names.add(name.split(" ", 1)[1])
            values.add(born)
        if has_iban(i):
            values.add(IBAN)
        if i in SICK_IN:
            names.add(SICK)
    return len(names) + len(values)
