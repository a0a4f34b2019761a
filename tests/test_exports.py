"""The exports people have, each recognised from the path given to ``scan``: the same labelled
messages laid out as a Thunderbird profile, a folder of Outlook .msg files, Apple Mail's store and
its .mbox export give the same findings as the .eml tree. Outlook .pst goes through readpst
(a stand-in here, the real one when installed). All data is fictitious."""

from __future__ import annotations

import email
import email.policy
import shutil
import stat
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, make_message, write_eml_tree
from export_layouts import (
    write_apple_mail_store,
    write_apple_mbox_export,
    write_msg,
    write_msg_folder,
    write_thunderbird_profile,
)
from helpers import read_jsonl, run_cli, signature

from inventory.sources.detect import open_local

CSV = "nom;prénom;date de naissance;IBAN\nBENALI;Karim;14/02/1996;FR76 3000 6000 0112 3456 7890 189\n"


def _forward(subject: str, inner: bytes, msgid: str) -> bytes:
    """A message forwarded as an attachment (message/rfc822), as Outlook's "Forward as attachment" does."""
    outer = email.message_from_bytes(make_message(subject, "Voir le message joint.", msgid=msgid),
                                     policy=email.policy.default)
    outer.add_attachment(email.message_from_bytes(inner, policy=email.policy.default), filename="transfert.eml")
    return bytes(outer)


MESSAGES = SAMPLE + [
    ("Projets/2024", make_message("Liste des boursiers", "Ci-joint la liste.\n\nFrom the board: merci.",
                                  msgid="<m6@t>", attachments=[("boursiers.csv", "text/csv", CSV.encode())])),
    ("INBOX", make_message("Réunion", "Bonjour, la réunion est déplacée à jeudi.", msgid="<m7@t>")),
    ("Sent", _forward("TR: accès serveur", make_message("Accès serveur", "mot de passe : Vq7#plume-Orage",
                                                          msgid="<m8-inner@t>"), msgid="<m8@t>")),
]
#: what a person labelled in these messages: (Message-ID, category) that must be found
LABELS = {("<m1@t>", "credentials"), ("<m3@t>", "personal_data"), ("<m4@t>", "credentials"),
          ("<m5@t>", "credentials"), ("<m6@t>", "personal_data"), ("<m8@t>", "credentials")}
NEGATIVES = {"<m2@t>", "<m7@t>"}


def _scan(tmp_path: Path, source, tag: str, env: dict | None = None):
    out = tmp_path / f"out-{tag}"
    r = run_cli("scan", str(source), "--json", str(out / "f.jsonl"), "--state", str(out / "s.sqlite"),
                "--workers", "0", "--no-ocr", env=env)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return read_jsonl(out / "f.jsonl"), r


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("eml")
    findings, _ = _scan(tmp, write_eml_tree(tmp / "eml", MESSAGES), "eml")
    got = {(f["message_id"], f["category"]) for f in findings}
    assert LABELS <= got, LABELS - got
    assert not {f["message_id"] for f in findings} & NEGATIVES
    assert any(f["location"] == "attachment:boursiers.csv" for f in findings)
    assert any(f["location"] == "attachment:transfert.eml" and f["message_id"] == "<m8@t>" for f in findings)
    return findings


