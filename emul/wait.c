/* wait4, waitid and getrusage. A wait takes a child waitid kept for WNOWAIT
 * first (wait_kept.c), then asks proc (proc_wait, always with
 * PROC_WAIT_NOHANG) and, while no child has changed, sleeps on a word that
 * proc's SIGCHLD (msgport.c) bumps and wakes, in slices of
 * EMUL_SIGNAL_POLL_MS, as a wait a signal ends (-EINTR, or a restart under
 * SA_RESTART). The reply is never left with proc: a wait given up for a
 * signal cannot lose a child's status that proc had already sent. */
#include <mach.h>
#include <hurd/hurd_types.h>
#include <wildebeest/gsync.h>
#include "emul.h"
#include "fork.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "syscalls.h"
#include "timed_proc.h"
#include "wait_kept.h"
#include "wait_reap.h"
#include "lib/kstring.h"

#define PROC_TIMEOUT_MS 5000

/* Linux's numbers: <linux/wait.h>, <asm-generic/siginfo.h>, <linux/resource.h>. */
#ifndef LINUX_ECHILD
#define LINUX_ECHILD 10
#endif
#define LINUX_WNOHANG         0x00000001
#define LINUX_WUNTRACED       0x00000002 /* WSTOPPED for waitid */
#define LINUX_WEXITED         0x00000004
#define LINUX_WCONTINUED      0x00000008
#define LINUX_WNOWAIT         0x01000000
#define LINUX_WNOTHREAD       0x20000000
#define LINUX_WALL            0x40000000
#define LINUX_WCLONE          0x80000000
#define LINUX_P_ALL           0
#define LINUX_P_PID           1
#define LINUX_P_PGID          2
#define LINUX_CLD_EXITED      1
#define LINUX_CLD_KILLED      2
#define LINUX_CLD_DUMPED      3
#define LINUX_CLD_STOPPED     5
#define LINUX_CLD_CONTINUED   6
#define LINUX_SIGCONT         18
#define LINUX_RUSAGE_SELF     0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_THREAD   1

struct linux_timeval {
	int64_t seconds, microseconds;
};
struct linux_rusage {
	struct linux_timeval user_time, system_time;
	int64_t max_rss, shared_rss, unshared_data, unshared_stack, minor_faults, major_faults,
	    swaps, blocks_in, blocks_out, messages_sent, messages_received, signals,
	    voluntary_switches, involuntary_switches;
};
_Static_assert(sizeof(struct linux_rusage) == 144, "struct rusage is 144 bytes");

static volatile uint32_t children_changed; /* bumped at each SIGCHLD from proc */

void emul_wait_children_changed(void)
{
	emul_wait_reap_exited(); /* before the waits wake: they must not see them */
	__atomic_add_fetch(&children_changed, 1, __ATOMIC_ACQ_REL);
	(void)gsync_wake(mach_task_self(), (vm_address_t)&children_changed, 0, GSYNC_BROADCAST);
}

/* Our process group, for a wait of our own group (0: not known). */
static int32_t own_group(mach_port_t proc)
{
	hurd_pid_t group = 0;
	if (timed_proc_getpgrp(proc, PROC_TIMEOUT_MS, emul_process.pid, &group) != KERN_SUCCESS)
		return 0;
	return group;
}

/* A child exit (not a stop or continue) in a Linux wait status. */
static bool is_exit(int32_t status)
{
	return (status & 0xff) != 0x7f && status != 0xffff;
}

/* proc_wait until a child matching pid_spec changed, a signal comes (-EINTR)
 * or, with nohang, at once. With keep (WNOWAIT) an exit stays for the next
 * wait (wait_kept.c; proc has reaped it). */
