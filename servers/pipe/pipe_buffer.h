/* The pipe server's byte buffer and write rules, pure C without Mach (host
 * tested in tests/host/pipe_buffer.t): a ring of PIPE_CAPACITY bytes. */
#ifndef PIPE_BUFFER_H
#define PIPE_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

#define PIPE_CAPACITY (64 * 1024) /* bytes buffered at most, as Linux's default */
#define PIPE_ATOMIC   4096        /* writes up to this size go in whole or not at all */

struct pipe_buffer {
	char *bytes; /* PIPE_CAPACITY bytes, allocated on the first write */
	size_t start;
	size_t used;
};

static inline size_t pipe_buffer_space(const struct pipe_buffer *buffer)
{
	return PIPE_CAPACITY - buffer->used;
}

/* How many of length bytes a write may put in now with space free: all of a
 * write of at most PIPE_ATOMIC bytes or none; of a larger one, what fits. 0
 * means the writer must wait (or hear EAGAIN); length 0 gives 0. */
size_t pipe_write_admits(size_t space, size_t length);

/* Copies in at most length bytes (what fits); returns how many, or 0 with
 * *failed set if the first write cannot allocate the ring. */
size_t pipe_buffer_put(struct pipe_buffer *buffer, const char *data, size_t length, bool *failed);
/* Moves out at most length bytes, oldest first; returns how many. */
size_t pipe_buffer_take(struct pipe_buffer *buffer, char *data, size_t length);
void pipe_buffer_release(struct pipe_buffer *buffer);

#endif
