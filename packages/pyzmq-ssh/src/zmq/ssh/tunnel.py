"""SSH tunnels for zmq connections.

A zmq socket reaches ``tcp://ip:port`` through an SSH server: a local port on
127.0.0.1 is forwarded over SSH to ``ip:port`` as seen from that server, and
the socket connects to the local port::

    tunnel_connection(socket, "tcp://10.0.0.5:5555", "user@gateway:2222")

The tunnel is made by the ``ssh`` command (OpenSSH, driven through pexpect:
the default on POSIX) or by paramiko (``paramiko=True``: the default on
Windows; ``pip install pyzmq-ssh[paramiko]``).
"""

from __future__ import annotations

import importlib
import socket
import sys
from typing import TYPE_CHECKING, Any, Union

from zmq.ssh._addresses import parse_tcp_address
from zmq.ssh._errors import MaxRetryExceeded, ssh_exception_type
from zmq.ssh._timeouts import tunnel_seconds
from zmq.ssh._tunnel_process import ParamikoTunnel

if TYPE_CHECKING:
    import zmq

__all__ = [
    "MaxRetryExceeded",
    "ParamikoTunnel",
    "open_tunnel",
    "openssh_tunnel",
    "paramiko_tunnel",
    "select_random_ports",
    "ssh_tunnel",
    "try_passwordless_ssh",
    "tunnel_connection",
    "unsafe_pyzmq_server_options",
]

#: what a tunnel function returns: the ssh's pid (OpenSSH), the forwarding process (paramiko)
Tunnel = Union[int, ParamikoTunnel]

#: seconds try_passwordless_ssh allows for connecting and logging in
PASSWORDLESS_TIMEOUT = 30.0

#: Let a server given to the OpenSSH backend carry ssh options before the
#: destination (``"-J jump alice@gateway"``), split into words as a shell
#: does, as PyZMQ's command line took them. Off by default: a server that
#: comes from elsewhere (a connection file, a user) could then run commands
#: on this machine (``-oProxyCommand=...``); servers with a space or a
#: leading ``-`` are refused instead.
unsafe_pyzmq_server_options = False


# names decided on first use, since importing paramiko takes longer than importing zmq;
# listed all the same, as PyZMQ's module has them
_LAZY_NAMES = ("SSHException", "paramiko", "pexpect")


def __getattr__(name: str) -> Any:
    # paramiko's own class when paramiko is installed
    if name == "SSHException":
        return ssh_exception_type()
    # PyZMQ's module held the backends' modules, None where not installed
    if name in ("paramiko", "pexpect"):
        try:
            return importlib.import_module(name)
        except ImportError:
            return None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_NAMES})


def select_random_ports(n: int) -> list[int]:
    """Find ``n`` distinct TCP ports that are free on 127.0.0.1.

    The ports are released before returning, so another program may take
    one before it is used: tunnels that fail to bind it say so.

    Parameters
    ----------
    n : int
        How many ports.

    Returns
    -------
    list of int
    """
    sockets = []
    try:
        for _ in range(n):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def try_passwordless_ssh(server: str, keyfile: str | None, paramiko: bool | None = None) -> bool:
    """Check whether ``server`` can be logged in to without a password.

    Parameters
    ----------
    server : str
        ``[user@]host[:port]``.
    keyfile : str or None
        A private key file to offer (besides the agent's and the default ones).
    paramiko : bool, optional
        Ask paramiko instead of the ssh command (default: on Windows only).

    Returns
    -------
    bool
        True if a key is accepted; False if the server wants a password
        (or a passphrase for the key).

        With the ssh command, as in PyZMQ, also True when ssh fails for
        another reason (the server cannot be reached...), with a
        :class:`DeprecationWarning`.

    Raises
    ------
    SSHException
        If the host key is unknown or wrong.
    OSError
        If the server cannot be reached (paramiko).
    MaxRetryExceeded
        If it takes longer than :data:`PASSWORDLESS_TIMEOUT`.
    """
    if _use_paramiko(paramiko):
        from zmq.ssh import _paramiko

        return _paramiko.try_passwordless(server, keyfile, PASSWORDLESS_TIMEOUT)
    from zmq.ssh import _openssh

    return _openssh.try_passwordless(
        server, keyfile, PASSWORDLESS_TIMEOUT, unsafe_pyzmq_server_options
    )


def tunnel_connection(
    socket: zmq.Socket[Any],
    addr: str,
    server: str,
    keyfile: str | None = None,
    password: str | None = None,
    paramiko: bool | None = None,
    timeout: float = 60,
) -> Tunnel:
    """Connect a zmq socket to ``addr`` through an SSH tunnel via ``server``.

    Parameters
    ----------
    socket : zmq.Socket
        The socket to connect.
    addr : str
        ``tcp://ip:port`` as seen from the SSH server.
    server : str
        The SSH server, ``[user@]host[:port]``.
    keyfile : str, optional
        A private key file to log in with.
    password : str, optional
        The password (or the passphrase of the key). Without one, or when it
        is refused, it is asked for with :func:`getpass.getpass` if the
        server wants it, as in PyZMQ.
    paramiko : bool, optional
        Use paramiko instead of the ssh command (default: on Windows only).
    timeout : float
        Seconds the tunnel stays open without a connection (infinity: until
        it is closed); also the limit for setting it up (a minute at most if
        infinite).

    Returns
    -------
    int or ParamikoTunnel
        The tunnel, as :func:`open_tunnel` returns it.
    """
    url, tunnel = open_tunnel(addr, server, keyfile, password, paramiko, timeout)
    socket.connect(url)
    return tunnel


