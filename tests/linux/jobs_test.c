/* Job control seen by a static glibc program (tests/system/jobs.t, with proc,
 * the pipe server, the serial driver and term booted first; the far end of
 * COM2 types tests/system/jobs_script.txt). As "leader": a session leader
 * takes the terminal as its controlling terminal, gets SIGINT, SIGQUIT and
 * SIGWINCH from it, has blocked reads on the terminal and a pipe interrupted
 * (EINTR) and restarted (SA_RESTART), goes to the background behind a group
 * of a child task and gets SIGTTIN/SIGTTOU, sees that child's stop and
 * continue through proc_wait and SIGCHLD, stops and continues children made
 * by fork (waitpid WUNTRACED/WCONTINUED, ^Z), and is stopped by ^Z and continued
 * by "helper" with kill(SIGCONT).
 * As "helper": registers, learns the leader's pid, waits for a line typed on
 * the terminal and sends SIGCONT, then waits for the leader's end. As
 * "interrupted": takes the terminal over and is killed by ^C (default action). */
#define _GNU_SOURCE
#include "linux_peer.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <hurd/hurd_types.h>
#include <hurd/proc.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/emul_native.h>
#include <wildebeest/native.h>

#define WAIT_LIMIT_MS 60000
#define STOP_GAP_NS   1000000000ll /* a 20 ms sleep that took this long: stopped */

static int terminal_fd = -1;

static volatile sig_atomic_t seen[65];
static volatile int seen_code[65];

static void on_signal(int signal, siginfo_t *info, void *context)
{
	(void)context;
	seen[signal]++;
	seen_code[signal] = info->si_code;
}

static void catch_signal(int signal, int flags)
{
	struct sigaction action = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | flags};
	sigemptyset(&action.sa_mask);
	sigaction(signal, &action, NULL);
	seen[signal] = 0;
}

static int64_t now_ns(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000000000ll + now.tv_nsec;
}

/* Waits (20 ms naps) until signal was seen or the limit passes. */
static bool wait_seen(int signal)
{
	for (int waited = 0; waited < WAIT_LIMIT_MS && !seen[signal]; waited += 20)
		usleep(20000);
	return seen[signal] != 0;
}

static void say(const char *text)
{
	if (write(terminal_fd, text, strlen(text)) != (ssize_t)strlen(text))
		check(false, "write of '%s' to the terminal (%d)", text, errno);
}

/* The terminal as a descriptor: term's port from the registry (the last
 * port registered without a name), opened through the escape hatch. */
static int open_terminal(void)
{
	mach_port_t terminal = MACH_PORT_NULL;
	if (bootstrap_registry_lookup(libmach_bootstrap_port, &terminal) != 0)
		return -1;
	return (int)syscall(EMUL_NATIVE_OPEN_PORT, (long)terminal, (long)O_RDWR);
}

static void controlling_terminal(void)
{
	pid_t session = setsid();
	check(session == getpid(), "setsid: a session of its own (%d)", (int)session);
	check(terminal_fd >= 0 && isatty(terminal_fd), "a descriptor for the terminal (%d)",
	      terminal_fd);
	check(ioctl(terminal_fd, TIOCSCTTY, 0) == 0, "TIOCSCTTY: the controlling terminal (%d)",
	      errno);
	pid_t group = tcgetpgrp(terminal_fd), sid = 0;
	check(group == getpgrp(), "its group is in the foreground (%d)", (int)group);
	check(ioctl(terminal_fd, TIOCGSID, &sid) == 0 && sid == getpid(),
	      "TIOCGSID: the terminal's session is ours (%d)", (int)sid);
	errno = 0;
	check(tcsetpgrp(terminal_fd, 1) == -1 && errno == EPERM,
	      "tcsetpgrp to group 1, of another session: EPERM (%d)", errno);
	check(ioctl(terminal_fd, TIOCSCTTY, 0) == 0, "TIOCSCTTY again on the same one: 0");
}

/* read on the terminal: the count, or -errno. */
static long read_terminal(char *buffer, size_t size)
{
	ssize_t count = read(terminal_fd, buffer, size - 1);
	if (count < 0)
		return -errno;
	buffer[count] = '\0';
	return count;
}

