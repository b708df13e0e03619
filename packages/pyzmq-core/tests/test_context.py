"""zmq.Context: options, defaults for sockets, shadows, instance, lifecycle."""

from __future__ import annotations

import copy
import ctypes
import errno
import gc
import os
import subprocess
import sys
import textwrap
import threading
import warnings
import weakref
from typing import Any

import pytest

import zmq

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations


def test_context_options(zmq, context):
    assert context.get(zmq.IO_THREADS) == 1
    context.set(zmq.MAX_SOCKETS, 100)
    assert context.get(zmq.MAX_SOCKETS) == 100
    assert context.max_sockets == 100
    context.max_sockets = 50
    assert context.get(zmq.MAX_SOCKETS) == 50
    assert context.io_threads == 1


def test_context_option_bad_values(zmq, context):
    with pytest.raises(TypeError):
        context.set(zmq.MAX_SOCKETS, "many")
    with pytest.raises(zmq.ZMQError) as info:
        context.set(9999, 1)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError, match="between 1 and"):
        context.set(zmq.MAX_SOCKETS, 2**40)
    with pytest.raises(OverflowError):
        context.set(zmq.MAX_SOCKETS, 2**70)


def test_unusual_context_options_pyzmq_takes_are_taken(zmq, context):
    limit = context.get(zmq.SOCKET_LIMIT)
    with pytest.warns(DeprecationWarning, match="socket limit"):
        context.set(zmq.MAX_SOCKETS, limit + 1)
    assert context.get(zmq.MAX_SOCKETS) == limit + 1
    context.socket(zmq.PUSH).close()
    many = zmq.Context(io_threads=1025)  # no socket: its threads never start
    many.set(zmq.IO_THREADS, 2000)
    assert many.get(zmq.IO_THREADS) == 2000
    many.term()


def test_write_only_context_options_are_missing_attributes(zmq, context):
    with pytest.raises(AttributeError, match="thread_affinity_cpu_add"):
        context.thread_affinity_cpu_add  # noqa: B018
    with pytest.raises(zmq.ZMQError):
        context.get(zmq.THREAD_AFFINITY_CPU_ADD)
    assert not hasattr(context, "thread_affinity_cpu_remove")


def test_io_threads_argument(zmq):
    ctx = zmq.Context(io_threads=2)
    try:
        assert ctx.get(zmq.IO_THREADS) == 2
    finally:
        ctx.term()


def test_socket_options_as_defaults(zmq, context):
    context.linger = 7
    context.subscribe = b"topic"
    assert context.linger == 7
    assert context.sockopts == {zmq.LINGER: 7, zmq.SUBSCRIBE: b"topic"}
    sub = context.socket(zmq.SUB)
    req = context.socket(zmq.REQ)  # SUBSCRIBE does not apply: skipped, no error
    assert sub.linger == 7
    assert req.linger == 7
    del context.linger
    assert zmq.LINGER not in context.sockopts
    with pytest.raises(AttributeError):
        context.linger  # noqa: B018
    assert context.socket(zmq.PUSH).linger == -1


def test_setsockopt_getsockopt_are_defaults(zmq, context):
    context.setsockopt(zmq.SNDHWM, 5)
    assert context.getsockopt(zmq.SNDHWM) == 5
    assert context.socket(zmq.PUSH).sndhwm == 5


def test_unknown_attribute(context):
    with pytest.raises(AttributeError, match="FOO"):
        context.foo = 1
    with pytest.raises(AttributeError):
        context.foo  # noqa: B018
    with pytest.raises(AttributeError):
        del context.foo


def test_dir_lists_options(context):
    names = dir(context)
    assert "IO_THREADS" in names
    assert "LINGER" in names