static long wait_for_child(int32_t pid_spec, int proc_options, bool nohang, bool keep,
                           struct emul_wait_outcome *outcome)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return -LINUX_ECHILD; /* without proc no process has children */
	int32_t group = pid_spec < -1 ? -pid_spec : 0;
	if (pid_spec == 0 && emul_wait_kept_any())
		group = own_group(proc);
	for (;;) {
		if (emul_wait_kept_any() && emul_wait_kept_take(pid_spec, group, keep, outcome))
			return outcome->pid;
		uint32_t seen = __atomic_load_n(&children_changed, __ATOMIC_ACQUIRE);
		int status = 0, sigcode = 0;
		hurd_pid_t pid = 0;
		memset(&outcome->usage, 0, sizeof(outcome->usage));
		kern_return_t result = timed_proc_wait(proc, PROC_TIMEOUT_MS, pid_spec,
		                                       proc_options | PROC_WAIT_NOHANG, &status,
		                                       &sigcode, &outcome->usage, &pid);
		if (result != KERN_SUCCESS) {
			long error = emul_process_error(result);
			if (error == -LINUX_ESRCH &&
			    emul_wait_kept_take(pid_spec, group, keep,
			                        outcome)) /* kept meanwhile */
				return outcome->pid;
			return error == -LINUX_ESRCH ? -LINUX_ECHILD : error;
		}
		if (pid > 0 && is_exit(status) && emul_wait_children_reap_themselves())
			continue; /* reaped before its SIGCHLD came: never a zombie */
		if (pid > 0 || nohang) {
			outcome->pid = pid;
			outcome->status = status;
			if (pid > 0 && keep && is_exit(status)) {
				if (pid_spec == 0 && !group)
					group = own_group(proc);
				(void)emul_wait_kept_add(pid_spec > 0 ? 0 : group, outcome);
			}
			return pid;
		}
		if (!emul_signal_wait_begin())
			return -LINUX_EINTR;
		kern_return_t waited = gsync_wait(mach_task_self(), (vm_address_t)&children_changed,
		                                  seen, 0, EMUL_SIGNAL_POLL_MS, GSYNC_TIMED);
		emul_signal_wait_end();
		if (waited != KERN_SUCCESS && waited != KERN_TIMEDOUT &&
		    waited != KERN_INTERRUPTED && waited != KERN_INVALID_ARGUMENT)
			emul_log("wait: gsync_wait failed (0x%x)", waited);
	}
}

static int proc_options_of(uint64_t options)
{
	int result = 0;
	if (options & LINUX_WUNTRACED)
		result |= PROC_WAIT_UNTRACED;
	if (options & LINUX_WCONTINUED)
		result |= PROC_WAIT_CONTINUED;
	return result;
}

static void rusage_of(const rusage_t *usage, struct linux_rusage *linux_usage)
{
	memset(linux_usage, 0, sizeof(*linux_usage));
	linux_usage->user_time.seconds = usage->user_time_us / 1000000;
	linux_usage->user_time.microseconds = usage->user_time_us % 1000000;
	linux_usage->system_time.seconds = usage->system_time_us / 1000000;
	linux_usage->system_time.microseconds = usage->system_time_us % 1000000;
	linux_usage->max_rss = usage->max_resident_kib;
}

