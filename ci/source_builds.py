"""Build pyzmq-core with its own libzmq where the system has none, and test it.

For each variant (``bundled``: ``ZMQ_PREFIX=bundled``; ``draft``: the same
with ``ZMQ_DRAFT_API=1``), with libzmq's Debian packages hidden
(ci/no_system_libzmq.py: the machine of a user who has no libzmq):

1. (first variant) a build without ZMQ_PREFIX stops with one line, which
   names ``ZMQ_PREFIX=bundled``;
2. a fresh virtualenv gets the development requirements (once); then,
   without network, pyzmq-core is built with libzmq from ``PYZMQ_LIBZMQ_URL=SOURCE``
   (a local source: nothing is downloaded), pyzmq-devices against the libzmq
   it bundles, and every other distribution;
3. zmq and zmq.devices import with that libzmq, loaded once, from the
   package, and with the draft API exactly in the draft variant;
4. the tests of pyzmq-core and pyzmq-devices pass (the draft variant runs the
   draft API's tests, which the system's libzmq skips).

Usage: python ci/source_builds.py SOURCE [--variant bundled|draft]...
(Linux with util-linux's unshare; tools/libzmq-source fetches a SOURCE)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))

from check_artifacts import Env, check  # noqa: E402
from installed_tests import run_installed_tests  # noqa: E402
from no_system_libzmq import package_files, run_hidden  # noqa: E402

VARIANTS = {"bundled": {}, "draft": {"ZMQ_DRAFT_API": "1"}}
CORE = ROOT / "packages" / "pyzmq-core"

# run in the built environment: where its libzmq comes from, for zmq and
# zmq.devices' compiled loop, and the draft API
WHICH_LIBZMQ = """
import zmq, zmq.devices
from pathlib import Path
maps = Path("/proc/self/maps").read_text().splitlines()
mapped = sorted({line.split()[-1] for line in maps if "/libzmq" in line})
print(zmq.zmq_version(), zmq.DRAFT_API, *mapped)
"""


def one_line_error(tmp: Path, hide: list[str]) -> None:
    """Without a libzmq and without ZMQ_PREFIX, the build stops with one line."""
    env = {k: v for k, v in os.environ.items() if k != "ZMQ_PREFIX"}
    result = run_hidden(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp / "never"),
            str(CORE),
        ],
        hide,
        env=env,
    )
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "error: libzmq was not found" in line]
    check(
        result.returncode != 0 and len(lines) == 1 and "ZMQ_PREFIX=bundled" in lines[0],
        "without libzmq, the build stops with one line naming ZMQ_PREFIX=bundled",
        output[-3000:],
    )


def build_variant(env: Env, source: Path, variant: str, hide: list[str]) -> float:
    """Install every distribution, the compiled ones on a bundled libzmq; the seconds."""
    started = time.monotonic()
    options = dict(os.environ, ZMQ_PREFIX="bundled", PYZMQ_LIBZMQ_URL=str(source.resolve()))
    options.pop("ZMQ_DRAFT_API", None)
    options.update(VARIANTS[variant])
    pip = [
        env.python,
        "-m",
        "pip",
        "--disable-pip-version-check",
        "-q",
        "install",
        "--force-reinstall",
        "--no-index",
        "--no-deps",
        "--no-build-isolation",
    ]
    # the core first: pyzmq-devices links the libzmq it bundles
    others = [str(p) for p in sorted((ROOT / "packages").glob("pyzmq-*")) if p != CORE]
    for targets in ([str(CORE)], others):
        result = run_hidden([*pip, *targets], hide, offline=True, env=options)
        check(
            result.returncode == 0,
            f"{variant}: {', '.join(Path(t).name for t in targets)} built without network",
            result.stdout[-3000:] + result.stderr[-3000:],
        )
    return time.monotonic() - started


def check_variant(env: Env, variant: str, hide: list[str]) -> None:
    result = run_hidden([env.python, "-c", WHICH_LIBZMQ], hide, cwd="/")
    version, draft, *mapped = (result.stdout or "? ? ?").split()
    check(
        result.returncode == 0
        and draft == str(variant == "draft")
        and len(mapped) == 1
        and "/zmq/.libzmq/lib/" in mapped[0],
        f"{variant}: zmq imports on libzmq {version} from {mapped}, DRAFT_API={draft}",
        result.stderr[-3000:],
    )
    run_installed_tests(env.python, hide, variant)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="libzmq's source: a tarball or a folder")
    parser.add_argument("--variant", choices=sorted(VARIANTS), action="append")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("this hides the system's libzmq in a Linux mount namespace")
    hide = package_files()
    print(f"hiding the {len(hide)} files of the system's libzmq packages")
    with tempfile.TemporaryDirectory() as tmp:
        one_line_error(Path(tmp), hide)
        # one environment: each variant replaces the distributions of the last
        env = Env(Path(tmp) / "venv")
        env.pip("install", "-r", str(ROOT / "tools" / "requirements-dev.txt"))
        for variant in args.variant or sorted(VARIANTS):
            seconds = build_variant(env, args.source, variant, hide)
            print(f"{variant}: libzmq and the distributions built in {seconds:.0f} s")
            check_variant(env, variant, hide)
    return 0


if __name__ == "__main__":
    sys.exit(main())
