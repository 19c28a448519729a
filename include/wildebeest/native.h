/* For servers and other glibc programs on the emulator: the escape hatch
 * (emul_native.h) as a function, native_get_port(EMUL_PORT_...). */
#ifndef WILDEBEEST_NATIVE_H
#define WILDEBEEST_NATIVE_H

#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <mach/port.h>
#include <wildebeest/emul_native.h>

/* A send right (one user reference the caller owns) to the task's port
 * `which` (EMUL_PORT_TASK, _BOOTSTRAP, _HOST, _DEVICE_MASTER, _THREAD), or
 * MACH_PORT_NULL with errno ENOENT (no such port), EINVAL (unknown which) or
 * ENOSYS (not running on the emulator). */
static inline mach_port_t native_get_port(int which)
{
	long name = syscall(EMUL_NATIVE_GET_PORT, which);
	return name < 0 ? MACH_PORT_NULL : (mach_port_t)name;
}

/* The init port `which` (INIT_PORT_CWDIR, _CRDIR, _AUTH, _PROC, _CTTYID,
 * _BOOTSTRAP of <hurd/hurd_types.h>) whoever started the program gave it
 * (exec_exec's ports): a send right with one user reference the caller owns
 * (mach_port_deallocate it when done), or MACH_PORT_NULL when none was given;
 * MACH_PORT_NULL with errno EINVAL for a which outside 0..15, ENOSYS when not
 * running on the emulator. */
static inline mach_port_t native_get_init_port(int which)
{
	if (which < 0 || which > EMUL_PORT_INIT_LAST - EMUL_PORT_INIT_FIRST) {
		errno = EINVAL;
		return MACH_PORT_NULL;
	}
	long name = syscall(EMUL_NATIVE_GET_PORT, EMUL_PORT_INIT_FIRST + which);
	return name < 0 ? MACH_PORT_NULL : (mach_port_t)name;
}

#endif
