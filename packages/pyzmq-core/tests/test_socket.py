"""zmq.Socket: options, endpoints, helpers, monitoring, bad input."""

from __future__ import annotations

import copy
import ctypes
import errno
import pickle
import typing
import warnings
from typing import Any

import pytest

import zmq
from zmq.utils.monitor import recv_monitor_message

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations

# --- options -----------------------------------------------------------------


def test_get_and_set_options(zmq, socket):
    sock = socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 5)
    assert sock.getsockopt(zmq.LINGER) == 5
    sock.set(zmq.SNDHWM, 7)
    assert sock.get(zmq.SNDHWM) == 7
    sock.identity = b"me"
    assert sock.get(zmq.IDENTITY) == b"me"
    assert sock.routing_id == b"me"
    sock.affinity = 3
    assert sock.affinity == 3
    assert isinstance(sock.fd, int) and sock.fd == sock.fileno()
    assert sock.type == zmq.DEALER and sock.get(zmq.TYPE) == zmq.DEALER


def test_options_as_attributes_any_case(zmq, socket):
    sock = socket(zmq.PUSH)
    sock.LINGER = 3
    assert sock.linger == 3
    assert sock.LINGER == 3
    sock.rcvtimeo = 12
    assert sock.get(zmq.RCVTIMEO) == 12


def test_string_options(zmq, socket):
    sock = socket(zmq.DEALER)
    sock.set_string(zmq.IDENTITY, "ünïcode")
    assert sock.get_string(zmq.IDENTITY) == "ünïcode"
    assert sock.getsockopt_string(zmq.IDENTITY) == "ünïcode"
    sock.setsockopt_unicode(zmq.IDENTITY, "x")
    assert sock.getsockopt_unicode(zmq.IDENTITY) == "x"
    with pytest.raises(TypeError):
        sock.set_string(zmq.IDENTITY, b"bytes")
    with pytest.raises(TypeError):
        sock.get_string(zmq.LINGER)


def test_text_that_cannot_be_encoded_is_not_repeated_in_the_error(zmq, socket):
    sock = socket(zmq.DEALER)
    with pytest.raises(ValueError, match=r"PLAIN_PASSWORD.*position 6") as info:
        sock.set_string(zmq.PLAIN_PASSWORD, "SECRET\udcffpassword")
    assert "SECRET" not in repr(info.value) and info.value.__context__ is None


def test_last_endpoint(zmq, socket):
    sock = socket(zmq.PULL)
    port = sock.bind_to_random_port("tcp://127.0.0.1")
    assert sock.last_endpoint == f"tcp://127.0.0.1:{port}".encode()


def test_curve_keys_read_back_as_z85(zmq, socket):
    if not zmq.has("curve"):
        pytest.skip("libzmq without CURVE")
    public, secret = zmq.curve_keypair()
    sock = socket(zmq.DEALER)
    sock.curve_secretkey = secret
    sock.curve_publickey = public
    assert sock.curve_secretkey == secret
    assert sock.curve_publickey == public
    assert zmq.curve_public(secret) == public


def test_unknown_attribute(zmq, socket):
    sock = socket(zmq.PUSH)
    with pytest.raises(AttributeError, match="FOO"):
        sock.foo = 1
    with pytest.raises(AttributeError):
        sock.foo  # noqa: B018
    with pytest.raises(AttributeError):
        del sock.linger


def test_options_that_cannot_be_read_are_missing_attributes(zmq, socket):
    sub = socket(zmq.SUB)
    # write-only, or not an option of a SUB socket: AttributeError, as in PyZMQ
    for name in ("SUBSCRIBE", "UNSUBSCRIBE", "connect_routing_id", "router_mandatory"):
        with pytest.raises(AttributeError, match=name.lower()):
            getattr(sub, name)
        assert not hasattr(sub, name)
    # through get(), libzmq's error stays a ZMQError, as in PyZMQ
    with pytest.raises(zmq.ZMQError) as info:
        sub.get(zmq.SUBSCRIBE)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError):
        sub.getsockopt(zmq.ROUTER_MANDATORY)
    # the method of that name is still the method; setting still subscribes
    assert callable(sub.subscribe)
    sub.subscribe = b"topic"
    # a closed socket's options are not missing: reading them fails
    sub.close()
    with pytest.raises(zmq.ZMQError) as info:
        sub.linger  # noqa: B018
    assert info.value.errno == zmq.ENOTSOCK


