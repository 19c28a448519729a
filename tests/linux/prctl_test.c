/* prctl and sysinfo as a Linux program sees them (tests/system/procfs.t runs
 * it in the image, with procfs at /proc): thread names, the parent-death
 * signal, dumpable, no-new-privs, unknown options, and sysinfo's figures
 * against /proc/uptime. Prints one TAP line per check. */
#include "linux_check.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/sysinfo.h>


/* A second thread's name is its own. */
static void *name_thread(void *unused)
{
	(void)unused;
	char name[16] = {0};
	int set = prctl(PR_SET_NAME, "worker-thread");
	int got = prctl(PR_GET_NAME, name);
	check(set == 0 && got == 0 && strcmp(name, "worker-thread") == 0,
	      "a second thread names itself (got \"%s\")", name);
	return NULL;
}

static void thread_names(void)
{
	char name[16] = {0};
	check(prctl(PR_GET_NAME, name) == 0 && strcmp(name, "prctl_test") == 0,
	      "PR_GET_NAME before any PR_SET_NAME is the program's name (\"%s\")", name);
	check(prctl(PR_SET_NAME, "a-rather-long-thread-name") == 0, "PR_SET_NAME");
	memset(name, 0, sizeof(name));
	check(prctl(PR_GET_NAME, name) == 0 && strcmp(name, "a-rather-long-t") == 0,
	      "PR_GET_NAME gives the first 15 bytes (\"%s\")", name);
	pthread_t thread;
	check(pthread_create(&thread, NULL, name_thread, NULL) == 0 &&
	          pthread_join(thread, NULL) == 0,
	      "the second thread ran");
	memset(name, 0, sizeof(name));
	check(prctl(PR_GET_NAME, name) == 0 && strcmp(name, "a-rather-long-t") == 0,
	      "the first thread's name is unchanged (\"%s\")", name);
	errno = 0;
	check(prctl(PR_SET_NAME, (char *)8) == -1 && errno == EFAULT,
	      "PR_SET_NAME of a bad pointer is EFAULT");
}

static void flags(void)
{
	int signal_number = -1;
	check(prctl(PR_GET_PDEATHSIG, &signal_number) == 0 && signal_number == 0,
	      "PR_GET_PDEATHSIG starts at 0");
	bool stored = prctl(PR_SET_PDEATHSIG, SIGTERM) == 0 &&
	              prctl(PR_GET_PDEATHSIG, &signal_number) == 0 && signal_number == SIGTERM;
	check(stored, "PR_SET_PDEATHSIG is stored (%d)", signal_number);
	errno = 0;
	check(prctl(PR_SET_PDEATHSIG, 1000) == -1 && errno == EINVAL,
	      "PR_SET_PDEATHSIG of no signal is EINVAL");
	check(prctl(PR_GET_DUMPABLE) == 1, "PR_GET_DUMPABLE starts at 1");
	check(prctl(PR_SET_DUMPABLE, 0) == 0 && prctl(PR_GET_DUMPABLE) == 0,
	      "PR_SET_DUMPABLE 0 is read back");
	check(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "PR_GET_NO_NEW_PRIVS starts at 0");
	check(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	          prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
	      "PR_SET_NO_NEW_PRIVS sticks");
	errno = 0;
	check(prctl(12345, 0, 0, 0, 0) == -1 && errno == EINVAL, "an unknown option is EINVAL");
}

static void system_figures(void)
{
	struct sysinfo info;
	memset(&info, 0xff, sizeof(info));
	check(sysinfo(&info) == 0, "sysinfo");
	check(info.mem_unit == 1, "mem_unit is 1 (%u)", info.mem_unit);
	check(info.totalram >= 16u << 20 && info.freeram > 0 && info.freeram <= info.totalram,
	      "totalram %lu and freeram %lu are plausible", info.totalram, info.freeram);
	check(info.procs >= 3, "procs counts the herd and us (%u)", info.procs);
	FILE *uptime_file = fopen("/proc/uptime", "r");
	double uptime = -1;
	if (uptime_file) {
		if (fscanf(uptime_file, "%lf", &uptime) != 1)
			uptime = -1;
		fclose(uptime_file);
	}
	check(uptime >= 0 && info.uptime >= 0 && info.uptime <= (long)uptime + 2 &&
	          (long)uptime <= info.uptime + 2,
	      "sysinfo's uptime %ld s agrees with /proc/uptime's %.2f", info.uptime, uptime);
	errno = 0;
	check(sysinfo((struct sysinfo *)8) == -1 && errno == EFAULT,
	      "sysinfo of a bad pointer is EFAULT");
}

int main(void)
{
	thread_names();
	flags();
	system_figures();
	printf("prctl_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
