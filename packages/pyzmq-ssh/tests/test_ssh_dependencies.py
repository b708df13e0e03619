"""Optional dependencies: imported only when used, and named when missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from zmq.ssh import tunnel


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )


def test_importing_zmq_ssh_loads_neither_backend() -> None:
    result = _run(
        """
        import sys, zmq.ssh
        print(sorted({"paramiko", "pexpect"} & set(sys.modules)))
        """
    )
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(
    "call",
    [
        "tunnel.paramiko_tunnel(5555, 5555, 'root@127.0.0.1')",
        "tunnel.try_passwordless_ssh('root@127.0.0.1', None, paramiko=True)",
        "tunnel.open_tunnel('tcp://127.0.0.1:5555', 'root@127.0.0.1', paramiko=True)",
    ],
)
def test_missing_paramiko_says_what_to_install(call: str) -> None:
    result = _run(
        f"""
        import sys
        sys.modules["paramiko"] = None  # as if it were not installed
        from zmq.ssh import tunnel
        try:
            {call}
        except ImportError as error:
            print(error)
        """
    )
    assert "pip install pyzmq-ssh[paramiko]" in result.stdout, result.stderr


def test_missing_pexpect_says_what_to_install() -> None:
    result = _run(
        """
        import sys
        sys.modules["pexpect"] = None
        from zmq.ssh import tunnel
        try:
            tunnel.openssh_tunnel(5555, 5555, "root@127.0.0.1")
        except ImportError as error:
            print(error)
        """
    )
    assert "pip install pexpect" in result.stdout and "paramiko=True" in result.stdout


def test_ssh_exception_is_paramikos_when_installed() -> None:
    import paramiko

    assert tunnel.SSHException is paramiko.SSHException


def test_ssh_exception_exists_without_paramiko() -> None:
    result = _run(
        """
        import sys
        sys.modules["paramiko"] = None
        import zmq.ssh.tunnel
        from zmq.ssh.tunnel import SSHException
        print(issubclass(SSHException, Exception), repr(SSHException))
        print("SSHException" in dir(zmq.ssh.tunnel))
        """
    )
    # where PyZMQ defines it, and where the names of zmq.ssh.tunnel list it
    assert result.stdout.split() == [
        "True",
        "<class",
        "'zmq.ssh.tunnel.SSHException'>",
        "True",
    ], result.stderr


def test_lazy_names_are_listed() -> None:
    assert {"SSHException", "paramiko", "pexpect"} <= set(dir(tunnel))


def test_backend_modules_are_named_as_in_pyzmq() -> None:
    import paramiko
    import pexpect

    assert tunnel.paramiko is paramiko and tunnel.pexpect is pexpect
    result = _run(
        """
        import sys
        sys.modules["paramiko"] = sys.modules["pexpect"] = None
        from zmq.ssh import tunnel
        print(tunnel.paramiko, tunnel.pexpect)
        """
    )
    assert result.stdout.split() == ["None", "None"], result.stderr


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        tunnel.no_such_name  # noqa: B018
