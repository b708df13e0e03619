/* libzmq from C: PUSH (another process) to PULL over tcp on 127.0.0.1, the
 * baseline of scenarios.py's large_throughput, as libzmq's own local_thr and
 * remote_thr measure it. Prints {"value": bytes per second}.
 * Usage: throughput SIZE */
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define VOLUME (512L * 1024 * 1024) /* the same volume as large_throughput */

static size_t size;
static long count;
static char endpoint[64];

static void produce(void)
{
    void *ctx = zmq_ctx_new();
    void *push = zmq_socket(ctx, ZMQ_PUSH);
    int hwm = 100;
    char *payload = calloc(1, size);
    zmq_setsockopt(push, ZMQ_SNDHWM, &hwm, sizeof hwm);
    zmq_connect(push, endpoint);
    for (long i = 0; i < count; i++) {
        zmq_send(push, payload, size, 0);
    }
    zmq_close(push);
    zmq_ctx_term(ctx);
    free(payload);
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    zmq_msg_t msg;
    pid_t producer;
    size_t endpoint_size = sizeof endpoint;
    int hwm = 100;
    if (argc != 2) {
        fprintf(stderr, "usage: %s SIZE\n", argv[0]);
        return 2;
    }
    size = strtoul(argv[1], NULL, 10);
    count = VOLUME / (long)size;
    void *ctx = zmq_ctx_new();
    void *pull = zmq_socket(ctx, ZMQ_PULL);
    zmq_setsockopt(pull, ZMQ_RCVHWM, &hwm, sizeof hwm);
    zmq_bind(pull, "tcp://127.0.0.1:*");
    zmq_getsockopt(pull, ZMQ_LAST_ENDPOINT, endpoint, &endpoint_size);
    producer = fork();
    if (producer == 0) {
        produce();
        _exit(0);
    }
    zmq_msg_init(&msg);
    zmq_msg_recv(&msg, pull, 0);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 1; i < count; i++) {
        zmq_msg_recv(&msg, pull, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    zmq_msg_close(&msg);
    waitpid(producer, NULL, 0);
    zmq_close(pull);
    zmq_ctx_term(ctx);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"value\": %f, \"unit\": \"B/s\"}\n", (double)(count - 1) * (double)size / seconds);
    return 0;
}
