"""Message genre from headers and body shape, and its effect: broadcast content does not make
comments on people, health data or private life, while a credential sent to a list still counts."""

from email.message import EmailMessage

import pytest

from detectors.registry import build_detectors
from inventory.analyze import Options, analyze
from inventory.genre import message_genre, press_markers
from inventory.model import RawMessage
from inventory.parse import parse_message


def _mail(body: str, subject: str = "Hello", to: str = "paul.martin@univ-exemple.fr", **headers) -> bytes:
    m = EmailMessage()
    m["From"] = headers.pop("From", "Claire Roux <claire.roux@univ-exemple.fr>")
    m["To"] = to
    m["Subject"] = subject
    m["Message-ID"] = "<genre-test@univ-exemple.fr>"
    for k, v in headers.items():
        m[k.replace("_", "-")] = v
    m.set_content(body)
    return bytes(m)


ARTICLE = ("HOUSTON (Reuters) -- Shares of the utility fell 12 percent on Tuesday after the company said its "
           "chief executive had been diagnosed with cancer and would take medical leave, a spokesman said.\n"
           "Copyright 2001 Reuters Limited. All rights reserved.\n")


@pytest.mark.parametrize("raw,genre", [
    (_mail("Salut Paul, on déjeune jeudi ?"), "personal"),
    (_mail("Le GC de OCaml ...", to="caml-list@inria.fr"), "list"),
    (_mail("Thread reply", List_Id="<dev.lists.example.org>", List_Post="<mailto:dev@lists.example.org>"), "list"),
    (_mail("Nos offres du mois !\nSe désabonner : cliquez ici", Precedence="bulk"), "bulk"),
    (_mail("Promo\nTo unsubscribe click here"), "bulk"),
    (_mail("Your build failed", From="GitLab <no-reply@gitlab.example.org>"), "notification"),
    (_mail("Out of office", Auto_Submitted="auto-replied"), "notification"),
    (_mail("FYI, see below.\n\n" + ARTICLE), "press"),
    # an article forwarded from a newsroom, with a reporter's attributions
    (_mail("Pour info.\n-------- Message transféré --------\nDe : La Lettre <redaction@lettre-exemple.fr>\n\n"
           "Le groupe a annoncé hier soir que son PDG se mettait en retrait. Dans un communiqué, le conseil précise "
           "l'intérim."), "press"),
    (_mail("Cheap meds", X_Spam_Flag="YES"), "spam"),
    # phishing: a document behind a sign-in with the mail password
    (_mail("CONFIDENTIAL - Agreement.pdf\nREVIEW DOCUMENT\nYou will be asked to sign in with your email password "
           "to access the document.\nVerify your account within 24 hours."), "spam"),
    (_mail("Nouvel organigramme de la DSI", From="Communication <dircom@univ-exemple.fr>"), "bulk"),
    (_mail("Fermeture du site le 14", to="tous-personnels@univ-exemple.fr"), "bulk"),
    # what list software and press reviews write in the subject line
    (_mail("About the GC", subject="Re: [Caml-list] GC question"), "list"),
    (_mail("Le recteur hospitalisé après un malaise.", subject="Revue de presse du 3 mai"), "press"),
    (_mail("« Le maire poursuivra son mandat malgré son traitement. »", subject="article Ouest-Exemple de ce matin"),
     "press"),
    # sent blind to a distribution list: nobody in To or Cc
    (_mail("Enron in Action: Walk to Cure Diabetes, Heart Walk...", to="undisclosed-recipients:;"), "bulk"),
    # a short note forwarding a message sent to a whole population
    (_mail("FYI.\n---------------------- Forwarded by Omar Sy on 04/23/2001 ----------\nFrom: EES Distribution\n"
           "To: All EES\nSubject: Organizational Announcement\n\nThe risk group becomes part of Wholesale."), "bulk"),
    (_mail("Voir ci-dessous.\n-----Message d'origine-----\nDe : Paul Martin\nEnvoyé : lundi\nÀ : Claire Roux\n"
           "Objet : budget\n\nOn coupe 2 postes, pas encore annoncé."), "personal"),
])
def test_message_genre(raw, genre):
    assert parse_message(raw).genre == genre


def test_market_report_is_press():
    report = ("We are downgrading XYZ to Market Perform from Strong Buy and lowering our price target to $17. "
              "EPS estimates fall below consensus estimates.")
    assert press_markers(report) >= 2
    assert message_genre(lambda _h: None, report, "analyst@bank.example", ["a@b.example"]) == "press"


DETS = build_detectors()


def _categories(raw: bytes) -> set[str]:
    res = analyze(RawMessage("a", "INBOX", 1, 1, raw), DETS, Options(hmac_key=b"k" * 32))
    return {f.category for f in res.findings}


