/* libzmq from C: zmq_poll with timeout 0 over COUNT PAIR sockets, each
 * connected over inproc to a peer, the baseline of scenarios.py's poll_cost.
 * STATE "idle": no message anywhere; "ready": one message waits on the last
 * socket (never received, so every poll reports it).
 * Prints {"value": nanoseconds per zmq_poll call} (the best of 5 batches).
 * Usage: poll COUNT idle|ready */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define BATCHES 5

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "idle") != 0 && strcmp(argv[2], "ready") != 0)) {
        fprintf(stderr, "usage: %s COUNT idle|ready\n", argv[0]);
        return 2;
    }
    int count = atoi(argv[1]);
    int ready = strcmp(argv[2], "ready") == 0;
    /* the same number of calls as poll_cost: 200,000 sockets polled a batch */
    long calls = 200000 / count;
    void *ctx = zmq_ctx_new();
    void **peers = calloc(count, sizeof *peers);
    zmq_pollitem_t *items = calloc(count, sizeof *items);
    char endpoint[64];
    for (int i = 0; i < count; i++) {
        snprintf(endpoint, sizeof endpoint, "inproc://poll-%d", i);
        peers[i] = zmq_socket(ctx, ZMQ_PAIR);
        items[i].socket = zmq_socket(ctx, ZMQ_PAIR);
        items[i].events = ZMQ_POLLIN;
        zmq_bind(items[i].socket, endpoint);
        zmq_connect(peers[i], endpoint);
    }
    if (ready) {
        zmq_send(peers[count - 1], "x", 1, 0);
        if (zmq_poll(items, count, 1000) != 1) {
            fprintf(stderr, "the message did not arrive\n");
            return 1;
        }
    }
    double best = 1e300;
    for (int batch = 0; batch < BATCHES; batch++) {
        double start = now();
        for (long i = 0; i < calls; i++) {
            if (zmq_poll(items, count, 0) != ready) {
                fprintf(stderr, "zmq_poll: unexpected result\n");
                return 1;
            }
        }
        double elapsed = now() - start;
        if (elapsed < best) {
            best = elapsed;
        }
    }
    for (int i = 0; i < count; i++) {
        zmq_close(items[i].socket);
        zmq_close(peers[i]);
    }
    zmq_ctx_term(ctx);
    printf("{\"value\": %f, \"unit\": \"ns\"}\n", best / calls * 1e9);
    return 0;
}