static void terminal_signals(void)
{
	char buffer[128];
	catch_signal(SIGINT, 0);
	say("JOBS1 type ^C\n");
	long count = read_terminal(buffer, sizeof(buffer));
	check(count == -EINTR && seen[SIGINT] == 1,
	      "^C: SIGINT's handler ran and the read ended with EINTR (%ld, %d, '%s')", count,
	      (int)seen[SIGINT], count > 0 ? buffer : "");
	check(seen_code[SIGINT] == SI_KERNEL, "... si_code SI_KERNEL, as from a terminal (%d)",
	      seen_code[SIGINT]);
	catch_signal(SIGINT, SA_RESTART);
	say("JOBS2 type ^C and a line\n");
	count = read_terminal(buffer, sizeof(buffer));
	check(count == 6 && strcmp(buffer, "again\n") == 0 && seen[SIGINT] == 1,
	      "^C under SA_RESTART: the handler ran, the read went on and got 'again' (%ld)",
	      count);
	catch_signal(SIGQUIT, 0);
	say("JOBS3 type ^\\\n");
	count = read_terminal(buffer, sizeof(buffer));
	check(count == -EINTR && seen[SIGQUIT] == 1, "^\\: SIGQUIT's handler ran (%ld, %d)", count,
	      (int)seen[SIGQUIT]);
	catch_signal(SIGWINCH, 0);
	struct winsize size = {0};
	ioctl(terminal_fd, TIOCGWINSZ, &size);
	size.ws_row = (unsigned short)(size.ws_row == 50 ? 51 : 50);
	check(ioctl(terminal_fd, TIOCSWINSZ, &size) == 0 && wait_seen(SIGWINCH),
	      "TIOCSWINSZ with a new size: SIGWINCH came (%d)", (int)seen[SIGWINCH]);
}

struct late_write {
	int fd;
	useconds_t delay;
};

static void *write_later(void *argument)
{
	struct late_write *late = argument;
	usleep(late->delay);
	if (write(late->fd, "x", 1) != 1)
		check(false, "the late write to the pipe (%d)", errno);
	return NULL;
}

static void pipe_reads(void)
{
	int ends[2];
	check(pipe(ends) == 0, "a pipe (%d)", errno);
	catch_signal(SIGALRM, 0);
	alarm(1);
	char byte = 0;
	ssize_t count = read(ends[0], &byte, 1);
	check(count == -1 && errno == EINTR && seen[SIGALRM] == 1,
	      "a blocked read on a pipe: SIGALRM's handler ran, the read ended with EINTR");
	catch_signal(SIGALRM, SA_RESTART);
	struct late_write late = {ends[1], 3000000};
	pthread_t writer;
	pthread_create(&writer, NULL, write_later, &late);
	alarm(1);
	count = read(ends[0], &byte, 1);
	check(count == 1 && byte == 'x' && seen[SIGALRM] == 1,
	      "under SA_RESTART the read went on after the handler and got the byte (%zd)", count);
	pthread_join(writer, NULL);
	close(ends[0]);
	close(ends[1]);
}

/* A child task (registered with proc_child: a process of our group that runs
 * nothing) put in a group of its own: another group of our session. */
static mach_port_t child_task, child_proc;
static pid_t child_pid;

static void background(void)
{
	mach_port_t proc = native_get_init_port(INIT_PORT_PROC);
	hurd_pid_t pid = 0;
	kern_return_t error = task_create(mach_task_self(), 0, &child_task);
	if (!error)
		error = proc_child(proc, child_task, &pid);
	if (!error)
		error = proc_task2proc(proc, child_task, &child_proc);
	child_pid = pid;
	check(!error && pid > 0, "a child task registered with proc (pid %d, %d)", pid, error);
	check(setpgid(child_pid, child_pid) == 0, "setpgid: the child leads a group (%d)", errno);
	check(tcsetpgrp(terminal_fd, child_pid) == 0 && tcgetpgrp(terminal_fd) == child_pid,
	      "tcsetpgrp to the child's group of our session");
	char buffer[16];
	catch_signal(SIGTTIN, 0);
	long count = read_terminal(buffer, sizeof(buffer));
	check(count == -EIO && seen[SIGTTIN] == 0,
	      "a read from the background by an orphaned group: EIO, no SIGTTIN (%ld)", count);
	/* A grandchild (the child's child) moved into our group: its parent is in
	 * another group of the session, so our group is no longer orphaned. */
	mach_port_t grandchild = MACH_PORT_NULL;
	hurd_pid_t grandchild_pid = 0;
	kern_return_t made = task_create(mach_task_self(), 0, &grandchild);
	if (!made)
		made = proc_child(child_proc, grandchild, &grandchild_pid);
	if (!made)
		made = proc_setpgrp(child_proc, grandchild_pid, getpgrp());
	check(!made, "a grandchild task moved into our group (pid %d, %d)", grandchild_pid, made);
	count = read_terminal(buffer, sizeof(buffer));
	check(count == -EINTR && seen[SIGTTIN] == 1,
	      "a read from the background: SIGTTIN, the read ended with EINTR (%ld)", count);
	signal(SIGTTIN, SIG_IGN);
	count = read_terminal(buffer, sizeof(buffer));
	check(count == -EIO, "... with SIGTTIN ignored: EIO (%ld)", count);
	catch_signal(SIGTTOU, 0);
	struct termios modes;
	tcgetattr(terminal_fd, &modes);
	errno = 0;
	check(tcsetattr(terminal_fd, TCSANOW, &modes) == -1 && errno == EINTR && seen[SIGTTOU] == 1,
	      "tcsetattr from the background: SIGTTOU (%d)", errno);
	check(write(terminal_fd, "\n", 1) == 1 && seen[SIGTTOU] == 1,
	      "a write without TOSTOP is allowed");
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTTOU);
	sigprocmask(SIG_BLOCK, &block, &old);
	check(tcsetpgrp(terminal_fd, getpgrp()) == 0 && tcgetpgrp(terminal_fd) == getpgrp(),
	      "with SIGTTOU blocked, tcsetpgrp takes the foreground back");
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	if (MACH_PORT_VALID(grandchild))
		task_terminate(grandchild);
}

