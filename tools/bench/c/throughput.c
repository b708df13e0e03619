/* libzmq from C: PUSH to PULL, the baseline of scenarios.py's
 * large_throughput and small_throughput, as libzmq's own local_thr and
 * remote_thr measure it: over tcp (127.0.0.1) the producer is another
 * process; over inproc, a thread. Prints {"value": bytes per second} for
 * messages of 64 KiB and more, {"value": messages per second} below.
 * Usage: throughput SIZE [tcp|inproc] */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define VOLUME (512L * 1024 * 1024) /* large_throughput's volume */
#define MAX_COUNT 1000000L         /* small_throughput's count */
#define LARGE 65536

static size_t size;
static long count;
static int hwm;
static void *ctx;
static char endpoint[64];

static void *produce(void *unused)
{
    (void)unused;
    void *push = zmq_socket(ctx, ZMQ_PUSH);
    char *payload = calloc(1, size ? size : 1);
    zmq_setsockopt(push, ZMQ_SNDHWM, &hwm, sizeof hwm);
    zmq_connect(push, endpoint);
    for (long i = 0; i < count; i++) {
        zmq_send(push, payload, size, 0);
    }
    zmq_close(push);
    free(payload);
    return NULL;
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    zmq_msg_t msg;
    pid_t producer = 0;
    pthread_t thread;
    size_t endpoint_size = sizeof endpoint;
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "tcp") != 0
                                 && strcmp(argv[2], "inproc") != 0)) {
        fprintf(stderr, "usage: %s SIZE [tcp|inproc]\n", argv[0]);
        return 2;
    }
    int inproc = argc == 3 && strcmp(argv[2], "inproc") == 0;
    size = strtoul(argv[1], NULL, 10);
    count = VOLUME / (long)(size ? size : 1);
    if (count > MAX_COUNT) {
        count = MAX_COUNT;
    }
    /* as the scenarios: a short queue for large messages, a long one for small */
    hwm = size >= LARGE ? 100 : 10000;
    ctx = zmq_ctx_new();
    void *pull = zmq_socket(ctx, ZMQ_PULL);
    zmq_setsockopt(pull, ZMQ_RCVHWM, &hwm, sizeof hwm);
    zmq_bind(pull, inproc ? "inproc://throughput" : "tcp://127.0.0.1:*");
    zmq_getsockopt(pull, ZMQ_LAST_ENDPOINT, endpoint, &endpoint_size);
    if (inproc) {
        pthread_create(&thread, NULL, produce, NULL);
    } else {
        producer = fork();
        if (producer == 0) {
            ctx = zmq_ctx_new();
            produce(NULL);
            zmq_ctx_term(ctx);
            _exit(0);
        }
    }
    zmq_msg_init(&msg);
    zmq_msg_recv(&msg, pull, 0);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 1; i < count; i++) {
        zmq_msg_recv(&msg, pull, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    zmq_msg_close(&msg);
    if (inproc) {
        pthread_join(thread, NULL);
    } else {
        waitpid(producer, NULL, 0);
    }
    zmq_close(pull);
    zmq_ctx_term(ctx);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    if (size >= LARGE) {
        printf("{\"value\": %f, \"unit\": \"B/s\"}\n", (double)(count - 1) * (double)size / seconds);
    } else {
        printf("{\"value\": %f, \"unit\": \"msg/s\"}\n", (double)(count - 1) / seconds);
    }
    return 0;
}
