/* The term server's io and term routines for its one terminal port: reads
 * that wait keep the reply port and are answered late, writes are
 * post-processed and sent to the serial driver. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <device/device.h>
#include <hurd/io_server.h>
#include <hurd/term_server.h>
#include <wildebeest/serial.h>
#include "term.h"
#include "term_jobs.h"
#include "term_io_late_server.h"

static bool is_terminal(void)
{
	return term.object != NULL && ports_rpc_object() == term.object;
}

kern_return_t S_term_io_read(io_t io_object, reply_port_t reply, data_t *data,
                             mach_msg_type_number_t *dataCnt, hurd_off_t offset, vm_size_t amount)
{
	(void)io_object;
	(void)offset; /* a terminal has no position */
	if (!is_terminal())
		return EOPNOTSUPP;
	size_t wanted = amount < TERM_READ_MAX ? amount : TERM_READ_MAX;
	if (wanted > *dataCnt)
		wanted = *dataCnt;
	kern_return_t result = 0;
	pthread_mutex_lock(&term.lock);
	term_drop_gone_readers_locked();
	if (term.device_dead) {
		result = EIO;
	} else if (wanted == 0) {
		*dataCnt = 0; /* a read of nothing never waits */
	} else if (term.waiting_count == 0 &&
	           term_discipline_read_ready(&term.discipline, wanted)) {
		*dataCnt =
		    (mach_msg_type_number_t)term_discipline_read(&term.discipline, *data, wanted);
	} else if (term.waiting_count == TERM_MAX_WAITING || !MACH_PORT_VALID(reply)) {
		result = EAGAIN;
	} else {
		struct term_waiting_read read = {.reply = reply, .amount = wanted};
		clock_gettime(CLOCK_MONOTONIC, &read.since);
		term.waiting[term.waiting_count++] = read;
		pthread_cond_signal(&term.timer_cond);
		result = MIG_NO_REPLY;
	}
	pthread_mutex_unlock(&term.lock);
	return result;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	(void)io_object;
	(void)offset;
	if (!is_terminal())
		return EOPNOTSUPP;
	char *output = malloc(2 * (size_t)dataCnt + 1);
	if (!output)
		return ENOMEM;
	pthread_mutex_lock(&term.lock);
	size_t length = term_discipline_output(&term.discipline, data, dataCnt, output);
	pthread_mutex_unlock(&term.lock);
	int error = term_device_write(output, length);
	free(output);
	if (!error)
		*amount = dataCnt;
	return error;
}

kern_return_t S_io_readable(io_t io_object, vm_size_t *amount)
{
	(void)io_object;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	bool dead = term.device_dead;
	*amount = term_discipline_readable(&term.discipline);
	pthread_mutex_unlock(&term.lock);
	return dead ? EIO : 0;
}

kern_return_t S_io_seek(io_t io_object, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	(void)io_object;
	(void)offset;
	(void)whence;
	(void)newp;
	return is_terminal() ? ESPIPE : EOPNOTSUPP;
}

kern_return_t S_io_get_openmodes(io_t io_object, int *bits)
{
	(void)io_object;
	if (!is_terminal())
		return EOPNOTSUPP;
	*bits = HURD_O_READ | HURD_O_WRITE;
	return 0;
}

kern_return_t S_term_get_attributes(term_t terminal, termios_t *attributes)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	*attributes = term.discipline.attributes;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_set_attributes(term_t terminal, int when, termios_t attributes)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	if (when != TERM_SET_NOW && when != TERM_SET_DRAIN && when != TERM_SET_FLUSH)
		return EINVAL;
	/* Output is written through at once: there is never anything to drain. */
	pthread_mutex_lock(&term.lock);
	term_discipline_set_attributes(&term.discipline, &attributes);
	if (when == TERM_SET_FLUSH)
		term_discipline_flush_input(&term.discipline);
	term_answer_waiting_locked(); /* a new VMIN may satisfy a waiting read */
	pthread_cond_signal(&term.timer_cond);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_get_window_size(term_t terminal, winsize_t *size)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	*size = term.discipline.window;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_set_window_size(term_t terminal, winsize_t size)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	winsize_t old = term.discipline.window;
	bool changed = memcmp(&old, &size, sizeof(size)) != 0;
	term.discipline.window = size;
	int foreground = term.foreground;
	pthread_mutex_unlock(&term.lock);
	if (changed)
		term_jobs_post(28 /* Linux's SIGWINCH */, foreground);
	return 0;
}

kern_return_t S_term_flush(term_t terminal, int queues)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	if (queues & ~(TERM_FLUSH_INPUT | TERM_FLUSH_OUTPUT))
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	if (queues & TERM_FLUSH_INPUT)
		term_discipline_flush_input(&term.discipline);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_drain(term_t terminal, mach_port_t reply)
{
	(void)terminal;
	(void)reply;
	return is_terminal() ? 0 : EOPNOTSUPP; /* output is never queued here */
}

kern_return_t S_term_get_foreground(term_t terminal, hurd_pid_t *pgrp)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	*pgrp = term.foreground;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_set_foreground(term_t terminal, hurd_pid_t pgrp)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	if (pgrp <= 0)
		return EINVAL;
	kern_return_t refused = term_jobs_check_foreground(pgrp);
	if (refused)
		return refused;
	pthread_mutex_lock(&term.lock);
	term.foreground = pgrp;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_set_nodename(term_t terminal, const_string_t name)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	if (term.test_hooks && strcmp(name, "crash-driver") == 0) {
		/* Test hook (--test-hooks): the serial driver crashes, so that a test
		 * can show term's clients getting errors rather than hanging. */
		(void)device_set_status(term.device, SERIAL_CRASH, NULL, 0);
		return 0;
	}
	pthread_mutex_lock(&term.lock);
	snprintf(term.nodename, sizeof(term.nodename), "%s", name);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t S_term_get_nodename(term_t terminal, string_t name)
{
	(void)terminal;
	if (!is_terminal())
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	snprintf(name, sizeof(string_t), "%s", term.nodename);
	pthread_mutex_unlock(&term.lock);
	return 0;
}
