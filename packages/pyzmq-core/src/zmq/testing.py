"""A pytest plugin for tests of code that uses zmq: contexts and sockets that are
always cleaned up, and tests run once with each installed implementation of zmq's API.

Enable it in the ``conftest.py`` at the root of your tests::

    pytest_plugins = ["zmq.testing"]

or on the command line, ``pytest -p zmq.testing``. It needs pytest. It is not
loaded unless asked for, so installing pyzmq changes no other test suite.

Its fixtures:

``zmq``
    The module whose API the test uses: :mod:`zmq`, unless the test is marked
    ``zmq_implementations`` (then each implementation in turn) or a conftest
    overrides the fixture (``zmq.green`` for a whole folder, say).
``context``
    A fresh Context of ``zmq``, destroyed after the test with every socket it
    made closed (linger 0), so that no socket is left to the garbage collector.
``socket``
    ``socket(socket_type, **options)``: a socket of ``context`` with
    ``options`` set as attributes and, unless given, RCVTIMEO and SNDTIMEO of
    :data:`TEST_TIMEOUT_MS`, so that a broken test fails instead of hanging.
``pair``
    ``pair(bind_type=PAIR, connect_type=PAIR, transport="inproc")``: two
    connected sockets made by ``socket``, over inproc or tcp on 127.0.0.1.
``require``
    ``require(module)``: fail the test when a module it needs is not installed
    (a missing test dependency is a broken set-up, not a reason to skip), or
    skip it, saying why, on free-threaded Python when the module has no build
    for it (:data:`NO_FREE_THREADED_BUILD`).

Its markers:

``zmq_implementations``
    Run the test once with each installed implementation of zmq's API
    (:data:`IMPLEMENTATIONS`) as the ``zmq`` fixture.
``not_for(implementation, reason)``
    Skip the run of a ``zmq_implementations`` test with ``implementation``,
    saying why it cannot apply there.
"""

from __future__ import annotations

import importlib
import importlib.util
import sysconfig
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType
from typing import Any, TypeVar

import pytest

import zmq as _zmq

__all__ = [
    "IMPLEMENTATIONS",
    "NO_FREE_THREADED_BUILD",
    "TEST_TIMEOUT_MS",
    "TEST_TIMEOUT_S",
    "KeepingContext",
    "bind_tcp",
    "implementations",
    "keeping",
]

#: milliseconds a test's socket waits at most, so that a broken test fails instead of hanging
TEST_TIMEOUT_MS = 10_000
#: the same in seconds, for waits outside libzmq
TEST_TIMEOUT_S = TEST_TIMEOUT_MS / 1000

#: The modules that implement zmq's API. Each maps to the warning its sockets
#: give when RCVTIMEO or SNDTIMEO is set, as they ignore both (``None``: they
#: honour them). Green sockets wait in gevent's hub, where pytest-timeout
#: guards a test's waits instead.
IMPLEMENTATIONS: dict[str, str | None] = {
    "zmq": None,
    "zmq.green": "TIMEO socket options have no effect in zmq.green",
}

#: third-party modules that have no free-threaded build: ``require`` skips there
NO_FREE_THREADED_BUILD = frozenset({"gevent", "mypy", "uvloop"})

_C = TypeVar("_C", bound="type[_zmq.Context[Any]]")


@cache
def keeping(context_class: _C) -> _C:
    """A subclass of ``context_class`` whose contexts keep every socket they make.

    A socket dropped by a test is then closed by :meth:`~zmq.Context.destroy`
    instead of by the garbage collector, which warns (ResourceWarning) as it
    should. The subclass shows the name of ``context_class`` in its repr.

    Parameters
    ----------
    context_class : type
        :class:`zmq.Context` or a subclass of it (``zmq.asyncio.Context``...).

    Returns
    -------
    type
        The subclass, the same one for each call with the same class.
    """
    repr_name = context_class.__dict__.get("_repr_cls") or (
        f"{context_class.__module__}.{context_class.__name__}"
    )

    def socket(self: Any, *args: Any, **kwargs: Any) -> Any:
        sock = context_class.socket(self, *args, **kwargs)
        self.__dict__.setdefault("_kept", []).append(sock)
        return sock

    socket.__doc__ = context_class.socket.__doc__
    namespace = {
        "socket": socket,
        "_repr_cls": repr_name,
        "__module__": __name__,
        "__doc__": f"A {repr_name} that keeps its sockets until it is destroyed.",
    }
    return type(f"Keeping{context_class.__name__}", (context_class,), namespace)  # type: ignore[return-value]


#: A :class:`zmq.Context` that keeps its sockets until it is destroyed (see :func:`keeping`).
KeepingContext = keeping(_zmq.Context)


def implementations() -> list[str]:
    """The names of :data:`IMPLEMENTATIONS` that are installed, :mod:`zmq` first.

    An installed implementation that fails to import is listed all the same:
    its tests then fail, where the failure shows.
    """
    return [name for name in IMPLEMENTATIONS if importlib.util.find_spec(name) is not None]


