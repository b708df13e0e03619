"""Every public name of every module PyZMQ has, and the signatures of its callables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from recorder import Steps

MODULES = [
    "zmq",
    "zmq.backend",
    "zmq.constants",
    "zmq.error",
    "zmq.sugar",
    "zmq.sugar.context",
    "zmq.sugar.socket",
    "zmq.sugar.frame",
    "zmq.sugar.poll",
    "zmq.sugar.tracker",
    "zmq.sugar.version",
    "zmq.sugar.attrsettr",
    "zmq.sugar.stopwatch",
    "zmq.asyncio",
    "zmq._future",
    "zmq.eventloop",
    "zmq.eventloop.future",
    "zmq.eventloop.ioloop",
    "zmq.eventloop.zmqstream",
    "zmq.utils",
    "zmq.utils.z85",
    "zmq.utils.jsonapi",
    "zmq.utils.monitor",
    "zmq.utils.garbage",
    "zmq.utils.strtypes",
    "zmq.utils.interop",
    "zmq.utils.win32",
    "zmq.decorators",
    "zmq.curve_keygen",
    "zmq.devices",
    "zmq.devices.basedevice",
    "zmq.devices.proxydevice",
    "zmq.devices.proxysteerabledevice",
    "zmq.devices.monitoredqueue",
    "zmq.devices.monitoredqueuedevice",
    "zmq.auth",
    "zmq.auth.base",
    "zmq.auth.certs",
    "zmq.auth.thread",
    "zmq.auth.asyncio",
    "zmq.auth.ioloop",
    "zmq.log",
    "zmq.log.handlers",
    "zmq.green",
    "zmq.green.core",
    "zmq.green.poll",
    "zmq.green.device",
    "zmq.green.eventloop",
    "zmq.green.eventloop.ioloop",
    "zmq.green.eventloop.zmqstream",
    "zmq.ssh",
    "zmq.ssh.tunnel",
    "zmq.ssh.forward",
]


def parameters(function: Callable[..., Any]) -> list[tuple[str, str, str | None]] | None:
    """A callable's parameters as PyZMQ code sees them: names, kinds, defaults."""
    import inspect

    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    return [
        (p.name, p.kind.name, None if p.default is p.empty else repr(p.default))
        for p in signature.parameters.values()
    ]


def public_callables(module: Any) -> dict[str, Any]:
    """The module's public functions and classes, and the public methods of those classes."""
    import inspect

    found = {}
    for name in sorted(getattr(module, "__all__", None) or dir(module)):
        if name.startswith("_"):
            continue
        value = getattr(module, name, None)
        if inspect.isclass(value) and value.__module__.startswith("zmq"):
            found[name] = value
            for attr in sorted(dir(value)):
                if attr.startswith("_") and attr != "__init__":
                    continue
                home = next((k for k in value.__mro__ if attr in vars(k)), object)
                member = getattr(value, attr, None)
                if (
                    home.__module__.startswith("zmq")
                    and callable(member)
                    and not inspect.isclass(member)
                ):
                    found[f"{name}.{attr}"] = member
        elif (
            callable(value)
            and getattr(value, "__module__", "")
            and value.__module__.startswith("zmq")
        ):
            found[name] = value
    return found


def public_names(module: Any) -> list[str]:
    """The names a module defines or exports on purpose, without what it merely imported."""
    import inspect
    import typing

    import zmq

    exported = set(getattr(module, "__all__", []))
    found = []
    for name in dir(module):
        value = getattr(module, name, None)
        # typing helpers, and text left behind by a module-level loop, are no API
        helper = isinstance(value, typing.TypeVar) or name == "TYPE_CHECKING"
        leftover = isinstance(value, str) and not name.isupper() and name not in exported
        if name.startswith("_") or helper or leftover:
            continue
        if name in exported:
            own = True
        elif inspect.ismodule(value):
            # a submodule under its own name (not a loop variable left pointing at one)
            own = value.__name__ == f"{module.__name__}.{name}"
        elif isinstance(value, (int, str, bytes, float)):
            # a constant, unless it is zmq's, imported
            own = module.__name__ == "zmq" or getattr(zmq, name, None) is not value
        else:
            home = getattr(value, "__module__", None) or ""
            own = home == module.__name__ or home.startswith(module.__name__ + ".")
        if own:
            found.append(name)
    return sorted(found)


def run(c: Steps) -> None:
    c.let(parameters=parameters, public_callables=public_callables, public_names=public_names)
    c("import importlib, warnings")
    # the reference has no paramiko, and zmq.ssh.tunnel's names depend on it: compare both
    # without it (with it, SSHException is paramiko's on both sides)
    c("import sys; sys.modules['paramiko'] = None")
    for name in MODULES:
        c("m = importlib.import_module(name)", name=name, norm="type")
        c("public_names(m)", norm="superset", name=name)
        c("sorted(getattr(m, '__all__', []))", norm="superset", name=name)
        c(
            "{k: parameters(f) for k, f in public_callables(m).items()}",
            norm="signatures",
            name=name,
        )
