/* Thread identity and per-thread records: gettid (the main thread's id is the
 * process id placeholder, later threads count up from it), set_tid_address,
 * set_robust_list/get_robust_list (recorded; walked at the thread's exit),
 * rseq (-ENOSYS: glibc then runs without restartable sequences). */
#include "emul.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "syscalls.h"

long emul_sys_gettid(struct emul_frame *frame)
{
	(void)frame;
	return emul_thread_self()->tid;
}

long emul_sys_set_tid_address(struct emul_frame *frame)
{
	struct emul_thread *self = emul_thread_self();
	self->clear_child_tid = (int32_t *)frame->rdi;
	return self->tid;
}

long emul_sys_set_robust_list(struct emul_frame *frame)
{
	if (frame->rsi != sizeof(struct linux_robust_list_head))
		return -LINUX_EINVAL;
	struct emul_thread *self = emul_thread_self();
	self->robust_list_head = (void *)frame->rdi;
	self->robust_list_length = frame->rsi;
	return 0;
}

long emul_sys_get_robust_list(struct emul_frame *frame)
{
	struct emul_thread *self = emul_thread_self();
	if (frame->rdi != 0 && (int32_t)frame->rdi != self->tid)
		return -LINUX_ESRCH; /* other threads' lists are not looked up */
	uint64_t head = (uint64_t)self->robust_list_head, length = self->robust_list_length;
	long result = emul_copy_to_user(frame->rsi, &head, sizeof(head));
	if (result < 0)
		return result;
	return emul_copy_to_user(frame->rdx, &length, sizeof(length));
}

long emul_sys_rseq(struct emul_frame *frame)
{
	(void)frame;
	return -LINUX_ENOSYS;
}
