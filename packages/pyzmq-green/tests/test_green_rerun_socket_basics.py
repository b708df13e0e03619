"""pyzmq-core's send/receive tests (push/pull, req/rep, multipart), run again
against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_socket_basics.py",
        skip={
            name: "RCVTIMEO has no effect on green sockets, as in PyZMQ (tested here)"
            for name in (
                "test_rcvtimeo_raises_again",
                "test_calls_after_a_receive_that_waited",
                "test_queued_messages_after_a_receive_that_waited",
            )
        },
    )
)
