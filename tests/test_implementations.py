"""pyzmq-core's tests of contexts, sockets and polling run on zmq.green too,
through zmq.testing's parametrized ``zmq`` fixture."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zmq.testing import implementations

CORE_TESTS = Path(__file__).resolve().parents[1] / "packages" / "pyzmq-core" / "tests"
# the core's modules about contexts, sockets, sending and receiving, polling
#: the implementation in a test's id: ``test_send[zmq.green-tcp]``
IMPLEMENTATION_ID = re.compile(r"(?<=[\[-])zmq(?:\.green)?(?=[-\]])")
KINDS = ("test_context*", "test_socket*", "test_pubsub*", "test_reqrep*", "test_poll*")


def test_every_implementation_is_installed_here(require):
    require("gevent")  # pyzmq-green is left out where gevent has no build
    assert implementations() == ["zmq", "zmq.green"]


@pytest.mark.zmq_implementations
def test_the_fixtures_are_of_each_implementation(zmq, context, socket, pair):
    assert type(context).__mro__[1] is zmq.Context
    assert type(socket(zmq.PUSH)) is zmq.Socket
    assert all(type(sock) is zmq.Socket for sock in pair())


@pytest.mark.timeout(300)
def test_every_core_behaviour_test_runs_on_zmq_green(require):
    require("gevent")
    modules = sorted({path.name for kind in KINDS for path in CORE_TESTS.glob(f"{kind}.py")})
    assert modules, f"no core tests found in {CORE_TESTS}"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + [str(CORE_TESTS / module) for module in modules],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    ids = [line for line in collected.stdout.splitlines() if "::" in line]
    for module in modules:
        runs: dict[str, set[str]] = {"zmq": set(), "zmq.green": set()}
        for test in ids:
            found = IMPLEMENTATION_ID.search(test)
            if found and f"/{module}::" in test:
                runs[found.group()].add(IMPLEMENTATION_ID.sub("IMPL", test, count=1))
        assert runs["zmq.green"], (
            f"{module} does not run on zmq.green (mark it zmq_implementations)"
        )
        assert runs["zmq"] == runs["zmq.green"], f"{module}: not every test runs on both"


def _uses_of_the_zmq_module(tree: ast.Module) -> list[str]:
    """The tests and fixtures of a module that use its global ``zmq`` (the
    module imported) where they should take the ``zmq`` fixture."""
    wrong = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorators = [ast.unparse(decorator) for decorator in node.decorator_list]
        is_fixture = any(d.startswith("pytest.fixture") for d in decorators)
        if not (node.name.startswith("test_") or is_fixture):
            continue
        arguments = {argument.arg for argument in node.args.args}
        body = [name for statement in node.body for name in ast.walk(statement)]
        if "zmq" not in arguments and any(
            isinstance(name, ast.Name) and name.id == "zmq" for name in body
        ):
            wrong.append(node.name)
    return wrong


def test_tests_on_each_implementation_take_it_from_the_fixture():
    marked = [
        path
        for path in sorted(CORE_TESTS.glob("test_*.py"))
        if "pytestmark = pytest.mark.zmq_implementations" in path.read_text()
    ]
    assert len(marked) >= 7
    wrong = {
        path.name: names
        for path in marked
        if (names := _uses_of_the_zmq_module(ast.parse(path.read_text())))
    }
    assert not wrong, f"these use the zmq module, not the zmq fixture: {wrong}"
