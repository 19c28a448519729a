/* fork, vfork and the waits as an ordinary static glibc program sees them
 * (booted after proc, auth, tmpfs and the pipe server by tests/system/fork.t):
 * exit statuses, ids, copy-on-write memory, shared descriptors and offsets,
 * WNOHANG, ECHILD, a chosen child among several, SIGKILL, SIGCHLD, a wait
 * interrupted or restarted by a signal, fork in a threaded process, many forks,
 * waitid's siginfo. Children report with their exit status only (the parent
 * prints every TAP line). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "linux_check.h"

#define LOOP_FORKS 200


static void sleep_ms(long ms)
{
	struct timespec time = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&time, &time) != 0 && errno == EINTR)
		;
}

/* waitpid, again after EINTR (a SIGCHLD handler may be installed). */
static pid_t wait_for(pid_t pid, int *status)
{
	pid_t result;
	do
		result = waitpid(pid, status, 0);
	while (result < 0 && errno == EINTR);
	return result;
}

/* A child that exits with code's value. */
static pid_t fork_exiting(int code)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	return pid;
}

static void test_exit_status(void)
{
	pid_t pid = fork_exiting(7);
	int status = -1;
	pid_t waited = wait_for(pid, &status);
	check(pid > 0 && waited == pid, "fork gives the child's pid, waitpid returns it (%d, %d)",
	      pid, waited);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "the child's _exit(7) is the parent's WEXITSTATUS 7 (status 0x%x)", status);
}

static void test_ids(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0)
		_exit((getppid() == parent ? 0 : 1) | (getpid() != parent ? 0 : 2) |
		      (syscall(SYS_gettid) == getpid() ? 0 : 4));
	int status = -1;
	wait_for(pid, &status);
	check(WIFEXITED(status) && (WEXITSTATUS(status) & 1) == 0,
	      "in the child, getppid() is the parent's pid");
	check(WIFEXITED(status) && (WEXITSTATUS(status) & 2) == 0,
	      "in the child, getpid() is a new pid");
	check(WIFEXITED(status) && (WEXITSTATUS(status) & 4) == 0,
	      "in the child, gettid() is its pid");
	check(getpid() == parent && pid != parent, "the parent's pid did not change");
}

static volatile int shared_word = 1;

static void test_copy_on_write(void)
{
	int to_child[2];
	if (pipe2(to_child, 0) != 0) {
		check(false, "pipe2 for the copy-on-write check (%s)", strerror(errno));
		return;
	}
	shared_word = 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(to_child[1]);
		int code = shared_word == 1 ? 0 : 1;
		shared_word = 2; /* the parent must not see this */
		char byte;
		if (read(to_child[0], &byte, 1) != 1)
			code |= 4;
		if (shared_word != 2) /* nor this the parent's 3 */
			code |= 2;
		_exit(code);
	}
	close(to_child[0]);
	sleep_ms(100);
	shared_word = 3;
	(void)!write(to_child[1], "x", 1);
	close(to_child[1]);
	int status = -1;
	wait_for(pid, &status);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child had a copy of the memory and kept its own writes (status 0x%x)", status);
	check(shared_word == 3, "the parent did not see the child's write (%d)", shared_word);
}

static void test_pipe_between(void)
{
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) != 0) {
		check(false, "pipe2 between parent and child (%s)", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(ends[0]);
		const char text[] = "from the child";
		_exit(write(ends[1], text, sizeof(text)) == (ssize_t)sizeof(text) ? 0 : 1);
	}
	close(ends[1]);
	char buffer[64] = "";
	ssize_t total = 0, got;
	while ((got = read(ends[0], buffer + total, sizeof(buffer) - 1 - total)) > 0)
		total += got;
	close(ends[0]);
	int status = -1;
	wait_for(pid, &status);
	check(total == 15 && strcmp(buffer, "from the child") == 0,
	      "a pipe carries the child's bytes to the parent, then end of file (%zd)", total);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writing child exited with 0");
}

static void test_shared_offset(void)
{
	int fd = open("/tmp/fork-offset", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0) {
		check(false, "a file for the shared offset (%s)", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fd, "0123456789", 10) == 10 ? 0 : 1);
	int status = -1;
	wait_for(pid, &status);
	off_t offset = lseek(fd, 0, SEEK_CUR);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && offset == 10,
	      "the file offset is shared: the child wrote 10 bytes, the parent is at %ld",
	      (long)offset);
	(void)!write(fd, "ab", 2);
	char buffer[16] = "";
	ssize_t got = pread(fd, buffer, sizeof(buffer) - 1, 0);
	check(got == 12 && memcmp(buffer, "0123456789ab", 12) == 0,
	      "the parent's write follows the child's (%zd bytes)", got);
	close(fd);
	unlink("/tmp/fork-offset");
}

