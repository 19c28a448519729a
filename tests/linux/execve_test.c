/* execve through the emulator and the exec server, first stage: every failure
 * (ENOENT, ENOEXEC, EACCES, ENOTDIR, ELOOP, E2BIG, EFAULT, a missing "#!"
 * interpreter) leaves this process running as it was; then it sets up what a
 * new image inherits (descriptors with and without FD_CLOEXEC, umask, blocked
 * and ignored signals, a handler) and execveat's /test/execve_child, which
 * checks it and goes on (tests/system/execve.t). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "linux_check.h"

/* The child's long argument: close to exec_exec's 120 KiB of argv + envp. */
#define FILLER_BYTES 110000
#define TOO_MANY     (130 << 10)

static pid_t my_pid;

static int write_file(const char *path, const char *contents, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	ssize_t length = (ssize_t)strlen(contents);
	int ok = write(fd, contents, (size_t)length) == length;
	ok = close(fd) == 0 && ok;
	return ok && chmod(path, mode) == 0 ? 0 : -1;
}

static void make_files(void)
{
	int ok = write_file("/tmp/garbage", "this is not a program\n", 0755) == 0 &&
	         write_file("/tmp/noexec", "#!/bin/busybox sh\necho never\n", 0644) == 0 &&
	         write_file("/tmp/nointerp", "#!/no/such/interpreter -x\n", 0755) == 0 &&
	         write_file("/tmp/loop", "#!/tmp/loop\n", 0755) == 0 &&
	         write_file("/tmp/script",
	                    "#!/bin/busybox sh\n"
	                    "[ $$ = \"$EXECVE_PID\" ] && same=yes\n"
	                    "echo \"script: 0=$0 1=$1 pid-same=$same\"\n"
	                    "exec /test/execve_child stage2 \"$0\" \"$1\"\n",
	                    0755) == 0;
	check(ok, "the test files are written in /tmp (a garbage file, scripts)");
}

/* The process goes on as it was after a failed execve: same pid, files work. */
static void check_still_running(const char *after)
{
	int fd = open("/tmp/alive", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	bool ok = fd >= 0 && write(fd, "alive", 5) == 5 && close(fd) == 0;
	check(ok && getpid() == my_pid, "after %s the process runs on (pid %d, files work)", after,
	      (int)getpid());
}

static void expect_failure(const char *path, char *const argv[], int expected, const char *what)
{
	char *const envp[] = {"X=1", NULL};
	errno = 0;
	int result = execve(path, argv, envp);
	int error = errno;
	check(result == -1 && error == expected, "execve of %s: %s (%d, errno %d: %s)", path, what,
	      result, error, strerror(error));
	check_still_running(what);
}

static void check_failures(void)
{
	char *const argv[] = {"x", NULL};
	expect_failure("/tmp/no-such-file", argv, ENOENT, "ENOENT");
	expect_failure("/tmp/garbage", argv, ENOEXEC, "ENOEXEC for a file that is no program");
	expect_failure("/tmp/noexec", argv, EACCES, "EACCES without an execute bit");
	expect_failure("/tmp", argv, EACCES, "EACCES for a directory");
	expect_failure("/tmp/garbage/x", argv, ENOTDIR, "ENOTDIR through a file");
	expect_failure("/tmp/nointerp", argv, ENOENT, "ENOENT for a missing #! interpreter");
	expect_failure("/tmp/loop", argv, ELOOP, "ELOOP for #! nested too deep");
	char *big = malloc(TOO_MANY);
	if (big) {
		memset(big, 'y', TOO_MANY - 1);
		big[TOO_MANY - 1] = '\0';
		char *const long_argv[] = {"x", big, NULL};
		expect_failure("/test/execve_child", long_argv, E2BIG,
		               "E2BIG beyond 120 KiB of arguments");
		free(big);
	}
	errno = 0;
	int result = (int)syscall(SYS_execve, "/test/execve_child", (char *const *)8, NULL);
	check(result == -1 && errno == EFAULT, "execve with a bad argv pointer: EFAULT (errno %d)",
	      errno);
	errno = 0;
	result = (int)syscall(SYS_execveat, AT_FDCWD, "", argv, NULL, 0);
	check(result == -1 && errno == ENOENT,
	      "execveat of \"\" without AT_EMPTY_PATH: ENOENT (%d)", errno);
	check_still_running("the bad pointers");
}

static void ignore_handler(int signal)
{
	(void)signal;
}

/* What the child must find: fd 10 kept at offset 5, 11 and 12 closed. */
static int set_up_inheritance(void)
{
	int fd = open("/tmp/data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	bool ok = fd >= 0 && write(fd, "0123456789", 10) == 10 && dup2(fd, 10) == 10 &&
	          dup2(fd, 11) == 11 && fcntl(11, F_SETFD, FD_CLOEXEC) == 0 &&
	          lseek(10, 5, SEEK_SET) == 5 && dup2(fd, 100) == 100 && dup2(fd, 200) == 200 &&
	          dup2(fd, 201) == 201 && fcntl(201, F_SETFD, FD_CLOEXEC) == 0 && close(fd) == 0;
	int cloexec = open("/tmp/data", O_RDONLY | O_CLOEXEC);
	ok = ok && cloexec >= 0 && dup3(cloexec, 12, O_CLOEXEC) == 12 && close(cloexec) == 0;
	umask(027);
	sigset_t blocked;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	sigaddset(&blocked, SIGRTMIN + 4);
	ok = ok && sigprocmask(SIG_BLOCK, &blocked, NULL) == 0;
	ok = ok && signal(SIGUSR2, SIG_IGN) != SIG_ERR && signal(SIGRTMIN + 5, SIG_IGN) != SIG_ERR;
	ok = ok && signal(SIGTERM, ignore_handler) != SIG_ERR;
	ok = ok && chdir("/tmp") == 0;
	check(ok, "fd 10 (offset 5) and its copies 100 and 200, fd 11, 12 and 201 close-on-exec, "
	          "umask 027, SIGUSR1 and SIGRTMIN+4 "
	          "blocked, SIGUSR2 and SIGRTMIN+5 ignored, a SIGTERM handler, cwd /tmp");
	return ok ? 0 : -1;
}

int main(void)
{
	my_pid = getpid();
	make_files();
	check_failures();
	if (set_up_inheritance() != 0)
		return 1;
	char *filler = malloc(FILLER_BYTES + 1);
	if (!filler)
		return 1;
	memset(filler, 'x', FILLER_BYTES);
	filler[FILLER_BYTES] = '\0';
	char pid_text[64], ppid_text[64];
	snprintf(pid_text, sizeof(pid_text), "EXECVE_PID=%d", (int)my_pid);
	snprintf(ppid_text, sizeof(ppid_text), "EXECVE_PPID=%d", (int)getppid());
	char *const argv[] = {"execve_child", "stage1", "two words", "", filler, NULL};
	char *const envp[] = {pid_text, ppid_text, "EMPTY=", "LAST=yes", NULL};
	int directory = open("/test", O_RDONLY | O_DIRECTORY);
	check(directory >= 0, "/test opened as a directory for execveat");
	printf("execve_test: %d checks failed; execveat of execve_child now\n", failures);
	fflush(stdout);
	syscall(SYS_execveat, directory, "execve_child", argv, envp, 0);
	check(false, "execveat returned: %s", strerror(errno));
	printf("EXECVE-MARKER: execveat returned\n");
	return 1;
}
