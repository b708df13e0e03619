"""Processes seen through /proc (Linux): what the ssh tests start, and what they leave behind."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from typing import Callable

#: seconds a test waits at most for processes or threads to come or go
SETTLE_TIMEOUT = 10.0


def wait_until(condition: Callable[[], bool], timeout: float = SETTLE_TIMEOUT) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes; whether it held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def state(pid: int) -> str | None:
    """The state letter of a process (R, S, Z, ...), or None if it does not exist."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return None


def alive(pid: int) -> bool:
    """Whether the process exists and has not exited (a zombie has exited)."""
    return state(pid) not in (None, "Z", "X")


def command_line(pid: int) -> list[str]:
    """The arguments of a process; empty if it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return [os.fsdecode(arg) for arg in cmdline.read().split(b"\0")[:-1]]
    except OSError:
        return []


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (of all its threads)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(child) for child in listing.read().split()]
        except OSError:
            pass
    return found


def descendants(pid: int) -> list[int]:
    """All processes below ``pid``, parents before their children."""
    found: list[int] = []
    todo = [pid]
    while todo:
        below = children(todo.pop(0))
        found += below
        todo += below
    return found


def processes_mentioning(text: str) -> list[int]:
    """Live processes with ``text`` in one of their arguments."""
    return [
        int(name)
        for name in os.listdir("/proc")
        if name.isdigit() and any(text in arg for arg in command_line(int(name)))
    ]


def terminate(pids: list[int], timeout: float = SETTLE_TIMEOUT) -> None:
    """SIGTERM the processes (SIGKILL what is left after ``timeout``); wait until they are gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        if wait_until(lambda: not any(alive(pid) for pid in pids), timeout):
            return
    raise AssertionError(f"processes {pids} survived SIGKILL")
