"""End-to-end scans of local sources through the command line: same findings whichever way the
same messages arrive, nothing planted leaks in clear, a rescan does nothing, bad input is a row."""

import sqlite3
import zipfile

from conftest import SAMPLE, SECRETS, make_message, write_eml_tree, write_maildir, write_mbox
from helpers import read_jsonl, run_cli


def _scan(tmp_path, source, tag, *extra):
    out = tmp_path / tag
    r = run_cli("scan", str(source), "--json", str(out / "f.jsonl"), "--out", str(out / "inv.xlsx"),
                "--graph", str(out / "g.graphml"), "--state", str(out / "s.sqlite"), "--workers", "0", "-q", *extra)
    assert r.returncode == 0, r.stderr
    return out, read_jsonl(out / "f.jsonl")


def _content(findings):
    return {(f["message_id"], f["category"], f["detector"], f["excerpt"]) for f in findings}


def test_same_findings_from_eml_maildir_mbox(tmp_path):
    _, a = _scan(tmp_path, write_eml_tree(tmp_path / "eml"), "a")
    _, b = _scan(tmp_path, write_maildir(tmp_path / "md"), "b")
    flat = [("INBOX", d) for _, d in SAMPLE]
    _, c = _scan(tmp_path, write_mbox(tmp_path / "box.mbox", flat), "c")
    assert _content(a) == _content(b) == _content(c)
    cats = {(f["message_id"], f["category"]) for f in a}
    assert ("<m1@t>", "credentials") in cats and ("<m4@t>", "credentials") in cats
    assert ("<m3@t>", "personal_data") in cats and ("<m5@t>", "credentials") in cats
    assert not any(mid == "<m2@t>" for mid, _ in cats)
    assert {f["folder"] for f in b} >= {"Données/Réunions", "INBOX", "Sent"}
    import networkx as nx

    out = tmp_path / "a"
    assert nx.read_gexf(out / "g.gexf").number_of_nodes() == nx.read_graphml(out / "g.graphml").number_of_nodes() > 0
    assert (out / "g.png").read_bytes().startswith(b"\x89PNG")
    for f in a:
        assert set(f) >= {"message_id", "folder", "uid", "date", "category", "detector", "location", "excerpt",
                          "score", "severity"}


def test_no_planted_secret_in_any_output(tmp_path):
    out, _ = _scan(tmp_path, write_eml_tree(tmp_path / "eml"), "a")
    blobs = []
    for p in out.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if p.suffix == ".xlsx":
                with zipfile.ZipFile(p) as z:
                    data = b"".join(z.read(n) for n in z.namelist())
            blobs.append((p.name, data))
    db = sqlite3.connect(out / "s.sqlite")
    dump = "\n".join(db.iterdump()).encode()
    blobs.append(("state-dump", dump))
    for name, data in blobs:
        for s in SECRETS:
            assert s.encode() not in data, f"{s} in clear in {name}"


def test_reveal_secrets_is_explicit(tmp_path):
    _, f = _scan(tmp_path, write_eml_tree(tmp_path / "eml"), "a", "--reveal-secrets")
    assert any("Tr0ub4dor&3x" in x["excerpt"] for x in f)


def test_rescan_scans_nothing_new(tmp_path):
    src = write_eml_tree(tmp_path / "eml")
    _scan(tmp_path, src, "a")
    r = run_cli("scan", str(src), "--state", str(tmp_path / "a" / "s.sqlite"), "--workers", "0")
    assert r.returncode == 0
    assert "0 messages scanned (5 already known)" in r.stderr


def test_broken_message_is_an_error_row_and_scan_completes(tmp_path):
    nested = b"Content-Type: multipart/mixed; boundary=a\n\n" + b"".join(
        f"--{'a' * (i + 1)}\nContent-Type: multipart/mixed; boundary={'a' * (i + 2)}\n\n".encode()
        for i in range(1200))
    msgs = SAMPLE + [("INBOX", nested), ("INBOX", b"\x00\xff garbage \xfe" * 10)]
    out, f = _scan(tmp_path, write_eml_tree(tmp_path / "eml", msgs), "a")
    db = sqlite3.connect(out / "s.sqlite")
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 7
    assert db.execute("SELECT COUNT(*) FROM errors").fetchone()[0] >= 1
    assert {x["message_id"] for x in f} >= {"<m1@t>"}


def test_encrypted_zip_is_reported_not_scanned_and_linked_to_its_password(tmp_path):
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("prix.txt", "x")
    data = bytearray(buf.getvalue())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.find(sig) + off] |= 1
    msg = make_message("Offre", "Ci-joint.", msgid="<z@t>", attachments=[("offre.zip", "application/zip", bytes(data))])
    pw = make_message("RE: Offre", "Le mot de passe de l'archive : Pq7!vLm2kR", msgid="<p@t>")
    other = make_message("Autre", "Le mot de passe du PDF : Zx8#nBv4Qw", msgid="<o@t>",
                         sender="Léa Roux <lea.roux@ailleurs.invalid>", to="Marc Petit <marc.petit@ailleurs.invalid>")
    out, found = _scan(tmp_path, write_eml_tree(tmp_path / "eml", [("INBOX", msg), ("INBOX", pw), ("INBOX", other)]),
                       "a")
    db = sqlite3.connect(out / "s.sqlite")
    status = db.execute("SELECT status, reason FROM attachments").fetchall()
    assert status[0][0] == "encrypted" and "prix.txt" in status[0][1]
    by_msg = {f["message_id"]: f for f in found if f["category"] == "credentials"}
    assert by_msg["<p@t>"]["label"] == "attachment_password"
    assert by_msg["<p@t>"]["linked_to"].startswith("offre.zip")
    assert by_msg["<o@t>"]["linked_to"] == ""  # another thread, other people: no link


def test_unwritable_output_exit_5(tmp_path):
    src = write_eml_tree(tmp_path / "eml")
    r = run_cli("scan", str(src), "--out", "/proc/forbidden/inv.xlsx", "--state", str(tmp_path / "s.sqlite"),
                "--workers", "0", "-q")
    assert r.returncode == 5
