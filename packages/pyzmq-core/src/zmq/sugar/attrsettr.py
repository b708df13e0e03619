"""AttributeSetter: zmq options as attributes of Python classes.

``obj.linger = 5`` becomes ``obj.set(zmq.LINGER, 5)`` and ``obj.linger`` is
``obj.get(zmq.LINGER)``. Plain attributes may only be set when the class
declares them (in its body or its annotations), so a misspelt option fails
loudly instead of being stored silently. (:class:`zmq.Socket` does the same
in compiled code.)
"""

from __future__ import annotations

import errno
from typing import Any, Callable

from zmq import constants
from zmq.error import ZMQError, _UnusableContextError

__all__ = ["AttributeSetter"]


def _is_declared(obj: object, name: str) -> bool:
    if name in getattr(obj, "__dict__", ()):
        return True
    return any(
        name in vars(cls) or name in getattr(cls, "__annotations__", {})
        for cls in type(obj).__mro__
    )


def _read_error(name: str, error: ZMQError) -> BaseException:
    """What reading the option attribute ``name`` raises when the get failed with ``error``.

    EINVAL or EFAULT mean the option cannot be read (write-only, or not an
    option of this object): an AttributeError, as in PyZMQ, so that
    ``hasattr()`` and ``unittest.mock.Mock(spec=obj)`` work.
    """
    if error.errno in (errno.EINVAL, errno.EFAULT) and not isinstance(
        error, _UnusableContextError
    ):
        return AttributeError(f"{name} attribute is write-only or not readable here ({error})")
    return error


def _option_attribute(obj: object, key: str, get: Callable[[str, int], Any]) -> Any:
    """``obj.<key>`` read as the option of that name, with ``get(name, option)``."""
    upper_key = key.upper()
    option = getattr(constants, upper_key, None)
    if option is None or key.startswith("_"):
        raise AttributeError(f"{type(obj).__name__} has no such option: {upper_key}")
    try:
        return get(upper_key, option)
    except ZMQError as error:
        failure = _read_error(key, error)
    raise failure


class AttributeSetter:
    """Mixin mapping lower-case attributes to zmq options (see module doc)."""

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._option_names()))

    @classmethod
    def _option_names(cls) -> list[str]:
        return list(constants.SocketOption.__members__)

    def __setattr__(self, key: str, value: Any) -> None:
        if _is_declared(self, key):
            object.__setattr__(self, key, value)
            return
        upper_key = key.upper()
        option = getattr(constants, upper_key, None)
        if option is None or key.startswith("_"):
            raise AttributeError(f"{type(self).__name__} has no such option: {upper_key}")
        self._set_attr_opt(upper_key, option, value)

    def _set_attr_opt(self, name: str, opt: int, value: Any) -> None:
        """Set the option ``opt`` (named ``name``) given as an attribute."""
        self.set(opt, value)

    def __getattr__(self, key: str) -> Any:
        # only reached when normal lookup fails
        return _option_attribute(self, key, self._get_attr_opt)

    def _get_attr_opt(self, name: str, opt: int) -> Any:
        """Get the option ``opt`` (named ``name``) read as an attribute."""
        return self.get(opt)

    def get(self, option: int) -> Any:
        """get(option)

        Get the option ``option``: what attribute reads call. A subclass
        defines it; here it raises NotImplementedError, as in PyZMQ.
        """
        raise NotImplementedError("override in subclass")

    def set(self, option: int, value: Any) -> None:
        """set(option, value)

        Set the option ``option``: what attribute assignments call. A
        subclass defines it; here it raises NotImplementedError, as in PyZMQ.
        """
        raise NotImplementedError("override in subclass")

    def __delattr__(self, key: str) -> None:
        if _is_declared(self, key):
            object.__delattr__(self, key)
            return
        raise AttributeError(f"{type(self).__name__} option {key.upper()} cannot be deleted")
