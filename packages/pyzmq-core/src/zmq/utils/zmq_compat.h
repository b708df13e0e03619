/* Declarations that let the compiled layer (and downstream Cython code that
 * cimports zmq.backend.cython.libzmq) build against any libzmq >= 4.3, with
 * or without the draft API: what the linked libzmq lacks becomes a stub that
 * fails with ENOTSUP, so Python sees an error instead of a link failure. */
#ifndef PYZMQ_ZMQ_COMPAT_H
#define PYZMQ_ZMQ_COMPAT_H

#include <errno.h>
#include <zmq.h>

#if ZMQ_VERSION < ZMQ_MAKE_VERSION(4, 3, 0)
#error "pyzmq-core needs libzmq >= 4.3"
#endif

#ifndef ZMQ_GROUP_MAX_LENGTH
#define ZMQ_GROUP_MAX_LENGTH 255
#endif

#if defined _WIN32
typedef SOCKET pyzmq_fd_t;
#else
typedef int pyzmq_fd_t;
#endif

#ifdef ZMQ_BUILD_DRAFT_API
#define PYZMQ_DRAFT_API 1
#else
#define PYZMQ_DRAFT_API 0
#define ZMQ_SERVER 12
#define ZMQ_CLIENT 13
#define ZMQ_RADIO 14
#define ZMQ_DISH 15
#define ZMQ_GATHER 16
#define ZMQ_SCATTER 17
#define ZMQ_DGRAM 18
#define ZMQ_MSG_PROPERTY_ROUTING_ID "Routing-Id"
#define ZMQ_MSG_PROPERTY_SOCKET_TYPE "Socket-Type"
#define ZMQ_MSG_PROPERTY_USER_ID "User-Id"
#define ZMQ_MSG_PROPERTY_PEER_ADDRESS "Peer-Address"

typedef struct zmq_poller_event_t
{
    void *socket;
    pyzmq_fd_t fd;
    void *user_data;
    short events;
} zmq_poller_event_t;

static inline int zmq_join(void *s, const char *group)
{ (void)s; (void)group; errno = ENOTSUP; return -1; }
static inline int zmq_leave(void *s, const char *group)
{ (void)s; (void)group; errno = ENOTSUP; return -1; }
static inline int zmq_msg_set_routing_id(zmq_msg_t *msg, uint32_t routing_id)
{ (void)msg; (void)routing_id; errno = ENOTSUP; return -1; }
static inline uint32_t zmq_msg_routing_id(zmq_msg_t *msg)
{ (void)msg; return 0; }
static inline int zmq_msg_set_group(zmq_msg_t *msg, const char *group)
{ (void)msg; (void)group; errno = ENOTSUP; return -1; }
static inline const char *zmq_msg_group(zmq_msg_t *msg)
{ (void)msg; return NULL; }
static inline void *zmq_poller_new(void)
{ errno = ENOTSUP; return NULL; }
static inline int zmq_poller_destroy(void **poller)
{ (void)poller; errno = ENOTSUP; return -1; }
static inline int zmq_poller_add(void *poller, void *s, void *user_data, short events)
{ (void)poller; (void)s; (void)user_data; (void)events; errno = ENOTSUP; return -1; }
static inline int zmq_poller_wait_all(void *poller, zmq_poller_event_t *events, int n_events,
                                      long timeout)
{ (void)poller; (void)events; (void)n_events; (void)timeout; errno = ENOTSUP; return -1; }
#endif

/* the draft API of libzmq releases before these functions and socket types */
#if !PYZMQ_DRAFT_API || ZMQ_VERSION < ZMQ_MAKE_VERSION(4, 3, 2)
static inline int pyzmq_poller_fd(void *poller, pyzmq_fd_t *fd)
{ (void)poller; (void)fd; errno = ENOTSUP; return -1; }
#define zmq_poller_fd pyzmq_poller_fd
#endif
#if !PYZMQ_DRAFT_API || ZMQ_VERSION < ZMQ_MAKE_VERSION(4, 3, 3)
#define ZMQ_PEER 19
#define ZMQ_CHANNEL 20
static inline uint32_t pyzmq_connect_peer(void *s, const char *addr)
{ (void)s; (void)addr; errno = ENOTSUP; return 0; }
#define zmq_connect_peer pyzmq_connect_peer
#endif

#endif
