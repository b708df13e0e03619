# cython: language_level=3, freethreading_compatible=True
"""The compiled core of zmq: Context, Socket, Frame, polling and devices.

Every call that can complete at once runs with the GIL held and without a
Python frame of its own; a call that must wait releases the GIL, and retries
after running the signal handlers when libzmq reports EINTR.

The module is one compilation unit made of the ``.pxi`` files included below,
one concept each, so that the hot paths can be inlined across them.
"""

cimport cython

include "errors.pxi"
include "handles.pxi"
include "timeouts.pxi"
include "release.pxi"
include "options.pxi"
include "attributes.pxi"
include "frame.pxi"
include "context.pxi"
include "socket.pxi"
include "poll.pxi"
include "devices.pxi"
include "functions.pxi"
