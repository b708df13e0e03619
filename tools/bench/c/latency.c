/* libzmq from C: REQ/REP round trips of 1-byte messages, the baseline of
 * scenarios.py's latency, as libzmq's own local_lat and remote_lat measure
 * them: over tcp the REP echo runs in another process; over inproc, in a
 * thread. Prints {"value": microseconds per round trip}.
 * Usage: latency inproc|tcp */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define ROUND_TRIPS 20000

static void *ctx;
static char endpoint[64];

static void *echo(void *unused)
{
    (void)unused;
    void *rep = zmq_socket(ctx, ZMQ_REP);
    zmq_msg_t msg;
    zmq_connect(rep, endpoint);
    zmq_msg_init(&msg);
    for (int i = 0; i < ROUND_TRIPS; i++) {
        zmq_msg_recv(&msg, rep, 0);
        zmq_msg_send(&msg, rep, 0);
    }
    zmq_msg_close(&msg);
    zmq_close(rep);
    return NULL;
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    pthread_t thread;
    pid_t child = 0;
    size_t endpoint_size = sizeof endpoint;
    char byte = 'x';
    if (argc != 2 || (strcmp(argv[1], "inproc") != 0 && strcmp(argv[1], "tcp") != 0)) {
        fprintf(stderr, "usage: %s inproc|tcp\n", argv[0]);
        return 2;
    }
    int inproc = strcmp(argv[1], "inproc") == 0;
    ctx = zmq_ctx_new();
    void *req = zmq_socket(ctx, ZMQ_REQ);
    zmq_bind(req, inproc ? "inproc://latency" : "tcp://127.0.0.1:*");
    zmq_getsockopt(req, ZMQ_LAST_ENDPOINT, endpoint, &endpoint_size);
    if (inproc) {
        pthread_create(&thread, NULL, echo, NULL);
    } else {
        child = fork();
        if (child == 0) {
            ctx = zmq_ctx_new();
            echo(NULL);
            zmq_ctx_term(ctx);
            _exit(0);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < ROUND_TRIPS; i++) {
        zmq_send(req, &byte, 1, 0);
        zmq_recv(req, &byte, 1, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (inproc) {
        pthread_join(thread, NULL);
    } else {
        waitpid(child, NULL, 0);
    }
    zmq_close(req);
    zmq_ctx_term(ctx);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"value\": %f, \"unit\": \"us\"}\n", seconds / ROUND_TRIPS * 1e6);
    return 0;
}
