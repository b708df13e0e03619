"""Compile Cython extensions in a hatchling build hook.

pyzmq-core builds its backend with this, and so can any distribution with
Cython code that cimports zmq (pyzmq-devices does): call
:func:`build_extensions` from the ``initialize`` method of a hatchling
``BuildHookInterface``, with ``zmq.get_includes()`` in ``include_dirs``.

This module imports nothing from zmq, so that pyzmq-core's own build can load
it from its sources, before zmq is compiled.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CythonHookMixin", "LibzmqNotFound", "build_extensions", "find_libzmq"]

MIN_LIBZMQ = (4, 3, 0)
INSTALL_HINT = (
    "pyzmq-core needs libzmq >= 4.3 and its development files. Install them "
    "(Debian/Ubuntu: apt-get install libzmq3-dev; Fedora: dnf install zeromq-devel; "
    "macOS: brew install zeromq) or set ZMQ_PREFIX to where libzmq is installed."
)


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


def find_libzmq() -> dict[str, list[str]]:
    """Compiler and linker settings for libzmq, or LibzmqNotFound."""
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
        added (see :func:`find_libzmq`).

    Raises
    ------
    SystemExit
        If libzmq is not found: the build stops with one line saying how to
        install it.
    """
    try:
        libzmq = find_libzmq()
    except LibzmqNotFound as error:
        # one clear line instead of a compiler's "zmq.h: No such file"
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None

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
                runtime_library_dirs=libzmq["runtime_library_dirs"],
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
