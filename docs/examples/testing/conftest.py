"""The fixtures of these tests: zmq.testing's (context, socket, pair...)."""

pytest_plugins = ["zmq.testing"]
