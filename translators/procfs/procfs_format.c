/* procfs's texts (procfs_format.h): Linux's /proc field layouts filled from
 * proc's records, with the fields proc does not keep as zeros. */
#include "procfs_format.h"

#include <stdio.h>
#include <string.h>

char procfs_state_letter(int state)
{
	switch (state) {
	case PROCFS_STATE_STOPPED:
		return 'T';
	case PROCFS_STATE_ZOMBIE:
		return 'Z';
	default:
		return 'S';
	}
}

void procfs_comm(const char *args, size_t args_length, char out[PROCFS_COMM_MAX + 1])
{
	size_t first = args ? strnlen(args, args_length) : 0;
	while (first > 1 && args[first - 1] == '/')
		first--;
	size_t start = first;
	while (start > 0 && args[start - 1] != '/')
		start--;
	if (start == first && first > 0)
		start--; /* argv[0] is "/" (or slashes) */
	size_t length = first - start;
	if (length == 0) {
		strcpy(out, "?");
		return;
	}
	if (length > PROCFS_COMM_MAX)
		length = PROCFS_COMM_MAX;
	memcpy(out, args + start, length);
	out[length] = '\0';
}

/* snprintf's count as a size_t (0 on an encoding error, which %d and %s of
 * plain bytes cannot give). */
static size_t counted(int length)
{
	return length < 0 ? 0 : (size_t)length;
}

size_t procfs_format_stat(char *out, size_t size, const struct procfs_process *process)
{
	char comm[PROCFS_COMM_MAX + 1];
	procfs_comm(process->args, process->args_length, comm);
	/* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
	 * majflt cmajflt utime stime cutime cstime priority nice num_threads
	 * itrealvalue starttime vsize rss rsslim, then Linux's later fields. */
	return counted(snprintf(out, size,
	                        "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0 "
	                        "18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
	                        "0 0 0 0 0\n",
	                        process->pid, comm, procfs_state_letter(process->state),
	                        process->ppid, process->pgrp, process->sid));
}

size_t procfs_format_status(char *out, size_t size, const struct procfs_process *process)
{
	char comm[PROCFS_COMM_MAX + 1];
	procfs_comm(process->args, process->args_length, comm);
	static const char *const state_names[] = {"S (sleeping)", "T (stopped)", "Z (zombie)"};
	const char *state = process->state >= 0 && process->state <= PROCFS_STATE_ZOMBIE
	                        ? state_names[process->state]
	                        : state_names[0];
	unsigned uid = process->uid;
	return counted(snprintf(out, size,
	                        "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n"
	                        "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nThreads:\t1\n",
	                        comm, state, process->pid, process->pid, process->ppid, uid, uid,
	                        uid, uid, uid, uid, uid, uid));
}

size_t procfs_format_comm(char *out, size_t size, const struct procfs_process *process)
{
	char comm[PROCFS_COMM_MAX + 1];
	procfs_comm(process->args, process->args_length, comm);
	return counted(snprintf(out, size, "%s\n", comm));
}

size_t procfs_format_uptime(char *out, size_t size, uint64_t uptime_ms, uint64_t idle_ms)
{
	return counted(snprintf(
	    out, size, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(uptime_ms / 1000),
	    (unsigned long long)(uptime_ms % 1000 / 10), (unsigned long long)(idle_ms / 1000),
	    (unsigned long long)(idle_ms % 1000 / 10)));
}

size_t procfs_format_meminfo(char *out, size_t size, uint64_t total, uint64_t free)
{
	unsigned long long total_kb = total / 1024, free_kb = free / 1024;
	return counted(snprintf(out, size,
	                        "MemTotal:       %8llu kB\nMemFree:        %8llu kB\n"
	                        "MemAvailable:   %8llu kB\nBuffers:               0 kB\n"
	                        "Cached:                0 kB\nSwapTotal:             0 kB\n"
	                        "SwapFree:              0 kB\n",
	                        total_kb, free_kb, free_kb));
}

size_t procfs_format_loadavg(char *out, size_t size, unsigned processes, int32_t last_pid)
{
	return counted(
	    snprintf(out, size, "0.00 0.00 0.00 1/%u %d\n", processes ? processes : 1, last_pid));
}

size_t procfs_format_cmdline(char *out, size_t size, const char *args, size_t args_length)
{
	if (!args)
		args_length = 0;
	size_t length = args_length;
	if (args_length > 0 && args[args_length - 1] != '\0')
		length++; /* the final string's NUL */
	size_t copied = args_length < size ? args_length : size;
	if (copied)
		memcpy(out, args, copied);
	if (length > args_length && args_length < size)
		out[args_length] = '\0';
	return length;
}

int procfs_parse_pid(const char *name, int32_t *pid)
{
	if (name[0] < '1' || name[0] > '9')
		return 0;
	long long value = 0;
	for (const char *digit = name; *digit; digit++) {
		if (*digit < '0' || *digit > '9')
			return 0;
		value = value * 10 + (*digit - '0');
		if (value > INT32_MAX)
			return 0;
	}
	*pid = (int32_t)value;
	return 1;
}
