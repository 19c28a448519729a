/* /proc/self in the emulator (proc_self.c): the path rewritten with this
 * process's pid before a lookup, and readlink of /proc/self itself. */
#ifndef EMUL_PROC_SELF_H
#define EMUL_PROC_SELF_H

#include <stdint.h>
#include <hurd/hurd_types.h>

/* path with a leading /proc/self replaced by /proc/PID (written into out),
 * or path itself when it does not start so. */
const char *emul_proc_self_rewrite(const char *path, char out[HURD_PATH_MAX]);
/* readlink of exactly /proc/self (trailing slashes aside): the pid's text
 * copied to buffer (at most size bytes) and its length, or -EFAULT; 0 for
 * any other path. */
long emul_proc_self_readlink(const char *path, uint64_t buffer, int64_t size);

#endif
