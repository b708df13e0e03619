# Socket options: how each one's value travels, from one table.
#
# The table is built once, at import, from zmq.constants.SocketOption (the one
# source of truth), into a C array indexed by option number, so a get or set
# never builds an enum object.

from libc.stdint cimport int64_t
from cpython.object cimport PyObject
from cpython.number cimport PyIndex_Check

from zmq.backend.cython.libzmq cimport (
    pyzmq_fd_t, zmq_getsockopt, zmq_setsockopt, zmq_has as c_zmq_has,
)

from zmq.constants import (
    DRAFT_SOCKET_OPTIONS as _DRAFT_SOCKET_OPTIONS,
    SocketOption as _SocketOption,
    SocketType as _SocketType,
    _OptType,
)

cdef enum _OptionKind:
    OPT_INT = 0
    OPT_INT64
    OPT_BYTES
    OPT_FD

cdef enum:
    _OPTION_TABLE_SIZE = 256
    # the longest value a bytes option can have when read (a long ipc LAST_ENDPOINT)
    _BYTES_OPTION_MAX = 1024
    _Z85_KEY_BUFFER = 41

cdef unsigned char _option_kinds[_OPTION_TABLE_SIZE]

for _opt in _SocketOption:
    _option_kinds[int(_opt)] = {
        _OptType.int: OPT_INT, _OptType.int64: OPT_INT64,
        _OptType.bytes: OPT_BYTES, _OptType.fd: OPT_FD,
    }[_opt._opt_type]
del _opt


cdef inline _OptionKind _option_kind(int option) noexcept:
    if 0 <= option < _OPTION_TABLE_SIZE:
        return <_OptionKind>_option_kinds[option]
    return OPT_INT


cdef inline bint _is_curve_key(int option) noexcept:
    return (
        option == ZMQ_CURVE_PUBLICKEY
        or option == ZMQ_CURVE_SECRETKEY
        or option == ZMQ_CURVE_SERVERKEY
    )


cdef str _option_name(int option):
    try:
        return _SocketOption(option).name
    except ValueError:
        return str(option)


cdef str _socket_type_name(int socket_type):
    try:
        return _SocketType(socket_type).name
    except ValueError:
        return str(socket_type)


cdef object _option_error(int errnum, int option, int socket_type, str action):
    """The exception for a failed get or set, naming the option and the socket."""
    name = _option_name(option)
    if errnum == EINVAL and not c_zmq_has("draft"):
        try:
            if _SocketOption(option) in _DRAFT_SOCKET_OPTIONS:
                return _DraftAPIError(errnum, f"Socket option {name}")
        except ValueError:
            pass
    if option == _SocketOption.HWM:
        # libzmq 2's option, which libzmq 3 split in two; PyZMQ fails alike
        name = "HWM (set SNDHWM and RCVHWM, or use the hwm attribute)"
    return _error(errnum, f"{action} {name} on a {_socket_type_name(socket_type)} socket")


cdef int _set_option(void *handle, int option, object value, int socket_type) except -1:
    """zmq_setsockopt with the value converted as the option's type requires."""
    cdef _OptionKind kind = _option_kind(option)
    cdef int int_value
    cdef int64_t int64_value
    cdef Py_buffer view
    cdef int rc
    cdef int errnum
    if kind == OPT_BYTES:
        if isinstance(value, str):
            raise TypeError(
                f"socket option {_option_name(option)} takes bytes, not str: "
                "encode it, or use set_string"
            )
        if not isinstance(value, bytes):
            _get_buffer(value, &view, 0)
            try:
                rc = zmq_setsockopt(handle, option, view.buf, view.len)
                errnum = c_zmq_errno()
            finally:
                PyBuffer_Release(&view)
        else:
            rc = zmq_setsockopt(handle, option, <char *>value, len(<bytes>value))
            errnum = c_zmq_errno()
    elif not PyIndex_Check(value):
        raise TypeError(
            f"socket option {_option_name(option)} takes an int, "
            f"got {type(value).__name__}: {value!r}"
        )
    elif kind == OPT_INT64:
        int64_value = value
        rc = zmq_setsockopt(handle, option, &int64_value, sizeof(int64_t))
        errnum = c_zmq_errno()
    else:
        int_value = value
        rc = zmq_setsockopt(handle, option, &int_value, sizeof(int))
        errnum = c_zmq_errno()
    if rc != 0:
        raise _option_error(errnum, option, socket_type, "setting")
    return 0


cdef object _get_option(void *handle, int option, int socket_type):
    """zmq_getsockopt, returning the value as the option's type gives it."""
    cdef _OptionKind kind = _option_kind(option)
    cdef int int_value = 0
    cdef int64_t int64_value = 0
    cdef pyzmq_fd_t fd_value = 0
    cdef char bytes_value[_BYTES_OPTION_MAX]
    cdef size_t size
    cdef int rc
    if kind == OPT_INT:
        size = sizeof(int)
        rc = zmq_getsockopt(handle, option, &int_value, &size)
        if rc == 0:
            return int_value
    elif kind == OPT_INT64:
        size = sizeof(int64_t)
        rc = zmq_getsockopt(handle, option, &int64_value, &size)
        if rc == 0:
            return int64_value
    elif kind == OPT_FD:
        size = sizeof(pyzmq_fd_t)
        rc = zmq_getsockopt(handle, option, &fd_value, &size)
        if rc == 0:
            return fd_value
    else:
        # libzmq gives CURVE keys in Z85 only to a buffer of exactly 41 bytes
        size = _Z85_KEY_BUFFER if _is_curve_key(option) else _BYTES_OPTION_MAX
        rc = zmq_getsockopt(handle, option, bytes_value, &size)
        if rc == 0:
            # string options come back NUL-terminated; a routing id is binary
            if size and bytes_value[size - 1] == 0 and option != ZMQ_ROUTING_ID:
                size -= 1
            return bytes_value[:size]
    raise _option_error(c_zmq_errno(), option, socket_type, "getting")
