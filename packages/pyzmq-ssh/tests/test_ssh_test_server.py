"""The test sshd itself: stopping it leaves no sshd, session or remote sleep behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import ssh_test_server
from ssh_test_processes import (
    alive,
    command_line,
    processes_mentioning,
    terminate,
    wait_until,
)

from zmq.ssh import tunnel


def test_stopped_server_leaves_no_process(ssh: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="zmq-sshd-", dir="/tmp"))
    workdir.chmod(0o755)
    try:
        server = ssh_test_server.start(workdir)
        try:
            monkeypatch.setenv("PATH", f"{server.bindir}{os.pathsep}{os.environ['PATH']}")
            pid = tunnel.openssh_tunnel(
                tunnel.select_random_ports(1)[0], 5555, server.server(), keyfile=server.client_key
            )

            def remote_sleeps() -> list[int]:
                return [p for p in server.session_pids() if command_line(p)[:1] == ["sleep"]]

            assert wait_until(lambda: bool(remote_sleeps()))
            terminate([pid])  # orphans the remote sleep
            # (it moves from its session to sshd meanwhile: a walk of the process
            # tree may miss it in between, so look until the tree has settled)
            assert wait_until(lambda: bool(remote_sleeps()))
            server_side = [server.sshd_pid, *server.session_pids()]
        finally:
            server.stop()
        assert not [p for p in server_side if alive(p)]
        assert not processes_mentioning(str(workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
