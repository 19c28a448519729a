/* The pipe server (servers/pipe) seen by a client in another task: looks up
 * "pipe" in the boot runner's registry and checks what a program using pipes
 * sees: order, waiting reads and writes, end of file, EPIPE, O_NONBLOCK,
 * io_select with timeouts, a 1 MiB transfer between threads, io_duplicate,
 * forgotten waiters, interrupt_operation, the pipe limit, and the server's
 * counts back to zero. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <hurd/interrupt.h>
#include <hurd/io.h>
#include <hurd/pipe.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

#define MAX_PIPES 16          /* pipe.t boots the server with --max-pipes=16 */
#define PIPE_FILL (64 * 1024) /* the server's capacity */

static mach_port_t server;

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
	struct timespec pause = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&pause, NULL);
}

/* io_read of at most size bytes into buffer: the count, or -1 with *error. */
static long read_bytes(mach_port_t end, char *buffer, size_t size, kern_return_t *error)
{
	data_t data = buffer;
	mach_msg_type_number_t count = (mach_msg_type_number_t)size;
	*error = io_read(end, &data, &count, -1, size);
	if (*error)
		return -1;
	if (data != buffer) {
		memcpy(buffer, data, count <= size ? count : size);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	}
	return count <= size ? (long)count : -1;
}

static kern_return_t write_bytes(mach_port_t end, const void *bytes, size_t size, size_t *written)
{
	vm_size_t amount = 0;
	kern_return_t error =
	    io_write(end, (const char *)bytes, (mach_msg_type_number_t)size, -1, &amount);
	*written = error ? 0 : amount;
	return error;
}

static bool reads(mach_port_t end, const char *text)
{
	char buffer[256];
	kern_return_t error;
	long count = read_bytes(end, buffer, sizeof(buffer), &error);
	return count == (long)strlen(text) && memcmp(buffer, text, (size_t)count) == 0;
}

static kern_return_t make_pipe(int flags, mach_port_t *read_end, mach_port_t *write_end)
{
	return pipe_create(server, flags, read_end, write_end);
}

static void close_end(mach_port_t end)
{
	(void)mach_port_deallocate(mach_task_self(), end);
}

/* Polls the server's counts until they are (pipes, ports, waiters) or 3 s pass. */
static bool counts_become(int pipes, int ports, int waiters, int *seen)
{
	for (int attempt = 0; attempt < 60; attempt++) {
		int now_pipes = -1, now_ports = -1, now_waiters = -1;
		if (pipe_server_counts(server, &now_pipes, &now_ports, &now_waiters) == 0) {
			seen[0] = now_pipes, seen[1] = now_ports, seen[2] = now_waiters;
			if (now_pipes == pipes && now_ports == ports && now_waiters == waiters)
				return true;
		}
		sleep_ms(50);
	}
	return false;
}

struct reader {
	mach_port_t end;
	size_t size;
	char buffer[256];
	long count;
	kern_return_t error;
	double finished_ms;
	volatile bool done;
};

static void *reader_thread(void *opaque)
{
	struct reader *reader = opaque;
	reader->count = read_bytes(reader->end, reader->buffer, reader->size, &reader->error);
	reader->finished_ms = now_ms();
	reader->done = true;
	return NULL;
}

struct writer {
	mach_port_t end;
	const char *bytes;
	size_t size, written;
	kern_return_t error;
	volatile bool done;
};

static void *writer_thread(void *opaque)
{
	struct writer *writer = opaque;
	writer->error = write_bytes(writer->end, writer->bytes, writer->size, &writer->written);
	writer->done = true;
	return NULL;
}

