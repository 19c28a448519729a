/* The program tests/linux/exec_test starts through the exec server and
 * lib/fshelp: it reports what it was given (argv, envp, init ports) through
 * its INIT_PORT_AUTH init port, or sleeps, or exits at once, or writes a line
 * to its descriptor 1 (exec_exec's fds). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <hurd/hurd_types.h>
#include <libmach/glibc.h>
#include <wildebeest/native.h>
#include "exec_report.h"

extern char **environ;

/* Sends text (and, if valid, a copy of port) to the report port. */
static int send_report(mach_port_t report, const char *text, mach_port_t port)
{
	struct exec_report message;
	exec_report_fill(&message, report, text, port);
	return mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	                MACH_PORT_NULL, 10000, MACH_PORT_NULL);
}

/* "argc=N|argv...|env=...|cwdir=none|bootstrap=yes" */
static void describe(int argc, char **argv, char *text, size_t size)
{
	size_t used = (size_t)snprintf(text, size, "argc=%d", argc);
	for (int i = 0; i < argc && used < size; i++)
		used += (size_t)snprintf(text + used, size - used, "|%s", argv[i]);
	for (char **variable = environ; *variable && used < size; variable++)
		used += (size_t)snprintf(text + used, size - used, "|env:%s", *variable);
	mach_port_t cwdir = native_get_init_port(INIT_PORT_CWDIR);
	mach_port_t bootstrap = native_get_init_port(INIT_PORT_BOOTSTRAP);
	if (used < size)
		snprintf(text + used, size - used, "|cwdir=%s|bootstrap=%s",
		         MACH_PORT_VALID(cwdir) ? "yes" : "none",
		         MACH_PORT_VALID(bootstrap) ? "yes" : "none");
}

int main(int argc, char **argv)
{
	mach_port_t report = native_get_init_port(INIT_PORT_AUTH);
	if (argc < 2) {
		printf("exec_child: nothing to do (report port: %s)\n",
		       MACH_PORT_VALID(report) ? "yes" : "none");
		return 0;
	}
	if (strcmp(argv[1], "--exit") == 0)
		return 3;
	if (strcmp(argv[1], "--write") == 0) {
		/* exec_exec's fds: 0 closed, 1 the test's sink. */
		printf("exec_child: fd 0 %s, fd 1 is the sink\n",
		       fcntl(0, F_GETFD) < 0 && errno == EBADF ? "closed" : "open");
		return fflush(stdout) == 0 ? 7 : 1;
	}
	if (strcmp(argv[1], "--sleep") == 0) {
		/* Tells the test its task, then never calls fsys_startup. */
		if (MACH_PORT_VALID(report))
			(void)send_report(report, "sleeping", mach_task_self());
		for (;;)
			sleep(3600);
	}
	char text[EXEC_REPORT_TEXT_MAX];
	describe(argc, argv, text, sizeof(text));
	if (!MACH_PORT_VALID(report) || send_report(report, text, MACH_PORT_NULL) != 0)
		return 1;
	return 42;
}