def test_socket_class_and_kwargs(zmq, context):
    class MySocket(zmq.Socket):
        custom_attr: int

        def __init__(self, ctx, socket_type, custom_attr=0):
            super().__init__(ctx, socket_type)
            self.custom_attr = custom_attr

    class MyContext(zmq.Context):
        _socket_class = MySocket

    ctx = MyContext()
    try:
        sock = ctx.socket(zmq.PUSH, custom_attr=10)
        assert isinstance(sock, MySocket)
        assert sock.custom_attr == 10
        other = context.socket(zmq.PUSH, socket_class=MySocket, custom_attr=3)
        assert other.custom_attr == 3
    finally:
        ctx.destroy(linger=0)


@pytest.mark.not_for(
    "zmq.green", "a green Context calls itself zmq.green.Context (pyzmq-green tests it)"
)
def test_repr(zmq, context):
    assert repr(context).startswith("<zmq.Context() at 0x")
    sock = context.socket(zmq.PUSH)
    assert "(1 socket)" in repr(context)
    other = context.socket(zmq.PUSH)
    assert "(2 sockets)" in repr(context)
    sock.close()
    other.close()
    context.term()
    assert repr(context).endswith(" closed>")


def test_shadow_by_address_and_by_context(zmq, context):
    by_address = zmq.Context.shadow(context.underlying)
    by_object = zmq.Context(context)
    for shadow in (by_address, by_object, zmq.Context.shadow(context)):
        assert shadow._shadow
        assert shadow.underlying == context.underlying
        assert not shadow.closed
    # sockets of a shadow share the context's inproc namespace
    a = by_address.socket(zmq.PAIR)
    b = context.socket(zmq.PAIR)
    a.bind("inproc://shadowed")
    b.connect("inproc://shadowed")
    a.send(b"across")
    b.rcvtimeo = 5000
    assert b.recv() == b"across"
    a.close()
    b.close()


def test_deleting_a_shadow_keeps_the_context(zmq, context):
    shadow = zmq.Context.shadow(context.underlying)
    del shadow
    gc.collect()
    assert not context.closed
    context.socket(zmq.PUSH).close()


def test_shadow_of_terminated_context_fails_clearly(zmq):
    ctx = zmq.Context()
    shadow = zmq.Context.shadow(ctx)
    ctx.term()
    assert shadow.closed
    with pytest.raises(zmq.ZMQError):
        shadow.socket(zmq.PUSH)
    # PyZMQ raises RuntimeError for options of a terminated context
    for call in (lambda: shadow.get(zmq.IO_THREADS), lambda: shadow.io_threads):
        with pytest.raises(RuntimeError):
            call()
    assert ctx.underlying == 0  # as in PyZMQ: nothing to shadow any more
    # so PyZMQ's shadow of it is a new context: here too, with a warning
    with pytest.warns(DeprecationWarning, match="terminated"):
        fresh = zmq.Context.shadow(ctx)
    assert not fresh.closed and not fresh._shadow
    fresh.term()


def test_terminating_a_shadow_terminates_the_context(zmq):
    ctx = zmq.Context()
    shadow = zmq.Context.shadow(ctx.underlying)
    shadow.term()
    assert ctx.closed
    with pytest.raises(zmq.ZMQError):
        ctx.socket(zmq.PUSH)


def test_shadow_of_a_ctypes_pointer_is_refused(zmq):
    # as PyZMQ's cast_int_addr: pass its .value
    with pytest.raises(ValueError, match="cannot cast"):
        zmq.Context.shadow(ctypes.c_void_p(16))


