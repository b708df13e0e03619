"""zmq.eventloop and its deprecated ioloop module; what happens without tornado."""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import subprocess
import sys
import textwrap

import pytest
from tornado.ioloop import IOLoop, PeriodicCallback

import zmq.eventloop

# Makes `import tornado` fail in a subprocess the way a missing package does.
HIDE_TORNADO = """
import sys

class HideTornado:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "tornado":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, HideTornado())
"""


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def ioloop_module(monkeypatch):
    """zmq.eventloop.ioloop, imported afresh (its import warns once)."""
    monkeypatch.delitem(sys.modules, "zmq.eventloop.ioloop", raising=False)
    with pytest.warns(DeprecationWarning):
        return importlib.import_module("zmq.eventloop.ioloop")


def test_eventloop_exports_tornados_ioloop():
    assert zmq.eventloop.__all__ == ["IOLoop"]
    assert zmq.eventloop.IOLoop is IOLoop


def test_importing_the_ioloop_module_warns_the_importer(monkeypatch):
    monkeypatch.delitem(sys.modules, "zmq.eventloop.ioloop", raising=False)
    with pytest.warns(DeprecationWarning, match=r"zmq\.eventloop\.ioloop is deprecated") as seen:
        import zmq.eventloop.ioloop  # noqa: F401
    assert [warning.filename for warning in seen] == [__file__]


def test_ioloop_module_names_are_tornados(ioloop_module):
    ioloop = ioloop_module
    assert ioloop.IOLoop is IOLoop
    assert ioloop.ZMQIOLoop is IOLoop
    assert ioloop.PeriodicCallback is PeriodicCallback
    assert set(ioloop.__all__) == {
        "IOLoop",
        "PeriodicCallback",
        "TimeoutError",
        "ZMQIOLoop",
        "install",
    }


def test_install_is_a_deprecated_no_op(ioloop_module):
    async def main():
        before = IOLoop.current()
        with pytest.warns(DeprecationWarning, match="deprecated") as seen:
            assert ioloop_module.install() is None
        assert seen[0].filename == __file__
        assert IOLoop.current() is before

    asyncio.run(main())


def test_the_package_and_zmqstream_import_without_warnings():
    result = run_python(
        """
        import warnings
        warnings.simplefilter("error")
        import zmq.eventloop
        import zmq.eventloop.zmqstream
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "module", ["zmq.eventloop", "zmq.eventloop.zmqstream", "zmq.eventloop.ioloop"]
)
def test_without_tornado_importing_says_what_to_install(module):
    result = run_python(
        HIDE_TORNADO
        + f"""
import zmq
try:
    import {module}
except ImportError as error:
    print(type(error).__name__, error)
else:
    print("imported")
"""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "ImportError zmq.eventloop needs tornado, which is not installed: "
        "pip install pyzmq-core[tornado]"
    )


def test_zmq_never_imports_tornado():
    result = run_python(
        HIDE_TORNADO
        + """
import zmq
import zmq.utils.monitor
context = zmq.Context()
context.socket(zmq.PAIR).close()
context.term()
print(sorted(name for name in sys.modules if name.startswith("tornado")))
"""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(
    importlib.util.find_spec("zmq.asyncio") is None,
    reason="zmq.asyncio is not in this tree",
)
def test_zmq_asyncio_never_needs_tornado():
    result = run_python(
        HIDE_TORNADO
        + """
import zmq.asyncio
print(sorted(name for name in sys.modules if name.startswith("tornado")))
"""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_broken_tornado_keeps_its_own_error():
    # tornado is there but one of its imports fails: the hint would mislead
    result = run_python(
        """
        import sys

        class BreakTornadoIOLoop:
            def find_spec(self, name, path=None, target=None):
                if name == "tornado.ioloop":
                    raise ImportError("tornado's dependency is broken", name="broken_dependency")
                return None

        sys.meta_path.insert(0, BreakTornadoIOLoop())
        try:
            import zmq.eventloop
        except ImportError as error:
            print(error)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "tornado's dependency is broken"
