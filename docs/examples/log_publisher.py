"""Logging over PUB/SUB: a PUBHandler publishes records, ``python -m zmq.log`` prints them.

The subscriber command runs as a child process here, so that the example shows
both ends; in real use it runs in another terminal, or on another machine.
"""

import logging
import queue
import signal
import subprocess
import sys
import threading

import zmq
from zmq.log.handlers import PUBHandler


def printed_lines(subscriber: subprocess.Popen) -> queue.Queue:
    """The lines the subscriber prints, as they come (read by a thread)."""
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in subscriber.stdout])
    reader.daemon = True  # it ends with the subscriber's output
    reader.start()
    return lines


def main() -> None:
    ctx = zmq.Context()
    # An XPUB socket is a PUB socket that also receives the subscriptions: the
    # example waits for the subscriber's, so that no record is published unseen.
    publisher = ctx.socket(zmq.XPUB)
    publisher.rcvtimeo = 10000
    url = f"tcp://127.0.0.1:{publisher.bind_to_random_port('tcp://127.0.0.1')}"

    command = [sys.executable, "-m", "zmq.log", url, "--topic", "myapp", "--level", "INFO"]
    print("subscriber:", " ".join(["python", *command[1:]]))
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as subscriber:
        lines = printed_lines(subscriber)
        try:
            print(f"publisher saw the subscription to {publisher.recv()[1:].decode()!r}")

            handler = PUBHandler(publisher, root_topic="myapp")
            logger = logging.getLogger("myapp")
            logger.setLevel(logging.DEBUG)
            logger.addHandler(handler)
            logger.debug("published, but below the subscriber's --level")
            logger.info("service started on %s", url)
            logger.warning("disk::almost full")  # "disk::" makes the subtopic: myapp.WARNING.disk
            logger.error("request %d failed", 42)
            logger.removeHandler(handler)

            for _ in range(3):
                print(f"subscriber printed: {lines.get(timeout=10).rstrip()}")
        finally:
            subscriber.send_signal(signal.SIGINT)  # Ctrl-C: the command exits with status 0
            print(f"subscriber exited with status {subscriber.wait(timeout=10)}")
    publisher.close(linger=0)
    ctx.term()


if __name__ == "__main__":
    main()
