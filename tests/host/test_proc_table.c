/* Host unit test of the proc server's process table (servers/proc/proc_table.c):
 * pids, adoption, groups and sessions, wait matching, zombies and init. */
#include <errno.h>
#include <string.h>
#include "proc_table.h"
#include "tap.h"

int main(void)
{
	struct proc_table table;
	CHECK(proc_table_init(&table) == 0 && table.count == 1, "init exists alone");
	struct proc_record *init = proc_table_find(&table, PROC_INIT_PID);
	CHECK(init && init->pgrp == 1 && init->sid == 1,
	      "init is pid 1, its own group and session");

	struct proc_record *shell = proc_table_add(&table, init, 100);
	struct proc_record *child = proc_table_add(&table, shell, 101);
	CHECK(shell && child && shell->pid == 2 && child->pid == 3, "pids are given in order");
	CHECK(child->ppid == shell->pid && child->pgrp == shell->pgrp && child->sid == 1,
	      "a child inherits its parent's group and session");
	CHECK(proc_table_find_task(&table, 101) == child, "a task finds its process");
	CHECK(proc_table_find(&table, 999) == NULL, "an unknown pid finds nothing");

	struct proc_record *stray = proc_table_add(&table, init, 102);
	CHECK(proc_table_adopt(&table, shell, stray) == 0 && stray->ppid == shell->pid,
	      "a process of init's can be adopted");
	CHECK(proc_table_adopt(&table, child, stray) == EBUSY, "another parent's child cannot");
	CHECK(proc_table_adopt(&table, shell, shell) == EBUSY, "nor a process itself");
	struct proc_record *loner = proc_table_add(&table, init, 106);
	struct proc_record *loner_child = proc_table_add(&table, loner, 107);
	CHECK(proc_table_adopt(&table, loner_child, loner) == EBUSY,
	      "nor a process by its own descendant");
	proc_table_remove(&table, loner_child);
	proc_table_remove(&table, loner);

	proc_pid_t sid = 0;
	CHECK(proc_table_setsid(&table, shell, &sid) == 0 && sid == shell->pid &&
	          shell->pgrp == shell->pid,
	      "setsid makes a new session and group");
	CHECK(proc_table_setsid(&table, shell, &sid) == EPERM, "a group leader cannot setsid");
	CHECK(proc_table_setpgrp(&table, shell, child->pid, 0) == EPERM,
	      "setpgid into another session is refused");
	CHECK(proc_table_setpgrp(&table, child, 0, 0) == 0 && child->pgrp == child->pid,
	      "a process makes its own group");
	CHECK(proc_table_setpgrp(&table, child, 0, shell->pid) == EPERM,
	      "no joining a group of another session");
	CHECK(proc_table_setpgrp(&table, child, 0, 555) == EPERM, "no joining a group that is not");
	CHECK(proc_table_setpgrp(&table, child, init->pid, 0) == ESRCH,
	      "setpgid on a non-child is ESRCH");
	CHECK(proc_table_setpgrp(&table, shell, 0, 0) == EPERM, "a session leader cannot move");
	CHECK(proc_table_setpgrp(&table, shell, stray->pid, 0) == EPERM,
	      "a child in another session cannot move");
	CHECK(proc_table_setpgrp(&table, shell, -1, 0) == EINVAL, "a negative pid is EINVAL");

	struct proc_record *zombie = NULL;
	struct proc_record *kid = proc_table_add(&table, shell, 103);
	CHECK(proc_table_find_waitable(&table, shell, -1, &zombie) == EAGAIN,
	      "a live child makes wait wait");
	CHECK(proc_table_find_waitable(&table, shell, 999, &zombie) == ECHILD,
	      "waiting for a non-child is ECHILD");
	CHECK(proc_table_find_waitable(&table, init, -1, &zombie) == EAGAIN, "init has children");
	proc_table_mark_exit(kid, 7 << 8, 0);
	CHECK(proc_table_find_waitable(&table, shell, kid->pid, &zombie) == EAGAIN,
	      "a marked exit is not death");
	proc_table_task_died(&table, kid);
	CHECK(proc_table_find_waitable(&table, shell, kid->pid, &zombie) == 0 && zombie == kid &&
	          zombie->status == (7 << 8),
	      "a dead child is found with its marked status");
	CHECK(proc_table_find_waitable(&table, shell, 0, &zombie) == 0,
	      "pid 0 matches the waiter's group");
	CHECK(proc_table_find_waitable(&table, shell, -shell->pgrp, &zombie) == 0,
	      "-pgrp matches that group");
	CHECK(proc_table_find_waitable(&table, shell, -4242, &zombie) == ECHILD,
	      "-pgrp of another group matches nothing");
	proc_table_remove(&table, kid);
	proc_table_task_died(&table, stray);
	CHECK(stray->status == PROC_KILLED_STATUS, "a death without mark is a kill");

	struct proc_record *grandchild = proc_table_add(&table, stray, 104);
	CHECK(grandchild == NULL || grandchild->ppid == stray->pid, "a dead parent's child");
	proc_table_task_died(&table, stray);
	CHECK(grandchild && grandchild->ppid == PROC_INIT_PID,
	      "children of a dying parent go to init");
	CHECK(proc_table_find_waitable(&table, shell, stray->pid, &zombie) == 0,
	      "the zombie stays for its parent");
	proc_table_remove(&table, stray);
	proc_table_task_died(&table, grandchild);
	CHECK(proc_table_init_zombie(&table) == grandchild, "init's zombies are found");
	proc_table_remove(&table, grandchild);
	CHECK(proc_table_init_zombie(&table) == NULL, "and none after reaping");

	struct proc_record *job = proc_table_add(&table, shell, 105);
	CHECK(job && proc_table_setpgrp(&table, shell, job->pid, 0) == 0 &&
	          !proc_table_pgrp_orphaned(&table, job->pgrp),
	      "a group with a parent outside it in the session is not orphaned");
	CHECK(proc_table_pgrp_orphaned(&table, child->pgrp),
	      "a group whose parent left the session is orphaned");
	struct proc_record *next_in_job = proc_table_add(&table, shell, 106);
	proc_table_task_died(&table, job);
	CHECK(next_in_job && proc_table_setpgrp(&table, next_in_job, 0, job->pgrp) == 0 &&
	          next_in_job->pgrp == job->pgrp,
	      "a group whose only member is a zombie can still be joined (a pipeline's ended first "
	      "command)");
	proc_table_remove(&table, next_in_job);
	proc_table_remove(&table, job);

	static char big[PROC_ARGS_MAX + 1];
	CHECK(proc_table_set_args(child, "a\0b", 4, "X=1", 4) == 0 && child->args_length == 4 &&
	          memcmp(child->env, "X=1", 4) == 0,
	      "argv and env are stored");
	CHECK(proc_table_set_args(child, big, sizeof(big), "", 0) == E2BIG &&
	          child->args_length == 4,
	      "too long arguments are refused and the old kept");
	proc_pid_t pids[8];
	size_t count = proc_table_pids(&table, pids, 8);
	CHECK(count == 3 && pids[0] == 1 && pids[1] == 2 && pids[2] == 3,
	      "getallpids lists init, shell and child");

	table.last_pid = PROC_PID_MAX - 1;
	struct proc_record *last = proc_table_add(&table, init, 0);
	struct proc_record *wrapped = proc_table_add(&table, init, 0);
	CHECK(last && last->pid == PROC_PID_MAX && wrapped && wrapped->pid == 4,
	      "pids wrap around to the first one free (%d)", wrapped ? wrapped->pid : 0);
	/* Job control: a stop and a continue, each reported once to the parent. */
	struct proc_record *jobs_parent = proc_table_add(&table, init, 300);
	struct proc_record *jobs_child = proc_table_add(&table, jobs_parent, 301);
	struct proc_record *changed = NULL;
	int status = 0;
	CHECK(!proc_table_take_wait_event(&table, jobs_parent, jobs_child->pid,
	                                  PROC_TABLE_WAIT_UNTRACED, &changed, &status),
	      "a running child has no stop to report");
	proc_table_mark_stop(jobs_child, 20);
	CHECK(!proc_table_take_wait_event(&table, jobs_parent, -1, 0, &changed, &status),
	      "a stop is not reported without UNTRACED");
	CHECK(proc_table_take_wait_event(&table, jobs_parent, -1, PROC_TABLE_WAIT_UNTRACED,
	                                 &changed, &status) &&
	          changed == jobs_child && status == (20 << 8 | 0x7f),
	      "UNTRACED reports the stop: SIGTSTP << 8 | 0x7f (0x%x)", status);
	CHECK(!proc_table_take_wait_event(&table, jobs_parent, -1, PROC_TABLE_WAIT_UNTRACED,
	                                  &changed, &status),
	      "the stop is reported once");
	CHECK(proc_table_mark_cont(jobs_child) && !proc_table_mark_cont(jobs_child),
	      "a continue counts only for a stopped process");
	CHECK(proc_table_take_wait_event(&table, jobs_parent, jobs_child->pid,
	                                 PROC_TABLE_WAIT_CONTINUED, &changed, &status) &&
	          status == 0xffff,
	      "CONTINUED reports the continue: 0xffff");
	proc_pid_t members[4];
	CHECK(proc_table_pgrp_pids(&table, jobs_parent->pgrp, members, 4) >= 3,
	      "a group's pids are listed");
	CHECK(proc_table_pgrp_pids(&table, 29999, members, 4) == 0, "an empty group has none");
	proc_table_destroy(&table);
	CHECK(table.count == 0, "the table is freed");
	return tap_finish();
}
