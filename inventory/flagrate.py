"""Flags per 1,000 messages per category on unlabelled real mail, with a sample to read by hand.

An inventory is believed only if it does not cry wolf. Real third-party mail (a technical list,
spam, a company's archive) holds little of the meaning categories, so what fires there is mostly
a false alarm to explain or remove; the rate per 1,000 messages is comparable across corpora of
different sizes, and the seeded sample lets a person open each flagged message and judge it.

Every regular file under a corpus folder is taken as one message (list archives and spam corpora
name their files by hash or number), except obvious documentation files.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from detectors.categories import MESSAGE_CATEGORIES

from .sources.local import EmlFolderSource

_NOT_MAIL = (".md", ".txt", ".py", ".json", ".jsonl", ".csv", ".gz", ".zip", ".pst", ".msf", ".html")
SHORT = {"credentials": "cred", "identity_scan": "id", "personal_data": "pers", "sensitive_data": "sens",
         "tender": "tend", "strategic": "strat", "research": "rsch", "people_comment": "people", "private": "priv"}


class AnyFileSource(EmlFolderSource):
    """Every regular file of a folder tree is a message; sub-folders are folder names."""

    kind = "files"
    what = "folder of message files"

    @staticmethod
    def accepts(name: str) -> bool:
        return not (name.startswith(".") or name.lower().endswith(_NOT_MAIL)
                    or name.upper() in ("README", "SOURCES", "LICENSE"))

    def path_of(self, folder: str, uid: int) -> Path | None:
        return self._files.get(folder, {}).get(uid)


@dataclass
class CorpusRate:
    name: str
    messages: int
    flagged: dict[str, int] = field(default_factory=dict)  # category -> messages flagged
    sample: dict[str, list[dict]] = field(default_factory=dict)

    def per_thousand(self, cat: str) -> float:
        return 1000.0 * self.flagged.get(cat, 0) / max(self.messages, 1)


def measure(path: str, workers: int = 0, sample: int = 20, seed: int = 0, ocr: bool = False,
            lexicons: tuple[str, ...] = ()) -> CorpusRate:
    from .analyze import Options
    from .extract import Limits
    from .pipeline_setup import detector_factory
    from .scan import scan
    from .store import Store

    source = AnyFileSource(path)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(os.path.join(tmp, "rate.sqlite"))
        opts = Options(hmac_key=store.hmac_key(), limits=Limits(ocr=ocr))
        stats = scan(source, store, opts, detector_factory(lexicons), workers=workers)
        rows = store.db.execute(
            "SELECT m.folder, m.uid, f.category, f.location, f.excerpt, f.reason, f.score FROM findings f "
            "JOIN messages m ON m.key=f.message_key ORDER BY m.folder, m.uid, f.category").fetchall()
        store.close()
    by_cat: dict[str, dict[tuple[str, int], dict]] = {}
    for folder, uid, cat, loc, excerpt, reason, score in rows:
        by_cat.setdefault(cat, {}).setdefault((folder, uid), {
            "file": str(source.path_of(folder, uid) or f"{folder}/{uid}"), "location": loc,
            "excerpt": excerpt, "why": reason, "score": round(score, 2)})
    rate = CorpusRate(Path(path).name, stats.scanned + stats.skipped_known)
    rng = random.Random(seed)
    for cat, msgs in by_cat.items():
        rate.flagged[cat] = len(msgs)
        keys = sorted(msgs)
        rate.sample[cat] = [msgs[k] for k in (rng.sample(keys, sample) if len(keys) > sample else keys)]
    return rate


def table(rates: list[CorpusRate]) -> str:
    cats = list(MESSAGE_CATEGORIES)
    head = f"{'corpus':26} {'msgs':>6} " + " ".join(f"{SHORT.get(c, c):>6}" for c in cats)
    lines = ["flags per 1,000 messages (messages with at least one finding of the category)", head]
    for r in rates:
        lines.append(f"{r.name[:26]:26} {r.messages:6d} " + " ".join(f"{r.per_thousand(c):6.1f}" for c in cats))
    return "\n".join(lines)


def write_samples(rates: list[CorpusRate], path: str) -> None:
    """The sampled flagged messages as JSON lines, for a person to open and judge one by one."""
    with open(path, "w", encoding="utf-8") as fh:
        for r in rates:
            for cat, items in sorted(r.sample.items()):
                for it in items:
                    fh.write(json.dumps({"corpus": r.name, "category": cat, **it}, ensure_ascii=False) + "\n")
