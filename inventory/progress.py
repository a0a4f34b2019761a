"""A rich progress bar for the terminal: one line per folder, messages done out of those to scan."""

from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .scan import Progress as BaseProgress


class RichProgress(BaseProgress):
    def __init__(self) -> None:
        self.p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TimeRemainingColumn(), transient=False)
        self.p.start()
        self.task = None

    def folder(self, name: str, total: int, todo: int) -> None:
        if self.task is not None:
            self.p.update(self.task, completed=self.p.tasks[self.task].total)
        self.task = self.p.add_task(f"{name} ({total - todo} known)", total=todo)

    def advance(self, n_bytes: int) -> None:
        if self.task is not None:
            self.p.advance(self.task)

    def done(self) -> None:
        self.p.stop()
