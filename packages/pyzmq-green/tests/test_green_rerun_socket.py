"""pyzmq-core's Socket tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_socket.py",
        skip={"test_repr": "a green Socket calls itself zmq.green.Socket (tested here)"},
    )
)
