"""AttributeSetter: zmq options as attributes of Python classes.

``obj.linger = 5`` becomes ``obj.set(zmq.LINGER, 5)`` and ``obj.linger`` is
``obj.get(zmq.LINGER)``. Plain attributes may only be set when the class
declares them (in its body or its annotations), so a misspelt option fails
loudly instead of being stored silently. These rules are the compiled
layer's, shared with :class:`zmq.Socket`.
"""

from __future__ import annotations

from typing import Any

from zmq import constants
from zmq.backend.cython._zmq import _is_declared, _option_attribute

__all__ = ["AttributeSetter"]


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
