"""Zero-copy sends, and MessageTracker: know when libzmq no longer needs a buffer."""

import zmq


def main() -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.PUSH) as push, ctx.socket(zmq.PULL) as pull:
        push.bind("inproc://zerocopy")
        pull.connect("inproc://zerocopy")

        # 1 MB: large enough to be sent without a copy (see zmq.COPY_THRESHOLD)
        buffer = bytearray(b"x" * 1_000_000)
        tracker = push.send(buffer, copy=False, track=True)
        print(f"sent without copying; libzmq done with the buffer: {tracker.done}")

        # Until the tracker is done, libzmq may still read the buffer: changing
        # it now could change the message. Here the message is still queued.
        frame = pull.recv(copy=False)
        print(f"received a Frame of {len(frame)} bytes (no copy on this side either)")
        del frame  # the last reference to the received message: libzmq releases it
        tracker.wait(timeout=5)
        print(f"after the receiver dropped it, done: {tracker.done}")
        buffer[:5] = b"safe!"  # now the buffer is ours again

        # small messages are copied: their tracker is done at once
        small = push.send(b"tiny", copy=False, track=True)
        pull.recv()
        print(f"a small message was copied, its tracker done at once: {small.done}")


if __name__ == "__main__":
    main()
