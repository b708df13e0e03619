"""Make a CURVE key pair, or the public key of a secret one, on the command line.

Usage::

    python3 -m zmq.curve_keygen [--json] [--secret SECRET]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import zmq
from zmq.utils import z85

__all__ = ["main"]

PROG = "python3 -m zmq.curve_keygen"

DESCRIPTION = """\
Print a new CURVE key pair: a 'public' key to give to peers and a 'secret'
key to keep. With --secret, print the public key of an existing secret key
instead of making a new pair. Keys are Z85 text (40 printable characters).
"""


def main(argv: Sequence[str] | None = None) -> None:
    """main(argv=None)

    Run the command: print a key pair on standard output.

    Parameters
    ----------
    argv : sequence of str, optional
        The command-line arguments (default: ``sys.argv[1:]``).

    Raises
    ------
    SystemExit
        After ``--help``, and on errors (status 2 for a bad argument or
        secret key, 1 if libzmq cannot make CURVE keys).
    """
    parser = _parser()
    options = parser.parse_args(argv)
    try:
        if options.secret is None:
            public, secret = zmq.curve_keypair()
        else:
            secret = _z85_secret(parser, options.secret)
            public = zmq.curve_public(secret)
    except zmq.ZMQError as e:
        parser.exit(1, f"{PROG}: error: libzmq could not make the key: {e}\n")
    keys = {"public": public.decode("ascii"), "secret": secret.decode("ascii")}
    if options.json:
        print(json.dumps(keys, indent=1))
    else:
        print(f"== CURVE PUBLIC KEY ==\n{keys['public']}\n")
        print(f"== CURVE SECRET KEY ==\n{keys['secret']}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    parser.add_argument("--json", action="store_true", help="print the keys as a JSON object")
    parser.add_argument(
        "--secret", help="a secret key (Z85) to print the public key of, instead of a new pair"
    )
    return parser


def _z85_secret(parser: argparse.ArgumentParser, text: str) -> bytes:
    """The secret key given on the command line, checked: 32 bytes in Z85."""
    # Z85 has no whitespace: what surrounds a pasted key is not part of it
    text = text.strip()
    if len(text) != 40:
        parser.error(f"--secret must be a 40-character Z85 key, not {len(text)} characters")
    try:
        z85.decode(text)
    except ValueError as e:
        parser.error(f"--secret is not a Z85 key: {e}")
    return text.encode("ascii")


if __name__ == "__main__":
    main()
