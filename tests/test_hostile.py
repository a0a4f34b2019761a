"""Hostile input: bombs and malformed MIME end as error rows within their budget; the scan goes on.

Cases 14 and 15 of the trust list (docs/security.md). All inputs are built here.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest
from conftest import make_message
from helpers import pool_results, run_cli

from inventory.analyze import Options, analyze
from inventory.extract import Limits
from inventory.extract.dispatch import extract_attachment
from inventory.model import RawMessage
from inventory.pipeline_setup import detector_factory
from inventory.workers import Pool


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def zip_bomb() -> bytes:
    return _zip({"zeros.txt": bytes(50 * 1024 * 1024)})


def nested_zip_bomb() -> bytes:
    inner = _zip({"zeros.bin": bytes(20 * 1024 * 1024)})
    return _zip({f"part{i}.zip": inner for i in range(10)})


def overlapping_zip() -> bytes:
    """Two central-directory entries sharing one local file (the quoted-overlap family of
    CVE-2024-0450, which some 3.11 interpreters do not refuse)."""
    data = _zip({"a.txt": b"x" * 1000})
    eocd = data.rindex(b"PK\x05\x06")
    cd_size, cd_off = struct.unpack("<II", data[eocd + 12:eocd + 20])
    entry = data[cd_off:cd_off + cd_size]
    name_len = struct.unpack("<H", entry[28:30])[0]
    twin = entry[:46] + b"b" * name_len + entry[46 + name_len:]
    new_cd = entry + twin
    end = bytearray(data[eocd:])
    struct.pack_into("<HHII", end, 8, 2, 2, len(new_cd), cd_off)
    return data[:cd_off] + new_cd + bytes(end)


def pdf_flate_bomb() -> bytes:
    stream = zlib.compress(bytes(200 * 1024 * 1024), 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


@pytest.mark.parametrize("name,ctype,build", [
    ("bomb.zip", "application/zip", zip_bomb),
    ("nested.zip", "application/zip", nested_zip_bomb),
    ("overlap.zip", "application/zip", overlapping_zip),
    ("rapport.pdf", "application/pdf", pdf_flate_bomb),
])
def test_decompression_bombs_are_cut_off_fast(name, ctype, build):
    data = build()
    t = time.monotonic()
    ex = extract_attachment(data, name, ctype, Limits())
    elapsed = time.monotonic() - t
    reasons = [r["reason"] or "" for r in ex.files]
    assert any("possible decompression bomb" in r for r in reasons), ex.files
    assert elapsed < 1.0, elapsed


# -- 15: malformed MIME -----------------------------------------------------------------------------

def deep_nesting(levels: int = 1000) -> bytes:
    head = b"From: a@b.example\r\nTo: c@d.example\r\nSubject: deep\r\nMessage-ID: <deep@t>\r\nMIME-Version: 1.0\r\n"
    parts = [head]
    for i in range(levels):
        parts.append(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i))
    parts.append(b"Content-Type: text/plain\r\n\r\nfond\r\n")
    for i in reversed(range(levels)):
        parts.append(b"--b%d--\r\n" % i)
    return b"".join(parts)


def many_encoded_words(n: int = 20_000) -> bytes:
    subject = b" ".join([b"=?utf-8?q?a?="] * n)
    return (b"From: a@b.example\r\nSubject: " + subject + b"\r\nMessage-ID: <words@t>\r\n\r\nbody mot de passe : "
            b"Hx7-secret-Zq\r\n")


def huge_header_line() -> bytes:
    return b"From: a@b.example\r\nX-Long: " + b"a" * (50 * 1024 * 1024) + b"\r\nMessage-ID: <long@t>\r\n\r\nok\r\n"


def bad_encodings() -> bytes:
    return (b"From: =?x-unknown?b?////?= <a@b.example>\r\nSubject: =?utf-8?b?not base64!?=\r\n"
            b"Message-ID: <enc@t>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
            b"--zz\r\nContent-Type: text/plain; charset=x-nonexistent\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"@@@not*base64@@@\r\n--zz\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\nbad =ZZ soft=\r\nbreak =C3=A9=\r\n"
            b"--zz\r\nContent-Type: application/pdf; name*=utf-8''%FF%FE.pdf; name=\"x.pdf\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK!!!\r\n--zz--\r\n")


def nul_bytes() -> bytes:
    return b"From: a\x00b@c.example\r\nSubject: nul\x00here\r\nMessage-ID: <nul@t>\r\n\r\nbody \x00\x00 text\r\n"


HOSTILE = {"deep": deep_nesting, "words": many_encoded_words, "long": huge_header_line,
           "encodings": bad_encodings, "nul": nul_bytes}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_message_is_analysed_or_an_error_row_quickly(kind, tmp_path):
    raw = RawMessage("t", "INBOX", 1, 1, HOSTILE[kind](), (), None, 0)
    t = time.monotonic()
    r = analyze(raw, detector_factory(())(), Options(hmac_key=b"k" * 32))
    assert time.monotonic() - t < 5.0
    assert r.parsed or any(e["reason"] for e in r.errors)
    if kind == "deep":
        assert not r.parsed or any("deep" in (e["detail"] or "") + e["reason"] for e in r.errors), r.errors
    if kind == "words":
        assert any(f.category == "credentials" for f in r.findings)  # the body is still read


def test_hostile_mailbox_scan_completes(tmp_path):
    box = tmp_path / "box" / "INBOX"
    box.mkdir(parents=True)
    for kind, build in HOSTILE.items():
        (box / f"{kind}.eml").write_bytes(build())
    attachments = [("bomb.zip", "application/zip", zip_bomb()), ("nested.zip", "application/zip", nested_zip_bomb()),
                   ("overlap.zip", "application/zip", overlapping_zip()),
                   ("rapport.pdf", "application/pdf", pdf_flate_bomb())]
    (box / "bombs.eml").write_bytes(make_message("Pièces", "Voir les pièces jointes.", msgid="<bombs@t>",
                                                 attachments=attachments))
    (box / "normal.eml").write_bytes(make_message("Accès", "mot de passe : Kp8-normal-Wq", msgid="<ok@t>"))
    t = time.monotonic()
    r = run_cli("scan", str(tmp_path / "box"), "--state", str(tmp_path / "s.sqlite"), "--budget", "5",
                "--workers", "1", "--out", str(tmp_path / "inv.xlsx"), "-q")
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t < 120
    import sqlite3

    db = sqlite3.connect(tmp_path / "s.sqlite")
    ids = {x for (x,) in db.execute("SELECT message_id FROM messages")}
    errors = db.execute("SELECT folder, reason FROM errors").fetchall()
    statuses = db.execute("SELECT location, reason FROM attachments WHERE reason IS NOT NULL").fetchall()
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 7  # every file: scanned or an error row
    assert "<ok@t>" in ids
    bombs = {loc.split("/")[0] for loc, why in statuses if "possible decompression bomb" in why}
    assert bombs == {f"attachment:{n}" for n, _t, _d in attachments}, statuses
    assert errors


class _Sleepy:
    """A detector that never ends on one message: the budget must stop it."""

    name, version, categories = "sleepy", "1", ()

    def run(self, unit):
        if "ENDLESS" in unit.text:
            time.sleep(3600)
        return []


def _sleepy_detectors():
    return [_Sleepy()]


def test_runaway_message_is_stopped_by_its_budget():
    pool = Pool(1, _sleepy_detectors, Options(hmac_key=b"k" * 32), budget=1.0)
    msgs = [RawMessage("t", "INBOX", i, 1, make_message(f"m{i}", "ENDLESS" if i == 2 else "ordinaire"), (), None, 0)
            for i in range(1, 5)]
    t = time.monotonic()
    results = pool_results(pool, msgs)
    assert time.monotonic() - t < 10
    by_uid = {r.uid: r for r in results}
    assert sorted(by_uid) == [1, 2, 3, 4]
    assert by_uid[2].errors[0]["reason"] == "time budget exceeded"
    assert all(by_uid[u].parsed for u in (1, 3, 4))
    assert pool.killed == 1

