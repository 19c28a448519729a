/* Host unit test of the pipe server's buffer (servers/pipe/pipe_buffer.c):
 * the atomic-write rule, wrapping around the ring, order kept over a long
 * random run against a simple model. */
#include "pipe_buffer.h"

#include <stdlib.h>
#include <string.h>
#include "tap.h"

static void check_write_rule(void)
{
	CHECK(pipe_write_admits(PIPE_CAPACITY, 0) == 0, "an empty write admits nothing");
	CHECK(pipe_write_admits(PIPE_CAPACITY, 100) == 100, "a small write fits an empty pipe");
	CHECK(pipe_write_admits(4095, PIPE_ATOMIC) == 0,
	      "a write of PIPE_ATOMIC bytes with one byte short waits (atomic)");
	CHECK(pipe_write_admits(PIPE_ATOMIC, PIPE_ATOMIC) == PIPE_ATOMIC,
	      "a write of PIPE_ATOMIC bytes fits exactly");
	CHECK(pipe_write_admits(10, 11) == 0, "a small write that does not fit waits whole");
	CHECK(pipe_write_admits(100, PIPE_ATOMIC + 1) == 100,
	      "a large write goes in part (what fits)");
	CHECK(pipe_write_admits(0, PIPE_ATOMIC + 1) == 0, "a large write into a full pipe waits");
	CHECK(pipe_write_admits(PIPE_CAPACITY, 10 * PIPE_CAPACITY) == PIPE_CAPACITY,
	      "a write larger than the buffer fills it");
}

static void check_ring(void)
{
	struct pipe_buffer buffer = {0};
	bool failed = true;
	char out[PIPE_CAPACITY];
	CHECK(pipe_buffer_take(&buffer, out, 10) == 0 && buffer.bytes == NULL,
	      "taking from a fresh buffer gives nothing and allocates nothing");
	static char big[PIPE_CAPACITY + 100];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + 3);
	CHECK(pipe_buffer_put(&buffer, big, sizeof(big), &failed) == PIPE_CAPACITY && !failed,
	      "a put stops at the capacity");
	CHECK(pipe_buffer_space(&buffer) == 0, "a full buffer has no space");
	CHECK(pipe_buffer_put(&buffer, big, 1, &failed) == 0 && !failed,
	      "a full buffer takes nothing more");
	CHECK(pipe_buffer_take(&buffer, out, 1000) == 1000 && memcmp(out, big, 1000) == 0,
	      "the first bytes out are the first bytes in");
	CHECK(pipe_buffer_put(&buffer, big + 5000, 1000, &failed) == 1000,
	      "space freed at the front takes a write at the ring's start");
	size_t taken = pipe_buffer_take(&buffer, out, sizeof(out));
	CHECK(taken == PIPE_CAPACITY - 1000 + 1000 &&
	          memcmp(out, big + 1000, PIPE_CAPACITY - 1000) == 0 &&
	          memcmp(out + PIPE_CAPACITY - 1000, big + 5000, 1000) == 0,
	      "a take across the ring's end gives the bytes in order");
	CHECK(buffer.used == 0 && pipe_buffer_take(&buffer, out, 10) == 0,
	      "then the buffer is empty");
	pipe_buffer_release(&buffer);
	CHECK(buffer.bytes == NULL && buffer.used == 0, "release frees the ring");
}

/* Random puts and takes of random sizes against a byte counter: every byte
 * comes out in order, none is lost or invented. */
static void check_random_run(void)
{
	struct pipe_buffer buffer = {0};
	unsigned long long written = 0, read = 0;
	bool in_order = true, bounded = true, failed = false;
	static char chunk[3 * PIPE_ATOMIC];
	srand(12345);
	for (int step = 0; step < 200000 && in_order && !failed; step++) {
		size_t length = (size_t)rand() % sizeof(chunk);
		if (rand() & 1) {
			size_t admitted = pipe_write_admits(pipe_buffer_space(&buffer), length);
			for (size_t i = 0; i < admitted; i++)
				chunk[i] = (char)((written + i) % 251);
			size_t put = pipe_buffer_put(&buffer, chunk, admitted, &failed);
			if (put != admitted)
				bounded = false;
			written += put;
		} else {
			size_t got = pipe_buffer_take(&buffer, chunk, length);
			for (size_t i = 0; i < got; i++)
				if (chunk[i] != (char)((read + i) % 251))
					in_order = false;
			read += got;
		}
		if (buffer.used > PIPE_CAPACITY || buffer.used != written - read)
			bounded = false;
	}
	CHECK(in_order && !failed, "200,000 random puts and takes keep every byte in order");
	CHECK(bounded, "the buffer never holds more than its capacity and counts exactly");
	CHECK(written > 10 * PIPE_CAPACITY,
	      "the run moved more than ten buffers' worth (%llu bytes)", written);
	pipe_buffer_release(&buffer);
}

int main(void)
{
	check_write_rule();
	check_ring();
	check_random_run();
	return tap_finish();
}
