"""Sphinx configuration of the pyzmq documentation (built by tools/docs)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import zmq

project = "pyzmq"
copyright = "the pyzmq developers"
release = zmq.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "myst_parser",
    "zmq_api",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "README.md", "examples"]

# the docstrings are numpy style
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True
# A bare "Socket" in a docstring's types means zmq's: say so, instead of leaving
# Sphinx to choose between zmq.Socket, zmq.asyncio.Socket, ...
napoleon_preprocess_types = True
napoleon_type_aliases = {
    name: f":class:`zmq.{name}`"
    for name in ("Context", "Socket", "Frame", "Poller", "MessageTracker", "ZMQError")
}

# the first line of a compiled method's docstring is its signature
autodoc_docstring_signature = True
autodoc_member_order = "groupwise"
# the numpy docstrings give the types; annotations in signatures would also make
# Sphinx guess what "type" or "Socket" means among every documented attribute
autodoc_typehints = "none"
autodoc_class_signature = "mixed"
# the changelogs' headings are Markdown; let references to them resolve
myst_heading_anchors = 2

html_theme = "furo"
html_title = f"pyzmq {release}"
html_static_path: list[str] = []