def _assert_no_context(zmq, shadow: zmq.Context[Any], address: int) -> None:
    """A shadow of an address with no context: PyZMQ's Context, on which
    every use raises EFAULT (if PyZMQ's does not crash: libzmq never sees the
    address here), also a ValueError as this project raised before."""
    assert isinstance(shadow, zmq.Context) and shadow._shadow
    assert not shadow.closed
    assert shadow.underlying == address
    assert "closed" not in repr(shadow)
    for use in (
        lambda: shadow.socket(zmq.PUSH),
        lambda: shadow.get(zmq.IO_THREADS),
        lambda: shadow.set(zmq.IO_THREADS, 2),
        shadow.destroy,
    ):
        with pytest.raises(zmq.ZMQError, match="holds no libzmq context") as info:
            use()
        assert isinstance(info.value, ValueError)
        assert info.value.errno == zmq.EFAULT
    assert not shadow.closed  # destroy() failed, as PyZMQ's
    # shadows of it are such contexts too
    for other in (zmq.Context.shadow(address), zmq.Context(shadow=shadow)):
        assert not other.closed and other.underlying == address
    shadow.term()  # as PyZMQ's: nothing to terminate, but terminated from now on
    assert shadow.closed and shadow.underlying == 0
    shadow.term()
    with pytest.raises(zmq.ZMQError):
        shadow.socket(zmq.PUSH)


@pytest.mark.parametrize("address", [1, 8, 4096, 12345, 2**63])
def test_shadow_of_an_address_with_no_context_raises_at_every_use(zmq, address):
    _assert_no_context(zmq, zmq.Context.shadow(address), address)
    _assert_no_context(zmq, zmq.Context(shadow=address), address)


def test_shadow_of_readable_memory_with_no_context_raises_at_every_use(zmq):
    zeroed = ctypes.create_string_buffer(64)
    _assert_no_context(zmq, zmq.Context.shadow(ctypes.addressof(zeroed)), ctypes.addressof(zeroed))


def test_shadow_of_a_python_objects_address_raises_at_every_use(zmq, context):
    shadow = zmq.Context.shadow(id(context))
    with pytest.raises(ValueError, match=r"not its id\(\)"):
        shadow.socket(zmq.PUSH)
    _assert_no_context(zmq, shadow, id(context))
    assert not context.closed


def test_shadow_of_a_terminated_contexts_address_raises_at_every_use(zmq):
    ctx = zmq.Context()
    address = ctx.underlying
    ctx.term()
    _assert_no_context(zmq, zmq.Context.shadow(address), address)


def test_shadow_of_a_sockets_address_is_no_context_and_changes_nothing(zmq, socket):
    sock = socket(zmq.PAIR)
    _assert_no_context(zmq, zmq.Context.shadow(sock.underlying), sock.underlying)
    # the socket is still known by its address: a shadow shares its state
    shadow = zmq.Socket.shadow(sock.underlying)
    sock.close()
    assert shadow.closed


def test_shadow_pyczmq_needs_pyczmq(zmq):
    with pytest.raises(ImportError, match="pyczmq"):
        zmq.Context.shadow_pyczmq(object())


def test_copy_gives_a_shadow(context):
    for duplicate in (copy.copy(context), copy.deepcopy(context)):
        assert duplicate._shadow
        assert duplicate.underlying == context.underlying
        assert duplicate is not context


def test_instance_is_inherited_as_a_class_attribute(zmq):
    # PyZMQ's rule: a subclass that sets no _instance of its own shares its
    # base class's global Context while that one is usable (a fresh base here,
    # so that zmq.Context's own global, which other tests use, is left alone)
    class Base(zmq.Context):
        _instance = None

    class Custom(Base):
        _instance = None

    class Plain(Base):
        pass

    class FirstOfAll(Base):
        pass

    first = FirstOfAll.instance()  # made before the base class's: its own
    base = Base.instance()
    custom = Custom.instance()
    try:
        assert type(first) is FirstOfAll and "_instance" in vars(FirstOfAll)
        assert type(base) is Base and base is not first
        assert type(custom) is Custom and custom is not base
        assert Plain.instance() is base and "_instance" not in vars(Plain)
        assert Custom.instance() is custom and FirstOfAll.instance() is first
        base.term()
        # the shared one is gone: Plain makes one of its own class, and keeps it
        plain = Plain.instance()
        assert type(plain) is Plain and "_instance" in vars(Plain)
        renewed = Base.instance()
        assert renewed is not base and renewed is not plain
        assert Plain.instance() is plain
    finally:
        for made in (first, custom, Plain.instance(), Base.instance()):
            made.term()


