"""Long work off the GUI thread: progress, cancel, and the result delivered on the GUI thread.

Writes to the store go through one worker thread so they never race each other; the window
stays responsive because nothing heavy runs in the event loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from sqlalchemy.exc import SQLAlchemyError

from desktop.controllers.base import store_failure
from desktop.controllers.i18n import said, translate
from desktop.domain.wording import WordedError
from desktop.sources.errors import ImportFileError
from desktop.store.errors import StoreError

if TYPE_CHECKING:
    from desktop.controllers.operations import Operations, UnitOfWork

log = logging.getLogger(__name__)

EXPECTED_ERRORS = (ImportFileError, StoreError, WordedError, OSError, ValueError)
"""Failures with a message fit for people; anything else is also shown, but logged with its traceback."""


class JobCancelledError(Exception):
    """Raised inside a job when the user cancelled it; the job's transaction rolls back."""


class JobControl:
    """What a job's work function gets: a way to report progress that also honours Cancel."""

    def __init__(self, signals: JobSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        """Tell the GUI how far the work has come; raises JobCancelledError once cancelled."""
        if self._cancel.is_set():
            raise JobCancelledError
        self._signals.progress.emit(done, total)


class JobSignals(QObject):
    """Signals of one job, delivered (queued) on the GUI thread.

    Signals:
        progress(int, int): done and total, in the job's own unit.
        succeeded(object): the work function's result.
        failed(str): a message fit to show as it is.
        cancelled(): the user cancelled; nothing was changed.
        ended(): after any of the three above.
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()


Work = Callable[[JobControl], Any]


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: JobSignals, control: JobControl) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.control = control

    def run(self) -> None:
        try:
            result = self.work(self.control)
        except JobCancelledError:
            self.signals.cancelled.emit()
        except EXPECTED_ERRORS as exc:
            self.signals.failed.emit(said(exc))
        except SQLAlchemyError as exc:
            log.warning("background job: the store refused", exc_info=True)
            self.signals.failed.emit(store_failure(exc))
        except Exception as exc:
            log.exception("background job failed")
            lead = translate("jobs", "Unexpected error:")
            self.signals.failed.emit(f"{lead} {type(exc).__name__}: {exc}")
        else:
            if self.control.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        self.signals.ended.emit()


class Job:
    """A submitted piece of work: its signals, and Cancel."""

    def __init__(self, signals: JobSignals, control: JobControl) -> None:
        self.signals = signals
        self.control = control

    def cancel(self) -> None:
        self.control.cancel()


class JobRunner(QObject):
    """Runs work functions on worker threads: writes one at a time, reads in parallel."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._jobs: set[Job] = set()

    def submit(
        self,
        work: Work,
        *,
        writes: bool,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Job:
        """Start `work` off the GUI thread; the callbacks run on the GUI thread.

        They are connected before the work starts, so that no outcome can be missed.
        """
        signals = JobSignals()
        for signal, slot in (
            (signals.succeeded, on_success),
            (signals.failed, on_failure),
            (signals.progress, on_progress),
            (signals.cancelled, on_cancel),
        ):
            if slot is not None:
                signal.connect(slot)
        control = JobControl(signals)
        job = Job(signals, control)
        self._jobs.add(job)
        signals.ended.connect(lambda: self._forget(job))
        (self._writer if writes else self._readers).start(_Runnable(work, signals, control))
        return job

    def _forget(self, job: Job) -> None:
        self._jobs.discard(job)
        job.signals.deleteLater()

    def busy(self) -> bool:
        """Whether any job is still running (or waiting to run)."""
        return bool(self._jobs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every job has finished (at shutdown, and in tests)."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)


class BackgroundTask(QObject):
    """A user-started piece of long work (an import, a sync): progress in percent, and Cancel.

    Signals:
        progress(int): percent done.
        finished(object): the work's result.
        failed(str): what went wrong, fit to show.
        cancelled(): the user cancelled; nothing was stored.
    """

    progress = Signal(int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, operations: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.job: Job | None = None

    def run(self, work: UnitOfWork) -> None:
        """Start `work` (a service call) on the writer thread; its `control.report(done, total)` becomes percent."""
        self.job = self.operations.run(
            work,
            on_success=self.finished.emit,
            on_failure=self.failed.emit,
            on_progress=lambda done, total: self.progress.emit(min(100, done * 100 // max(total, 1))),
            on_cancel=self.cancelled.emit,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
