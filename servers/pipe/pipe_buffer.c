/* The pipe server's ring buffer and its write rules (pipe_buffer.h): pure C,
 * shared by the server and the host unit test. */
#include "pipe_buffer.h"

#include <stdlib.h>
#include <string.h>

size_t pipe_write_admits(size_t space, size_t length)
{
	if (length <= PIPE_ATOMIC)
		return length <= space ? length : 0;
	return length < space ? length : space;
}

size_t pipe_buffer_put(struct pipe_buffer *buffer, const char *data, size_t length, bool *failed)
{
	*failed = false;
	size_t amount = length < pipe_buffer_space(buffer) ? length : pipe_buffer_space(buffer);
	if (amount == 0)
		return 0;
	if (!buffer->bytes) {
		buffer->bytes = malloc(PIPE_CAPACITY);
		if (!buffer->bytes) {
			*failed = true;
			return 0;
		}
		buffer->start = 0;
	}
	size_t end = (buffer->start + buffer->used) % PIPE_CAPACITY;
	size_t first = PIPE_CAPACITY - end < amount ? PIPE_CAPACITY - end : amount;
	memcpy(buffer->bytes + end, data, first);
	memcpy(buffer->bytes, data + first, amount - first);
	buffer->used += amount;
	return amount;
}

size_t pipe_buffer_take(struct pipe_buffer *buffer, char *data, size_t length)
{
	size_t amount = length < buffer->used ? length : buffer->used;
	if (amount == 0)
		return 0;
	size_t first =
	    PIPE_CAPACITY - buffer->start < amount ? PIPE_CAPACITY - buffer->start : amount;
	memcpy(data, buffer->bytes + buffer->start, first);
	memcpy(data + first, buffer->bytes, amount - first);
	buffer->start = (buffer->start + amount) % PIPE_CAPACITY;
	buffer->used -= amount;
	return amount;
}

void pipe_buffer_release(struct pipe_buffer *buffer)
{
	free(buffer->bytes);
	buffer->bytes = NULL;
	buffer->start = 0;
	buffer->used = 0;
}
