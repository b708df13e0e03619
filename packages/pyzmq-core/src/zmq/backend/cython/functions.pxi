# Module functions: versions, capabilities, CURVE keys.

from zmq.backend.cython.libzmq cimport (
    zmq_curve_keypair, zmq_curve_public, zmq_version as c_zmq_version,
)

#: whether this build of pyzmq-core enables libzmq's draft API
PYZMQ_DRAFT_API = bool(_DRAFT_BUILD)


def zmq_version_info():
    """zmq_version_info()

    Return the version of the linked libzmq as a tuple of ints.

    Returns
    -------
    tuple of int
        ``(major, minor, patch)``
    """
    cdef int major = 0, minor = 0, patch = 0
    c_zmq_version(&major, &minor, &patch)
    return (major, minor, patch)


def has(capability):
    """has(capability)

    Whether the linked libzmq supports a capability.

    Parameters
    ----------
    capability : str
        ``'ipc'``, ``'pgm'``, ``'tipc'``, ``'norm'``, ``'curve'``,
        ``'gssapi'`` or ``'draft'``.

    Returns
    -------
    bool
        False for capabilities libzmq does not know. ``'draft'`` is about
        libzmq alone: :data:`zmq.DRAFT_API` says whether pyzmq-core uses it.
    """
    if isinstance(capability, str):
        capability = capability.encode("utf-8")
    if not isinstance(capability, bytes):
        raise TypeError(f"capability must be str, got {type(capability).__name__}")
    return bool(c_zmq_has(capability))


def curve_keypair():
    """curve_keypair()

    Make a new CURVE key pair.

    Returns
    -------
    (public, secret) : tuple of bytes
        Both Z85-encoded (40 bytes each).

    Raises
    ------
    zmq.ZMQError
        ENOTSUP if libzmq was built without CURVE.
    """
    cdef char public_key[41]
    cdef char secret_key[41]
    if zmq_curve_keypair(public_key, secret_key) != 0:
        raise _error(c_zmq_errno(), "making a CURVE key pair (is libzmq built with CURVE?)")
    return public_key[:40], secret_key[:40]


def curve_public(secret_key):
    """curve_public(secret_key)

    Compute the public key of a CURVE secret key.

    Parameters
    ----------
    secret_key : bytes or str
        The Z85-encoded secret key (40 characters).

    Returns
    -------
    bytes
        The Z85-encoded public key.
    """
    cdef char public_key[41]
    cdef object position = None
    if isinstance(secret_key, str):
        try:
            secret_key = secret_key.encode("ascii")
        except UnicodeEncodeError as error:
            position = error.start
        if position is not None:
            # raised out of the except block: the UnicodeEncodeError holds the
            # whole key, and must not travel on as the context
            raise ValueError(
                f"a Z85-encoded CURVE secret key is ASCII, got a character that is not "
                f"at position {position}"
            )
    if not isinstance(secret_key, bytes):
        raise TypeError(f"secret_key must be bytes, got {type(secret_key).__name__}")
    if len(secret_key) != 40:
        raise ValueError(
            f"a Z85-encoded CURVE secret key is 40 bytes long, got {len(secret_key)}"
        )
    if zmq_curve_public(public_key, secret_key) != 0:
        raise _error(c_zmq_errno(), "computing a CURVE public key")
    return public_key[:40]
