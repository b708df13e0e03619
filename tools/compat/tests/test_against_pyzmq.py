"""The harness itself: every scenario on this project and on real PyZMQ 27.

The reference interpreter is installed from the package index on first use
(tools/reference_pyzmq.py). Every difference must be fixed or listed in
intentional.toml.
"""

from __future__ import annotations

import check
import pytest


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_no_difference_from_pyzmq_that_is_not_listed() -> None:
    assert check.main([]) == 0
