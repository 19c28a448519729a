/* Linux baseline of the out-of-line benchmark (bench/vm.sh): 1 MiB written into a pipe to a
 * forked child that reads it all and answers one byte, per round trip, in TSC cycles. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "vm_baseline.h"

#define WORKLOAD       "vm-pipe-1mib"
#define TRANSFER_SIZE  (1u << 20)
#define TRANSFER_PAGES (TRANSFER_SIZE / VM_BASELINE_PAGE_SIZE)
#define WARMUP_CALLS   10
#define CALLS          200

static uint8_t buffer[TRANSFER_SIZE] __attribute__((aligned(VM_BASELINE_PAGE_SIZE)));

static void write_all(int fd, const uint8_t *data, size_t size)
{
	while (size > 0) {
		ssize_t done = write(fd, data, size);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			vm_baseline_die(WORKLOAD, "write");
		data += done;
		size -= (size_t)done;
	}
}

/* Reads exactly size bytes; false at end of file before any byte. */
static int read_all(int fd, uint8_t *data, size_t size)
{
	size_t got = 0;

	while (got < size) {
		ssize_t done = read(fd, data + got, size - got);
		if (done < 0 && errno == EINTR)
			continue;
		if (done == 0 && got == 0)
			return 0;
		if (done <= 0)
			vm_baseline_die(WORKLOAD, "read");
		got += (size_t)done;
	}
	return 1;
}

/* The child: until the request pipe closes, receives 1 MiB, answers one byte. */
static void serve(int requests, int replies)
{
	while (read_all(requests, buffer, TRANSFER_SIZE)) {
		uint32_t sum = 0;
		for (uint32_t page = 0; page < TRANSFER_PAGES; page++)
			sum += buffer[(uint64_t)page * VM_BASELINE_PAGE_SIZE];
		uint8_t reply = (uint8_t)sum;
		write_all(replies, &reply, 1);
	}
	_exit(0);
}

/* One round trip; the reply must be the low byte of expected. */
static uint64_t transfer(int requests, int replies, uint32_t expected)
{
	uint8_t reply;
	uint64_t start = read_tsc();

	write_all(requests, buffer, TRANSFER_SIZE);
	if (!read_all(replies, &reply, 1))
		vm_baseline_die(WORKLOAD, "the child closed its pipe");
	uint64_t cycles = read_tsc() - start;
	if (reply != (uint8_t)expected) {
		printf("bench: linux %s: the child read sum %u, not %u\n", WORKLOAD, reply,
		       (uint8_t)expected);
		exit(1);
	}
	return cycles;
}

int main(void)
{
	static uint64_t cycles[CALLS];
	int request_pipe[2], reply_pipe[2], status;
	uint32_t expected = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (uint32_t page = 0; page < TRANSFER_PAGES; page++) {
		uint8_t value = (uint8_t)(page * 7 + 1);
		buffer[(uint64_t)page * VM_BASELINE_PAGE_SIZE] = value;
		expected += value;
	}
	if (pipe(request_pipe) != 0 || pipe(reply_pipe) != 0)
		vm_baseline_die(WORKLOAD, "pipe");
	int pipe_size = fcntl(request_pipe[1], F_GETPIPE_SZ);
	fflush(stdout);
	pid_t child = fork();
	if (child < 0)
		vm_baseline_die(WORKLOAD, "fork");
	if (child == 0) {
		close(request_pipe[1]);
		close(reply_pipe[0]);
		serve(request_pipe[0], reply_pipe[1]);
	}
	close(request_pipe[0]);
	close(reply_pipe[1]);
	for (unsigned i = 0; i < WARMUP_CALLS; i++)
		transfer(request_pipe[1], reply_pipe[0], expected);
	for (unsigned i = 0; i < CALLS; i++)
		cycles[i] = transfer(request_pipe[1], reply_pipe[0], expected);
	close(request_pipe[1]);
	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR)
			vm_baseline_die(WORKLOAD, "waitpid");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("bench: linux %s: the child failed (wait status 0x%x)\n", WORKLOAD, status);
		return 1;
	}
	struct vm_baseline_summary summary = vm_baseline_summarize(cycles, CALLS);
	printf("bench: linux %s median-cycles=%llu min-cycles=%llu max-cycles=%llu bytes=%u "
	       "calls=%u pipe-size=%d\n",
	       WORKLOAD, (unsigned long long)summary.median, (unsigned long long)summary.minimum,
	       (unsigned long long)summary.maximum, TRANSFER_SIZE, CALLS, pipe_size);
	return 0;
}