static void check_basics(void)
{
	mach_port_t r, w;
	check(make_pipe(0x100, &r, &w) == EINVAL, "pipe_create with an unknown flag is EINVAL");
	kern_return_t error = make_pipe(0, &r, &w);
	check(error == 0 && MACH_PORT_VALID(r) && MACH_PORT_VALID(w), "pipe_create gives two ends");
	io_statbuf_t st;
	check(io_stat(r, &st) == 0 && S_ISFIFO(st.mode) && st.size == 0,
	      "io_stat: a FIFO with nothing buffered");
	int modes = 0;
	check(io_get_openmodes(r, &modes) == 0 && modes == HURD_O_READ,
	      "the read end's open modes are HURD_O_READ");
	check(io_get_openmodes(w, &modes) == 0 && modes == HURD_O_WRITE,
	      "the write end's open modes are HURD_O_WRITE");
	size_t written = 0;
	error = write_bytes(w, "hello", 5, &written);
	size_t written2 = 0;
	kern_return_t error2 = write_bytes(w, " world", 6, &written2);
	check(!error && !error2 && written == 5 && written2 == 6, "two writes are taken whole");
	vm_size_t readable = 0;
	error = io_readable(r, &readable);
	check(error == 0 && readable == 11, "io_readable counts 11 bytes (%lu)",
	      (unsigned long)readable);
	check(io_stat(w, &st) == 0 && st.size == 11, "io_stat's size is the bytes buffered");
	check(reads(r, "hello world"), "the bytes come out in order, in one read");
	char byte;
	check(read_bytes(w, &byte, 1, &error) == -1 && error == EBADF,
	      "io_read on the write end: EBADF");
	check(write_bytes(r, "x", 1, &written) == EBADF, "io_write on the read end: EBADF");
	hurd_off_t position;
	check(io_seek(r, 0, 0, &position) == ESPIPE, "io_seek: ESPIPE");
	data_t data = &byte;
	mach_msg_type_number_t count = 1;
	check(io_read(r, &data, &count, 0, 1) == ESPIPE, "io_read at an offset: ESPIPE");
	close_end(r);
	close_end(w);
}

static void check_waiting_read(void)
{
	mach_port_t r, w;
	(void)make_pipe(0, &r, &w);
	struct reader reader = {.end = r, .size = sizeof(reader.buffer)};
	pthread_t thread;
	pthread_create(&thread, NULL, reader_thread, &reader);
	sleep_ms(300);
	bool waited = !reader.done;
	int seen[3] = {0};
	bool one_waiter = counts_become(1, 2, 1, seen);
	double written_ms = now_ms();
	size_t written;
	(void)write_bytes(w, "late", 4, &written);
	pthread_join(thread, NULL);
	check(waited && one_waiter,
	      "a read of an empty pipe waits (answered late, one waiter kept)");
	check(reader.error == 0 && reader.count == 4 && memcmp(reader.buffer, "late", 4) == 0 &&
	          reader.finished_ms >= written_ms,
	      "it gets the bytes another thread writes");

	/* End of file: the write end's last port goes while a reader waits. */
	reader = (struct reader){.end = r, .size = sizeof(reader.buffer)};
	pthread_create(&thread, NULL, reader_thread, &reader);
	sleep_ms(200);
	waited = !reader.done;
	close_end(w);
	pthread_join(thread, NULL);
	check(waited && reader.error == 0 && reader.count == 0,
	      "a waiting reader gets end of file when the write end's last port goes");
	check(reads(r, ""), "and so does every read after");
	close_end(r);

	/* End of file after the buffered bytes. */
	(void)make_pipe(0, &r, &w);
	(void)write_bytes(w, "tail", 4, &written);
	close_end(w);
	check(reads(r, "tail") && reads(r, ""),
	      "bytes written before the close come out, then end of file");
	close_end(r);
}

