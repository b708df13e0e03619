"""The exceptions of zmq.ssh, and the error for a backend whose dependency is missing."""

from __future__ import annotations

import functools


class MaxRetryExceeded(TimeoutError):
    """ssh did not finish connecting (or answering) within the timeout."""


class SSHException(Exception):
    """An SSH connection could not be set up (the class used without paramiko)."""

    # where PyZMQ defines it, and where programs find it: zmq.ssh.tunnel.SSHException
    __module__ = "zmq.ssh.tunnel"


@functools.cache
def ssh_exception_type() -> type[Exception]:
    """The class of SSH errors: paramiko's SSHException when paramiko is installed.

    Both backends then raise errors that one ``except SSHException`` catches,
    as in PyZMQ, without importing paramiko (slow) until an error needs it.
    """
    try:
        import paramiko
    except ImportError:
        return SSHException
    return paramiko.SSHException  # type: ignore[no-any-return]


def missing_dependency(module: str, install: str, purpose: str) -> ImportError:
    """An ImportError that says which package to install, and how.

    Parameters
    ----------
    module : str
        The module that could not be imported.
    install : str
        The command that installs it.
    purpose : str
        What needs it, to start the message with.
    """
    return ImportError(f"{purpose} needs {module}, which is not installed: {install}", name=module)