def open_tunnel(
    addr: str,
    server: str,
    keyfile: str | None = None,
    password: str | None = None,
    paramiko: bool | None = None,
    timeout: float = 60,
) -> tuple[str, Tunnel]:
    """Open an SSH tunnel to ``addr`` via ``server``, from a free local port.

    The parameters are those of :func:`tunnel_connection`.

    Returns
    -------
    url : str
        ``tcp://127.0.0.1:port``, the local end to connect to.
    tunnel : int or ParamikoTunnel
        The pid of the ssh process (:func:`openssh_tunnel`), or the
        forwarding thread (:func:`paramiko_tunnel`).

    Raises
    ------
    ValueError
        If ``addr`` is not a ``transport://host:port`` address (another
        transport than tcp warns, and is tunnelled over tcp, as in PyZMQ).
    """
    ip, rport = parse_tcp_address(addr)
    lport = select_random_ports(1)[0]
    make = paramiko_tunnel if _use_paramiko(paramiko) else openssh_tunnel
    tunnel = make(lport, rport, server, ip, keyfile, password, timeout)
    return f"tcp://127.0.0.1:{lport}", tunnel


def openssh_tunnel(
    lport: int,
    rport: int,
    server: str,
    remoteip: str = "127.0.0.1",
    keyfile: str | None = None,
    password: str | None = None,
    timeout: float = 60,
) -> int:
    """Forward 127.0.0.1:``lport`` to ``remoteip:rport`` via ``server`` with the ssh command.

    ssh answers its password prompt through pexpect, then goes to the
    background (``ssh -f``) and runs ``sleep timeout`` on the server: the
    tunnel lasts ``timeout`` seconds, and after that as long as a forwarded
    connection is open. If the user's ssh configuration has a ControlMaster
    connection running to ``server``, the forward is added to it instead,
    and taken back when this process exits. The server holds no space and
    starts with no ``-``, unless :data:`unsafe_pyzmq_server_options` is set.

    Parameters
    ----------
    lport : int
        The local port, on 127.0.0.1.
    rport : int
        The remote port.
    server : str
        The SSH server, ``[user@]host[:port]``; what is left out comes from
        the user's ssh configuration.
    remoteip : str
        The remote host, as seen from the SSH server.
    keyfile : str, optional
        A private key file (``ssh -i``).
    password : str, optional
        The password or key passphrase; without one, or when it is refused,
        it is asked for with :func:`getpass.getpass`, as in PyZMQ.
    timeout : float
        Seconds the tunnel stays up without a connection (infinity: until it
        is closed), and the limit for setting it up (a minute at most).
        What is not a positive number warns, and counts as 60.

    Returns
    -------
    int
        The pid of the background ssh (or of the ControlMaster), which
        ends the tunnel when terminated. Without /proc (not Linux): the pid
        of the ssh that was started, which has exited.

    Raises
    ------
    SSHException
        If the host key is unknown or wrong.
    EOFError
        If a password is needed and none can be read (no terminal, and
        stdin at its end), as from getpass.
    RuntimeError
        If ssh fails (unknown host, connection refused, port in use, ...),
        with ssh's own message.
    MaxRetryExceeded
        If ssh is not done within ``timeout`` seconds.
    ValueError
        If ``server`` holds a space or starts with ``-`` (see
        :data:`unsafe_pyzmq_server_options`).
    """
    from zmq.ssh import _openssh

    return _openssh.openssh_tunnel(
        lport,
        rport,
        server,
        remoteip,
        keyfile,
        password,
        tunnel_seconds(timeout),
        unsafe_pyzmq_server_options,
    )


def paramiko_tunnel(
    lport: int,
    rport: int,
    server: str,
    remoteip: str = "127.0.0.1",
    keyfile: str | None = None,
    password: str | None = None,
    timeout: float = 60,
) -> ParamikoTunnel:
    """Forward 127.0.0.1:``lport`` to ``remoteip:rport`` via ``server`` with paramiko.

    The forwarding runs in a daemon process, as in PyZMQ; it returns once
    that process has logged in and listens, and its errors are raised here.
    Host keys come from ~/.ssh/known_hosts; unknown hosts are refused unless
    the environment variable ``PYZMQ_PARAMIKO_HOST_KEY_POLICY`` says
    ``AutoAdd`` or ``Warning``.

    The parameters are those of :func:`openssh_tunnel`; the server's user
    defaults to the local user, its port to 22.

    Returns
    -------
    ParamikoTunnel
        The forwarding process (a ``multiprocessing.Process``):
        ``terminate()`` closes the tunnel. It also closes after ``timeout``
        seconds without a connection, and when the SSH connection breaks.

    Raises
    ------
    ImportError
        If paramiko is not installed (``pip install pyzmq-ssh[paramiko]``).
    paramiko.AuthenticationException
        If the login is refused.
    paramiko.SSHException
        If the host key is unknown or wrong, or the SSH handshake fails.
    EOFError
        If a password is needed and none can be read, as from getpass.
    OSError
        If the server cannot be reached, or ``lport`` is in use.
    """
    from zmq.ssh import _paramiko

    return _paramiko.paramiko_tunnel(
        lport, rport, server, remoteip, keyfile, password, tunnel_seconds(timeout)
    )


def _use_paramiko(paramiko: bool | None) -> bool:
    return sys.platform == "win32" if paramiko is None else paramiko


#: the tunnel function used by default on this platform
ssh_tunnel = paramiko_tunnel if sys.platform == "win32" else openssh_tunnel