static void test_nohang_and_echild(void)
{
	int ends[2];
	if (pipe2(ends, 0) != 0) {
		check(false, "pipe2 for WNOHANG (%s)", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(ends[1]);
		char byte;
		_exit(read(ends[0], &byte, 1) == 0 ? 0 : 1); /* until the parent closes */
	}
	close(ends[0]);
	int status = -1;
	pid_t early = waitpid(pid, &status, WNOHANG);
	check(early == 0, "WNOHANG on a live child returns 0 (%d)", early);
	close(ends[1]);
	pid_t late = wait_for(pid, &status);
	check(late == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "... and the child ends once the pipe is closed (%d, 0x%x)", late, status);
	errno = 0;
	pid_t none = waitpid(-1, &status, 0);
	check(none == -1 && errno == ECHILD, "waitpid without children: ECHILD (%d, %s)", none,
	      strerror(errno));
	errno = 0;
	none = waitpid(-1, &status, WNOHANG);
	check(none == -1 && errno == ECHILD, "... with WNOHANG too (%d, %s)", none,
	      strerror(errno));
}

static void test_chosen_child(void)
{
	pid_t pids[3];
	for (int i = 0; i < 3; i++)
		pids[i] = fork_exiting(11 + i);
	int status = -1;
	pid_t waited = wait_for(pids[1], &status);
	check(waited == pids[1] && WIFEXITED(status) && WEXITSTATUS(status) == 12,
	      "waitpid for the second of three children gets it, status 12 (%d, 0x%x)", waited,
	      status);
	int seen = 0;
	for (int i = 0; i < 2; i++) {
		waited = wait_for(-1, &status);
		if (waited == pids[0] && WEXITSTATUS(status) == 11)
			seen |= 1;
		if (waited == pids[2] && WEXITSTATUS(status) == 13)
			seen |= 2;
	}
	check(seen == 3, "waitpid(-1) then gets the other two with their statuses");
}

static void test_killed(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	sleep_ms(50);
	check(kill(pid, SIGKILL) == 0, "kill(child, SIGKILL)");
	int status = -1;
	pid_t waited = wait_for(pid, &status);
	check(waited == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "the killed child shows WIFSIGNALED with SIGKILL (0x%x)", status);
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(1);
	}
	waited = wait_for(pid, &status);
	check(waited == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "a child ended by its own SIGTERM shows WTERMSIG 15 (0x%x)", status);
}

static volatile sig_atomic_t sigchld_count, sigchld_pid, sigchld_code;

static void on_sigchld(int signal, siginfo_t *info, void *context)
{
	(void)signal, (void)context;
	sigchld_count++;
	sigchld_pid = info->si_pid;
	sigchld_code = info->si_code;
}

static void test_sigchld(void)
{
	struct sigaction action = {.sa_sigaction = on_sigchld, .sa_flags = SA_SIGINFO | SA_RESTART};
	sigemptyset(&action.sa_mask);
	sigaction(SIGCHLD, &action, NULL);
	sigchld_count = 0;
	pid_t pid = fork_exiting(0);
	int status;
	wait_for(pid, &status);
	for (int i = 0; i < 500 && sigchld_count == 0; i++)
		sleep_ms(10);
	check(sigchld_count >= 1, "the parent's SIGCHLD handler ran (%d)", (int)sigchld_count);
	check(sigchld_pid == pid && sigchld_code == CLD_EXITED,
	      "... with si_pid the child's and si_code CLD_EXITED (%d, %d)", (int)sigchld_pid,
	      (int)sigchld_code);
	action.sa_handler = SIG_DFL;
	action.sa_flags = 0;
	sigaction(SIGCHLD, &action, NULL);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int signal)
{
	(void)signal;
	alarms++;
}

