"""Everything a reader of the mailbox sees is read: the subject, quoted and forwarded parts in every
mail client's style, HTML-only bodies with their tables, bodies in an undeclared 8-bit charset,
spreadsheet cells under their column header, archives within archives and attached messages.

Each case hides one credential in one of those places and checks that the whole pipeline (parse,
extract, detect, mask) reports it, masked. All values are fictitious.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import pytest

from inventory.analyze import Options, analyze
from inventory.extract import Limits
from inventory.model import RawMessage
from inventory.pipeline_setup import detector_factory

DETECTORS = detector_factory()()


def _msg(subject: str, body: str = "Bonjour,\nvoir ci-dessous.\nPaul", html: str | None = None,
         attachments=()) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "Paul Girard <paul.girard@univ-exemple.fr>", "lea@univ-exemple.fr", subject
    m["Date"] = "Tue, 05 Mar 2024 10:00:00 +0100"
    m["Message-ID"] = f"<{abs(hash((subject, body, html))) % 10**12}@test.invalid>"
    if html is not None:
        m.set_content(html, subtype="html")
    else:
        m.set_content(body)
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        if ctype == "message/rfc822":
            from email import message_from_bytes

            m.add_attachment(message_from_bytes(data), filename=name)
        else:
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(m)


def _credentials(raw: bytes) -> list:
    opts = Options(hmac_key=b"k" * 32, limits=Limits(ocr=False))
    result = analyze(RawMessage("acct", "INBOX", 1, 1, raw), DETECTORS, opts)
    return [f for f in result.findings if f.category == "credentials"]


def _xlsx(rows) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ods(rows) -> bytes:
    cells = "".join(
        "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in r)
        + "</table:table-row>" for r in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="Comptes">{cells}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _undeclared_8bit(body: str, declared: str | None) -> bytes:
    ctype = "text/plain" + (f"; charset={declared}" if declared else "")
    head = ("From: paul.girard@univ-exemple.fr\nTo: lea@univ-exemple.fr\nSubject: salle\n"
            "Message-ID: <8bit-" + (declared or "none") + "@test.invalid>\nMIME-Version: 1.0\n"
            f"Content-Type: {ctype}\nContent-Transfer-Encoding: 8bit\n\n")
    return head.encode("ascii") + body.encode("cp1252")


CASES = [
    ("subject line only",
     _msg("Re: compte sauvegarde NAS -> Sauv#Nas2024x", "cf objet, à ne pas retransmettre.\nPaul"),
     "Sauv#Nas2024x", "subject"),
    ("quoted part of a reply",
     _msg("Re: portail", "Merci, ça marche !\n\nLe 4 mars 2024 à 18:02, Léa a écrit :\n> Salut,\n"
          "> mot de passe : Qz8!marmotte\n> Léa\n"),
     "Qz8!marmotte", "body"),
    ("Outlook French header block",
     _msg("TR: accès", "Pour info.\n\nDe : Service informatique\nEnvoyé : lundi 4 mars 2024 09:12\n"
          "À : Paul Girard\nObjet : accès\n\nLe mot de passe du portail est Pq7$lanterne jusqu'à vendredi.\n"),
     "Pq7$lanterne", "body"),
    ("Outlook English original message",
     _msg("RE: lab server", "Thanks.\n\n-----Original Message-----\nFrom: Tom Reed\nSent: Monday, March 4, 2024\n"
          "To: Paul Girard\nSubject: lab server\n\nroot password: Kb2%heron77\n"),
     "Kb2%heron77", "body"),
    ("inline-forwarded message",
     _msg("Fwd: location", "Voir plus bas.\n\n---------- Forwarded message ---------\nDe : Agence Mer\n"
          "Date : 2 mars 2024\n\nLe code de la boîte à clés est le 2907, valable tout le séjour.\n"),
     "2907", "body"),
    ("HTML-only body with a table",
     _msg("comptes", html="<html><body><p>Les comptes :</p>\n<table border='1'>\n  <tr><th>Application</th>"
          "<th>Identifiant</th><th>Mot de passe</th></tr>\n  <tr><td>Intranet</td><td>jdurand</td>"
          "<td>Hv5#pouliche</td></tr>\n</table>\n</body></html>"),
     "Hv5#pouliche", "body"),
    ("8-bit body without a charset",
     _undeclared_8bit("La clé Wi-Fi de la salle : Gr4nd!Salon\n", None), "Gr4nd!Salon", "body"),
    ("8-bit body declared us-ascii",
     _undeclared_8bit("Mot de passe réseau : Fj6!corbeau\n", "us-ascii"), "Fj6!corbeau", "body"),
    ("XLSX column header",
     _msg("tableau", attachments=[("acces.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   _xlsx([("Site", "Identifiant", "Mot de passe"), ("Intranet", "mdupuis", "Lx4?ruisseau"),
                                          ("Messagerie", "mdupuis", "Tz2&colline")]))]),
     "Lx4?ruisseau", "attachment:acces.xlsx"),
    ("ODS column header",
     _msg("tableau", attachments=[("acces.ods", "application/vnd.oasis.opendocument.spreadsheet",
                                   _ods([("Poste", "MDP"), ("Accueil", "Wr8#sapin"), ("Labo", "Np3!chene")]))]),
     "Wr8#sapin", "attachment:acces.ods"),
    ("CSV column header",
     _msg("export", attachments=[("comptes.csv", "text/csv",
                                  b"site;login;password\nwiki;adm_wiki;Jc7%ardoise\nforge;adm_forge;Ym5!galet\n")]),
     "Jc7%ardoise", "attachment:comptes.csv"),
    ("nested zip",
     _msg("archive", attachments=[("lot.zip", "application/zip",
                                   _zip({"inner.zip": _zip({"notes/acces.txt": b"mot de passe : Rv9#tilleul\n"})}))]),
     "Rv9#tilleul", "attachment:lot.zip/inner.zip/notes/acces.txt"),
    ("attached message",
     _msg("TR: codes", attachments=[("codes.eml", "message/rfc822",
                                     _msg("codes", "Le digicode du bâtiment B est 7314#.\nMarc"))]),
     "7314#", "attachment:codes.eml"),
    ("subject of an attached message",
     _msg("TR: accès", attachments=[("acces.eml", "message/rfc822",
                                     _msg("accès sftp -> Hq3!pelican88", "cf objet"))]),
     "Hq3!pelican88", "attachment:acces.eml"),
]


@pytest.mark.parametrize("what,raw,value,location", CASES, ids=[c[0] for c in CASES])
def test_credential_is_found_wherever_a_reader_sees_it(what, raw, value, location):
    found = _credentials(raw)
    assert any(f.location == location for f in found), (what, [(f.location, f.reason) for f in found])
    for f in found:
        assert value not in f.excerpt and value not in f.masked_value


def test_html_table_rows_keep_cells_apart():
    from inventory.htmltext import html_to_text

    text = html_to_text("<table>\n<tr><th>Nom</th><th>Mot de passe</th></tr>\n<tr><td>Eva</td><td>Xy7!a b</td></tr>"
                        "\n<tr><td><p>Léa</p><br></td><td>Q1!<b>z</b></td></tr>\n</table><p>fin <b>gras</b></p>")
    assert text.splitlines() == ["Nom\tMot de passe", "Eva\tXy7!a b", "Léa\tQ1!z", "", "fin gras"]
