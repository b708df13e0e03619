"""Run one scenario, and write what each of its steps did as one JSON line.

Both interpreters the harness compares run this file (this project's `.venv`
and real PyZMQ's), so it needs nothing but the standard library:

    python recorder.py SCENARIO.py INPUTS.json RECORDS.jsonl

A scenario is a Python file with a function ``run(c)`` (or ``async def
run(c)``). Each step is a line of code run through ``c``::

    c("s = ctx.socket(zmq.PUSH)")        # records the value of the right-hand side
    c("s.linger")                        # records the value of the expression
    c("s.send(data)", data=b"x")         # binds names first
    await c.a("await s.recv()")          # awaits, in an async scenario

Steps share one namespace, so later steps see what earlier ones bound. A step
records its outcome: the value returned (described by `describe`) or the
exception raised (its class and the classes it derives from), and the
warnings it emitted. A ``begin`` line is written before each step, so that
the harness can say in which step a process crashed or hung.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import inspect
import json
import math
import os
import re
import shutil
import sys
import tempfile
import traceback
import warnings
from typing import Any, Callable, TextIO

# more than this many items of a collection are cut, deeper values summarised
MAX_ITEMS = 300
MAX_DEPTH = 6
# errors that mean a step's code is wrong, not that the library behaved one way or another
HARNESS_ERRORS = (NameError, SyntaxError)


def class_name(cls: type) -> str:
    """The shortest public dotted name that reaches ``cls``.

    ``zmq.sugar.socket.Socket`` is ``zmq.Socket`` when ``zmq`` exports it, so
    that a class defined in another module on each side still compares
    equal; a private class exported under a public name (``zmq.green.Context
    = _Context``) is known by that name. Builtins are named bare (``TypeError``).
    """
    module, qualname = cls.__module__, cls.__qualname__
    if module == "builtins":
        return qualname
    parts = module.split(".")
    if "." not in qualname:
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            holder = sys.modules.get(prefix)
            if holder is not None and getattr(holder, qualname, None) is cls:
                # a private class exported under a public name is known by that name
                public = [k for k, v in vars(holder).items() if v is cls and not k.startswith("_")]
                return f"{prefix}.{public[0] if qualname.startswith('_') and public else qualname}"
    return f"{module}.{qualname}"


def lineage(cls: type) -> list[str]:
    """``cls`` and the classes it derives from, by `class_name`, without object."""
    return [class_name(base) for base in cls.__mro__ if base is not object]


class Normaliser:
    """Replaces what legitimately differs between two runs in text: ports, paths, ids."""

    def __init__(self, tmp: str) -> None:
        self.tmp = tmp

    def __call__(self, text: str) -> str:
        text = text.replace(self.tmp, "<tmp>")
        text = re.sub(r"(127\.0\.0\.1|localhost|\[::1\]):\d+", r"\1:<port>", text)
        return re.sub(r"0x[0-9a-fA-F]{6,}", "0x?", text)


def describe(
    value: Any, refs: dict[int, str], normalise: Callable[[str], str], depth: int = 0
) -> Any:
    """A JSON description of a value: its type, and its content where it has one.

    An object bound to a name in the scenario is described by that name
    (``ref``), so that "returns the socket I registered" compares exactly.
    Objects without a content of their own are described by their type.
    """
    cls = type(value)
    bases = {base.__name__ for base in cls.__mro__ if base.__module__.startswith("zmq")}
    out: dict[str, Any] = {"type": class_name(cls)}
    if value is None:
        return out
    if isinstance(value, bool):
        out["value"] = value
    elif isinstance(value, int):
        out["value"] = int(value)
    elif isinstance(value, float):
        out["value"] = value if math.isfinite(value) else repr(value)
    elif isinstance(value, str):
        out["value"] = normalise(value)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value) if not isinstance(value, memoryview) else value.tobytes()
        out["value"] = normalise(raw.decode("latin-1"))
    elif id(value) in refs:
        out["ref"] = refs[id(value)]
    elif depth >= MAX_DEPTH:
        out["value"] = "..."
    elif isinstance(value, (list, tuple)):
        out["items"] = [describe(v, refs, normalise, depth + 1) for v in value[:MAX_ITEMS]]
    elif isinstance(value, (set, frozenset)):
        items = [describe(v, refs, normalise, depth + 1) for v in list(value)[:MAX_ITEMS]]
        out["items"] = sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    elif isinstance(value, dict):
        pairs = [
            [describe(k, refs, normalise, depth + 1), describe(v, refs, normalise, depth + 1)]
            for k, v in list(value.items())[:MAX_ITEMS]
        ]
        out["items"] = sorted(pairs, key=lambda pair: json.dumps(pair[0], sort_keys=True))
    elif isinstance(value, type):
        out["value"] = class_name(value)
    elif isinstance(value, BaseException):
        out["mro"] = lineage(cls)
    elif "Frame" in bases:
        # its content is what a program reads from a zmq.Frame
        out["bytes"] = normalise(bytes(value.bytes).decode("latin-1"))
        out["more"] = bool(value.more)
    elif "MessageTracker" in bases:
        out["done"] = bool(value.done)
    return out


class Steps:
    """The ``c`` of a scenario: runs and records its steps."""

    def __init__(self, out: TextIO, inputs: dict[str, list[Any]], tmp: str) -> None:
        self.out = out
        self.inputs_by_name = inputs
        self.namespace: dict[str, Any] = {"__name__": "__scenario__", "tmp": tmp}
        self.normalise = Normaliser(tmp)
        self.labels: dict[str, int] = {}

    def inputs(self, name: str) -> list[Any]:
        """The inputs the harness generated under ``name`` (the same on both sides)."""
        return self.inputs_by_name[name]

    def let(self, **values: Any) -> None:
        """Bind names in the steps' namespace without recording anything."""
        self.namespace.update(values)

    def __call__(self, code: str, *, norm: str | None = None, **bind: Any) -> Any:
        compiled, target, label = self._prepare(code, norm, bind)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = eval(compiled, self.namespace)
            except BaseException as error:
                return self._record_error(label, norm, error, caught)
        if inspect.iscoroutine(value) and target is None:
            # a coroutine nobody will await: described, then closed without a warning
            value.close()
        return self._record_value(label, norm, target, value, caught)

    async def a(self, code: str, *, norm: str | None = None, **bind: Any) -> Any:
        """Run an awaiting step (``await ...`` in its code)."""
        compiled, target, label = self._prepare(code, norm, bind)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = eval(compiled, self.namespace)
                if inspect.iscoroutine(value):
                    value = await value
            except BaseException as error:
                return self._record_error(label, norm, error, caught)
        return self._record_value(label, norm, target, value, caught)

    def _prepare(
        self, code: str, norm: str | None, bind: dict[str, Any]
    ) -> tuple[Any, str | None, str]:
        label = (
            code if not bind else f"{code}  [{', '.join(f'{k}={v!r}' for k, v in bind.items())}]"
        )
        label = self.normalise(label)
        seen = self.labels[label] = self.labels.get(label, 0) + 1
        if seen > 1:
            label = f"{label} #{seen}"
        self._write({"begin": label})
        self.namespace.update(bind)
        tree = ast.parse(code, mode="exec")
        target = None
        body = tree.body
        if len(body) == 1 and isinstance(body[0], ast.Expr):
            node: ast.AST = ast.Expression(body[0].value)
            mode = "eval"
        elif (
            len(body) == 1
            and isinstance(body[0], ast.Assign)
            and len(body[0].targets) == 1
            and isinstance(body[0].targets[0], ast.Name)
        ):
            target = body[0].targets[0].id
            node = ast.Expression(body[0].value)
            mode = "eval"
        else:
            node = tree
            mode = "exec"
        flags = getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)
        return compile(node, "<step>", mode, flags=flags), target, label

    def _record_value(
        self, label: str, norm: str | None, target: str | None, value: Any, caught: list[Any]
    ) -> Any:
        if target is not None:
            self.namespace[target] = value
        refs = {
            id(v): k for k, v in self.namespace.items() if k != target and not k.startswith("__")
        }
        self._write(
            {
                "step": label,
                "outcome": "return",
                "value": describe(value, refs, self.normalise),
                "norm": norm,
                "warnings": self._warnings(caught),
            }
        )
        return value

    def _record_error(
        self, label: str, norm: str | None, error: BaseException, caught: list[Any]
    ) -> None:
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise error
        record = {
            "step": label,
            "outcome": "raise",
            "error": {
                "type": class_name(type(error)),
                "mro": lineage(type(error)),
                "errno": getattr(error, "errno", None)
                if isinstance(getattr(error, "errno", None), int)
                else None,
                "message": self.normalise(str(error))[:500],
            },
            "norm": norm,
            "warnings": self._warnings(caught),
        }
        if isinstance(error, HARNESS_ERRORS):
            record["harness_error"] = "".join(
                traceback.format_exception_only(type(error), error)
            ).strip()
        self._write(record)
        return None

    def _warnings(self, caught: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "type": class_name(w.category),
                "mro": lineage(w.category),
                "message": self.normalise(str(w.message))[:300],
            }
            for w in caught
            if not issubclass(w.category, ResourceWarning)
        ]

    def _write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, sort_keys=True, default=repr) + "\n")
        self.out.flush()