def test_instance_of_async_contexts_is_their_own(zmq, context):
    import zmq.asyncio

    base = zmq.Context.instance()
    made = zmq.asyncio.Context.instance()
    try:
        assert type(made) is zmq.asyncio.Context
        assert made is not base and zmq.asyncio.Context.instance() is made
    finally:
        made.term()


def test_instance_is_made_once_across_threads(zmq):
    class Fresh(zmq.Context):
        _instance = None

    seen = []
    barrier = threading.Barrier(8)

    def get() -> None:
        barrier.wait()
        seen.append(Fresh.instance())

    threads = [threading.Thread(target=get) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len({id(each) for each in seen}) == 1
    finally:
        seen[0].term()


@pytest.mark.not_for(
    "zmq.green",
    "it forks with os.fork, after which the child shares the parent's gevent hub "
    "(its epoll set) unless gevent.fork is used",
)
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_instance_after_fork_is_new(zmq):
    class Inheriting(zmq.Context):
        pass

    parent = zmq.Context.instance()
    assert Inheriting.instance() is parent
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, never return into pytest
        try:
            child = zmq.Context.instance()
            ok = child is not parent and not child.closed
            # the subclass still shares its base class's, the child's now
            ok = ok and Inheriting.instance() is child
            a, b = child.socket(zmq.PAIR), child.socket(zmq.PAIR)
            a.bind("inproc://child")
            b.connect("inproc://child")
            a.send(b"child works")
            b.rcvtimeo = 5000
            ok = ok and b.recv() == b"child works"
            a.close()
            b.close()
            child.term()
            os.write(write, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write)
    assert os.read(read, 2) == b"ok"
    os.close(read)
    os.waitpid(pid, 0)
    assert zmq.Context.instance() is parent
    assert not parent.closed


def test_context_del_warns_and_does_not_hang(zmq):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PUSH)
    sock.connect("tcp://127.0.0.1:1")  # nobody there: the message lingers forever
    sock.send(b"undeliverable")
    ref = weakref.ref(ctx)
    categories = []
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda message, category, *args, **kw: categories.append(category)
        del sock, ctx
        gc.collect()
    assert ref() is None
    assert categories == [ResourceWarning, ResourceWarning]


def test_exit_destroys_and_warns_about_open_sockets(zmq):
    with pytest.warns(ResourceWarning, match="unclosed socket"), zmq.Context() as ctx:
        sock = ctx.socket(zmq.PUSH)
    assert ctx.closed
    assert sock.closed


@pytest.mark.not_for(
    "zmq.green",
    "it checks the core's own classes, which zmq.green replaces by design",
)
def test_module_paths_downstream_code_imports(zmq):
    from zmq.backend import Socket as BackendSocket
    from zmq.sugar.context import Context
    from zmq.sugar.socket import Socket

    assert Context is zmq.Context
    assert Socket is zmq.Socket
    assert issubclass(zmq.Socket, BackendSocket)
    # as in PyZMQ: an alias for type checkers, which makes a Context
    assert zmq.SyncContext == zmq.Context[zmq.Socket[bytes]]
    assert zmq.SyncContext is not zmq.Context
    sync = zmq.SyncContext()
    assert type(sync) is zmq.Context
    sync.term()
    assert sys.modules["zmq.error"].ZMQError is zmq.ZMQError


@pytest.mark.parametrize(
    ("option", "value"),
    [
        (zmq.IO_THREADS, 100_000),
        (zmq.IO_THREADS, -1),
        (zmq.MAX_SOCKETS, 2**31 - 1),
        (zmq.MAX_SOCKETS, 0),
        (zmq.THREAD_SCHED_POLICY, 99),
        (zmq.THREAD_AFFINITY_CPU_ADD, 4096),
    ],
)
def test_options_libzmq_would_abort_on_are_refused(zmq, context, option, value):
    # libzmq takes these now and aborts the process when it starts its threads
    with pytest.raises(zmq.ZMQError) as info:
        context.set(option, value)
    assert info.value.errno == zmq.EINVAL
    context.socket(zmq.PUSH).close()  # the context still works


