"""Fixtures of pyzmq-ssh's tests.

A real sshd on 127.0.0.1 for the whole session, ssh clients isolated from the
machine's ssh configuration, zmq contexts, and after every test that uses
the server a check that no process or thread is left behind.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import ssh_test_server
from ssh_test_processes import (
    SETTLE_TIMEOUT,
    alive,
    children,
    processes_mentioning,
    terminate,
    wait_until,
)
from ssh_test_server import ThrowawaySSHD

from zmq.ssh.tunnel import ParamikoTunnel

T = TypeVar("T")


@pytest.fixture(scope="session")
def sshd() -> Iterator[ThrowawaySSHD]:
    """The test sshd, started once per session."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip(
            "the test sshd needs Linux and root (namespaces, and a test user to log in as)"
        )
    # not pytest's tmp_path: its parent is private to root, and sshd reads the
    # authorized keys as the test user
    workdir = Path(tempfile.mkdtemp(prefix="zmq-sshd-", dir="/tmp"))
    workdir.chmod(0o755)
    try:
        server = ssh_test_server.start(workdir)
        try:
            yield server
        finally:
            sshd_pid = server.sshd_pid
            server.stop()
            assert not alive(sshd_pid)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class SSHTest:
    """What a test gets from the ``ssh`` fixture: the server, and tunnels closed for it."""

    server: ThrowawaySSHD
    tunnels: list[Any] = field(default_factory=list)

    def track(self, tunnel: T) -> T:
        """Close ``tunnel`` (an ssh pid or a ParamikoTunnel) at the end of the test."""
        self.tunnels.append(tunnel)
        return tunnel

    def close_tunnels(self) -> None:
        for tunnel in self.tunnels:
            if isinstance(tunnel, ParamikoTunnel):
                tunnel.terminate()
                tunnel.join(SETTLE_TIMEOUT)
            else:
                terminate([tunnel])


@pytest.fixture
def ssh(sshd: ThrowawaySSHD, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SSHTest]:
    """The test sshd, with clients that use only its configuration and keys.

    ``ssh`` on PATH is the wrapper that adds the test client configuration;
    HOME (where paramiko looks for known_hosts and keys) holds only the
    pinned host key; there is no agent, no terminal to ask passwords on,
    and stdin is at its end.
    After the test, its tunnels are closed, then no ssh process, child
    process or thread it started may remain.
    """
    monkeypatch.setenv("PATH", f"{sshd.bindir}{os.pathsep}{os.environ['PATH']}")
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    shutil.copy(sshd.known_hosts, home / ".ssh" / "known_hosts")
    monkeypatch.setenv("HOME", str(home))
    for name in ("SSH_AUTH_SOCK", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PYZMQ_PARAMIKO_HOST_KEY_POLICY", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr("getpass.getpass", _getpass_without_terminal)
    threads_before = set(threading.enumerate())
    # other tests of the session may leave long-lived children of their own
    # (multiprocessing's resource tracker): only new ones count
    children_before = set(children(os.getpid()))
    test = SSHTest(sshd)
    try:
        yield test
        test.close_tunnels()
        _check_nothing_left(sshd, threads_before, children_before)
    finally:
        sshd.end_sessions()


def _check_nothing_left(
    sshd: ThrowawaySSHD, threads_before: set[threading.Thread], children_before: set[int]
) -> None:
    def leftovers() -> dict[str, list[Any]]:
        found = {
            "ssh processes": processes_mentioning(str(sshd.client_config)),
            "child processes": [
                pid
                for pid in children(os.getpid())
                if pid != sshd.process.pid and pid not in children_before
            ],
            "threads": [t.name for t in threading.enumerate() if t not in threads_before],
        }
        return {kind: items for kind, items in found.items() if items}

    if not wait_until(lambda: not leftovers()):
        pytest.fail(f"left behind: {leftovers()}")


@pytest.fixture(params=[False, True], ids=["openssh", "paramiko"])
def use_paramiko(request: pytest.FixtureRequest) -> bool:
    """Run a test with each backend: the ssh command, then paramiko."""
    return bool(request.param)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """``root@127.0.0.1:port`` of a server that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield f"root@127.0.0.1:{listener.getsockname()[1]}"


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port of 127.0.0.1 that refuses connections (bound, not listening, for the whole test)."""
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        yield placeholder.getsockname()[1]


def _getpass_without_terminal(prompt: str = "Password: ", stream: object = None) -> str:
    """getpass where the process has no terminal and stdin is at its end (a test
    run in a terminal would otherwise ask its user)."""
    raise EOFError


@pytest.fixture
def typed_passwords(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """Make a terminal where the given passwords are typed in turn; returns the prompts shown."""

    def type_in(*passwords: str) -> list[str]:
        answers = list(passwords)
        prompts: list[str] = []

        def getpass(prompt: str = "Password: ", stream: object = None) -> str:
            prompts.append(prompt)
            return answers.pop(0)

        monkeypatch.setattr("getpass.getpass", getpass)
        return prompts

    return type_in