static void check_epipe(void)
{
	mach_port_t r, w;
	(void)make_pipe(0, &r, &w);
	close_end(r);
	size_t written = 1;
	sleep_ms(50); /* the no-senders notification travels */
	kern_return_t error = write_bytes(w, "x", 1, &written);
	for (int i = 0; i < 20 && error != EPIPE; i++) {
		sleep_ms(50);
		error = write_bytes(w, "x", 1, &written);
	}
	check(error == EPIPE, "a write after the read end is gone: EPIPE");
	close_end(w);

	/* A writer waiting on a full pipe gets EPIPE when the reader goes. */
	(void)make_pipe(0, &r, &w);
	static char full[65536];
	(void)write_bytes(w, full, sizeof(full), &written);
	struct writer writer = {.end = w, .bytes = "more", .size = 4};
	pthread_t thread;
	pthread_create(&thread, NULL, writer_thread, &writer);
	sleep_ms(200);
	bool waited = !writer.done && written == sizeof(full);
	close_end(r);
	pthread_join(thread, NULL);
	check(waited && writer.error == EPIPE,
	      "a writer waiting on a full pipe gets EPIPE when the read end goes");
	close_end(w);
}

static void check_nonblocking(void)
{
	mach_port_t r, w;
	(void)make_pipe(PIPE_READ_NONBLOCK | PIPE_WRITE_NONBLOCK, &r, &w);
	int modes = 0;
	check(io_get_openmodes(r, &modes) == 0 && modes == (HURD_O_READ | HURD_O_NONBLOCK),
	      "PIPE_READ_NONBLOCK starts the read end with HURD_O_NONBLOCK");
	char buffer[16];
	kern_return_t error;
	check(read_bytes(r, buffer, sizeof(buffer), &error) == -1 && error == EAGAIN,
	      "a nonblocking read of an empty pipe: EAGAIN");
	static char chunk[3000];
	size_t total = 0, written = 0;
	while ((error = write_bytes(w, chunk, sizeof(chunk), &written)) == 0 && written)
		total += written;
	check(error == EAGAIN && total == 21 * 3000,
	      "nonblocking writes of 3000 bytes fill 63000 of the 64 KiB, then EAGAIN (%zu)",
	      total);
	static char large[5000];
	error = write_bytes(w, large, sizeof(large), &written);
	check(error == 0 && written == 65536 - 63000,
	      "a larger nonblocking write goes in part (%zu bytes)", written);
	check(write_bytes(w, "x", 1, &written) == EAGAIN, "a full pipe: EAGAIN for one byte");
	check(io_clear_some_openmodes(r, HURD_O_NONBLOCK) == 0 &&
	          io_get_openmodes(r, &modes) == 0 && modes == HURD_O_READ,
	      "io_clear_some_openmodes clears O_NONBLOCK");
	check(io_set_some_openmodes(w, HURD_O_APPEND) == 0 && io_get_openmodes(w, &modes) == 0 &&
	          modes == (HURD_O_WRITE | HURD_O_NONBLOCK | HURD_O_APPEND),
	      "io_set_some_openmodes adds a mode");
	check(io_set_all_openmodes(w, HURD_O_READ) == 0 && io_get_openmodes(w, &modes) == 0 &&
	          modes == HURD_O_WRITE,
	      "io_set_all_openmodes changes only the settable modes");
	close_end(r);
	close_end(w);
}

static void check_select(void)
{
	mach_port_t r, w;
	(void)make_pipe(0, &r, &w);
	int kinds = SELECT_READ;
	double start = now_ms();
	kern_return_t error = io_select(r, (time_spec_t){0, 300000000}, &kinds);
	double waited = now_ms() - start;
	check(error == 0 && kinds == 0 && waited >= 280,
	      "io_select for reading an empty pipe times out after 300 ms with nothing (%.0f ms)",
	      waited);
	kinds = SELECT_READ;
	check(io_select(r, (time_spec_t){0, 0}, &kinds) == 0 && kinds == 0,
	      "io_select with a zero timeout polls: nothing ready");
	kinds = SELECT_WRITE;
	check(io_select(w, (time_spec_t){1, 0}, &kinds) == 0 && kinds == SELECT_WRITE,
	      "the write end of an empty pipe is ready for writing at once");
	size_t written;
	(void)write_bytes(w, "data", 4, &written);
	kinds = SELECT_READ;
	start = now_ms();
	error = io_select(r, (time_spec_t){5, 0}, &kinds);
	check(error == 0 && kinds == SELECT_READ && now_ms() - start < 2000,
	      "io_select on a filled pipe answers readable at once");
	(void)reads(r, "data");

	/* A select that waits is answered when another thread writes. */
	struct writer writer = {.end = w, .bytes = "wake", .size = 4};
	pthread_t thread;
	pthread_create(&thread, NULL, (void *(*)(void *))writer_thread, &writer);
	kinds = SELECT_READ;
	sleep_ms(10);
	error = io_select(r, (time_spec_t){-1, 0}, &kinds);
	pthread_join(thread, NULL);
	check(error == 0 && kinds == SELECT_READ && reads(r, "wake"),
	      "a select without timeout is answered readable when another thread writes");
	close_end(w);
	kinds = SELECT_READ;
	check(io_select(r, (time_spec_t){5, 0}, &kinds) == 0 && kinds == SELECT_READ,
	      "with the write end gone the read end selects readable (end of file)");
	check(io_select(r, (time_spec_t){0, 2000000000}, &kinds) == EINVAL,
	      "io_select with nanoseconds beyond a second: EINVAL");
	close_end(r);
}

