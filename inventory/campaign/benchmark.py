"""``campaign benchmark PATH``: a campaign of N accounts of a throwaway Dovecot, at 1, 2, 4... Dask
workers, against the sum of the same mailboxes scanned one by one, and once through a scheduler and
workers started apart on the loopback (the ``--scheduler`` path). Nothing leaves 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Row:
    label: str
    seconds: float
    messages: int
    failed: int = 0

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


@dataclass
class Result:
    accounts: int = 0
    messages: int = 0
    single_sum: float = 0.0
    rows: list[Row] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.accounts} accounts, {self.messages} messages; cores: {os.cpu_count()}",
               f"{'run':50} {'seconds':>8} {'msg/s':>8} {'vs sum of single runs':>22}",
               f"{'sum of single-mailbox scans + workbooks':50} {self.single_sum:8.1f} "
               f"{self.messages / self.single_sum if self.single_sum else 0:8.1f} {'1.00x':>22}"]
        for r in self.rows:
            ratio = self.single_sum / r.seconds if r.seconds else 0.0
            out.append(f"{r.label:50} {r.seconds:8.1f} {r.rate:8.1f} {ratio:21.2f}x"
                       + (f"  ({r.failed} failed)" if r.failed else ""))
        out.append("a ratio above 1 is a speed-up over scanning the mailboxes one after the other; the campaign "
                   "times include starting the cluster and writing every owner's workbook and both reports")
        return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _campaign_file(work: Path, dv, users: list[tuple[str, str]]) -> Path:
    lines = [f'[campaign]\nname = "benchmark"\nno_ocr = true\nretries = 0\ncafile = "{dv.cafile}"\n']
    for u, pw in users:
        lines += ["[[mailbox]]", f'owner = "{u}"', f'source = "{dv.url(u)}"',
                  f"password_command = \"{sys.executable} -c 'print(\\\"{pw}\\\")'\"",
                  'consent = "benchmark: generated mail"', f'unit = "unit {int(u[1:]) % 3}"', ""]
    p = work / "campaign.toml"
    p.write_text("\n".join(lines))
    return p


def _timed_campaign(file: Path, out: Path, *, workers: int = 2, scheduler: str | None = None) -> tuple[float, int]:
    from .config import load
    from .run import RunOptions, run_campaign, write_reports

    c = load(file)
    t0 = time.perf_counter()
    summaries, run_id = run_campaign(c, RunOptions(out, workers=workers, scheduler=scheduler))
    write_reports(c, out, summaries, run_id)
    return time.perf_counter() - t0, sum(1 for s in summaries if s.status == "failed")


def run(path: str, *, accounts: int = 20, per_account: int = 40, workers: tuple[int, ...] = (1, 2, 4),
        scheduler_workers: int = 2, log: Callable[[str], None] = print) -> Result:
    from ..benchmark import _synthetic
    from ..throwaway_dovecot import Dovecot
    from .config import load
    from .run import finalise, state_path
    from .tasks import ScanTask, scan_task

    res = Result(accounts=accounts)
    base = list(_synthetic(path, accounts * per_account))
    if not base:
        raise ValueError(f"no message in {path}")
    dv = Dovecot(rawlog=False)
    dv.configure()
    users = [(f"b{i:03d}", f"bench-{i:03d}-Pw") for i in range(accounts)]
    for i, (u, pw) in enumerate(users):
        dv.add_account(u, pw, base[i * per_account:(i + 1) * per_account])
    res.messages = len(base[:accounts * per_account])
    dv.start()
    work = Path(tempfile.mkdtemp(prefix="mi-campaign-bench-"))
    procs: list[subprocess.Popen] = []
    try:
        file = _campaign_file(work, dv, users)
        c = load(file)
        log(f"{accounts} accounts of {per_account} messages on 127.0.0.1:{dv.tls}; single-mailbox scans ...")
        t0 = time.perf_counter()
        for m in c.mailboxes:  # the unit of a campaign, in this process, one after the other
            o = scan_task(ScanTask(m, str(state_path(c, work / "single", m.id)), c.settings, os.urandom(32)))
            if not o.ok:
                raise RuntimeError(f"single scan of {m.owner} failed: {o.error}")
            finalise(c, work / "single", m, attempts=1, seconds=o.seconds, outcomes=[o])  # its workbook too
        res.single_sum = time.perf_counter() - t0
        for n in workers:
            log(f"campaign on a LocalCluster of {n} worker(s) ...")
            secs, failed = _timed_campaign(file, work / f"local-{n}", workers=n)
            res.rows.append(Row(f"campaign, LocalCluster of {n} worker(s)", secs, res.messages, failed))
        if scheduler_workers:
            dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
            if dask:
                port = _free_port()
                log(f"campaign through a scheduler and {scheduler_workers} worker(s) started apart on 127.0.0.1 ...")
                procs.append(subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                               "--dashboard-address", "127.0.0.1:0"],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                _wait_port(port)
                procs.append(subprocess.Popen([dask, "worker", f"tcp://127.0.0.1:{port}", "--host", "127.0.0.1",
                                               "--nthreads", "1", "--nworkers", str(scheduler_workers),
                                               "--dashboard-address", "127.0.0.1:0"],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                              env=dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")))
                _wait_workers(f"tcp://127.0.0.1:{port}", scheduler_workers)
                secs, failed = _timed_campaign(file, work / "scheduler", scheduler=f"tcp://127.0.0.1:{port}")
                res.rows.append(Row(f"campaign, --scheduler tcp://127.0.0.1 ({scheduler_workers} workers)", secs,
                                    res.messages, failed))
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        dv.stop()
        shutil.rmtree(work, ignore_errors=True)
    return res


def _wait_port(port: int, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the Dask scheduler did not listen on 127.0.0.1:{port}")


def _wait_workers(address: str, n: int, timeout: float = 60.0) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=timeout)
