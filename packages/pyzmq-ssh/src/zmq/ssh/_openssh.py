"""The OpenSSH backend: tunnels made by the ssh command, driven through pexpect.

Plain ``ssh`` from PATH is run, so the user's ssh configuration (host
aliases, users, ports, identities, ProxyJump, a running ControlMaster)
applies; only what the tunnel needs is given on the command line.
"""

from __future__ import annotations

import atexit
import io
import math
import os
import re
import shutil
import subprocess
import time
import warnings

from zmq.ssh._addresses import ServerAddress, parse_server
from zmq.ssh._errors import MaxRetryExceeded, missing_dependency, ssh_exception_type
from zmq.ssh._password import ask_password
from zmq.ssh._timeouts import setup_seconds

try:
    import pexpect
except ImportError as error:
    raise missing_dependency(
        "pexpect",
        "pip install pexpect (or use the paramiko backend: paramiko=True)",
        "the OpenSSH backend of zmq.ssh",
    ) from error

_HOST_KEY_PROMPT = rb"(?i)are you sure you want to continue connecting"
# a prompt ends with a colon, unlike ssh's last word "Permission denied (publickey,password)."
_PASSWORD_PROMPT = rb"(?i)[^\r\n]*pass(word|phrase)[^\r\n]*:"
_HOST_KEY_FAILED = "Host key verification failed"
_AUTH_REFUSED = "Permission denied"
# variables that would make ssh ask a helper program instead of the terminal pexpect answers on
_ASKPASS_VARIABLES = ("SSH_ASKPASS", "SSH_ASKPASS_REQUIRE")
#: seconds between two checks whether ssh has exited, while it says nothing
_POLL_INTERVAL = 0.05


def openssh_tunnel(
    lport: int,
    rport: int,
    server: str,
    remoteip: str,
    keyfile: str | None,
    password: str | None,
    timeout: float,
    server_options: bool = False,
) -> int:
    """Forward 127.0.0.1:``lport`` to ``remoteip:rport`` with ``ssh -f``; the ssh's pid.

    With ``server_options``, ``server`` may carry ssh options before the
    destination (PyZMQ's command line took them).
    """
    address = parse_server(server, server_options)
    options = _options(address, keyfile)
    forward = f"127.0.0.1:{lport}:{_bracketed(remoteip)}:{rport}"
    master = _forward_through_master(options, forward, address, setup_seconds(timeout))
    if master is not None:
        return master
    # the remote sleep keeps the connection up for `timeout` seconds; ssh then stays
    # until the last forwarded connection closes
    args = [
        *options,
        "-f",
        "-S",
        "none",
        "-o",
        "ExitOnForwardFailure=yes",
        "-L",
        forward,
        address.destination,
        "sleep",
        "infinity" if math.isinf(timeout) else str(max(1, math.ceil(timeout))),
    ]
    foreground = _run_until_backgrounded(args, server, password, timeout)
    return _background_pid(args, foreground)


