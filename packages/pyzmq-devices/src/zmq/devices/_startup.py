"""How a background device tells start() that its sockets are ready, or why they are not."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import queue
from typing import Any, Protocol


class Writer(Protocol):
    """The device's end: sends ``None`` (ready) or the exception that stopped it."""

    def send(self, obj: Any) -> None: ...


class ThreadStartup:
    """The report of a device running in a thread of this process."""

    def __init__(self) -> None:
        self._outcomes: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()

    @property
    def writer(self) -> Writer:
        return self

    def send(self, outcome: BaseException | None) -> None:
        self._outcomes.put(outcome)

    def launched(self) -> None:
        """The thread was started."""

    def close(self) -> None:
        """The thread could not be started."""

    def wait(self, launcher: Any) -> BaseException | None:
        """The outcome of the startup: ``None``, or the exception to raise."""
        return self._outcomes.get()


class ProcessStartup:
    """The report of a device running in another process, through a pipe."""

    def __init__(self) -> None:
        self._reader, self._writer = multiprocessing.Pipe(duplex=False)

    @property
    def writer(self) -> Writer:
        return self._writer

    def launched(self) -> None:
        """The process was started: it has its own end of the pipe."""
        self._writer.close()

    def close(self) -> None:
        """The process could not be started."""
        self._writer.close()
        self._reader.close()

    def wait(self, launcher: Any) -> BaseException | None:
        """The outcome of the startup: ``None``, or the exception to raise."""
        try:
            multiprocessing.connection.wait([self._reader, launcher.sentinel])
            if self._reader.poll():
                outcome: BaseException | None = self._reader.recv()
                return outcome
        except EOFError:
            pass
        finally:
            self._reader.close()
        launcher.join()
        return RuntimeError(
            f"the device's process exited (exit code {launcher.exitcode}) "
            "before its sockets were set up"
        )


def report(writer: Writer, outcome: BaseException | None) -> None:
    """Send ``outcome`` through ``writer``, even if it cannot be pickled."""
    try:
        writer.send(outcome)
    except Exception:
        # an exception pickle cannot carry still has a type and a message
        writer.send(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