def _tree(root: Path) -> dict:
    """Every file under root with its bytes and modification time: a scan must leave them as they were."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*")
            if p.is_file()}


def _folders(findings) -> set[str]:
    return {f["folder"] for f in findings}


# -- Thunderbird ------------------------------------------------------------------------------------
def test_thunderbird_profile_same_findings_as_eml_tree(tmp_path, baseline):
    profile = write_thunderbird_profile(tmp_path / "abcd1234.default-release", MESSAGES)
    assert type(open_local(str(profile))).__name__ == "ThunderbirdSource"
    before = _tree(profile)
    found, r = _scan(tmp_path, profile, "tb")
    assert _tree(profile) == before
    assert signature(found) == signature(baseline)
    account = "jeanne.dupont@univ-exemple.fr"
    assert _folders(found) == {f"{account}/Inbox", f"{account}/Données/Réunions", f"{account}/Sent",
                               f"{account}/Projets/2024"}
    assert "0 messages with errors" in r.stderr  # .msf, .dat, .json and empty folders are not messages


def test_thunderbird_profile_written_on_windows(tmp_path, baseline):
    """Thunderbird on Windows writes its mbox files with CRLF line endings."""
    profile = write_thunderbird_profile(tmp_path / "p", MESSAGES, crlf=True)
    assert b"\r\n" in (profile / "ImapMail" / "imap.univ-exemple.fr" / "INBOX").read_bytes()
    found, _ = _scan(tmp_path, profile, "tb-crlf")
    assert signature(found) == signature(baseline)


def test_thunderbird_mail_folders_and_one_account(tmp_path, baseline):
    profile = write_thunderbird_profile(tmp_path / "p", MESSAGES)
    found, _ = _scan(tmp_path, profile / "ImapMail", "imapmail")
    assert signature(found) == signature(baseline)
    one, _ = _scan(tmp_path, profile / "ImapMail" / "imap.univ-exemple.fr", "account")
    assert signature(one) == signature(baseline)
    assert _folders(one) == {"Inbox", "Données/Réunions", "Sent", "Projets/2024"}
    local = open_local(str(profile / "Mail"))
    assert [f.name for f in local.folders()] == ["Local Folders/Trash", "Local Folders/Unsent Messages"]
    assert all(f.count == 0 for f in local.folders())


def test_thunderbird_ids_survive_a_status_rewrite(tmp_path):
    """Thunderbird rewrites X-Mozilla-Status in place when a message is read: same ids, same state."""
    profile = write_thunderbird_profile(tmp_path / "p", MESSAGES)
    inbox = profile / "ImapMail" / "imap.univ-exemple.fr" / "INBOX"
    before = open_local(str(inbox))
    uids = before.uids(before.folders()[0])
    inbox.write_bytes(inbox.read_bytes().replace(b"X-Mozilla-Status: 0000", b"X-Mozilla-Status: 0001"))
    after = open_local(str(inbox))
    assert after.uids(after.folders()[0]) == uids
    flags = [m.flags for m in after.fetch(after.folders()[0], uids)]
    assert all("\\Seen" in f for f in flags)


# -- Outlook .msg -----------------------------------------------------------------------------------
def test_msg_folder_same_findings_as_eml_tree(tmp_path, baseline):
    root = write_msg_folder(tmp_path / "outlook-export", MESSAGES)
    assert type(open_local(str(root))).__name__ == "MessageFilesSource"
    before = _tree(root)
    found, _ = _scan(tmp_path, root, "msg")
    assert _tree(root) == before
    assert signature(found) == signature(baseline)
    assert _folders(found) == _folders(baseline)


def test_single_msg_and_single_eml_scan_only_that_message(tmp_path, baseline):
    one = [f for f in baseline if f["message_id"] == "<m6@t>"]
    msg = write_msg(tmp_path / "m" / "liste.msg", MESSAGES[5][1], transport_headers=False)
    write_msg(tmp_path / "m" / "autre.msg", MESSAGES[0][1])
    found, _ = _scan(tmp_path, msg, "one-msg")
    assert signature(found) == signature(one)
    eml_dir = write_eml_tree(tmp_path / "e", MESSAGES)
    eml = next(p for p in eml_dir.rglob("*.eml") if b"<m6@t>" in p.read_bytes())
    found, _ = _scan(tmp_path, eml, "one-eml")
    assert signature(found) == signature(one)


def test_a_mime_message_named_msg_is_read_as_mime(tmp_path):
    root = tmp_path / "saved"
    root.mkdir()
    (root / "mot de passe.msg").write_bytes(MESSAGES[0][1])
    found, _ = _scan(tmp_path, root, "mime-msg")
    assert ("<m1@t>", "credentials") in {(f["message_id"], f["category"]) for f in found}


def test_unreadable_msg_is_an_error_row_and_the_scan_goes_on(tmp_path):
    root = write_msg_folder(tmp_path / "x", MESSAGES[:1])
    (root / "INBOX" / "broken.msg").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b" not an OLE file" * 20)
    found, r = _scan(tmp_path, root, "broken")
    assert any(f["message_id"] == "<m1@t>" for f in found)
    assert "1 messages with errors" in r.stderr


# -- Apple Mail -------------------------------------------------------------------------------------
def test_apple_mail_store_same_findings_as_eml_tree(tmp_path, baseline):
    store = write_apple_mail_store(tmp_path / "V10", MESSAGES)
    assert list(store.rglob("*.partial.emlx")), "the fixture keeps one attachment apart"
    assert type(open_local(str(store))).__name__ == "AppleMailSource"
    before = _tree(store)
    found, _ = _scan(tmp_path, store, "emlx")
    assert _tree(store) == before
    assert signature(found) == signature(baseline)
    assert _folders(found) == _folders(baseline)


def test_apple_mbox_export_same_findings_as_eml_tree(tmp_path, baseline):
    root = write_apple_mbox_export(tmp_path / "Export", MESSAGES)
    found, _ = _scan(tmp_path, root, "mbox-bundles")
    assert signature(found) == signature(baseline)
    assert _folders(found) == _folders(baseline)
    inbox, _ = _scan(tmp_path, root / "INBOX.mbox", "one-bundle")
    assert {f["message_id"] for f in inbox} == {"<m1@t>", "<m3@t>"}


# -- Outlook .pst through readpst -------------------------------------------------------------------
FAKE_READPST = """#!{python}
# stands in for libpst's readpst: unpacks a prepared tree where -o says, and notes where and how
import os, shutil, sys
args = sys.argv[1:]
out = args[args.index("-o") + 1]
with open(os.environ["FAKE_READPST_LOG"], "w") as fh:
    fh.write(out + "\\n" + oct(os.stat(out).st_mode & 0o777) + "\\n" + " ".join(args))
