"""Decorators that give a function a Context or a Socket for the time of a call.

>>> @context()
... @socket(zmq.PUSH)
... def work(ctx, push):
...     return push.type == zmq.PUSH
>>> work()
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import zmq

__all__ = ["context", "socket"]

_R = TypeVar("_R")


class _Decorator(Protocol):
    """What @context(...) and @socket(...) return: it keeps the function's return type."""

    def __call__(self, func: Callable[..., _R], /) -> Callable[..., _R]: ...


def context(*ctx_args: Any, name: str | None = None, **ctx_kwargs: Any) -> _Decorator:
    """context(*ctx_args, name=None, **ctx_kwargs)

    Give each call of the decorated function a new Context.

    The Context is made with ``zmq.Context(*ctx_args, **ctx_kwargs)`` and
    destroyed when the function returns or raises: its sockets still open
    are closed with their own LINGER, then it is terminated.

    Parameters
    ----------
    *ctx_args
        Given to :class:`zmq.Context`. A first argument that is a str is
        taken as ``name``: ``@context("ctx")``.
    name : str, optional
        The keyword argument to pass the Context as. By default it is passed
        as the next positional argument, after the caller's.
    **ctx_kwargs
        Given to :class:`zmq.Context`.

    Raises
    ------
    TypeError
        At once if used without parentheses (``@context``) or given the name
        twice; when the decorated function is called, if the call has an
        argument ``name`` already or the function has no such parameter.

    Examples
    --------
    >>> @context()
    ... def work(ctx):
    ...     return ctx.closed
    >>> work()
    False
    """
    _refuse_bare_use("context", ctx_args)
    name, ctx_args = _split_name(name, ctx_args)

    def make(args: tuple[Any, ...], kwargs: dict[str, Any]) -> zmq.Context[Any]:
        return zmq.Context(*ctx_args, **ctx_kwargs)

    def release(ctx: zmq.Context[Any]) -> None:
        ctx.destroy()

    return _injector("context", name, make, release)


def socket(
    socket_type: int | str,
    *args: Any,
    name: str | None = None,
    context_name: str | None = None,
    **kw: Any,
) -> _Decorator:
    """socket(socket_type, *args, name=None, context_name=None, **kw)

    Give each call of the decorated function a new Socket.

    The Socket is made with ``ctx.socket(socket_type, *args, **kw)`` and
    closed with LINGER 0 when the function returns or raises. ``ctx`` is
    the call's keyword argument ``context_name`` if there is one, else its
    first positional argument that is a :class:`zmq.Context` (so it stacks
    under :func:`context`), else :meth:`zmq.Context.instance`.

    Parameters
    ----------
    socket_type : int
        The :class:`zmq.SocketType`. A str here is taken as ``name``, and the
        socket type is then the next argument: ``@socket("push", zmq.PUSH)``.
    *args
        Given to :meth:`zmq.Context.socket` after the socket type.
    name : str, optional
        The keyword argument to pass the Socket as. By default it is passed
        as the next positional argument, after the caller's.
    context_name : str, optional
        The keyword argument of the call that holds the Context to use.
    **kw
        Given to :meth:`zmq.Context.socket`.

    Raises
    ------
    TypeError
        At once if used without parentheses (``@socket``) or given the name
        twice; when the decorated function is called, if the decorator was
        given no socket type, if the call has an argument ``name`` already,
        or the function has no such parameter.

    Examples
    --------
    >>> @context()
    ... @socket(zmq.PUSH)
    ... def work(ctx, push):
    ...     return push.context is ctx
    >>> work()
    True
    """
    _refuse_bare_use("socket", (socket_type,))
    name, socket_args = _split_name(name, (socket_type, *args))

    def make(call_args: tuple[Any, ...], call_kwargs: dict[str, Any]) -> zmq.Socket[Any]:
        # like PyZMQ, a missing socket type is reported when the function is called
        if not socket_args:
            raise TypeError(
                f"@socket({name!r}) needs a socket type: @socket({name!r}, zmq.PUSH) for example"
            )
        ctx = _find_context(call_args, call_kwargs, context_name)
        sock: zmq.Socket[Any] = ctx.socket(*socket_args, **kw)
        return sock

    def release(sock: zmq.Socket[Any]) -> None:
        sock.close(linger=0)

    return _injector("socket", name, make, release)


def _refuse_bare_use(kind: str, args: tuple[Any, ...]) -> None:
    """Refuse ``@context`` or ``@socket`` without parentheses: it would get the function."""
    if len(args) == 1 and callable(args[0]):
        raise TypeError(f"@{kind} must be called: write @{kind}(...) with its arguments")


def _split_name(name: str | None, args: tuple[Any, ...]) -> tuple[str | None, tuple[Any, ...]]:
    """Take a leading str of a decorator's arguments as the name to inject as."""
    if not args or not isinstance(args[0], str):
        return name, args
    if name is not None:
        raise TypeError(f"name given twice: {args[0]!r} and name={name!r}")
    return args[0], args[1:]


def _find_context(
    args: tuple[Any, ...], kwargs: dict[str, Any], context_name: str | None
) -> zmq.Context[Any]:
    if context_name is not None and context_name in kwargs:
        ctx: zmq.Context[Any] = kwargs[context_name]
        return ctx
    for arg in args:
        if isinstance(arg, zmq.Context):
            return arg
    return zmq.Context.instance()


def _injector(
    kind: str,
    name: str | None,
    make: Callable[[tuple[Any, ...], dict[str, Any]], Any],
    release: Callable[[Any], None],
) -> _Decorator:
    """A decorator passing the function what ``make`` returns, released on return.

    ``make`` gets the call's positional and keyword arguments.
    """

    def decorate(func: Callable[..., _R]) -> Callable[..., _R]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> _R:
            if name is not None and name in kwargs:
                raise TypeError(
                    f"{func.__qualname__}() got multiple values for argument {name!r}:"
                    f" @{kind} passes it"
                )
            resource = make(args, kwargs)
            try:
                if name is None:
                    return func(*args, resource, **kwargs)
                return func(*args, **kwargs, **{name: resource})
            finally:
                release(resource)

        return wrapper

    return decorate