static void child_stop_and_continue(void)
{
	mach_port_t proc = native_get_init_port(INIT_PORT_PROC);
	/* SIGCHLD blocked around the raw RPCs: a thread diverted inside a Mach
	 * trap of its own loses the trap's result (ARCHITECTURE.md, Signals). */
	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	catch_signal(SIGCHLD, 0);
	sigprocmask(SIG_BLOCK, &chld, &old);
	kern_return_t error = proc_mark_stop(child_proc, SIGTSTP, 0);
	int status = 0, sigcode = 0;
	rusage_t usage;
	hurd_pid_t waited = 0;
	kern_return_t waiting = proc_wait(proc, child_pid, PROC_WAIT_UNTRACED | PROC_WAIT_NOHANG,
	                                  &status, &sigcode, &usage, &waited);
	check(!error && !waiting && waited == child_pid && WIFSTOPPED(status) &&
	          WSTOPSIG(status) == SIGTSTP,
	      "the child stopped: proc_wait(UNTRACED) says stopped by SIGTSTP (0x%x; %d, %d, %d)",
	      status, error, waiting, waited);
	waiting = proc_wait(proc, child_pid, PROC_WAIT_UNTRACED | PROC_WAIT_NOHANG, &status,
	                    &sigcode, &usage, &waited);
	check(!waiting && waited == 0, "a stop is reported once (then: nothing, pid %d)", waited);
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(wait_seen(SIGCHLD) && seen_code[SIGCHLD] == CLD_STOPPED,
	      "SIGCHLD with CLD_STOPPED came (%d)", seen_code[SIGCHLD]);
	catch_signal(SIGCHLD, 0);
	sigprocmask(SIG_BLOCK, &chld, &old);
	error = proc_mark_cont(child_proc);
	waiting = proc_wait(proc, child_pid, PROC_WAIT_CONTINUED | PROC_WAIT_NOHANG, &status,
	                    &sigcode, &usage, &waited);
	check(!error && !waiting && waited == child_pid && WIFCONTINUED(status),
	      "proc_wait(CONTINUED) says continued (0x%x)", status);
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(wait_seen(SIGCHLD) && seen_code[SIGCHLD] == CLD_CONTINUED,
	      "SIGCHLD with CLD_CONTINUED came (%d)", seen_code[SIGCHLD]);
	signal(SIGCHLD, SIG_DFL); /* the child's end needs no handler */
	task_terminate(child_task);
	waiting = proc_wait(proc, child_pid, 0, &status, &sigcode, &usage, &waited);
	check(!waiting && waited == child_pid, "the child task reaped (%d)", waiting);
}

/* Children made by fork: stopped and continued by kill, seen by
 * waitpid(WUNTRACED/WCONTINUED); SIGKILL of a stopped child; ^Z typed for a
 * child's group in the foreground. */
static void forked_children(void)
{
	int status = 0;
	pid_t child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	check(child > 0, "fork: a child (%d)", (int)child);
	if (child <= 0)
		return;
	check(kill(child, SIGTSTP) == 0 && waitpid(child, &status, WUNTRACED) == child &&
	          WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
	      "kill(SIGTSTP): waitpid(WUNTRACED) says stopped by SIGTSTP (0x%x)", status);
	check(kill(child, SIGCONT) == 0 && waitpid(child, &status, WCONTINUED) == child &&
	          WIFCONTINUED(status),
	      "kill(SIGCONT): waitpid(WCONTINUED) says continued (0x%x)", status);
	check(kill(child, SIGSTOP) == 0 && waitpid(child, &status, WUNTRACED) == child &&
	          WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "SIGSTOP stops it too (0x%x)", status);
	check(kill(child, SIGKILL) == 0 && waitpid(child, &status, 0) == child &&
	          WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "SIGKILL ends the stopped child (0x%x)", status);
	child = fork();
	if (child == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(child, child);
	check(child > 0 && tcsetpgrp(terminal_fd, child) == 0,
	      "a forked child's group in the foreground");
	say("JOBS6 type ^Z for the child\n");
	pid_t got = waitpid(child, &status, WUNTRACED);
	check(got == child && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
	      "^Z stopped the child: waitpid(WUNTRACED) (0x%x)", status);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTTOU);
	sigprocmask(SIG_BLOCK, &block, &old);
	check(tcsetpgrp(terminal_fd, getpgrp()) == 0, "the foreground back from the child");
	sigprocmask(SIG_SETMASK, &old, NULL);
	kill(child, SIGKILL);
	check(waitpid(child, &status, 0) == child && WIFSIGNALED(status), "the child reaped");
}