@pytest.mark.filterwarnings("ignore:Socket.socket_type is deprecated:DeprecationWarning")
def test_mock_with_a_socket_or_context_as_spec(zmq, socket, context):
    from unittest import mock

    for spec, method in (
        (socket(zmq.SUB), "recv"),
        (socket(zmq.ROUTER), "send"),
        (context, "term"),
    ):
        double = mock.Mock(spec=spec)
        getattr(double, method).return_value = "mocked"
        assert getattr(double, method)() == "mocked"
        with pytest.raises(AttributeError):
            double.not_an_attribute_of_theirs  # noqa: B018
    double = mock.create_autospec(socket(zmq.PUSH), instance=True)
    double.send(b"x")
    double.send.assert_called_once_with(b"x")


def test_declared_attributes_of_subclasses(zmq, context):
    class Annotated(zmq.Socket):
        note: str

    class WithDefault(zmq.Socket):
        note = "default"

    for cls in (Annotated, WithDefault):
        sock = cls(context, zmq.PUSH)
        sock.note = "set"
        assert sock.note == "set"
        sock.close()


def test_dir_lists_options(zmq, socket):
    names = dir(socket(zmq.PUSH))
    for name in ("IDENTITY", "AFFINITY", "FD", "linger", "send"):
        assert name in names


def test_bad_option_values(zmq, socket):
    sock = socket(zmq.PUB)
    with pytest.raises(zmq.ZMQError) as info:
        sock.setsockopt(9999, 5)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        sock.setsockopt(9999, b"5")
    with pytest.raises(TypeError, match="bytes, not str"):
        sock.setsockopt(zmq.IDENTITY, "text")
    with pytest.raises(TypeError, match="int"):
        sock.setsockopt(zmq.LINGER, "5")
    with pytest.raises(TypeError):
        sock.linger = None
    with pytest.raises(OverflowError):
        sock.linger = 2**40
    with pytest.raises(zmq.ZMQError) as info:
        sock.setsockopt(zmq.SUBSCRIBE, b"")
    assert info.value.errno == zmq.EINVAL
    assert "SUBSCRIBE" in str(info.value) and "PUB" in str(info.value)
    with pytest.raises(zmq.ZMQError):
        sock.setsockopt(zmq.FD, 3)  # read-only
    with pytest.raises(zmq.ZMQError):
        sock.getsockopt(zmq.SUBSCRIBE)  # write-only
    with pytest.raises(TypeError):
        sock.getsockopt("LINGER")


def test_hwm_sets_both(zmq, socket):
    sock = socket(zmq.DEALER)
    assert sock.hwm == 1000
    sock.hwm = 11
    assert (sock.sndhwm, sock.rcvhwm, sock.hwm, sock.get_hwm()) == (11, 11, 11, 11)
    sock.set_hwm(12)
    assert (sock.sndhwm, sock.rcvhwm) == (12, 12)


@pytest.mark.parametrize("socket_type", [zmq.PUSH, zmq.PULL, zmq.SUB, zmq.DEALER])
def test_hwm_itself_is_no_option(zmq, socket, socket_type):
    # libzmq 2's option: libzmq 3 refuses it, and PyZMQ passes it on
    sock = socket(socket_type)
    for call in (
        lambda: sock.get(zmq.HWM),
        lambda: sock.getsockopt(zmq.HWM),
        lambda: sock.set(zmq.HWM, 5),
        lambda: sock.setsockopt(zmq.HWM, 5),
        lambda: setattr(sock, "HWM", 5),
    ):
        with pytest.raises(zmq.ZMQError, match="SNDHWM and RCVHWM") as info:
            call()
        assert info.value.errno == zmq.EINVAL
    assert not hasattr(sock, "HWM")  # as PyZMQ: write-only, so no attribute
    assert (sock.sndhwm, sock.rcvhwm, sock.hwm) == (1000, 1000, 1000)


