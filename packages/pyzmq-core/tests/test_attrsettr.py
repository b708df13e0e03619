"""zmq.sugar.attrsettr: options as attributes, for classes that define get and set."""

from __future__ import annotations

import pytest

import zmq
from zmq.sugar.attrsettr import AttributeSetter


def test_get_and_set_are_for_subclasses_to_define():
    # as PyZMQ's: the mixin's own raise NotImplementedError
    setter = AttributeSetter()
    with pytest.raises(NotImplementedError):
        setter.get(zmq.LINGER)
    with pytest.raises(NotImplementedError):
        setter.set(zmq.LINGER, 0)
    with pytest.raises(NotImplementedError):
        setter.linger = 0
    with pytest.raises(NotImplementedError):
        setter.linger  # noqa: B018


def test_a_subclass_s_get_and_set_serve_the_attributes():
    class Options(AttributeSetter):
        values: dict[int, object]

        def __init__(self) -> None:
            self.values = {}

        def get(self, option: int) -> object:
            return self.values[option]

        def set(self, option: int, value: object) -> None:
            self.values[option] = value

    options = Options()
    options.linger = 5
    assert options.values == {zmq.LINGER: 5}
    assert options.linger == 5
