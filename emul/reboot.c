/* reboot(2) as a request to the bootstrap, the system's startup (pid 1):
 * startup_reboot on the bootstrap port with the caller's auth handle as the
 * credential; only root may (EPERM here first, and the bootstrap checks the
 * handle's ids). On success the machine powers off and the call never
 * returns. */
#include <mach.h>
#include <hurd/hurd_types.h>
#include <timed_startup.h>
#include "files.h"
#include <stdbool.h>
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

#define LINUX_REBOOT_MAGIC1        0xfee1deadu
#define LINUX_REBOOT_CMD_RESTART   0x01234567u
#define LINUX_REBOOT_CMD_HALT      0xcdef0123u
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcu
#define LINUX_REBOOT_CMD_CAD_ON    0x89abcdefu
#define LINUX_REBOOT_CMD_CAD_OFF   0x00000000u
#define REBOOT_WAIT_MS             10000

static bool magic2_known(uint32_t magic)
{
	return magic == 672274793u || magic == 85072278u || magic == 369367448u ||
	       magic == 537993216u;
}

/* The bootstrap's port: init's INIT_PORT_BOOTSTRAP (passed on through exec),
 * else the task's bootstrap port. */
static mach_port_t startup_port(void)
{
	mach_port_t port = emul_process.init_ports[INIT_PORT_BOOTSTRAP];
	return MACH_PORT_VALID(port) ? port : emul_process.bootstrap_port;
}

long emul_sys_reboot(struct emul_frame *frame)
{
	struct emul_frame ids = *frame;
	if (emul_sys_geteuid(&ids) != 0)
		return -LINUX_EPERM;
	uint32_t magic1 = (uint32_t)frame->rdi, magic2 = (uint32_t)frame->rsi;
	uint32_t command = (uint32_t)frame->rdx;
	if (magic1 != LINUX_REBOOT_MAGIC1 || !magic2_known(magic2))
		return -LINUX_EINVAL;
	int code;
	switch (command) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0; /* there is no Ctrl-Alt-Del to route */
	case LINUX_REBOOT_CMD_HALT:
		code = STARTUP_REBOOT_HALT;
		break;
	case LINUX_REBOOT_CMD_POWER_OFF:
		code = STARTUP_REBOOT_POWEROFF;
		break;
	case LINUX_REBOOT_CMD_RESTART:
		code = STARTUP_REBOOT_RESTART;
		break;
	default:
		return -LINUX_EINVAL;
	}
	mach_port_t startup = startup_port();
	if (!MACH_PORT_VALID(startup))
		return -LINUX_ENOSYS; /* no one to ask */
	emul_lock(&emul_files.lock);
	mach_port_t auth = emul_files.auth;
	emul_port_add_ref(auth);
	emul_unlock(&emul_files.lock);
	kern_return_t answer = timed_startup_reboot(startup, EMUL_FILE_RPC_MS, auth, code);
	emul_port_release(auth);
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	/* The machine is going down: wait for it rather than return (10 s at
	 * most, on a port no one sends to; then EIO: it did not happen). */
	mach_port_t quiet = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &quiet) == KERN_SUCCESS) {
		mach_msg_header_t none;
		(void)mach_msg(&none, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(none), quiet,
		               REBOOT_WAIT_MS, MACH_PORT_NULL);
		(void)mach_port_mod_refs(mach_task_self(), quiet, MACH_PORT_RIGHT_RECEIVE, -1);
	}
	return -LINUX_EIO;
}