if open(args[-1], "rb").read(4) != b"!BDN":
    sys.stderr.write("Error opening File\\n")
    sys.exit(1)
shutil.copytree(os.environ["FAKE_READPST_TREE"], os.path.join(out, "Personal Folders"))
os.makedirs(os.path.join(out, "Personal Folders", "Contacts"))
open(os.path.join(out, "Personal Folders", "Contacts", "1.vcf"), "w").write("BEGIN:VCARD\\nEND:VCARD\\n")
"""


def _fake_readpst(tmp_path: Path) -> dict:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "readpst"
    exe.write_text(FAKE_READPST.format(python=sys.executable))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    tree = write_eml_tree(tmp_path / "unpacked", MESSAGES)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    return {"PATH": str(bindir), "FAKE_READPST_TREE": str(tree), "FAKE_READPST_LOG": str(tmp_path / "readpst.log"),
            "TMPDIR": str(private_tmp)}


def test_pst_unpacked_to_a_private_folder_scanned_and_removed(tmp_path, baseline):
    env = _fake_readpst(tmp_path)
    pst = tmp_path / "archive.pst"
    pst.write_bytes(b"!BDN" + b"\0" * 508)
    found, r = _scan(tmp_path, pst, "pst", env=env)
    assert signature(found) == signature(baseline)
    assert _folders(found) == {f"Personal Folders/{f}" for f in _folders(baseline)}
    workdir, mode, args = Path(tmp_path / "readpst.log").read_text().splitlines()
    assert Path(workdir).parent == Path(env["TMPDIR"]) and mode == "0o700"
    assert "-e" in args.split() and "-D" in args.split()
    assert not Path(workdir).exists() and not list(Path(env["TMPDIR"]).iterdir())
    assert "1 contacts not scanned" in r.stderr


def test_pst_readpst_failure_is_a_clear_error_and_cleans_up(tmp_path):
    env = _fake_readpst(tmp_path)
    pst = tmp_path / "corrupt.ost"
    pst.write_bytes(b"garbage" * 100)
    r = run_cli("scan", str(pst), "--state", str(tmp_path / "s.sqlite"), "--workers", "0", env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "readpst could not read corrupt.ost" in r.stderr and "Error opening File" in r.stderr
    assert not list(Path(env["TMPDIR"]).iterdir())


def test_pst_without_readpst_says_what_to_install(tmp_path):
    pst = tmp_path / "archive.pst"
    pst.write_bytes(b"!BDN" + b"\0" * 508)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    r = run_cli("scan", str(pst), "--state", str(tmp_path / "s.sqlite"), env={"PATH": str(empty)})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "needs readpst" in r.stderr and "pst-utils" in r.stderr


@pytest.mark.skipif(shutil.which("readpst") is None, reason="readpst (Debian pst-utils) not installed")
def test_real_readpst_on_a_pst_without_mail(tmp_path):
    """A real PST (contacts and calendar, no mail): nothing to scan, the rest counted, nothing left behind."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    pst = Path(__file__).parent / "fixtures" / "pst" / "dist-list.pst"
    found, r = _scan(tmp_path, pst, "real-pst", env={"TMPDIR": str(private_tmp)})
    assert found == []
    assert "0 messages scanned" in r.stderr and "contacts" in r.stderr and "calendar items" in r.stderr
    assert not list(private_tmp.iterdir())


