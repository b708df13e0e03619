"""A REQ client reaches a REP server through an SSH tunnel.

Usage: python ssh_tunnel.py SERVER [KEYFILE] [--paramiko]

SERVER is ``[user@]host[:port]`` of an SSH server that reaches the REP
server at 127.0.0.1: here, an sshd on this machine (``localhost``). Its host
key must be in ``~/.ssh/known_hosts``.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import zmq
from zmq import ssh


def close_tunnel(tunnel: Any) -> None:
    """An OpenSSH tunnel is the pid of its ssh; a paramiko tunnel is a process."""
    if isinstance(tunnel, int):
        os.kill(tunnel, signal.SIGTERM)
    else:
        tunnel.terminate()
        tunnel.join()


def main(server: str, keyfile: str | None, paramiko: bool) -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.REP) as rep, ctx.socket(zmq.REQ) as req:
        req.rcvtimeo = rep.rcvtimeo = 10_000
        port = rep.bind_to_random_port("tcp://127.0.0.1")
        # the address as the SSH server sees it: the same machine, here
        tunnel = ssh.tunnel_connection(
            req, f"tcp://127.0.0.1:{port}", server, keyfile, paramiko=paramiko, timeout=10
        )
        try:
            req.send_string("ping through ssh")
            print(f"REP got {rep.recv_string()!r}")
            rep.send_string("pong")
            print(f"REQ got {req.recv_string()!r}")
        finally:
            close_tunnel(tunnel)


if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if arg != "--paramiko"]
    if not 1 <= len(args) <= 2:
        sys.exit(__doc__)
    main(args[0], args[1] if len(args) == 2 else None, "--paramiko" in sys.argv)