def _assert_subscribed_to_topic_only(pub: zmq.Socket[Any], sub: zmq.Socket[Any]) -> None:
    """The SUB gets "tópic" and not "other" (inproc: subscriptions reach the
    PUB as it sends, so it sends until one arrives)."""
    sub.rcvtimeo = 20
    for _ in range(50):
        pub.send_multipart([b"other", b"no"])
        pub.send_multipart(["tópic".encode(), b"yes"])
        try:
            assert sub.recv_multipart() == ["tópic".encode(), b"yes"]
            return
        except zmq.Again:
            continue
    pytest.fail("subscription never took effect")


def test_subscribe_attributes_take_text_as_in_pyzmq(zmq, pair):
    pub, sub = pair(zmq.PUB, zmq.SUB)
    sub.subscribe = "tópic"
    sub.SUBSCRIBE = "other"
    sub.Unsubscribe = "other"
    with pytest.raises(TypeError, match="set_string"):  # set() takes bytes only, as PyZMQ's
        sub.set(zmq.SUBSCRIBE, "text")
    _assert_subscribed_to_topic_only(pub, sub)


def test_subscribe(zmq, pair):
    pub, sub = pair(zmq.PUB, zmq.SUB)
    sub.subscribe("tópic")
    sub.subscribe = b"other"
    sub.setsockopt(zmq.SUBSCRIBE, b"third")
    sub.unsubscribe(b"third")
    sub.unsubscribe = b"other"
    _assert_subscribed_to_topic_only(pub, sub)


# --- endpoints ----------------------------------------------------------------


def test_bind_and_connect_return_context_managers(zmq, socket):
    server, client = socket(zmq.PULL), socket(zmq.PUSH)
    url = "inproc://context-managers"
    with server.bind(url) as bound:
        assert bound is server
        with client.connect(url) as connected:
            assert connected is client
            client.send(b"inside")
            assert server.recv() == b"inside"
    # the with-block unbound the endpoint: another socket may bind it
    other = socket(zmq.PULL)
    other.bind(url)
    assert repr(other.connect("inproc://x")) == "<SocketContext(connect='inproc://x')>"


def test_bind_context_manager_unbinds_the_resolved_endpoint(zmq, socket):
    server = socket(zmq.PULL)
    for wildcard in ("tcp://127.0.0.1:0", "tcp://127.0.0.1:*"):
        bound = server.bind(wildcard)
        endpoint = server.last_endpoint.decode()
        assert bound.addr == endpoint and endpoint.rsplit(":", 1)[1] not in ("0", "*")
        assert repr(bound) == f"<SocketContext(bind={endpoint!r})>"
        with bound:
            pass
        with pytest.raises(zmq.ZMQError) as info:  # unbound already
            server.unbind(endpoint)
        assert info.value.errno == errno.ENOENT
    # bytes are given back as text, as last_endpoint is read
    assert server.bind(b"inproc://as-bytes").addr == "inproc://as-bytes"
    # another bind after this one does not change what it unbinds
    first = server.bind("tcp://127.0.0.1:0")
    first_endpoint = server.last_endpoint.decode()
    server.bind("tcp://127.0.0.1:0")
    with first:
        pass
    with pytest.raises(zmq.ZMQError):
        server.unbind(first_endpoint)
    # connect keeps the address it was given
    client = socket(zmq.PUSH)
    with client.connect("tcp://localhost:5555") as connected:
        assert connected is client
    assert repr(client.connect("tcp://127.0.0.1:5556")) == (
        "<SocketContext(connect='tcp://127.0.0.1:5556')>"
    )


