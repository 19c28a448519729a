/* What a wait reports (wait.c), and the children whose exit waitid saw with
 * WNOWAIT, kept for the next wait (wait_kept.c). */
#ifndef EMUL_WAIT_KEPT_H
#define EMUL_WAIT_KEPT_H

#include <stdbool.h>
#include <stdint.h>
#include <hurd/hurd_types.h>

struct emul_wait_outcome {
	int32_t pid; /* 0: none yet (WNOHANG) */
	int32_t status;
	rusage_t usage;
};

/* A kept child that pid_spec (wait4's pid: > 0, -1, 0 for own_group, -group)
 * names: true and outcome filled; it stays kept only with keep (WNOWAIT). */
bool emul_wait_kept_take(int32_t pid_spec, int32_t own_group, bool keep,
                         struct emul_wait_outcome *outcome);
/* Keeps an exited child proc has reaped (group 0: not known); false if full. */
bool emul_wait_kept_add(int32_t group, const struct emul_wait_outcome *outcome);
/* True if some child is kept (then ECHILD from proc is not the last word). */
bool emul_wait_kept_any(void);
/* fork_child.c: the child keeps none of its parent's. */
void emul_wait_kept_forked(void);

#endif
