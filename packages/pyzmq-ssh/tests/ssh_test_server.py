"""A throwaway OpenSSH server on 127.0.0.1 for the tests (Linux, as root).

sshd runs in new mount and PID namespaces (``unshare``):

- in the mount namespace, /etc/passwd and /etc/shadow are copies that add a
  password-only test user, so the machine's accounts are never touched;
- in the PID namespace, sshd is the init process: the sessions, and the remote
  ``sleep`` a killed tunnel leaves orphaned, all live below it and all die
  with it.

The client side is isolated from ~/.ssh and /etc/ssh by an ``ssh`` wrapper
(put first on PATH) that adds ``-F`` with this server's client configuration,
with its host key pinned in its own known_hosts.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ssh_test_processes import SETTLE_TIMEOUT, children, descendants, terminate, wait_until

# sshd re-executes itself for every connection, which it only does when started by absolute path
SSHD = "/usr/sbin/sshd"
USER = "zmqtest"
#: the uid of the test user, above the ranges that distributions hand out
USER_UID = 64123
#: host aliases of the client configuration, for the host key checks
UNKNOWN_HOST_KEY = "zmq-unknown-host-key"
WRONG_HOST_KEY = "zmq-wrong-host-key"
#: host alias whose connections go through a ControlMaster at master_socket
MASTER = "zmq-master"

SSHD_CONFIG = """\
ListenAddress 127.0.0.1:{port}
HostKey {d}/host_key
PidFile none
AuthorizedKeysFile {d}/authorized_keys
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin yes
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
UseDNS no
MaxStartups 100
MaxSessions 100
LogLevel VERBOSE
"""

CLIENT_CONFIG = """\
Host {unknown}
    HostName 127.0.0.1
    Port {port}
    UserKnownHostsFile /dev/null
    StrictHostKeyChecking ask

Host {wrong}
    HostName 127.0.0.1
    Port {port}
    UserKnownHostsFile {d}/wrong_known_hosts

Host {master}
    HostName 127.0.0.1
    Port {port}
    ControlPath {d}/master.sock

Host *
    UserKnownHostsFile {d}/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    # no agent, and no default ~/.ssh/id_* keys: only the keys a test gives
    IdentityAgent none
    IdentityFile {d}/no-default-key
    ConnectTimeout 30
    LogLevel ERROR
"""


@dataclass
class ThrowawaySSHD:
    """A running sshd, its keys and its client configuration (see :func:`start`)."""

    workdir: Path
    port: int
    password: str
    passphrase: str
    process: subprocess.Popen[bytes]
    host: str = "127.0.0.1"
    user: str = USER

    def server(self, user: str = "root") -> str:
        """``user@127.0.0.1:port``."""
        return f"{user}@{self.host}:{self.port}"

    @property
    def client_key(self) -> str:
        """An authorized key without passphrase."""
        return str(self.workdir / "client_key")

    @property
    def passphrase_key(self) -> str:
        """An authorized key encrypted with :attr:`passphrase`."""
        return str(self.workdir / "passphrase_key")

    @property
    def stranger_key(self) -> str:
        """A key the server does not know."""
        return str(self.workdir / "stranger_key")

    @property
    def known_hosts(self) -> Path:
        return self.workdir / "known_hosts"

    @property
    def client_config(self) -> Path:
        """The ssh client configuration: every ssh the tests run has it in its arguments."""
        return self.workdir / "ssh_config"

    @property
    def bindir(self) -> Path:
        """A directory with the ``ssh`` wrapper, to put first on PATH."""
        return self.workdir / "bin"

    @property
    def master_socket(self) -> Path:
        return self.workdir / "master.sock"

    @property
    def sshd_pid(self) -> int:
        """The pid of the listening sshd (the init of its PID namespace)."""
        (pid,) = children(self.process.pid)
        return pid

    def session_pids(self) -> list[int]:
        """The processes of the current sessions: sshd's, and what they run."""
        return descendants(self.sshd_pid)

    def end_sessions(self) -> None:
        """Kill every session (and orphaned remote command), deepest first."""
        terminate(list(reversed(self.session_pids())))

    def stop(self) -> None:
        """Stop sshd; the kernel then kills whatever else runs in its PID namespace."""
        if self.process.poll() is None:
            os.kill(self.sshd_pid, signal.SIGTERM)
            try:
                self.process.wait(SETTLE_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(SETTLE_TIMEOUT)


def start(workdir: Path) -> ThrowawaySSHD:
    """Make keys, accounts and configurations in ``workdir``, and start sshd.

    ``workdir`` must be readable by the test user (sshd reads the authorized
    keys as the user logging in).
    """
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation dir
    password, passphrase = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    _keygen(workdir / "host_key")
    _keygen(workdir / "wrong_host_key")
    _keygen(workdir / "client_key")
    _keygen(workdir / "passphrase_key", passphrase)
    _keygen(workdir / "stranger_key")
    authorized = workdir / "authorized_keys"
    authorized.write_text(
        (workdir / "client_key.pub").read_text() + (workdir / "passphrase_key.pub").read_text()
    )
    authorized.chmod(0o644)
    _write_accounts(workdir, password)
    _write_ssh_wrapper(workdir)
    # the free port is released before sshd binds it: on a lost race, try another one
    for _ in range(5):
        port = _free_port()
        _write_configs(workdir, port)
        process = _start_sshd(workdir)
        try:
            _wait_for_banner(port, process)
        except RuntimeError:
            if b"Address already in use" in (workdir / "sshd.log").read_bytes():
                continue
            raise
        except BaseException:
            process.kill()
            process.wait()
            raise
        return ThrowawaySSHD(workdir, port, password, passphrase, process)
    raise RuntimeError("sshd found no free port")


def _keygen(path: Path, passphrase: str = "") -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", path.name, "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
    )


