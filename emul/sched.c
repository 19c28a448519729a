/* sched_yield (the swtch trap), sched_getaffinity and sched_setaffinity: every
 * thread may run on every CPU the kernel has started (host_info's avail_cpus),
 * the mask of them all; setting a mask that holds at least one of them is
 * accepted and changes nothing (the kernel has no per-thread CPU binding), one
 * that holds none is -EINVAL. The process id or a thread id of ours is
 * accepted, any other id is -ESRCH (no other process is known yet). */
#include <mach.h>
#include <mach/host_info.h>
#include <stdbool.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define MASK_BYTES 8 /* one word: up to 64 CPUs, beyond what the kernel starts */

long emul_sys_sched_yield(struct emul_frame *frame)
{
	(void)frame;
	(void)swtch();
	return 0;
}

/* The mask of the CPUs the kernel has started. */
static uint64_t available_cpus(void)
{
	struct host_basic_info info;
	mach_msg_type_number_t count = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self();
	kern_return_t result = host_info(host, HOST_BASIC_INFO, (host_info_t)&info, &count);
	(void)mach_port_deallocate(mach_task_self(), host);
	unsigned cpus =
	    result == KERN_SUCCESS && info.avail_cpus > 0 ? (unsigned)info.avail_cpus : 1;
	return cpus >= 64 ? ~0ull : (1ull << cpus) - 1;
}

static bool known_id(int32_t id)
{
	return id == 0 || id == emul_process.pid || id == emul_thread_self()->tid;
}

long emul_sys_sched_getaffinity(struct emul_frame *frame)
{
	uint64_t length = frame->rsi;
	if (!known_id((int32_t)frame->rdi))
		return -LINUX_ESRCH;
	if (length < MASK_BYTES || (length & (MASK_BYTES - 1)))
		return -LINUX_EINVAL;
	uint64_t mask = available_cpus();
	long copied = emul_copy_to_user(frame->rdx, &mask, MASK_BYTES);
	return copied < 0 ? copied : MASK_BYTES;
}

long emul_sys_sched_setaffinity(struct emul_frame *frame)
{
	if (!known_id((int32_t)frame->rdi))
		return -LINUX_ESRCH;
	uint64_t mask = 0, length = frame->rsi < MASK_BYTES ? frame->rsi : MASK_BYTES;
	long copied = emul_copy_from_user(&mask, frame->rdx, length);
	if (copied < 0)
		return copied;
	return (mask & available_cpus()) ? 0 : -LINUX_EINVAL;
}