/* ^Z stops us (SIGTSTP's default action); the helper's SIGCONT continues us. */
static void stopped_by_the_terminal(mach_port_t port)
{
	mach_msg_return_t result = peer_answer_pid(port, WAIT_LIMIT_MS);
	check(result == MACH_MSG_SUCCESS, "the helper asked for our pid and had it (0x%x)", result);
	if (result != MACH_MSG_SUCCESS)
		return;
	catch_signal(SIGCONT, 0);
	say("JOBS4 type ^Z\n");
	/* Every instant between two clock readings is measured, the last one
	 * after the loop too: a gap of a second is the stop. */
	bool held = false;
	int64_t limit = now_ns() + WAIT_LIMIT_MS * 1000000ll, last = now_ns();
	for (;;) {
		bool continued = seen[SIGCONT] != 0;
		int64_t now = now_ns();
		if (now - last >= STOP_GAP_NS)
			held = true;
		last = now;
		if (continued || now >= limit)
			break;
		usleep(20000);
	}
	check(seen[SIGCONT] == 1, "SIGCONT's handler ran after the helper's kill");
	check(held, "^Z stopped us: the program was held until SIGCONT");
}

static int run_leader(void)
{
	terminal_fd = open_terminal(); /* before our own registration */
	mach_port_t port = peer_register("jobleader");
	if (!MACH_PORT_VALID(port))
		return 1;
	controlling_terminal();
	if (terminal_fd < 0)
		return 1;
	terminal_signals();
	pipe_reads();
	background();
	child_stop_and_continue();
	forked_children();
	stopped_by_the_terminal(port);
	printf("jobs: %d checks failed\n", failures);
	return failures ? 1 : 0;
}

/* The terminal taken over from the leader's ended session; ^C with SIGINT's
 * default action ends us. */
static int run_interrupted(void)
{
	terminal_fd = open_terminal();
	pid_t session = setsid();
	check(session == getpid() && terminal_fd >= 0 && ioctl(terminal_fd, TIOCSCTTY, 0) == 0,
	      "a new session takes the terminal of the one that ended (%d)", errno);
	signal(SIGINT, SIG_DFL);
	say("JOBS5 type ^C to end\n");
	char buffer[16];
	long count = read_terminal(buffer, sizeof(buffer));
	printf("jobs: still alive after ^C (%ld)\n", count);
	return 1;
}

static int run_helper(void)
{
	mach_port_t leader = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "jobleader", &leader);
	check(error == 0, "the leader's port from the registry (%d)", error);
	if (error)
		return 1;
	mach_msg_return_t result = MACH_MSG_SUCCESS;
	pid_t pid = peer_ask_pid(leader, 4 * WAIT_LIMIT_MS, &result);
	check(result == MACH_MSG_SUCCESS && pid > 0, "the leader's pid (%d, 0x%x)", (int)pid,
	      result);
	if (result != MACH_MSG_SUCCESS)
		return 1;
	terminal_fd = open_terminal();
	char buffer[64];
	long count = terminal_fd < 0 ? -EBADF : read_terminal(buffer, sizeof(buffer));
	check(count == 5 && strcmp(buffer, "cont\n") == 0,
	      "a line typed while the leader is stopped reached the helper (%ld)", count);
	check(kill(pid, SIGCONT) == 0, "kill(leader, SIGCONT) (%d)", errno);
	/* The next module starts when we end: first the leader's end. */
	int waited = 0;
	while (kill(pid, 0) == 0 && waited < 4 * WAIT_LIMIT_MS) {
		usleep(50000);
		waited += 50;
	}
	check(kill(pid, 0) == -1 && errno == ESRCH, "the leader is gone (%d)", errno);
	printf("jobs helper: %d checks failed\n", failures);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "leader") == 0)
		return run_leader();
	if (argc > 1 && strcmp(argv[1], "helper") == 0)
		return run_helper();
	if (argc > 1 && strcmp(argv[1], "interrupted") == 0)
		return run_interrupted();
	printf("usage: jobs_test leader|helper|interrupted\n");
	return 2;
}
