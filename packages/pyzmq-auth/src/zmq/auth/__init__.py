"""zmq.auth: ZAP authentication (NULL, PLAIN, CURVE) and CURVE certificates.

Part of the pyzmq-auth distribution, which installs into the ``zmq``
package of ``pyzmq-core``.

Example::

    import zmq
    from zmq.auth.thread import ThreadAuthenticator

    ctx = zmq.Context()
    auth = ThreadAuthenticator(ctx)
    auth.start()
    auth.configure_plain(domain="*", passwords={"admin": "secret"})
"""

from __future__ import annotations

import importlib as _importlib
from types import ModuleType as _ModuleType

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.auth needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

from ._certificates import (
    CertificateWarning,
    create_certificates,
    load_certificate,
    load_certificates,
)
from .base import CURVE_ALLOW_ANY, AddressWarning, Authenticator

__version__ = "0.1.0"

__all__ = [
    "CURVE_ALLOW_ANY",
    "AddressWarning",
    "Authenticator",
    "CertificateWarning",
    "create_certificates",
    "load_certificate",
    "load_certificates",
]


# zmq.auth.certs is imported on first use only: `python -m zmq.auth.certs` runs it as a
# script, which must not find it imported already. It is listed all the same, as the
# submodule PyZMQ's zmq.auth imports.
_LAZY_SUBMODULES = ("certs",)


def __getattr__(name: str) -> _ModuleType:
    if name in _LAZY_SUBMODULES:
        return _importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_SUBMODULES})
