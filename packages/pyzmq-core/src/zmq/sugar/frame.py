"""Frame (Message): one message part, as libzmq holds it."""

from zmq.backend import Frame, Message

__all__ = ["Frame", "Message"]
