"""The version of the pyzmq-green distribution.

Not ``zmq.green.__version__``: that is zmq's own, as every name of
``import zmq.green as zmq`` is zmq's unless gevent needs its own version.
"""

__version__ = "0.1.0"
