"""Print the log records a PUBHandler publishes: ``python -m zmq.log --help``."""

import sys

from zmq.log.cli import main

if __name__ == "__main__":
    sys.exit(main())
