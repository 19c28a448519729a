/* A SIGCHLD storm, as busybox sh makes one: a static glibc parent forks many
 * short-lived children while it spends its time in system calls (a tight loop
 * of cheap ones, wait4, a read on a pipe, rt_sigsuspend, nanosleep) and in
 * plain user code, with a SA_RESTART SIGCHLD handler; every signal must be
 * taken on the program's own context (tests/system/fork.t boots it). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "linux_check.h"

#ifndef ROUNDS
#define ROUNDS 6
#endif
#define CHILDREN       12
#define EMULATOR_START 0x7ffe00000000ull /* include/wildebeest/emul_image.h */
#define EMULATOR_END   0x7ffe10000000ull

static volatile sig_atomic_t handled, bad_contexts;
static volatile uint64_t bad_rsp, bad_rip;

static bool in_emulator(uint64_t address)
{
	return address >= EMULATOR_START && address < EMULATOR_END;
}

/* The interrupted context must be the program's: its stack and code. */
static void on_sigchld(int signal, siginfo_t *info, void *context)
{
	(void)signal, (void)info;
	const ucontext_t *interrupted = context;
	uint64_t rsp = (uint64_t)interrupted->uc_mcontext.gregs[REG_RSP];
	uint64_t rip = (uint64_t)interrupted->uc_mcontext.gregs[REG_RIP];
	volatile char here;
	if (in_emulator(rsp) || in_emulator(rip) || rip == 0 || in_emulator((uint64_t)&here)) {
		bad_contexts++;
		bad_rsp = rsp;
		bad_rip = rip;
	}
	handled++;
}

static void sleep_ms(long ms)
{
	struct timespec time = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&time, &time) != 0 && errno == EINTR)
		;
}

/* Plain user code the signals interrupt: the result must not depend on them. */
static uint64_t mix(uint64_t rounds)
{
	uint64_t a = 0x9e3779b97f4a7c15ull, b = 1, c = 7, d = 0xdeadbeef;
	for (uint64_t i = 0; i < rounds; i++) {
		a ^= b + (c << 7);
		b = b * 6364136223846793005ull + 1442695040888963407ull;
		c += a >> 11;
		d ^= c * 31 + i;
	}
	return a ^ b ^ c ^ d;
}

/* Children that end a few milliseconds apart; the first writes to the pipe. */
static int fork_children(pid_t *pids, int write_end)
{
	int made = 0;
	for (int i = 0; i < CHILDREN; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep_ms(1 + (i * 3) % 17);
			if (i == 0 && write(write_end, "x", 1) != 1)
				_exit(100);
			_exit(i + 1);
		}
		if (pid > 0)
			pids[made++] = pid;
	}
	return made;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct sigaction action = {.sa_sigaction = on_sigchld, .sa_flags = SA_SIGINFO | SA_RESTART};
	sigemptyset(&action.sa_mask);
	sigaction(SIGCHLD, &action, NULL);
	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	uint64_t expected = mix(200000);
	sigprocmask(SIG_SETMASK, &old, NULL);

	int made = 0, reaped = 0, statuses_right = 0, mixes_right = 0, reads_right = 0;
	int suspends = 0, calls_right = 0;
	for (int round = 0; round < ROUNDS; round++) {
		int ends[2];
		if (pipe(ends) != 0) {
			check(false, "pipe for round %d (%s)", round, strerror(errno));
			break;
		}
		pid_t pids[CHILDREN];
		int count = fork_children(pids, ends[1]);
		made += count;
		/* A read that waits for the first child (restarted under SA_RESTART). */
		char byte = 0;
		if (read(ends[0], &byte, 1) == 1 && byte == 'x')
			reads_right++;
		/* A tight loop of cheap calls, while the others end. */
		pid_t self = getpid();
		bool same = true;
		for (int i = 0; i < 3000; i++)
			same = same && syscall(SYS_getpid) == self;
		calls_right += same;
		/* User code. */
		mixes_right += mix(200000) == expected;
		/* rt_sigsuspend, as busybox waits for a job: SIGCHLD blocked, then
		 * let in by the suspend (the children may all have ended: bounded). */
		sigprocmask(SIG_BLOCK, &chld, &old);
		int before = handled;
		pid_t late = fork();
		if (late == 0) {
			sleep_ms(5);
			_exit(0);
		}
		sigset_t during;
		sigemptyset(&during);
		for (int i = 0; i < 100 && handled == before; i++)
			sigsuspend(&during);
		suspends += handled != before;
		sigprocmask(SIG_SETMASK, &old, NULL);
		sleep_ms(3);
		int status;
		if (late > 0 && waitpid(late, &status, 0) == late)
			reaped++, made++,
			    statuses_right += WIFEXITED(status) && !WEXITSTATUS(status);
		for (int i = 0; i < count; i++) {
			pid_t waited;
			do
				waited = waitpid(pids[i], &status, 0);
			while (waited < 0 && errno == EINTR);
			if (waited == pids[i]) {
				reaped++;
				statuses_right += WIFEXITED(status) && WEXITSTATUS(status) == i + 1;
			}
		}
		close(ends[0]);
		close(ends[1]);
		printf("fork_sigchld: round %d done, %d signals handled\n", round + 1,
		       (int)handled);
	}
	check(made == ROUNDS * (CHILDREN + 1) && reaped == made,
	      "%d children made and reaped during the storm (%d, %d)", ROUNDS * (CHILDREN + 1),
	      made, reaped);
	check(statuses_right == reaped, "each with its exit status (%d of %d)", statuses_right,
	      reaped);
	check(handled > 0, "the SIGCHLD handler ran (%d times)", (int)handled);
	check(bad_contexts == 0,
	      "every SIGCHLD interrupted the program's own context (%d bad, last rsp 0x%lx rip "
	      "0x%lx)",
	      (int)bad_contexts, (unsigned long)bad_rsp, (unsigned long)bad_rip);
	check(reads_right == ROUNDS, "reads on a pipe went on through the signals (%d)",
	      reads_right);
	check(calls_right == ROUNDS, "a tight loop of system calls kept its results (%d)",
	      calls_right);
	check(mixes_right == ROUNDS, "user code the signals interrupted computed right (%d)",
	      mixes_right);
	check(suspends == ROUNDS, "rt_sigsuspend woke for a SIGCHLD each round (%d)", suspends);
	printf("fork_sigchld: %d failed\n", failures);
	return failures ? 1 : 0;
}
