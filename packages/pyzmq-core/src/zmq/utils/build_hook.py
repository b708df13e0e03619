"""Compile Cython extensions in a hatchling build hook.

pyzmq-core builds its backend with this, and so can any distribution with
Cython code that cimports zmq (pyzmq-devices does): call
:func:`build_extensions` from the ``initialize`` method of a hatchling
``BuildHookInterface``, with ``zmq.get_includes()`` in ``include_dirs``.

This module imports nothing from zmq, so that pyzmq-core's own build can load
it from its sources, before zmq is compiled.
"""

from __future__ import annotations

import importlib.util
import os
import posixpath
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

__all__ = [
    "BUNDLE_DIR",
    "CythonHookMixin",
    "LibzmqNotFound",
    "build_extensions",
    "bundled_libzmq",
    "find_libzmq",
    "find_system_libzmq",
    "stop_if_missing",
]

MIN_LIBZMQ = (4, 3, 0)
INSTALL_HINT = (
    "pyzmq-core needs libzmq >= 4.3 and its development files. Install them "
    "(Debian/Ubuntu: apt-get install libzmq3-dev; Fedora: dnf install zeromq-devel; "
    "macOS: brew install zeromq), set ZMQ_PREFIX to where libzmq is installed, "
    "or set ZMQ_PREFIX=bundled to build libzmq from source with pyzmq-core."
)
#: where, inside the ``zmq`` package, a pyzmq-core built with ZMQ_PREFIX=bundled
#: keeps its libzmq: ``include/`` (its headers) and ``lib/`` (the shared library)
BUNDLE_DIR = ".libzmq"


class LibzmqNotFound(RuntimeError):
    """libzmq's development files are missing."""