def test_pasted_article_is_not_sensitive_data_nor_a_comment_on_a_person():
    raw = _mail("Tu as vu ça ?\n\n" + ARTICLE + "\nHe is unreliable and lazy, analysts said.")
    assert not {"sensitive_data", "people_comment"} & _categories(raw)


def test_same_words_in_correspondence_are_reported():
    raw = _mail("Paul,\n\nMme Sarah Lefèvre est en arrêt maladie jusqu'au 12 : elle a été hospitalisée "
                "pour une dépression.\n\nClaire")
    assert "sensitive_data" in _categories(raw)


def test_what_the_mail_system_filed_as_junk_is_spam():
    raw = _mail("Dear friend, this is STRICTLY CONFIDENTIAL: a business deal of USD 12M awaits your bank account.")
    assert "strategic" in _categories(raw)
    junk = analyze(RawMessage("a", "Courrier indésirable", 1, 1, raw), DETS, Options(hmac_key=b"k" * 32))
    assert "strategic" not in {f.category for f in junk.findings}


@pytest.mark.parametrize("folder,private", [("Perso", True), ("INBOX/Privé", True), ("Personnel", False), ("INBOX", False)])
def test_a_folder_the_owner_keeps_for_their_life_adds_private_evidence(folder, private):
    # a spouse named in passing, which alone is not enough to call the mail private
    raw = _mail("Je pars plus tôt jeudi, ma femme a besoin de la voiture.")
    res = analyze(RawMessage("a", folder, 1, 1, raw), DETS, Options(hmac_key=b"k" * 32))
    assert ("private" in {f.category for f in res.findings}) is private


def test_a_code_the_body_says_is_in_the_subject_is_masked_there():
    raw = _mail("le code portail c'est dans l'objet, la gardienne est absente.",
                subject="Visite 3 rue Mercière 10h15 - 7C42")
    res = analyze(RawMessage("a", "INBOX", 1, 1, raw), DETS, Options(hmac_key=b"k" * 32))
    assert "credentials" in {f.category for f in res.findings}
    assert "7C42" not in res.subject and "10h15" in res.subject


def test_door_code_sent_to_a_staff_list_is_still_a_credential():
    raw = _mail("Bonjour à tous,\n\nLe code de la porte du bâtiment B change lundi : 4719B.\n",
                to="tous-personnels@listes.univ-exemple.fr", List_Id="<tous-personnels.listes.univ-exemple.fr>")
    assert "credentials" in _categories(raw)


@pytest.mark.parametrize("body", [
    "Dear Friend,\nI am Barrister John Obi. You will receive 30% of the total sum. Reply with your full name.",
    "Slim Down - Guaranteed to lose 10-12 lbs in 30 days! Order now, risk-free.",
])
def test_spam_by_its_shape(body):
    assert parse_message(_mail(body)).genre == "spam"


def test_link_digest_is_bulk():
    body = "\n".join(f"Item {i}: something odd. Link[{i}]\n[{i}] http://example.org/{i}" for i in range(1, 5))
    assert parse_message(_mail(body)).genre == "bulk"


@pytest.mark.parametrize("odds,genre", [(0.0, "personal"), (40.0, "bulk"), (200.0, "spam")])
def test_spam_model_odds_decide_between_correspondence_newsletter_and_spam(monkeypatch, odds, genre):
    """Words of mass-produced text make correspondence bulk; far beyond any newsletter's, spam."""
    import inventory.genre as G

    monkeypatch.setattr(G, "spam_odds", lambda text: odds)
    assert G.message_genre(lambda _h: None, "Hello Paul, see you Thursday.", "a@b.example", ["c@d.example"]) == genre


def test_feed_gateway_sender_is_bulk():
    """A blog item mailed by a feed reader is broadcast content, whatever its words of health."""
    raw = _mail("URL: http://blog.example.org/#1\n\nA lab will map your genome: heart disease, cancer...",
                From="boingboing <rssfeeds@example.org>")
    assert parse_message(raw).genre == "bulk"


@pytest.mark.parametrize("headers", [{"Precedence": "bulk"}, {"to": "freebsd-questions@lists.example.org"}])
def test_advert_sent_in_bulk_or_to_a_list_is_spam_by_its_odds(monkeypatch, headers):
    """The headers of a mass mailing do not make an advert a newsletter: its "password" is bait."""
    import inventory.genre as G

    monkeypatch.setattr(G, "spam_odds", lambda text: 200.0)
    raw = _mail("Membership to 5 sites. PASSWORD: hot4you\nTo unsubscribe click here", **headers)
    assert parse_message(raw).genre == "spam"
    monkeypatch.setattr(G, "spam_odds", lambda text: 40.0)
    assert parse_message(raw).genre == "bulk"
