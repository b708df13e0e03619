"""Device, ThreadDevice and ProcessDevice: forward messages between two sockets."""

from __future__ import annotations

import multiprocessing
import threading
import warnings
from collections.abc import Callable
from typing import Any, ClassVar, cast

import zmq
from zmq.devices._socketplan import SocketPlan, reserve_random_port
from zmq.devices._startup import ProcessStartup, ThreadStartup, Writer, report

__all__ = ["Device", "ProcessDevice", "ThreadDevice"]

# made anew where the device runs, never pickled for a process
_RUNTIME_STATE = ("launcher", "_context", "_sockets", "_finished", "_startup")


class _NotStartedError(RuntimeError, AttributeError):
    """join() before start() (PyZMQ fails looking up its launcher: AttributeError)."""


def _socket_type(value: Any, name: str) -> int:
    """The socket type, as given: one libzmq does not know fails when the device starts.

    PyZMQ takes any value here; this warns about what can never make a socket.
    """
    if value is None:
        raise TypeError(f"{name} must be specified")
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return zmq.SocketType(value)
        except ValueError:
            problem = "is not a socket type libzmq knows"
    else:
        problem = "is not a socket type such as zmq.PUSH"
    warnings.warn(
        f"{name}={value!r} {problem}: the device will fail when it starts",
        DeprecationWarning,
        stacklevel=4,
    )
    # kept as given, as PyZMQ keeps it: making the socket fails where the device runs
    return cast("int", value)


def _is_shared_side(out_type: Any) -> bool:
    """Whether ``out_type`` asks the in socket to serve both sides (a negative int)."""
    return isinstance(out_type, int) and not isinstance(out_type, bool) and out_type < 0


