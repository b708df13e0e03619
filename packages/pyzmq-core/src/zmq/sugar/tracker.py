"""MessageTracker: know when libzmq is done with a zero-copy message."""

from __future__ import annotations

import time
from typing import Any, Protocol, Union

from zmq.backend.cython._zmq import _set_tracker_types, waits_forever
from zmq.error import NotDone

__all__ = ["_FINISHED_TRACKER", "MessageTracker"]


class _EventLike(Protocol):
    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


_Watchable = Union["MessageTracker", _EventLike, Any]


class MessageTracker:
    """MessageTracker(*towatch)

    Tracks whether libzmq still uses the buffers of zero-copy messages.

    Parameters
    ----------
    *towatch : Event, Frame or MessageTracker
        What to watch: the events of tracked frames (``Frame.tracker_event``),
        tracked frames themselves, other trackers, or :class:`threading.Event`.

    Raises
    ------
    ValueError
        For a Frame that was not made with ``track=True``.
    """

    events: set[_EventLike]
    peers: set[MessageTracker]

    def __init__(self, *towatch: _Watchable) -> None:
        from zmq.backend import Frame

        self.events = set()
        self.peers = set()
        for obj in towatch:
            if isinstance(obj, MessageTracker):
                self.peers.add(obj)
            elif isinstance(obj, Frame):
                if obj.tracker is None:
                    raise ValueError("the Frame was not made with track=True: nothing to track")
                self.peers.add(obj.tracker)
            elif hasattr(obj, "is_set") and hasattr(obj, "wait"):
                self.events.add(obj)
            else:
                raise TypeError(
                    f"MessageTracker watches Events, Frames and MessageTrackers, "
                    f"not {type(obj).__name__}"
                )

    @property
    def done(self) -> bool:
        """Whether libzmq is done with every watched message."""
        return all(event.is_set() for event in self.events) and all(
            peer.done for peer in self.peers
        )

    def wait(self, timeout: float | int = -1) -> None:
        """wait(timeout=-1)

        Wait until libzmq is done with every watched message.

        Parameters
        ----------
        timeout : float
            Seconds to wait at most; negative waits forever.

        Raises
        ------
        zmq.NotDone
            If the timeout expired first.
        """
        deadline = None if waits_forever(timeout) else time.monotonic() + timeout
        for event in self.events:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not event.wait(remaining):
                raise NotDone(f"libzmq still uses the message after {timeout} s")
        for peer in self.peers:
            remaining = -1 if deadline is None else max(0.0, deadline - time.monotonic())
            peer.wait(remaining)

    def __repr__(self) -> str:
        return f"<zmq.MessageTracker {'done' if self.done else 'pending'}>"


#: the tracker of messages that were copied: done from the start
_FINISHED_TRACKER = MessageTracker()
# the compiled layer makes the trackers of sends and Frames with these
_set_tracker_types(MessageTracker, _FINISHED_TRACKER)
