/* kill(pid, signal): to this process directly; to another process or a
 * process group through proc and the target's message port (msgport.c). */
#include "process_identity.h"
#include "signal_internal.h"
#include "syscalls.h"

long emul_sys_kill(struct emul_frame *frame)
{
	int64_t pid = (int32_t)frame->rdi;
	uint64_t signal = frame->rsi;
	if (signal != 0 && !emul_signal_valid(signal))
		return -LINUX_EINVAL;
	if (pid == emul_process.pid)
		return emul_signal_kill_self((int)signal);
	if (MACH_PORT_VALID(emul_process_proc_port()))
		return emul_process_kill(pid, (int)signal);
	/* Without proc the process is alone: its own group, and everyone. */
	if (pid == 0 || pid == -1 || pid == -(int64_t)emul_process.pid)
		return emul_signal_kill_self((int)signal);
	return -LINUX_ESRCH;
}
