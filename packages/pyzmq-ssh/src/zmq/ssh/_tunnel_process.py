"""ParamikoTunnel: a tunnel forwarded by paramiko in a process of its own, as in PyZMQ."""

from __future__ import annotations

import multiprocessing
import pickle
import signal
from multiprocessing.connection import Connection
from typing import Any

from zmq.ssh._timeouts import setup_seconds
from zmq.ssh.forward import CLOSE_TIMEOUT, forward_server


class ParamikoTunnel(multiprocessing.Process):
    """A local port forwarded through an SSH connection, served by a daemon process.

    Returned by :func:`zmq.ssh.tunnel.paramiko_tunnel`: the
    ``multiprocessing.Process`` PyZMQ returned there, with ``terminate()``,
    ``kill()``, ``join()``, ``is_alive()``, ``pid`` and ``exitcode``.

    The tunnel closes, and its SSH connection with it, when it has had no
    forwarded connection for ``timeout`` seconds, when the SSH connection
    breaks, or when it is terminated.
    """

    def __init__(self, lport: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the port on 127.0.0.1 that leads through the tunnel
        self.local_port = lport


def serve(
    report: Connection,
    lport: int,
    rport: int,
    server: str,
    remoteip: str,
    keyfile: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """The tunnel process: log in, listen, report (None, or what failed), then forward.

    It ignores SIGINT, as PyZMQ's did: Ctrl-C in a terminal stops the
    program, whose exit ends the (daemon) tunnel, not the tunnel alone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from zmq.ssh._paramiko import connect

    try:
        client = connect(server, keyfile, password, setup_seconds(timeout))
        try:
            transport = client.get_transport()
            forwarder = forward_server(lport, remoteip, rport, transport)
        except BaseException:
            client.close()
            raise
    except BaseException as error:
        report.send(_picklable(error))
        report.close()
        return
    report.send(None)
    report.close()
    try:
        forwarder.serve_while(lambda: transport.is_active() and forwarder.idle_seconds() < timeout)
    finally:
        client.close()
        transport.join(CLOSE_TIMEOUT)
        forwarder.wait_closed(CLOSE_TIMEOUT)


def _picklable(error: BaseException) -> BaseException:
    """``error``, or else an instance of the nearest of its classes that can go to the parent."""
    for cls in type(error).__mro__:
        candidate = error if cls is type(error) else None
        try:
            if candidate is None:
                candidate = cls(str(error))
            pickle.dumps(candidate)
        except Exception:
            continue
        return candidate
    return RuntimeError(str(error))
