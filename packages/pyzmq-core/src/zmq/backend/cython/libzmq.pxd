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

    # polling
    ctypedef struct zmq_pollitem_t:
        void *socket
        int fd
        short events
        short revents
    int zmq_poll(zmq_pollitem_t *items, int nitems, long timeout)

    # devices
    int zmq_proxy(void *frontend, void *backend, void *capture)
    int zmq_proxy_steerable(void *frontend, void *backend, void *capture, void *control)

    # CURVE and Z85
    char *zmq_z85_encode(char *dest, const uint8_t *data, size_t size)
    uint8_t *zmq_z85_decode(uint8_t *dest, const char *string)
    int zmq_curve_keypair(char *z85_public_key, char *z85_secret_key)
    int zmq_curve_public(char *z85_public_key, const char *z85_secret_key)

    # the stopwatch
    void *zmq_stopwatch_start()
    unsigned long zmq_stopwatch_intermediate(void *watch)
    unsigned long zmq_stopwatch_stop(void *watch)
