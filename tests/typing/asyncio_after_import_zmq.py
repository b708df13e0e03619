"""zmq.asyncio's classes as annotations after ``import zmq`` alone, as in
PyZMQ's monitoring example (PyZMQ's zmq.utils.monitor imports zmq.asyncio)."""

import zmq
from zmq.utils.monitor import recv_monitor_message


async def first_event(monitor: zmq.asyncio.Socket) -> int:
    event = recv_monitor_message(zmq.Socket.shadow(monitor.underlying))
    return int(event["event"])
