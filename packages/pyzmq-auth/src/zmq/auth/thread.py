"""ThreadAuthenticator: an authenticator that answers ZAP requests in a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import Any

import zmq

from .base import Authenticator

__all__ = ["ThreadAuthenticator"]

_STOP = b"TERMINATE"
# seconds start() waits for the thread to serve, as PyZMQ's does
_START_TIMEOUT = 10
# seconds stop() waits for the thread to end before it signals again, and in all
_STOP_RETRY_S = 0.1
_STOP_TIMEOUT = 10.0


class AuthenticationThread(threading.Thread):
    """The thread that serves a :class:`ThreadAuthenticator`, as in PyZMQ.

    It answers the requests of ``authenticator.zap_socket`` until ``pipe`` receives
    ``b"TERMINATE"`` or the context is terminated, then closes ``pipe``. Another
    message on ``pipe`` is answered with ``b"ERROR"``.

    Parameters
    ----------
    authenticator : Authenticator
        A started authenticator: its ZAP socket is bound.
    pipe : zmq.Socket
        The thread's end of a PAIR pipe, to stop it; the thread owns it.
    """

    authenticator: Authenticator
    pipe: zmq.Socket[Any] | None
    log: logging.Logger
    started: threading.Event

    def __init__(self, authenticator: Authenticator, pipe: zmq.Socket[Any]) -> None:
        super().__init__(daemon=True, name=type(authenticator).__name__)
        self.authenticator = authenticator
        self.log = authenticator.log
        self.pipe = pipe
        #: set once the thread is serving
        self.started = threading.Event()

    def run(self) -> None:
        """Answer ZAP requests until told to stop; then close the pipe."""
        pipe = self.pipe
        zap = self.authenticator.zap_socket
        if pipe is None or zap is None:
            raise RuntimeError("AuthenticationThread needs a pipe and a started authenticator")
        loop = asyncio.new_event_loop()
        poller = zmq.Poller()
        poller.register(pipe, zmq.POLLIN)
        poller.register(zap, zmq.POLLIN)
        self.started.set()
        try:
            while True:
                ready = dict(poller.poll())
                if pipe in ready and self._handle_pipe_message(pipe.recv_multipart()):
                    break
                if zap in ready:
                    try:
                        # REP reports POLLIN for a message it then discards (one without
                        # an envelope): a blocking recv would hang until the next request
                        request = zap.recv_multipart(zmq.NOBLOCK)
                    except zmq.Again:
                        continue
                    loop.run_until_complete(self.authenticator.handle_zap_message(request))
        except zmq.ContextTerminated:
            self.log.debug("context terminated: the authenticator thread ends")
            zap.close()
        except Exception:
            # the ZAP socket stays bound: handshakes then wait and fail, none gets in
            self.log.critical(
                "the authenticator thread failed; no client is accepted any more", exc_info=True
            )
        finally:
            # unbound at once, so that start() can bind the endpoint again (see base.stop)
            with contextlib.suppress(zmq.ZMQError):
                pipe.unbind(pipe.last_endpoint)
            pipe.close()
            self.pipe = None
            loop.close()

    def _handle_pipe_message(self, message: list[bytes]) -> bool:
        """Whether ``message`` from the pipe says to stop."""
        if message[:1] == [_STOP]:
            return True
        self.log.error("Invalid auth command from API: %r", message[:1])
        assert self.pipe is not None
        self.pipe.send(b"ERROR")
        return False


class ThreadAuthenticator(Authenticator):
    """An :class:`~zmq.auth.base.Authenticator` served by a background thread.

    Configuration methods may be called from any thread while it runs; a change applies
    to every handshake that starts after the call returned. Callbacks of
    :meth:`configure_curve_callback` run in the authenticator's thread (coroutine
    functions on a private event loop).

    If the context is terminated while it runs, the thread closes its sockets and ends,
    so that termination completes; :meth:`stop` is still safe to call afterwards.

    Parameters
    ----------
    context : zmq.Context, optional
        The context whose sockets are guarded; ``zmq.Context.instance()`` by default.
    encoding : str
        The encoding of domains, addresses, user names and passwords.
    log : logging.Logger, optional
        Where decisions are logged; the ``zmq.auth`` logger by default.
    """

    pipe_endpoint: str
    thread: AuthenticationThread | None

    def __init__(
        self,
        context: zmq.Context[Any] | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        super().__init__(context, encoding, log)
        #: the inproc endpoint on which :meth:`stop` tells the thread to end
        self.pipe_endpoint = f"inproc://zmq.auth.thread.{id(self):x}"
        self.thread = None

    def start(self) -> None:
        """Bind the ZAP socket and start the thread that answers it.

        Raises
        ------
        zmq.ZMQError
            ``EADDRINUSE`` if this or another ZAP handler serves the context already.
        """
        super().start()
        control: zmq.Socket[Any] = zmq.Socket(self.context, zmq.PAIR)
        control.linger = 0
        try:
            control.bind(self.pipe_endpoint)
        except zmq.ZMQError:
            control.close()
            super().stop()
            raise
        self.thread = AuthenticationThread(self, control)
        self.thread.start()
        if not self.thread.started.wait(_START_TIMEOUT):
            raise RuntimeError("Authenticator thread failed to start")

    def stop(self) -> None:
        """End the thread, wait for it, and close the ZAP socket.

        Stopping a stopped authenticator does nothing.

        Raises
        ------
        RuntimeError
            If the thread cannot be told to stop: another socket holds its pipe
            (a PAIR, :attr:`pipe_endpoint`) for 10 seconds.
        """
        if self.thread is not None:
            self._signal_stop(self.thread)
            self.thread.join()
            self.thread = None
        super().stop()

    def is_alive(self) -> bool:
        """Whether the authenticator's thread is running."""
        return self.thread is not None and self.thread.is_alive()

    def _signal_stop(self, thread: AuthenticationThread) -> None:
        # A PAIR takes one peer: while another one (gone, or still there) holds the pipe,
        # a new one is turned away and its message lost. So each try is a new socket,
        # sending without waiting, until the thread ends.
        deadline = time.monotonic() + _STOP_TIMEOUT
        while thread.is_alive():
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the authenticator thread did not stop in {_STOP_TIMEOUT:g} s: another "
                    f"socket is connected to its pipe {self.pipe_endpoint}; close it"
                )
            try:
                signal: zmq.Socket[Any] = zmq.Socket(self.context, zmq.PAIR)
            except zmq.ContextTerminated:
                return  # the thread sees the termination and ends by itself
            try:
                signal.linger = 0
                signal.connect(self.pipe_endpoint)
                with contextlib.suppress(zmq.Again):
                    signal.send(_STOP, zmq.NOBLOCK)
                thread.join(_STOP_RETRY_S)
            finally:
                signal.close()
