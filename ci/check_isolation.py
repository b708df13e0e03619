"""Each distribution's tests pass with only it and what it depends on installed.

For every distribution of packages/ (or those named), in a fresh virtualenv:
the test tools (tools/requirements-test-core.txt), the distribution and the
distributions it depends on (editable, as in development), its other
dependencies and those of every extra, and nothing else; then its tests
(packages/<name>/tests) run there. A test that needs another distribution
belongs in tests/ at the repository's root.

Usage: python ci/check_isolation.py [pyzmq-core pyzmq-auth ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"
TEST_TOOLS = ROOT / "tools" / "requirements-test-core.txt"
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
    return ours, others


def check(name: str) -> bool:
    """Run ``name``'s tests in a fresh virtualenv; whether they passed."""
    ours, others = requirements(name)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"isolated-{name}-") as venv:
        python = str(Path(venv) / "bin" / "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "-q", "install"]
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([*pip, "--prefer-binary", "-r", str(TEST_TOOLS), *others], check=True)
        # the core first: pyzmq-devices compiles against the installed core
        for distribution in ours:
            subprocess.run(
                [*pip, "--no-build-isolation", "--no-deps", "-e", str(PACKAGES / distribution)],
                check=True,
            )
        installed = subprocess.run(
            [python, "-m", "pip", "list", "--format=freeze"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"== {name}: {', '.join(ours)} installed, with {', '.join(others) or 'no other'}")
        ours_installed = sorted(
            line.split("==")[0] for line in installed.splitlines() if line.startswith("pyzmq")
        )
        assert ours_installed == sorted(ours), ours_installed
        result = subprocess.run(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"packages/{name}/tests"],
            cwd=ROOT,
            timeout=TIMEOUT,
        )
    print(f"== {name}: {'passed' if result.returncode == 0 else 'FAILED'}", end="")
    print(f" ({time.monotonic() - started:.0f} s)")
    return result.returncode == 0


def main(names: list[str]) -> int:
    names = names or sorted(path.parent.name for path in PACKAGES.glob("*/pyproject.toml"))
    failed = [name for name in names if not check(name)]
    if failed:
        print(f"tests that fail with only their distribution installed: {', '.join(failed)}")
        return 1
    print(f"each distribution's tests pass with only it installed: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
