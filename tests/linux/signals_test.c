/* An ordinary static glibc program that uses libc's signal API and checks what
 * a user sees under the emulator: handlers with the right siginfo, faults as
 * signals, registers and SSE state intact across handlers, masks, pending
 * signals, the alternate stack, timers, sigsuspend, interrupted and restarted
 * waits. With "die" as its argument it raises SIGTERM with the default action. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "linux_check.h"


static volatile sig_atomic_t last_signal, handled_count;
static siginfo_t last_info;
static sigjmp_buf recover;

static void record(int signal, siginfo_t *info, void *context)
{
	(void)context;
	last_signal = signal;
	last_info = *info;
	handled_count++;
}

static void recover_fault(int signal, siginfo_t *info, void *context)
{
	record(signal, info, context);
	siglongjmp(recover, 1);
}

static void skip_ud2(int signal, siginfo_t *info, void *context)
{
	record(signal, info, context);
	ucontext_t *uc = context;
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* resume after the ud2 */
}

static void install(int signal, void (*handler)(int, siginfo_t *, void *), int flags)
{
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_sigaction = handler;
	action.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&action.sa_mask);
	if (sigaction(signal, &action, NULL) != 0)
		check(false, "sigaction(%d) failed: %s", signal, strerror(errno));
}

static void test_raise(void)
{
	install(SIGUSR1, record, 0);
	handled_count = 0;
	raise(SIGUSR1);
	check(handled_count == 1 && last_signal == SIGUSR1 && last_info.si_signo == SIGUSR1,
	      "raise(SIGUSR1) runs the handler once with signo %d (saw %d, %d times)", SIGUSR1,
	      (int)last_signal, (int)handled_count);
	check(last_info.si_code == SI_TKILL && last_info.si_pid == getpid(),
	      "its siginfo says SI_TKILL from pid %d (code %d, pid %d)", getpid(),
	      last_info.si_code, last_info.si_pid);
	handled_count = 0;
	check(kill(getpid(), SIGUSR1) == 0 && handled_count == 1 && last_info.si_code == SI_USER,
	      "kill(getpid(), SIGUSR1) is delivered before kill returns, with SI_USER");
}

static void test_faults(void)
{
	install(SIGSEGV, recover_fault, 0);
	handled_count = 0;
	if (sigsetjmp(recover, 1) == 0) {
		*(volatile int *)0 = 1;
		check(false, "a store through NULL faults");
	} else {
		check(
		    last_signal == SIGSEGV && last_info.si_addr == NULL &&
		        last_info.si_code == SEGV_MAPERR,
		    "a store through NULL is SIGSEGV, si_addr NULL, SEGV_MAPERR (addr %p, code %d)",
		    last_info.si_addr, last_info.si_code);
	}
	if (sigsetjmp(recover, 1) == 0) {
		*(volatile int *)0x1008 = 1;
		check(false, "a store to 0x1008 faults");
	} else {
		check(last_signal == SIGSEGV && last_info.si_addr == (void *)0x1008,
		      "a store to 0x1008 gives si_addr 0x1008 (%p)", last_info.si_addr);
	}
	static const int constant = 5;
	if (sigsetjmp(recover, 1) == 0) {
		*(volatile int *)&constant = 1;
		check(false, "a store to read-only data faults");
	} else {
		check(last_signal == SIGSEGV && last_info.si_code == SEGV_ACCERR,
		      "a store to read-only data is SEGV_ACCERR (code %d)", last_info.si_code);
	}

	install(SIGFPE, recover_fault, 0);
	volatile int zero = 0, quotient = 0;
	if (sigsetjmp(recover, 1) == 0) {
		quotient = 7 / zero;
		check(false, "integer division by zero faults (%d)", quotient);
	} else {
		check(last_signal == SIGFPE && last_info.si_code == FPE_INTDIV,
		      "integer division by zero is SIGFPE, FPE_INTDIV (code %d)",
		      last_info.si_code);
	}

	install(SIGILL, skip_ud2, 0);
	handled_count = 0;
	__asm__ volatile("ud2");
	check(handled_count == 1 && last_signal == SIGILL && last_info.si_code == ILL_ILLOPN,
	      "ud2 is SIGILL, ILL_ILLOPN, and the handler's changed rip resumes after it");

	install(SIGTRAP, record, 0);
	handled_count = 0;
	__asm__ volatile("int3");
	check(handled_count == 1 && last_signal == SIGTRAP,
	      "int3 is SIGTRAP and execution goes on after it");
	signal(SIGSEGV, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGTRAP, SIG_DFL);
}