def bind_tcp(sock: _zmq.Socket[Any]) -> str:
    """Bind ``sock`` to a random port of 127.0.0.1; return the address bound."""
    port = sock.bind_to_random_port("tcp://127.0.0.1")
    return f"tcp://127.0.0.1:{port}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "zmq_implementations: run the test with each installed implementation of zmq's "
        "API as the zmq fixture",
    )
    config.addinivalue_line(
        "markers",
        "not_for(implementation, reason): skip the run of a zmq_implementations test "
        "with this implementation",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("zmq_implementations") is None:
        return
    excluded: dict[str, str] = {}
    for marker in metafunc.definition.iter_markers("not_for"):
        name, reason = marker.args
        if name not in IMPLEMENTATIONS:
            raise pytest.UsageError(f"not_for: no implementation {name!r} in {IMPLEMENTATIONS}")
        excluded[name] = reason
    if "zmq" not in metafunc.fixturenames:
        if excluded:
            raise pytest.UsageError(
                f"{metafunc.definition.nodeid}: not_for on a test that uses no implementation "
                "(neither the zmq fixture nor one that needs it): it runs once, with zmq"
            )
        return  # the test uses nothing of an implementation: it runs once
    params = []
    for name in implementations():
        marks: list[pytest.MarkDecorator] = []
        if name in excluded:
            marks.append(pytest.mark.skip(reason=f"not for {name}: {excluded[name]}"))
        timeo_warning = IMPLEMENTATIONS[name]
        if timeo_warning is not None:
            # the tests written for zmq set TIMEOs of their own
            marks.append(pytest.mark.filterwarnings(f"ignore:{timeo_warning}:UserWarning"))
        params.append(pytest.param(name, marks=marks, id=name))
    metafunc.parametrize("zmq", params, indirect=True)


@pytest.fixture(name="zmq", scope="module")
def zmq_module(request: pytest.FixtureRequest) -> ModuleType:
    """The module whose API the test uses: zmq, or for a test marked
    ``zmq_implementations`` each installed implementation in turn."""
    return importlib.import_module(getattr(request, "param", "zmq"))


@pytest.fixture
def context(zmq: ModuleType) -> Iterator[_zmq.Context[Any]]:
    """A fresh Context of ``zmq``, destroyed (sockets closed with linger 0) after the test."""
    ctx = keeping(zmq.Context)()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def socket(
    zmq: ModuleType, context: _zmq.Context[Any]
) -> Iterator[Callable[..., _zmq.Socket[Any]]]:
    """Make sockets of ``context`` that time out instead of blocking forever,
    setting the options given as keywords; all closed after the test.

    Where ``zmq``'s sockets ignore RCVTIMEO and SNDTIMEO (zmq.green), they are
    not set.
    """
    made: list[_zmq.Socket[Any]] = []
    timeouts = IMPLEMENTATIONS.get(zmq.__name__) is None

    def make(socket_type: int, **options: Any) -> _zmq.Socket[Any]:
        sock: _zmq.Socket[Any] = context.socket(socket_type)
        made.append(sock)
        if timeouts:
            sock.rcvtimeo = options.pop("rcvtimeo", TEST_TIMEOUT_MS)
            sock.sndtimeo = options.pop("sndtimeo", TEST_TIMEOUT_MS)
        for name, value in options.items():
            setattr(sock, name, value)
        return sock

    yield make
    for sock in made:
        sock.close(linger=0)


@pytest.fixture
def pair(
    socket: Callable[..., _zmq.Socket[Any]], request: pytest.FixtureRequest
) -> Callable[..., tuple[_zmq.Socket[Any], _zmq.Socket[Any]]]:
    """Make two connected sockets: ``pair(bind_type, connect_type, transport)``,
    where ``transport`` is ``"inproc"`` or ``"tcp"``."""

    def make(
        bind_type: int = _zmq.PAIR, connect_type: int = _zmq.PAIR, transport: str = "inproc"
    ) -> tuple[_zmq.Socket[Any], _zmq.Socket[Any]]:
        bound = socket(bind_type)
        connected = socket(connect_type)
        if transport == "inproc":
            url = f"inproc://{request.node.name}-{id(bound)}"
            bound.bind(url)
        else:
            url = bind_tcp(bound)
        connected.connect(url)
        return bound, connected

    return make


@pytest.fixture
def require() -> Callable[[str], None]:
    """``require(module)``: fail the test when ``module`` is not installed, or
    skip it, saying why, on free-threaded Python when the module has no build
    for it."""

    def check(module: str) -> None:
        if importlib.util.find_spec(module) is not None:
            return
        if module in NO_FREE_THREADED_BUILD and sysconfig.get_config_var("Py_GIL_DISABLED"):
            pytest.skip(f"{module} has no free-threaded build")
        pytest.fail(f"{module} is not installed, and the test needs it")

    return check
