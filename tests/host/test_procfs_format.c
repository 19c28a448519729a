/* Host unit test of procfs's texts (procfs_format.c): the stat line as
 * busybox ps parses it (Linux's 52 fields, comm in parentheses), status,
 * comm, cmdline, uptime, meminfo, loadavg, pid names, and truncation. */
#include "procfs_format.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static const char sleep_args[] = "/bin/sleep\0"
                                 "30\0";

static struct procfs_process sleeper(void)
{
	return (struct procfs_process){.pid = 42,
	                               .ppid = 7,
	                               .pgrp = 42,
	                               .sid = 7,
	                               .uid = 1000,
	                               .state = PROCFS_STATE_ALIVE,
	                               .args = sleep_args,
	                               .args_length = sizeof(sleep_args) - 1};
}

static int count_fields(const char *line)
{
	int fields = 0;
	const char *c = line;
	while (*c) {
		while (*c == ' ' || *c == '\n')
			c++;
		if (!*c)
			break;
		fields++;
		while (*c && *c != ' ' && *c != '\n')
			c++;
	}
	return fields;
}

static void stat_line(void)
{
	struct procfs_process process = sleeper();
	char line[1024];
	size_t length = procfs_format_stat(line, sizeof(line), &process);
	CHECK(length == strlen(line) && line[length - 1] == '\n', "stat is one line (%zu bytes)",
	      length);
	CHECK(strncmp(line, "42 (sleep) S 7 42 7 0 -1 ", 25) == 0,
	      "stat starts pid (comm) state ppid pgrp session tty tpgid: %.30s", line);
	CHECK(count_fields(line) == 52, "stat has Linux's 52 fields (%d)", count_fields(line));
	process.state = PROCFS_STATE_ZOMBIE;
	procfs_format_stat(line, sizeof(line), &process);
	CHECK(strncmp(line, "42 (sleep) Z ", 13) == 0, "a zombie is Z");
	process.state = PROCFS_STATE_STOPPED;
	procfs_format_stat(line, sizeof(line), &process);
	CHECK(strncmp(line, "42 (sleep) T ", 13) == 0, "a stopped process is T");
	char small[10];
	size_t whole = procfs_format_stat(small, sizeof(small), &process);
	CHECK(whole == length && strlen(small) == sizeof(small) - 1,
	      "a small buffer is cut and NUL-terminated; the whole length is returned");
	CHECK(procfs_format_stat(NULL, 0, &process) == length, "measuring with no buffer");
}

static void names(void)
{
	char comm[PROCFS_COMM_MAX + 1];
	procfs_comm(sleep_args, sizeof(sleep_args) - 1, comm);
	CHECK(strcmp(comm, "sleep") == 0, "comm is argv[0]'s last component");
	procfs_comm("a-program-with-a-long-name\0", 27, comm);
	CHECK(strcmp(comm, "a-program-with-") == 0, "comm is cut at 15 bytes (%s)", comm);
	procfs_comm(NULL, 0, comm);
	CHECK(strcmp(comm, "?") == 0, "no argv: ?");
	procfs_comm("/bin/\0", 6, comm);
	CHECK(strcmp(comm, "bin") == 0, "a trailing slash is passed over (%s)", comm);
	procfs_comm("/\0", 2, comm);
	CHECK(strcmp(comm, "/") == 0, "argv[0] \"/\" stays (%s)", comm);
	procfs_comm("sh", 2, comm);
	CHECK(strcmp(comm, "sh") == 0, "argv without a final NUL");
	int32_t pid = 0;
	CHECK(procfs_parse_pid("123", &pid) && pid == 123, "123 is a pid");
	CHECK(!procfs_parse_pid("0", &pid) && !procfs_parse_pid("012", &pid) &&
	          !procfs_parse_pid("12a", &pid) && !procfs_parse_pid("", &pid) &&
	          !procfs_parse_pid("self", &pid) && !procfs_parse_pid("99999999999", &pid),
	      "0, 012, 12a, \"\", self and 99999999999 are not");
}

static void other_files(void)
{
	struct procfs_process process = sleeper();
	char text[512];
	procfs_format_status(text, sizeof(text), &process);
	CHECK(strstr(text, "Name:\tsleep\n") && strstr(text, "State:\tS (sleeping)\n") &&
	          strstr(text, "\nPid:\t42\n") && strstr(text, "PPid:\t7\n") &&
	          strstr(text, "Uid:\t1000\t1000\t1000\t1000\n") &&
	          strstr(text, "Gid:\t1000\t1000\t1000\t1000\n"),
	      "status has Name, State, Pid, PPid, Uid, Gid");
	procfs_format_comm(text, sizeof(text), &process);
	CHECK(strcmp(text, "sleep\n") == 0, "comm file");
	size_t length =
	    procfs_format_cmdline(text, sizeof(text), process.args, process.args_length);
	CHECK(length == sizeof(sleep_args) - 1 && memcmp(text, sleep_args, length) == 0,
	      "cmdline is the argz as it is");
	length = procfs_format_cmdline(text, sizeof(text), "sh\0-c", 5);
	CHECK(length == 6 && memcmp(text, "sh\0-c\0", 6) == 0, "cmdline's last NUL is added");
	CHECK(procfs_format_cmdline(text, 3, "sh\0-c", 5) == 6 && memcmp(text, "sh\0", 3) == 0,
	      "cmdline cut to the buffer, whole length returned");
	CHECK(procfs_format_cmdline(text, sizeof(text), NULL, 0) == 0, "no argv: empty cmdline");
	procfs_format_uptime(text, sizeof(text), 123456, 789);
	CHECK(strcmp(text, "123.45 0.78\n") == 0, "uptime: 123.45 0.78");
	procfs_format_meminfo(text, sizeof(text), 64u << 20, 16u << 20);
	CHECK(strstr(text, "MemTotal:          65536 kB\n") &&
	          strstr(text, "MemFree:           16384 kB\n"),
	      "meminfo in kB");
	procfs_format_loadavg(text, sizeof(text), 9, 31);
	CHECK(strcmp(text, "0.00 0.00 0.00 1/9 31\n") == 0, "loadavg: 0.00 0.00 0.00 1/9 31");
}

int main(void)
{
	stat_line();
	names();
	other_files();
	return tap_finish();
}
