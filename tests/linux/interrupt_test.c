/* Signals that interrupt reads and writes on a pipe lose nothing: a blocked
 * read ends with EINTR or restarts under SA_RESTART, many rounds of a write
 * racing a signal to the reader deliver every byte exactly once, and a write
 * on a full pipe interrupted by a signal is never done twice; a reader on a
 * pipe end shared across fork is not disturbed by another process's signal. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "linux_check.h"

#define ROUNDS       150 /* writes racing a signal, per mode */
#define ROUND_BYTES  700 /* the most one round writes */
#define FULL_WRITE   100 /* the write that waits on a full pipe */
#define TEST_TIMEOUT 100 /* seconds before the program gives up (a hang) */

static atomic_int handled;

static void on_signal(int signal)
{
	(void)signal;
	atomic_fetch_add(&handled, 1);
}

static void catch_usr1(int flags)
{
	struct sigaction action = {.sa_handler = on_signal, .sa_flags = flags};
	sigemptyset(&action.sa_mask);
	if (sigaction(SIGUSR1, &action, NULL) != 0)
		check(false, "sigaction (%d)", errno);
	atomic_store(&handled, 0);
}

static void sleep_us(long us)
{
	struct timespec pause = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&pause, &pause) != 0 && errno == EINTR)
		;
}

/* The byte at offset of the stream the rounds write. */
static unsigned char stream_byte(uint64_t offset)
{
	return (unsigned char)(offset % 251);
}

struct peer {
	pthread_t target; /* the thread signalled */
	int fd;           /* the pipe end the peer writes, or -1 */
	long delay_us;
	unsigned seed;
};

/* After a pause, SIGUSR1 to the target, then (if fd) one byte. */
static void *signal_then_write(void *argument)
{
	struct peer *peer = argument;
	sleep_us(peer->delay_us);
	pthread_kill(peer->target, SIGUSR1);
	if (peer->fd >= 0) {
		sleep_us(peer->delay_us);
		if (write(peer->fd, "x", 1) != 1)
			check(false, "the late write (%d)", errno);
	}
	return NULL;
}

/* A read that waits on an empty pipe: EINTR without SA_RESTART, the data
 * after the handler with it. */
static void blocked_reads(void)
{
	int ends[2];
	check(pipe(ends) == 0, "a pipe (%d)", errno);
	catch_usr1(0);
	struct peer peer = {pthread_self(), -1, 100000, 0};
	pthread_t thread;
	pthread_create(&thread, NULL, signal_then_write, &peer);
	char byte = 0;
	ssize_t count = read(ends[0], &byte, 1);
	int error = errno;
	pthread_join(thread, NULL);
	check(count == -1 && error == EINTR && atomic_load(&handled) == 1,
	      "a blocked pipe read: the handler ran, the read ended with EINTR (%zd, %d)", count,
	      error);
	catch_usr1(SA_RESTART);
	peer.fd = ends[1];
	pthread_create(&thread, NULL, signal_then_write, &peer);
	count = read(ends[0], &byte, 1);
	pthread_join(thread, NULL);
	check(count == 1 && byte == 'x' && atomic_load(&handled) == 1,
	      "under SA_RESTART the read went on after the handler and got the byte (%zd)", count);
	close(ends[0]);
	close(ends[1]);
}

struct racer {
	pthread_t reader;
	int fd;
	uint64_t written;
	atomic_int round;     /* the writer's round, started */
	atomic_int signalled; /* the last round the signaller has signalled */
};

/* A pause of a few microseconds or none, spent running (no sleep). */
static void spin(unsigned *seed)
{
	for (volatile unsigned i = rand_r(seed) % 4000; i > 0; i--)
		;
}

/* Each round, as the writer starts it: after a short pause, SIGUSR1 to the
 * reader, while the writer writes (on another CPU, or interleaved). */
static void *race_signaller(void *argument)
{
	struct racer *racer = argument;
	unsigned seed = 777;
	for (int round = 1; round <= ROUNDS; round++) {
		while (atomic_load(&racer->round) < round)
			sched_yield();
		spin(&seed);
		pthread_kill(racer->reader, SIGUSR1);
		atomic_store(&racer->signalled, round);
	}
	return NULL;
}

/* Each round: the stream's next bytes written after a short pause, at about
 * the moment the signaller signals the reader; then the write end closed. */