def test_io_threads_limit_in_constructor(zmq):
    with pytest.raises(zmq.ZMQError, match="io_threads"):
        zmq.Context(io_threads=100_000)


def test_allowed_scheduling_options_work(zmq, context):
    context.set(zmq.THREAD_SCHED_POLICY, os.sched_getscheduler(0))
    cpu = min(os.sched_getaffinity(0))
    context.set(zmq.THREAD_AFFINITY_CPU_ADD, cpu)
    context.socket(zmq.PUSH).close()


def test_destroy_closes_sockets_whose_class_failed_to_initialize(zmq):
    class Failing(zmq.Socket):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            raise RuntimeError("subclass init fails after the socket was made")

    ctx = zmq.Context()
    with pytest.raises(RuntimeError) as info:
        ctx.socket(zmq.PUSH, Failing)
    kept = info.value  # keeps the half-made socket alive, and unregistered
    ctx.destroy(linger=0)  # must not wait for it
    assert ctx.closed
    del kept


def test_destroy_of_a_shadow_closes_the_contexts_sockets(zmq):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PUSH)
    zmq.Context.shadow(ctx).destroy(linger=0)
    assert sock.closed and ctx.closed


# --- destroy while other threads wait in calls ------------------------------------

#: a program that destroys contexts under threads blocked in every kind of call;
#: closing a socket under a call makes libzmq abort the process (signal 6)
DESTROY_UNDER_BLOCKED_CALLS = textwrap.dedent(
    """
    import threading, zmq

    ended = []

    def wait_in(call):
        try:
            call()
        except zmq.ContextTerminated:
            ended.append(call)

    for round in range(20):
        ctx = zmq.Context()
        # one socket per thread: libzmq sockets are not for two threads at once
        pull, polled, pair, front, back = (
            ctx.socket(t) for t in (zmq.PULL, zmq.PAIR, zmq.PAIR, zmq.ROUTER, zmq.DEALER)
        )
        for sock in (pull, polled, pair, front, back):
            sock.bind(f"inproc://{id(sock)}")
        poller = zmq.Poller()
        poller.register(polled, zmq.POLLIN)
        calls = [pull.recv, poller.poll, pair.poll, lambda: zmq.proxy(front, back)]
        threads = [threading.Thread(target=wait_in, args=(call,)) for call in calls]
        for thread in threads:
            thread.start()
        # every thread is in its call (or about to enter it)
        while not all(s._busy for s in (pull, polled, pair, front)):
            pass
        ctx.destroy(linger=0)
        for thread in threads:
            thread.join(10)
        assert not any(thread.is_alive() for thread in threads)
    print(len(ended))
    """
)


def test_destroy_ends_calls_other_threads_wait_in_first():
    result = subprocess.run(
        [sys.executable, "-c", DESTROY_UNDER_BLOCKED_CALLS],
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["80"]  # 4 calls ended with ContextTerminated, 20 times


@pytest.mark.not_for(
    "zmq.green",
    "green sockets never wait inside libzmq, so no other thread can be in a call on one",
)
def test_closing_a_socket_another_thread_waits_on_is_refused(zmq):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PULL)
    sock.bind("inproc://waited-on")
    errors = []

    def wait():
        try:
            sock.recv()
        except zmq.ContextTerminated as error:
            errors.append(error)

    waiter = threading.Thread(target=wait)
    waiter.start()
    while not sock._busy:
        pass
    with pytest.raises(zmq.ZMQError, match="another thread waits in a call on it") as info:
        sock.close()
    assert info.value.errno == errno.EBUSY
    assert not sock.closed
    ctx.destroy(linger=0)
    waiter.join(10)
    assert len(errors) == 1 and sock.closed
