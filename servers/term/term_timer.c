/* The term server's VTIME timer: a thread of its own that answers the first
 * waiting non-canonical read when VTIME tenths of a second have passed — since
 * the read came (VMIN 0) or since the last byte, once one is there (VMIN > 0). */
#include <errno.h>
#include <termios.h>
#include "term.h"

static int64_t nanoseconds(const struct timespec *time)
{
	return (int64_t)time->tv_sec * 1000000000 + time->tv_nsec;
}

/* When the first waiting read times out, or -1 if it does not (now). */
static int64_t deadline_locked(void)
{
	const struct hurd_termios *t = &term.discipline.attributes;
	unsigned vtime = t->control_chars[VTIME];
	if (term.waiting_count == 0 || (t->local_flags & ICANON) || vtime == 0)
		return -1;
	int64_t timeout = (int64_t)vtime * 100000000;
	if (t->control_chars[VMIN] == 0)
		return nanoseconds(&term.waiting[0].since) + timeout;
	if (term_discipline_readable(&term.discipline) == 0)
		return -1;
	return nanoseconds(&term.last_input) + timeout;
}

int term_timer_init(void)
{
	pthread_condattr_t attributes;
	int error = pthread_condattr_init(&attributes);
	if (!error)
		error = pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
	if (!error)
		error = pthread_cond_init(&term.timer_cond, &attributes);
	return error;
}

void *term_timer_thread(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&term.lock);
	for (;;) {
		int64_t deadline = deadline_locked();
		if (deadline < 0) {
			pthread_cond_wait(&term.timer_cond, &term.lock);
			continue;
		}
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (nanoseconds(&now) < deadline) {
			struct timespec until = {.tv_sec = deadline / 1000000000,
			                         .tv_nsec = deadline % 1000000000};
			(void)pthread_cond_timedwait(&term.timer_cond, &term.lock, &until);
			continue; /* things may have changed: look again */
		}
		/* Time is up: the read gets what there is, maybe nothing. */
		struct term_waiting_read read = term.waiting[0];
		term.waiting_count--;
		for (unsigned i = 0; i < term.waiting_count; i++)
			term.waiting[i] = term.waiting[i + 1];
		char data[TERM_READ_MAX];
		size_t count = term_discipline_read(&term.discipline, data, read.amount);
		term_reply_read(read.reply, 0, data, count);
		term_answer_waiting_locked();
	}
	return NULL;
}
