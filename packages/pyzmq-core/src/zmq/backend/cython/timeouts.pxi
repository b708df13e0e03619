# Timeouts given to blocking and awaitable calls: one check, so that every
# call refuses the same bad values with the same errors (zmq.integration
# re-exports it for the event-loop integrations).

from libc.math cimport isinf, isnan


cpdef bint waits_forever(object timeout) except -1:
    """waits_forever(timeout)

    Whether ``timeout`` (None or a number) means no limit: None or negative.

    A non-number, NaN or infinity is refused: NaN would never expire, and
    infinity cannot be converted to the C integers libzmq takes.
    """
    if timeout is None:
        return True
    try:
        if timeout < 0:
            return True
    except TypeError:
        raise TypeError(
            f"timeout must be a number or None, got {type(timeout).__name__}"
        ) from None
    # only floats can be NaN or infinite: ints pass without these tests
    if isinstance(timeout, float):
        if isnan(<double>timeout):
            raise ValueError("timeout must be a number, not NaN")
        if isinf(<double>timeout):
            raise OverflowError("timeout must be finite (None waits forever)")
    return False
