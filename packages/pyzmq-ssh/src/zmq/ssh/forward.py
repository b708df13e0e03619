"""Local port forwarding through a paramiko SSH connection, like ``ssh -L``.

Each connection accepted on a local port becomes a ``direct-tcpip`` channel
of the SSH transport to a remote host and port, served by its own thread.
paramiko itself is only needed to make the transport.
"""

from __future__ import annotations

import logging
import select
import socket
import socketserver
import threading
import time
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import paramiko

__all__ = ["ForwardServer", "Handler", "forward_server", "forward_tunnel"]

logger = logging.getLogger("zmq.ssh")

#: bytes moved per read in either direction
_CHUNK = 65536
#: seconds to wait for forwarded connections to end once their transport has closed
CLOSE_TIMEOUT = 10.0


class Handler(socketserver.BaseRequestHandler):
    """Forward one local connection through the SSH transport.

    Subclasses set the class attributes ``ssh_transport`` (a connected
    ``paramiko.Transport``), ``chain_host`` and ``chain_port`` (where the SSH
    server connects to); :func:`forward_server` makes such a subclass.
    """

    ssh_transport: paramiko.Transport
    chain_host: str
    chain_port: int

    def handle(self) -> None:
        """Open a channel to ``chain_host:chain_port``, then copy data both ways until EOF."""
        try:
            channel = self.ssh_transport.open_channel(
                "direct-tcpip", (self.chain_host, self.chain_port), self.request.getpeername()
            )
        except Exception as error:  # any failure only ends this one connection
            logger.info(
                "cannot forward %s to %s:%d: %s",
                self.client_address,
                self.chain_host,
                self.chain_port,
                error,
            )
            return
        with channel:
            _copy_both_ways(self.request, channel)


def _copy_both_ways(local: socket.socket, channel: paramiko.Channel) -> None:
    # a channel closed by its transport becomes readable and reads as end of stream
    while True:
        readable, _, _ = select.select([local, channel], [], [])
        for source, sink in ((local, channel), (channel, local)):
            if source in readable:
                data = source.recv(_CHUNK)
                if not data:
                    return
                sink.sendall(data)


class ForwardServer(socketserver.ThreadingTCPServer):
    """A threading TCP server that keeps track of its open connections.

    It knows how long it has been without a connection (:meth:`idle_seconds`),
    can serve until a condition fails (:meth:`serve_while`), and waits for
    the threads of its connections to end (:meth:`wait_closed`).
    """

    daemon_threads = True
    allow_reuse_address = True
    #: seconds between two checks of the condition given to serve_while
    timeout = 0.1

    def __init__(
        self,
        server_address: tuple[str, int],
        RequestHandlerClass: Callable[[Any, Any, Any], socketserver.BaseRequestHandler],
        bind_and_activate: bool = True,
    ) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._idle_since = time.monotonic()
        self._connection_threads: list[threading.Thread] = []
        super().__init__(server_address, RequestHandlerClass, bind_and_activate)

    def get_request(self) -> tuple[Any, Any]:
        # every accepted connection reaches shutdown_request exactly once, whatever happens
        request = super().get_request()
        with self._lock:
            self._open += 1
        return request

    def shutdown_request(self, request: Any) -> None:
        super().shutdown_request(request)
        with self._lock:
            self._open -= 1
            if not self._open:
                self._idle_since = time.monotonic()

    def process_request(self, request: Any, client_address: Any) -> None:
        # as ThreadingMixIn does, but the daemon threads are kept so that wait_closed can join them
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"zmq.ssh forward {client_address}",
            daemon=True,
        )
        with self._lock:
            self._connection_threads = [t for t in self._connection_threads if t.is_alive()]
            self._connection_threads.append(thread)
        thread.start()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a connection cut by the closing transport is routine, not worth a traceback on stderr
        logger.debug("forwarded connection from %s failed", client_address, exc_info=True)

    def idle_seconds(self) -> float:
        """Seconds since the last connection closed (or since the start); 0 while one is open."""
        with self._lock:
            return 0.0 if self._open else time.monotonic() - self._idle_since

    def serve_while(self, keep_serving: Callable[[], bool]) -> None:
        """Accept connections while ``keep_serving()`` is true, then stop listening.

        The condition is checked at least every :attr:`timeout` seconds.
        Connections already accepted go on until they end.
        """
        try:
            while keep_serving():
                self.handle_request()
        finally:
            self.server_close()

    def wait_closed(self, timeout: float) -> bool:
        """Wait until the threads of all connections have ended.

        Returns
        -------
        bool
            True if they all ended within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._connection_threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)


def forward_server(
    local_port: int, remote_host: str, remote_port: int, transport: paramiko.Transport
) -> ForwardServer:
    """Listen on 127.0.0.1:``local_port`` and forward connections through ``transport``.

    Parameters
    ----------
    local_port : int
        The local port to listen on (loopback only: a tunnel is not offered
        to other machines).
    remote_host, remote_port : str, int
        Where the SSH server connects each forwarded connection to.
    transport : paramiko.Transport
        An authenticated SSH transport.

    Returns
    -------
    ForwardServer
        Bound and listening; nothing is served until it is asked to.

    Raises
    ------
    OSError
        If the local port cannot be bound.
    """
    handler = type(
        "ForwardHandler",
        (Handler,),
        {"ssh_transport": transport, "chain_host": remote_host, "chain_port": remote_port},
    )
    return ForwardServer(("127.0.0.1", local_port), handler)


def forward_tunnel(
    local_port: int, remote_host: str, remote_port: int, transport: paramiko.Transport
) -> None:
    """Forward 127.0.0.1:``local_port`` to ``remote_host:remote_port`` through ``transport``.

    Blocks while the transport is active: it returns once the SSH connection
    has closed and the forwarded connections have ended.

    Parameters
    ----------
    local_port : int
        The local port to listen on, on the loopback interface.
    remote_host, remote_port : str, int
        Where the SSH server connects each forwarded connection to.
    transport : paramiko.Transport
        An authenticated SSH transport.

    Raises
    ------
    OSError
        If the local port cannot be bound.
    """
    server = forward_server(local_port, remote_host, remote_port, transport)
    server.serve_while(transport.is_active)
    server.wait_closed(CLOSE_TIMEOUT)