/* The handler clobbers the xmm registers and the callee-saved ones. */
static void clobber(int signal, siginfo_t *info, void *context)
{
	record(signal, info, context);
	__asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm7, %%xmm7\n\t"
	                 "pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm15, %%xmm15\n\t"
	                 "xor %%ebx, %%ebx\n\txor %%r12d, %%r12d\n\txor %%r15d, %%r15d"
	                 :
	                 :
	                 : "xmm0", "xmm7", "xmm8", "xmm15", "rbx", "r12", "r15");
}

struct vector_values {
	uint64_t xmm[4][2];
	uint64_t rbx, r12, r15;
};

static bool same_values(const struct vector_values *a, const struct vector_values *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static void test_registers_after_syscall_signal(void)
{
	install(SIGUSR2, clobber, 0);
	handled_count = 0;
	struct vector_values before = {{{1, 2}, {3, 4}, {5, 6}, {7, 8}}, 11, 12, 15}, after;
	long pid = getpid(), tid = gettid();
	long number = SYS_tgkill;
	__asm__ volatile("movdqu 0(%[in]), %%xmm0\n\t"
	                 "movdqu 16(%[in]), %%xmm7\n\t"
	                 "movdqu 32(%[in]), %%xmm8\n\t"
	                 "movdqu 48(%[in]), %%xmm15\n\t"
	                 "mov 64(%[in]), %%rbx\n\t"
	                 "mov 72(%[in]), %%r12\n\t"
	                 "mov 80(%[in]), %%r15\n\t"
	                 "mov %[pid], %%rdi\n\t"
	                 "mov %[tid], %%rsi\n\t"
	                 "mov %[sig], %%edx\n\t"
	                 "syscall\n\t"
	                 "movdqu %%xmm0, 0(%[out])\n\t"
	                 "movdqu %%xmm7, 16(%[out])\n\t"
	                 "movdqu %%xmm8, 32(%[out])\n\t"
	                 "movdqu %%xmm15, 48(%[out])\n\t"
	                 "mov %%rbx, 64(%[out])\n\t"
	                 "mov %%r12, 72(%[out])\n\t"
	                 "mov %%r15, 80(%[out])"
	                 : "+a"(number)
	                 : [in] "r"(&before), [out] "r"(&after), [pid] "r"(pid), [tid] "r"(tid),
	                   [sig] "i"(SIGUSR2)
	                 : "rdi", "rsi", "rdx", "rcx", "r11", "rbx", "r12", "r15", "xmm0", "xmm7",
	                   "xmm8", "xmm15", "memory");
	check(handled_count == 1 && number == 0,
	      "tgkill to itself ran the handler and returned 0 (%ld)", number);
	check(same_values(&before, &after),
	      "xmm0/7/8/15, rbx, r12, r15 are intact after a handler that clobbered them");
}

static volatile int stop_spinning;
static pthread_t main_thread;

static void stop_spin(int signal, siginfo_t *info, void *context)
{
	clobber(signal, info, context);
	stop_spinning = 1;
}

static void *send_later(void *unused)
{
	(void)unused;
	usleep(50000);
	pthread_kill(main_thread, SIGUSR2);
	return NULL;
}

static void test_registers_async(void)
{
	install(SIGUSR2, stop_spin, 0);
	handled_count = 0;
	stop_spinning = 0;
	main_thread = pthread_self();
	pthread_t sender;
	pthread_create(&sender, NULL, send_later, NULL);
	struct vector_values before = {{{21, 22}, {23, 24}, {25, 26}, {27, 28}}, 31, 32, 35}, after;
	/* Spins in the program (no system call) until the handler sets the flag. */
	__asm__ volatile("movdqu 0(%[in]), %%xmm0\n\t"
	                 "movdqu 16(%[in]), %%xmm7\n\t"
	                 "movdqu 32(%[in]), %%xmm8\n\t"
	                 "movdqu 48(%[in]), %%xmm15\n\t"
	                 "mov 64(%[in]), %%rbx\n\t"
	                 "mov 72(%[in]), %%r12\n\t"
	                 "mov 80(%[in]), %%r15\n\t"
	                 "1: pause\n\t"
	                 "cmpl $0, (%[flag])\n\t"
	                 "je 1b\n\t"
	                 "movdqu %%xmm0, 0(%[out])\n\t"
	                 "movdqu %%xmm7, 16(%[out])\n\t"
	                 "movdqu %%xmm8, 32(%[out])\n\t"
	                 "movdqu %%xmm15, 48(%[out])\n\t"
	                 "mov %%rbx, 64(%[out])\n\t"
	                 "mov %%r12, 72(%[out])\n\t"
	                 "mov %%r15, 80(%[out])"
	                 :
	                 : [in] "r"(&before), [out] "r"(&after), [flag] "r"(&stop_spinning)
	                 : "rbx", "r12", "r15", "xmm0", "xmm7", "xmm8", "xmm15", "memory");
	pthread_join(sender, NULL);
	check(handled_count == 1, "a signal from another thread interrupts a loop in the program");
	check(same_values(&before, &after),
	      "the loop's xmm and callee-saved registers are intact after the handler");
}

static void test_mask(void)
{
	install(SIGUSR1, record, 0);
	handled_count = 0;
	sigset_t block, old, pending;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR1);
	check(handled_count == 0, "a blocked SIGUSR1 is not delivered");
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1) == 1, "sigpending shows it");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(handled_count == 1, "unblocking delivers it (%d)", (int)handled_count);
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1) == 0, "and it is no longer pending");

	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR1);
	struct timespec timeout = {0, 10000000};
	siginfo_t info;
	int taken = sigtimedwait(&block, &info, &timeout);
	check(taken == SIGUSR1 && info.si_signo == SIGUSR1,
	      "sigtimedwait takes the pending SIGUSR1 (%d)", taken);
	taken = sigtimedwait(&block, &info, &timeout);
	check(taken == -1 && errno == EAGAIN,
	      "sigtimedwait with nothing pending: EAGAIN after 10 ms");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(handled_count == 1, "a signal taken by sigtimedwait runs no handler");
}

