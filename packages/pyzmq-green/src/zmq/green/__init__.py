"""zmq.green: gevent-cooperative zmq.

>>> import zmq.green as zmq

gives the whole :mod:`zmq` API, where anything that would block the thread
blocks only the current greenlet: :class:`Context`, :class:`Socket`,
:class:`Poller`, :func:`select` and :func:`device` are gevent-cooperative
versions, and every other name is the very same object as in :mod:`zmq`
(``zmq.green.PUSH is zmq.PUSH``). No monkey-patching is needed.

Part of the pyzmq-green distribution, which installs into the ``zmq``
package of ``pyzmq-core``. Like every other name, ``__version__`` is zmq's;
the distribution's own version is ``zmq.green._version.__version__``.
"""

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.green needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

import typing as _typing

if _typing.TYPE_CHECKING:
    # Type checkers keep the first binding of a name that the star import
    # below binds again: for them, the green classes come first.
    from zmq.green.core import Context as Context
    from zmq.green.core import Socket as Socket
    from zmq.green.device import device as device
    from zmq.green.poll import Poller as Poller
    from zmq.green.poll import select as select

from zmq import *  # type: ignore[assignment]  # noqa: F403

if not _typing.TYPE_CHECKING:
    from zmq import __all__ as _zmq_all
    from zmq.green.core import Context as Context
    from zmq.green.core import Socket as Socket
    from zmq.green.device import device as device
    from zmq.green.poll import Poller as Poller
    from zmq.green.poll import select as select

    # Type checkers take __all__ only as a list of literal names; without
    # one, they export every name star-imported and every "name as name".
    __all__ = list(_zmq_all)
