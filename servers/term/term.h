/* The term server's state: one terminal on one serial device, its line
 * discipline, the reads waiting for input (answered late) and the device. */
#ifndef TERM_H
#define TERM_H

#include <pthread.h>
#include <stdbool.h>
#include <ports.h>
#include "term_discipline.h"

#define TERM_MAX_WAITING 32
#define TERM_READ_MAX    2048 /* the most one io_read answers (inline) */

struct term_waiting_read {
	mach_port_t reply; /* a send-once right */
	size_t amount;
};

struct term {
	pthread_mutex_t lock; /* everything below */
	struct term_discipline discipline;
	struct term_waiting_read waiting[TERM_MAX_WAITING];
	unsigned waiting_count;
	mach_port_t device; /* the serial driver's device port */
	bool device_dead;
	int foreground;        /* the foreground process group */
	unsigned signals_seen; /* ISIG characters recognised */
	char nodename[1024];
	bool test_hooks; /* --test-hooks: term_set_nodename("crash-driver") */
	struct ports_bucket *bucket;
	struct ports_object *object; /* the terminal's port */
};

extern struct term term;

/* Sends bytes (already post-processed) to the device; 0 or EIO. */
int term_device_write(const char *bytes, size_t length);
/* Answers the waiting reads that can be answered now; with term.lock held. */
void term_answer_waiting_locked(void);
/* Answers every waiting read with error; with term.lock held. */
void term_fail_waiting_locked(kern_return_t error);
/* The input thread: reads the device (each read answered late by the driver),
 * runs the discipline, echoes, wakes readers; on the driver's death fails them. */
void *term_input_thread(void *argument);

#endif
