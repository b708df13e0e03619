"""The extensions use only the core's public seam: no private name of pyzmq-core.

A private rename in a 27.x core must never break a separately published
extension, so no extension's source (``.py``, ``.pyx``, ``.pxd``, ``.pxi``)
may use one: import a private module or name from the core
(``zmq.sugar._x``, ``from zmq.backend import _y``), spell a dotted path to one
(``zmq.backend.cython._zmq._z``, also in strings given to importlib), or read
an attribute the core names privately (``socket._h``,
``Socket._add_edge_hook``) that the extension does not define itself.

The check reads the sources of the repository's distributions, whichever are
installed; it fails if it finds none of them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGES = Path(__file__).resolve().parents[1] / "packages"
CORE = PACKAGES / "pyzmq-core" / "src" / "zmq"
EXTENSIONS = ("devices", "auth", "green", "ssh", "log", "anyio")
SOURCE_SUFFIXES = (".py", ".pyx", ".pxd", ".pxi")
CYTHON_SUFFIXES = (".pyx", ".pxd", ".pxi")

PRIVATE_IDENTIFIER = re.compile(r"\b_\w+")
ATTRIBUTE = re.compile(r"\.\s*(_\w+)")
DOTTED_ZMQ_PATH = re.compile(r"\bzmq(?:\.\w+)+")
CYTHON_IMPORT = re.compile(
    r"^\s*(?:from\s+(zmq[\w.]*)\s+c?import\s+(\([^)]*\)|[^\n]*)|c?import\s+(zmq[\w.]*))",
    re.MULTILINE,
)
# a name declared by Cython code: a function, a class, a struct or enum, a field
CYTHON_DECLARATION = re.compile(
    r"^\s*(?:cdef|cpdef|def|class|ctypedef)\b[^(:=\n]*?\b(_\w+)\s*(?:[(:=\[]|$)", re.MULTILINE
)
CYTHON_STORE = re.compile(r"\.(_\w+)\s*=(?!=)")


class Use(NamedTuple):
    path: Path
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def is_private(name: str) -> bool:
    """``_name``, not ``__dunder__`` nor the throwaway ``_``."""
    dunder = name.startswith("__") and name.endswith("__")
    return name.startswith("_") and name != "_" and not dunder


def without_comments(text: str) -> str:
    """``text`` with ``#`` comments blanked (strings keep their text)."""
    return re.sub(r"(?m)^(\s*)#.*$|\s+#(?![^\"'\n]*[\"']).*$", r"\1", text)


def source_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts
    )


def core_private_names(core: Path = CORE) -> frozenset[str]:
    """Every private identifier the core's sources mention (stubs included)."""
    names: set[str] = set()
    for path in core.rglob("*"):
        # the parts below zmq/ only: a checkout's own folder may have an extension's name
        inside = set(path.relative_to(core).parts)
        if path.suffix in (*SOURCE_SUFFIXES, ".pyi") and not inside & set(EXTENSIONS):
            text = without_comments(path.read_text(encoding="utf-8"))
            names.update(name for name in PRIVATE_IDENTIFIER.findall(text) if is_private(name))
    return frozenset(names)


