"""Each distribution's tests pass with only it and what it depends on installed.

For every distribution of packages/ (or those named), in a fresh virtualenv:
the test tools (tools/requirements-test-core.txt), the distribution and the
distributions it depends on, its other dependencies and those of every extra,
and nothing else; then its tests (packages/<name>/tests) run there. A test
that needs another distribution belongs in tests/ at the repository's root.

The distributions with compiled modules are built into wheels once, first:
an editable install would compile them again in the source tree, under the
feet of any other process that has them loaded. The others are installed
editable, as in development.

Usage: python ci/check_isolation.py [pyzmq-core pyzmq-auth ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomllib
from installed_tests import DEVELOPMENT_LAYOUT
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"
TEST_TOOLS = ROOT / "tools" / "requirements-test-core.txt"
ALL_TEST_TOOLS = ROOT / "tools" / "requirements-test.txt"
#: what a distribution's tests need beyond the test tools and its own
#: requirements (at the versions tools/requirements-test.txt gives)
TESTS_NEED = {"pyzmq-anyio": {"trio"}}
TIMEOUT = 1800  # seconds for one distribution's tests; pyzmq-core's take about two minutes


def requirements(name: str) -> tuple[list[str], list[str]]:
    """The distributions of this repository ``name`` needs (itself last), and
    the other requirements of it and of them, extras included."""
    ours: list[str] = []
    others: list[str] = []

    def add(distribution: str) -> None:
        if distribution in ours:
            return
        project = tomllib.loads((PACKAGES / distribution / "pyproject.toml").read_text())[
            "project"
        ]
        wanted = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            wanted += extra
        for line in wanted:
            requirement = Requirement(line)
            if (PACKAGES / requirement.name).is_dir():
                add(requirement.name)
            elif line not in others:
                others.append(line)
        ours.append(distribution)

    add(name)
    listed = [line.split("#")[0].strip() for line in ALL_TEST_TOOLS.read_text().splitlines()]
    needed = TESTS_NEED.get(name, set())
    others += [r for r in listed if r and r[0] != "-" and Requirement(r).name in needed]
    return ours, others


def is_compiled(distribution: str) -> bool:
    """Whether ``distribution`` has a compiled module (a Cython source)."""
    return any((PACKAGES / distribution / "src").rglob("*.pyx"))


def build_wheels(names: list[str], directory: Path) -> dict[str, Path]:
    """Wheels of the compiled distributions ``names`` need, built into ``directory``
    by this development environment (whose pyzmq-core the others compile against)."""
    needed = sorted({d for name in names for d in requirements(name)[0] if is_compiled(d)})
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    for distribution in needed:
        options = ["--no-build-isolation", "--no-deps", "-w", str(directory)]
        subprocess.run([*pip, "wheel", *options, str(PACKAGES / distribution)], check=True)
    return {
        distribution: next(directory.glob(f"{distribution.replace('-', '_')}-*.whl"))
        for distribution in needed
    }


def install(python: str, name: str, wheels: dict[str, Path]) -> None:
    """Install ``name``, what it depends on and the test tools, and check that
    no other distribution of ours came with them."""
    ours, others = requirements(name)
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q", "install"]
    subprocess.run([*pip, "--prefer-binary", "-r", str(TEST_TOOLS), *others], check=True)
    subprocess.run([*pip, "--no-deps", *(str(wheels[d]) for d in ours if d in wheels)], check=True)
    editable = [arg for d in ours if d not in wheels for arg in ("-e", str(PACKAGES / d))]
    if editable:
        subprocess.run([*pip, "--no-build-isolation", "--no-deps", *editable], check=True)
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    installed = sorted(line.split("==")[0] for line in listed if line.startswith("pyzmq"))
    assert installed == sorted(ours), f"installed: {installed}, wanted: {ours}"
    print(f"== {name}: {', '.join(ours)} installed, with {', '.join(others) or 'nothing else'}")


def check(name: str, wheels: dict[str, Path]) -> bool:
    """Run ``name``'s tests in a fresh virtualenv; whether they passed."""
    started = time.monotonic()
    tests = f"packages/{name}/tests"
    # a test of the development layout cannot pass on a wheel
    layout = [test for test in DEVELOPMENT_LAYOUT if test.startswith(tests) and name in wheels]
    deselect = [arg for test in layout for arg in ("--deselect", test)]
    with tempfile.TemporaryDirectory(prefix=f"isolated-{name}-") as venv:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        python = str(Path(venv) / "bin" / "python")
        install(python, name, wheels)
        result = subprocess.run(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *deselect, tests],
            cwd=ROOT,
            timeout=TIMEOUT,
        )
    passed = result.returncode == 0
    print(f"== {name}: {'passed' if passed else 'FAILED'} ({time.monotonic() - started:.0f} s)")
    return passed


def main(names: list[str]) -> int:
    names = names or sorted(path.parent.name for path in PACKAGES.glob("*/pyproject.toml"))
    with tempfile.TemporaryDirectory(prefix="isolated-wheels-") as directory:
        wheels = build_wheels(names, Path(directory))
        failed = [name for name in names if not check(name, wheels)]
    if failed:
        print(f"tests that fail with only their distribution installed: {', '.join(failed)}")
        return 1
    print(f"each distribution's tests pass with only it installed: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