def test_unbind_and_disconnect_errors(zmq, socket):
    sock = socket(zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        sock.unbind("tcp://127.0.0.1:1")
    assert "tcp://127.0.0.1:1" in str(info.value)
    with pytest.raises(zmq.ZMQError):
        sock.disconnect("tcp://127.0.0.1:1")
    with pytest.raises(TypeError):
        sock.bind(5)


def test_bind_to_random_port_range(zmq, socket):
    sock = socket(zmq.PULL)
    port = sock.bind_to_random_port("tcp://127.0.0.1", min_port=40000, max_port=41000)
    assert 40000 <= port < 41000
    with pytest.raises(zmq.ZMQError):
        socket(zmq.PULL).bind_to_random_port("tcp://999.1.1.1")


def test_bind_to_random_port_refuses_an_empty_range(zmq, socket):
    with pytest.raises(ValueError, match="min_port must be below max_port"):
        socket(zmq.PULL).bind_to_random_port("tcp://127.0.0.1", min_port=50000, max_port=40000)


def test_bind_to_random_port_gives_up(zmq, socket):
    taken = socket(zmq.PULL)
    port = taken.bind_to_random_port("tcp://127.0.0.1", min_port=45000, max_port=46000)
    sock = socket(zmq.PULL)
    with pytest.raises(zmq.ZMQBindError):
        sock.bind_to_random_port("tcp://127.0.0.1", min_port=port, max_port=port + 1, max_tries=5)


def test_ipc_path_errors(zmq, socket, tmp_path):
    sock = socket(zmq.PULL)
    too_long = "ipc://" + "x" * (zmq.IPC_PATH_MAX_LEN + 10)
    with pytest.raises(zmq.ZMQError, match="long"):
        sock.bind(too_long)
    missing = f"ipc://{tmp_path}/no/such/dir/sock"
    with pytest.raises(zmq.ZMQError, match="does not exist"):
        sock.bind(missing)


# --- lifecycle ----------------------------------------------------------------


def test_close_with_linger(zmq, context):
    sock = context.socket(zmq.PUSH)
    sock.connect("tcp://127.0.0.1:1")
    sock.send(b"dropped")
    sock.close(linger=0)
    assert sock.closed
    context.term()  # does not block: linger 0 dropped the message


@pytest.mark.not_for(
    "zmq.green", "a green Socket calls itself zmq.green.Socket (pyzmq-green tests it)"
)
def test_repr(zmq, context):
    sock = context.socket(zmq.PUSH)
    assert repr(sock).startswith("<zmq.Socket(zmq.PUSH) at 0x")
    sock.close()
    assert repr(sock).endswith(" closed>")


def test_sync_socket_is_an_alias_as_in_pyzmq(zmq, context):
    # the blocking Socket[bytes], for type checkers; calling it makes a Socket
    blocking = typing.get_origin(zmq.SyncSocket)
    assert issubclass(zmq.Socket, blocking)  # zmq.green's Socket subclasses it
    assert typing.get_args(zmq.SyncSocket) == (bytes,)
    assert zmq.SyncSocket is not zmq.Socket
    sock = zmq.SyncSocket(context, zmq.PUSH)
    assert type(sock) is blocking
    sock.close()


def test_type_may_be_set_on_the_instance(zmq, socket):
    # as in PyZMQ, where type is an instance attribute (a mock's way to fake one)
    sock = socket(zmq.PUSH)
    sock.type = zmq.PULL
    assert sock.type == zmq.PULL
    assert sock.get(zmq.TYPE) == zmq.PUSH
    assert "(zmq.PUSH) at 0x" in repr(sock)
    del sock.type
    assert sock.type is zmq.PUSH


def test_socket_type_is_deprecated(zmq, socket):
    sock = socket(zmq.REQ)
    with pytest.warns(DeprecationWarning):
        assert sock.socket_type == zmq.REQ


def test_shadow_shares_the_socket(zmq, pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    for shadow in (zmq.Socket.shadow(push.underlying), zmq.Socket(push), copy.copy(push)):
        assert shadow._shadow
        assert shadow.underlying == push.underlying
        shadow.send(b"via shadow")
        assert pull.recv() == b"via shadow"
    # closing a shadow closes the socket, and every wrapper knows it
    zmq.Socket.shadow(push.underlying).close()
    assert push.closed
    with pytest.raises(zmq.ZMQError) as info:
        push.send(b"x")
    assert info.value.errno == zmq.ENOTSOCK


def test_bad_socket_construction(zmq, context):
    with pytest.raises(TypeError, match="Context"):
        zmq.Socket("not a context", zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        context.socket(999)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        context.socket("PUSH")
    with pytest.raises(ValueError):  # as PyZMQ's cast_int_addr
        zmq.Socket.shadow(ctypes.c_void_p())


def test_unclosed_socket_warns(zmq):
    ctx = zmq.Context()  # not the fixture's, which keeps its sockets
    sock = ctx.socket(zmq.PUSH)
    with pytest.warns(ResourceWarning, match="Unclosed socket"):
        del sock
        __import__("gc").collect()
    ctx.term()


def _assert_no_socket(zmq, shadow: zmq.Socket[Any], address: int) -> None:
    """A shadow of an address with no socket: PyZMQ's Socket, closed, on which
    every use raises ENOTSOCK (if PyZMQ's does not crash: libzmq never sees
    the address here), also a ValueError as this project raised before."""
    assert isinstance(shadow, zmq.Socket) and shadow._shadow
    assert shadow.closed
    assert shadow.underlying == address
    assert shadow.context is None
    assert "(zmq.UNKNOWN) at 0x" in repr(shadow)
    poller = zmq.Poller()
    poller.register(shadow, zmq.POLLIN)
    for use in (
        lambda: shadow.type,
        lambda: shadow.get(zmq.TYPE),
        lambda: shadow.linger,
        lambda: setattr(shadow, "linger", 0),
        lambda: shadow.send(b"x"),
        lambda: shadow.send_multipart([b"x"]),
        lambda: shadow.recv(zmq.NOBLOCK),
        lambda: shadow.bind("inproc://nowhere"),
        lambda: shadow.poll(0),
        shadow.fileno,
        lambda: zmq.zmq_poll([(shadow, zmq.POLLIN)], 0),
        lambda: poller.poll(0),
    ):
        with pytest.raises(zmq.ZMQError, match="holds no libzmq socket") as info:
            use()
        assert isinstance(info.value, ValueError)
        assert info.value.errno == zmq.ENOTSOCK
    # shadows of it are such sockets too
    for other in (zmq.Socket.shadow(address), zmq.Socket.shadow(shadow), copy.copy(shadow)):
        assert other.closed and other.underlying == address
    shadow.close()
    shadow.close()
    assert shadow.underlying == address  # as PyZMQ's


@pytest.mark.parametrize("address", [1, 8, 12345, 2**63])
def test_shadow_of_an_address_with_no_socket_raises_at_every_use(zmq, address):
    _assert_no_socket(zmq, zmq.Socket.shadow(address), address)
    _assert_no_socket(zmq, zmq.Socket(shadow=address), address)


def test_shadow_of_readable_memory_with_no_socket_raises_at_every_use(zmq):
    zeroed = ctypes.create_string_buffer(64)
    _assert_no_socket(zmq, zmq.Socket.shadow(ctypes.addressof(zeroed)), ctypes.addressof(zeroed))


def test_shadow_of_a_python_objects_address_raises_at_every_use(zmq, socket):
    sock = socket(zmq.PAIR)
    shadow = zmq.Socket.shadow(id(sock))
    with pytest.raises(ValueError, match=r"not its id\(\)"):
        shadow.send(b"x")
    _assert_no_socket(zmq, shadow, id(sock))
    _assert_no_socket(zmq, zmq.Socket.shadow(id(sock.context)), id(sock.context))
    _assert_no_socket(zmq, zmq.Socket.shadow(sock.context.underlying), sock.context.underlying)
    # the context is still known by its address: a shadow shares its state
    assert zmq.Context.shadow(sock.context.underlying).underlying == sock.context.underlying
    assert not sock.closed


def test_a_closed_sockets_address_is_zero(zmq, socket):
    sock = socket(zmq.PAIR)
    sock.close()
    assert sock.underlying == 0
    with pytest.raises(TypeError):  # Socket.shadow(0) makes no socket, as in PyZMQ
        zmq.Socket.shadow(sock.underlying)
    # a shadow of the closed Socket: PyZMQ's TypeError, and the ENOTSOCK of before
    for make in (zmq.Socket.shadow, zmq.Socket, copy.copy):
        with pytest.raises(TypeError, match="closed") as info:
            make(sock)
        assert isinstance(info.value, zmq.ZMQError) and info.value.errno == zmq.ENOTSOCK


def test_shadow_keeps_the_wrapped_socket_alive(zmq, recwarn):
    ctx = zmq.Context()
    shadow = zmq.Socket(shadow=ctx.socket(zmq.PAIR))
    __import__("gc").collect()
    assert not [w for w in recwarn.list if w.category is ResourceWarning]
    shadow.close()
    assert shadow.closed
    ctx.term()
    del shadow
    __import__("gc").collect()
    assert not [w for w in recwarn.list if w.category is ResourceWarning]


def test_wrong_socket_use_errors(zmq, pair, socket):
    _rep, req = pair(zmq.REP, zmq.REQ)
    req.send(b"one")
    with pytest.raises(zmq.ZMQError, match="must receive the reply") as info:
        req.send(b"two")
    assert info.value.errno == zmq.EFSM
    with pytest.raises(zmq.ZMQError, match="must receive a request before") as info:
        _rep.send(b"no request yet")
    assert info.value.errno == zmq.EFSM
    push = socket(zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        push.recv()
    assert info.value.errno == zmq.ENOTSUP


# --- serialization helpers ----------------------------------------------------


def test_strings(pair):
    a, b = pair()
    a.send_string("héllo")
    assert b.recv_string() == "héllo"
    a.send_string("héllo", encoding="latin-1")
    assert b.recv_string(encoding="latin-1") == "héllo"
    a.send_unicode("u")
    assert b.recv_unicode() == "u"
    with pytest.raises(TypeError):
        a.send_string(b"bytes")


def test_json(pair):
    a, b = pair()
    a.send_json({"a": [1, 2.5, None, "é"]})
    assert b.recv_json() == {"a": [1, 2.5, None, "é"]}
    a.send_json([1], separators=(",", ":"))
    assert b.recv() == b"[1]"
    with pytest.raises(TypeError):
        a.send_json(object())


def test_pyobj(pair):
    a, b = pair()
    obj = {"set": {1, 2}, "tuple": (1, "x"), "bytes": b"\x00"}
    a.send_pyobj(obj)
    assert b.recv_pyobj() == obj
    a.send_pyobj(obj, protocol=2)
    assert pickle.loads(b.recv()) == obj


def test_pyobj_default_protocol_has_pyzmqs_name(pair):
    from zmq.sugar.socket import DEFAULT_PROTOCOL

    assert DEFAULT_PROTOCOL == pickle.DEFAULT_PROTOCOL
    a, b = pair()
    a.send_pyobj(None)
    assert b.recv()[:2] == bytes([pickle.PROTO[0], DEFAULT_PROTOCOL])


def test_serialized(pair):
    a, b = pair()
    a.send_serialized({"k": "v"}, lambda m: [k.encode() for k in m] + [m["k"].encode()])
    assert b.recv_serialized(lambda parts: [p.decode() for p in parts]) == ["k", "v"]
    a.send_serialized(3, lambda n: [b"x"] * n)
    frames = b.recv_serialized(lambda parts: parts, copy=False)
    assert [f.bytes for f in frames] == [b"x"] * 3


def test_recv_into(zmq, pair):
    a, b = pair()
    buffer = bytearray(10)
    a.send(b"hello")
    assert b.recv_into(buffer) == 5
    assert buffer[:5] == b"hello"
    a.send(b"0123456789abcdef")
    assert b.recv_into(buffer) == 16  # truncated: the part's full size is reported
    assert buffer == b"0123456789"
    a.send(b"xyz")
    assert b.recv_into(memoryview(buffer), nbytes=2) == 3
    assert buffer[:3] == b"xy2"
    with pytest.raises(ValueError):
        b.recv_into(buffer, nbytes=11)
    # what PyZMQ raises for each kind of buffer it cannot write into
    for read_only in (b"read-only", memoryview(bytearray(4)).toreadonly()):
        with pytest.raises(BufferError, match="writable"):
            b.recv_into(read_only)
    with pytest.raises(BufferError, match="contiguous"):
        b.recv_into(memoryview(bytearray(8))[::2])
    for not_a_buffer in (object(), "text", None, 5):
        with pytest.raises(TypeError):
            b.recv_into(not_a_buffer)
    with pytest.raises(OverflowError):
        b.recv_into(buffer, nbytes=2**40)
    with pytest.raises(ValueError):
        b.recv_into(buffer, nbytes=-1)
    with pytest.raises(zmq.Again):
        b.recv_into(buffer, flags=zmq.DONTWAIT)


def test_send_mixed_parts(zmq, pair):
    a, b = pair()
    parts = [b"bytes", bytearray(b"bytearray"), memoryview(b"memoryview"), zmq.Frame(b"frame")]
    a.send_multipart(parts)
    assert b.recv_multipart() == [b"bytes", b"bytearray", b"memoryview", b"frame"]
    a.send_multipart((b"x", b"y"))
    assert b.recv_multipart() == [b"x", b"y"]


@pytest.mark.parametrize(
    "parts", [iter([b"x", b"y"]), (part for part in [b"x"]), {b"x"}, {b"x": b"y"}]
)
def test_send_multipart_needs_a_sequence(pair, parts):
    # PyZMQ slices the parts: an iterator, a set or a dict is a TypeError
    a, b = pair()
    with pytest.raises(TypeError, match="sequence"):
        a.send_multipart(parts)
    a.send(b"after")
    assert b.recv_multipart() == [b"after"]


def test_send_multipart_bad_parts_send_nothing(pair):
    a, b = pair()
    with pytest.raises(TypeError, match="part 1"):
        a.send_multipart([b"fine", 42])
    with pytest.raises(TypeError, match="part 0"):
        a.send_multipart(["str"])
    with pytest.raises(BufferError, match=r"part 1|contiguous"):
        a.send_multipart([b"fine", memoryview(b"abcdef")[::2]])
    with pytest.raises(IndexError) as info:  # as PyZMQ's [-1]
        a.send_multipart([])
    assert isinstance(info.value, ValueError)  # as this project raised before
    with pytest.raises(TypeError):
        a.send_multipart(None)
    a.send(b"after")
    assert b.recv_multipart() == [b"after"]


def test_send_multipart_ignores_unknown_arguments_with_a_warning(pair):
    a, b = pair()
    with pytest.warns(DeprecationWarning, match="foo"):
        a.send_multipart([b"x"], foo=1)
    assert b.recv_multipart() == [b"x"]


def test_non_contiguous_buffers_are_refused(pair):
    a, _b = pair()
    for copying in (True, False):
        with pytest.raises(BufferError, match="contiguous"):
            a.send(memoryview(b"abcdef")[::2], copy=copying)


# --- polling and monitoring -------------------------------------------------


def test_poll(zmq, pair):
    a, b = pair()
    assert b.poll(0) == 0
    assert a.poll(0, zmq.POLLOUT) == zmq.POLLOUT
    a.send(b"x")
    assert b.poll(1000) == zmq.POLLIN
    assert b.poll(None) == zmq.POLLIN
    b.recv()
    assert b.poll(10) == 0


def test_monitor(zmq, socket):
    server = socket(zmq.PULL)
    monitor = server.get_monitor_socket()
    assert server.get_monitor_socket() is monitor
    monitor.rcvtimeo = 5000
    port = server.bind_to_random_port("tcp://127.0.0.1")
    event = recv_monitor_message(monitor)
    assert event["event"] == zmq.EVENT_LISTENING
    assert event["endpoint"] == f"tcp://127.0.0.1:{port}".encode()
    client = socket(zmq.PUSH)
    client.connect(f"tcp://127.0.0.1:{port}")
    seen = set()
    while zmq.EVENT_HANDSHAKE_SUCCEEDED not in seen:
        seen.add(recv_monitor_message(monitor)["event"])
    assert zmq.EVENT_ACCEPTED in seen
    server.disable_monitor()
    while recv_monitor_message(monitor)["event"] != zmq.EVENT_MONITOR_STOPPED:
        pass
    monitor.close()
    # monitoring again works
    again = server.get_monitor_socket(zmq.EVENT_ACCEPTED)
    assert again is not monitor
    server.disable_monitor()
    again.close()


def test_monitoring_many_sockets_in_turn_never_hangs_nor_runs_out(zmq):
    # PyZMQ's habit: disable_monitor() and leave the monitor socket to the
    # garbage collector. Stopping after dropping it could block in libzmq's
    # MONITOR_STOPPED send; and libzmq's own monitor sockets, reaped in the
    # background, could use up MAX_SOCKETS.
    ctx = zmq.Context()
    ctx.max_sockets = 16
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            for _ in range(1000):
                sock = ctx.socket(zmq.PUB)
                sock.get_monitor_socket()
                sock.disable_monitor()
                sock.close(linger=0)
    finally:
        ctx.destroy(linger=0)


def test_monitor_of_address_shadow_is_refused(zmq, socket):
    sock = socket(zmq.PUSH)
    shadow = zmq.Socket.shadow(sock.underlying)
    with pytest.raises(ValueError, match="context"):
        shadow.get_monitor_socket()


# --- zero-copy and tracking -------------------------------------------------


def test_copy_threshold_small_messages_are_copied(zmq, pair):
    a, b = pair()
    tracker = a.send(b"x" * 100, copy=False, track=True)
    assert tracker is zmq._FINISHED_TRACKER
    assert tracker.done
    assert a.send(b"x", track=True) is None  # copy=True never tracks
    # as PyZMQ: with copy=False, a copied message returns the finished tracker
    assert a.send(b"x", copy=False) is zmq._FINISHED_TRACKER
    assert a.send(bytearray(b"x"), copy=False) is zmq._FINISHED_TRACKER
    assert a.send_string("x", copy=False) is zmq._FINISHED_TRACKER
    assert a.send_multipart([b"x", b"y"], copy=False) is zmq._FINISHED_TRACKER
    assert a.send_multipart([b"x", b"y"]) is None
    for _ in range(6):
        b.recv_multipart()


def test_sending_a_frame_returns_its_tracker(zmq, pair):
    # as PyZMQ, whatever copy and track say
    a, b = pair()
    tracked = zmq.Frame(b"small", track=True)  # copied: its tracker is done
    assert tracked.tracker is zmq._FINISHED_TRACKER
    untracked = zmq.Frame(b"small")
    for copy_ in (True, False):
        assert a.send(tracked, copy=copy_) is zmq._FINISHED_TRACKER
        assert a.send(untracked, copy=copy_) is None
        assert a.send_multipart([b"x", tracked], copy=copy_) is zmq._FINISHED_TRACKER
        assert a.send_multipart([tracked, untracked], copy=copy_) is None
    a.copy_threshold = 0
    shared = zmq.Frame(b"z" * 100, copy=False, track=True)
    assert a.send(shared) is shared.tracker
    assert isinstance(shared.tracker, zmq.MessageTracker)
    assert a.send(b"big" * 100, copy=False) is None  # zero-copy, not tracked
    for _ in range(10):
        b.recv_multipart()
    tracker = shared.tracker
    del shared  # the frame's own reference to the message
    tracker.wait(5)


def test_received_frames_have_the_finished_tracker_when_asked(zmq, pair):
    a, b = pair()
    a.send(b"x")
    assert b.recv(copy=False).tracker is None
    a.send(b"x")
    assert b.recv(copy=False, track=True).tracker is zmq._FINISHED_TRACKER
    a.send_multipart([b"x", b"y"])
    frames = b.recv_multipart(copy=False, track=True)
    assert [frame.tracker for frame in frames] == [zmq._FINISHED_TRACKER] * 2
    a.send(b"x")
    assert b.recv(track=True) == b"x"


def test_tracker_done_after_peer_received(zmq, pair):
    a, b = pair()
    a.copy_threshold = 0
    tracker = a.send(b"y" * 100, copy=False, track=True)
    assert isinstance(tracker, zmq.MessageTracker)
    assert not tracker.done
    with pytest.raises(zmq.NotDone):
        tracker.wait(0.01)
    assert b.recv() == b"y" * 100
    tracker.wait(5)
    assert tracker.done


def test_multipart_tracker(pair):
    a, b = pair()
    a.copy_threshold = 0
    tracker = a.send_multipart([b"a" * 10, b"b" * 10], copy=False, track=True)
    assert not tracker.done
    b.recv_multipart()
    tracker.wait(5)
    assert tracker.done


def test_multipart_tracker_covers_the_parts_before_a_copied_last_one(zmq, pair):
    # PyZMQ's would be the last part's (done at once) while libzmq reads the first
    a, b = pair()
    a.copy_threshold = 50
    tracker = a.send_multipart([b"a" * 100, b"b"], copy=False, track=True)
    assert tracker is not zmq._FINISHED_TRACKER
    assert isinstance(tracker, zmq.MessageTracker)
    b.recv_multipart()
    tracker.wait(5)


def test_no_warnings_on_normal_use(pair):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, b = pair()
        a.send(b"quiet")
        assert b.recv() == b"quiet"