def decode_inputs(raw: Any) -> Any:
    """The inputs as written by the harness: bytes and odd floats are tagged objects."""
    if isinstance(raw, list):
        return [decode_inputs(item) for item in raw]
    if isinstance(raw, dict):
        if set(raw) == {"bytes"}:
            return bytes.fromhex(raw["bytes"])
        if set(raw) == {"float"}:
            return float(raw["float"])
        if set(raw) == {"tuple"}:
            return tuple(decode_inputs(item) for item in raw["tuple"])
        return {key: decode_inputs(value) for key, value in raw.items()}
    return raw


def main(argv: list[str]) -> int:
    scenario_path, inputs_path, records_path = argv
    with open(inputs_path) as f:
        inputs = decode_inputs(json.load(f))
    spec = importlib.util.spec_from_file_location("scenario", scenario_path)
    assert spec is not None and spec.loader is not None
    scenario = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scenario)
    tmp = tempfile.mkdtemp(prefix="compat-")
    os.chdir(tmp)
    try:
        with open(records_path, "w") as out:
            steps = Steps(out, inputs, tmp)
            try:
                if inspect.iscoroutinefunction(scenario.run):
                    asyncio.run(scenario.run(steps))
                else:
                    scenario.run(steps)
            except Exception as error:
                # outside any step: the scenario itself broke, which the harness reports
                steps._write(
                    {
                        "scenario_error": "".join(
                            traceback.format_exception(type(error), error, error.__traceback__)
                        )[-2000:]
                    }
                )
    finally:
        os.chdir("/")
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
