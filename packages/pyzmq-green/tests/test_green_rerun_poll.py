"""pyzmq-core's Poller and select tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(rerun("test_poll.py", skip={}))
