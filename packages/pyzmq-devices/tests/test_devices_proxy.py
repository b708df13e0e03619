"""Proxy and ProxySteerable devices, in threads and processes, over real sockets."""

from __future__ import annotations

import pytest

import zmq
from zmq.devices import (
    ProcessProxy,
    ProcessProxySteerable,
    Proxy,
    ProxySteerable,
    ThreadProxy,
    ThreadProxySteerable,
)


def test_proxy_classes_keep_pyzmq_s_hierarchy():
    assert [c.__name__ for c in ThreadProxySteerable.__mro__] == [
        "ThreadProxySteerable",
        "ProxySteerableBase",
        "ThreadProxy",
        "ProxyBase",
        "ThreadDevice",
        "BackgroundDevice",
        "Device",
        "object",
    ]
    assert issubclass(ProxySteerable, Proxy)
    assert issubclass(ProcessProxySteerable, ProcessProxy)


def test_attributes():
    proxy = ThreadProxy(zmq.PULL, zmq.PUSH)
    assert (proxy.in_type, proxy.out_type, proxy.mon_type) == (zmq.PULL, zmq.PUSH, zmq.PUB)
    assert proxy.device_type == zmq.QUEUE
    steerable = ThreadProxySteerable(zmq.PULL, zmq.PUSH, zmq.PUSH, zmq.PAIR)
    assert (steerable.mon_type, steerable.ctrl_type) == (zmq.PUSH, zmq.PAIR)
    assert ThreadProxySteerable(zmq.PULL, zmq.PUSH).ctrl_type is None