/* A 64-bit FNV-1a running over a pattern that is not periodic in 64 KiB. */
static uint64_t hash_bytes(uint64_t hash, const unsigned char *bytes, size_t count)
{
	for (size_t i = 0; i < count; i++)
		hash = (hash ^ bytes[i]) * 0x100000001b3ull;
	return hash;
}

#define TRANSFER (1024 * 1024)
struct transfer {
	mach_port_t end;
	uint64_t hash;
	size_t bytes;
	kern_return_t error;
	size_t calls;
};

static void *transfer_writer(void *opaque)
{
	struct transfer *transfer = opaque;
	static unsigned char chunk[24 * 1024 + 7];
	uint64_t state = 0x9e3779b97f4a7c15ull;
	transfer->hash = 0xcbf29ce484222325ull;
	while (transfer->bytes < TRANSFER && !transfer->error) {
		size_t length = TRANSFER - transfer->bytes < sizeof(chunk)
		                    ? TRANSFER - transfer->bytes
		                    : sizeof(chunk);
		for (size_t i = 0; i < length; i++) {
			state ^= state << 13, state ^= state >> 7, state ^= state << 17;
			chunk[i] = (unsigned char)state;
		}
		size_t done = 0;
		while (done < length && !transfer->error) { /* a large write may go in part */
			size_t written = 0;
			transfer->error =
			    write_bytes(transfer->end, chunk + done, length - done, &written);
			done += written;
			transfer->calls++;
		}
		transfer->hash = hash_bytes(transfer->hash, chunk, done);
		transfer->bytes += done;
	}
	close_end(transfer->end);
	return NULL;
}

static void check_transfer(void)
{
	mach_port_t r, w;
	(void)make_pipe(0, &r, &w);
	struct transfer writer = {.end = w}, reader = {.end = r, .hash = 0xcbf29ce484222325ull};
	pthread_t thread;
	double start = now_ms();
	pthread_create(&thread, NULL, transfer_writer, &writer);
	static char buffer[64 * 1024];
	long count;
	while ((count = read_bytes(r, buffer, sizeof(buffer), &reader.error)) > 0) {
		reader.hash = hash_bytes(reader.hash, (unsigned char *)buffer, (size_t)count);
		reader.bytes += (size_t)count;
		reader.calls++;
	}
	pthread_join(thread, NULL);
	check(!writer.error && !reader.error && count == 0 && reader.bytes == TRANSFER &&
	          writer.bytes == TRANSFER,
	      "1 MiB goes through the 64 KiB buffer between two threads, then end of file");
	check(reader.hash == writer.hash,
	      "the checksums of what was written and what was read agree (%zu reads, %zu writes, "
	      "%.0f ms)",
	      reader.calls, writer.calls, now_ms() - start);
	close_end(r);
}