def defined_attributes(files: list[Path]) -> frozenset[str]:
    """The private attribute names a distribution defines itself: its classes'
    methods and class attributes, attributes it assigns, Cython declarations."""
    names: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix in CYTHON_SUFFIXES:
            code = without_comments(text)
            names.update(CYTHON_DECLARATION.findall(code))
            names.update(CYTHON_STORE.findall(code))
            continue
        for node in ast.walk(ast.parse(text, str(path))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    targets = (
                        item.targets
                        if isinstance(item, ast.Assign)
                        else [item.target]
                        if isinstance(item, ast.AnnAssign)
                        else []
                    )
                    names.update(t.id for t in targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return frozenset(name for name in names if is_private(name))


def is_foreign(module: str, package: str) -> bool:
    """Whether the dotted ``module`` of zmq is not the extension ``package``'s own."""
    own = f"zmq.{package}"
    return module != own and not module.startswith(own + ".")


def private_module_uses(module: str, names: list[str], package: str) -> list[str]:
    """What importing ``names`` from ``module`` (or ``module`` itself) takes privately."""
    if module.split(".")[0] != "zmq" or not is_foreign(module, package):
        return []
    found = [module] if any(is_private(part) for part in module.split(".")) else []
    return found + [f"{module}.{name}" for name in names if is_private(name)]


def python_import_uses(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            taken = private_module_uses(node.module, [alias.name for alias in node.names], package)
        elif isinstance(node, ast.Import):
            taken = [
                use for alias in node.names for use in private_module_uses(alias.name, [], package)
            ]
        else:
            continue
        uses += [(node.lineno, use) for use in taken]
    return uses


def cython_import_uses(code: str, package: str) -> list[tuple[int, str]]:
    uses = []
    for match in CYTHON_IMPORT.finditer(code):
        line = code.count("\n", 0, match.start()) + 1
        module = match.group(1) or match.group(3)
        names = re.findall(r"\w+", re.sub(r"\bas\s+\w+", "", match.group(2) or ""))
        uses += [(line, use) for use in private_module_uses(module, names, package)]
    return uses


def private_uses(
    package: str, files: list[Path], core_names: frozenset[str] = frozenset()
) -> list[Use]:
    """Every use of a private name of the core (or of another distribution) in
    the files of the extension ``package``."""
    core_names = core_names or core_private_names()
    own = defined_attributes(files)
    uses: list[Use] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        code = without_comments(text)
        if path.suffix in CYTHON_SUFFIXES:
            found = cython_import_uses(code, package)
            attributes = [
                (code.count("\n", 0, match.start()) + 1, match.group(1))
                for match in ATTRIBUTE.finditer(code)
            ]
        else:
            tree = ast.parse(text, str(path))
            found = python_import_uses(tree, package)
            attributes = [
                (node.lineno, node.attr)
                for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and is_private(node.attr)
            ]
        found += [
            (line, f"attribute .{name}")
            for line, name in attributes
            if name in core_names and name not in own
        ]
        for match in DOTTED_ZMQ_PATH.finditer(code):
            dotted = match.group(0)
            if is_foreign(dotted, package) and any(map(is_private, dotted.split("."))):
                found.append((code.count("\n", 0, match.start()) + 1, dotted))
        uses += [Use(path, line, what) for line, what in sorted(set(found))]
    return uses


def extension_sources(package: str) -> list[Path]:
    return source_files(PACKAGES / f"pyzmq-{package}" / "src" / "zmq" / package)


def test_the_sources_are_found() -> None:
    """The check below reads real files: each extension's, and the core's names."""
    for package in EXTENSIONS:
        files = extension_sources(package)
        assert any(path.name == "__init__.py" for path in files), package
    assert any(path.suffix == ".pyx" for path in extension_sources("devices"))
    # names of the core's that stay private, whatever the core makes public
    assert {"_h", "_type", "_unusable_error", "_error", "_claim"} <= core_private_names()


@pytest.mark.parametrize("package", EXTENSIONS)
def test_extensions_use_no_private_name_of_the_core(package: str) -> None:
    uses = private_uses(package, extension_sources(package))
    assert not uses, "private names of the core used:\n" + "\n".join(map(str, uses))


SAMPLE_PY = '''\
"""Uses of private names of the core, one a line, then public ones."""
import importlib

import zmq
import zmq.sugar._hidden
from zmq import _waits_forever
from zmq.backend import Socket as _SocketBase
from zmq.sugar.socket import _private_helper
from zmq.backend.cython._zmq import Socket

add_hook = _SocketBase._add_edge_hook
busy = zmq.Socket._busy
error = importlib.import_module("zmq.backend.cython._zmq")._error


class Own:
    _kind = 1

    def _helper(self):
        self._closed_here = True
        return self._kind, self._helper, self._closed_here


from zmq.sample import _own_module
from zmq.sample._own import helper
from zmq.error import ZMQError
from zmq import __all__ as zmq_names
value = zmq.Socket.closed
'''

SAMPLE_PYX = """\
from zmq cimport Socket, libzmq, socket_handle
from zmq.backend.cython._zmq cimport Socket, _claim
from zmq.backend.cython._zmq cimport (
    Socket,
    _release,
)
cimport zmq.backend.cython._zmq

cdef void *ptr(Socket socket):
    return socket._h.ptr
cdef int kind(Socket socket):
    return socket._type

cdef int _own_helper(Socket socket):
    # socket._h in a comment is no use
    return socket_handle(socket) != NULL
"""


def test_the_check_finds_private_uses(tmp_path: Path) -> None:
    """Each private use in a sample is found, at its line; the public ones are not."""
    (tmp_path / "sample.py").write_text(SAMPLE_PY)
    (tmp_path / "sample.pyx").write_text(SAMPLE_PYX)
    files = source_files(tmp_path)
    core_names = core_private_names() | {"_add_edge_hook", "_busy", "_error"}
    found = {(use.path.name, use.line) for use in private_uses("sample", files, core_names)}
    python_lines = set(range(5, 10)) | set(range(11, 14))
    expected = {("sample.py", line) for line in python_lines - {7}}
    expected |= {("sample.pyx", line) for line in (2, 3, 7, 10, 12)}
    assert found == expected