static void test_interrupted_wait(void)
{
	struct sigaction action = {.sa_handler = on_alarm, .sa_flags = 0};
	sigemptyset(&action.sa_mask);
	sigaction(SIGALRM, &action, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	alarms = 0;
	alarm(1);
	int status = -1;
	errno = 0;
	pid_t waited = waitpid(pid, &status, 0);
	check(waited == -1 && errno == EINTR && alarms == 1,
	      "a wait is interrupted by a handled SIGALRM without SA_RESTART: EINTR (%d, %s)",
	      waited, strerror(errno));
	kill(pid, SIGKILL);
	wait_for(pid, &status);

	action.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &action, NULL);
	pid = fork();
	if (pid == 0) {
		sleep_ms(2000);
		_exit(9);
	}
	alarms = 0;
	alarm(1);
	waited = waitpid(pid, &status, 0);
	check(waited == pid && alarms == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 9,
	      "under SA_RESTART the wait goes on after the handler and gets the child (%d, %d)",
	      waited, (int)alarms);
	action.sa_handler = SIG_DFL;
	sigaction(SIGALRM, &action, NULL);
}

static volatile int worker_ticks;
static volatile int worker_stop;

static void *worker(void *argument)
{
	(void)argument;
	while (!worker_stop) {
		worker_ticks++;
		sleep_ms(5);
	}
	return NULL;
}

static void *child_thread(void *argument)
{
	return argument;
}

static void test_threaded_parent(void)
{
	pthread_t thread;
	if (pthread_create(&thread, NULL, worker, NULL) != 0) {
		check(false, "a second thread before fork");
		return;
	}
	sleep_ms(50);
	pid_t pid = fork();
	if (pid == 0) {
		int before = worker_ticks;
		sleep_ms(200);
		int code = worker_ticks == before ? 0 : 1; /* nobody runs worker here */
		pthread_t own;
		void *result = NULL;
		if (pthread_create(&own, NULL, child_thread, (void *)42) != 0 ||
		    pthread_join(own, &result) != 0 || result != (void *)42)
			code |= 2;
		_exit(code);
	}
	int status = -1;
	wait_for(pid, &status);
	worker_stop = 1;
	pthread_join(thread, NULL);
	check(WIFEXITED(status) && (WEXITSTATUS(status) & 1) == 0,
	      "fork in a threaded process: only the forking thread runs in the child (0x%x)",
	      status);
	check(WIFEXITED(status) && (WEXITSTATUS(status) & 2) == 0,
	      "... and the child can make and join a thread of its own");
}

static void test_many_forks(void)
{
	int good = 0;
	for (int i = 0; i < LOOP_FORKS; i++) {
		pid_t pid = fork_exiting(i & 0x7f);
		if (pid < 0)
			break;
		int status = -1;
		if (wait_for(pid, &status) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == (i & 0x7f))
			good++;
	}
	check(good == LOOP_FORKS, "%d fork, _exit, waitpid in a row, each status right (%d)",
	      LOOP_FORKS, good);
}

static void test_waitid(void)
{
	pid_t pid = fork_exiting(21);
	siginfo_t info;
	memset(&info, 0xff, sizeof(info));
	int result;
	do
		result = waitid(P_PID, pid, &info, WEXITED);
	while (result < 0 && errno == EINTR);
	check(result == 0 && info.si_signo == SIGCHLD && info.si_pid == pid &&
	          info.si_code == CLD_EXITED && info.si_status == 21,
	      "waitid(P_PID, WEXITED): si_pid, CLD_EXITED, si_status 21 (%d, %d, %d, %d)", result,
	      info.si_pid, info.si_code, info.si_status);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	memset(&info, 0xff, sizeof(info));
	result = waitid(P_ALL, 0, &info, WEXITED | WNOHANG);
	check(result == 0 && info.si_pid == 0, "waitid WNOHANG with a live child: si_pid 0");
	kill(pid, SIGKILL);
	do
		result = waitid(P_ALL, 0, &info, WEXITED);
	while (result < 0 && errno == EINTR);
	check(result == 0 && info.si_pid == pid && info.si_code == CLD_KILLED &&
	          info.si_status == SIGKILL,
	      "waitid of a killed child: CLD_KILLED, si_status SIGKILL (%d, %d)", info.si_code,
	      info.si_status);
	errno = 0;
	result = waitid(P_ALL, 0, &info, WEXITED);
	check(result == -1 && errno == ECHILD, "waitid without children: ECHILD");
}

