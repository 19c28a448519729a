/* An ordinary static glibc program that hands the emulator bad pointers: low
 * addresses, kernel and non-canonical ones, the emulator's own memory, an
 * unmapped page, and ranges that start mapped and run into an unmapped page,
 * to every system call of the emulator's that takes one. Each must answer
 * EFAULT and the program must live on. (The emulator checks a whole range
 * before it moves a byte; Linux may instead transfer the readable part.)
 * Prints "tap: ok - ..." lines. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define ROUNDS          1500
#define CLASSES         6
#define PAGE            4096
#define CALLS_PER_ROUND 17

static unsigned char *last_mapped_page; /* followed by an unmapped page */

/* A bad pointer of class `kind`, for an object of at least 8 bytes. */
static uint64_t bad_pointer(unsigned kind)
{
	uint64_t noise = ((uint64_t)rand() << 16) ^ (uint64_t)rand();
	switch (kind) {
	case 0:
		return 1 + noise % (PAGE - 1); /* the null page */
	case 1:
		return 0xffff800000000000ull + (noise << 3); /* the kernel's half */
	case 2:
		return 0x0000800000000000ull + (noise << 12); /* non-canonical */
	case 3:
		return 0x7ffe00000000ull + noise % 0x10000000; /* the emulator */
	case 4:
		return (uint64_t)last_mapped_page + PAGE + noise % PAGE; /* unmapped */
	default:
		return (uint64_t)last_mapped_page + PAGE - 1 - noise % 7; /* runs off the end */
	}
}

static unsigned call_index, first_missed_call = ~0u;
static long first_missed_result;
static int first_missed_errno;

/* 1 unless the call just made failed with EFAULT (the first miss is kept). */
static unsigned not_efault(long result)
{
	unsigned index = call_index++ % CALLS_PER_ROUND;
	if (result == -1 && errno == EFAULT)
		return 0;
	if (first_missed_call == ~0u) {
		first_missed_call = index;
		first_missed_result = result;
		first_missed_errno = errno;
	}
	return 1;
}

/* Every call below has only its pointer wrong; returns how many did not
 * answer EFAULT. */
static unsigned round_of_calls(uint64_t p)
{
	static char empty[] = "";
	static uint64_t buffer[32];
	struct iovec bad_base = {(void *)p, 16};
	unsigned wrong = 0;
	wrong += not_efault(syscall(SYS_write, 1, p, 16));
	wrong += not_efault(syscall(SYS_writev, 1, p, 1));
	wrong += not_efault(syscall(SYS_writev, 2, &bad_base, 1));
	wrong += not_efault(syscall(SYS_read, 0, p, 16));
	wrong += not_efault(syscall(SYS_fstat, 1, p));
	wrong += not_efault(syscall(SYS_newfstatat, 1, empty, p, AT_EMPTY_PATH));
	wrong += not_efault(syscall(SYS_newfstatat, AT_FDCWD, p, buffer, 0));
	wrong += not_efault(syscall(SYS_uname, p));
	wrong += not_efault(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL));
	wrong += not_efault(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p));
	wrong += not_efault(syscall(SYS_getrlimit, RLIMIT_NOFILE, p));
	wrong += not_efault(syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8));
	wrong += not_efault(syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, 8));
	wrong += not_efault(syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8));
	wrong += not_efault(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8));
	wrong += not_efault(syscall(SYS_sigaltstack, p, NULL));
	wrong += not_efault(syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, p));
	return wrong;
}

int main(void)
{
	unsigned char *pages =
	    mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED || munmap(pages + PAGE, PAGE) != 0) {
		printf("tap: not ok - bad pointers: cannot set up an unmapped page\n");
		return 1;
	}
	last_mapped_page = pages;
	memset(pages, 'a', PAGE); /* a path starting there runs off the end, unterminated */
	srand(11);
	unsigned wrong = 0, calls = 0;
	for (unsigned round = 0; round < ROUNDS; round++) {
		uint64_t p = bad_pointer(round % CLASSES);
		unsigned round_wrong = round_of_calls(p);
		if (round_wrong && wrong == 0)
			printf(
			    "# first miss: call %u of the round, pointer 0x%llx (class %u): %ld, "
			    "errno %d\n",
			    first_missed_call, (unsigned long long)p, round % CLASSES,
			    first_missed_result, first_missed_errno);
		wrong += round_wrong;
		calls += CALLS_PER_ROUND;
	}
	printf("tap: %s - bad pointers: %u system calls, each with only its pointer wrong, "
	       "answered EFAULT and the program lives on (%u did not)\n",
	       wrong == 0 ? "ok" : "not ok", calls, wrong);
	return wrong == 0 ? 0 : 1;
}
