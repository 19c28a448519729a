/* RPC results as errno values, and the timed probe of a task port (the
 * timed mach.defs stubs, generated with a wait; exec.mk). */
#include "exec_server.h"

#include <errno.h>

/* From the timed stub set (exec.mk: mach.defs with userprefix exec_timed_ and a
 * waittime); its header shares <mach.h>'s guard, so the one prototype is here. */
kern_return_t exec_timed_task_info(mach_port_t target_task, int flavor, task_info_t task_info_out,
                                   mach_msg_type_number_t *task_info_outCnt);

mach_msg_timeout_t exec_file_wait_ms = EXEC_FILE_WAIT_MS_DEFAULT;

int exec_errno_from_rpc(kern_return_t result)
{
	switch (result) {
	case KERN_SUCCESS:
		return 0;
	case MACH_SEND_TIMED_OUT:
	case MACH_RCV_TIMED_OUT:
		return ETIMEDOUT;
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_INVALID_RIGHT:
		return EBADF;
	case MIG_BAD_ID:
		return EOPNOTSUPP;
	default:
		if (result < 0 || result >= 0x10000000)
			return EIO; /* MIG's own (negative) and mach_msg's errors */
		return result;
	}
}

int exec_probe_task(mach_port_t task)
{
	if (task == MACH_PORT_NULL)
		return EINVAL;
	if (!MACH_PORT_VALID(task))
		return ESRCH;
	struct task_basic_info info;
	mach_msg_type_number_t count = TASK_BASIC_INFO_COUNT;
	kern_return_t result =
	    exec_timed_task_info(task, TASK_BASIC_INFO, (task_info_t)&info, &count);
	return result == KERN_SUCCESS ? 0 : ESRCH;
}
