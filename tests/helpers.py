"""Run the command line in-process-free (a subprocess, as a user would) and read its outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "inventory", *args], capture_output=True, text=True, env=e,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in Path(path).read_text("utf-8").splitlines() if x.strip()]


def signature(findings: list[dict]) -> set[tuple]:
    return {(f["message_id"], f["category"], f["detector"], f["location"], f["excerpt"]) for f in findings}


PASSWORD_ENV = "MAILBOX_INVENTORY_PASSWORD"


def password_command(tmp: Path, password: str) -> tuple[str, Path]:
    """A --password-command that leaves a marker when it runs: a test can prove no credential
    was even read before the connection was refused."""
    marker = tmp / "password-was-read"
    script = tmp / "pw.py"
    script.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nprint({password!r})\n")
    return f"{sys.executable} {script}", marker


def scan_imap(url: str, tmp: Path, *args: str, cafile: str | None = None, env: dict | None = None,
              state: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``mailbox-inventory scan URL`` with every output written under tmp (workbook, JSON, state)."""
    cmd = ["scan", url, "--yes", "--state", str(state or tmp / "state.sqlite"), "--json", str(tmp / "f.jsonl"),
           "--out", str(tmp / "inv.xlsx"), "--lang", "en"]
    if cafile:
        cmd += ["--cafile", cafile]
    return run_cli(*cmd, *args, env=env, timeout=timeout)


def outputs_text(tmp: Path) -> str:
    """Everything the tool wrote under tmp, as text (workbook parts unzipped, state dumped)."""
    import sqlite3
    import zipfile

    chunks = []
    for p in sorted(tmp.rglob("*")):
        if not p.is_file():
            continue
        if p.suffix == ".xlsx" and zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as z:
                chunks += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif p.suffix == ".sqlite":
            db = sqlite3.connect(p)
            chunks += [str(x) for x in db.iterdump()]
            db.close()
        else:
            chunks.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(chunks)


def run_sheet(xlsx: Path) -> dict[str, str]:
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    ws = wb["Run"]
    out = {str(r[0]): str(r[1]) for r in ws.iter_rows(values_only=True) if r and r[0] is not None and len(r) > 1}
    wb.close()
    return out


def pool_results(pool, messages) -> list:
    """Every result of the messages sent through a worker pool, the pool closed afterwards."""
    results = []
    try:
        for m in messages:
            results += list(pool.submit(m))
        results += list(pool.drain())
    finally:
        pool.close()
    return results
