"""pyzmq-core's send/receive tests (push/pull, req/rep, multipart), run again
against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_socket_basics.py",
        skip={
            "test_rcvtimeo_raises_again": (
                "RCVTIMEO has no effect on green sockets, as in PyZMQ (tested here)"
            )
        },
    )
)
