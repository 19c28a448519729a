/* tests/system/image.t's init on the image's tree: what a program started by
 * exec finds there — /dev/null, /dev/zero, /dev/tty, /servers, pipe2 through
 * /servers/pipe (no registry answers it), reboot refused to uid 1000 — and at
 * the end, as root, reboot(POWER_OFF), whose power-off is the verdict. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>
#include "linux_tap.h"

static bool failed;

static bool check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	linux_tap_check(passed, format, arguments);
	va_end(arguments);
	failed |= !passed;
	return passed;
}

static void device_checks(void)
{
	int fd = open("/dev/null", O_WRONLY);
	check(fd >= 0 && write(fd, "hi\n", 3) == 3, "echo hi > /dev/null writes (%d)", errno);
	close(fd);
	char buffer[8];
	fd = open("/dev/null", O_RDONLY);
	ssize_t got = fd >= 0 ? read(fd, buffer, sizeof(buffer)) : -1;
	check(got == 0, "/dev/null reads end of file (%zd, %s)", got, strerror(errno));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buffer, 'x', sizeof(buffer));
	got = fd >= 0 ? read(fd, buffer, 4) : -1;
	check(got == 4 && memcmp(buffer, "\0\0\0\0", 4) == 0,
	      "head -c 4 /dev/zero: 4 zero bytes (%zd, %s)", got, strerror(errno));
	close(fd);
	fd = open("/dev/tty", O_WRONLY);
	static const char line[] = "image_test: this line went through /dev/tty\n";
	check(fd >= 0 && write(fd, line, sizeof(line) - 1) == (ssize_t)sizeof(line) - 1,
	      "/dev/tty opens and writes (%d)", errno);
	check(fd >= 0 && isatty(fd), "/dev/tty is a terminal");
	close(fd);
}

static void servers_checks(void)
{
	DIR *dir = opendir("/servers");
	int seen = 0;
	for (struct dirent *entry; dir && (entry = readdir(dir));)
		seen |= strcmp(entry->d_name, "pipe") == 0       ? 1
		        : strcmp(entry->d_name, "password") == 0 ? 2
		                                                 : 0;
	check(seen == 3, "ls /servers: pipe and password (%d)", seen);
	if (dir)
		closedir(dir);
	int fds[2] = {-1, -1};
	int result = pipe2(fds, O_CLOEXEC);
	check(result == 0, "pipe2 works in a program started by exec (%d)", result ? errno : 0);
	char buffer[4] = {0};
	check(result == 0 && write(fds[1], "a\n", 2) == 2 && read(fds[0], buffer, 4) == 2 &&
	          strcmp(buffer, "a\n") == 0,
	      "what goes into the pipe comes out");
	close(fds[1]);
	check(result == 0 && read(fds[0], buffer, 4) == 0, "end of file once the write end closed");
	close(fds[0]);
}

static void reboot_checks(void)
{
	check(setresuid(1000, 1000, 0) == 0 && geteuid() == 1000, "became uid 1000 (saved 0)");
	errno = 0;
	check(reboot(RB_POWER_OFF) == -1 && errno == EPERM, "reboot as uid 1000: EPERM (%d)",
	      errno);
	check(setresuid(0, 0, 0) == 0 && geteuid() == 0, "back to root through the saved uid");
}

int main(void)
{
	device_checks();
	servers_checks();
	reboot_checks();
	if (failed)
		return 1; /* init's end: the failure verdict */
	fflush(stdout);
	reboot(RB_POWER_OFF);
	printf("image_test: reboot(RB_POWER_OFF) returned: %s\n", strerror(errno));
	return 1;
}
