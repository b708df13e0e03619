"""zmq.ssh: SSH tunnels for zmq connections.

Part of the pyzmq-ssh distribution, which installs into the ``zmq``
package of ``pyzmq-core``. See :mod:`zmq.ssh.tunnel`.
"""

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.ssh needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

from zmq.ssh import forward, tunnel
from zmq.ssh.tunnel import (
    open_tunnel,
    openssh_tunnel,
    paramiko_tunnel,
    select_random_ports,
    ssh_tunnel,
    try_passwordless_ssh,
    tunnel_connection,
)

__version__ = "0.1.0"

__all__ = [
    "forward",
    "open_tunnel",
    "openssh_tunnel",
    "paramiko_tunnel",
    "select_random_ports",
    "ssh_tunnel",
    "try_passwordless_ssh",
    "tunnel",
    "tunnel_connection",
]