def test_thread_proxy_copies_each_message_to_the_monitor(devices, peer, tcp):
    proxy = devices.thread(ThreadProxy, zmq.ROUTER, zmq.DEALER, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(proxy, "in", "out", "mon")
    proxy.start()
    req = peer(zmq.REQ, in_addr)
    rep = peer(zmq.REP, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    req.send(b"question")
    assert rep.recv() == b"question"
    rep.send(b"answer")
    assert req.recv() == b"answer"
    request = mon.recv_multipart()
    assert request[1:] == [b"", b"question"]  # behind the client's identity
    reply = mon.recv_multipart()
    assert reply[1:] == [b"", b"answer"]
    assert reply[0] == request[0]


def test_default_monitor_is_a_pub_socket(devices, socket, peer, tcp):
    proxy = devices.thread(ThreadProxy, zmq.PULL, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(proxy, "in", "out", "mon")
    proxy.setsockopt_mon(zmq.SNDHWM, 100_000)
    proxy.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    sub = socket(zmq.SUB, rcvtimeo=50)
    sub.subscribe(b"")
    sub.connect(mon_addr)
    # a subscription reaches the PUB in its own time: send until one is seen
    for i in range(200):
        push.send(b"watched %d" % i)
        assert pull.recv() == b"watched %d" % i
        try:
            seen = sub.recv()
            break
        except zmq.Again:
            continue
    else:
        pytest.fail("the monitor never published")
    assert seen.startswith(b"watched ")


def test_proxy_without_a_monitor(devices, peer, tcp):
    proxy = devices.thread(ThreadProxy, zmq.PULL, zmq.PUSH, None)
    assert proxy.mon_type is None
    # PyZMQ records these, and then fails to start: here they warn, and do nothing
    with pytest.warns(DeprecationWarning, match="no mon socket"):
        proxy.bind_mon("tcp://127.0.0.1:*")
    with pytest.warns(DeprecationWarning, match="no mon socket"):
        assert isinstance(proxy.bind_mon_to_random_port("tcp://127.0.0.1"), int)
    in_addr, out_addr = tcp(proxy, "in", "out")
    proxy.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send(b"unwatched")
    assert pull.recv() == b"unwatched"


def test_steerable_proxy_without_a_control_socket(devices, peer, tcp):
    steerable = devices.thread(ThreadProxySteerable, zmq.PULL, zmq.PUSH, None)
    assert steerable.ctrl_type is None
    for configure in (
        lambda: steerable.bind_ctrl("tcp://127.0.0.1:*"),
        lambda: steerable.connect_ctrl("tcp://127.0.0.1:1"),
        lambda: steerable.setsockopt_ctrl(zmq.LINGER, 0),
        lambda: steerable.bind_ctrl_to_random_port("tcp://127.0.0.1", 50000, 50100),
    ):
        with pytest.warns(DeprecationWarning, match="no ctrl socket"):
            configure()
    # it runs as a proxy (PyZMQ's fails to start: a socket of type None)
    in_addr, out_addr = tcp(steerable, "in", "out")
    steerable.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send(b"unsteered")
    assert pull.recv() == b"unsteered"


def test_proxy_in_the_caller_thread_ends_with_its_context(devices, peer, tcp):
    import threading

    proxy = devices.thread(Proxy, zmq.PULL, zmq.PUSH, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(proxy, "in", "out", "mon")
    runner = threading.Thread(target=proxy.start)
    runner.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    push.send(b"once")
    assert pull.recv() == b"once"
    assert mon.recv() == b"once"
    proxy._context.term()
    runner.join(10)
    assert not runner.is_alive()
    assert proxy.done


def test_process_proxy(devices, peer, tcp, start_method):
    proxy = devices.process(ProcessProxy, zmq.PULL, zmq.PUSH, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(proxy, "in", "out", "mon")
    proxy.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    push.send_multipart([b"a", b"b"])
    assert pull.recv_multipart() == [b"a", b"b"]
    assert mon.recv_multipart() == [b"a", b"b"]


def _statistics(ctrl):
    ctrl.send(b"STATISTICS")
    return [int.from_bytes(part, "little") for part in ctrl.recv_multipart()]


def test_steerable_proxy_pauses_resumes_and_counts(devices, peer, tcp):
    proxy = devices.thread(ThreadProxySteerable, zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PAIR)
    in_addr, out_addr, ctrl_addr = tcp(proxy, "in", "out", "ctrl")
    proxy.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    ctrl = peer(zmq.PAIR, ctrl_addr)
    push.send(b"first")
    assert pull.recv() == b"first"
    stats = _statistics(ctrl)
    assert len(stats) == 8
    assert stats[0] == 1  # messages received on the frontend
    ctrl.send(b"PAUSE")
    _statistics(ctrl)  # commands are handled in order: the proxy is paused now
    push.send(b"held")
    assert pull.poll(200) == 0
    ctrl.send(b"RESUME")
    assert pull.recv() == b"held"


def test_terminate_command_stops_the_device(devices, peer, tcp):
    proxy = devices.thread(ThreadProxySteerable, zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PAIR)
    (ctrl_addr,) = tcp(proxy, "ctrl")
    proxy.start()
    ctrl = peer(zmq.PAIR, ctrl_addr)
    ctrl.send(b"TERMINATE")
    proxy.join(10)
    assert not proxy.launcher.is_alive()
    assert proxy.done


def test_process_steerable_proxy_ends_on_terminate(devices, peer, tcp, start_method):
    proxy = devices.process(ProcessProxySteerable, zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PAIR)
    proxy.setsockopt_ctrl(zmq.LINGER, 0)
    in_addr, out_addr, ctrl_addr = tcp(proxy, "in", "out", "ctrl")
    proxy.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    ctrl = peer(zmq.PAIR, ctrl_addr)
    push.send(b"before the end")
    assert pull.recv() == b"before the end"
    ctrl.send(b"TERMINATE")
    proxy.join(10)
    assert proxy.launcher.exitcode == 0


def test_a_control_socket_type_libzmq_refuses_warns_at_once():
    with pytest.warns(DeprecationWarning, match="ctrl_type=12345 is not a socket type"):
        ThreadProxySteerable(zmq.PULL, zmq.PUSH, zmq.PUB, 12345)
