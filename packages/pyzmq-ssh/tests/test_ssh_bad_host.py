"""A host name that does not resolve, with both backends.

Resolving a name may ask a DNS server, and these tests contact nothing but
loopback: the tunnel is attempted in a child process inside a new network
namespace, which has no interface up, so no query can leave the machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from typing import Any

import pytest

ATTEMPT = """
import json, time
from zmq.ssh import tunnel

start = time.monotonic()
try:
    tunnel.open_tunnel("tcp://127.0.0.1:5555", "root@no-such-host.invalid", paramiko={paramiko})
except Exception as error:
    print(json.dumps([type(error).__name__, str(error), time.monotonic() - start]))
"""


@pytest.mark.parametrize(
    ("use_paramiko", "expected"), [(False, "RuntimeError"), (True, "gaierror")]
)
def test_unresolvable_host_fails_fast_and_names_the_server(
    ssh: Any, use_paramiko: bool, expected: str
) -> None:
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is needed"
    result = subprocess.run(
        [unshare, "--net", sys.executable, "-c", ATTEMPT.format(paramiko=use_paramiko)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    kind, message, seconds = json.loads(result.stdout)
    assert kind == expected
    assert "no-such-host.invalid" in message
    assert seconds < 10
