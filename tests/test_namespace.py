"""The zmq namespace: extensions and third-party plugins install into zmq."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import zmq

EXTENSIONS = ["devices", "auth", "green", "ssh", "log", "anyio"]


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extensions_share_the_namespace(name, require):
    if name == "green":
        require("gevent")
    module = __import__(f"zmq.{name}", fromlist=["__version__"])
    assert module.__name__ == f"zmq.{name}"
    assert module.__version__
    assert Path(module.__file__).parent.name == name


def test_only_the_core_has_an_init():
    core = Path(zmq.__file__).parent
    for directory in map(Path, zmq.__path__):
        if directory != core:
            assert not (directory / "__init__.py").exists(), directory


def _write_plugin(root: Path) -> Path:
    """A third-party distribution adding zmq.tinyplugin, outside the repository."""
    project = root / "zmq-tinyplugin"
    package = project / "src" / "zmq" / "tinyplugin"
    package.mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "zmq-tinyplugin"
            version = "1.0"
            requires-python = ">=3.9"
            dependencies = ["pyzmq-core"]

            [tool.hatch.build.targets.wheel]
            only-include = ["src/zmq/tinyplugin"]
            sources = ["src"]
            """
        )
    )
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            import zmq

            def roundtrip(data):
                with zmq.Context() as ctx:
                    a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
                    a.bind("inproc://tinyplugin"); b.connect("inproc://tinyplugin")
                    a.send(data)
                    result = b.recv()
                    a.close(); b.close()
                    return result
            """
        )
    )
    return project


@pytest.mark.timeout(300)
def test_third_party_plugin_joins_the_namespace(tmp_path):
    project = _write_plugin(tmp_path)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(project),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    assert not (target / "zmq" / "__init__.py").exists()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import zmq.tinyplugin, zmq.devices; print(zmq.tinyplugin.roundtrip(b'plugged'))",
        ],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b'plugged'"


def test_zmq_asyncio_is_reached_as_an_attribute_of_zmq():
    """As in PyZMQ once zmq.utils.monitor is imported (it imports zmq.asyncio
    there): PyZMQ's own monitoring example annotates with zmq.asyncio.Socket
    after ``import zmq`` alone. ``import zmq`` does not import it."""
    code = textwrap.dedent(
        """
        import sys
        import zmq
        assert "zmq.asyncio" not in sys.modules
        import zmq.utils.monitor
        assert zmq.asyncio.Socket.__module__ == "zmq.asyncio"
        try:
            zmq.no_such_name
        except AttributeError as error:
            assert "no_such_name" in str(error)
        else:
            raise AssertionError("zmq.no_such_name exists")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
