"""The measuring commands: evaluate over several labelled mailboxes, flag-rate on unlabelled mail,
and the shipped spam model of the genre."""

import json
from email.message import EmailMessage

from helpers import run_cli

from inventory.spam_model import is_spam, shipped


def _write(path, subject: str, body: str, mid: str) -> None:
    m = EmailMessage()
    m["From"] = "Claire Roux <claire.roux@univ-exemple.fr>"
    m["To"] = "paul.martin@univ-exemple.fr"
    m["Subject"] = subject
    m["Message-ID"] = mid
    m.set_content(body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(m))


def _labelled(root, name: str) -> None:
    box = root / name
    _write(box / "mail" / "INBOX" / "001.eml", "Wi-Fi", "Le mot de passe du Wi-Fi invités : Kq7!mz2Lp", f"<1@{name}>")
    _write(box / "mail" / "INBOX" / "002.eml", "Réunion", "La réunion est décalée à jeudi 14 h.", f"<2@{name}>")
    labels = [{"message_id": f"<1@{name}>", "file": "INBOX/001.eml", "categories": ["credentials"],
               "secrets": ["Kq7!mz2Lp"], "hard_negative_for": []},
              {"message_id": f"<2@{name}>", "file": "INBOX/002.eml", "categories": [], "secrets": [],
               "hard_negative_for": ["credentials"]}]
    (box / "labels.jsonl").write_text("\n".join(json.dumps(x) for x in labels) + "\n", "utf-8")


def test_evaluate_several_mailboxes_and_their_micro_average(tmp_path):
    _labelled(tmp_path, "a")
    _labelled(tmp_path, "b")
    r = run_cli("evaluate", str(tmp_path / "a"), str(tmp_path / "b"), "--no-ocr")
    assert r.returncode == 0, r.stderr
    assert "== a" in r.stdout and "== b" in r.stdout and "== all 2 mailboxes" in r.stdout
    credentials = [line for line in r.stdout.splitlines() if line.startswith("credentials")]
    assert credentials[-1].split()[1:4] == ["1.00", "1.00", "1.00"]
    assert "hard negatives flagged 0/2" in r.stdout


def test_flag_rate_counts_every_file_and_writes_a_sample(tmp_path):
    corpus = tmp_path / "realmail"
    _write(corpus / "2001" / "0001", "Wi-Fi", "Le mot de passe du Wi-Fi invités : Kq7!mz2Lp", "<1@c>")
    _write(corpus / "2001" / "0002.abc123", "Hello", "See you tomorrow.", "<2@c>")
    samples = tmp_path / "samples.jsonl"
    r = run_cli("flag-rate", str(corpus), "--workers", "0", "--samples", str(samples))
    assert r.returncode == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if line.startswith("realmail"))
    assert row.split()[1] == "2" and row.split()[2] == "500.0"  # 2 messages, 1 with credentials
    sample = [json.loads(x) for x in samples.read_text("utf-8").splitlines()]
    assert [s["category"] for s in sample] == ["credentials"]
    assert "Kq7!mz2Lp" not in samples.read_text("utf-8")


def test_shipped_spam_model_tells_adverts_from_work_mail():
    assert shipped() is not None
    advert = ("Dear Friend, you have been selected to receive our FREE information package! Our amazing new "
              "program lets you earn money from home with no experience. Thousands of people are already making "
              "cash every week. Order now and receive a free bonus. This is a limited time offer, so act now! "
              "Our product is 100% guaranteed or your money back. Click here to order today. To be removed from "
              "our mailing list, reply with REMOVE in the subject. This message is sent in compliance with the "
              "new email bill. You will not receive further offers from us. Call toll free now, our operators "
              "are waiting. Save hundreds of dollars on your insurance, credit card debt and mortgage rates.")
    assert is_spam(advert)
    assert not is_spam("Bonjour Paul, la réunion du comité de pilotage est décalée à jeudi 14 h en salle B. "
                       "Peux-tu prévenir l'équipe ? Merci, Claire")
