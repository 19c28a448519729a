/* /init of the Linux baseline guest: stamps the TSC at entry, measures the TSC rate,
 * runs the workload named by wb.bench=NAME (/bench/NAME), then exits QEMU via 0xf4. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* QEMU's isa-debug-exit device: writing V makes QEMU exit with (V << 1) | 1. */
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10 /* QEMU exits 33 */
#define DEBUG_EXIT_FAIL 0x11 /* QEMU exits 35 */

#define TSC_CALIBRATION_NS 50000000LL /* 50 ms against CLOCK_MONOTONIC */
#define WORKLOAD_DIR       "/bench/"
#define WORKLOAD_PARAM     "wb.bench="

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

static int64_t monotonic_ns(void)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return -1;
	return (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Counts TSC ticks over ~50 ms of CLOCK_MONOTONIC; returns ticks per second or 0. */
static uint64_t measure_tsc_hz(void)
{
	int64_t start_ns = monotonic_ns();
	uint64_t start_tsc = read_tsc();
	int64_t now_ns = start_ns;

	if (start_ns < 0)
		return 0;
	while (now_ns >= 0 && now_ns - start_ns < TSC_CALIBRATION_NS)
		now_ns = monotonic_ns();
	uint64_t end_tsc = read_tsc();
	if (now_ns <= start_ns)
		return 0;
	return (uint64_t)((double)(end_tsc - start_tsc) * 1e9 / (double)(now_ns - start_ns));
}

/* Makes fds 0-2 the console when the kernel could not open one for us. */
static void ensure_console(void)
{
	if (fcntl(STDOUT_FILENO, F_GETFD) != -1)
		return;
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) != 0 && errno != EBUSY)
		return;
	int console = open("/dev/console", O_RDWR | O_NOCTTY);
	if (console < 0)
		return;
	for (int fd = 0; fd <= 2; fd++)
		dup2(console, fd);
	if (console > 2)
		close(console);
}

static void mount_filesystems(void)
{
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL) != 0)
		printf("bench: init: mount /proc: %s\n", strerror(errno));
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) != 0 && errno != EBUSY)
		printf("bench: init: mount /dev: %s\n", strerror(errno));
	mkdir("/tmp", 01777);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL) != 0)
		printf("bench: init: mount /tmp: %s\n", strerror(errno));
}

/* Copies the value of wb.bench=NAME from the kernel command line; 0 when absent. */
static int workload_name(char *name, size_t size)
{
	char cmdline[4096];
	FILE *file = fopen("/proc/cmdline", "r");

	if (!file)
		return 0;
	size_t length = fread(cmdline, 1, sizeof(cmdline) - 1, file);
	fclose(file);
	cmdline[length] = '\0';

	for (char *word = strtok(cmdline, " \t\n"); word; word = strtok(NULL, " \t\n")) {
		if (strncmp(word, WORKLOAD_PARAM, strlen(WORKLOAD_PARAM)) != 0)
			continue;
		const char *value = word + strlen(WORKLOAD_PARAM);
		if (*value == '\0' || strchr(value, '/') || strlen(value) >= size)
			return 0;
		strcpy(name, value);
		return 1;
	}
	return 0;
}

/* Runs /bench/NAME with the console as its stdio; returns 0 when it exited 0. */
static int run_workload(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", WORKLOAD_DIR, name);
	if (access(path, X_OK) != 0) {
		printf("bench: init: no workload %s: %s\n", path, strerror(errno));
		return -1;
	}
	fflush(stdout);
	pid_t child = fork();
	if (child < 0) {
		printf("bench: init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (child == 0) {
		char *const argv[] = {path, NULL};
		char *const envp[] = {"PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/", NULL};
		execve(path, argv, envp);
		printf("bench: init: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("bench: init: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	printf("bench: init: workload %s failed (wait status 0x%x)\n", name, status);
	return -1;
}

/* Drains the console and leaves QEMU with the given debug-exit value. */
static void __attribute__((noreturn)) power_off(int value)
{
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
	if (ioperm(DEBUG_EXIT_PORT, 4, 1) == 0)
		outb(value, DEBUG_EXIT_PORT);
	else
		printf("bench: init: ioperm: %s\n", strerror(errno));
	/* Without the debug-exit device QEMU exits 0 here, which callers read as failure. */
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

int main(void)
{
	uint64_t first_tsc = read_tsc(); /* first thing: the figure being measured */
	char name[128];

	ensure_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("bench: first-task tsc=%llu\n", (unsigned long long)first_tsc);
	mount_filesystems();
	printf("bench: tsc-hz %llu\n", (unsigned long long)measure_tsc_hz());

	int result = 0;
	if (workload_name(name, sizeof(name)))
		result = run_workload(name);
	power_off(result == 0 ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL);
}
