/* The term server's input side: a thread of its own (not a worker of the
 * bucket) reads the serial device, feeds the line discipline, echoes, raises
 * the ISIG characters' signals and answers the reads that wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <device/device.h>
#include <mach.h>
#include "term.h"
#include "term_jobs.h"
#include "term_io_late_reply.h"

int term_device_write(const char *bytes, size_t length)
{
	pthread_mutex_lock(&term.lock);
	bool dead = term.device_dead;
	mach_port_t device = term.device;
	pthread_mutex_unlock(&term.lock);
	if (dead)
		return EIO;
	while (length > 0) {
		io_buf_ptr_inband_t chunk;
		size_t count = length < sizeof(chunk) ? length : sizeof(chunk);
		memcpy(chunk, bytes, count);
		int written = 0;
		kern_return_t result = device_write_inband(device, 0, 0, chunk,
		                                           (mach_msg_type_number_t)count, &written);
		if (result != KERN_SUCCESS || written <= 0)
			return EIO;
		bytes += written;
		length -= (size_t)written;
	}
	return 0;
}

void term_reply_read(mach_port_t reply, kern_return_t error, char *data, size_t count)
{
	/* A client that went away leaves a dead send-once right: released. */
	if (io_read_reply(reply, error, data, (mach_msg_type_number_t)count) != KERN_SUCCESS)
		(void)mach_port_deallocate(mach_task_self(), reply);
}

void term_drop_gone_readers_locked(void)
{
	/* A client whose read was interrupted destroyed its reply port: its kept
	 * send-once right is a dead name now, and its answer must not take the
	 * input the next read waits for. */
	unsigned kept = 0;
	for (unsigned i = 0; i < term.waiting_count; i++) {
		mach_port_type_t type = 0;
		if (mach_port_type(mach_task_self(), term.waiting[i].reply, &type) ==
		        KERN_SUCCESS &&
		    (type & MACH_PORT_TYPE_DEAD_NAME)) {
			(void)mach_port_deallocate(mach_task_self(), term.waiting[i].reply);
			continue;
		}
		term.waiting[kept++] = term.waiting[i];
	}
	term.waiting_count = kept;
}

void term_answer_waiting_locked(void)
{
	term_drop_gone_readers_locked();
	while (term.waiting_count > 0 &&
	       term_discipline_read_ready(&term.discipline, term.waiting[0].amount)) {
		struct term_waiting_read read = term.waiting[0];
		memmove(&term.waiting[0], &term.waiting[1],
		        --term.waiting_count * sizeof(term.waiting[0]));
		char data[TERM_READ_MAX];
		size_t count = term_discipline_read(&term.discipline, data, read.amount);
		term_reply_read(read.reply, 0, data, count);
	}
}

void term_fail_waiting_locked(kern_return_t error)
{
	for (unsigned i = 0; i < term.waiting_count; i++)
		term_reply_read(term.waiting[i].reply, error, NULL, 0);
	term.waiting_count = 0;
}

static const char *signal_name(enum term_signal signal)
{
	return signal == TERM_SIGINT ? "SIGINT" : signal == TERM_SIGQUIT ? "SIGQUIT" : "SIGTSTP";
}

static int signal_number(enum term_signal signal)
{
	return signal == TERM_SIGINT ? 2 : signal == TERM_SIGQUIT ? 3 : 20; /* Linux's */
}

/* The signals a chunk of input raised, for the foreground group they were
 * typed for: posted through proc, or (no proc to post through: a terminal
 * without the herd) logged, and the waiting reads end with EINTR. */
static void raise_signals(const enum term_signal *signals, const int *groups, unsigned count)
{
	if (count == 0)
		return;
	if (term_jobs_have_proc()) {
		for (unsigned i = 0; i < count; i++)
			term_jobs_post(signal_number(signals[i]), groups[i]);
		return;
	}
	for (unsigned i = 0; i < count; i++) {
		printf("term: %s for foreground process group %d (recorded; no proc to deliver "
		       "it through)\n",
		       signal_name(signals[i]), groups[i]);
		fflush(stdout);
	}
	pthread_mutex_lock(&term.lock);
	term_fail_waiting_locked(EINTR);
	pthread_mutex_unlock(&term.lock);
}

/* Runs the discipline over received bytes; the echo goes out after. */
static void take_input(const char *bytes, size_t count)
{
	/* Only this thread runs here. A chunk's echo is bounded: erasures never
	 * exceed what the line held plus the chunk (6 bytes each at most). */
	static char echo[TERM_OUTPUT_MAX];
	static char
	    output[2 * (6 * (TERM_LINE_MAX + sizeof(io_buf_ptr_inband_t)) + TERM_OUTPUT_MAX)];
	size_t output_length = 0;
	enum term_signal signals[TERM_SIGNALS_AT_ONCE];
	int groups[TERM_SIGNALS_AT_ONCE];
	unsigned signal_count = 0;
	pthread_mutex_lock(&term.lock);
	for (size_t i = 0; i < count; i++) {
		size_t length;
		enum term_signal signal =
		    term_discipline_input(&term.discipline, bytes[i], echo, &length);
		if (output_length + 2 * length <= sizeof(output))
			output_length += term_discipline_output(&term.discipline, echo, length,
			                                        output + output_length);
		if (signal != TERM_NO_SIGNAL) {
			/* Posted after the lock is released (RPCs to proc). */
			term.signals_seen++;
			if (signal_count < TERM_SIGNALS_AT_ONCE) {
				signals[signal_count] = signal;
				groups[signal_count++] = term.foreground;
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &term.last_input);
	term_answer_waiting_locked();
	pthread_cond_signal(&term.timer_cond);
	pthread_mutex_unlock(&term.lock);
	if (output_length > 0)
		(void)term_device_write(output, output_length);
	raise_signals(signals, groups, signal_count);
}

void *term_input_thread(void *argument)
{
	(void)argument;
	for (;;) {
		io_buf_ptr_inband_t data;
		mach_msg_type_number_t count = sizeof(data);
		kern_return_t result =
		    device_read_inband(term.device, 0, 0, (int)sizeof(data), data, &count);
		if (result == D_SUCCESS) {
			take_input(data, count <= sizeof(data) ? count : sizeof(data));
			continue;
		}
		pthread_mutex_lock(&term.lock);
		term.device_dead = true;
		term_fail_waiting_locked(EIO);
		pthread_mutex_unlock(&term.lock);
		printf(
		    "term: the serial driver is gone (0x%x); reads and writes now fail with EIO\n",
		    result);
		fflush(stdout);
		return NULL;
	}
}
