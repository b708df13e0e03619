"""Errors for optional dependencies that are not installed."""

from __future__ import annotations


def missing_dependency(module: str, install: str, purpose: str) -> ImportError:
    """An ImportError that says which package to install, and how.

    Parameters
    ----------
    module : str
        The module that could not be imported.
    install : str
        The command that installs it.
    purpose : str
        What needs it, to start the message with.
    """
    return ImportError(f"{purpose} needs {module}, which is not installed: {install}", name=module)