static volatile int nested_blocked;
static void check_nodefer(int signal, siginfo_t *info, void *context)
{
	record(signal, info, context);
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	nested_blocked = sigismember(&now, signal);
}

static void test_flags(void)
{
	install(SIGUSR1, check_nodefer, 0);
	raise(SIGUSR1);
	check(nested_blocked == 1, "inside a handler its signal is blocked");
	install(SIGUSR1, check_nodefer, SA_NODEFER);
	raise(SIGUSR1);
	check(nested_blocked == 0, "with SA_NODEFER it is not");
	install(SIGUSR1, record, SA_RESETHAND);
	raise(SIGUSR1);
	struct sigaction now;
	sigaction(SIGUSR1, NULL, &now);
	check(now.sa_handler == SIG_DFL, "SA_RESETHAND puts SIG_DFL back after one delivery");
	signal(SIGUSR1, SIG_IGN);
	handled_count = 0;
	raise(SIGUSR1);
	check(handled_count == 0, "an ignored signal does nothing");
}

static char alternate[64 * 1024];
static volatile uintptr_t handler_stack;
static void where_am_i(int signal, siginfo_t *info, void *context)
{
	record(signal, info, context);
	int local;
	handler_stack = (uintptr_t)&local;
}

static void test_altstack(void)
{
	stack_t stack = {.ss_sp = alternate, .ss_size = sizeof(alternate), .ss_flags = 0};
	check(sigaltstack(&stack, NULL) == 0, "sigaltstack sets a 64 KiB alternate stack");
	install(SIGUSR1, where_am_i, SA_ONSTACK);
	raise(SIGUSR1);
	uintptr_t base = (uintptr_t)alternate;
	check(handler_stack >= base && handler_stack < base + sizeof(alternate),
	      "an SA_ONSTACK handler runs on it");
	install(SIGUSR1, where_am_i, 0);
	raise(SIGUSR1);
	check(!(handler_stack >= base && handler_stack < base + sizeof(alternate)),
	      "a handler without SA_ONSTACK does not");
	stack.ss_flags = SS_DISABLE;
	sigaltstack(&stack, NULL);
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

static void arm(long microseconds)
{
	struct itimerval timer = {{0, 0}, {0, microseconds}};
	setitimer(ITIMER_REAL, &timer, NULL);
}

static void test_timers(void)
{
	install(SIGALRM, record, 0);
	handled_count = 0;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	arm(50000);
	int paused = pause();
	check(paused == -1 && errno == EINTR && handled_count == 1 && last_signal == SIGALRM,
	      "setitimer(50 ms) then pause: SIGALRM's handler ran, pause gave EINTR");
	double waited = seconds_since(&start);
	check(waited >= 0.045 && waited < 2, "after about 50 ms (%.3f s)", waited);

	check(alarm(5) == 0, "alarm(5) with no alarm armed returns 0");
	unsigned left = alarm(0);
	check(left >= 4 && left <= 5, "alarm(0) returns the seconds left (%u)", left);

	struct itimerval periodic = {{0, 20000}, {0, 20000}};
	handled_count = 0;
	setitimer(ITIMER_REAL, &periodic, NULL);
	while (handled_count < 3)
		pause();
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	check(handled_count >= 3, "a periodic ITIMER_REAL fires again and again");

	sigset_t block, old, empty;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, &old);
	handled_count = 0;
	arm(30000);
	int suspended = sigsuspend(&empty);
	sigset_t after;
	sigprocmask(SIG_BLOCK, NULL, &after);
	check(suspended == -1 && errno == EINTR && handled_count == 1,
	      "sigsuspend with SIGALRM unblocked returns EINTR after its handler");
	check(sigismember(&after, SIGALRM) == 1, "and the old mask (SIGALRM blocked) is back");
	sigprocmask(SIG_SETMASK, &old, NULL);

	handled_count = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	arm(50000);
	struct timespec request = {5, 0}, remaining = {0, 0};
	int slept = nanosleep(&request, &remaining);
	waited = seconds_since(&start);
	check(slept == -1 && errno == EINTR && handled_count == 1 && waited < 2,
	      "SIGALRM interrupts nanosleep(5 s): EINTR after %.3f s", waited);
	check(remaining.tv_sec >= 3, "with the time left (%ld s)", (long)remaining.tv_sec);
}

