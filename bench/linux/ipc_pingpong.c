/* Linux baseline of the null-RPC benchmark: two processes ping-pong through a futex
 * (and through pipes) on one CPU and across two, printing the median round trip in
 * TSC cycles as "bench: pingpong <kind> <placement> median-cycles=N ..." lines. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUND_TRIPS        100000
#define WARMUP_ROUND_TRIPS 2000

/* The futex word: whose turn it is. Both processes map it shared. */
enum turn { CLIENT_TURN = 0, SERVER_TURN = 1 };

struct pingpong {
	const char *kind;
	int (*prepare)(void);
	void (*serve)(unsigned round_trips);
	void (*call)(void); /* one round trip, from the client */
	void (*finish)(void);
};

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

static void die(const char *what)
{
	printf("bench: pingpong: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* --- futex: a shared word, wake the peer then sleep until it is our turn again --- */

static volatile uint32_t *futex_turn;

static long futex(volatile uint32_t *word, int operation, uint32_t value)
{
	/* Not FUTEX_PRIVATE_FLAG: the two processes have different address spaces. */
	return syscall(SYS_futex, word, operation, value, NULL, NULL, 0);
}

static int futex_prepare(void)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return -1;
	futex_turn = page;
	*futex_turn = CLIENT_TURN;
	return 0;
}

/* Hands the turn to `next` and sleeps until the peer hands it back. */
static void futex_pass_turn(uint32_t mine, uint32_t next)
{
	__atomic_store_n(futex_turn, next, __ATOMIC_RELEASE);
	if (futex(futex_turn, FUTEX_WAKE, 1) < 0)
		die("futex wake");
	while (__atomic_load_n(futex_turn, __ATOMIC_ACQUIRE) != mine) {
		if (futex(futex_turn, FUTEX_WAIT, next) < 0 && errno != EAGAIN && errno != EINTR)
			die("futex wait");
	}
}

static void futex_serve(unsigned round_trips)
{
	while (__atomic_load_n(futex_turn, __ATOMIC_ACQUIRE) != SERVER_TURN) {
		if (futex(futex_turn, FUTEX_WAIT, CLIENT_TURN) < 0 && errno != EAGAIN &&
		    errno != EINTR)
			die("futex wait");
	}
	for (unsigned i = 1; i < round_trips; i++)
		futex_pass_turn(SERVER_TURN, CLIENT_TURN);
	/* The last reply: hand the turn back without waiting for another request. */
	__atomic_store_n(futex_turn, CLIENT_TURN, __ATOMIC_RELEASE);
	if (futex(futex_turn, FUTEX_WAKE, 1) < 0)
		die("futex wake");
}

static void futex_call(void)
{
	futex_pass_turn(CLIENT_TURN, SERVER_TURN);
}

static void futex_finish(void)
{
	munmap((void *)futex_turn, 4096);
}

/* --- pipes: one byte each way --- */

static int request_pipe[2], reply_pipe[2];

static int pipe_prepare(void)
{
	if (pipe(request_pipe) != 0)
		return -1;
	if (pipe(reply_pipe) != 0) {
		close(request_pipe[0]);
		close(request_pipe[1]);
		return -1;
	}
	return 0;
}

static void transfer_byte(int from, int to)
{
	char byte = 0;
	ssize_t done;

	while ((done = read(from, &byte, 1)) < 0 && errno == EINTR)
		;
	if (done != 1)
		die("pipe read");
	while ((done = write(to, &byte, 1)) < 0 && errno == EINTR)
		;
	if (done != 1)
		die("pipe write");
}

static void pipe_serve(unsigned round_trips)
{
	for (unsigned i = 0; i < round_trips; i++)
		transfer_byte(request_pipe[0], reply_pipe[1]);
}

static void pipe_call(void)
{
	char byte = 1;
	ssize_t done;

	while ((done = write(request_pipe[1], &byte, 1)) < 0 && errno == EINTR)
		;
	if (done != 1)
		die("pipe write");
	while ((done = read(reply_pipe[0], &byte, 1)) < 0 && errno == EINTR)
		;
	if (done != 1)
		die("pipe read");
}

static void pipe_finish(void)
{
	close(request_pipe[0]);
	close(request_pipe[1]);
	close(reply_pipe[0]);
	close(reply_pipe[1]);
}

/* --- measurement --- */

static void pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		die("sched_setaffinity");
}

static int compare_cycles(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Runs the ping-pong with the client on client_cpu and the server on server_cpu and
 * prints its line; returns 0 on success. */
static int measure(const struct pingpong *pingpong, const char *placement, int client_cpu,
                   int server_cpu, uint64_t *cycles)
{
	const unsigned total = WARMUP_ROUND_TRIPS + ROUND_TRIPS;

	if (pingpong->prepare() != 0)
		die(pingpong->kind);
	fflush(stdout);
	pid_t server = fork();
	if (server < 0)
		die("fork");
	if (server == 0) {
		pin_to_cpu(server_cpu);
		int cpu_at_start = sched_getcpu();
		pingpong->serve(total);
		printf("bench: pingpong %s %s server-cpus=%d,%d\n", pingpong->kind, placement,
		       cpu_at_start, sched_getcpu());
		fflush(stdout);
		_exit(0);
	}
	pin_to_cpu(client_cpu);
	int cpu_at_start = sched_getcpu();
	for (unsigned i = 0; i < WARMUP_ROUND_TRIPS; i++)
		pingpong->call();
	for (unsigned i = 0; i < ROUND_TRIPS; i++) {
		uint64_t start = read_tsc();
		pingpong->call();
		cycles[i] = read_tsc() - start;
	}
	int cpu_at_end = sched_getcpu();

	int status;
	while (waitpid(server, &status, 0) < 0) {
		if (errno != EINTR)
			die("waitpid");
	}
	pingpong->finish();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("bench: pingpong %s %s: server failed (wait status 0x%x)\n", pingpong->kind,
		       placement, status);
		return -1;
	}
	qsort(cycles, ROUND_TRIPS, sizeof(cycles[0]), compare_cycles);
	printf("bench: pingpong %s %s median-cycles=%llu min-cycles=%llu p90-cycles=%llu "
	       "round-trips=%u client-cpus=%d,%d\n",
	       pingpong->kind, placement, (unsigned long long)cycles[ROUND_TRIPS / 2],
	       (unsigned long long)cycles[0], (unsigned long long)cycles[ROUND_TRIPS * 9 / 10],
	       ROUND_TRIPS, cpu_at_start, cpu_at_end);
	return 0;
}

int main(void)
{
	static const struct pingpong pingpongs[] = {
	    {"futex", futex_prepare, futex_serve, futex_call, futex_finish},
	    {"pipe", pipe_prepare, pipe_serve, pipe_call, pipe_finish},
	};
	static uint64_t cycles[ROUND_TRIPS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int failures = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("bench: pingpong cpus-online=%ld\n", cpus);
	for (size_t i = 0; i < sizeof(pingpongs) / sizeof(pingpongs[0]); i++) {
		failures += measure(&pingpongs[i], "same-cpu", 0, 0, cycles) != 0;
		if (cpus >= 2)
			failures += measure(&pingpongs[i], "cross-cpu", 0, 1, cycles) != 0;
		else
			printf("bench: pingpong %s cross-cpu unavailable: one CPU online\n",
			       pingpongs[i].kind);
	}
	return failures ? 1 : 0;
}
