"""Threads: share the Context, never a socket; talk between threads over inproc."""

import threading

import zmq


def counter(ctx: zmq.Context, name: str, count: int) -> None:
    # each thread makes, uses and closes its own socket
    with ctx.socket(zmq.PUSH) as push:
        push.connect("inproc://results")
        for number in range(count):
            push.send_string(f"{name} {number}")


def main() -> None:
    # Context.instance() is one context for the whole process, safe to share
    ctx = zmq.Context.instance()
    with ctx.socket(zmq.PULL) as results:
        results.rcvtimeo = 5000
        results.bind("inproc://results")  # bind before the threads connect
        threads = [
            threading.Thread(target=counter, args=(ctx, f"thread-{n}", 5)) for n in range(4)
        ]
        for thread in threads:
            thread.start()
        received = [results.recv_string() for _ in range(20)]
        for thread in threads:
            thread.join()
    per_thread = {}
    for message in received:
        name = message.split()[0]
        per_thread[name] = per_thread.get(name, 0) + 1
    for name, count in sorted(per_thread.items()):
        print(f"{name} sent {count} messages")
    print(f"{len(received)} messages through one PULL socket, owned by the main thread")
    ctx.term()


if __name__ == "__main__":
    main()
