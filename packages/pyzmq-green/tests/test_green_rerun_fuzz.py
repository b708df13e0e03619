"""pyzmq-core's fuzzing of socket entry points, run again against zmq.green."""

from green_rerun import rerun

_NO_SOCKETS = "it fuzzes no socket, so nothing green"

globals().update(
    rerun(
        "test_fuzz.py",
        skip={
            "test_asyncio_send_and_recv": "it fuzzes zmq.asyncio, not zmq.green",
            "test_frame": _NO_SOCKETS,
            "test_z85": _NO_SOCKETS,
            "test_monitor_messages": _NO_SOCKETS,
            "test_well_formed_monitor_message_parses": _NO_SOCKETS,
        },
    )
)
