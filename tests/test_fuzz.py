"""A bounded fuzz run in the suite: mutated messages and attachments never raise, never hang.

The long, coverage-guided run is ``make fuzz`` (atheris); this one keeps a few hundred examples
so every change is checked against the same kind of input. Seeds are built here.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE, make_message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import bad_encodings, nul_bytes

from inventory.fuzz_target import ATTACHMENT_KINDS, as_attachment, as_message

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document xmlns:w='w'><w:body><w:p><w:r><w:t>mot de passe : x"
                                        "</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


SEEDS = [data for _f, data in SAMPLE] + [
    bad_encodings(), nul_bytes(),
    make_message("Pièces", "Voir pièces.", attachments=[("a.csv", "text/csv", b"nom;ne le\nDupont;01/02/1990\n"),
                                                        ("b.docx", "application/octet-stream", _docx())]),
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    _docx(),
]
TOKENS = [b"\r\n\r\n", b"--", b"=?utf-8?b?", b"?=", b"Content-Type: multipart/mixed; boundary=x\r\n",
          b"Content-Transfer-Encoding: base64\r\n", b"\x00", b"\xff\xfe", b"PK\x03\x04", b"stream\r\n", b"=\r\n",
          b"charset=\"x-unknown\"", b"name*=utf-8''%FF"]


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.integers(0, 4))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == 0 and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == 1:
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        elif op == 2:
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == 3:
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 256))] * draw(st.integers(1, 20))
        else:
            data = data[:pos]
    return bytes(data)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.integers(0, len(ATTACHMENT_KINDS) - 1))
def test_mutated_input_never_raises_or_hangs(data, kind):
    t = time.monotonic()
    result = as_message(data)
    assert result.key
    as_attachment(data, kind)
    assert time.monotonic() - t < 10


REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_inputs_the_fuzzer_found(path):
    data = path.read_bytes()
    result = as_message(data)
    assert result.parsed or result.errors
    assert not [e for e in result.errors if e["reason"] == "analysis failed"]
    for kind in range(len(ATTACHMENT_KINDS)):
        as_attachment(data, kind)
