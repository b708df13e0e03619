"""The paramiko backend: SSH logins and tunnels without the ssh command."""

from __future__ import annotations

import getpass
import multiprocessing
import os
import socket
import time

from zmq.ssh._addresses import parse_server
from zmq.ssh._errors import MaxRetryExceeded, missing_dependency
from zmq.ssh._password import ask_password
from zmq.ssh._timeouts import setup_seconds
from zmq.ssh._tunnel_process import ParamikoTunnel, serve

try:
    import paramiko
except ImportError as error:
    raise missing_dependency(
        "paramiko", "pip install pyzmq-ssh[paramiko]", "the paramiko backend of zmq.ssh"
    ) from error

#: environment variable naming paramiko's policy for unknown host keys: Reject, AutoAdd, Warning
HOST_KEY_POLICY_VARIABLE = "PYZMQ_PARAMIKO_HOST_KEY_POLICY"

# paramiko reports "no key and no password to try" with this message on a plain SSHException
_NO_CREDENTIALS = "No authentication methods available"
#: seconds allowed for starting the tunnel process (by fork, forkserver or spawn)
_START_SECONDS = 10.0


class UnknownHostKeyPolicy(ValueError, AttributeError):
    """``PYZMQ_PARAMIKO_HOST_KEY_POLICY`` names no paramiko policy (PyZMQ's AttributeError)."""


class _RejectUnknownHost(paramiko.RejectPolicy):  # type: ignore[misc]  # paramiko is untyped
    """Refuse unknown host keys, with a message that says what to do about it."""

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        raise paramiko.SSHException(
            f"the host key of {hostname} is not known: add it to ~/.ssh/known_hosts "
            f"(connecting once with ssh does), or set {HOST_KEY_POLICY_VARIABLE}=AutoAdd"
        )


def host_key_policy() -> paramiko.MissingHostKeyPolicy:
    """The policy for host keys missing from ~/.ssh/known_hosts.

    Unknown hosts are refused, unless the environment variable
    ``PYZMQ_PARAMIKO_HOST_KEY_POLICY`` names another paramiko policy
    (``AutoAdd`` or ``Warning``).

    Raises
    ------
    UnknownHostKeyPolicy
        If the variable names no paramiko policy.
    """
    name = os.environ.get(HOST_KEY_POLICY_VARIABLE)
    if not name:
        return _RejectUnknownHost()
    policy = getattr(paramiko, f"{name}Policy", None)
    if not (isinstance(policy, type) and issubclass(policy, paramiko.MissingHostKeyPolicy)):
        raise UnknownHostKeyPolicy(
            f"{HOST_KEY_POLICY_VARIABLE}={name!r} names no paramiko host key policy; "
            "use Reject, AutoAdd or Warning"
        )
    return policy()


def connect(
    server: str, keyfile: str | None, password: str | None, timeout: float
) -> paramiko.SSHClient:
    """Log in to ``server`` with a key (the keyfile, the agent's, ~/.ssh's) or the password.

    Parameters
    ----------
    server : str
        ``[user@]host[:port]``; the user defaults to the local one, the port to 22.
    keyfile : str or None
        A private key file; ``password`` decrypts it if it is encrypted.
    password : str or None
        The password, tried after the keys.
    timeout : float
        Seconds allowed for the TCP connection, the SSH banner, and the login.

    Raises
    ------
    paramiko.AuthenticationException
        If the server refused every key and the password.
    paramiko.SSHException
        If the host key is unknown or wrong, or the SSH handshake failed.
    MaxRetryExceeded
        If the server does not get through the handshake within the timeout.
    OSError
        If the server cannot be reached.
    """
    address = parse_server(server)
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(host_key_policy())
    start = time.monotonic()
    try:
        client.connect(
            address.host,
            address.port or 22,
            username=address.user or getpass.getuser(),
            key_filename=keyfile,
            password=password,
            timeout=timeout,
            banner_timeout=timeout,
            auth_timeout=timeout,
        )
    except paramiko.SSHException as error:
        client.close()
        # past the deadline, paramiko fails on whatever step it was at, with that step's message
        if time.monotonic() - start >= timeout:
            raise MaxRetryExceeded(
                f"ssh to {server} did not finish connecting within {timeout:g} s"
            ) from error
        raise
    except socket.gaierror as error:
        client.close()
        raise socket.gaierror(
            error.errno, f"cannot resolve the host of the ssh server {server}: {error.strerror}"
        ) from error
    except BaseException:
        client.close()
        raise
    return client


def _refused(error: BaseException) -> bool:
    return isinstance(error, paramiko.AuthenticationException) or str(error) == _NO_CREDENTIALS


def try_passwordless(server: str, keyfile: str | None, timeout: float) -> bool:
    """Whether ``server`` accepts a login without a password (see :func:`connect`)."""
    try:
        client = connect(server, keyfile, None, timeout)
    except paramiko.SSHException as error:
        if _refused(error):
            return False
        raise
    client.close()
    return True


def paramiko_tunnel(
    lport: int,
    rport: int,
    server: str,
    remoteip: str,
    keyfile: str | None,
    password: str | None,
    timeout: float,
) -> ParamikoTunnel:
    """Forward 127.0.0.1:``lport`` to ``remoteip:rport`` via ``server`` in a process of its own.

    It returns once the process has logged in and listens, and raises what
    went wrong there. If the keys are refused and no password was given, a
    password is asked for (as getpass does) and the login tried again.
    """
    tunnel, error = _start(lport, rport, server, remoteip, keyfile, password, timeout)
    if error is not None and _refused(error):
        if password is not None:
            raise paramiko.AuthenticationException(
                f"{server} refused the login: wrong password, and no key it accepts"
            ) from error
        typed = ask_password(f"{server}'s password: ")
        tunnel, error = _start(lport, rport, server, remoteip, keyfile, typed, timeout)
    if error is not None:
        raise error
    return tunnel


def _start(
    lport: int,
    rport: int,
    server: str,
    remoteip: str,
    keyfile: str | None,
    password: str | None,
    timeout: float,
) -> tuple[ParamikoTunnel, BaseException | None]:
    """Start the tunnel process; it, and what failed in it (None once it listens)."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    tunnel = ParamikoTunnel(
        lport,
        target=serve,
        args=(sender, lport, rport, server, remoteip, keyfile, password, timeout),
        name=f"zmq.ssh tunnel 127.0.0.1:{lport} -> {remoteip}:{rport}",
        daemon=True,
    )
    with receiver:
        try:
            tunnel.start()
        finally:
            # the process has its own copy: without this one, its end is the pipe's end
            sender.close()
        try:
            # the login has its own deadline; the rest is for starting the process
            seconds = setup_seconds(timeout)
            if not receiver.poll(seconds + _START_SECONDS):
                raise MaxRetryExceeded(
                    f"ssh to {server} did not finish connecting within {seconds:g} s"
                )
            error: BaseException | None = receiver.recv()
        except EOFError:
            tunnel.join()
            error = RuntimeError(
                f"the tunnel process to {server} ended with exit code {tunnel.exitcode}"
            )
        except BaseException:
            _stop(tunnel)
            raise
    if error is not None:
        _stop(tunnel)
    return tunnel, error


def _stop(tunnel: ParamikoTunnel) -> None:
    if tunnel.is_alive():
        tunnel.terminate()
    tunnel.join()