static void test_vfork_and_usage(void)
{
	pid_t pid = vfork();
	if (pid == 0)
		_exit(33);
	int status = -1;
	struct rusage usage;
	memset(&usage, 0xff, sizeof(usage));
	pid_t waited;
	do
		waited = wait4(pid, &status, 0, &usage);
	while (waited < 0 && errno == EINTR);
	check(waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 33,
	      "vfork's child exits with 33, wait4 sees it (%d, 0x%x)", waited, status);
	check(usage.ru_maxrss >= 0 && usage.ru_utime.tv_usec >= 0 &&
	          usage.ru_utime.tv_usec < 1000000,
	      "wait4 fills in a plausible rusage");
	check(getrusage(RUSAGE_SELF, &usage) == 0 && getrusage(RUSAGE_CHILDREN, &usage) == 0,
	      "getrusage answers for the process and its children");
	errno = 0;
	check(getrusage(5, &usage) == -1 && errno == EINVAL, "getrusage of an unknown who: EINVAL");
}

static void test_grandchild(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		pid_t grandchild = fork();
		if (grandchild == 0)
			_exit(getppid() == me ? 17 : 1);
		int status = -1;
		pid_t waited;
		do
			waited = waitpid(grandchild, &status, 0);
		while (waited < 0 && errno == EINTR);
		_exit(waited == grandchild && WIFEXITED(status) ? WEXITSTATUS(status) : 2);
	}
	int status = -1;
	wait_for(pid, &status);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 17,
	      "a child forks and waits for a grandchild of its own (status 0x%x)", status);
}

static void test_signal_state_across_fork(void)
{
	sigset_t blocked, old;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	sigprocmask(SIG_BLOCK, &blocked, &old);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR1); /* pending in the parent, blocked */
	alarm(100);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t mask, pending;
		sigprocmask(SIG_SETMASK, NULL, &mask);
		sigpending(&pending);
		struct sigaction usr2;
		sigaction(SIGUSR2, NULL, &usr2);
		int code = sigismember(&mask, SIGUSR1) ? 0 : 1;
		code |= sigismember(&pending, SIGUSR1) ? 2 : 0;
		code |= usr2.sa_handler == SIG_IGN ? 0 : 4;
		code |= alarm(0) == 0 ? 0 : 8;
		_exit(code);
	}
	int status = -1;
	wait_for(pid, &status);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0xff;
	check((code & 1) == 0, "the child inherits the signal mask");
	check((code & 2) == 0, "the child starts with no pending signal (the parent's SIGUSR1)");
	check((code & 4) == 0, "the child inherits SIG_IGN");
	check((code & 8) == 0, "the child has no alarm of the parent's");
	alarm(0);
	sigset_t pending;
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1), "the parent's SIGUSR1 is still pending");
	signal(SIGUSR1, SIG_IGN); /* discards it */
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a stack of ours, as posix_spawn
 * makes it: the child checks it runs on that stack and exits with code. */
static long clone_vfork_exit(void *stack_top, int code)
{
	register long flags __asm__("rdi") = CLONE_VM | CLONE_VFORK | SIGCHLD;
	register void *stack __asm__("rsi") = stack_top;
	register long parent_tid __asm__("rdx") = 0;
	register long child_tid __asm__("r10") = 0;
	register long tls __asm__("r8") = 0;
	register long exit_code __asm__("r12") = code;
	register void *expected __asm__("r13") = stack_top;
	long result = SYS_clone;
	__asm__ volatile("syscall\n\t"
	                 "test %%rax, %%rax\n\t"
	                 "jnz 1f\n\t"
	                 "mov %%r12, %%rdi\n\t"
	                 "cmp %%r13, %%rsp\n\t"
	                 "je 2f\n\t"
	                 "mov $99, %%rdi\n\t"
	                 "2: mov $231, %%eax\n\t"
	                 "syscall\n\t"
	                 "1:"
	                 : "+a"(result)
	                 : "r"(flags), "r"(stack), "r"(parent_tid), "r"(child_tid), "r"(tls),
	                   "r"(exit_code), "r"(expected)
	                 : "rcx", "r11", "memory");
	return result;
}

static void test_clone_vfork(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	long pid = clone_vfork_exit(stack + sizeof(stack), 44);
	int status = -1;
	pid_t waited = pid > 0 ? wait_for((pid_t)pid, &status) : -1;
	check(pid > 0 && waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 44,
	      "clone(CLONE_VM|CLONE_VFORK) runs the child on the given stack (%ld, 0x%x)", pid,
	      status);
}

/* clone3 as a fork: no stack, exit_signal SIGCHLD (the child resumes on its
 * copy of the caller's stack, so the wrapper returns normally in both). */
