"""Parsing of SSH server specifications and of the zmq addresses to tunnel."""

from __future__ import annotations

import shlex
import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerAddress:
    """An SSH server written as ``[user@]host[:port]``.

    ``user`` and ``port`` are None when the specification leaves them out, so
    that the ssh command can take them from the user's ssh configuration.
    ``options`` are ssh options written before it (only where they are allowed).
    """

    user: str | None
    host: str
    port: int | None
    options: tuple[str, ...] = ()

    @property
    def destination(self) -> str:
        """``user@host`` (or ``host``), as the ssh command takes it."""
        return f"{self.user}@{self.host}" if self.user else self.host


def parse_server(server: str, options: bool = False) -> ServerAddress:
    """Split an SSH server specification into user, host and port.

    Parameters
    ----------
    server : str
        ``[user@]host[:port]``; an IPv6 host with a port is written in
        brackets: ``user@[::1]:2222``.
    options : bool
        Take ssh options before it, in words split as a shell does
        (``"-J jump alice@gateway:2222"``), as PyZMQ's command line did.

    Returns
    -------
    ServerAddress

    Raises
    ------
    ValueError
        If the host is empty, the port is not a number from 1 to 65535, or
        (without ``options``) the server holds a space or starts with ``-``,
        which the ssh command would take for options.
    """
    words = shlex.split(server) if options else [server]
    if not words:
        raise ValueError(f"no host in the ssh server {server!r}; expected [user@]host[:port]")
    destination = words[-1]
    user, _, hostport = destination.rpartition("@")
    host, port = _split_host_port(hostport, server)
    if not host:
        raise ValueError(f"no host in the ssh server {server!r}; expected [user@]host[:port]")
    if destination.startswith("-") or host.startswith("-") or any(c.isspace() for c in server):
        if not options:
            raise ValueError(
                f"an ssh server can hold no space and cannot start with '-': {server!r} "
                "(set zmq.ssh.tunnel.unsafe_pyzmq_server_options = True to pass ssh "
                "options in it, as PyZMQ did)"
            )
        if destination.startswith("-") or host.startswith("-"):
            raise ValueError(f"no destination after the ssh options in {server!r}")
    return ServerAddress(
        user or None, host, None if port is None else _port(port, server), tuple(words[:-1])
    )


def parse_tcp_address(addr: str) -> tuple[str, int]:
    """Split a zmq ``tcp://host:port`` address into host and port.

    Another transport with a host and a port (``udp://host:port``) is
    taken as tcp, as PyZMQ did, with a :class:`DeprecationWarning`.

    Raises
    ------
    ValueError
        If the address has no transport, no host or no numeric port.
    """
    transport, sep, hostport = addr.partition("://")
    if not sep:
        raise ValueError(f"only tcp:// addresses can go through an ssh tunnel, not {addr!r}")
    host, port = _split_host_port(hostport, addr)
    if not host or port is None:
        raise ValueError(f"expected tcp://host:port, not {addr!r}")
    if transport != "tcp":
        warnings.warn(
            f"only tcp:// addresses can go through an ssh tunnel: {addr!r} is tunnelled "
            f"to {host}:{port} over tcp, as PyZMQ did",
            DeprecationWarning,
            stacklevel=4,
        )
    return host, _port(port, addr)


def _split_host_port(hostport: str, whole: str) -> tuple[str, str | None]:
    if hostport.startswith("["):
        host, bracket, rest = hostport[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"unbalanced brackets in {whole!r}")
        return host, rest[1:] if rest else None
    if hostport.count(":") == 1:
        host, _, port = hostport.partition(":")
        return host, port
    # no colon, or a bare IPv6 address (which cannot carry a port without brackets)
    return hostport, None


def _port(text: str, whole: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"invalid port {text!r} in {whole!r}")
    return int(text)