static void check_duplicate(void)
{
	mach_port_t r, w, copy = MACH_PORT_NULL;
	(void)make_pipe(0, &r, &w);
	check(io_duplicate(w, &copy) == 0 && MACH_PORT_VALID(copy) && copy != w,
	      "io_duplicate gives another port for the write end");
	close_end(w);
	sleep_ms(100);
	size_t written = 0;
	check(write_bytes(copy, "dup", 3, &written) == 0 && written == 3 && reads(r, "dup"),
	      "with the original gone the duplicate still writes");
	struct reader reader = {.end = r, .size = 16};
	pthread_t thread;
	pthread_create(&thread, NULL, reader_thread, &reader);
	sleep_ms(200);
	bool waited = !reader.done;
	close_end(copy);
	pthread_join(thread, NULL);
	check(waited && reader.error == 0 && reader.count == 0,
	      "the duplicate kept the end open: end of file only when it goes too");
	int modes;
	mach_port_t rcopy;
	(void)io_duplicate(r, &rcopy);
	check(io_set_some_openmodes(rcopy, HURD_O_NONBLOCK) == 0 &&
	          io_get_openmodes(r, &modes) == 0 && (modes & HURD_O_NONBLOCK),
	      "a duplicate shares its open modes with the original (as dup does)");
	close_end(rcopy);
	close_end(r);
}

struct selector {
	mach_port_t end;
	int kinds;
	kern_return_t error;
	volatile bool done;
};

static void *selector_thread(void *opaque)
{
	struct selector *selector = opaque;
	selector->error = io_select(selector->end, (time_spec_t){-1, 0}, &selector->kinds);
	selector->done = true;
	return NULL;
}

/* interrupt_operation (hurd/interrupt.defs): the requests kept waiting on the
 * port it names are answered EINTR now; those on other ports wait on. */
static void check_interrupt(void)
{
	check(interrupt_operation(server) == 0,
	      "interrupt_operation on the server object: 0 (nothing waits there)");
	mach_port_t r, w, rcopy = MACH_PORT_NULL;
	(void)make_pipe(0, &r, &w);
	(void)io_duplicate(r, &rcopy);
	struct reader reader = {.end = r, .size = 16};
	pthread_t thread;
	pthread_create(&thread, NULL, reader_thread, &reader);
	int seen[3] = {0};
	bool kept = counts_become(1, 3, 1, seen);
	kern_return_t on_others = interrupt_operation(w);
	kern_return_t on_copy = interrupt_operation(rcopy);
	sleep_ms(200);
	check(kept && on_others == 0 && on_copy == 0 && !reader.done,
	      "interrupt_operation on the write end or on a duplicate of the read end: 0, and "
	      "the read waiting on the read end's port waits on");
	check(interrupt_operation(r) == 0, "interrupt_operation on the read end's port: 0");
	pthread_join(thread, NULL);
	check(reader.error == EINTR && counts_become(1, 3, 0, seen),
	      "the waiting read is answered EINTR by the server, no waiter kept (%d)",
	      reader.error);
	size_t written = 0;
	check(write_bytes(w, "after", 5, &written) == 0 && reads(r, "after"),
	      "the next write reaches the next read: nothing was taken by the interrupted one");

	struct selector selector = {.end = r, .kinds = SELECT_READ};
	pthread_create(&thread, NULL, selector_thread, &selector);
	kept = counts_become(1, 3, 1, seen);
	(void)interrupt_operation(r);
	pthread_join(thread, NULL);
	check(kept && selector.error == EINTR, "a waiting select is answered EINTR (%d)",
	      selector.error);

	/* A write waiting on a full pipe has put nothing: EINTR, and the pipe
	 * holds exactly what it held. */
	static char filling[PIPE_FILL];
	memset(filling, 'f', sizeof(filling));
	size_t filled = 0;
	(void)write_bytes(w, filling, sizeof(filling), &filled);
	struct writer writer = {.end = w, .bytes = "more", .size = 4};
	pthread_create(&thread, NULL, writer_thread, &writer);
	kept = counts_become(1, 3, 1, seen);
	(void)interrupt_operation(w);
	pthread_join(thread, NULL);
	vm_size_t readable = 0;
	(void)io_readable(r, &readable);
	check(kept && filled == sizeof(filling) && writer.error == EINTR && writer.written == 0 &&
	          readable == filled,
	      "a write waiting on a full pipe is answered EINTR and put nothing (%d, %lu buffered)",
	      writer.error, (unsigned long)readable);
	close_end(rcopy);
	close_end(r);
	close_end(w);
}

