"""Write the bundled example mailbox (examples/mailbox/, a folder tree of .eml files).

Every person, organisation, number and secret here is invented for the demonstration.
Run: python examples/make_mailbox.py
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

OUT = Path(__file__).parent / "mailbox"
OWNER = "Jeanne Dupont <jeanne.dupont@univ-exemple.fr>"
T0 = datetime(2024, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))

MESSAGES = [
    ("INBOX", "Paul Martin <paul.martin@univ-exemple.fr>", OWNER, "Accès au serveur de calcul",
     "Bonjour Jeanne,\n\nTon compte est créé.\nlogin : jdupont\nmot de passe provisoire : Vx7!kq29Lm\n\nPaul", []),
    ("INBOX", "DSI <dsi@univ-exemple.fr>", OWNER, "Votre mot de passe expire bientôt",
     "Bonjour,\n\nVotre mot de passe expire dans 5 jours. Si vous avez oublié votre mot de passe, utilisez "
     "« Mot de passe oublié ? ».\nIl doit contenir au moins 12 caractères.\n\nLa DSI", []),
    ("INBOX", "Léa Roux <lea.roux@univ-exemple.fr>", OWNER, "Jeton GitLab",
     "Salut,\n\nVoici le jeton pour le dépôt :\n\nGITLAB_TOKEN=glpat-Zq81LmNp0wXr5TuvY7bC\n\nLéa", []),
    ("INBOX", "Service RH <rh@univ-exemple.fr>", OWNER, "Dossier de recrutement",
     "Bonjour,\n\nM. Karim BENALI, né le 14/02/1996 à Lyon, domicilié au 8 rue des Tilleuls 69003 Lyon.\n"
     "NIR : 1 96 02 69 123 456 38\nIBAN : FR76 3000 6000 0112 3456 7890 189\n\nCordialement,\nService RH", []),
    ("INBOX", "Sophie Bernard <sophie.bernard@univ-exemple.fr>", OWNER, "Absence de Julie",
     "Jeanne,\n\nMme Julie MOREAU est en arrêt maladie jusqu'au 12 avril suite à son opération. "
     "Elle est suivie pour une dépression depuis l'hiver.\n\nSophie", []),
    ("INBOX", "Achats <achats@univ-exemple.fr>", OWNER, "Appel d'offres spectromètre : analyse des offres",
     "Bonjour,\n\nAnalyse des offres pour l'appel d'offres (lot 2) : le concurrent propose 182 000 € HT, "
     "notre estimation interne est de 170 000 € HT. Le CCTP est joint.\n\nLe service achats", []),
    ("INBOX", "Direction <direction@univ-exemple.fr>", OWNER, "DIFFUSION RESTREINTE - réorganisation",
     "Bonjour,\n\nLa restructuration des services informatiques, non annoncée, prévoit la fusion de deux équipes "
     "au 1er septembre. Ne pas diffuser.\n\nLa direction", []),
    ("INBOX", "SATT <contact@satt-exemple.fr>", OWNER, "Déclaration d'invention",
     "Bonjour,\n\nNous avons bien reçu votre déclaration d'invention. Les résultats non publiés seront protégés "
     "avant tout dépôt du projet de brevet : merci de ne rien publier.\n\nLa SATT", []),
    ("INBOX", "Marc Petit <marc.petit@univ-exemple.fr>", OWNER, "Entretien annuel de Thomas",
     "Jeanne,\n\nPour l'entretien annuel de Thomas GIRAUD : il manque de rigueur, ses retards répétés posent "
     "problème et je ne recommande pas le renouvellement de son contrat.\n\nMarc", []),
    ("INBOX", "Mathieu <mathieu.d@gmail.com>", OWNER, "ce week-end",
     "Coucou,\n\nLes enfants sont chez ma mère samedi. Le notaire a appelé pour le compromis de vente de "
     "l'appartement, le prêt immobilier est accepté !\n\nBisous", []),
    ("INBOX", "Lettre SSI <ssi@univ-exemple.fr>", OWNER, "Lettre SSI : hameçonnage",
     "Bonjour,\n\nLa DSI ne vous demandera jamais votre mot de passe. Exemple de faux formulaire :\n"
     "Identifiant : [votre login]\nMot de passe : ********\n\nLe RSSI", []),
    ("INBOX", "École <college@exemple.fr>", OWNER, "Résultats du brevet des collèges",
     "Bonjour,\n\nLes résultats du brevet des collèges sont en ligne.\n\nLe secrétariat", []),
    ("INBOX", "Research Office <office@uni-example.nl>", OWNER, "Call for projects 2025",
     "Dear colleagues,\n\nThe public call for projects is open; the info day is on 3 May.\n\nBest regards", []),
    ("INBOX", "Emma Wilson <emma.wilson@uni-example.nl>", OWNER, "Bucket credentials",
     "Hi Jeanne,\n\nAWS_ACCESS_KEY_ID=AKIAQ3EXAMPLE7TUVW42\n"
     "AWS_SECRET_ACCESS_KEY=Zb9/k3LmQ2wX8pR4tY6uV1nC5sD7fG0hJ2kL4mN6\n\nCheers,\nEmma", []),
    ("INBOX", "Communication <com@univ-exemple.fr>", OWNER, "Communiqué de presse",
     "Bonjour,\n\nVeuillez trouver le communiqué de presse publié ce matin.\n\n--\nCe message et ses pièces "
     "jointes sont confidentiels et destinés exclusivement à leurs destinataires.", []),
    ("Sent", OWNER, "Lucas Bernard <lucas.bernard@univ-exemple.fr>", "Infos pour lundi",
     "Salut Lucas,\n\nLe digicode de la porte est 4812A et le wifi invités : réseau LAB-Invites, "
     "clé Invites-LAB-2025!\n\nJeanne", []),
    ("Sent", OWNER, "Service RH <rh@univ-exemple.fr>", "Liste des stagiaires", "Bonjour,\n\nCi-joint la liste.\n\nJeanne",
     [("stagiaires.csv", "text/csv",
       "Nom;Prénom;Date de naissance;Téléphone;INE\nDURAND;Alice;03/05/2002;06 12 34 56 78;1234567890A\n"
       "LEROY;Hugo;17/11/2001;06 98 76 54 32;2345678901B\nFAURE;Inès;22/01/2003;07 11 22 33 44;3456789012C\n")]),
    ("Sent", OWNER, "Achats <achats@univ-exemple.fr>", "Offre chiffrée",
     "Bonjour,\n\nVoici notre réponse à l'appel d'offres ; l'archive est chiffrée, le mot de passe suit.\n\nJeanne",
     [("offre.zip", "application/zip", None)]),
    ("Sent", OWNER, "Achats <achats@univ-exemple.fr>", "Mot de passe de l'archive",
     "Le mot de passe du zip est : K7#vPq!m2Wd\n\nJeanne", []),
    ("Archives", "Banque <noreply@banque-exemple.fr>", OWNER, "Votre RIB",
     "Bonjour,\n\nVotre relevé d'identité bancaire est joint.\n", [("RIB.pdf", "application/pdf", None)]),
    ("Archives", "Paul Martin <paul.martin@univ-exemple.fr>", OWNER, "Réunion d'équipe",
     "Bonjour à tous,\n\nRéunion d'équipe jeudi à 10 h en salle 208. Bonnes vacances à ceux qui partent !\n\nPaul",
     []),
]


def _encrypted_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("memoire_technique.txt", date_time=(2024, 3, 1, 9, 0, 0)),
                    "Mémoire technique et prix")
    data = bytearray(buf.getvalue())
    # mark the member as encrypted (general purpose flag bit 0), as a ZipCrypto archive would be
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        data[i + off] |= 1
    return bytes(data)


def _pdf(text_lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer, written by hand (no extra dependency)."""
    content = "BT /F1 12 Tf 50 780 Td 14 TL " + " ".join(f"({t}) '" for t in text_lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def main() -> None:
    counters: dict[str, int] = {}
    for i, (folder, sender, to, subject, body, atts) in enumerate(MESSAGES):
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = sender, to, subject
        m["Date"] = format_datetime(T0 + timedelta(days=3 * i, hours=i))
        # fixed identifiers and boundaries: the bundled mailbox is the same at every run
        m["Message-ID"] = f"<example-{i:03d}@exemple.invalid>"
        m.set_content(body)
        for name, ctype, data in atts:
            if name == "offre.zip":
                payload = _encrypted_zip()
            elif name == "RIB.pdf":
                payload = _pdf(["RELEVE D'IDENTITE BANCAIRE - SPECIMEN", "Titulaire : Jeanne DUPONT",
                                "IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : EXMPFRPPXXX"])
            else:
                payload = data.encode("utf-8")
            maintype, subtype = ctype.split("/")
            m.add_attachment(payload, maintype=maintype, subtype=subtype, filename=name)
        counters[folder] = counters.get(folder, 0) + 1
        path = OUT / folder / f"{counters[folder]:03d}.eml"
        path.parent.mkdir(parents=True, exist_ok=True)
        if m.is_multipart():
            m.set_boundary(f"=_example_{i:03d}_boundary")
        path.write_bytes(bytes(m))


if __name__ == "__main__":
    main()
