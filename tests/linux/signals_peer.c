/* Signals between two emulated processes through proc and message ports: run
 * as "target" it registers a port named "sigtarget" in the boot runner's
 * registry (so the runner starts the next module while it runs on), tells its
 * pid to whoever asks there and waits for SIGUSR1; run as "killer" it finds
 * the target, checks the ids proc gives, kills it with SIGUSR1 through proc,
 * and checks a post with the wrong refport is refused (EPERM). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hurd/msg.h>
#include <hurd/proc.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "linux_peer.h"

static volatile sig_atomic_t got_signal;
static volatile pid_t sender;
static volatile int sender_code;

static void on_usr1(int signal, siginfo_t *info, void *context)
{
	(void)context;
	got_signal = signal;
	sender = info->si_pid;
	sender_code = info->si_code;
}

static int run_target(void)
{
	struct sigaction action = {.sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO};
	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR1, &action, NULL);
	mach_port_t port = peer_register("sigtarget");
	if (!MACH_PORT_VALID(port))
		return 1;
	/* One question: what is your pid? */
	mach_msg_return_t result = peer_answer_pid(port, 60000);
	check(result == MACH_MSG_SUCCESS, "target: the killer asked for its pid and had it (0x%x)",
	      result);
	if (result != MACH_MSG_SUCCESS)
		return 1;
	/* Only emulated waits from here on: a signal must find the thread outside
	 * Mach traps made by the program itself. */
	alarm(60);
	while (!got_signal)
		pause();
	check(got_signal == SIGUSR1 && sender_code == SI_USER && sender > 1 && sender != getpid(),
	      "target: SIGUSR1 came from another process (pid %d, code %d)", (int)sender,
	      sender_code);
	return failures ? 1 : 0;
}

static volatile sig_atomic_t child_signals;
static volatile pid_t child_pid_seen;
static volatile int child_code_seen;

static void on_child(int signal, siginfo_t *info, void *context)
{
	(void)context;
	if (signal == SIGCHLD) {
		child_signals++;
		child_pid_seen = info->si_pid;
		child_code_seen = info->si_code;
	}
}

/* A child task of ours (made with task_create, given to proc with proc_child)
 * ends: proc posts SIGCHLD to our message port. */
static void check_sigchld(mach_port_t init_proc)
{
	struct sigaction action = {.sa_sigaction = on_child, .sa_flags = SA_SIGINFO};
	sigemptyset(&action.sa_mask);
	sigaction(SIGCHLD, &action, NULL);
	mach_port_t my_proc = MACH_PORT_NULL, child = MACH_PORT_NULL;
	pid_t child_pid = 0;
	bool made = proc_task2proc(init_proc, mach_task_self(), &my_proc) == 0 &&
	            task_create(mach_task_self(), FALSE, &child) == KERN_SUCCESS &&
	            proc_child(my_proc, child, &child_pid) == 0;
	check(made && child_pid > 1, "killer: a child task got pid %d from proc", (int)child_pid);
	(void)task_terminate(child);
	for (int tries = 0; !child_signals && tries < 100; tries++)
		usleep(20000);
	check(child_signals == 1 && child_pid_seen == child_pid && child_code_seen == CLD_KILLED,
	      "killer: its end brought SIGCHLD from proc (pid %d, code %d)", (int)child_pid_seen,
	      child_code_seen);
	int status = 0;
	check(made && proc_wait(my_proc, child_pid, 0, &status, &(int){0}, &(rusage_t){0},
	                        &(pid_t){0}) == 0,
	      "killer: and it is waited for through proc");
}

static int run_killer(void)
{
	mach_port_t target_port = MACH_PORT_NULL, init_proc = MACH_PORT_NULL;
	int error =
	    bootstrap_registry_lookup_named(libmach_bootstrap_port, "sigtarget", &target_port);
	check(error == 0, "killer: found the target in the registry (%d)", error);
	error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "proc", &init_proc);
	check(error == 0, "killer: found proc in the registry (%d)", error);
	if (!MACH_PORT_VALID(target_port) || !MACH_PORT_VALID(init_proc))
		return 1;
	mach_msg_return_t result = MACH_MSG_SUCCESS;
	pid_t target = peer_ask_pid(target_port, 20000, &result);
	check(target > 1 && target != getpid(),
	      "killer: the target's pid %d differs from its own %d (0x%x)", (int)target,
	      (int)getpid(), result);
	pid_t from_proc = 0;
	kern_return_t asked = proc_task2pid(init_proc, mach_task_self(), &from_proc);
	check(asked == 0 && from_proc == getpid(),
	      "killer: getpid() is the pid proc has for its task (%d, %d)", (int)getpid(),
	      (int)from_proc);
	check(getppid() == 1, "killer: getppid() is init's 1 (%d)", (int)getppid());
	check(getpgrp() > 0 && getsid(0) > 0, "killer: proc gives a group %d and a session %d",
	      (int)getpgrp(), (int)getsid(0));
	check(kill(target, 0) == 0, "killer: kill(target, 0) finds it");
	check(kill(99999, SIGUSR1) == -1 && errno == ESRCH, "killer: kill of pid 99999 is ESRCH");

	/* The rule: a post must carry the target's own task port as refport. */
	mach_port_t my_proc = MACH_PORT_NULL, msgport = MACH_PORT_NULL;
	kern_return_t refused = KERN_FAILURE;
	if (proc_task2proc(init_proc, mach_task_self(), &my_proc) == 0 &&
	    proc_getmsgport(my_proc, target, &msgport) == 0)
		refused = msg_sig_post(msgport, SIGUSR1, SI_USER, getpid(), mach_task_self());
	check(refused == EPERM, "killer: msg_sig_post with its own task as refport is EPERM (%d)",
	      refused);

	check_sigchld(init_proc);
	check(kill(target, SIGUSR1) == 0, "killer: kill(target, SIGUSR1) succeeds");
	int tries = 0;
	while (kill(target, 0) == 0 && tries++ < 200)
		usleep(50000);
	check(kill(target, 0) == -1 && errno == ESRCH, "killer: the target ended after its signal");
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "target") == 0)
		return run_target();
	if (argc > 1 && strcmp(argv[1], "killer") == 0)
		return run_killer();
	printf("usage: signals_peer target|killer\n");
	return 2;
}
