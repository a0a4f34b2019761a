"""Write the outputs of a scan: JSON lines, CSV, the graph files and the workbook.

The graph (layout, centrality, communities, GraphML/GEXF) and the workbook are independent until
the workbook's Graph sheet, so the graph runs in a forked second process while this one writes
the other sheets: on two cores the outputs take the time of the longer of the two, not the sum.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable
from typing import TypeVar

from .errors import InventoryError, OutputError

R = TypeVar("R")
log = logging.getLogger(__name__)


def _child(conn, fn, args) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except InventoryError as exc:
        conn.send(("error", exc))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("error", OutputError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def in_background(fn: Callable[..., R], *args) -> Callable[[], R]:
    """Start ``fn(*args)`` in a forked process; the returned callable waits for its result.

    Fork shares the loaded inventory without pickling it. Where fork is unavailable the call
    simply runs when its result is asked for."""
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        return lambda: fn(*args)
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args), daemon=True)
    proc.start()
    child.close()

    def wait() -> R:
        try:
            status, value = parent.recv()
        except EOFError:
            status, value = "error", OutputError(f"the graph process ended with code {proc.exitcode}")
        finally:
            parent.close()
            proc.join()
        if status != "ok":
            raise value
        return value

    wait.process = proc  # type: ignore[attr-defined]
    return wait


def _stop(wait) -> None:
    proc = getattr(wait, "process", None)
    if proc is not None and proc.is_alive():
        proc.terminate()
        proc.join()


def _graph_job(db_path: str, account: str | None, owner: str | None, owner_domains: tuple[str, ...],
               graph_path: str | None):
    """In the graph process: its own read-only connection to the state, only the tables it needs."""
    import sqlite3

    from .aggregate import load_graph_inputs
    from .graph import graph_outputs

    started = time.perf_counter()
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        view = graph_outputs(load_graph_inputs(db, account, owner, owner_domains), graph_path)
    finally:
        db.close()
    log.debug("outputs: graph (%d correspondents, %d edges) built and drawn in %.2f s", view.nodes, view.edges,
              time.perf_counter() - started)
    return view


def write_outputs(db, db_path: str, *, account: str | None = None, owner: str | None = None,
                  owner_domains: tuple[str, ...] = (), out: str | None, json_path: str | None,
                  csv_path: str | None, graph_path: str | None, run_info: list[tuple[str, str]], lang: str,
                  wb_password: str | None, background: bool = True) -> None:
    """Every output asked for, from the state: the graph process starts first (it reads the
    state itself), then this process loads the findings and writes the rest. ``background=False``
    draws the graph in this thread instead (a caller with other threads running must not fork)."""
    if not (out or json_path or csv_path or graph_path):
        return
    started = time.perf_counter()
    graph_view = None
    if out or graph_path:
        # imported before the fork: the graph process inherits pandas instead of importing it again
        # (0.3 s on the path the workbook waits on), and this process needs it for the findings anyway
        from . import aggregate  # noqa: F401

        args = (str(db_path), account, owner, owner_domains, graph_path)
        graph_view = in_background(_graph_job, *args) if background else (lambda: _graph_job(*args))
    try:
        if out or json_path or csv_path:
            from .aggregate import load

            inv = load(db, account=account, owner=owner, owner_domains=owner_domains)
            log.debug("outputs: state loaded in %.2f s", time.perf_counter() - started)
            _write_all(inv, out, json_path, csv_path, run_info, lang, wb_password, graph_view)
        elif graph_view is not None:
            graph_view()
    except BaseException:
        if graph_view is not None:
            _stop(graph_view)
        raise


def _write_all(inv, out, json_path, csv_path, run_info, lang, wb_password, graph_view) -> None:
    started = time.perf_counter()
    if json_path:
        from .report.jsonl import write_jsonl

        write_jsonl(inv, json_path)
    if csv_path:
        from .report.jsonl import write_csv

        write_csv(inv, csv_path)
    if out:
        from .report.workbook import write_workbook

        write_workbook(inv, out, run_info, lang=lang, graph_view=graph_view, password=wb_password)
        log.debug("outputs: workbook written in %.2f s", time.perf_counter() - started)
    elif graph_view is not None:
        graph_view()


def _warm_imports() -> None:
    """What the outputs import: pandas, openpyxl, networkx, matplotlib (about 0.8 s of CPU)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    from . import aggregate, graph  # noqa: F401
    from .report import jsonl, workbook  # noqa: F401


def _serve(conn) -> None:
    """The output process: imports first, then waits for the one job the scan sends when it ends."""
    try:
        _warm_imports()
    except ImportError:
        pass  # the job meets the same error and reports it as the outputs always did
    try:
        job = conn.recv()
    except (EOFError, OSError):
        return
    if job is None:
        return
    _child(conn, _write_job, (job,))


def _write_job(job: dict) -> None:
    """Write the outputs from the state, read through a read-only connection of this process."""
    import sqlite3

    db = sqlite3.connect(f"file:{job['db_path']}?mode=ro", uri=True)
    try:
        write_outputs(db, **job)
    finally:
        db.close()


class OutputProcess:
    """A process forked before the scan, which writes the outputs once it ends.

    The outputs import pandas, openpyxl, networkx and matplotlib: done after the scan, those
    imports stood between its last message and the workbook. Forked first, this process imports
    them while the scan builds its detectors (one core is idle then), then sleeps until it is sent
    the job. It reads the state through its own read-only connection, as the graph process does;
    the workbook password, if any, only travels through the pipe."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        # not a daemon: it forks the graph process; it ends when the pipe closes, whatever happens here
        self._proc = ctx.Process(target=_serve, args=(child,))
        self._proc.start()
        child.close()

    @classmethod
    def start(cls) -> OutputProcess | None:
        """The output process, or None where fork is unavailable (the outputs are then written here)."""
        try:
            return cls()
        except (ValueError, OSError):
            return None

    def run(self, db_path: str, **job) -> None:
        """Write the outputs there (the arguments of :func:`write_outputs` but the connection)."""
        try:
            self._conn.send({"db_path": db_path, **job})
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            status, value = "error", OutputError(f"the output process ended with code {self._proc.exitcode}: {exc}")
        finally:
            self.close()
        if status != "ok":
            raise value

    def close(self) -> None:
        """Stop the process when it has no job (a scan that failed)."""
        try:
            if self._proc.is_alive() and not self._conn.closed:
                self._conn.send(None)
        except (OSError, ValueError):
            pass
        self._conn.close()
        self._proc.join(5)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()