def _pkg_config(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["pkg-config", *args, "libzmq"], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def bundled_libzmq() -> Path | None:
    """The folder of the libzmq the installed pyzmq-core bundles, if it does.

    A pyzmq-core built with ``ZMQ_PREFIX=bundled`` carries its own libzmq
    (see :data:`BUNDLE_DIR`); extensions that link libzmq must link that one,
    or a process would load two.
    """
    spec = importlib.util.find_spec("zmq")
    for location in (spec.submodule_search_locations or []) if spec else []:
        bundle = Path(location) / BUNDLE_DIR
        if (bundle / "include" / "zmq.h").is_file():
            return bundle
    return None


def _bundled_settings(bundle: Path) -> dict[str, list[str]]:
    return {
        "include_dirs": [str(bundle / "include")],
        "library_dirs": [str(bundle / "lib")],
        "libraries": ["zmq"],
        "runtime_library_dirs": [],
        # found at run time next to the installed zmq package (see build_extensions)
        "zmq_relative_rpath": [f"{BUNDLE_DIR}/lib"],
        # an editable install of the extension is not next to the zmq package
        "editable_rpath": [str(bundle / "lib")],
    }


def find_libzmq() -> dict[str, list[str]]:
    """Settings for an extension of zmq to link the libzmq that zmq uses, or LibzmqNotFound.

    The libzmq the installed pyzmq-core bundles (see :func:`bundled_libzmq`),
    or else :func:`find_system_libzmq`'s.
    """
    prefix = os.environ.get("ZMQ_PREFIX")
    bundle = bundled_libzmq()
    if bundle is not None:
        if prefix and prefix != "bundled":
            raise LibzmqNotFound(
                f"ZMQ_PREFIX={prefix}, but the installed pyzmq-core bundles its own libzmq "
                f"({bundle}), which extensions must link: unset ZMQ_PREFIX"
            )
        return _bundled_settings(bundle)
    if prefix == "bundled":
        raise LibzmqNotFound(
            "ZMQ_PREFIX=bundled: the installed pyzmq-core bundles no libzmq to link; "
            "install pyzmq-core with ZMQ_PREFIX=bundled first"
        )
    return find_system_libzmq()


def find_system_libzmq() -> dict[str, list[str]]:
    """Compiler and linker settings for an installed libzmq, or LibzmqNotFound.

    The one under ``$ZMQ_PREFIX``, or the one ``pkg-config`` knows, or the
    one in the compiler's default folders. (pyzmq-core's own build handles
    ``ZMQ_PREFIX=bundled`` before this.)
    """
    prefix = os.environ.get("ZMQ_PREFIX")
    if prefix:
        include = Path(prefix) / "include"
        libdirs = [str(p) for p in (Path(prefix) / "lib", Path(prefix) / "lib64") if p.is_dir()]
        if not (include / "zmq.h").is_file():
            raise LibzmqNotFound(f"ZMQ_PREFIX={prefix} has no include/zmq.h. {INSTALL_HINT}")
        return {
            "include_dirs": [str(include)],
            "library_dirs": libdirs,
            "runtime_library_dirs": libdirs,
            "libraries": ["zmq"],
        }
    version = _pkg_config("--modversion")
    if version is None:
        for system_include in ("/usr/include", "/usr/local/include"):
            if Path(system_include, "zmq.h").is_file():
                return {
                    "include_dirs": [],
                    "library_dirs": [],
                    "libraries": ["zmq"],
                    "runtime_library_dirs": [],
                }
        raise LibzmqNotFound(f"libzmq was not found. {INSTALL_HINT}")
    found = tuple(int(part) for part in version.split(".")[:3] if part.isdigit())
    if found < MIN_LIBZMQ:
        raise LibzmqNotFound(f"libzmq {version} is too old. {INSTALL_HINT}")
    settings: dict[str, list[str]] = {
        "include_dirs": [],
        "library_dirs": [],
        "libraries": [],
        "runtime_library_dirs": [],
    }
    for flag in shlex.split(_pkg_config("--cflags", "--libs") or "-lzmq"):
        if flag.startswith("-I"):
            settings["include_dirs"].append(flag[2:])
        elif flag.startswith("-L"):
            settings["library_dirs"].append(flag[2:])
        elif flag.startswith("-l"):
            settings["libraries"].append(flag[2:])
    return settings


def build_extensions(
    root: str | os.PathLike[str],
    extensions: dict[str, str],
    version: str,
    build_data: dict[str, Any],
    workdir: str | os.PathLike[str],
    *,
    include_dirs: list[str] | None = None,
    define_macros: list[tuple[str, str]] | None = None,
    libzmq: dict[str, list[str]] | None = None,
) -> None:
    """Cythonize and compile ``extensions`` for a wheel or an editable install.

    Parameters
    ----------
    root : path
        The project's root (``self.root`` in the hook); ``src/`` is the
        Cython include path.
    extensions : dict
        Dotted module name -> ``.pyx`` path relative to ``root``.
    version : str
        The hook's build version: ``"editable"`` puts the compiled modules
        next to their sources, anything else maps them into the wheel.
    build_data : dict
        The hook's build data, updated with the compiled files.
    workdir : path
        A scratch directory the wheel's files are taken from: remove it in
        the hook's ``finalize``, not before.
    include_dirs, define_macros
        As for :class:`setuptools.Extension`; libzmq's own directories are
        added.
    libzmq : dict, optional
        libzmq's settings, as :func:`find_libzmq` gives them (its result by
        default). Besides the keys of :class:`setuptools.Extension`:
        ``zmq_relative_rpath``, folders relative to the installed ``zmq``
        package that each extension searches at run time, and
        ``editable_rpath``, folders an editable install searches too.

    Raises
    ------
    SystemExit
        If libzmq is not found: the build stops with one line saying how to
        install it.
    """
    if libzmq is None:
        libzmq = stop_if_missing(find_libzmq)

    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    root = Path(root)
    scratch = Path(workdir)
    modules = cythonize(  # type: ignore[no-untyped-call]
        [
            Extension(
                name,
                [str(root / source)],
                include_dirs=[
                    str(root / Path(source).parent),
                    *(include_dirs or []),
                    *libzmq["include_dirs"],
                ],
                library_dirs=libzmq["library_dirs"],
                runtime_library_dirs=_run_time_dirs(name, libzmq, version),
                libraries=libzmq["libraries"],
                define_macros=define_macros or [],
            )
            for name, source in extensions.items()
        ],
        include_path=[str(root / "src"), *(include_dirs or [])],
        build_dir=str(scratch / "c"),
        compiler_directives={"language_level": 3, "auto_pickle": False},
        quiet=True,
    )
    command = build_ext(Distribution({"ext_modules": modules}))
    command.build_lib = str(scratch / "lib")
    command.build_temp = str(scratch / "tmp")
    command.parallel = os.cpu_count() or 1
    command.ensure_finalized()
    command.run()
    for module in modules:
        built = Path(command.get_ext_fullpath(module.name))
        relative = built.relative_to(command.build_lib).as_posix()
        if version == "editable":
            shutil.copy2(built, root / "src" / relative)
        else:
            build_data["force_include"][str(built)] = relative
    build_data["pure_python"] = False
    build_data["infer_tag"] = True


def stop_if_missing(find: Callable[[], dict[str, list[str]]]) -> dict[str, list[str]]:
    """``find()``'s settings; if it raises LibzmqNotFound, the build stops.

    Raises
    ------
    SystemExit
        With one line that says what is missing and how to install it,
        instead of a compiler's "zmq.h: No such file".
    """
    try:
        return find()
    except LibzmqNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def _run_time_dirs(module: str, libzmq: dict[str, list[str]], version: str) -> list[str]:
    """The run-time search path of the extension ``module`` (a dotted name).

    A wheel installs the extension and the ``zmq`` package under the same
    folder, so a folder inside ``zmq`` is found relative to the extension's
    own ($ORIGIN): ``zmq.backend.cython._zmq`` looks in ``$ORIGIN/../../X``
    for ``zmq/X``.
    """
    origin = "@loader_path" if sys.platform == "darwin" else "$ORIGIN"
    package = posixpath.join(".", *module.split(".")[:-1])
    to_zmq = posixpath.relpath("zmq", package)
    dirs = [
        posixpath.join(origin, to_zmq, relative)
        for relative in libzmq.get("zmq_relative_rpath", [])
    ]
    if version == "editable":
        dirs += libzmq.get("editable_rpath", [])
    return dirs + libzmq["runtime_library_dirs"]


class CythonHookMixin:
    """Compile Cython extensions from a hatchling build hook.

    Mix it into a ``BuildHookInterface`` subclass and call
    :meth:`compile_extensions` from its ``initialize``; the scratch directory
    is removed in ``finalize``. (Not a BuildHookInterface itself, so that this
    module imports without hatchling.)
    """

    root: str
    target_name: str
    _workdir: str | None = None

    def compile_extensions(
        self,
        extensions: dict[str, str],
        version: str,
        build_data: dict[str, Any],
        **options: Any,
    ) -> None:
        """Build ``extensions`` for a wheel (not an sdist); see :func:`build_extensions`."""
        if self.target_name != "wheel":
            return
        self._workdir = tempfile.mkdtemp(prefix="zmq-cython-build-")
        build_extensions(self.root, extensions, version, build_data, self._workdir, **options)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
