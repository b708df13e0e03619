"""Throughput of zmq.devices.monitored_queue against zmq.proxy with a capture socket.

Both devices forward 100-byte messages from a PUSH to a PULL socket, and copy
each one to a PUB socket. The two alternate over ``--rounds`` rounds in one
process; the medians and their ratio are printed.

Two measures, both run by default:

- ``inproc``, the device alone: the whole batch waits on the device's input
  before it starts, and the time is how long it takes to hand the batch to a
  consumer reading in this process. The device does all the work here.
- ``tcp``, a pipeline over 127.0.0.1: a producer process sends the batch
  through the device to a consumer in this process, timed from the first
  message the consumer gets to the last.

The monitor is a PUB socket without subscribers, for both devices.

Usage: .venv/bin/python tools/bench/bench_devices.py [--transport inproc|tcp|both]
       [--messages N] [--rounds R] [--size BYTES]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import platform
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

import zmq
from zmq.devices import monitored_queue

Device = Callable[[zmq.Socket[Any], zmq.Socket[Any], zmq.Socket[Any]], None]


def _proxy(ins: zmq.Socket[Any], outs: zmq.Socket[Any], mon: zmq.Socket[Any]) -> None:
    zmq.proxy(ins, outs, mon)


def _monitored_queue(ins: zmq.Socket[Any], outs: zmq.Socket[Any], mon: zmq.Socket[Any]) -> None:
    monitored_queue(ins, outs, mon)


DEVICES: dict[str, Device] = {"proxy": _proxy, "monitored_queue": _monitored_queue}


def _produce(addr: str, messages: int, size: int) -> None:
    """Send the batch from another process (its own GIL, its own I/O thread)."""
    ctx: zmq.Context[Any] = zmq.Context()
    producer = ctx.socket(zmq.PUSH)
    producer.sndhwm = 0
    producer.connect(addr)
    payload = b"x" * size
    for _ in range(messages):
        producer.send(payload)
    producer.close()  # lingers until the whole batch is on its way
    ctx.term()


def _device_sockets(ctx: zmq.Context[Any]) -> list[zmq.Socket[Any]]:
    """The device's in, out and monitor sockets, and the consumer's."""
    sockets = [ctx.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PULL)]
    for sock in sockets:
        # the batch may wait in the queues: nothing blocks, nothing is dropped
        sock.sndhwm = sock.rcvhwm = 0
    return sockets


def _start(
    device: Device, ins: zmq.Socket[Any], outs: zmq.Socket[Any], mon: zmq.Socket[Any]
) -> threading.Thread:
    """Run ``device`` in a thread until the context is terminated; then close its sockets."""

    def run() -> None:
        with contextlib.suppress(zmq.ContextTerminated):
            device(ins, outs, mon)
        for sock in (ins, outs, mon):
            sock.close()

    worker = threading.Thread(target=run)
    worker.start()
    return worker


def trial_inproc(device: Device, messages: int, size: int) -> float:
    """Messages per second through ``device`` alone, its input queued beforehand."""
    ctx: zmq.Context[Any] = zmq.Context()
    ctx.linger = 0
    ins, outs, mon, consumer = _device_sockets(ctx)
    ins.bind("inproc://in")
    outs.bind("inproc://out")
    mon.bind("inproc://mon")
    consumer.connect("inproc://out")
    producer = ctx.socket(zmq.PUSH)
    producer.sndhwm = 0
    producer.connect("inproc://in")
    payload = b"x" * size
    for _ in range(messages):
        producer.send(payload)
    recv = consumer.recv
    start = time.perf_counter()
    worker = _start(device, ins, outs, mon)
    for _ in range(messages):
        recv()
    elapsed = time.perf_counter() - start
    producer.close()
    consumer.close()
    ctx.term()
    worker.join()
    return messages / elapsed


def trial_tcp(device: Device, messages: int, size: int) -> float:
    """Messages per second from a producer process through ``device`` to a consumer."""
    ctx: zmq.Context[Any] = zmq.Context()
    ctx.linger = 0
    ins, outs, mon, consumer = _device_sockets(ctx)
    in_port = ins.bind_to_random_port("tcp://127.0.0.1")
    out_port = outs.bind_to_random_port("tcp://127.0.0.1")
    mon.bind_to_random_port("tcp://127.0.0.1")
    consumer.connect(f"tcp://127.0.0.1:{out_port}")
    worker = _start(device, ins, outs, mon)
    producer = multiprocessing.Process(
        target=_produce, args=(f"tcp://127.0.0.1:{in_port}", messages, size)
    )
    producer.start()
    recv = consumer.recv
    recv()
    start = time.perf_counter()  # from the first message: start-up costs are left out
    for _ in range(messages - 1):
        recv()
    elapsed = time.perf_counter() - start
    producer.join()
    consumer.close()
    ctx.term()
    worker.join()
    return (messages - 1) / elapsed


TRIALS: dict[str, Callable[[Device, int, int], float]] = {
    "inproc": trial_inproc,
    "tcp": trial_tcp,
}


def compare(transport: str, messages: int, size: int, rounds: int) -> float:
    """Print each round and the medians; return the ratio of the medians."""
    print(f"{transport}: {messages} messages of {size} B per trial, {rounds} rounds")
    rates: dict[str, list[float]] = {name: [] for name in DEVICES}
    names = list(DEVICES)
    for round_ in range(rounds):
        # alternate which device goes first, so that neither always runs on a warm machine
        for name in names if round_ % 2 == 0 else reversed(names):
            rates[name].append(TRIALS[transport](DEVICES[name], messages, size))
        print(
            f"  round {round_ + 1}: "
            + ", ".join(f"{name} {rates[name][-1]:,.0f} msg/s" for name in names)
        )
    medians = {name: statistics.median(values) for name, values in rates.items()}
    ratio = medians["monitored_queue"] / medians["proxy"]
    print("  median: " + ", ".join(f"{name} {medians[name]:,.0f} msg/s" for name in names))
    print(f"  ratio monitored_queue / proxy: {ratio:.2f}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transport", choices=[*TRIALS, "both"], default="both")
    parser.add_argument("--messages", type=int, default=200_000, help="per trial")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", type=int, default=100, help="bytes per message")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, libzmq {zmq.zmq_version()}")
    for transport in TRIALS if args.transport == "both" else [args.transport]:
        compare(transport, args.messages, args.size, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
