/* The readiness wait poll, ppoll, select and pselect6 share (file_wait.c):
 * a set of (descriptor, SELECT_* kinds) questions and where answers go. */
#ifndef EMUL_FILE_WAIT_H
#define EMUL_FILE_WAIT_H

#include <stdint.h>

#define EMUL_WAIT_INVALID 0x100 /* the descriptor is not open */
#define EMUL_WAIT_ERROR   0x200 /* its server is dead or silent */

struct emul_wait_set {
	void *context;
	int count;
	/* Item i's descriptor (negative: skip it) and SELECT_* kinds wanted. */
	void (*request)(void *context, int i, int *fd, int *kinds);
	/* Item i's ready kinds of this round (0, SELECT_*, EMUL_WAIT_*). */
	void (*answer)(void *context, int i, int kinds);
};

/* Asks every item with a zero timeout; while none is ready and timeout_ns
 * (negative: none) has not passed, waits on the first descriptor whose server
 * could make it wait (at most WAIT_SLICE_NS while others could too) and asks
 * again. The number of ready items, 0 on timeout, or -EINTR. */
long emul_wait_ready(const struct emul_wait_set *set, int64_t timeout_ns);

#endif
