/* The program tests/linux/execve_test execs (from /test in the test tree):
 * "stage1" checks what it inherited (argv and envp exactly, the pid, fds with
 * and without FD_CLOEXEC, umask, blocked and ignored signals, a handler back
 * at SIG_DFL) and execs a "#!" script; the script execs it again as "stage2",
 * which checks the script's $0 and $1 and execs busybox with argv[0] "echo". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux_check.h"

#define FILLER_BYTES 110000 /* execve_test's long argument */

extern char **environ;

static bool all_of(const char *text, char c, size_t length)
{
	if (strlen(text) != length)
		return false;
	for (size_t i = 0; i < length; i++)
		if (text[i] != c)
			return false;
	return true;
}

static void check_words(int argc, char **argv)
{
	check(argc == 5 && strcmp(argv[0], "execve_child") == 0 &&
	          strcmp(argv[2], "two words") == 0 && strcmp(argv[3], "") == 0 && argv[5] == NULL,
	      "child: argv arrived exactly (argc %d, a word with a space, an empty word)", argc);
	check(argc == 5 && all_of(argv[4], 'x', FILLER_BYTES),
	      "child: a %d-byte argument arrived whole", FILLER_BYTES);
	int count = 0;
	while (environ[count])
		count++;
	check(count == 4 && strncmp(environ[0], "EXECVE_PID=", 11) == 0 &&
	          strncmp(environ[1], "EXECVE_PPID=", 12) == 0 &&
	          strcmp(environ[2], "EMPTY=") == 0 && strcmp(environ[3], "LAST=yes") == 0,
	      "child: envp arrived exactly (%d entries)", count);
}

static void check_identity(void)
{
	const char *pid = getenv("EXECVE_PID"), *ppid = getenv("EXECVE_PPID");
	check(pid && atoi(pid) == getpid(), "child: the pid is unchanged (%d, was %s)",
	      (int)getpid(), pid ? pid : "?");
	check(ppid && atoi(ppid) == getppid(), "child: getppid is unchanged (%d, was %s)",
	      (int)getppid(), ppid ? ppid : "?");
}

static void check_descriptors(void)
{
	char buffer[8] = {0};
	check(fcntl(10, F_GETFD) == 0 && lseek(10, 0, SEEK_CUR) == 5,
	      "child: fd 10 (no FD_CLOEXEC) is open, its offset still 5");
	check(read(10, buffer, sizeof(buffer)) == 5 && memcmp(buffer, "56789", 5) == 0,
	      "child: reading fd 10 goes on from there (\"%s\")", buffer);
	errno = 0;
	bool closed11 = fcntl(11, F_GETFD) == -1 && errno == EBADF;
	errno = 0;
	bool closed12 = fcntl(12, F_GETFD) == -1 && errno == EBADF;
	check(closed11 && closed12,
	      "child: fds 11 (F_SETFD FD_CLOEXEC) and 12 (O_CLOEXEC) are closed");
	check(fcntl(100, F_GETFD) == 0 && fcntl(200, F_GETFD) == 0 && lseek(200, 0, SEEK_CUR) == 10,
	      "child: fds 100 and 200 (past the first 64, no FD_CLOEXEC) are open, the same file");
	errno = 0;
	check(fcntl(201, F_GETFD) == -1 && errno == EBADF, "child: fd 201 (FD_CLOEXEC) is closed");
	check(write(1, "", 0) == 0 && fcntl(1, F_GETFD) == 0,
	      "child: fd 1 (the console) is still open");
	char cwd[256] = "";
	int relative = open("data", O_RDONLY);
	check(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/tmp") == 0 && relative >= 0 &&
	          close(relative) == 0,
	      "child: the cwd is still /tmp (getcwd \"%s\", \"data\" opens)", cwd);
}

static void check_signals(void)
{
	mode_t old = umask(0);
	check(old == 027, "child: the umask is still 027 (0%o)", (unsigned)old);
	sigset_t blocked;
	sigprocmask(SIG_SETMASK, NULL, &blocked);
	check(sigismember(&blocked, SIGUSR1) && sigismember(&blocked, SIGRTMIN + 4) &&
	          !sigismember(&blocked, SIGUSR2),
	      "child: SIGUSR1 and SIGRTMIN+4 are still blocked, SIGUSR2 is not");
	struct sigaction usr2, rt, term;
	sigaction(SIGUSR2, NULL, &usr2);
	sigaction(SIGRTMIN + 5, NULL, &rt);
	sigaction(SIGTERM, NULL, &term);
	check(usr2.sa_handler == SIG_IGN && rt.sa_handler == SIG_IGN,
	      "child: SIGUSR2 and SIGRTMIN+5 are still ignored");
	check(term.sa_handler == SIG_DFL, "child: the SIGTERM handler is back to SIG_DFL");
	raise(SIGUSR2);
	check(true, "child: raise(SIGUSR2) was ignored: the child runs on");
}

static int stage1(int argc, char **argv)
{
	check_words(argc, argv);
	check_identity();
	check_descriptors();
	check_signals();
	printf("execve_child: stage1 done, %d failed; the #! script next\n", failures);
	fflush(stdout);
	char *const script_argv[] = {"script", "one", NULL};
	execve("/tmp/script", script_argv, environ);
	check(false, "child: execve of the script returned: %s", strerror(errno));
	printf("EXECVE-MARKER: the script's execve returned\n");
	return 1;
}

static int stage2(int argc, char **argv)
{
	check(argc == 4 && strcmp(argv[2], "/tmp/script") == 0 && strcmp(argv[3], "one") == 0,
	      "#! script: busybox sh ran it with $0 = the script's path, $1 = its argument");
	check_identity();
	fflush(stdout);
	char *const echo_argv[] = {"echo", "busybox-echo:", "argv[0]", "was", "echo", NULL};
	execve("/bin/busybox", echo_argv, environ);
	check(false, "execve of busybox as echo returned: %s", strerror(errno));
	printf("EXECVE-MARKER: busybox's execve returned\n");
	return 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "stage1") == 0)
		return stage1(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "stage2") == 0)
		return stage2(argc, argv);
	fprintf(stderr, "execve_child: run by tests/linux/execve_test\n");
	return 2;
}
