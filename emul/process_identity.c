/* The process's identity through proc: at start its proc port comes from
 * INIT_PORT_PROC or, for a program run as a boot module, from registering
 * itself (init's proc port from the boot runner's registry under "proc", then
 * proc_task2proc); the pid and parent then come from proc and the exit status
 * goes to proc_mark_exit. Without proc the loader's placeholders stand. */
#include <mach.h>
#include <hurd/hurd_types.h>
#include <wildebeest/bootstrap_registry.h>
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "fork.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "timed_proc.h"
#include "lib/kstring.h"

#define REGISTRY_TIMEOUT_MS 2000
#define PROC_TIMEOUT_MS     5000

static mach_port_t proc_port;

/* init's proc port from the boot runner's registry, or MACH_PORT_NULL. */
static mach_port_t registry_proc_port(void)
{
	if (!MACH_PORT_VALID(emul_process.bootstrap_port) ||
	    !(emul_process.start_flags & EMUL_START_BOOTSTRAP_IS_REGISTRY))
		return MACH_PORT_NULL;
	union {
		struct bootstrap_name_message request;
		struct bootstrap_port_message reply;
		uint8_t space[256];
	} message;
	memset(&message, 0, sizeof(message));
	message.request.header.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	message.request.header.msgh_size = sizeof(message.request);
	message.request.header.msgh_remote_port = emul_process.bootstrap_port;
	message.request.header.msgh_local_port = mig_get_reply_port();
	message.request.header.msgh_id = BOOTSTRAP_LOOKUP_NAMED_ID;
	message.request.name_type = (mach_msg_type_t){.msgt_name = MACH_MSG_TYPE_CHAR,
	                                              .msgt_size = 8,
	                                              .msgt_number = BOOTSTRAP_NAME_MAX,
	                                              .msgt_inline = 1};
	memcpy(message.request.name, "proc", 5);
	mach_port_t reply_port = message.request.header.msgh_local_port;
	mach_msg_return_t result =
	    mach_msg(&message.request.header,
	             MACH_SEND_MSG | MACH_SEND_TIMEOUT | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(message.request), sizeof(message), reply_port, REGISTRY_TIMEOUT_MS,
	             MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS) {
		if (result == MACH_RCV_TIMED_OUT) { /* a late answer must not meet the next RPC */
			(void)mach_port_destroy(mach_task_self(), reply_port);
			emul_thread_self()->mach.reply_port = MACH_PORT_NULL;
		}
		return MACH_PORT_NULL;
	}
	if (message.reply.header.msgh_id != BOOTSTRAP_LOOKUP_REPLY_ID ||
	    message.reply.header.msgh_size != sizeof(message.reply) ||
	    !MACH_PORT_VALID(message.reply.port)) {
		mach_msg_destroy(&message.reply.header);
		return MACH_PORT_NULL;
	}
	return message.reply.port;
}

void emul_process_identity_init(void)
{
	proc_port = MACH_PORT_NULL;
	mach_port_t given = emul_process.init_ports[INIT_PORT_PROC];
	if (MACH_PORT_VALID(given)) {
		proc_port = given;
	} else {
		mach_port_t init_proc = registry_proc_port();
		if (!MACH_PORT_VALID(init_proc))
			return;
		mach_port_t mine = MACH_PORT_NULL;
		kern_return_t result =
		    timed_proc_task2proc(init_proc, PROC_TIMEOUT_MS, mach_task_self(), &mine);
		(void)mach_port_deallocate(mach_task_self(), init_proc);
		if (result != KERN_SUCCESS || !MACH_PORT_VALID(mine)) {
			emul_log("proc: cannot register (0x%x); placeholder ids", result);
			return;
		}
		proc_port = mine;
		emul_process.init_ports[INIT_PORT_PROC] = mine;
	}
	hurd_pid_t pid = 0, ppid = 0;
	int orphaned = 0;
	kern_return_t result =
	    timed_proc_getpids(proc_port, PROC_TIMEOUT_MS, &pid, &ppid, &orphaned);
	if (result != KERN_SUCCESS || pid <= 0) {
		emul_log("proc: no pid (0x%x); placeholder ids", result);
		proc_port = MACH_PORT_NULL;
		return;
	}
	emul_process.pid = pid;
	emul_process.ppid = ppid;
}

mach_port_t emul_process_proc_port(void)
{
	return proc_port;
}

void emul_process_mark_exit(int wait_status)
{
	if (MACH_PORT_VALID(proc_port))
		(void)timed_proc_mark_exit(proc_port, PROC_TIMEOUT_MS, wait_status, 0);
}

long emul_process_error(kern_return_t result)
{
	if (result == KERN_SUCCESS)
		return 0;
	if (result > 0 && result < 4096)
		return -(long)result; /* proc's errno (Linux numbers: it runs on glibc) */
	return -LINUX_ESRCH;          /* proc or the target is gone or does not answer */
}

kern_return_t emul_process_identity_forked(void)
{
	hurd_pid_t pid = 0, ppid = 0;
	int orphaned = 0;
	kern_return_t result =
	    timed_proc_getpids(proc_port, PROC_TIMEOUT_MS, &pid, &ppid, &orphaned);
	if (result != KERN_SUCCESS)
		return result;
	if (pid <= 0)
		return KERN_FAILURE;
	emul_process.pid = pid;
	emul_process.ppid = ppid;
	return KERN_SUCCESS;
}
