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
