"""Run a campaign on Dask distributed: one task per mailbox (or per group of folders of a large one),
retries with backoff, each finished mailbox's owner workbook written as soon as it is done.

The client (this process) holds the campaign key, the history and the outputs; a task gets one
mailbox, its state path and the key in memory. An embedded ``LocalCluster`` binds to 127.0.0.1 only
and opens no dashboard unless asked (then on 127.0.0.1 too); ``--scheduler`` joins a cluster the
user runs, with the TLS settings of Dask's configuration.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from .aggregate import MailboxSummary, merge_parts, summarise
from .config import Campaign, Mailbox
from .history import History
from .tasks import Outcome, ScanTask, scan_task

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0


@dataclass
class Counts:
    """What the terminal shows while the campaign runs."""

    total: int = 0
    done: int = 0
    failed: int = 0
    running: int = 0
    waiting: int = 0
    retrying: int = 0
    messages: int = 0
    rate: float = 0.0
    refused: int = 0
    last: list[str] = field(default_factory=list)


@dataclass
class RunOptions:
    out_dir: Path
    scheduler: str | None = None
    workers: int = 2
    dashboard: str | None = None  # an address on 127.0.0.1 for the embedded cluster's dashboard
    pseudonymise: bool = False
    tls: tuple[str, str, str] | None = None  # (CA file, client certificate, client key) for tls:// schedulers
    retry_delay: float | None = None  # overrides the campaign file's (tests)
    on_progress: Callable[[Counts], None] | None = None
    watch: Callable[[object], None] | None = None  # given the Dask client at each progress tick (monitoring)
    poll: float = 1.0


@dataclass
class _Job:
    mailbox: Mailbox
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # part -> folders ("" whole mailbox)
    done_parts: dict[str, Outcome] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    failure: Outcome | None = None
    started: float = 0.0


def state_dir(campaign: Campaign, out_dir: Path) -> Path:
    return Path(campaign.settings.state_dir) if campaign.settings.state_dir else out_dir / "state"


def state_path(campaign: Campaign, out_dir: Path, mailbox_id: str, part: str = "") -> Path:
    d = state_dir(campaign, out_dir)
    return d / f"{mailbox_id}.sqlite" if not part else d / f"{mailbox_id}.parts" / f"{part}.sqlite"


def owner_path(m: Mailbox, out_dir: Path) -> Path:
    return Path(m.out) if m.out else out_dir / "owners" / f"{m.id}.xlsx"


def plan_parts(sizes: tuple[tuple[str, int], ...], limit: int) -> dict[str, tuple[str, ...]]:
    """Folders grouped (largest first, first fit) into parts of at most ``limit`` messages; a folder
    larger than the limit is a part of its own. A part is named by its folders, so the same split gives
    the same part states next run."""
    groups: list[list] = []
    for name, n in sorted(sizes, key=lambda x: (-x[1], x[0])):
        for g in groups:
            if g[0] + n <= limit:
                g[0] += n
                g[1].append(name)
                break
        else:
            groups.append([n, [name]])
    out = {}
    for _n, names in groups:
        names = tuple(sorted(names))
        out[hashlib.sha256("\0".join(names).encode()).hexdigest()[:12]] = names
    return out


def start_client(scheduler: str | None, workers: int, dashboard: str | None,
                 tls: tuple[str, str, str] | None = None):
    """A Dask client: to the user's scheduler, or to an embedded LocalCluster on the loopback."""
    from urllib.parse import urlsplit

    import dask
    from distributed import Client, LocalCluster

    from ..egress import allow_host, install

    # non-daemonic worker processes may start the analysis process that enforces the per-message budget
    dask.config.set({"distributed.admin.system-monitor.gil.enabled": False, "distributed.worker.daemon": False})
    # this process talks to its cluster only: the loopback, or the scheduler the user named
    install()
    allow_host("127.0.0.1")
    allow_host("localhost")
    if scheduler:
        allow_host(urlsplit(scheduler).hostname or "127.0.0.1")
    if scheduler:
        security = None
        if tls:
            from distributed.security import Security

            ca, cert, key = tls
            security = Security(tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True)
        try:
            # without explicit files, Client takes the TLS settings of Dask's configuration
            return Client(scheduler, timeout="30s", **({"security": security} if security else {})), None
        except (OSError, TimeoutError, ValueError, TypeError) as exc:  # unreachable, refused, TLS missing
            from ..errors import ConnectionFailed

            raise ConnectionFailed(f"cannot reach the Dask scheduler {scheduler}: {type(exc).__name__}: "
                                   f"{str(exc)[:200]}") from None
    if dashboard:
        host = dashboard.rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost", "[::1]"):
            from ..errors import UsageError

            raise UsageError("--dashboard serves on the loopback only (127.0.0.1:PORT)")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=dashboard, worker_dashboard_address=None, silence_logs=logging.ERROR,
                           protocol="tcp://")
    return Client(cluster), cluster


