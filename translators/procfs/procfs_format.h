/* procfs's texts, pure and host-tested: Linux's /proc/PID/stat line (the
 * field layout busybox ps parses), status, cmdline, comm, uptime, meminfo. */
#ifndef PROCFS_FORMAT_H
#define PROCFS_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* proc.defs' proc_getprocinfo states. */
enum { PROCFS_STATE_ALIVE = 0, PROCFS_STATE_STOPPED = 1, PROCFS_STATE_ZOMBIE = 2 };

/* Linux's TASK_COMM_LEN less its NUL. */
#define PROCFS_COMM_MAX 15

/* What procfs knows of one process (from proc). */
struct procfs_process {
	int32_t pid, ppid, pgrp, sid;
	uint32_t uid;
	int state;        /* PROCFS_STATE_* */
	const char *args; /* argv as stored by proc_set_args (argz), or NULL */
	size_t args_length;
};

/* The state letter ps shows: S (alive; proc does not know R), T, Z. */
char procfs_state_letter(int state);
/* The command name: argv[0]'s last component, at most PROCFS_COMM_MAX bytes
 * (a trailing slash ignored), "?" without argv. out has PROCFS_COMM_MAX + 1. */
void procfs_comm(const char *args, size_t args_length, char out[PROCFS_COMM_MAX + 1]);

/* Each writes at most size bytes into out (always NUL-terminated when size >
 * 0) and returns the length of the whole text, as snprintf does. */
size_t procfs_format_stat(char *out, size_t size, const struct procfs_process *process);
size_t procfs_format_status(char *out, size_t size, const struct procfs_process *process);
size_t procfs_format_comm(char *out, size_t size, const struct procfs_process *process);
/* uptime and idle time in ms, as "SECONDS.HH IDLE.HH\n". */
size_t procfs_format_uptime(char *out, size_t size, uint64_t uptime_ms, uint64_t idle_ms);
/* Total and free memory in bytes, as MemTotal/MemFree/MemAvailable in kB. */
size_t procfs_format_meminfo(char *out, size_t size, uint64_t total, uint64_t free);
/* Linux's loadavg line: no load figures (zeros), running/total and last pid. */
size_t procfs_format_loadavg(char *out, size_t size, unsigned processes, int32_t last_pid);

/* The cmdline file: argv's bytes, each string NUL-terminated (an argz
 * without a final NUL gets one); returns the length, at most size copied. */
size_t procfs_format_cmdline(char *out, size_t size, const char *args, size_t args_length);

/* Whether name is a pid: decimal digits only, no leading zero, > 0, at most
 * INT32_MAX. *pid is set when it is. */
int procfs_parse_pid(const char *name, int32_t *pid);

#endif
