"""pyzmq-core's Context lifecycle tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(rerun("test_context_basics.py", skip={}))
