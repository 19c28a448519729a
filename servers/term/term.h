/* The term server's state: one terminal on one serial device, its line
 * discipline, the reads waiting for input (answered late) and the device. */
#ifndef TERM_H
#define TERM_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>
#include <ports.h>
#include "term_discipline.h"

#define TERM_MAX_WAITING     32
#define TERM_READ_MAX        2048 /* the most one io_read answers (inline) */
#define TERM_SIGNALS_AT_ONCE 16   /* ISIG characters of one chunk of input acted on */

struct term_waiting_read {
	mach_port_t reply; /* a send-once right */
	size_t amount;
	struct timespec since; /* when it was queued (CLOCK_MONOTONIC) */
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
	struct timespec last_input;  /* when the last byte came (CLOCK_MONOTONIC) */
	pthread_cond_t timer_cond;   /* wakes the timer thread: reads or input changed */
};

extern struct term term;

/* Sends bytes (already post-processed) to the device; 0 or EIO. */
int term_device_write(const char *bytes, size_t length);
/* Sends the late answer of a read (releasing a dead reply right). */
void term_reply_read(mach_port_t reply, kern_return_t error, char *data, size_t count);
/* Forgets waiting reads whose client gave up (its reply port is gone); with
 * term.lock held. */
void term_drop_gone_readers_locked(void);
/* Answers the waiting reads that can be answered now; with term.lock held. */
void term_answer_waiting_locked(void);
/* Answers every waiting read with error; with term.lock held. */
void term_fail_waiting_locked(kern_return_t error);
/* The VTIME timer thread: answers the first waiting read when its time is up
 * (term_timer.c). term_timer_init before any thread starts. */
int term_timer_init(void);
void *term_timer_thread(void *argument);

/* The input thread: reads the device (each read answered late by the driver),
 * runs the discipline, echoes, wakes readers; on the driver's death fails them. */
void *term_input_thread(void *argument);

#endif
