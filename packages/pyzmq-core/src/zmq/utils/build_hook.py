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
import shutil
from pathlib import Path
from typing import Any

__all__ = ["build_extensions"]


def build_extensions(
    root: str | os.PathLike[str],
    extensions: dict[str, str],
    version: str,
    build_data: dict[str, Any],
    workdir: str | os.PathLike[str],
    *,
    include_dirs: list[str] | None = None,
    library_dirs: list[str] | None = None,
    runtime_library_dirs: list[str] | None = None,
    libraries: list[str] | None = None,
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
    include_dirs, library_dirs, runtime_library_dirs, libraries, define_macros
        As for :class:`setuptools.Extension`.
    """
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    root = Path(root)
    scratch = Path(workdir)
    modules = cythonize(
        [
            Extension(
                name,
                [str(root / source)],
                include_dirs=[str(root / Path(source).parent), *(include_dirs or [])],
                library_dirs=library_dirs or [],
                runtime_library_dirs=runtime_library_dirs or [],
                libraries=libraries or [],
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