long emul_sys_wait4(struct emul_frame *frame)
{
	int32_t pid_spec = (int32_t)frame->rdi;
	uint64_t status_address = frame->rsi, options = frame->rdx, usage_address = frame->r10;
	const uint64_t allowed = LINUX_WNOHANG | LINUX_WUNTRACED | LINUX_WCONTINUED |
	                         LINUX_WNOTHREAD | LINUX_WALL | LINUX_WCLONE;
	if ((options & ~allowed) != 0)
		return -LINUX_EINVAL;
	if (pid_spec == INT32_MIN) /* -INT_MIN is no group */
		return -LINUX_ESRCH;
	if (status_address && !emul_user_range_ok(status_address, sizeof(int32_t), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	if (usage_address &&
	    !emul_user_range_ok(usage_address, sizeof(struct linux_rusage), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct emul_wait_outcome outcome;
	long result = wait_for_child(pid_spec, proc_options_of(options),
	                             (options & LINUX_WNOHANG) != 0, false, &outcome);
	if (result <= 0)
		return result;
	if (status_address)
		(void)emul_copy_to_user(status_address, &outcome.status, sizeof(outcome.status));
	if (usage_address) {
		struct linux_rusage usage;
		rusage_of(&outcome.usage, &usage);
		(void)emul_copy_to_user(usage_address, &usage, sizeof(usage));
	}
	return result;
}

/* waitid's siginfo for a Linux wait status (pid 0: all zero, WNOHANG's none). */
static void siginfo_of(const struct emul_wait_outcome *outcome, struct linux_siginfo *info)
{
	memset(info, 0, sizeof(*info));
	if (outcome->pid <= 0)
		return;
	int status = outcome->status;
	info->signo = LINUX_SIGCHLD;
	info->fields.kill.pid = outcome->pid;
	info->fields.kill.uid = 0; /* proc keeps no owners yet */
	int32_t child_status;
	if ((status & 0x7f) == 0) {
		info->code = LINUX_CLD_EXITED;
		child_status = (status >> 8) & 0xff;
	} else if (status == 0xffff) {
		info->code = LINUX_CLD_CONTINUED;
		child_status = LINUX_SIGCONT;
	} else if ((status & 0xff) == 0x7f) {
		info->code = LINUX_CLD_STOPPED;
		child_status = (status >> 8) & 0xff;
	} else {
		info->code = (status & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED;
		child_status = status & 0x7f;
	}
	/* si_status follows si_pid and si_uid in the SIGCHLD fields. */
	memcpy(&info->fields.bytes[8], &child_status, sizeof(child_status));
}

long emul_sys_waitid(struct emul_frame *frame)
{
	int idtype = (int)frame->rdi;
	int32_t id = (int32_t)frame->rsi;
	uint64_t info_address = frame->rdx, options = frame->r10, usage_address = frame->r8;
	const uint64_t allowed = LINUX_WNOHANG | LINUX_WUNTRACED | LINUX_WEXITED |
	                         LINUX_WCONTINUED | LINUX_WNOWAIT | LINUX_WNOTHREAD | LINUX_WALL |
	                         LINUX_WCLONE;
	if ((options & ~allowed) != 0 ||
	    !(options & (LINUX_WEXITED | LINUX_WUNTRACED | LINUX_WCONTINUED)))
		return -LINUX_EINVAL;
	int32_t pid_spec;
	if (idtype == LINUX_P_ALL)
		pid_spec = -1;
	else if (idtype == LINUX_P_PID && id > 0)
		pid_spec = id;
	else if (idtype == LINUX_P_PGID && id >= 0)
		pid_spec = id ? -id : 0;
	else
		return -LINUX_EINVAL;
	if (info_address &&
	    !emul_user_range_ok(info_address, sizeof(struct linux_siginfo), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	if (usage_address &&
	    !emul_user_range_ok(usage_address, sizeof(struct linux_rusage), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct emul_wait_outcome outcome;
	long result =
	    wait_for_child(pid_spec, proc_options_of(options), (options & LINUX_WNOHANG) != 0,
	                   (options & LINUX_WNOWAIT) != 0, &outcome);
	if (result < 0)
		return result;
	if (info_address) {
		struct linux_siginfo info;
		siginfo_of(&outcome, &info);
		(void)emul_copy_to_user(info_address, &info, sizeof(info));
	}
	if (usage_address) {
		struct linux_rusage usage;
		if (outcome.pid > 0)
			rusage_of(&outcome.usage, &usage);
		else
			memset(&usage, 0, sizeof(usage));
		(void)emul_copy_to_user(usage_address, &usage, sizeof(usage));
	}
	return 0;
}

/* Zeros: neither the kernel nor proc account usage yet. */
long emul_sys_getrusage(struct emul_frame *frame)
{
	int who = (int)frame->rdi;
	if (who != LINUX_RUSAGE_SELF && who != LINUX_RUSAGE_CHILDREN && who != LINUX_RUSAGE_THREAD)
		return -LINUX_EINVAL;
	struct linux_rusage usage;
	memset(&usage, 0, sizeof(usage));
	return emul_copy_to_user(frame->rsi, &usage, sizeof(usage));
}
