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
#define ZMQ_PEER 19
#define ZMQ_CHANNEL 20
#define ZMQ_MSG_PROPERTY_ROUTING_ID "Routing-Id"
#define ZMQ_MSG_PROPERTY_SOCKET_TYPE "Socket-Type"
#define ZMQ_MSG_PROPERTY_USER_ID "User-Id"
#define ZMQ_MSG_PROPERTY_PEER_ADDRESS "Peer-Address"

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
#endif

#endif