/* A read whose client gives up (its reply port destroyed) is forgotten: the
 * bytes written next go to the next reader. */
static void check_forgotten_reader(void)
{
	mach_port_t r, w, reply;
	(void)make_pipe(0, &r, &w);
	(void)mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
#pragma pack(push, 4) /* MIG's layout: items at 4-byte boundaries */
	struct {
		mach_msg_header_t head;
		mach_msg_type_t offset_type;
		int64_t offset;
		mach_msg_type_t amount_type;
		uint64_t amount;
	} request = {
	    .head = {.msgh_bits =
	                 MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	             .msgh_size = sizeof(request),
	             .msgh_remote_port = r,
	             .msgh_local_port = reply,
	             .msgh_id = 31001},
	    .offset_type = {MACH_MSG_TYPE_INTEGER_64, 64, 1, 1, 0, 0, 0},
	    .offset = -1,
	    .amount_type = {MACH_MSG_TYPE_INTEGER_64, 64, 1, 1, 0, 0, 0},
	    .amount = 16,
	};
#pragma pack(pop)
	mach_msg_return_t sent = mach_msg(&request.head, MACH_SEND_MSG, sizeof(request), 0,
	                                  MACH_PORT_NULL, 0, MACH_PORT_NULL);
	int seen[3] = {0};
	bool kept = sent == MACH_MSG_SUCCESS && counts_become(1, 2, 1, seen);
	(void)mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE, -1);
	bool forgotten = counts_become(1, 2, 0, seen);
	seen[2] = forgotten ? 0 : seen[2];
	check(kept && forgotten, "a waiting read whose reply port dies is forgotten (waiters %d)",
	      seen[2]);
	size_t written;
	(void)write_bytes(w, "next", 4, &written);
	check(reads(r, "next"), "the bytes written next go to the next reader");
	close_end(r);
	close_end(w);
}

static void check_limit(void)
{
	mach_port_t ends[MAX_PIPES + 1][2];
	int made = 0;
	kern_return_t error = 0;
	/* The earlier checks' pipes go when their ends' no-senders notifications
	 * are handled, a moment after the closes: start from none. */
	int before[3] = {0};
	(void)counts_become(0, 0, 0, before);
	while (made <= MAX_PIPES && !(error = make_pipe(0, &ends[made][0], &ends[made][1])))
		made++;
	check(made == MAX_PIPES && error == ENFILE,
	      "pipe_create beyond --max-pipes=%d is ENFILE (%d made)", MAX_PIPES, made);
	for (int i = 0; i < made; i++)
		close_end(ends[i][0]), close_end(ends[i][1]);
	int seen[3] = {0};
	check(counts_become(0, 0, 0, seen), "closing them frees every pipe");
	error = make_pipe(0, &ends[0][0], &ends[0][1]);
	check(error == 0, "and pipes can be made again");
	if (!error)
		close_end(ends[0][0]), close_end(ends[0][1]);
}

int main(void)
{
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "pipe", &server);
	check(error == 0 && MACH_PORT_VALID(server), "the registry has \"pipe\"");
	if (error)
		return 1;
	check_basics();
	check_waiting_read();
	check_epipe();
	check_nonblocking();
	check_select();
	check_transfer();
	check_duplicate();
	check_forgotten_reader();
	check_interrupt();
	check_limit();
	int seen[3] = {-1, -1, -1};
	bool empty = counts_become(0, 0, 0, seen);
	check(empty, "at the end the server holds no pipe, no end port, no waiter (%d, %d, %d)",
	      seen[0], seen[1], seen[2]);
	printf("pipe_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
