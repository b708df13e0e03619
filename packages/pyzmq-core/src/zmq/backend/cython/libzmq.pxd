# The C API of libzmq, as the compiled layer (and downstream Cython code) uses it.
# Every libzmq symbol used from Cython is declared here and nowhere else.

from libc.stdint cimport int64_t, uint8_t, uint32_t

cdef extern from "zmq_compat.h" nogil:
    enum: PYZMQ_DRAFT_API
    enum: ZMQ_VERSION_MAJOR, ZMQ_VERSION_MINOR, ZMQ_VERSION_PATCH, ZMQ_VERSION

    # errors
    enum: ZMQ_HAUSNUMERO
    enum: EFSM, ENOCOMPATPROTO, ETERM, EMTHREAD
    int zmq_errno()
    const char *zmq_strerror(int errnum)
    void zmq_version(int *major, int *minor, int *patch)
    int zmq_has(const char *capability)

    # contexts
    enum: ZMQ_IO_THREADS, ZMQ_MAX_SOCKETS, ZMQ_SOCKET_LIMIT, ZMQ_THREAD_PRIORITY
    enum: ZMQ_THREAD_SCHED_POLICY, ZMQ_MAX_MSGSZ, ZMQ_MSG_T_SIZE
    enum: ZMQ_THREAD_AFFINITY_CPU_ADD, ZMQ_THREAD_AFFINITY_CPU_REMOVE, ZMQ_THREAD_NAME_PREFIX
    enum: ZMQ_THREAD_PRIORITY_DFLT, ZMQ_THREAD_SCHED_POLICY_DFLT
    void *zmq_ctx_new()
    int zmq_ctx_term(void *context)
    int zmq_ctx_shutdown(void *context)
    int zmq_ctx_set(void *context, int option, int optval)
    int zmq_ctx_get(void *context, int option)

    # messages
    ctypedef struct zmq_msg_t:
        pass
    ctypedef void zmq_free_fn(void *data, void *hint)
    enum: ZMQ_MORE, ZMQ_SRCFD, ZMQ_SHARED
    int zmq_msg_init(zmq_msg_t *msg)
    int zmq_msg_init_size(zmq_msg_t *msg, size_t size)
    int zmq_msg_init_data(zmq_msg_t *msg, void *data, size_t size, zmq_free_fn *ffn, void *hint)
    int zmq_msg_send(zmq_msg_t *msg, void *s, int flags)
    int zmq_msg_recv(zmq_msg_t *msg, void *s, int flags)
    int zmq_msg_close(zmq_msg_t *msg)
    int zmq_msg_move(zmq_msg_t *dest, zmq_msg_t *src)
    int zmq_msg_copy(zmq_msg_t *dest, zmq_msg_t *src)
    void *zmq_msg_data(zmq_msg_t *msg)
    size_t zmq_msg_size(const zmq_msg_t *msg)
    int zmq_msg_more(const zmq_msg_t *msg)
    int zmq_msg_get(const zmq_msg_t *msg, int property)
    int zmq_msg_set(zmq_msg_t *msg, int property, int optval)
    const char *zmq_msg_gets(const zmq_msg_t *msg, const char *property)

    # draft message API (stubs failing with ENOTSUP without the draft API)
    int zmq_msg_set_routing_id(zmq_msg_t *msg, uint32_t routing_id)
    uint32_t zmq_msg_routing_id(zmq_msg_t *msg)
    int zmq_msg_set_group(zmq_msg_t *msg, const char *group)
    const char *zmq_msg_group(zmq_msg_t *msg)

    # socket types
    enum: ZMQ_PAIR, ZMQ_PUB, ZMQ_SUB, ZMQ_REQ, ZMQ_REP, ZMQ_DEALER, ZMQ_ROUTER
    enum: ZMQ_PULL, ZMQ_PUSH, ZMQ_XPUB, ZMQ_XSUB, ZMQ_STREAM
    enum: ZMQ_SERVER, ZMQ_CLIENT, ZMQ_RADIO, ZMQ_DISH, ZMQ_GATHER, ZMQ_SCATTER
    enum: ZMQ_DGRAM, ZMQ_PEER, ZMQ_CHANNEL

    # socket options used by the compiled layer itself
    enum: ZMQ_ROUTING_ID, ZMQ_SUBSCRIBE, ZMQ_UNSUBSCRIBE, ZMQ_RCVMORE, ZMQ_FD
    enum: ZMQ_EVENTS, ZMQ_TYPE, ZMQ_LINGER, ZMQ_SNDHWM, ZMQ_RCVHWM, ZMQ_RCVTIMEO
    enum: ZMQ_SNDTIMEO, ZMQ_LAST_ENDPOINT, ZMQ_CONNECT_ROUTING_ID, ZMQ_THREAD_SAFE
    enum: ZMQ_CURVE_PUBLICKEY, ZMQ_CURVE_SECRETKEY, ZMQ_CURVE_SERVERKEY

    # send/recv flags, poll events, security mechanisms, devices
    enum: ZMQ_DONTWAIT, ZMQ_SNDMORE
    enum: ZMQ_POLLIN, ZMQ_POLLOUT, ZMQ_POLLERR, ZMQ_POLLPRI
    enum: ZMQ_NULL, ZMQ_PLAIN, ZMQ_CURVE, ZMQ_GSSAPI
    enum: ZMQ_STREAMER, ZMQ_FORWARDER, ZMQ_QUEUE
    enum: ZMQ_EVENT_ALL

    # sockets
    void *zmq_socket(void *context, int type)
    int zmq_close(void *s)
    int zmq_setsockopt(void *s, int option, const void *optval, size_t optvallen)
    int zmq_getsockopt(void *s, int option, void *optval, size_t *optvallen)
    int zmq_bind(void *s, const char *addr)
    int zmq_connect(void *s, const char *addr)
    int zmq_unbind(void *s, const char *addr)
    int zmq_disconnect(void *s, const char *addr)
    int zmq_send(void *s, const void *buf, size_t len, int flags)
    int zmq_send_const(void *s, const void *buf, size_t len, int flags)
    int zmq_recv(void *s, void *buf, size_t len, int flags)
    int zmq_socket_monitor(void *s, const char *addr, int events)
    int zmq_join(void *s, const char *group)
    int zmq_leave(void *s, const char *group)
    uint32_t zmq_connect_peer(void *s, const char *addr)

    # polling
    ctypedef struct zmq_pollitem_t:
        void *socket
        int fd
        short events
        short revents
    int zmq_poll(zmq_pollitem_t *items, int nitems, long timeout)

    # the draft poller, which watches thread-safe sockets too (stubs failing
    # with ENOTSUP without the draft API)
    ctypedef int pyzmq_fd_t
    ctypedef struct zmq_poller_event_t:
        void *socket
        pyzmq_fd_t fd
        void *user_data
        short events
    void *zmq_poller_new()
    int zmq_poller_destroy(void **poller)
    int zmq_poller_add(void *poller, void *socket, void *user_data, short events)
    int zmq_poller_wait_all(void *poller, zmq_poller_event_t *events, int n_events, long timeout)
    int zmq_poller_fd(void *poller, pyzmq_fd_t *fd)

    # devices
    int zmq_proxy(void *frontend, void *backend, void *capture)
    int zmq_proxy_steerable(void *frontend, void *backend, void *capture, void *control)

    # CURVE and Z85
    char *zmq_z85_encode(char *dest, const uint8_t *data, size_t size)
    uint8_t *zmq_z85_decode(uint8_t *dest, const char *string)
    int zmq_curve_keypair(char *z85_public_key, char *z85_secret_key)
    int zmq_curve_public(char *z85_public_key, const char *z85_secret_key)

    # every other name of zmq.h, for downstream code (values come from the header;
    # the draft ones exist only when it enables the draft API)
    enum: ZMQ_XREQ, ZMQ_XREP, ZMQ_AFFINITY, ZMQ_RATE, ZMQ_RECOVERY_IVL, ZMQ_SNDBUF
    enum: ZMQ_RCVBUF, ZMQ_RECONNECT_IVL, ZMQ_BACKLOG, ZMQ_RECONNECT_IVL_MAX
    enum: ZMQ_MAXMSGSIZE, ZMQ_MULTICAST_HOPS, ZMQ_ROUTER_MANDATORY, ZMQ_TCP_KEEPALIVE
    enum: ZMQ_TCP_KEEPALIVE_CNT, ZMQ_TCP_KEEPALIVE_IDLE, ZMQ_TCP_KEEPALIVE_INTVL
    enum: ZMQ_IMMEDIATE, ZMQ_XPUB_VERBOSE, ZMQ_ROUTER_RAW, ZMQ_IPV6, ZMQ_MECHANISM
    enum: ZMQ_PLAIN_SERVER, ZMQ_PLAIN_USERNAME, ZMQ_PLAIN_PASSWORD, ZMQ_CURVE_SERVER
    enum: ZMQ_PROBE_ROUTER, ZMQ_REQ_CORRELATE, ZMQ_REQ_RELAXED, ZMQ_CONFLATE
    enum: ZMQ_ZAP_DOMAIN, ZMQ_ROUTER_HANDOVER, ZMQ_TOS, ZMQ_GSSAPI_SERVER
    enum: ZMQ_GSSAPI_PRINCIPAL, ZMQ_GSSAPI_SERVICE_PRINCIPAL, ZMQ_GSSAPI_PLAINTEXT
    enum: ZMQ_HANDSHAKE_IVL, ZMQ_SOCKS_PROXY, ZMQ_XPUB_NODROP, ZMQ_BLOCKY, ZMQ_XPUB_MANUAL
    enum: ZMQ_XPUB_WELCOME_MSG, ZMQ_STREAM_NOTIFY, ZMQ_INVERT_MATCHING, ZMQ_HEARTBEAT_IVL
    enum: ZMQ_HEARTBEAT_TTL, ZMQ_HEARTBEAT_TIMEOUT, ZMQ_XPUB_VERBOSER, ZMQ_CONNECT_TIMEOUT
    enum: ZMQ_TCP_MAXRT, ZMQ_MULTICAST_MAXTPDU, ZMQ_VMCI_BUFFER_SIZE
    enum: ZMQ_VMCI_BUFFER_MIN_SIZE, ZMQ_VMCI_BUFFER_MAX_SIZE, ZMQ_VMCI_CONNECT_TIMEOUT
    enum: ZMQ_USE_FD, ZMQ_GSSAPI_PRINCIPAL_NAMETYPE, ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE
    enum: ZMQ_BINDTODEVICE, ZMQ_IDENTITY, ZMQ_CONNECT_RID, ZMQ_TCP_ACCEPT_FILTER
    enum: ZMQ_IPC_FILTER_PID, ZMQ_IPC_FILTER_UID, ZMQ_IPC_FILTER_GID, ZMQ_IPV4ONLY
    enum: ZMQ_DELAY_ATTACH_ON_CONNECT, ZMQ_FAIL_UNROUTABLE, ZMQ_ROUTER_BEHAVIOR
    enum: ZMQ_ZAP_ENFORCE_DOMAIN, ZMQ_LOOPBACK_FASTPATH, ZMQ_METADATA, ZMQ_MULTICAST_LOOP
    enum: ZMQ_ROUTER_NOTIFY, ZMQ_XPUB_MANUAL_LAST_VALUE, ZMQ_SOCKS_USERNAME
    enum: ZMQ_SOCKS_PASSWORD, ZMQ_IN_BATCH_SIZE, ZMQ_OUT_BATCH_SIZE, ZMQ_WSS_KEY_PEM
    enum: ZMQ_WSS_CERT_PEM, ZMQ_WSS_TRUST_PEM, ZMQ_WSS_HOSTNAME, ZMQ_WSS_TRUST_SYSTEM
    enum: ZMQ_ONLY_FIRST_SUBSCRIBE, ZMQ_RECONNECT_STOP, ZMQ_HELLO_MSG, ZMQ_DISCONNECT_MSG
    enum: ZMQ_PRIORITY, ZMQ_NOBLOCK, ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED, ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE, ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA, ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC
    enum: ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH, ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED
    enum: ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY, ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID
    enum: ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION, ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE
    enum: ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA, ZMQ_EVENT_CONNECTED
    enum: ZMQ_EVENT_CONNECT_DELAYED, ZMQ_EVENT_CONNECT_RETRIED, ZMQ_EVENT_LISTENING
    enum: ZMQ_EVENT_BIND_FAILED, ZMQ_EVENT_ACCEPTED, ZMQ_EVENT_ACCEPT_FAILED
    enum: ZMQ_EVENT_CLOSED, ZMQ_EVENT_CLOSE_FAILED, ZMQ_EVENT_DISCONNECTED
    enum: ZMQ_EVENT_MONITOR_STOPPED, ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
    enum: ZMQ_EVENT_HANDSHAKE_SUCCEEDED, ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
    enum: ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, ZMQ_EVENT_ALL_V1, ZMQ_EVENT_PIPES_STATS
    enum: ZMQ_EVENT_ALL_V2, ZMQ_NOTIFY_CONNECT, ZMQ_NOTIFY_DISCONNECT
    enum: ZMQ_RECONNECT_STOP_CONN_REFUSED, ZMQ_RECONNECT_STOP_HANDSHAKE_FAILED
    enum: ZMQ_RECONNECT_STOP_AFTER_DISCONNECT, ZMQ_IO_THREADS_DFLT, ZMQ_MAX_SOCKETS_DFLT
    enum: ZMQ_POLLITEMS_DFLT, ZMQ_GROUP_MAX_LENGTH, ZMQ_GSSAPI_NT_HOSTBASED
    enum: ZMQ_GSSAPI_NT_USER_NAME, ZMQ_GSSAPI_NT_KRB5_PRINCIPAL, ZMQ_HAS_CAPABILITIES

    # errno values libzmq reports (POSIX's, or libzmq's own where the OS lacks them)
    enum: EAGAIN, EINVAL, EFAULT, EINTR, ENOTSUP, EPROTONOSUPPORT, ENOBUFS, ENETDOWN
    enum: EADDRINUSE, EADDRNOTAVAIL, ECONNREFUSED, EINPROGRESS, ENOTSOCK, EMSGSIZE
    enum: EAFNOSUPPORT, ENETUNREACH, ECONNABORTED, ECONNRESET, ENOTCONN, ETIMEDOUT
    enum: EHOSTUNREACH, ENETRESET

    # the legacy names of the context and message API
    void *zmq_init(int io_threads)
    int zmq_term(void *context)
    int zmq_ctx_destroy(void *context)
    int zmq_sendmsg(void *s, zmq_msg_t *msg, int flags)
    int zmq_recvmsg(void *s, zmq_msg_t *msg, int flags)
    int zmq_device(int type, void *frontend, void *backend)

    # the stopwatch
    void *zmq_stopwatch_start()
    unsigned long zmq_stopwatch_intermediate(void *watch)
    unsigned long zmq_stopwatch_stop(void *watch)