static void test_clone3_fork(void)
{
	struct {
		uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	} arguments = {.exit_signal = SIGCHLD};
	long pid = syscall(SYS_clone3, &arguments, sizeof(arguments));
	if (pid == 0)
		_exit(55);
	int status = -1;
	pid_t waited = pid > 0 ? wait_for((pid_t)pid, &status) : -1;
	check(pid > 0 && waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 55,
	      "clone3 with exit_signal SIGCHLD and no stack forks (%ld, 0x%x)", pid, status);
}

static volatile sig_atomic_t nocldwait_handled;

static void on_sigchld_count(int signal)
{
	(void)signal;
	nocldwait_handled++;
}

/* SIGCHLD's SIG_IGN, or SA_NOCLDWAIT: children leave no zombie, so a wait
 * lasts until they have all ended and then fails with ECHILD. */
static void test_self_reaping(void)
{
	struct sigaction action = {.sa_handler = SIG_IGN};
	sigemptyset(&action.sa_mask);
	sigaction(SIGCHLD, &action, NULL);
	pid_t pids[3];
	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			sleep_ms(50 * (i + 1));
			_exit(i + 1);
		}
	}
	int status = -1;
	errno = 0;
	pid_t waited = waitpid(-1, &status, 0);
	check(waited == -1 && errno == ECHILD,
	      "SIGCHLD ignored: children reap themselves, waitpid(-1) ends in ECHILD (%d, %s)",
	      waited, strerror(errno));
	check(kill(pids[0], 0) == -1 && kill(pids[2], 0) == -1 && errno == ESRCH,
	      "... and the ended children are gone (no zombie)");

	action.sa_handler = on_sigchld_count;
	action.sa_flags = SA_NOCLDWAIT | SA_RESTART;
	sigaction(SIGCHLD, &action, NULL);
	nocldwait_handled = 0;
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(50);
		_exit(5);
	}
	errno = 0;
	waited = waitpid(pid, &status, 0);
	int saved_errno = errno;
	for (int i = 0; i < 300 && nocldwait_handled == 0; i++)
		sleep_ms(10);
	check(waited == -1 && saved_errno == ECHILD && nocldwait_handled >= 1,
	      "SA_NOCLDWAIT: the handler runs, the child leaves no zombie (%d, %s, %d)", waited,
	      strerror(saved_errno), (int)nocldwait_handled);
	action.sa_handler = SIG_DFL;
	action.sa_flags = 0;
	sigaction(SIGCHLD, &action, NULL);
}

/* waitid with WNOWAIT reports an exit and leaves the child waitable. */
static void test_waitid_nowait(void)
{
	pid_t pid = fork_exiting(21);
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	int result = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT);
	check(result == 0 && info.si_pid == pid && info.si_code == CLD_EXITED &&
	          info.si_status == 21,
	      "waitid WNOWAIT reports the exit (%d, pid %d, code %d, status %d)", result,
	      info.si_pid, info.si_code, info.si_status);
	memset(&info, 0, sizeof(info));
	result = waitid(P_ALL, 0, &info, WEXITED | WNOWAIT | WNOHANG);
	check(result == 0 && info.si_pid == pid && info.si_status == 21,
	      "... and again: the child is still there (P_ALL, WNOHANG) (%d, %d)", result,
	      info.si_pid);
	int status = -1;
	pid_t waited = waitpid(pid, &status, 0);
	check(waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 21,
	      "waitpid then reaps it with its status (%d, 0x%x)", waited, status);
	errno = 0;
	waited = waitpid(pid, &status, WNOHANG);
	check(waited == -1 && errno == ECHILD, "... once: then ECHILD (%d, %s)", waited,
	      strerror(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* First: proc posts SIGCHLD late, so an earlier child's could land in
	 * the handler (and, not queued, hide this child's). */
	test_sigchld();
	test_exit_status();
	test_ids();
	test_copy_on_write();
	test_pipe_between();
	test_shared_offset();
	test_nohang_and_echild();
	test_chosen_child();
	test_killed();
	test_interrupted_wait();
	test_threaded_parent();
	test_many_forks();
	test_waitid();
	test_vfork_and_usage();
	test_grandchild();
	test_signal_state_across_fork();
	test_clone_vfork();
	test_clone3_fork();
	test_waitid_nowait();
	test_self_reaping();
	printf("fork_test: %d failed\n", failures);
	return failures ? 1 : 0;
}