def try_passwordless(
    server: str, keyfile: str | None, timeout: float, server_options: bool = False
) -> bool:
    """Whether ``ssh`` logs in to ``server`` without asking for a password or passphrase.

    As in PyZMQ, an ssh that fails for another reason than the login (the
    server cannot be reached, say) counts as passwordless, with a
    :class:`DeprecationWarning`; a host key that is unknown or wrong raises.
    """
    address = parse_server(server, server_options)
    args = [*_options(address, keyfile), "-o", "BatchMode=yes", address.destination, "exit"]
    try:
        result = subprocess.run(
            [_ssh_command(), *args], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise MaxRetryExceeded(f"ssh to {server} did not finish within {timeout} s") from error
    if result.returncode == 0:
        return True
    output = result.stderr.decode(errors="replace").strip()
    if _AUTH_REFUSED in output:
        return False
    failure = _failure(f"ssh to {server} failed", result.returncode, output)
    if not isinstance(failure, RuntimeError):
        raise failure
    warnings.warn(
        f"{failure}; counted as a passwordless login, as PyZMQ did",
        DeprecationWarning,
        stacklevel=3,
    )
    return True


def _options(address: ServerAddress, keyfile: str | None) -> list[str]:
    options = [*address.options, *(["-i", keyfile] if keyfile else [])]
    if address.port is not None:
        options += ["-p", str(address.port)]
    return options


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _ssh_command() -> str:
    command = shutil.which("ssh")
    if command is None:
        raise FileNotFoundError(
            "the OpenSSH backend of zmq.ssh needs the ssh command, which is not on PATH: "
            "install the OpenSSH client, or use the paramiko backend (paramiko=True)"
        )
    return command


def _forward_through_master(
    options: list[str], forward: str, address: ServerAddress, timeout: float
) -> int | None:
    """Add the forward to a ControlMaster connection the user already has; its pid, or None."""

    def control(command: str, *arguments: str) -> list[str]:
        return [_ssh_command(), *options, *arguments, "-O", command, address.destination]

    status = _run_control(control("check"), timeout)
    found = re.search(rb"pid=(\d+)", status or b"")
    if found is None or _run_control(control("forward", "-L", forward), timeout) is None:
        return None
    # the master outlives this process: take the forward back when it exits
    atexit.register(_run_control, control("cancel", "-L", forward), timeout)
    return int(found[1])


def _run_control(argv: list[str], timeout: float) -> bytes | None:
    """Run an ``ssh -O`` command: its output, or None if it failed (mostly: no master running)."""
    try:
        result = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout + result.stderr if result.returncode == 0 else None


def _run_until_backgrounded(
    args: list[str], server: str, password: str | None, timeout: float
) -> int:
    """Run ssh, answering its prompts, until it has gone to the background; its pid."""
    env = {name: value for name, value in os.environ.items() if name not in _ASKPASS_VARIABLES}
    # pexpect makes ssh the leader of a new terminal session; when it exits after forking,
    # the kernel hangs up that session, which kills the forked ssh unless SIGHUP is ignored.
    # Without echo, no password can come back in ssh's output, nor in an error message.
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a process with threads (libzmq's) may
        # deadlock the child on a lock another thread held; pexpect's child only
        # sets up the terminal and runs ssh
        warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
        child = pexpect.spawn(_ssh_command(), args, env=env, ignore_sighup=True, echo=False)
    child.logfile_read = transcript = io.BytesIO()
    try:
        _answer_prompts(child, server, password, timeout)
    except BaseException:
        child.close(force=True)
        raise
    child.close()
    if child.exitstatus != 0:
        status = child.exitstatus if child.signalstatus is None else f"signal {child.signalstatus}"
        output = transcript.getvalue().decode(errors="replace")
        raise _failure(f"ssh tunnel to {server} failed to start", status, output)
    return int(child.pid)


def _answer_prompts(
    child: pexpect.spawn, server: str, password: str | None, timeout: float
) -> None:
    """Answer password and passphrase prompts until ssh exits.

    A prompt that comes back after it was answered means the answer was
    wrong: as in PyZMQ, the password is then asked for (see ask_password).
    """
    answered: set[bytes] = set()
    setup = setup_seconds(timeout)
    deadline = time.monotonic() + setup
    patterns = [_HOST_KEY_PROMPT, _PASSWORD_PROMPT, pexpect.EOF, pexpect.TIMEOUT]
    while True:
        wait = min(_POLL_INTERVAL, max(0.0, deadline - time.monotonic()))
        index = child.expect(patterns, timeout=wait)
        if index == 0:
            raise ssh_exception_type()(
                f"the host key of {server} is not known: add it to ~/.ssh/known_hosts "
                "(connecting once with ssh does)"
            )
        if index == 2:
            return
        if index == 3:
            # the forked ssh keeps the terminal open, so no end of file tells that
            # the ssh that was started has gone to the background: it has exited
            if not child.isalive():
                # take in its last words, if it exited after the last read
                child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=0)
                return
            if time.monotonic() >= deadline:
                raise MaxRetryExceeded(
                    f"ssh to {server} did not finish connecting within {setup:g} s"
                )
            continue
        prompt = child.after.strip()
        if password is None or prompt in answered:
            password = ask_password(prompt.decode(errors="replace") + " ")
            deadline = time.monotonic() + setup
        child.sendline(password)
        answered.add(prompt)


def _failure(what: str, status: object, output: str) -> Exception:
    """The exception for an ssh that exited with an error, quoting its last words."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    # before its conclusion, ssh may print a whole banner (a changed host key, for one)
    said = " ".join(lines[-2:]) or "no message from ssh"
    message = f"{what} (exit status {status}): {said}"
    if _HOST_KEY_FAILED in output:
        return ssh_exception_type()(message)
    return RuntimeError(message)


def _background_pid(args: list[str], foreground: int) -> int:
    """The pid of the ssh that ``ssh -f`` left in the background.

    It is found by its command line, which it shares with the foreground ssh
    (it is a fork) and which is unique while it lives, since it holds the
    local port of the forward. Without /proc (not Linux), the pid of the
    foreground ssh is returned, as PyZMQ did.
    """
    tail = [os.fsencode(arg) for arg in args]
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return foreground
    for pid in pids:
        if pid == foreground:
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                argv = cmdline.read().split(b"\0")[:-1]
        except OSError:
            continue
        if argv[-len(tail) :] == tail:
            return pid
    return foreground
