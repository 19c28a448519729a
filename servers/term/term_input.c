/* The term server's input side: a thread of its own (not a worker of the
 * bucket) reads the serial device, feeds the line discipline, echoes, records
 * ISIG characters and answers the reads that wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <device/device.h>
#include "term.h"
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

void term_answer_waiting_locked(void)
{
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

/* Runs the discipline over received bytes; the echo goes out after. */
static void take_input(const char *bytes, size_t count)
{
	/* Only this thread runs here. A chunk's echo is bounded: erasures never
	 * exceed what the line held plus the chunk (6 bytes each at most). */
	static char echo[TERM_OUTPUT_MAX];
	static char
	    output[2 * (6 * (TERM_LINE_MAX + sizeof(io_buf_ptr_inband_t)) + TERM_OUTPUT_MAX)];
	size_t output_length = 0;
	pthread_mutex_lock(&term.lock);
	for (size_t i = 0; i < count; i++) {
		size_t length;
		enum term_signal signal =
		    term_discipline_input(&term.discipline, bytes[i], echo, &length);
		if (output_length + 2 * length <= sizeof(output))
			output_length += term_discipline_output(&term.discipline, echo, length,
			                                        output + output_length);
		if (signal != TERM_NO_SIGNAL) {
			/* No msg interface and no signal delivery yet: the event is
			 * recorded, logged, and the reads in progress end with EINTR,
			 * as a read interrupted by the signal would. */
			term.signals_seen++;
			printf(
			    "term: %s for foreground process group %d (recorded; signals are not "
			    "delivered yet)\n",
			    signal_name(signal), term.foreground);
			fflush(stdout);
			term_fail_waiting_locked(EINTR);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &term.last_input);
	term_answer_waiting_locked();
	pthread_cond_signal(&term.timer_cond);
	pthread_mutex_unlock(&term.lock);
	if (output_length > 0)
		(void)term_device_write(output, output_length);
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
