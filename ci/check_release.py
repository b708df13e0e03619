"""Check built sdists and wheels before they are published.

1. ``twine check --strict``: the metadata of every artifact renders on the index.
2. Every distribution has one version across its artifacts, its sdist and
   wheels agree on their dependencies, and the metadata inside the artifacts
   follows the release rules (ci/release_rules.py): the ranges between our
   distributions admit the versions built, the meta-package has every extra...
3. Each wheel holds what its sources say it should, and nothing else: the
   modules, stubs, ``py.typed``, Cython declarations (``.pxd``) and the headers
   under ``zmq/utils``, one compiled module per ``.pyx``, and the libraries a
   repair tool bundles into a binary wheel; no tests, no Cython sources, no
   ``.c`` files or build leftovers. Only pyzmq-core's ships ``zmq/__init__.py``,
   no two distributions ship the same file, and the repaired wheels of
   pyzmq-core and pyzmq-devices for one platform bundle the same libzmq.
4. Each sdist holds the distribution's folder as git tracks it (sources, tests,
   build hook, readme, changelog, license), so that it rebuilds the wheel.

Usage: python ci/check_release.py DIR   (the artifacts, as ci/build_dists.py
builds them or as the publishing workflow collects them from its jobs)
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict
from email.message import Message
from email.parser import Parser
from pathlib import Path, PurePosixPath

import tomllib
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))

from build_dists import distributions, name_of  # noqa: E402
from check_namespace_wheels import problems as namespace_problems  # noqa: E402
from release_rules import problems as rule_problems  # noqa: E402

SDIST_REQUIRED = ("PKG-INFO", "pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE")
# hatchling adds the repository's .gitignore to every sdist
SDIST_VCS_IGNORE = ".gitignore"


def artifacts(directory: Path) -> tuple[list[Path], list[Path]]:
    """The wheels and the sdists in ``directory``."""
    return sorted(directory.glob("*.whl")), sorted(directory.glob("*.tar.gz"))


def twine_problems(files: list[Path]) -> list[str]:
    """What ``twine check --strict`` finds wrong in the artifacts' metadata."""
    result = subprocess.run(
        [sys.executable, "-m", "twine", "--no-color", "check", "--strict", *map(str, files)],
        capture_output=True,
        text=True,
    )
    return [] if result.returncode == 0 else [f"twine check:\n{result.stdout}{result.stderr}"]