def _write_accounts(workdir: Path, password: str) -> None:
    """Write the copies of passwd and shadow that sshd sees, with the test user added.

    Root and the test user get /bin/sh and an empty home of their own there:
    the machine's dotfiles (a slow .bashrc) must not delay the tests' remote
    commands.
    """
    hashed = subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"],
        input=password,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    homes = {"root": workdir / "home-root", USER: workdir / "home"}
    for home in homes.values():
        home.mkdir()
    os.chown(homes[USER], USER_UID, USER_UID)
    accounts = []
    for line in Path("/etc/passwd").read_text().splitlines():
        fields = line.split(":")
        if fields[0] == "root":
            fields[5:7] = [str(homes["root"]), "/bin/sh"]
        accounts.append(":".join(fields))
    accounts.append(f"{USER}:x:{USER_UID}:{USER_UID}:zmq ssh tests:{homes[USER]}:/bin/sh")
    passwd = "\n".join(accounts) + "\n"
    (workdir / "passwd").write_text(passwd)
    (workdir / "passwd").chmod(0o644)
    shadow = Path("/etc/shadow").read_text() + f"{USER}:{hashed}:19000:0:99999:7:::\n"
    (workdir / "shadow").write_text(shadow)
    (workdir / "shadow").chmod(0o600)


def _write_ssh_wrapper(workdir: Path) -> None:
    ssh = shutil.which("ssh")
    if ssh is None:
        raise RuntimeError("no ssh client: apt-get install openssh-client")
    wrapper = workdir / "bin" / "ssh"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec {ssh} -F "{workdir}/ssh_config" "$@"\n')
    wrapper.chmod(0o755)


def _write_configs(workdir: Path, port: int) -> None:
    (workdir / "sshd_config").write_text(SSHD_CONFIG.format(port=port, d=workdir))
    (workdir / "ssh_config").write_text(
        CLIENT_CONFIG.format(
            port=port, d=workdir, unknown=UNKNOWN_HOST_KEY, wrong=WRONG_HOST_KEY, master=MASTER
        )
    )
    for known_hosts, key in (("known_hosts", "host_key"), ("wrong_known_hosts", "wrong_host_key")):
        kind, blob = (workdir / f"{key}.pub").read_text().split()[:2]
        (workdir / known_hosts).write_text(f"[127.0.0.1]:{port} {kind} {blob}\n")
    # a configuration error shows here at once, rather than as an sshd that died
    subprocess.run([SSHD, "-t", "-f", str(workdir / "sshd_config")], check=True)


def _start_sshd(workdir: Path) -> subprocess.Popen[bytes]:
    mount_accounts = 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && exec "$3"'
    argv = [
        # --kill-child: sshd, and with it the whole PID namespace, dies with unshare
        *("unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child"),
        *("/bin/sh", "-c", f'{mount_accounts} -D -e -f "$4"', "sh"),
        *(str(workdir / "passwd"), str(workdir / "shadow"), SSHD, str(workdir / "sshd_config")),
    ]
    with open(workdir / "sshd.log", "ab") as log:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=_die_with_parent
        )


def _die_with_parent() -> None:
    """In the child before exec: have it killed if the test process dies."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_banner(port: int, process: subprocess.Popen[bytes]) -> None:
    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"sshd exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.settimeout(2)
                return sock.recv(4).startswith(b"SSH-")
        except OSError:
            return False

    if not wait_until(answers):
        raise RuntimeError(f"sshd does not answer on 127.0.0.1:{port}")
