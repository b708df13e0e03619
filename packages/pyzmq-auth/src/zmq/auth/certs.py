"""CURVE certificates: create key pairs as files, and read them back.

Also a command line: ``python -m zmq.auth.certs NAME [NAME ...]`` creates
``NAME.key`` (public) and ``NAME.key_secret`` (secret) for each NAME.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ._certificates import (
    PUBLIC_SUFFIX,
    SECRET_SUFFIX,
    create_certificates,
    is_file_name,
    load_certificate,
    load_certificates,
    metadata_problem,
)

__all__ = ["create_certificates", "load_certificate", "load_certificates"]


def _metadata_item(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, not {text!r}")
    problem = metadata_problem(name, value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return name, value


def _certificate_name(text: str) -> str:
    if not is_file_name(text):
        raise argparse.ArgumentTypeError(f"a file name without directories, not {text!r}")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{os.path.basename(sys.executable)} -m zmq.auth.certs",
        description=(
            f"Create CURVE key pairs as certificate files: NAME{PUBLIC_SUFFIX} holds the "
            f"public key, to give to peers; NAME{SECRET_SUFFIX} holds the secret key too, "
            "and only its owner can read it."
        ),
    )
    parser.add_argument(
        "names",
        nargs="+",
        type=_certificate_name,
        metavar="NAME",
        help="base name of a certificate",
    )
    parser.add_argument(
        "-d",
        "--directory",
        default=".",
        help="where to write the files, created if missing (default: the current directory)",
    )
    parser.add_argument(
        "-m",
        "--metadata",
        action="append",
        type=_metadata_item,
        default=[],
        metavar="NAME=VALUE",
        help="a metadata property to store in the certificates (repeatable)",
    )
    parser.add_argument(
        "-f", "--force", action="store_true", help="replace certificates that exist already"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        The arguments; ``sys.argv[1:]`` by default.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    metadata = dict(args.metadata)
    if not args.force:
        existing = [
            path
            for name in args.names
            for path in (
                os.path.join(args.directory, name + PUBLIC_SUFFIX),
                os.path.join(args.directory, name + SECRET_SUFFIX),
            )
            if os.path.exists(path)
        ]
        if existing:
            parser.error(f"refusing to replace {', '.join(existing)}: use --force to do so")
    try:
        os.makedirs(args.directory, exist_ok=True)
    except OSError as error:
        parser.exit(1, f"{parser.prog}: cannot create the directory: {error}\n")
    for name in args.names:
        try:
            public_file, secret_file = create_certificates(args.directory, name, metadata)
        except (OSError, ValueError) as error:
            parser.exit(1, f"{parser.prog}: cannot create {name!r}: {error}\n")
        print(f"public certificate: {public_file}")
        print(f"secret certificate: {secret_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
