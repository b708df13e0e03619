"""Check the built artifacts the way users get them.

1. Build every sdist and wheel into dist/ (wheels from sdists).
2. They can be published (ci/check_release.py): metadata that renders and
   follows the release rules, versions within the ranges between the
   distributions, the expected contents (only pyzmq-core's wheel ships
   zmq/__init__.py), sdists that rebuild the wheels.
3. In a fresh virtualenv, the meta-package's wheel installs every
   distribution with its extras, and every module imports (the pytest plugin
   zmq.testing once pytest is installed: it is loaded by pytest only).
4. Uninstalling one extension leaves the others working.
5. An extension installed without pyzmq-core fails to import with a message
   that names pyzmq-core.

Usage: python ci/check_artifacts.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
sys.path.insert(0, str(ROOT / "ci"))

from build_dists import build  # noqa: E402
from check_release import check_release  # noqa: E402


def modules() -> dict[str, list[str]]:
    """The importable modules of each distribution, from its sources."""
    found: dict[str, list[str]] = {}
    for package in sorted((ROOT / "packages").glob("pyzmq-*")):
        src = package / "src"
        names = []
        for path in sorted(src.rglob("*.py")):
            parts = list(path.relative_to(src).with_suffix("").parts)
            if parts[-1] == "__main__":
                continue
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
        found[package.name] = names
    return found


#: modules loaded by pytest, which no distribution depends on
PYTEST_PLUGINS = ["zmq.testing"]


class Env:
    """A fresh virtualenv."""

    def __init__(self, path: Path) -> None:
        venv.create(path, with_pip=True)
        self.python = str(path / "bin" / "python")

    def pip(self, *args: str) -> None:
        command = [self.python, "-m", "pip", "--disable-pip-version-check", "-q", *args]
        subprocess.run(command, check=True)

    def install(self, *args: str) -> None:
        self.pip("install", "--find-links", str(DIST), *args)

    def run(self, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.python, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
        )


def check(condition: bool, message: str, details: str = "") -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}\n{details}")
    print(f"ok: {message}")


IMPORT_ALL = """
import importlib, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
failed = []
for name in sys.argv[1:] if len(sys.argv) > 1 else {names!r}:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{{name}}: {{type(error).__name__}}: {{error}}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def main() -> int:
    build(DIST)
    wheels = sorted(str(w) for w in DIST.glob("*.whl"))
    problems = check_release(DIST)
    check(not problems, "the artifacts can be published", "\n".join(problems))
    meta = next(w for w in wheels if Path(w).name.startswith("pyzmq-"))
    every_module = [
        name for names in modules().values() for name in names if name not in PYTEST_PLUGINS
    ]

    with tempfile.TemporaryDirectory() as tmp:
        env = Env(Path(tmp) / "all")
        # the meta-package by path: PyPI's pyzmq must not be taken instead
        env.install(meta)
        result = env.run(IMPORT_ALL.format(names=every_module))
        check(
            result.returncode == 0,
            f"every module imports from wheels ({len(every_module)})",
            result.stdout + result.stderr,
        )
        result = env.run("""
            import zmq
            ctx = zmq.Context()
            pull = ctx.socket(zmq.PULL); port = pull.bind_to_random_port("tcp://127.0.0.1")
            push = ctx.socket(zmq.PUSH); push.connect(f"tcp://127.0.0.1:{port}")
            push.send(b"through an installed wheel")
            assert pull.recv() == b"through an installed wheel"
            ctx.destroy()
        """)
        check(result.returncode == 0, "the installed core sends and receives", result.stderr)
        result = env.run(IMPORT_ALL.format(names=PYTEST_PLUGINS))
        check(
            result.returncode != 0 and "No module named 'pytest'" in result.stdout,
            f"without pytest, the pytest plugins ({', '.join(PYTEST_PLUGINS)}) name it as missing",
            result.stdout + result.stderr,
        )
        env.pip("install", "pytest")
        result = env.run(IMPORT_ALL.format(names=PYTEST_PLUGINS))
        check(
            result.returncode == 0,
            f"with pytest, the pytest plugins ({', '.join(PYTEST_PLUGINS)}) import",
            result.stdout + result.stderr,
        )

        env.pip("uninstall", "-y", "pyzmq-log")
        others = [n for d, names in modules().items() if d != "pyzmq-log" for n in names]
        result = env.run(IMPORT_ALL.format(names=others))
        check(
            result.returncode == 0,
            "uninstalling pyzmq-log leaves the others importable",
            result.stdout + result.stderr,
        )
        result = env.run("import zmq.log")
        check(
            result.returncode != 0 and "No module named 'zmq.log'" in result.stderr,
            "zmq.log is gone after uninstalling pyzmq-log",
            result.stderr,
        )

        bare = Env(Path(tmp) / "no-core")
        log_wheel = next(w for w in wheels if Path(w).name.startswith("pyzmq_log-"))
        bare.install("--no-deps", log_wheel)
        result = bare.run("import zmq.log")
        check(
            result.returncode != 0 and "pyzmq-core" in result.stderr.splitlines()[-1],
            "an extension without pyzmq-core names pyzmq-core",
            result.stderr,
        )
    print("artifacts ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