static void *race_writer(void *argument)
{
	struct racer *racer = argument;
	unsigned seed = 12345;
	unsigned char bytes[ROUND_BYTES];
	for (int round = 1; round <= ROUNDS; round++) {
		size_t length = 1 + rand_r(&seed) % ROUND_BYTES;
		for (size_t i = 0; i < length; i++)
			bytes[i] = stream_byte(racer->written + i);
		sleep_us(rand_r(&seed) % 2000); /* the reader goes back to its read */
		atomic_store(&racer->round, round);
		spin(&seed);
		size_t done = 0;
		while (done < length) {
			ssize_t count = write(racer->fd, bytes + done, length - done);
			if (count < 0 && errno == EINTR)
				continue;
			if (count <= 0) {
				check(false, "a racing write (%zd, %d)", count, errno);
				break;
			}
			done += (size_t)count;
		}
		racer->written += done;
		while (atomic_load(&racer->signalled) < round)
			sched_yield();
	}
	close(racer->fd);
	return NULL;
}

/* Reads the stream to its end: every byte in order, once. */
static void race(int flags, const char *mode)
{
	int ends[2];
	check(pipe(ends) == 0, "a pipe (%d)", errno);
	catch_usr1(flags);
	struct racer racer = {pthread_self(), ends[1], 0, 0, 0};
	pthread_t writer, signaller;
	pthread_create(&signaller, NULL, race_signaller, &racer);
	pthread_create(&writer, NULL, race_writer, &racer);
	uint64_t got = 0, wrong = 0, interrupted = 0, other_errors = 0;
	unsigned char bytes[4096];
	for (;;) {
		ssize_t count = read(ends[0], bytes, sizeof(bytes));
		if (count == 0)
			break;
		if (count < 0) {
			if (errno == EINTR)
				interrupted++;
			else if (++other_errors > 10)
				break;
			continue;
		}
		for (ssize_t i = 0; i < count; i++)
			if (bytes[i] != stream_byte(got + (uint64_t)i))
				wrong++;
		got += (uint64_t)count;
	}
	pthread_join(writer, NULL);
	pthread_join(signaller, NULL);
	close(ends[0]);
	check(got == racer.written && wrong == 0 && other_errors == 0,
	      "%s: %d writes racing a signal to the reader: %llu bytes written, %llu read, "
	      "%llu out of place, %llu EINTR",
	      mode, ROUNDS, (unsigned long long)racer.written, (unsigned long long)got,
	      (unsigned long long)wrong, (unsigned long long)interrupted);
	check(flags & SA_RESTART ? interrupted == 0 : true,
	      "%s: reads interrupted with EINTR only without SA_RESTART (%llu)", mode,
	      (unsigned long long)interrupted);
	check(atomic_load(&handled) >= 1, "%s: the reader's handler ran (%d times)", mode,
	      atomic_load(&handled));
}

struct full_writer {
	int fd;
	ssize_t result;
	int error;
	atomic_bool writing, done;
};

static void *write_on_full(void *argument)
{
	struct full_writer *writer = argument;
	char bytes[FULL_WRITE];
	memset(bytes, 'w', sizeof(bytes));
	atomic_store(&writer->writing, true);
	writer->result = write(writer->fd, bytes, sizeof(bytes));
	writer->error = errno;
	atomic_store(&writer->done, true);
	return NULL;
}

/* Fills the pipe; a write then waits, a signal interrupts it, the pipe is
 * drained: the bytes read are the filling plus what the write reported. */
