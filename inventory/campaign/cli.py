"""``mailbox-inventory campaign run|status|report``: many consenting mailboxes, one report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InventoryError


def _fail(exc: InventoryError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group()
def campaign() -> None:
    """Audit campaigns: many consenting mailboxes scanned on Dask, one RSSI workbook, one DPO register.

    \b
    mailbox-inventory campaign run audit.toml --out audit-2026/
    mailbox-inventory campaign run audit.toml --out audit-2026/ --scheduler tls://sched.example.org:8786
    mailbox-inventory campaign status audit.toml --out audit-2026/
    mailbox-inventory campaign report audit.toml --out audit-2026/ --pseudonymise
    """


def _line(c) -> str:
    return (f"mailboxes: {c.done} done, {c.running} running, {c.failed} failed, {c.retrying} to retry, "
            f"{c.waiting} waiting / {c.total} ({c.refused} refused) | {c.messages} messages, {c.rate:.0f} msg/s")


@campaign.command("run")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder of the outputs, the states and the campaign key (keep it for next year's run).")
@click.option("--scheduler", help="Address of a Dask scheduler (tcp:// or tls://; TLS from Dask's configuration).")
@click.option("--tls-ca-file", type=click.Path(exists=True, dir_okay=False),
              help="With --scheduler tls://...: the CA of the cluster (default: Dask's configuration).")
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False), help="This client's certificate (PEM).")
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False), help="This client's private key (PEM).")
@click.option("--workers", type=int, default=2, show_default=True, help="Workers of the embedded LocalCluster.")
@click.option("--dashboard", help="Serve the embedded cluster's Dask dashboard on this loopback address "
                                  "(127.0.0.1:8787); off by default.")
@click.option("--pseudonymise", is_flag=True, help="Name mailboxes by a keyed pseudonym in the RSSI workbook.")
@click.option("--quiet", "-q", is_flag=True)
@click.option("--verbose", "-v", is_flag=True)
def run(file, out, scheduler, tls_ca_file, tls_cert, tls_key, workers, dashboard, pseudonymise, quiet,
        verbose) -> None:
    """Scan every consenting mailbox of FILE and write OUT/campaign.xlsx, OUT/register.xlsx, OUT/owners/."""
    from ..cli import _setup_logging

    _setup_logging(not verbose, verbose)
    from .config import load
    from .run import RunOptions, run_campaign, write_reports

    try:
        c = load(file)
        if workers < 1:
            raise click.BadParameter("at least one worker", param_hint="--workers")
        tls = (tls_ca_file, tls_cert, tls_key) if (tls_ca_file or tls_cert or tls_key) else None
        if tls and not all(tls):
            raise click.BadParameter("give --tls-ca-file, --tls-cert and --tls-key together", param_hint="--tls-*")
        if tls and not (scheduler or "").startswith("tls://"):
            raise click.BadParameter("TLS files go with --scheduler tls://host:port", param_hint="--tls-*")
        for r in c.refused:
            click.echo(f"refused: {r.owner}: {r.reason}", err=True)
        tty = sys.stderr.isatty()
        last = [""]

        def show(counts) -> None:
            line = _line(counts)
            if quiet or line == last[0]:
                return
            last[0] = line
            click.echo(("\r" + line + "\033[K") if tty else line, err=True, nl=not tty)

        summaries, run_id = run_campaign(c, RunOptions(Path(out), scheduler=scheduler, workers=workers,
                                                       dashboard=dashboard, pseudonymise=pseudonymise,
                                                       tls=tls, on_progress=show))
        if tty and not quiet:
            click.echo("", err=True)
        rssi, dpo = write_reports(c, Path(out), summaries, run_id, pseudonymise=pseudonymise,
                                  extra_info=[("workers", scheduler or f"LocalCluster of {workers}")])
    except InventoryError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: each mailbox's state keeps what was scanned; run again to resume", err=True)
        sys.exit(130)
    failed = [s for s in summaries if s.status == "failed"]
    for s in failed:
        click.echo(f"failed: {s.owner}: {s.error_kind}: {s.error}", err=True)
    click.echo(f"{len(summaries) - len(failed)} mailboxes scanned, {len(failed)} failed, {len(c.refused)} refused; "
               f"RSSI: {rssi}  DPO: {dpo}  owners: {Path(out) / 'owners'}", err=True)
    sys.exit(0 if not failed else 1)


@campaign.command("status")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False))
def status(file, out) -> None:
    """What the last run of FILE did, mailbox by mailbox, and what each state holds now."""
    from .config import load
    from .history import History
    from .run import _count_messages, state_path

    try:
        c = load(file)
        if not (Path(out) / "campaign.sqlite").exists():
            click.echo(f"no campaign run in {out} yet")
            return
        h = History(out)
        last = h.last_run()
        h.close()
    except InventoryError as exc:
        _fail(exc)
    statuses = last["mailboxes"] if last else {}
    click.echo(f"run {last['id']}: started {last['started']}, "
               f"{'finished ' + last['finished'] if last['finished'] else 'not finished'} ({last['workers']})")
    for m in c.mailboxes:
        n = _count_messages(state_path(c, Path(out), m.id))
        click.echo(f"  {m.owner:30.30}  {statuses.get(m.id, 'not run'):8}  {n:7d} messages in the state  ({m.id})")
    for r in c.refused:
        click.echo(f"  {r.owner:30.30}  refused   {r.reason}")


@campaign.command("report")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False))
@click.option("--pseudonymise", is_flag=True, help="Name mailboxes by a keyed pseudonym in the RSSI workbook.")
def report(file, out, pseudonymise) -> None:
    """Write the RSSI workbook and the DPO register again from the states of the last run (no scan)."""
    from ..cli import _setup_logging

    _setup_logging(True, False)
    from .aggregate import MailboxSummary
    from .config import load
    from .history import History
    from .run import finalise, state_path, write_reports

    try:
        c = load(file)
        h = History(out)
        last = h.last_run()
        h.close()
        if not last:
            raise InventoryError(f"no campaign run in {out}: run 'campaign run' first")
        summaries = []
        for m in c.mailboxes:
            if last["mailboxes"].get(m.id) == "done" and state_path(c, Path(out), m.id).exists():
                summaries.append(finalise(c, Path(out), m, attempts=0, seconds=0.0, outcomes=[], write_owner=False))
            else:
                summaries.append(MailboxSummary(id=m.id, owner=m.owner, groups=m.groups, consent=str(m.consent),
                                                status="failed", error_kind="not scanned",
                                                error=f"last run: {last['mailboxes'].get(m.id, 'not run')}"))
        rssi, dpo = write_reports(c, Path(out), summaries, last["id"], pseudonymise=pseudonymise)
    except InventoryError as exc:
        _fail(exc)
    click.echo(f"RSSI: {rssi}  DPO: {dpo}", err=True)


@campaign.command("benchmark")
@click.argument("path", type=click.Path(exists=True))
@click.option("--accounts", type=int, default=20, show_default=True, help="Accounts of the throwaway Dovecot.")
@click.option("--per-account", type=int, default=40, show_default=True,
              help="Messages per account, cycled over PATH.")
@click.option("--workers", default="1,2,4", show_default=True, help="LocalCluster sizes to measure.")
@click.option("--scheduler-workers", type=int, default=2, show_default=True,
              help="Workers of the scheduler started apart on the loopback (0: skip that run).")
def benchmark(path, accounts, per_account, workers, scheduler_workers) -> None:
    """Campaign speed on this machine: N accounts of mail from PATH at 1, 2, 4 Dask workers, against
    the sum of single-mailbox scans, and once through --scheduler on the loopback (needs dovecot)."""
    from ..cli import _setup_logging

    _setup_logging(True, False)
    import signal

    from ..throwaway_dovecot import DovecotUnavailable
    from .benchmark import run as run_bench

    # a terminated benchmark still stops its Dovecot, scheduler and workers (the finally blocks run)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    try:
        sizes = tuple(int(x) for x in workers.split(",") if x.strip())
        res = run_bench(path, accounts=accounts, per_account=per_account, workers=sizes,
                        scheduler_workers=scheduler_workers, log=lambda m: click.echo(m, err=True))
    except (DovecotUnavailable, InventoryError, ValueError, RuntimeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    click.echo("\n".join(res.lines()))
