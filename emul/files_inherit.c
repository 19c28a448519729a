/* The descriptors a program was started with (exec_exec's fds, recorded by
 * lib/loader in the start block) installed in place of the boot console. */
#include <mach.h>
#include <timed_io.h>
#include "files.h"

/* Asking a descriptor's server for its open modes at start-up. */
#define INHERIT_MODES_MS 2000

/* exec_exec's fds carry the whole table: no descriptor without FD_CLOEXEC is lost. */
_Static_assert(EMUL_FDS_MAX == EMUL_FD_MAX, "the start block holds every descriptor");

void emul_files_inherit(const uint32_t *fds, uint32_t count)
{
	if (count == 0)
		return; /* fds 0-2 stay the console */
	if (count > EMUL_FD_MAX)
		count = EMUL_FD_MAX;
	for (int fd = 0; fd < 3; fd++)
		emul_files.fds[fd] = (struct emul_fd){0};
	for (uint32_t fd = 0; fd < count; fd++) {
		mach_port_t port = fds[fd];
		mach_port_type_t type = 0;
		if (!MACH_PORT_VALID(port) ||
		    mach_port_type(mach_task_self(), port, &type) != KERN_SUCCESS ||
		    !(type & MACH_PORT_TYPE_SEND))
			continue; /* closed, or no longer a send right */
		int modes = 0;
		if (timed_io_get_openmodes(port, INHERIT_MODES_MS, &modes) != KERN_SUCCESS)
			modes =
			    HURD_O_READ | HURD_O_WRITE; /* the server will refuse what it must */
		/* Whatever it is (a pipe end, a terminal), its reads may rightly wait. */
		emul_files.fds[fd] = (struct emul_fd){
		    .kind = EMUL_FD_PORT, .port = port, .open_modes = modes, .may_wait = 1};
	}
}
