"""Smoke-test installed binary wheels of pyzmq-core (and pyzmq-devices).

Run by the interpreter of the environment the wheels are installed in: by
ci/repair_wheels.py with the system's libzmq hidden, and by the publishing
workflow on every wheel it builds.

1. zmq sends and receives over tcp, and has CURVE.
2. If pyzmq-devices is installed: its compiled monitored_queue forwards a
   message and copies it to the monitor socket.
3. ``--bundled`` (Linux): libzmq is mapped once in the process, from the
   installed wheels, never from the system.
4. ``--hidden FILE...``: each FILE cannot be loaded, proving that the system
   libraries the caller meant to hide are hidden (else 3 proves nothing).

Usage: python wheel_smoke.py [--bundled] [--hidden FILE...]
"""

from __future__ import annotations

import argparse
import ctypes
import sys
import sysconfig
import threading
from importlib.util import find_spec
from pathlib import Path

import zmq


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


def send_and_receive() -> None:
    ctx = zmq.Context()
    pull = ctx.socket(zmq.PULL)
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    push = ctx.socket(zmq.PUSH)
    push.connect(f"tcp://127.0.0.1:{port}")
    push.send(b"through a bundled libzmq")
    received = pull.recv() if pull.poll(10_000) else None
    ctx.destroy(linger=0)
    check(
        received == b"through a bundled libzmq",
        f"zmq sends and receives (libzmq {zmq.zmq_version()})",
    )
    public, secret = zmq.curve_keypair()
    check(zmq.has("curve") and zmq.curve_public(secret) == public, "CURVE keys")


def monitored_queue() -> None:
    from zmq.devices import monitored_queue

    ctx = zmq.Context()
    ctx.linger = 0  # closing the queue's sockets after ctx.term() must not set options
    queue_in, queue_out, queue_mon = (ctx.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUSH))
    for socket, name in ((queue_in, "in"), (queue_out, "out"), (queue_mon, "mon")):
        socket.bind(f"inproc://{name}")
    sender, receiver, monitor = (ctx.socket(t) for t in (zmq.PUSH, zmq.PULL, zmq.PULL))
    sender.connect("inproc://in")
    receiver.connect("inproc://out")
    monitor.connect("inproc://mon")

    def run() -> None:
        try:
            monitored_queue(queue_in, queue_out, queue_mon, b"in", b"out")
        except zmq.ContextTerminated:
            pass
        finally:
            for socket in (queue_in, queue_out, queue_mon):
                socket.close()

    thread = threading.Thread(target=run)
    thread.start()
    sender.send(b"queued")
    forwarded = receiver.recv() if receiver.poll(10_000) else None
    copied = monitor.recv_multipart() if monitor.poll(10_000) else None
    for socket in (sender, receiver, monitor):
        socket.close()
    ctx.term()
    thread.join()
    check(
        forwarded == b"queued" and copied == [b"in", b"queued"],
        "the compiled monitored_queue forwards and copies",
    )


def mapped_libzmq() -> set[str]:
    """The files of every libzmq this process has mapped."""
    maps = Path("/proc/self/maps").read_text().splitlines()
    return {line.split()[-1] for line in maps if "/libzmq" in line}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled", action="store_true", help="libzmq must come from the wheel")
    parser.add_argument("--hidden", nargs="*", default=[], help="files that must not load")
    args = parser.parse_args()

    for hidden in args.hidden:
        try:
            ctypes.CDLL(hidden)
        except OSError:
            continue
        raise SystemExit(f"FAILED: {hidden} was to be hidden, and it loads")
    if args.hidden:
        print(f"ok: {len(args.hidden)} system libraries are hidden")

    send_and_receive()
    if find_spec("zmq.devices") is not None:
        monitored_queue()
    if args.bundled:
        installed = {Path(sysconfig.get_path(key)) for key in ("purelib", "platlib")}
        mapped = mapped_libzmq()
        check(
            len(mapped) == 1 and any(Path(p).is_relative_to(d) for p in mapped for d in installed),
            f"libzmq is loaded once, from the installed wheels: {sorted(mapped)}",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
