from typing import Any, NoReturn

from zmq import Socket

__all__ = ["monitored_queue"]

def monitored_queue(
    in_socket: Socket[Any],
    out_socket: Socket[Any],
    mon_socket: Socket[Any],
    in_prefix: bytes = b"in",
    out_prefix: bytes = b"out",
) -> NoReturn: ...