static void full_pipe_write(int flags, const char *mode)
{
	int ends[2];
	check(pipe(ends) == 0, "a pipe (%d)", errno);
	catch_usr1(flags);
	int modes = fcntl(ends[1], F_GETFL);
	fcntl(ends[1], F_SETFL, modes | O_NONBLOCK);
	char fill[4096];
	memset(fill, 'f', sizeof(fill));
	uint64_t filled = 0;
	for (;;) {
		ssize_t count = write(ends[1], fill, sizeof(fill));
		if (count <= 0)
			break;
		filled += (uint64_t)count;
	}
	for (;;) { /* the last few bytes, one at a time */
		if (write(ends[1], fill, 1) != 1)
			break;
		filled++;
	}
	fcntl(ends[1], F_SETFL, modes);
	struct full_writer writer = {ends[1], 0, 0, false, false};
	pthread_t thread;
	pthread_create(&thread, NULL, write_on_full, &writer);
	while (!atomic_load(&writer.writing))
		sleep_us(10000);
	/* A signal taken before the write waited does not end it: signalled
	 * again until one does (without SA_RESTART) or once (with it). */
	for (int attempt = 0; attempt < 20; attempt++) {
		sleep_us(200000);
		pthread_kill(thread, SIGUSR1);
		if (flags & SA_RESTART)
			break;
		for (int look = 0; look < 10 && !atomic_load(&writer.done); look++)
			sleep_us(50000);
		if (atomic_load(&writer.done))
			break;
	}
	/* Drain what is there; under SA_RESTART the write goes on meanwhile. */
	uint64_t got = 0;
	char bytes[4096];
	fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK);
	int idle = 0;
	while (idle < 20) {
		ssize_t count = read(ends[0], bytes, sizeof(bytes));
		if (count > 0) {
			got += (uint64_t)count;
			idle = 0;
		} else {
			idle++;
			sleep_us(20000);
		}
	}
	pthread_join(thread, NULL);
	close(ends[1]);
	fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		ssize_t count = read(ends[0], bytes, sizeof(bytes));
		if (count <= 0)
			break;
		got += (uint64_t)count;
	}
	close(ends[0]);
	uint64_t reported = writer.result > 0 ? (uint64_t)writer.result : 0;
	bool allowed = flags & SA_RESTART ? writer.result == FULL_WRITE
	                                  : (writer.result == -1 && writer.error == EINTR) ||
	                                        (writer.result > 0 && writer.result < FULL_WRITE);
	check(allowed && atomic_load(&handled) >= 1,
	      "%s: a write waiting on a full pipe, interrupted: %zd (errno %d), handler ran %d",
	      mode, writer.result, writer.result < 0 ? writer.error : 0, atomic_load(&handled));
	check(got == filled + reported,
	      "%s: the pipe gave the %llu filling bytes and the %llu the write reported, no more "
	      "(%llu)",
	      mode, (unsigned long long)filled, (unsigned long long)reported,
	      (unsigned long long)got);
}

static void on_alarm(int signal)
{
	(void)signal;
}

/* Parent and child read the same pipe end (one port, shared across fork); the
 * child's SIGALRM makes the server end every read kept on that port, the
 * parent's too: the parent, with no signal of its own, reads on and gets the
 * byte the child writes after its EINTR. */
static void shared_port_reads(void)
{
	int ends[2];
	check(pipe(ends) == 0, "a pipe (%d)", errno);
	pid_t child = fork();
	if (child == 0) {
		struct sigaction action = {.sa_handler = on_alarm};
		sigemptyset(&action.sa_mask);
		sigaction(SIGALRM, &action, NULL);
		alarm(1);
		char byte;
		ssize_t count = read(ends[0], &byte, 1);
		int error = errno;
		if (write(ends[1], "c", 1) != 1)
			_exit(3);
		_exit(count == -1 && error == EINTR ? 0 : 2);
	}
	check(child > 0, "fork gives a child (errno %d)", child > 0 ? 0 : errno);
	char byte = 0;
	ssize_t count = read(ends[0], &byte, 1);
	int error = errno;
	int status = -1;
	pid_t waited = child > 0 ? waitpid(child, &status, 0) : -1;
	check(waited == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's read on the shared end ended with EINTR by its SIGALRM (status 0x%x)",
	      status);
	check(count == 1 && byte == 'c',
	      "the parent's read on the same port, ended by the server too, went on and got the "
	      "child's byte (%zd, errno %d)",
	      count, count < 0 ? error : 0);
	close(ends[0]);
	close(ends[1]);
}

int main(void)
{
	alarm(TEST_TIMEOUT); /* a hang ends the program: the test sees it fail */
	blocked_reads();
	race(0, "without SA_RESTART");
	race(SA_RESTART, "with SA_RESTART");
	full_pipe_write(0, "without SA_RESTART");
	full_pipe_write(SA_RESTART, "with SA_RESTART");
	shared_port_reads();
	printf("interrupt: %d checks failed\n", failures);
	return failures ? 1 : 0;
}
