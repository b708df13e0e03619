"""Build the sdist and wheel of every distribution into dist/.

Each wheel is built from its sdist (``python -m build``), which proves the
sdist complete. pyzmq-core is built first, and the others find it in dist/
(pyzmq-devices compiles against it).

Usage: python ci/build_dists.py [--outdir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = "pyzmq-core"
META = "pyzmq"


def distributions() -> list[Path]:
    """Every distribution's folder, pyzmq-core first and the meta-package last."""
    packages = sorted((ROOT / "packages").glob("pyzmq-*"), key=lambda p: p.name != CORE)
    return [*packages, ROOT]


def name_of(folder: Path) -> str:
    """The distribution built from ``folder``: its folder's name, or the meta-package."""
    return META if folder == ROOT else folder.name


def build(outdir: Path) -> None:
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    env = dict(os.environ)
    # the builds of the other distributions may need pyzmq-core from outdir
    env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(outdir), env.get("PIP_FIND_LINKS")]))
    for folder in distributions():
        print(f"building {name_of(folder)}", flush=True)
        result = subprocess.run(
            [sys.executable, "-m", "build", "--outdir", str(outdir), str(folder)],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
            raise SystemExit(f"building {folder} failed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outdir", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    build(args.outdir)
    for artifact in sorted(args.outdir.iterdir()):
        print(f"  {artifact.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
