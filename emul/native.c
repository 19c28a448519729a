/* The native escape hatch (include/wildebeest/emul_native.h): a program asks
 * for its task's Mach ports and gets send rights it owns. */
#include <mach.h>
#include <mach/task_special_ports.h>
#include <wildebeest/emul_native.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "files_syscalls.h"

static long port_answer(kern_return_t result, mach_port_t port)
{
	if (result != KERN_SUCCESS || !MACH_PORT_VALID(port))
		return -LINUX_ENOENT;
	return (long)port;
}

/* One more user reference on a send right this task holds. */
static long another_reference(mach_port_t port)
{
	if (!MACH_PORT_VALID(port))
		return -LINUX_ENOENT;
	kern_return_t result = mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND, 1);
	return port_answer(result, port);
}

/* An init port: one more reference on it, or 0 when there is none (never
 * given, or no longer a send right). */
static long init_port(mach_port_t port)
{
	long answer = another_reference(port);
	return answer < 0 ? (long)MACH_PORT_NULL : answer;
}

static long get_port(uint64_t which)
{
	mach_port_t port = MACH_PORT_NULL;
	switch (which) {
	case EMUL_PORT_TASK:
		return another_reference(mach_task_self());
	case EMUL_PORT_BOOTSTRAP: {
		kern_return_t result =
		    task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT, &port);
		return port_answer(result, port);
	}
	case EMUL_PORT_HOST:
		port = mach_host_self();
		return port_answer(KERN_SUCCESS, port);
	case EMUL_PORT_DEVICE_MASTER:
		return another_reference(emul_process.device_master);
	case EMUL_PORT_THREAD:
		port = mach_thread_self();
		return port_answer(KERN_SUCCESS, port);
	default:
		if (which >= EMUL_PORT_INIT_FIRST && which <= EMUL_PORT_INIT_LAST)
			return init_port(emul_process.init_ports[which - EMUL_PORT_INIT_FIRST]);
		return -LINUX_EINVAL;
	}
}

long emul_native_call(struct emul_frame *frame)
{
	switch (frame->rax) {
	case EMUL_NATIVE_VERSION:
		return EMUL_NATIVE_VERSION_NUMBER;
	case EMUL_NATIVE_GET_PORT:
		return get_port(frame->rdi);
	case EMUL_NATIVE_FD_PORT:
		return emul_native_fd_port(frame);
	case EMUL_NATIVE_OPEN_PORT:
		return emul_native_open_port(frame);
	case EMUL_NATIVE_ADOPT_AUTH:
		return emul_native_adopt_auth(frame);
	default:
		return -LINUX_ENOSYS;
	}
}
