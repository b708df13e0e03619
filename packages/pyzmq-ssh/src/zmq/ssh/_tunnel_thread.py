"""ParamikoTunnel: the handle of a tunnel forwarded by paramiko in a thread."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from zmq.ssh.forward import CLOSE_TIMEOUT, forward_server

if TYPE_CHECKING:
    import paramiko


class ParamikoTunnel(threading.Thread):
    """A local port forwarded through an SSH connection, served by a daemon thread.

    Returned by :func:`zmq.ssh.tunnel.paramiko_tunnel`. It offers the methods
    of the ``multiprocessing.Process`` that PyZMQ returned there:
    ``terminate()``, ``kill()``, ``join()`` and ``is_alive()``.

    The tunnel closes, and its SSH connection with it, when it has had no
    forwarded connection for ``timeout`` seconds, when the SSH connection
    breaks, or when it is terminated. Once :meth:`join` returns, every thread
    it used has ended.
    """

    def __init__(
        self,
        client: paramiko.SSHClient,
        lport: int,
        remoteip: str,
        rport: int,
        timeout: float,
    ) -> None:
        transport = client.get_transport()
        if transport is None:
            raise ValueError("the SSH client is not connected")
        # bound here, in the caller's thread, so that a port in use raises at once
        self._server = forward_server(lport, remoteip, rport, transport)
        self._client = client
        self._transport = transport
        self._timeout = timeout
        self._stopping = threading.Event()
        super().__init__(
            name=f"zmq.ssh tunnel 127.0.0.1:{lport} -> {remoteip}:{rport}", daemon=True
        )

    @property
    def local_port(self) -> int:
        """The port on 127.0.0.1 that leads through the tunnel."""
        return int(self._server.server_address[1])

    def run(self) -> None:
        try:
            self._server.serve_while(self._keep_open)
        finally:
            self._client.close()
            self._transport.join(CLOSE_TIMEOUT)
            self._server.wait_closed(CLOSE_TIMEOUT)

    def _keep_open(self) -> bool:
        return (
            not self._stopping.is_set()
            and self._transport.is_active()
            and self._server.idle_seconds() < self._timeout
        )

    def terminate(self) -> None:
        """Close the tunnel and its open connections (without waiting: see :meth:`join`)."""
        self._stopping.set()

    #: threads cannot be killed harder than they are terminated
    kill = terminate
