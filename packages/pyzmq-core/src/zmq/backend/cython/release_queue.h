/* The release queue for zero-copy sends.
 *
 * libzmq calls a message's free function from whatever thread drops the last
 * reference to it, often its own I/O thread, which must never take the GIL
 * (that could deadlock at interpreter exit or after fork). So the free function
 * only pushes the message's release record onto a lock-free stack and, for a
 * tracked message, releases the lock its tracker waits on; the Python
 * references are dropped later, under the GIL, by pyzmq_release_drain(). */
#ifndef PYZMQ_RELEASE_QUEUE_H
#define PYZMQ_RELEASE_QUEUE_H

#include <Python.h>
#include <pythread.h>
#include <stdlib.h>

typedef struct pyzmq_release {
    struct pyzmq_release *next;
    PyObject *hold;               /* strong reference, dropped under the GIL */
    PyThread_type_lock done_lock; /* held until libzmq frees the data; may be NULL */
    int *done_flag;               /* set when libzmq frees the data; may be NULL */
} pyzmq_release;

static pyzmq_release *pyzmq_release_head = NULL;

#if defined(_MSC_VER)
#include <windows.h>
#define PYZMQ_CAS_PTR(ptr, expected, desired) \
    (InterlockedCompareExchangePointer((PVOID volatile *)(ptr), (desired), (expected)) == (expected))
#define PYZMQ_XCHG_PTR(ptr, value) InterlockedExchangePointer((PVOID volatile *)(ptr), (value))
#define PYZMQ_LOAD_PTR(ptr) (*(void *volatile *)(ptr))
#define PYZMQ_STORE_FLAG(ptr) InterlockedExchange((LONG volatile *)(ptr), 1)
#define PYZMQ_LOAD_FLAG(ptr) (*(int volatile *)(ptr))
#else
#define PYZMQ_CAS_PTR(ptr, expected, desired) \
    __atomic_compare_exchange_n((ptr), &(expected), (desired), 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define PYZMQ_XCHG_PTR(ptr, value) __atomic_exchange_n((ptr), (value), __ATOMIC_ACQUIRE)
#define PYZMQ_LOAD_PTR(ptr) __atomic_load_n((ptr), __ATOMIC_RELAXED)
#define PYZMQ_STORE_FLAG(ptr) __atomic_store_n((ptr), 1, __ATOMIC_RELEASE)
#define PYZMQ_LOAD_FLAG(ptr) __atomic_load_n((ptr), __ATOMIC_ACQUIRE)
#endif

static int pyzmq_load_flag(int *flag)
{
    return PYZMQ_LOAD_FLAG(flag);
}

/* libzmq's zmq_free_fn: runs without the GIL, in any thread. */
static void pyzmq_release_free(void *data, void *hint)
{
    pyzmq_release *record = (pyzmq_release *)hint;
    pyzmq_release *head;
    (void)data;
    if (record->done_flag != NULL) {
        PYZMQ_STORE_FLAG(record->done_flag);
    }
    if (record->done_lock != NULL) {
        PyThread_release_lock(record->done_lock);
    }
    do {
        head = (pyzmq_release *)PYZMQ_LOAD_PTR(&pyzmq_release_head);
        record->next = head;
    } while (!PYZMQ_CAS_PTR(&pyzmq_release_head, head, record));
}

/* Take a new record holding a strong reference to `hold`; NULL when out of memory. */
static pyzmq_release *pyzmq_release_new(PyObject *hold, PyThread_type_lock done_lock,
                                        int *done_flag)
{
    pyzmq_release *record = (pyzmq_release *)malloc(sizeof(pyzmq_release));
    if (record == NULL) {
        return NULL;
    }
    Py_INCREF(hold);
    record->hold = hold;
    record->done_lock = done_lock;
    record->done_flag = done_flag;
    record->next = NULL;
    return record;
}

/* Undo pyzmq_release_new for a record libzmq never took (GIL held). */
static void pyzmq_release_discard(pyzmq_release *record)
{
    Py_DECREF(record->hold);
    free(record);
}

static int pyzmq_release_pending(void)
{
    return PYZMQ_LOAD_PTR(&pyzmq_release_head) != NULL;
}

/* Drop the references of every record libzmq has released (GIL held). */
static void pyzmq_release_drain(void)
{
    pyzmq_release *record = (pyzmq_release *)PYZMQ_XCHG_PTR(&pyzmq_release_head, NULL);
    while (record != NULL) {
        pyzmq_release *next = record->next;
        Py_DECREF(record->hold);
        free(record);
        record = next;
    }
}

/* In a forked child the parent's libzmq threads are gone: forget their records
 * (their objects stay alive, which is harmless) so draining stays valid. */
static void pyzmq_release_forget(void)
{
    pyzmq_release_head = NULL;
}

#endif
