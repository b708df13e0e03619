"""MonitoredQueue devices, in threads and processes, over real sockets."""

from __future__ import annotations

import threading

import pytest

import zmq
from zmq.devices import MonitoredQueue, ProcessMonitoredQueue, ThreadMonitoredQueue


def test_attributes_and_defaults():
    queue = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER)
    assert (queue.in_type, queue.out_type, queue.mon_type) == (zmq.ROUTER, zmq.DEALER, zmq.PUB)
    assert (queue._in_prefix, queue._out_prefix) == (b"in", b"out")
    assert queue.device_type == zmq.QUEUE
    assert [c.__name__ for c in ProcessMonitoredQueue.__mro__][:3] == [
        "ProcessMonitoredQueue",
        "MonitoredQueueBase",
        "ProcessProxy",
    ]


def test_a_missing_monitor_type_is_refused_at_once():
    with pytest.raises(TypeError, match="mon_type must be specified"):
        ThreadMonitoredQueue(zmq.PULL, zmq.PUSH, None)


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((zmq.PULL, zmq.PUSH, zmq.PUB, "in"), "in_prefix must be bytes"),
        ((zmq.PULL, zmq.PUSH, zmq.PUB, b"in", 1), "out_prefix must be bytes"),
        ((zmq.PULL, zmq.PUSH, zmq.SUB), "the monitor socket must be able to send"),
        ((zmq.PULL, zmq.PULL), "could not be sent on the zmq.PULL socket"),
    ],
)
def test_what_monitored_queue_refuses_warns_where_the_device_is_made(args, text):
    # PyZMQ takes them here, and fails where the device runs
    with pytest.warns(DeprecationWarning, match=text):
        ThreadMonitoredQueue(*args)


def test_thread_monitored_queue_serves_requests_and_reports_both_ways(devices, peer, tcp):
    queue = devices.thread(
        ThreadMonitoredQueue, zmq.ROUTER, zmq.DEALER, zmq.PUSH, b"request", b"reply"
    )
    in_addr, out_addr, mon_addr = tcp(queue, "in", "out", "mon")
    queue.start()
    req = peer(zmq.REQ, in_addr)
    rep = peer(zmq.REP, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    req.send(b"2 + 2?")
    assert rep.recv() == b"2 + 2?"
    rep.send(b"4")
    assert req.recv() == b"4"
    request = mon.recv_multipart()
    reply = mon.recv_multipart()
    assert request[0] == b"request"
    assert request[2:] == [b"", b"2 + 2?"]
    assert reply[0] == b"reply"
    assert reply[2:] == [b"", b"4"]
    assert request[1] == reply[1]  # the client's identity, both ways


def test_router_to_router_monitored_queue(devices, peer, tcp):
    queue = devices.thread(ThreadMonitoredQueue, zmq.ROUTER, zmq.ROUTER, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(queue, "in", "out", "mon")
    queue.start()
    client = peer(zmq.DEALER, in_addr, routing_id=b"client")
    worker = peer(zmq.DEALER, out_addr, routing_id=b"worker")
    mon = peer(zmq.PULL, mon_addr)
    worker.send_multipart([b"client", b"ready"])
    assert client.recv_multipart() == [b"worker", b"ready"]
    client.send_multipart([b"worker", b"job"])
    assert worker.recv_multipart() == [b"client", b"job"]
    assert mon.recv_multipart() == [b"out", b"client", b"worker", b"ready"]
    assert mon.recv_multipart() == [b"in", b"worker", b"client", b"job"]


def test_monitored_queue_in_the_caller_thread_ends_with_its_context(devices, peer, tcp):
    queue = devices.thread(MonitoredQueue, zmq.PULL, zmq.PUSH, zmq.PUSH)
    in_addr, out_addr, mon_addr = tcp(queue, "in", "out", "mon")
    runner = threading.Thread(target=queue.start)
    runner.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    push.send(b"once")
    assert pull.recv() == b"once"
    assert mon.recv_multipart() == [b"in", b"once"]
    queue._context.term()
    runner.join(10)
    assert not runner.is_alive()
    assert queue.done


def test_thread_monitored_queue_stops_with_its_context(devices, tcp):
    queue = devices.thread(ThreadMonitoredQueue, zmq.PULL, zmq.PUSH)
    tcp(queue, "in", "out", "mon")
    queue.start()
    queue._context.term()
    queue.join(10)
    assert not queue.launcher.is_alive()
    assert queue.done


def test_process_monitored_queue(devices, peer, tcp, start_method):
    queue = devices.process(ProcessMonitoredQueue, zmq.PULL, zmq.PUSH, zmq.PUSH, b"seen")
    in_addr, out_addr, mon_addr = tcp(queue, "in", "out", "mon")
    queue.start()
    push = peer(zmq.PUSH, in_addr)
    pull = peer(zmq.PULL, out_addr)
    mon = peer(zmq.PULL, mon_addr)
    push.send_multipart([b"in", b"another process"])
    assert pull.recv_multipart() == [b"in", b"another process"]
    assert mon.recv_multipart() == [b"seen", b"in", b"another process"]


def test_a_failed_monitor_bind_is_raised_by_start(devices, socket):
    taken = socket(zmq.PULL)
    port = taken.bind_to_random_port("tcp://127.0.0.1")
    queue = devices.thread(ThreadMonitoredQueue, zmq.PULL, zmq.PUSH)
    queue.bind_mon(f"tcp://127.0.0.1:{port}")
    with pytest.raises(zmq.ZMQError) as info:
        queue.start()
    assert info.value.errno == zmq.EADDRINUSE
