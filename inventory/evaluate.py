"""Precision, recall and F1 per category on a labeled mailbox (the devset layout: mail/ + labels.jsonl).

Message level: a message is predicted positive for a category when any finding of that category
is reported for it. Hard negatives (``hard_negative_for``) flagged are counted apart.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from detectors.categories import MESSAGE_CATEGORIES

from .errors import UsageError


@dataclass
class Counts:
    """Message-level counts of one category on one labelled mailbox."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    hard: int = 0
    hard_flagged: int = 0

    def add(self, other: Counts) -> None:
        for k in ("tp", "fp", "fn", "hard", "hard_flagged"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Evaluation:
    name: str
    counts: dict[str, Counts] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    leaks: int = 0
    output_leaks: dict[str, int] = field(default_factory=dict)
    secrets: int = 0
    leaked: list[str] = field(default_factory=list)
    masked: str = ""  # what redaction masked beyond the detectors' values
    masked_not_secret: list[str] = field(default_factory=list)


def _table(counts: dict[str, Counts]) -> list[str]:
    lines = [f"{'category':16} {'P':>5} {'R':>5} {'F1':>5}  tp  fp  fn  hard-neg flagged"]
    tot = Counts()
    for cat in MESSAGE_CATEGORIES:
        c = counts[cat]
        tot.add(c)
        lines.append(f"{cat:16} {c.p:5.2f} {c.r:5.2f} {c.f1:5.2f} {c.tp:3d} {c.fp:3d} {c.fn:3d}  "
                     f"{c.hard_flagged}/{c.hard}")
    macro = sum(counts[c].f1 for c in MESSAGE_CATEGORIES) / len(MESSAGE_CATEGORIES)
    lines.append(f"{'micro':16} {tot.p:5.2f} {tot.r:5.2f} {tot.f1:5.2f}  (macro F1 {macro:.2f}; hard negatives "
                 f"flagged {tot.hard_flagged}/{tot.hard} = {100 * tot.hard_flagged / max(tot.hard, 1):.1f} %)")
    return lines


def run_one(devset: str, workers: int = 0, ocr: bool = True, json_path: str | None = None,
            lexicons: tuple[str, ...] = ()) -> Evaluation:
    from .analyze import Options
    from .extract import Limits
    from .pipeline_setup import detector_factory
    from .scan import scan
    from .sources.local import EmlFolderSource
    from .store import Store

    root = Path(devset)
    labels_path = root / "labels.jsonl"
    if not labels_path.exists() or not (root / "mail").is_dir():
        raise UsageError(f"{devset} must hold mail/ and labels.jsonl")
    labels = [json.loads(x) for x in labels_path.read_text("utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(os.path.join(tmp, "eval.sqlite"))
        opts = Options(hmac_key=store.hmac_key(), limits=Limits(ocr=ocr))
        source = EmlFolderSource(root / "mail")
        audit = _RedactionAudit()
        with _captured_logs() as log_buf, audit:
            scan(source, store, opts, detector_factory(lexicons), workers=workers)
            output_leaks, leaked = _output_leaks(labels, store, tmp, log_buf)
        rows = store.db.execute("SELECT m.message_id, f.category, f.excerpt, f.score, f.detector FROM findings f "
                                "JOIN messages m ON m.key=f.message_key").fetchall()
        if json_path:
            with open(json_path, "a", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(dict(zip(("message_id", "category", "excerpt", "score", "detector"), r,
                                                 strict=False)), ensure_ascii=False) + "\n")
        store.close()
    predicted: dict[str, set[str]] = {}
    for mid, cat, *_ in rows:
        predicted.setdefault(mid, set()).add(cat)
    ev = Evaluation(root.name, output_leaks=output_leaks, leaks=_leaks(labels, rows),
                    secrets=sum(len(lab.get("secrets", [])) for lab in labels),
                    leaked=[f"  LEAK {where}: {secret[:12]}…" for where, secret in leaked],
                    masked=audit.summary(labels) if workers <= 0 else
                    "excerpt text masked by shape: not measured with --workers (run with --workers 0)",
                    masked_not_secret=[f"  MASKED {piece!r}" for piece in audit.not_secret(labels)])
    for cat in MESSAGE_CATEGORIES:
        c = ev.counts[cat] = Counts()
        for lab in labels:
            pos = cat in lab["categories"]
            pred = cat in predicted.get(lab["message_id"], set())
            if cat in lab.get("hard_negative_for", []) and not pos:
                c.hard += 1
                c.hard_flagged += pred
            if pos and pred:
                c.tp += 1
            elif pred:
                c.fp += 1
                ev.details.append(f"  FP {cat:15} {lab['file']}")
            elif pos:
                c.fn += 1
                ev.details.append(f"  FN {cat:15} {lab['file']}  ({lab.get('note', '')[:70]})")
    return ev


def _report(ev: Evaluation, verbose: bool) -> list[str]:
    lines = _table(ev.counts)
    lines.append(f"secrets found in clear in the findings: {ev.leaks}")
    lines.append(f"planted secrets ({ev.secrets}) found in clear in the outputs: "
                 + ", ".join(f"{name} {n}" for name, n in ev.output_leaks.items()))
    lines.append(ev.masked)
    if verbose:
        lines += ev.details + ev.leaked + ev.masked_not_secret
    return lines


def evaluate_many(devsets: list[str] | tuple[str, ...], workers: int = 0, ocr: bool = True,
                  json_path: str | None = None, lexicons: tuple[str, ...] = (), verbose: bool = False) -> str:
    """Each labelled mailbox on its own, then the micro-average of their counts when there are several."""
    if json_path:
        Path(json_path).write_text("", encoding="utf-8")
    evs = [run_one(d, workers, ocr, json_path, lexicons) for d in devsets]
    if len(evs) == 1:
        return "\n".join(_report(evs[0], verbose))
    lines = []
    total = {cat: Counts() for cat in MESSAGE_CATEGORIES}
    for ev in evs:
        lines += [f"== {ev.name}", *_report(ev, verbose), ""]
        for cat in MESSAGE_CATEGORIES:
            total[cat].add(ev.counts[cat])
    lines += [f"== all {len(evs)} mailboxes", *_table(total)]
    return "\n".join(lines)


@contextlib.contextmanager
def _captured_logs():
    """Everything logged meanwhile, at debug level, in a buffer; the root logger is put back after."""
    import io
    import logging

    buf = io.StringIO()
    from .redaction import RedactingFilter

    handler = logging.StreamHandler(buf)
    handler.setLevel(logging.DEBUG)
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield buf
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _output_leaks(labels, store, tmp: str, log_buf) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Write every output a user can ask for and count planted secrets found in clear in each.

    The workbook is read member by member (XML-unescaped), the state as a full SQL dump, and the
    log of the whole run at debug level."""
    import html
    import sqlite3
    import zipfile

    from .outputs import write_outputs

    paths = {k: os.path.join(tmp, f"out.{k}") for k in ("xlsx", "jsonl", "csv", "graphml")}
    write_outputs(store.db, str(store.path), out=paths["xlsx"], json_path=paths["jsonl"], csv_path=paths["csv"],
                  graph_path=paths["graphml"], run_info=[("evaluation", "")], lang="fr", wb_password=None)
    texts = {}
    with zipfile.ZipFile(paths["xlsx"]) as z:
        texts["workbook"] = html.unescape("\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                                    if n.endswith(".xml")))
    for name, key in (("JSON", "jsonl"), ("CSV", "csv"), ("GraphML", "graphml")):
        texts[name] = Path(paths[key]).read_text("utf-8", "replace")
    texts["GEXF"] = Path(os.path.join(tmp, "out.gexf")).read_text("utf-8", "replace")
    db = sqlite3.connect(store.path)
    # every text the state holds (numbers such as a message's size in bytes are no text of the mail)
    texts["state"] = "\n".join(str(v) for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                               for row in db.execute(f'SELECT * FROM "{table}"') for v in row if isinstance(v, str))
    db.close()
    texts["log"] = log_buf.getvalue()
    secrets = {s for lab in labels for s in lab.get("secrets", [])}
    counts, leaked = {}, []
    for name, text in texts.items():
        found = [s for s in secrets if _in_clear(s, text)]
        counts[name] = len(found)
        leaked += [(name, s) for s in found]
    return counts, leaked


def _in_clear(secret: str, text: str) -> bool:
    """The secret as a whole word, also with its spaces changed (an excerpt joins lines and
    collapses spaces; a table cell may drop them)."""
    if re.search(r"(?<![\w])" + re.escape(secret) + r"(?![\w])", text):
        return True
    words = secret.split()
    if len(words) > 1 and len("".join(words)) >= 6:
        spaced = r"\s*".join(re.escape(w) for w in words)
        return re.search(r"(?<![\w])" + spaced + r"(?![\w])", text) is not None
    return False


class _RedactionAudit:
    """What the shape redaction masks in excerpts beyond the detectors' values, collected in
    memory during an in-process evaluation: are excerpts still readable?"""

    def __init__(self) -> None:
        self.windows = 0
        self.window_chars = 0
        self.masked: list[str] = []

    def __call__(self, kind: str, text: str) -> None:
        if kind == "excerpt-window":
            self.windows += 1
            self.window_chars += len(text)
        elif kind == "excerpt":
            self.masked.append(" ".join(text.split()))

    def __enter__(self):
        from .redaction import AUDIT

        AUDIT.append(self)
        return self

    def __exit__(self, *exc) -> None:
        from .redaction import AUDIT

        AUDIT.remove(self)

    @staticmethod
    def _is_secret(piece: str, secrets: list[str]) -> bool:
        flat = piece.replace(" ", "")
        return any(flat and (flat in s.replace(" ", "") or s.replace(" ", "") in flat) for s in secrets)

    def not_secret(self, labels) -> list[str]:
        secrets = [s for lab in labels for s in lab.get("secrets", []) if len(s) >= 2]
        return [p for p in self.masked if not self._is_secret(p, secrets)]

    def summary(self, labels) -> str:
        other = self.not_secret(labels)
        n_other = sum(len(p) for p in other)
        n_all = sum(len(p) for p in self.masked)
        share = n_other / self.window_chars if self.window_chars else 0.0
        return (f"excerpt text masked by shape beyond the detectors' values: {n_all} characters in "
                f"{len(self.masked)} spans, of which {n_other} characters ({len(other)} spans) are not planted "
                f"secrets: {share:.1%} of the {self.window_chars} characters of {self.windows} excerpts")


def _leaks(labels, rows) -> int:
    secrets = {s for lab in labels for s in lab.get("secrets", [])}
    n = 0
    for _mid, _cat, excerpt, *_ in rows:
        for s in secrets:
            if re.search(r"(?<![\w])" + re.escape(s) + r"(?![\w])", excerpt or ""):
                n += 1
    return n
