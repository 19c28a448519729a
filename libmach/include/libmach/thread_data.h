/* The per-thread data libmach keeps (the cached MIG reply port) and the hook
 * through which a runtime gives each thread its own copy. */
#ifndef LIBMACH_THREAD_DATA_H
#define LIBMACH_THREAD_DATA_H

#include <mach/port.h>

struct libmach_thread_data {
	/* The thread's MIG reply port (a receive right), MACH_PORT_NULL until the
	 * first RPC and after mig_dealloc_reply_port. */
	mach_port_t reply_port;
	/* Nonzero while mig_dealloc_reply_port is destroying a port, so that a
	 * failing destroy RPC does not recurse into another destroy. */
	unsigned destroying_reply_port;
};

/* The hook: returns the calling thread's block, never NULL, the same pointer
 * every time on one thread and a different one on every other live thread,
 * zero-filled when the thread starts.
 *
 * libmach's own definition is weak and hands every thread one global block:
 * right only for single-threaded programs. A runtime with threads overrides it
 * with a strong definition:
 *   - the freestanding guest runtime (tests/guest/rt) keeps the block at the
 *     base of each thread's stack, which it aligns to the stack's size, and
 *     finds it by masking the stack pointer;
 *   - a C library with TLS can simply write
 *       static __thread struct libmach_thread_data data;
 *       struct libmach_thread_data *libmach_thread_data(void) { return &data; }
 * It must not call libmach (it runs inside every RPC). */
struct libmach_thread_data *libmach_thread_data(void);

/* A runtime calls this on the ending thread, before it ends: the thread's reply
 * port is destroyed so that it does not outlive the thread. */
void libmach_thread_exit(void);

#endif
