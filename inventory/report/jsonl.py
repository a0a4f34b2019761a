"""The JSON-lines findings (one object per finding) and the CSV export, for SIEMs and scripts.

The fields are a contract used by evaluation tools: message_id, folder, uid, date, category,
detector, location, excerpt, score, severity (plus a few documented extras at the end).
"""

from __future__ import annotations

import csv
import json

from ..aggregate import Inventory
from .atomic import atomic_path

FIELDS = ("message_id", "folder", "uid", "date", "category", "detector", "location", "excerpt", "score",
          "severity")
EXTRA = ("reason", "label", "masked_value", "value_hash", "count", "linked_to")


def _records(inv: Inventory):
    f = inv.findings
    for row in f.itertuples(index=False):
        rec = {k: getattr(row, k) for k in FIELDS + EXTRA}
        rec["uid"] = int(rec["uid"])
        rec["score"] = float(rec["score"])
        rec["count"] = int(rec["count"])
        yield rec


def write_jsonl(inv: Inventory, path: str) -> int:
    n = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for rec in _records(inv):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(inv: Inventory, path: str) -> int:
    n = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS + EXTRA)
        w.writeheader()
        for rec in _records(inv):
            w.writerow(rec)
            n += 1
    return n
