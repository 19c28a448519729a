/* The term server's job control (term_jobs.c): the controlling terminal's id
 * port and session, and the terminal's signals to the foreground group. */
#ifndef TERM_JOBS_H
#define TERM_JOBS_H

#include <stdbool.h>
#include <mach.h>

/* Makes the ctty id port and the poster thread; after the bucket exists. */
int term_jobs_init(void);
/* Whether proc is there to post signals through (looked up until found). */
bool term_jobs_have_proc(void);
/* Queues signal for every process of pgrp (never blocks). */
void term_jobs_post(int signal, int pgrp);
/* TIOCSPGRP's check: 0, or EPERM when the terminal belongs to a session and
 * pgrp's live members are of another one (a group without any: 0). */
kern_return_t term_jobs_check_foreground(int pgrp);

#endif
