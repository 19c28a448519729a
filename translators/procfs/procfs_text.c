/* procfs's file contents, taken when a file is looked up: a process's stat,
 * status, cmdline and comm from proc, and the system's uptime, meminfo and
 * loadavg from the clock, the kernel's host_info/vm_statistics and proc. */
#include "procfs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach.h>
#include <mach/host_info.h>

const char *const procfs_pid_files[] = {"cmdline", "comm", "stat", "status", NULL};
const char *const procfs_root_files[] = {"loadavg", "meminfo", "uptime", NULL};

typedef size_t process_formatter(char *out, size_t size, const struct procfs_process *process);

/* The cmdline file through the formatter shape. */
static size_t format_cmdline(char *out, size_t size, const struct procfs_process *process)
{
	return procfs_format_cmdline(out, size, process->args, process->args_length);
}

static process_formatter *process_file_formatter(const char *name)
{
	if (strcmp(name, "stat") == 0)
		return procfs_format_stat;
	if (strcmp(name, "status") == 0)
		return procfs_format_status;
	if (strcmp(name, "cmdline") == 0)
		return format_cmdline;
	if (strcmp(name, "comm") == 0)
		return procfs_format_comm;
	return NULL;
}

/* A process that never gave proc its argv (forked and not exec'd yet, as a
 * subshell): Linux shows the argv it inherited, which is its parent's. */
static int process_with_args(struct procfs *procfs, int32_t pid, struct procfs_process *process)
{
	int error = procfs_process_get(procfs, pid, process);
	if (error || process->args_length || process->ppid <= 0)
		return error;
	struct procfs_process parent;
	if (procfs_process_get(procfs, process->ppid, &parent) == 0) {
		process->args = parent.args;
		process->args_length = parent.args_length;
	}
	return 0;
}

static int process_text(struct procfs *procfs, int32_t pid, const char *name, char **text,
                        size_t *length)
{
	process_formatter *format = process_file_formatter(name);
	if (!format)
		return ENOENT;
	struct procfs_process process;
	int error = process_with_args(procfs, pid, &process);
	if (error)
		return error;
	size_t needed = format(NULL, 0, &process);
	*text = malloc(needed + 1);
	if (*text) {
		*length = format(*text, needed + 1, &process);
		if (*length > needed)
			*length = needed;
	}
	procfs_process_free(&process);
	return *text ? 0 : ENOMEM;
}

static uint64_t uptime_ms(void)
{
	struct timespec now;
	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return 0;
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

/* The machine's memory and what is free, in bytes (0 where the kernel does
 * not say). */
static void memory_figures(uint64_t *total, uint64_t *free_bytes)
{
	*total = *free_bytes = 0;
	struct host_basic_info basic;
	mach_msg_type_number_t count = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self();
	if (host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &count) == KERN_SUCCESS)
		*total = basic.memory_size;
	(void)mach_port_deallocate(mach_task_self(), host);
	vm_statistics_data_t statistics;
	if (vm_statistics(mach_task_self(), &statistics) == KERN_SUCCESS)
		*free_bytes = (uint64_t)statistics.free_count * (uint64_t)statistics.pagesize;
}

static int root_text(struct procfs *procfs, const char *name, char **text, size_t *length)
{
	char buffer[512];
	size_t size = sizeof(buffer);
	if (strcmp(name, "uptime") == 0) {
		uint64_t up = uptime_ms();
		*length = procfs_format_uptime(buffer, size, up, 0);
	} else if (strcmp(name, "meminfo") == 0) {
		uint64_t total, free_bytes;
		memory_figures(&total, &free_bytes);
		*length = procfs_format_meminfo(buffer, size, total, free_bytes);
	} else if (strcmp(name, "loadavg") == 0) {
		int32_t *pids = NULL;
		size_t count = 0;
		int error = procfs_pids(procfs, &pids, &count);
		if (error)
			return error;
		*length = procfs_format_loadavg(buffer, size, (unsigned)count,
		                                count ? pids[count - 1] : 0);
		free(pids);
	} else {
		return ENOENT;
	}
	if (*length >= size)
		*length = size - 1;
	*text = malloc(*length + 1);
	if (!*text)
		return ENOMEM;
	memcpy(*text, buffer, *length + 1);
	return 0;
}

int procfs_file_text(struct procfs *procfs, int32_t pid, const char *name, char **text,
                     size_t *length)
{
	*text = NULL;
	*length = 0;
	return pid ? process_text(procfs, pid, name, text, length)
	           : root_text(procfs, name, text, length);
}
