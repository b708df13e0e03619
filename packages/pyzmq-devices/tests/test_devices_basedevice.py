"""Device, ThreadDevice and ProcessDevice over real sockets."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

import zmq
from zmq.devices import Device, ProcessDevice, ThreadDevice


def test_attributes_say_what_the_device_is():
    device = ThreadDevice(zmq.QUEUE, zmq.SUB, zmq.PUB)
    assert device.device_type == zmq.QUEUE
    assert device.in_type == zmq.SUB
    assert device.out_type == zmq.PUB
    assert device.daemon is True
    assert device.done is False
    assert device.launcher is None


def test_device_type_defaults_to_queue():
    assert Device(in_type=zmq.PULL, out_type=zmq.PUSH).device_type is zmq.DeviceType.QUEUE


@pytest.mark.parametrize(
    ("args", "error", "text"),
    [
        ((zmq.QUEUE, None, zmq.PUSH), TypeError, "in_type must be specified"),
        ((zmq.QUEUE, zmq.PULL, None), TypeError, "out_type must be specified"),
    ],
)
def test_missing_socket_types_are_refused_at_once(args, error, text):
    with pytest.raises(error, match=text):
        ThreadDevice(*args)


@pytest.mark.parametrize(
    ("args", "text", "error"),
    [
        ((zmq.QUEUE, "PULL", zmq.PUSH), "in_type='PULL' is not a socket type", TypeError),
        ((zmq.QUEUE, zmq.PULL, 999), "out_type=999 is not a socket type", zmq.ZMQError),
    ],
)
def test_socket_types_libzmq_refuses_warn_and_fail_at_start(devices, args, text, error):
    # PyZMQ takes them, and its thread dies when it makes the socket
    with pytest.warns(DeprecationWarning, match=text):
        device = devices.thread(ThreadDevice, *args)
    with pytest.raises(error):
        device.start()


@pytest.mark.parametrize("device_type", [zmq.PULL, 99, zmq.FORWARDER, zmq.STREAMER])
def test_any_int_is_a_device_type_and_every_device_is_a_proxy(devices, peer, tcp, device_type):
    # as libzmq and PyZMQ: zmq_device ignores its type
    device = devices.thread(ThreadDevice, device_type, zmq.PULL, zmq.PUSH)
    assert device.device_type == device_type
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send(b"forwarded")
    assert pull.recv() == b"forwarded"


def test_a_device_type_that_is_not_an_int_warns():
    with pytest.warns(DeprecationWarning, match="device_type should be"):
        Device("queue", zmq.PULL, zmq.PUSH)


def test_thread_device_forwards_over_tcp(devices, peer, tcp):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    for i in range(100):
        push.send_multipart([b"part %d" % i, b"", b"x" * i])
    for i in range(100):
        assert pull.recv_multipart() == [b"part %d" % i, b"", b"x" * i]


def test_queue_carries_requests_and_replies(devices, peer, tcp):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.ROUTER, zmq.DEALER)
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    req = peer(zmq.REQ, in_addr)
    rep = peer(zmq.REP, out_addr)
    for i in range(5):
        req.send(b"request %d" % i)
        assert rep.recv() == b"request %d" % i
        rep.send(b"reply %d" % i)
        assert req.recv() == b"reply %d" % i


def test_device_connects_to_bound_peers(devices, socket):
    pull = socket(zmq.PULL)
    out_port = pull.bind_to_random_port("tcp://127.0.0.1")
    push = socket(zmq.PUSH)
    in_port = push.bind_to_random_port("tcp://127.0.0.1")
    device = devices.thread(ThreadDevice, zmq.STREAMER, zmq.PULL, zmq.PUSH)
    device.connect_in(f"tcp://127.0.0.1:{in_port}")
    device.connect_out(f"tcp://127.0.0.1:{out_port}")
    device.start()
    push.send(b"through a device that connected")
    assert pull.recv() == b"through a device that connected"


def test_options_apply_before_binds_and_connects(devices, socket):
    router = socket(zmq.ROUTER)
    port = router.bind_to_random_port("tcp://127.0.0.1")
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.DEALER)
    in_addr = f"inproc://options-{id(device)}"
    device.bind_in(in_addr)
    device.connect_out(f"tcp://127.0.0.1:{port}")
    # recorded after the connect, applied before it: the router sees the identity
    device.setsockopt_out(zmq.ROUTING_ID, b"the-device")
    device.setsockopt_in(zmq.RCVHWM, 10)
    device.start()
    push = device._context.socket(zmq.PUSH)
    try:
        push.connect(in_addr)
        push.send(b"hello")
        assert router.recv_multipart() == [b"the-device", b"hello"]
    finally:
        push.close(linger=0)


def test_negative_out_type_uses_the_in_socket_for_both_sides(devices, peer, tcp):
    # a ROUTER as both sides echoes each message to its sender
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.ROUTER, -1)
    (addr,) = tcp(device, "in")
    device.start()
    assert device.out_type == -1
    clients = [peer(zmq.DEALER, addr) for _ in range(3)]
    for i, client in enumerate(clients):
        client.send(b"ping %d" % i)
    for i, client in enumerate(clients):
        assert client.recv() == b"ping %d" % i


def test_forwarder_subscribes_with_a_recorded_option(devices, socket, peer, tcp):
    device = devices.thread(ThreadDevice, zmq.FORWARDER, zmq.SUB, zmq.PUB)
    device.setsockopt_in(zmq.SUBSCRIBE, b"wanted")
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    pub = peer(zmq.PUB, in_addr)
    sub = socket(zmq.SUB, rcvtimeo=50)
    sub.subscribe(b"")
    sub.connect(out_addr)
    # subscriptions travel on their own: publish until one gets through both hops
    for _ in range(200):
        pub.send(b"unwanted")
        pub.send(b"wanted")
        try:
            assert sub.recv() == b"wanted"
            break
        except zmq.Again:
            continue
    else:
        pytest.fail("nothing came through the forwarder")


def test_random_ports_come_from_the_given_range(devices, peer):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_port = device.bind_in_to_random_port("tcp://127.0.0.1", 40000, 41000, 50)
    out_port = device.bind_out_to_random_port(
        "tcp://127.0.0.1", min_port=41000, max_port=42000, max_tries=50
    )
    assert 40000 <= in_port < 41000
    assert 41000 <= out_port < 42000
    device.start()
    push = peer(zmq.PUSH, f"tcp://127.0.0.1:{in_port}")
    pull = peer(zmq.PULL, f"tcp://127.0.0.1:{out_port}")
    push.send(b"on chosen ports")
    assert pull.recv() == b"on chosen ports"


def test_a_random_port_is_never_chosen_twice_for_one_device():
    device = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    port = device.bind_in_to_random_port("tcp://127.0.0.1")
    # the only port of the range is free again, but already the in socket's
    with pytest.raises(zmq.ZMQBindError):
        device.bind_out_to_random_port("tcp://127.0.0.1", port, port + 1, 3)


def test_no_free_random_port_raises_bind_error(socket):
    taken = socket(zmq.PULL)
    port = taken.bind_to_random_port("tcp://127.0.0.1")
    device = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.ZMQBindError):
        device.bind_in_to_random_port("tcp://127.0.0.1", port, port + 1, 3)


def test_thread_device_uses_the_shared_context_by_default(tcp):
    device = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    device.setsockopt_in(zmq.LINGER, 0)
    device.setsockopt_out(zmq.LINGER, 0)
    tcp(device, "in", "out")
    device.start()
    try:
        assert device._context is zmq.Context.instance()
    finally:
        zmq.Context.instance().term()
        device.join(10)
    assert not device.launcher.is_alive()
    assert device.done


def test_terminating_the_context_stops_the_device(devices, peer, tcp):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_addr, _ = tcp(device, "in", "out")
    device.start()
    push = peer(zmq.PUSH, in_addr)
    push.send(b"queued for nobody")
    device._context.term()
    device.join(10)
    assert not device.launcher.is_alive()
    assert device.done


def test_device_runs_in_a_thread_of_the_caller(devices, peer, tcp):
    device = devices.thread(Device, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_addr, out_addr = tcp(device, "in", "out")
    runner = threading.Thread(target=device.start)
    runner.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send(b"in the foreground")
    assert pull.recv() == b"in the foreground"
    assert not device.done
    device._context.term()
    device.join(10)
    runner.join(10)
    assert device.done
    assert not runner.is_alive()


def test_a_failed_bind_is_raised_by_start(devices, socket, capfd):
    taken = socket(zmq.PULL)
    port = taken.bind_to_random_port("tcp://127.0.0.1")
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    device.bind_in("tcp://127.0.0.1:*")
    device.bind_out(f"tcp://127.0.0.1:{port}")
    with pytest.raises(zmq.ZMQError) as info:
        device.start()
    assert info.value.errno == zmq.EADDRINUSE
    assert str(port) in str(info.value)
    assert not device.launcher.is_alive()
    assert device.done
    assert "Traceback" not in capfd.readouterr().err  # reported once, by start()


def test_an_unknown_transport_is_raised_by_start(devices):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    device.bind_in("bogus://nowhere")
    with pytest.raises(zmq.ZMQError) as info:
        device.start()
    assert info.value.errno == zmq.EPROTONOSUPPORT


def test_a_device_starts_once(devices, tcp):
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    tcp(device, "in", "out")
    device.start()
    launcher = device.launcher
    with pytest.warns(DeprecationWarning, match="started already"):
        assert device.start() is None
    assert device.launcher is launcher


def test_configuring_after_start_warns_and_does_nothing(devices, peer, tcp):
    # PyZMQ records it, and nothing uses it
    device = devices.thread(ThreadDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    for call in (
        lambda: device.bind_in("tcp://127.0.0.1:*"),
        lambda: device.connect_out("tcp://127.0.0.1:5555"),
        lambda: device.setsockopt_in(zmq.LINGER, 0),
        lambda: device.bind_out_to_random_port("tcp://127.0.0.1"),
    ):
        with pytest.warns(DeprecationWarning, match="configure its sockets before"):
            call()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send(b"still forwarding")
    assert pull.recv() == b"still forwarding"


def test_join_before_start_is_refused():
    # PyZMQ: AttributeError (no launcher yet)
    with pytest.raises(RuntimeError, match="not started") as info:
        ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH).join(0)
    assert isinstance(info.value, AttributeError)


def test_process_device_forwards(devices, peer, tcp, start_method):
    device = devices.process(ProcessDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    in_addr, out_addr = tcp(device, "in", "out")
    device.start()
    assert device.launcher.is_alive()
    assert device.launcher.pid != os.getpid()
    if start_method == "spawn":
        assert type(device.launcher._popen).__module__.endswith("popen_spawn_posix")
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    push.send_multipart([b"to another", b"process"])
    assert pull.recv_multipart() == [b"to another", b"process"]


def test_process_device_reports_a_failed_bind(devices, socket, start_method):
    taken = socket(zmq.PULL)
    port = taken.bind_to_random_port("tcp://127.0.0.1")
    device = devices.process(ProcessDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    device.bind_in(f"tcp://127.0.0.1:{port}")
    with pytest.raises(zmq.ZMQError) as info:
        device.start()
    assert info.value.errno == zmq.EADDRINUSE
    assert device.launcher.exitcode == 1


def _exit_at_once() -> zmq.Context:
    os._exit(3)


class _VanishingDevice(ProcessDevice):
    context_factory = staticmethod(_exit_at_once)


def test_process_that_dies_before_its_sockets_are_set_up(devices):
    device = devices.process(_VanishingDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    with pytest.raises(RuntimeError, match=r"exit code 3\) before its sockets were set up"):
        device.start()


def test_an_unpicklable_device_fails_to_start_with_spawn(devices, monkeypatch):
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(ProcessDevice, "_launch_class", spawn.Process)
    device = devices.process(ProcessDevice, zmq.QUEUE, zmq.PULL, zmq.PUSH)
    device.context_factory = lambda: zmq.Context()
    # Python 3.13 says "Can't get local object", the others name pickling
    with pytest.raises(Exception, match=r"pickle|local object"):
        device.start()
    assert device.launcher is None
