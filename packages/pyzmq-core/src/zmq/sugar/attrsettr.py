"""AttributeSetter: zmq options as attributes of Python classes.

``obj.linger = 5`` becomes ``obj.set(zmq.LINGER, 5)`` and ``obj.linger`` is
``obj.get(zmq.LINGER)``. Plain attributes may only be set when the class
declares them (in its body or its annotations), so a misspelt option fails
loudly instead of being stored silently. (:class:`zmq.Socket` does the same
in compiled code.)
"""

from __future__ import annotations

from typing import Any

from zmq import constants

__all__ = ["AttributeSetter"]


def _is_declared(obj: object, name: str) -> bool:
    if name in getattr(obj, "__dict__", ()):
        return True
    return any(
        name in vars(cls) or name in getattr(cls, "__annotations__", {})
        for cls in type(obj).__mro__
    )


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
        upper_key = key.upper()
        option = getattr(constants, upper_key, None)
        if option is None or key.startswith("_"):
            raise AttributeError(f"{type(self).__name__} has no such option: {upper_key}")
        return self._get_attr_opt(upper_key, option)

    def _get_attr_opt(self, name: str, opt: int) -> Any:
        """Get the option ``opt`` (named ``name``) read as an attribute."""
        return self.get(opt)

    def __delattr__(self, key: str) -> None:
        if _is_declared(self, key):
            object.__delattr__(self, key)
            return
        raise AttributeError(f"{type(self).__name__} option {key.upper()} cannot be deleted")