def read_metadata(artifact: Path) -> Message:
    """The core metadata inside a wheel (METADATA) or an sdist (PKG-INFO)."""
    if artifact.suffix == ".whl":
        with zipfile.ZipFile(artifact) as archive:
            (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
            text = archive.read(name).decode()
    else:
        with tarfile.open(artifact) as archive:
            top = archive.getnames()[0].split("/")[0]
            member = archive.extractfile(f"{top}/PKG-INFO")
            assert member is not None
            text = member.read().decode()
    return Parser().parsestr(text)


def metadata_problems(found: dict[Path, Message]) -> tuple[dict[str, Message], list[str]]:
    """Group the artifacts by distribution and check that they agree.

    Returns
    -------
    dict, list of str
        One metadata per distribution (a wheel's, where there is one), and the problems.
    """
    grouped: dict[str, dict[Path, Message]] = defaultdict(dict)
    for artifact, metadata in found.items():
        grouped[canonicalize_name(str(metadata["Name"]))][artifact] = metadata
    wrong = []
    chosen = {}
    for name, group in grouped.items():
        for field in ("Version", "Requires-Dist", "Requires-Python", "Provides-Extra"):
            values = {tuple(sorted(m.get_all(field) or [])) for m in group.values()}
            if len(values) > 1:
                wrong.append(f"{name}: its artifacts disagree on {field}: {sorted(values)}")
        chosen[name] = group[min(group, key=lambda artifact: artifact.suffix != ".whl")]
    missing = {name_of(folder) for folder in distributions()} - set(grouped)
    wrong += [f"{name}: no artifact" for name in sorted(missing)]
    return chosen, wrong


def tracked(folder: Path) -> list[PurePosixPath]:
    """The files git tracks in ``folder``, relative to it."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--", str(folder)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return [PurePosixPath(line) for line in result.stdout.split("\0") if line]


def shipped(relative: PurePosixPath) -> bool:
    """Whether a file under src/ belongs in the wheel.

    What runs, what type checkers read, and what downstream Cython builds
    cimport and include: the headers of ``zmq/utils``, which
    ``zmq.get_includes()`` names. Cython sources only build the wheel.
    """
    if relative.name == "py.typed" or relative.suffix in (".py", ".pyi", ".pxd"):
        return True
    return relative.suffix == ".h" and relative.parent == PurePosixPath("zmq/utils")


def is_compiled(name: str, module: PurePosixPath) -> bool:
    """Whether ``name`` is the compiled ``module`` (``_zmq.cpython-311-x86_64-linux-gnu.so``)."""
    stem, dot, rest = name.partition(f"{module.as_posix()}.")
    return not stem and bool(dot) and "/" not in rest and rest.endswith((".so", ".pyd"))


def wheel_problems(wheel: Path, folder: Path) -> list[str]:
    """What a wheel ships that its sources do not call for, and what it misses."""
    sources = [p.relative_to("src") for p in tracked(folder) if p.parts[0] == "src"]
    expected = {p.as_posix() for p in sources if shipped(p)}
    compiled = [p.with_suffix("") for p in sources if p.suffix == ".pyx"]
    vendored = canonicalize_name(name_of(folder)).replace("-", "_")
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
    files = {n for n in names if not n.split("/")[0].endswith(".dist-info")}
    wrong = [f"{wheel.name}: misses {name}" for name in sorted(expected - files)]
    for module in compiled:
        built = [n for n in files if is_compiled(n, module)]
        if len(built) != 1:
            wrong.append(f"{wheel.name}: expected one compiled {module}, found {built}")
        expected.update(built)
    for name in sorted(files - expected):
        # libraries bundled by the repair step: auditwheel and delvewheel put
        # them in <distribution>.libs beside the package; delocate in the
        # package's .dylibs, or in <distribution>.dylibs for a wheel whose top
        # folder has no __init__.py (pyzmq-devices')
        repaired = name.startswith((f"{vendored}.libs/", f"{vendored}.dylibs/", "zmq/.dylibs/"))
        if not (compiled and repaired):
            wrong.append(f"{wheel.name}: ships {name}, which its sources do not call for")
    return wrong + namespace_problems(wheel)


def shared_file_problems(wheels: list[Path]) -> list[str]:
    """Two distributions shipping one file would overwrite each other on install."""
    owners: dict[str, set[str]] = defaultdict(set)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if not name.endswith("/") and ".dist-info/" not in name:
                    owners[name].add(wheel.name.split("-")[0])
    return [
        f"{name} is shipped by {sorted(dists)}"
        for name, dists in sorted(owners.items())
        if len(dists) > 1
    ]


def bundled_libzmq_problems(wheels: list[Path]) -> list[str]:
    """The binary wheels for one platform and Python bundle the same libzmq file.

    auditwheel names a bundled library after its contents' hash, and the
    loader maps a name once: pyzmq-devices' compiled loop then calls the very
    libzmq that made pyzmq-core's sockets.
    """
    bundled: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            libs = sorted(n.split("/")[-1] for n in archive.namelist() if ".libs/libzmq" in n)
        if libs:
            distribution, tags = wheel.name.split("-", 1)
            bundled[tags.split("-", 1)[1].removesuffix(".whl")][distribution] = libs
    return [
        f"the {tags} wheels bundle different libzmq files: {by_dist}"
        for tags, by_dist in bundled.items()
        if len({tuple(libs) for libs in by_dist.values()}) > 1
    ]


def expected_sdist(folder: Path) -> set[str]:
    """The files an sdist of ``folder`` must hold: all that git tracks there.

    The meta-package's folder is the repository's root: its sdist holds only
    the files its pyproject.toml names.
    """
    config = tomllib.loads((folder / "pyproject.toml").read_text())
    only = config["tool"]["hatch"]["build"]["targets"]["sdist"].get("only-include")
    files = {p.as_posix() for p in tracked(folder)}
    return set(only) & files if only else files


def sdist_problems(sdist: Path, folder: Path) -> list[str]:
    """What an sdist misses to rebuild the wheel, and what it should not ship."""
    with tarfile.open(sdist) as archive:
        files = {m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile()}
    expected = expected_sdist(folder) | set(SDIST_REQUIRED)
    if (folder / "hatch_build.py").exists():
        expected.add("hatch_build.py")
    wrong = [f"{sdist.name}: misses {name}" for name in sorted(expected - files)]
    wrong += [
        f"{sdist.name}: ships {name}, which git does not track"
        for name in sorted(files - expected - {SDIST_VCS_IGNORE})
    ]
    return wrong


def folder_of(artifact: Path) -> Path:
    """The folder of the distribution an sdist or a wheel was built from."""
    name = artifact.name.split("-")[0]
    (folder,) = [f for f in distributions() if name_of(f).replace("-", "_") == name]
    return folder


def contents_problems(wheels: list[Path], sdists: list[Path]) -> list[str]:
    wrong = [problem for wheel in wheels for problem in wheel_problems(wheel, folder_of(wheel))]
    wrong += [problem for sdist in sdists for problem in sdist_problems(sdist, folder_of(sdist))]
    return wrong + shared_file_problems(wheels) + bundled_libzmq_problems(wheels)


def check_release(directory: Path) -> list[str]:
    """Every problem with the artifacts in ``directory``; empty if they can be published."""
    wheels, sdists = artifacts(directory)
    found = {artifact: read_metadata(artifact) for artifact in [*wheels, *sdists]}
    chosen, wrong = metadata_problems(found)
    wrong += rule_problems(chosen)
    wrong += contents_problems(wheels, sdists)
    return twine_problems([*wheels, *sdists]) + wrong


def main() -> int:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    wrong = check_release(directory)
    print("\n".join(wrong) or f"ok: the artifacts in {directory} can be published")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
