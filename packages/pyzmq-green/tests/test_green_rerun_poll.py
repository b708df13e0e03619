"""pyzmq-core's Poller and select tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_poll.py",
        skip={
            "test_nan_infinite_and_text_timeouts_are_refused": (
                "the green poll waits forever for NaN and infinity, as PyZMQ's does (tested here)"
            )
        },
    )
)