class Device:
    """Device(device_type=QUEUE, in_type=None, out_type=None)

    Two sockets, and the messages forwarded between them, run by the thread
    that calls :meth:`start` (or :meth:`run`).

    The ``bind_*``, ``connect_*`` and ``setsockopt_*`` calls are recorded and
    applied when the device runs, in the thread (or process) that runs it:
    options first, then binds, then connects.

    Parameters
    ----------
    device_type : int
        ``zmq.QUEUE``, ``zmq.FORWARDER`` or ``zmq.STREAMER``. As in libzmq
        and PyZMQ, any int is taken, and every device runs as a proxy
        (:func:`zmq.proxy`).
    in_type, out_type : int
        The types of the two sockets. A negative ``out_type`` makes the in
        socket serve both sides.

    Attributes
    ----------
    daemon : bool
        For a background device: whether its thread or process is a daemon,
        which does not keep Python from exiting (default True).
    done : bool
        Whether the device has stopped.
    context_factory : callable
        Makes the device's context, where it runs (default
        ``zmq.Context.instance``).
    """

    context_factory: Callable[[], zmq.Context[Any]] = zmq.Context.instance
    _startup: Writer | None = None

    def __init__(
        self, device_type: int = zmq.QUEUE, in_type: int | None = None, out_type: int | None = None
    ) -> None:
        if not isinstance(device_type, int):
            warnings.warn(
                f"device_type should be zmq.QUEUE, zmq.FORWARDER or zmq.STREAMER, "
                f"not {device_type!r} (the device runs as a proxy whatever it is)",
                DeprecationWarning,
                stacklevel=2,
            )
        self.device_type = device_type
        self.in_type = _socket_type(in_type, "in_type")
        self.out_type: int = (
            cast("int", out_type)
            if _is_shared_side(out_type)
            else _socket_type(out_type, "out_type")
        )
        self.daemon = True
        self.done = False
        self._launched = False
        #: the endpoints bind_*_to_random_port chose, none of which may be chosen twice
        self._random_binds: list[str] = []
        in_plan = SocketPlan(self.in_type)
        self._plans: dict[str, SocketPlan | None] = {
            "in": in_plan,
            "out": in_plan if _is_shared_side(self.out_type) else SocketPlan(self.out_type),
        }
        self._init_runtime_state()

    def _init_runtime_state(self) -> None:
        self._context: zmq.Context[Any] | None = None
        self._sockets: list[zmq.Socket[Any]] = []
        self._finished = threading.Event()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _RUNTIME_STATE}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._init_runtime_state()

    def _add_socket(self, side: str, socket_type: int | None) -> int | None:
        """Give the device one more socket, and return its type.

        ``None`` leaves that socket out.
        """
        if socket_type is None:
            self._plans[side] = None
            return None
        checked = _socket_type(socket_type, f"{side}_type")
        self._plans[side] = SocketPlan(checked)
        return checked

    def _plan(self, side: str) -> SocketPlan:
        if self._launched:
            # PyZMQ records it, and nothing uses it: say so, and do the same
            warnings.warn(
                "the device has started: configure its sockets before calling start() or "
                "run(); this has no effect",
                DeprecationWarning,
                stacklevel=4,
            )
            return SocketPlan(zmq.PAIR)
        plan = self._plans[side]
        if plan is None:
            # PyZMQ records it, and then fails to start the device (a socket of type None)
            warnings.warn(
                f"this device has no {side} socket (its {side}_type is None): this has no effect",
                DeprecationWarning,
                stacklevel=4,
            )
            return SocketPlan(zmq.PAIR)
        return plan

    def _bind_to_random_port(
        self, side: str, addr: str, min_port: int, max_port: int, max_tries: int
    ) -> int:
        plan = self._plan(side)
        port = reserve_random_port(addr, min_port, max_port, max_tries, self._random_binds)
        self._random_binds.append(f"{addr}:{port}")
        plan.binds.append(self._random_binds[-1])
        return port

    def bind_in(self, addr: str) -> None:
        """Bind the in socket to ``addr`` when the device starts."""
        self._plan("in").binds.append(addr)

    def connect_in(self, addr: str) -> None:
        """Connect the in socket to ``addr`` when the device starts."""
        self._plan("in").connects.append(addr)

    def setsockopt_in(self, opt: int, value: Any) -> None:
        """Set an option of the in socket when the device starts."""
        self._plan("in").sockopts.append((opt, value))

    def bind_in_to_random_port(
        self, addr: str, min_port: int = 49152, max_port: int = 65536, max_tries: int = 100
    ) -> int:
        """bind_in_to_random_port(addr, min_port=49152, max_port=65536, max_tries=100)

        Choose a free port of ``addr`` now, for the in socket to bind when
        the device starts.

        Returns
        -------
        int
            The port.

        Raises
        ------
        zmq.ZMQBindError
            If no port of the range was free in ``max_tries`` tries.
        """
        return self._bind_to_random_port("in", addr, min_port, max_port, max_tries)

    def bind_out(self, addr: str) -> None:
        """Bind the out socket to ``addr`` when the device starts."""
        self._plan("out").binds.append(addr)

    def connect_out(self, addr: str) -> None:
        """Connect the out socket to ``addr`` when the device starts."""
        self._plan("out").connects.append(addr)

    def setsockopt_out(self, opt: int, value: Any) -> None:
        """Set an option of the out socket when the device starts."""
        self._plan("out").sockopts.append((opt, value))

    def bind_out_to_random_port(
        self, addr: str, min_port: int = 49152, max_port: int = 65536, max_tries: int = 100
    ) -> int:
        """bind_out_to_random_port(addr, min_port=49152, max_port=65536, max_tries=100)

        Choose a free port of ``addr`` now, for the out socket to bind when
        the device starts.

        Returns
        -------
        int
            The port.

        Raises
        ------
        zmq.ZMQBindError
            If no port of the range was free in ``max_tries`` tries.
        """
        return self._bind_to_random_port("out", addr, min_port, max_port, max_tries)

    def _setup_sockets(self) -> tuple[Any, ...]:
        """Make the device's context and sockets, and apply what was recorded.

        Returns
        -------
        tuple
            One socket (or ``None``) per side, in order: in, out, then those
            that subclasses add (mon, ctrl).
        """
        context = self._context = self.context_factory()
        sockets: dict[int, zmq.Socket[Any]] = {}
        for plan in self._plans.values():
            if plan is not None and id(plan) not in sockets:
                sockets[id(plan)] = plan.open(context, self._sockets)
        self._ready(None)
        return tuple(None if plan is None else sockets[id(plan)] for plan in self._plans.values())

    def _ready(self, error: BaseException | None) -> None:
        """Tell a waiting start() that the sockets are set up, or why they are not."""
        writer, self._startup = self._startup, None
        if writer is not None:
            report(writer, error)

    def _close_sockets(self) -> None:
        sockets, self._sockets = self._sockets, []
        for socket in sockets:
            socket.close()

    def run_device(self) -> None:
        """Set up the sockets and forward messages: the device's own work.

        Subclasses override this; call :meth:`start` or :meth:`run` instead.
        """
        ins, outs = self._setup_sockets()
        # what PyZMQ's zmq.device does, whatever the device type
        zmq.proxy(ins, outs)

    def run(self) -> None:
        """Run the device in this thread until its context is terminated.

        The sockets are closed when it stops, for whatever reason.
        """
        self._launched = True
        try:
            self.run_device()
        except zmq.ContextTerminated:
            pass  # the normal way for a device to stop
        finally:
            self._close_sockets()
            self.done = True
            self._finished.set()

    def start(self) -> None:
        """Start the device: for this class, run it in this thread (see :meth:`run`)."""
        self.run()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the device stops, or ``timeout`` seconds have passed.

        Parameters
        ----------
        timeout : float, optional
            The most to wait, in seconds (default: no limit).
        """
        self._finished.wait(timeout)


class BackgroundDevice(Device):
    """A device that runs in a thread or a process of its own.

    Attributes
    ----------
    launcher : threading.Thread or multiprocessing.Process
        Where the device runs, once started (``None`` before).
    """

    launcher: Any = None
    _launch_class: ClassVar[type]
    _startup_class: ClassVar[type[ThreadStartup] | type[ProcessStartup]]

    def start(self) -> None:
        """Start the device, and wait until its sockets are set up.

        Raises
        ------
        Exception
            What setting up the sockets raised (a :class:`zmq.ZMQError` for
            a bind that failed, ...): the device is then not running.

        Warns
        -----
        DeprecationWarning
            If the device was started already: it starts only once (PyZMQ
            started another copy, whose binds failed).
        """
        if self.launcher is not None:
            warnings.warn(
                "the device was started already: a device starts only once",
                DeprecationWarning,
                stacklevel=2,
            )
            return
        startup = self._startup_class()
        launcher = self._launch_class(
            target=self._run_in_background, args=(startup.writer,), daemon=self.daemon
        )
        self._launched = True
        try:
            launcher.start()
        except BaseException:
            # nothing runs (a process device that cannot be pickled, ...)
            self._launched = False
            startup.close()
            raise
        self.launcher = launcher
        startup.launched()
        error = startup.wait(launcher)
        if error is not None:
            launcher.join()
            raise error

    def join(self, timeout: float | None = None) -> None:
        """Wait until the device stops, or ``timeout`` seconds have passed.

        Parameters
        ----------
        timeout : float, optional
            The most to wait, in seconds (default: no limit).

        Raises
        ------
        RuntimeError
            If the device was not started (also an AttributeError, as in PyZMQ).
        """
        if self.launcher is None:
            raise _NotStartedError("the device was not started: call start() first")
        self.launcher.join(timeout)

    def _run_in_background(self, writer: Writer) -> None:
        self._startup = writer
        try:
            self.run()
        except BaseException as error:
            if self._startup is None:
                raise  # it failed while running: the thread or process reports it
            # start() raises the error: it is not reported a second time here
            self._ready(error)
            self._failed_to_start()
            return
        # a run_device that never set up sockets must not leave start() waiting
        self._ready(None)

    def _failed_to_start(self) -> None:
        """End the thread or process of a device that could not start.

        start() was told why, and raises it.
        """


class ThreadDevice(BackgroundDevice):
    """ThreadDevice(device_type=QUEUE, in_type=None, out_type=None)

    A :class:`Device` that runs in a thread, with ``zmq.Context.instance()``
    unless :attr:`context_factory` says otherwise. It stops when that
    context is terminated.
    """

    _launch_class = threading.Thread
    _startup_class = ThreadStartup


class ProcessDevice(BackgroundDevice):
    """ProcessDevice(device_type=QUEUE, in_type=None, out_type=None)

    A :class:`Device` that runs in a process of its own (made with
    :mod:`multiprocessing`, with whichever start method it is set to use),
    with a new context.
    """

    _launch_class = multiprocessing.Process
    _startup_class = ProcessStartup
    context_factory = zmq.Context

    def _failed_to_start(self) -> None:
        raise SystemExit(1)  # the process's exit code says it failed
