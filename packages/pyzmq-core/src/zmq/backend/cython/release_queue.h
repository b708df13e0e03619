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

/* What a tracked message's tracker waits on: shared by the tracker event (a
 * Python object) and libzmq's free function, each holding a reference, so
 * that neither outlives it. */
typedef struct pyzmq_tracking {
    int refs;                /* atomic */
    int done;                /* atomic: set once libzmq has freed the data */
    PyThread_type_lock lock; /* held until then */
} pyzmq_tracking;

typedef struct pyzmq_release {
    struct pyzmq_release *next;
    PyObject *hold;           /* strong reference, dropped under the GIL */
    pyzmq_tracking *tracking; /* may be NULL */
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
#define PYZMQ_INCREF(ptr) InterlockedIncrement((LONG volatile *)(ptr))
#define PYZMQ_DECREF(ptr) InterlockedDecrement((LONG volatile *)(ptr))
#else
#define PYZMQ_CAS_PTR(ptr, expected, desired) \
    __atomic_compare_exchange_n((ptr), &(expected), (desired), 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define PYZMQ_XCHG_PTR(ptr, value) __atomic_exchange_n((ptr), (value), __ATOMIC_ACQUIRE)
#define PYZMQ_LOAD_PTR(ptr) __atomic_load_n((ptr), __ATOMIC_RELAXED)
#define PYZMQ_STORE_FLAG(ptr) __atomic_store_n((ptr), 1, __ATOMIC_RELEASE)
#define PYZMQ_LOAD_FLAG(ptr) __atomic_load_n((ptr), __ATOMIC_ACQUIRE)
#define PYZMQ_INCREF(ptr) __atomic_add_fetch((ptr), 1, __ATOMIC_RELAXED)
#define PYZMQ_DECREF(ptr) __atomic_sub_fetch((ptr), 1, __ATOMIC_ACQ_REL)
#endif

/* A new tracking state, held (and referenced once) by its creator. */
static pyzmq_tracking *pyzmq_tracking_new(void)
{
    pyzmq_tracking *tracking = (pyzmq_tracking *)malloc(sizeof(pyzmq_tracking));
    if (tracking == NULL) {
        return NULL;
    }
    tracking->lock = PyThread_allocate_lock();
    if (tracking->lock == NULL) {
        free(tracking);
        return NULL;
    }
    PyThread_acquire_lock(tracking->lock, WAIT_LOCK);
    tracking->refs = 1;
    tracking->done = 0;
    return tracking;
}

static void pyzmq_tracking_release(pyzmq_tracking *tracking)
{
    if (PYZMQ_DECREF(&tracking->refs) == 0) {
        if (!PYZMQ_LOAD_FLAG(&tracking->done)) {
            PyThread_release_lock(tracking->lock);
        }
        PyThread_free_lock(tracking->lock);
        free(tracking);
    }
}

static int pyzmq_tracking_done(pyzmq_tracking *tracking)
{
    return PYZMQ_LOAD_FLAG(&tracking->done);
}

/* libzmq's zmq_free_fn: runs without the GIL, in any thread. The record is
 * queued before the tracker is woken, so that a woken waiter that drains the
 * queue finds it. */
static void pyzmq_release_free(void *data, void *hint)
{
    pyzmq_release *record = (pyzmq_release *)hint;
    pyzmq_tracking *tracking = record->tracking; /* the record may be gone once queued */
    pyzmq_release *head;
    (void)data;
    do {
        head = (pyzmq_release *)PYZMQ_LOAD_PTR(&pyzmq_release_head);
        record->next = head;
    } while (!PYZMQ_CAS_PTR(&pyzmq_release_head, head, record));
    if (tracking != NULL) {
        PYZMQ_STORE_FLAG(&tracking->done);
        PyThread_release_lock(tracking->lock);
        pyzmq_tracking_release(tracking);
    }
}

/* A new record holding a strong reference to `hold` (and, for libzmq's free
 * function, one to `tracking`); NULL when out of memory. */
static pyzmq_release *pyzmq_release_new(PyObject *hold, pyzmq_tracking *tracking)
{
    pyzmq_release *record = (pyzmq_release *)malloc(sizeof(pyzmq_release));
    if (record == NULL) {
        return NULL;
    }
    Py_INCREF(hold);
    record->hold = hold;
    record->tracking = tracking;
    if (tracking != NULL) {
        PYZMQ_INCREF(&tracking->refs);
    }
    record->next = NULL;
    return record;
}

/* Undo pyzmq_release_new for a record libzmq never took (GIL held). */
static void pyzmq_release_discard(pyzmq_release *record)
{
    if (record->tracking != NULL) {
        pyzmq_tracking_release(record->tracking);
    }
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