def _count_messages(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT count(*) FROM messages").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def run_campaign(campaign: Campaign, opts: RunOptions) -> tuple[list[MailboxSummary], int]:
    """Scan every consenting mailbox, write each owner's workbook; returns the summaries and the run id."""
    out = Path(opts.out_dir)
    history = History(out)
    key = history.key()
    client, cluster = start_client(opts.scheduler, opts.workers, opts.dashboard, opts.tls)
    run_id = history.start_run(str(campaign.path), opts.scheduler or f"LocalCluster({opts.workers})")
    settings = campaign.settings
    delay = settings.retry_delay if opts.retry_delay is None else opts.retry_delay
    jobs = {m.id: _Job(m) for m in campaign.mailboxes}
    futures: dict = {}  # future -> (mailbox id, part)
    later: list[tuple[float, str, str]] = []  # (when, mailbox id, part) for retries
    summaries: dict[str, MailboxSummary] = {}
    counts = Counts(total=len(jobs), refused=len(campaign.refused))
    rate_window: list[tuple[float, int]] = []
    # owners' workbooks are written in one thread beside the loop, which keeps watching tasks and retries
    writer = ThreadPoolExecutor(1, thread_name_prefix="owner-workbooks")
    finishing: dict[str, Future] = {}

    def submit(mid: str, part: str) -> None:
        job = jobs[mid]
        job.attempts[part] = job.attempts.get(part, 0) + 1
        if not job.started:
            job.started = time.monotonic()
        task = ScanTask(job.mailbox, str(state_path(campaign, out, mid, part)), settings, key, part,
                        job.parts.get(part, ()))
        fut = client.submit(scan_task, task, key=f"scan-{mid}-{part or 'all'}-{job.attempts[part]}", pure=False,
                            retries=0)
        futures[fut] = (mid, part)

    def finish(mid: str) -> MailboxSummary:
        """In the writer thread: merge a split mailbox's parts, write the owner's workbook, summarise."""
        job = jobs[mid]
        if job.failure is not None:
            f = job.failure
            return MailboxSummary(
                id=mid, owner=job.mailbox.owner, groups=job.mailbox.groups, consent=str(job.mailbox.consent),
                status="failed", source_kind="imap" if job.mailbox.is_imap else "local", error_kind=f.error_kind,
                error=f.error, attempts=sum(job.attempts.values()), seconds=time.monotonic() - job.started)
        if set(job.parts) != {""}:
            merge_parts([(str(state_path(campaign, out, mid, p)), folders) for p, folders in job.parts.items()],
                        state_path(campaign, out, mid))
        return finalise(campaign, out, job.mailbox, attempts=sum(job.attempts.values()),
                        seconds=time.monotonic() - job.started, outcomes=list(job.done_parts.values()))

    def collect(block: bool = False) -> None:
        for mid, cf in list(finishing.items()):
            if block or cf.done():
                del finishing[mid]
                try:
                    summaries[mid] = cf.result()
                except Exception as exc:  # noqa: BLE001 - an owner's workbook that cannot be written
                    job = jobs[mid]
                    summaries[mid] = MailboxSummary(
                        id=mid, owner=job.mailbox.owner, groups=job.mailbox.groups, consent=str(job.mailbox.consent),
                        status="failed", error_kind="output", error=f"{type(exc).__name__}: {str(exc)[:300]}",
                        attempts=sum(job.attempts.values()))
                history.record(run_id, summaries[mid])
                counts.last = (counts.last + [f"{mid}: {summaries[mid].status}"])[-3:]

    for mid, job in jobs.items():
        job.parts = {"": ()}
        submit(mid, "")
    last_poll = 0.0
    try:
        while futures or later or finishing:
            now = time.monotonic()
            for fut in [f for f in futures if f.done()]:
                mid, part = futures.pop(fut)
                job = jobs[mid]
                try:
                    outcome: Outcome = fut.result()
                except Exception as exc:  # noqa: BLE001 - a task whose workers kept dying, a lost future
                    outcome = Outcome(mid, part, ok=False, error_kind="worker",
                                      error=f"{type(exc).__name__}: {str(exc)[:300]}")
                if outcome.ok and outcome.split:
                    job.parts = plan_parts(outcome.split, settings.split_messages)
                    for p in job.parts:
                        submit(mid, p)
                    continue
                if outcome.ok:
                    job.done_parts[part] = outcome
                elif outcome.error_kind != "usage" and job.attempts[part] <= settings.retries:
                    wait = min(delay * 2 ** (job.attempts[part] - 1), MAX_BACKOFF)
                    log.warning("%s%s failed (%s), retry in %.1f s", mid, f" part {part}" if part else "",
                                outcome.error_kind, wait)
                    later.append((now + wait, mid, part))
                    continue
                else:
                    job.failure = job.failure or outcome
                waiting = any((m == mid) for m, _p in futures.values()) or any(m == mid for _t, m, _p in later)
                if not waiting and (job.failure is not None or set(job.done_parts) == set(job.parts)):
                    finishing[mid] = writer.submit(finish, mid)
            collect()
            for item in [x for x in later if x[0] <= now]:
                later.remove(item)
                submit(item[1], item[2])
            if now - last_poll >= opts.poll:
                last_poll = now
                _progress(client, campaign, out, jobs, futures, later, summaries, counts, rate_window)
                if opts.on_progress:
                    opts.on_progress(counts)
                if opts.watch:
                    opts.watch(client)
            time.sleep(0.1)
        collect(block=True)
        _progress(client, campaign, out, jobs, futures, later, summaries, counts, rate_window)
        if opts.on_progress:
            opts.on_progress(counts)
    finally:
        writer.shutdown(wait=True)
        client.close()
        if cluster is not None:
            cluster.close()
    history.finish_run(run_id, {"done": counts.done, "failed": counts.failed, "refused": counts.refused,
                                "messages": counts.messages})
    history.close()
    ordered = [summaries[m.id] for m in campaign.mailboxes]
    return ordered, run_id


def _progress(client, campaign, out, jobs, futures, later, summaries, counts: Counts, window) -> None:
    try:
        processing = {k for keys in client.processing().values() for k in keys}
    except Exception:  # noqa: BLE001 - progress is best effort
        processing = set()
    running = {mid for f, (mid, _p) in futures.items() if f.key in processing}
    counts.done = sum(1 for s in summaries.values() if s.status == "done")
    counts.failed = sum(1 for s in summaries.values() if s.status == "failed")
    counts.running = len(running)
    counts.retrying = len({mid for _t, mid, _p in later})
    counts.waiting = len(jobs) - counts.done - counts.failed - counts.running - counts.retrying
    total = sum(s.messages for s in summaries.values())
    for mid in running:
        total += sum(_count_messages(state_path(campaign, out, mid, p)) for p in jobs[mid].parts)
    counts.messages = total
    now = time.monotonic()
    window.append((now, total))
    while len(window) > 2 and now - window[0][0] > 30:
        window.pop(0)
    if len(window) >= 2 and window[-1][0] > window[0][0]:
        counts.rate = max(0.0, (window[-1][1] - window[0][1]) / (window[-1][0] - window[0][0]))


def run_info(campaign: Campaign, m: Mailbox, state: Path, outcomes: list[Outcome]) -> list[tuple[str, str]]:
    from ..sources.imap import parse_imap_url

    scanned = sum(o.scanned for o in outcomes)
    known = sum(o.known for o in outcomes)
    source = m.source
    if m.is_imap:
        t = parse_imap_url(m.source, starttls=m.starttls)
        source = f"IMAP {t.user}@{t.host}:{t.port} ({'STARTTLS' if t.starttls else 'TLS'}, read-only EXAMINE + " \
                 "BODY.PEEK)"
    return [
        ("tool", f"mailbox-inventory {__version__}"),
        ("started", min((o.started for o in outcomes if o.started), default="")),
        ("finished", datetime.now(UTC).isoformat(timespec="seconds")),
        ("source", source),
        ("campaign", f"{campaign.settings.name or campaign.path.name} (mailbox {m.id})"),
        ("owner", m.owner),
        ("consent given", str(m.consent)),
        ("read-only", "yes: folders opened with EXAMINE, bodies fetched with BODY.PEEK[]; no write command allowed"
         if m.is_imap else "yes: files opened for reading only"),
        ("messages scanned this run", str(scanned)),
        ("messages already in the state", str(known)),
        ("workers", ", ".join(sorted({o.worker for o in outcomes if o.worker}))),
        ("state file", str(state)),
        ("secrets in clear", "no: values masked, HMAC kept (campaign key)"),
    ]


def finalise(campaign: Campaign, out: Path, m: Mailbox, *, attempts: int, seconds: float,
             outcomes: list[Outcome], write_owner: bool = True) -> MailboxSummary:
    """The owner's workbook from the mailbox's state, then the mailbox's line of the campaign."""
    state = state_path(campaign, out, m.id)
    if write_owner:
        from ..outputs import write_outputs

        db = sqlite3.connect(state)
        try:
            write_outputs(db, str(state), owner=m.owner_address,
                          owner_domains=tuple(d.lower() for d in m.owner_domains), out=str(owner_path(m, out)),
                          json_path=None, csv_path=None, graph_path=None,
                          run_info=run_info(campaign, m, state, outcomes), lang=campaign.settings.lang,
                          wb_password=None, background=False)  # no fork: the Dask client's threads run
        finally:
            db.close()
    s = summarise(state, mailbox_id=m.id, owner=m.owner, groups=m.groups, consent=str(m.consent),
                  source_kind="imap" if m.is_imap else "local", owner_address=m.owner_address,
                  owner_domains=tuple(d.lower() for d in m.owner_domains), attempts=attempts, seconds=seconds)
    return replace(s)


def refused_summaries(campaign: Campaign) -> list[MailboxSummary]:
    from .config import mailbox_id

    return [MailboxSummary(id=mailbox_id(r.owner, r.source), owner=r.owner, groups=r.groups, consent="",
                           status="refused", error_kind="consent", error=r.reason) for r in campaign.refused]


def write_reports(campaign: Campaign, out: Path, summaries: list[MailboxSummary], run_id: int, *,
                  pseudonymise: bool = False, extra_info: list[tuple[str, str]] = ()) -> tuple[Path, Path]:
    """campaign.xlsx (RSSI) and register.xlsx (DPO) from the mailboxes' summaries."""
    from .aggregate import changes
    from .report import write_campaign_workbook, write_register

    history = History(out)
    try:
        key = history.key()
        previous = history.previous_run(run_id)
        diff = changes(history.previous_signatures(run_id), summaries) if previous else []
    finally:
        history.close()
    allsum = summaries + refused_summaries(campaign)
    info = [("tool", f"mailbox-inventory {__version__}"), ("campaign file", str(campaign.path)),
            ("campaign", campaign.settings.name or campaign.path.stem), ("run", str(run_id)),
            ("written", datetime.now(UTC).isoformat(timespec="seconds")), *extra_info]
    rssi, dpo = out / "campaign.xlsx", out / "register.xlsx"
    write_campaign_workbook(str(rssi), allsum, key=key, group_names=campaign.group_names, changes=diff,
                            previous=previous[1] if previous else None, run_info=info, lang=campaign.settings.lang,
                            pseudonymise=pseudonymise)
    write_register(str(dpo), allsum, group_names=campaign.group_names, run_info=info, lang=campaign.settings.lang)
    return rssi, dpo
