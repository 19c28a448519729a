/* The escape hatch's descriptor calls (include/wildebeest/emul_native.h):
 * the port behind a descriptor (the Hurd's getdport), a descriptor for a
 * port a native program holds (openport), and an auth handle adopted as the
 * process's identity (login, su). */
#include <mach.h>
#include <timed_auth.h>
#include "files.h"
#include "files_syscalls.h"
#include "linux_abi.h"
#include "linux_files_abi.h"

long emul_native_fd_port(struct emul_frame *frame)
{
	struct emul_fd_ref ref;
	long result = emul_fd_get((int)frame->rdi, &ref);
	if (result < 0)
		return result;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_ENOENT;
	}
	return (long)ref.entry.port; /* the borrow's reference is the caller's */
}

long emul_native_open_port(struct emul_frame *frame)
{
	mach_port_t port = (mach_port_t)frame->rdi;
	uint64_t flags = frame->rsi;
	mach_port_type_t type = 0;
	if (!MACH_PORT_VALID(port) ||
	    mach_port_type(mach_task_self(), port, &type) != KERN_SUCCESS ||
	    !(type & MACH_PORT_TYPE_SEND))
		return -LINUX_EINVAL;
	int modes = 0;
	switch (flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY:
		modes = HURD_O_READ;
		break;
	case LINUX_O_WRONLY:
		modes = HURD_O_WRITE;
		break;
	default:
		modes = HURD_O_RDWR;
		break;
	}
	if (flags & LINUX_O_APPEND)
		modes |= HURD_O_APPEND;
	if (flags & LINUX_O_NONBLOCK)
		modes |= HURD_O_NONBLOCK;
	struct emul_fd entry = {.kind = EMUL_FD_PORT,
	                        .port = port,
	                        .open_modes = modes,
	                        .cloexec = (flags & LINUX_O_CLOEXEC) != 0};
	/* The table takes a reference of its own; the caller's stays the caller's
	 * until success, when it is the table's. */
	emul_port_add_ref(port);
	long fd = emul_fd_install(&entry, 0);
	if (fd >= 0)
		emul_port_release(port);
	return fd;
}

long emul_native_adopt_auth(struct emul_frame *frame)
{
	mach_port_t auth = (mach_port_t)frame->rdi;
	mach_port_type_t type = 0;
	if (!MACH_PORT_VALID(auth) ||
	    mach_port_type(mach_task_self(), auth, &type) != KERN_SUCCESS ||
	    !(type & MACH_PORT_TYPE_SEND))
		return -LINUX_EINVAL;
	/* A handle the auth server answers for (not any port at all). */
	hurd_uid_t space[4][8];
	hurd_uid_t *ids[4] = {space[0], space[1], space[2], space[3]};
	mach_msg_type_number_t counts[4] = {8, 8, 8, 8};
	kern_return_t answer =
	    timed_auth_getids(auth, EMUL_FILE_RPC_MS, &ids[0], &counts[0], &ids[1], &counts[1],
	                      &ids[2], &counts[2], &ids[3], &counts[3]);
	if (answer != KERN_SUCCESS)
		return -LINUX_EPERM;
	for (int i = 0; i < 4; i++)
		if (ids[i] != space[i])
			(void)vm_deallocate(mach_task_self(), (vm_address_t)ids[i],
			                    counts[i] * sizeof(hurd_uid_t));
	return emul_identity_adopt(auth);
}
