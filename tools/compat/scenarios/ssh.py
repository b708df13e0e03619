"""zmq.ssh.tunnel without an SSH server: free ports, addresses and arguments refused before
any connection, and what each backend says when it is not installed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    # the reference has neither pexpect nor paramiko: compare both without them, so that
    # no step ever starts ssh
    c("import sys; sys.modules['pexpect'] = sys.modules['paramiko'] = None")
    c("import zmq, zmq.ssh, zmq.ssh.tunnel as tunnel")
    c("(tunnel.paramiko, tunnel.pexpect)")
    c("issubclass(tunnel.SSHException, Exception)")
    c("issubclass(tunnel.MaxRetryExceeded, Exception)")
    c("tunnel.ssh_tunnel is tunnel.openssh_tunnel")
    for n in ["0", "1", "3", "-1"]:
        c(f"ports = tunnel.select_random_ports({n})", norm="type")
        c(
            "([type(p) for p in ports], len(set(ports)) == len(ports), all(0 < p < 65536 for p in ports))"
        )
    for n in ["'2'", "2.0", "None"]:
        c(f"tunnel.select_random_ports({n})")
    c("tunnel.select_random_ports()")
    # addresses open_tunnel and tunnel_connection refuse before they choose a backend
    for addr in [
        "'not an address'",
        "'tcp://10.0.0.1'",
        "'tcp://10.0.0.1:port'",
        "'tcp://10.0.0.1:5555:6666'",
        "'tcp:/10.0.0.1:5555'",
        "''",
        "5",
        "None",
    ]:
        c(f"tunnel.open_tunnel({addr}, 'user@server')")
    c("ctx = zmq.Context(); s = ctx.socket(zmq.PUSH); s.linger = 0")
    c("tunnel.tunnel_connection(s, 'tcp://10.0.0.1', 'user@server')")
    c("tunnel.tunnel_connection(s, 'not an address', 'user@server', paramiko=True)")
    c("s.last_endpoint")
    # backends that are not installed
    c("tunnel.try_passwordless_ssh('user@server', None)")
    c("tunnel.try_passwordless_ssh('user@server', None, paramiko=True)")
    c("tunnel.openssh_tunnel(5555, 5556, 'user@server')")
    c("tunnel.paramiko_tunnel(5555, 5556, 'user@server')")
    c("tunnel.open_tunnel('tcp://10.0.0.1:5555', 'user@server')")
    c("tunnel.open_tunnel('tcp://10.0.0.1:5555', 'user@server', paramiko=True)")
    c("tunnel.tunnel_connection(s, 'tcp://10.0.0.1:5555', 'user@server', paramiko=False)")
    c("s.last_endpoint")
    c("tunnel.try_passwordless_ssh()")
    c("tunnel.openssh_tunnel(5555)")
    c("s.close(); ctx.term()")
