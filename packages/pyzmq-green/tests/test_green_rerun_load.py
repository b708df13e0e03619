"""pyzmq-core's load tests (high-water marks, pub/sub, threads), run again
against zmq.green."""

from green_rerun import rerun

globals().update(rerun("test_load.py", skip={}))
