"""tools/valgrind_errors.py counts the memory errors in zmq's code, and only those."""

from __future__ import annotations

from pathlib import Path

import valgrind_errors

PYTHON_ONLY = """==7== Conditional jump or move depends on uninitialised value(s)
==7==    at 0x4B2C1A: gc_collect_main (gcmodule.c:1234)
==7==    by 0x4B3D00: Py_FinalizeEx (pylifecycle.c:1800)"""

WITH_DEBUG_INFO = """==7== Invalid read of size 8
==7==    at 0x6180C97: __pyx_pf_3zmq_7backend_6cython_4_zmq_5Frame_4bytes (_zmq.c:12345)
==7==    by 0x4C0000: _PyObject_Call (call.c:100)
==7==  Address 0x5a0 is 16 bytes inside a block of size 64 free'd
==7==    at 0x483CA3F: free (vg_replace_malloc.c:540)
==7==    by 0x4A1111: bytes_dealloc (bytesobject.c:1400)"""

WITHOUT_DEBUG_INFO = """==7== Invalid write of size 4
==7==    at 0x6180C97: ??? (in /venv/zmq/backend/cython/_zmq.cpython-311-x86_64-linux-gnu.so)
==7==    by 0x4C0000: _PyObject_Call (call.c:100)"""

IN_LIBZMQ = """==7== Invalid read of size 1
==7==    at 0x5E00000: ??? (in /usr/lib/x86_64-linux-gnu/libzmq.so.5.2.4)"""


def log(*blocks: str) -> str:
    return "==7== Memcheck\n==7== \n" + "\n==7== \n".join(blocks) + "\n==7== \n"


def test_errors_in_python_alone_do_not_count() -> None:
    assert valgrind_errors.errors(log(PYTHON_ONLY)) == []


def test_errors_through_zmq_count_with_or_without_debug_info() -> None:
    found = valgrind_errors.errors(
        log(PYTHON_ONLY, WITH_DEBUG_INFO, WITHOUT_DEBUG_INFO, IN_LIBZMQ)
    )
    assert found == [WITH_DEBUG_INFO, WITHOUT_DEBUG_INFO, IN_LIBZMQ]


def test_main_fails_on_any_error(tmp_path: Path, capsys) -> None:
    clean, dirty = tmp_path / "clean.log", tmp_path / "dirty.log"
    clean.write_text(log(PYTHON_ONLY))
    dirty.write_text(log(PYTHON_ONLY, WITH_DEBUG_INFO))
    assert valgrind_errors.main(str(clean)) == 0
    assert valgrind_errors.main(str(dirty)) == 1
    assert "1 memory error(s) in zmq's code" in capsys.readouterr().out
