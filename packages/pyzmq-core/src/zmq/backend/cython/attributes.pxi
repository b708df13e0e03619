# Options as attributes: ``s.linger = 5`` is ``s.set(zmq.LINGER, 5)`` and
# ``s.linger`` is ``s.get(zmq.LINGER)``, for the compiled Socket and for the
# Python layer's AttributeSetter (Context, Frame's options), which import these.

import zmq.constants as _constants


cpdef bint _is_declared(object obj, str name) except -1:
    """Whether ``name`` may be set as a plain attribute of ``obj``: already set
    on it, or declared by its class (in the class body or an annotation).

    Socket.__setattr__ and zmq.sugar.attrsettr's AttributeSetter both ask, so
    that a misspelt option fails loudly instead of being stored silently.
    """
    instance_dict = getattr(obj, "__dict__", None)
    if instance_dict is not None and name in instance_dict:
        return True
    for cls in type(obj).__mro__:
        if name in cls.__dict__ or name in getattr(cls, "__annotations__", ()):
            return True
    return False


cdef object _read_error(str name, object error):
    """What reading the option attribute ``name`` raises when the get failed
    with ``error`` (a ZMQError), for Socket's and AttributeSetter's attributes.

    EINVAL or EFAULT mean the option cannot be read (write-only, or not an
    option of this object): an AttributeError, as in PyZMQ, so that
    ``hasattr()`` and ``unittest.mock.Mock(spec=obj)`` work.
    """
    if error.errno in (EINVAL, EFAULT) and not isinstance(error, _UnusableContextError):
        return AttributeError(f"{name} attribute is write-only or not readable here ({error})")
    return error


cpdef object _option_attribute(object obj, str key, object get):
    """``obj.<key>`` read as the option of that name, with ``get(name, option)``."""
    upper_key = key.upper()
    option = getattr(_constants, upper_key, None)
    if option is None or key.startswith("_"):
        raise AttributeError(f"{type(obj).__name__} has no such option: {upper_key}")
    try:
        return get(upper_key, option)
    except ZMQError as error:
        failure = _read_error(key, error)
    raise failure