static volatile uint32_t futex_word;
static volatile long futex_result = 99;
static volatile int futex_errno;

static volatile int futex_about_to_wait;

static void *futex_waiter(void *unused)
{
	(void)unused;
	futex_about_to_wait = 1;
	futex_result = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	futex_errno = errno;
	return NULL;
}

static void test_restart(int flags, const char *what)
{
	install(SIGUSR1, record, flags);
	handled_count = 0;
	futex_word = 0;
	futex_result = 99;
	futex_about_to_wait = 0;
	pthread_t waiter;
	pthread_create(&waiter, NULL, futex_waiter, NULL);
	/* The signal must find it in the wait, not before: on a loaded machine the
	 * thread may start late. */
	for (int tries = 0; !futex_about_to_wait && tries < 100; tries++)
		usleep(20000);
	usleep(200000);
	pthread_kill(waiter, SIGUSR1);
	for (int tries = 0; handled_count == 0 && tries < 250; tries++)
		usleep(20000);
	usleep(100000);
	long while_waiting = futex_result;
	futex_word = 1;
	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	pthread_join(waiter, NULL);
	/* Restarted, the wait ends by the wake; or, if a loaded host let the
	 * restart come only after the word changed, with EAGAIN — either way it
	 * went on instead of ending with EINTR. */
	if (flags & SA_RESTART)
		check(handled_count == 1 && while_waiting == 99 &&
		          (futex_result == 0 || (futex_result == -1 && futex_errno == EAGAIN)),
		      "%s: the handler ran, the futex wait went on and ended by the wake "
		      "(%ld, then %ld)",
		      what, while_waiting, (long)futex_result);
	else
		check(handled_count == 1 && futex_result == -1 && futex_errno == EINTR,
		      "%s: the handler ran and the futex wait ended with EINTR (%ld, errno %d)",
		      what, (long)futex_result, futex_errno);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "die") == 0) {
		printf("signals: raising SIGTERM with its default action\n");
		fflush(stdout);
		raise(SIGTERM);
		printf("signals: still alive after SIGTERM\n");
		return 3;
	}
	check(getpid() > 1 && getppid() >= 1, "getpid %d and getppid %d", getpid(), getppid());
	check(kill(getpid(), 0) == 0, "kill(getpid(), 0) finds the process");
	check(kill(getpid(), 65) == -1 && errno == EINVAL, "kill with signal 65 is EINVAL");
	test_raise();
	test_faults();
	test_registers_after_syscall_signal();
	test_registers_async();
	test_mask();
	test_flags();
	test_altstack();
	test_timers();
	test_restart(0, "without SA_RESTART");
	test_restart(SA_RESTART, "with SA_RESTART");
	printf("signals: %d failures\n", failures);
	return failures ? 1 : 0;
}
