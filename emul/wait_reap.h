/* Self-reaping children under SIGCHLD's SIG_IGN or SA_NOCLDWAIT (wait_reap.c). */
#ifndef EMUL_WAIT_REAP_H
#define EMUL_WAIT_REAP_H

#include <stdbool.h>

/* True if SIGCHLD's action says children leave no zombie. */
bool emul_wait_children_reap_themselves(void);
/* Reaps every exited child proc holds, when the action says so. */
void emul_wait_reap_exited(void);

#endif
