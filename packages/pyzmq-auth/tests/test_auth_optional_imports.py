"""A missing optional dependency is named in the ImportError, never a bare traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _import_without(blocked: str, module: str) -> subprocess.CompletedProcess[str]:
    # None in sys.modules makes importing a module fail, as if it were not installed
    code = f"import sys; sys.modules[{blocked!r}] = None; import {module}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_ioloop_without_tornado_names_the_extra() -> None:
    result = _import_without("tornado", "zmq.auth.ioloop")
    assert result.returncode != 0
    assert "ImportError: zmq.auth.ioloop needs tornado" in result.stderr
    assert "pip install pyzmq-auth[tornado]" in result.stderr


@pytest.mark.parametrize("module", ["zmq.auth.asyncio", "zmq.auth.ioloop"])
def test_asyncio_flavours_without_zmq_asyncio_name_the_core(module: str) -> None:
    result = _import_without("zmq.asyncio", module)
    assert result.returncode != 0
    assert "ImportError: zmq.auth.asyncio needs zmq.asyncio" in result.stderr
    assert "upgrade pyzmq-core" in result.stderr


def test_zmq_auth_imports_no_optional_dependency() -> None:
    code = (
        "import sys, zmq.auth, zmq.auth.thread, zmq.auth.base; "
        "print(sorted(m for m in ('tornado', 'zmq.asyncio', 'zmq.auth.asyncio') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
