/* The Mach IPC traps of gnumach-dev's syscall_sw.h: mach_msg_trap, and the
 * traps that give a task names for its reply port, its thread, itself and the
 * host. */
#include "kserver/mach_traps.h"
#include "kern/cpu.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kserver/kobject.h"
#include "ipc/ipc_kernel.h"
#include "ipc/ipc_mach_port.h"
#include "vm/user_copy.h"
#include "arch/x86_64/trap_frame.h"
#include <mach/port.h>

int64_t trap_mach_msg(const struct trap_frame *frame)
{
	struct task *task = current_thread()->task;
	mach_msg_option_t option = (mach_msg_option_t)frame->rsi;
	/* The seventh argument, notify, is on the user stack above the return
	 * address; it means something only with a *_NOTIFY option, so the common
	 * call does not pay for reading user memory. */
	mach_port_name_t notify = MACH_PORT_NULL;
	if (option & (MACH_SEND_NOTIFY | MACH_RCV_NOTIFY)) {
		uint64_t notify_slot = MACH_PORT_NULL;
		if (copy_from_user(&task->space, &notify_slot, frame->rsp + 8, sizeof(notify_slot)))
			notify = (mach_port_name_t)notify_slot;
	}
	return ipc_mach_msg_trap(task->ipc_space, frame->rdi, option, (mach_msg_size_t)frame->rdx,
	                         (mach_msg_size_t)frame->r10, (mach_port_name_t)frame->r8,
	                         (mach_msg_timeout_t)frame->r9, notify);
}

int64_t trap_mach_reply_port(void)
{
	mach_port_name_t name = MACH_PORT_NULL;
	if (ipc_mach_port_allocate(current_thread()->task->ipc_space, MACH_PORT_RIGHT_RECEIVE,
	                           &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* A new send right to port, named in the caller's space; MACH_PORT_NULL if none. */
static int64_t name_send_right(struct ipc_port *port)
{
	if (!port)
		return MACH_PORT_NULL;
	struct ipc_port *right = ipc_port_make_send(port);
	mach_port_name_t name = MACH_PORT_NULL;
	if (ipc_space_insert_port_right(current_thread()->task->ipc_space, right,
	                                MACH_MSG_TYPE_PORT_SEND, &name) != KERN_SUCCESS) {
		ipc_port_release_send(right);
		return MACH_PORT_NULL;
	}
	return name;
}

int64_t trap_mach_thread_self(void)
{
	return name_send_right(current_thread()->self_port);
}

int64_t trap_mach_task_self(void)
{
	return name_send_right(current_thread()->task->self_port);
}

int64_t trap_mach_host_self(void)
{
	return name_send_right(host_object.name_port);
}
