/* The emulator's native escape hatch (emul/README.md): system-call numbers a
 * Linux program built for Wildebeest uses to get its task's Mach ports from the
 * emulator, so that it can call libmach and MIG stubs directly. */
#ifndef WILDEBEEST_EMUL_NATIVE_H
#define WILDEBEEST_EMUL_NATIVE_H

/* The reserved range: far above Linux's numbers (< 1024) and clear of the x32
 * bit (0x40000000). Numbers in it that are not defined below give -ENOSYS. */
#define EMUL_NATIVE_FIRST 0x20000000
#define EMUL_NATIVE_LAST  0x200000ff

/* syscall(EMUL_NATIVE_VERSION) -> EMUL_NATIVE_VERSION_NUMBER */
#define EMUL_NATIVE_VERSION        0x20000000
#define EMUL_NATIVE_VERSION_NUMBER 1

/* syscall(EMUL_NATIVE_GET_PORT, which) -> a port name (>= 0) or -errno:
 * a send right in the caller's task, with one user reference that the caller
 * owns (mach_port_deallocate it when done). -ENOENT if the task has no such
 * port, -EINVAL for an unknown `which`. */
#define EMUL_NATIVE_GET_PORT    0x20000001
#define EMUL_PORT_TASK          0 /* the task's own port (mach_task_self) */
#define EMUL_PORT_BOOTSTRAP     1 /* TASK_BOOTSTRAP_PORT */
#define EMUL_PORT_HOST          2 /* mach_host_self */
#define EMUL_PORT_DEVICE_MASTER 3 /* if whoever started the task gave one */
#define EMUL_PORT_THREAD        4 /* the calling thread's port */
/* syscall(EMUL_NATIVE_GET_PORT, EMUL_PORT_INIT_FIRST + INIT_PORT_x) -> the init
 * port INIT_PORT_x (<hurd/hurd_types.h>: CWDIR, CRDIR, AUTH, PROC, CTTYID,
 * BOOTSTRAP, ...) whoever started the program gave it (exec_exec's ports,
 * lib/loader's init_ports): a send right with one user reference the caller
 * owns, or 0 (MACH_PORT_NULL) when none was given (or it is no longer a send
 * right, its port having died). Indices 0..15. */
#define EMUL_PORT_INIT_FIRST 16
#define EMUL_PORT_INIT_LAST  31

/* The Hurd's getdport and openport (emul/files_native.c):
 * syscall(EMUL_NATIVE_FD_PORT, fd) -> a send right to the io/fs port behind
 * fd, one user reference the caller owns; -EBADF if fd is not open, -ENOENT
 * for the console descriptors (no port behind them).
 * syscall(EMUL_NATIVE_OPEN_PORT, port, linux_open_flags) -> a new descriptor
 * for the send right port (one reference moved to the descriptor table on
 * success), its access mode, O_APPEND, O_NONBLOCK and O_CLOEXEC from the
 * flags; -EINVAL for an invalid port, -EMFILE when the table is full. */
#define EMUL_NATIVE_FD_PORT   0x20000002
#define EMUL_NATIVE_OPEN_PORT 0x20000003

/* syscall(EMUL_NATIVE_ADOPT_AUTH, auth) -> 0 or -errno (emul/files_native.c):
 * the auth handle auth (a send right of the caller's, say from the password
 * server's password_check_user) becomes the process's identity: the root,
 * the current directory and every open port are reauthenticated with it, as
 * the set*id calls do with a handle they make. The caller's reference moves
 * to the emulator on success. -EINVAL for an invalid port, -EPERM when the
 * auth server does not know it (auth_getids fails). */
#define EMUL_NATIVE_ADOPT_AUTH 0x20000004

#endif