def test_unknown_path_lists_what_is_understood(tmp_path):
    r = run_cli("scan", str(tmp_path / "nothing-here"), "--state", str(tmp_path / "s.sqlite"))
    assert r.returncode == 2 and "Thunderbird" in r.stderr and ".pst" in r.stderr


def test_no_fork_means_analysis_in_process(tmp_path, monkeypatch):
    """Windows has no fork(): the scan analyses in this process instead of failing."""
    import inventory.scan as scan_mod
    from inventory.analyze import Options
    from inventory.pipeline_setup import detector_factory
    from inventory.store import Store

    def no_pool(*a, **k):
        raise AssertionError("a worker pool was started without fork()")

    monkeypatch.setattr(scan_mod, "fork_available", lambda: False)
    monkeypatch.setattr(scan_mod, "Pool", no_pool)
    store = Store(str(tmp_path / "s.sqlite"))
    source = open_local(str(write_eml_tree(tmp_path / "eml", MESSAGES)))
    stats = scan_mod.scan(source, store, Options(hmac_key=store.hmac_key()), detector_factory(), workers=2)
    store.close()
    assert stats.scanned == len(MESSAGES) and stats.findings > 0


def test_apple_mail_accounts_named_in_front_when_several(tmp_path):
    mail = tmp_path / "Library" / "Mail"
    write_apple_mail_store(mail / "V10", MESSAGES[:2], account="ACCOUNT-A")
    write_apple_mail_store(mail / "V10", MESSAGES[3:5], account="ACCOUNT-B")
    names = {f.name for f in open_local(str(mail)).folders()}
    assert names == {"ACCOUNT-A/INBOX", "ACCOUNT-B/Données/Réunions", "ACCOUNT-B/Sent"}
    one = {f.name for f in open_local(str(mail / "V10" / "ACCOUNT-B")).folders()}
    assert one == {"Données/Réunions", "Sent"}


def test_thunderbird_folder_names_on_disk(tmp_path):
    """Older Thunderbird kept IMAP names in modified UTF-7; a name that merely holds '&' stays as it is."""
    account = tmp_path / "ImapMail" / "imap.exemple.fr"
    account.mkdir(parents=True)
    for name in ("INBOX", "Donn&AOk-es", "R&D-2024"):
        (account / name).write_bytes(b"From - Mon Mar 04 09:00:00 2024\n" + MESSAGES[1][1])
        (account / f"{name}.msf").write_bytes(b"")
    assert {f.name for f in open_local(str(account)).folders()} == {"Inbox", "Données", "R&D-2024"}
