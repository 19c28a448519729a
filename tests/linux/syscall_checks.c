/* An ordinary static glibc program that checks the emulator's answers to
 * system calls a program makes directly: an unimplemented one is ENOSYS, bad
 * pointers are EFAULT, and the memory calls behave as on Linux. Prints
 * "tap: ok - ..." lines for the harness; the exit status counts failures. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "linux_tap.h"

static int failures;

__attribute__((format(printf, 2, 3))) static void check(int passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	if (!linux_tap_check(passed, format, arguments))
		failures++;
	va_end(arguments);
}

static void check_unimplemented(void)
{
	errno = 0;
	long result = syscall(SYS_acct, NULL);
	check(result == -1 && errno == ENOSYS,
	      "an unimplemented call (acct) gives ENOSYS (%ld, errno %d)", result, errno);
	errno = 0;
	result = syscall(SYS_acct, NULL);
	check(result == -1 && errno == ENOSYS, "so does the same call again (errno %d)", errno);
	errno = 0;
	result = syscall(100000);
	check(result == -1 && errno == ENOSYS,
	      "a number Linux never assigned gives ENOSYS (errno %d)", errno);
}

static void check_bad_pointers(void)
{
	const void *volatile bad = (const void *)16; /* hidden from the compiler's checks */
	errno = 0;
	check(write(1, bad, 10) == -1 && errno == EFAULT, "write from a bad pointer is EFAULT");
	errno = 0;
	check(syscall(SYS_uname, (void *)8) == -1 && errno == EFAULT,
	      "uname into a bad pointer is EFAULT");
	errno = 0;
	check(syscall(SYS_fstat, 1, (void *)0xffff800000000000ull) == -1 && errno == EFAULT,
	      "fstat into a kernel address is EFAULT");
	errno = 0;
	check(syscall(SYS_uname, (void *)0x7ffe00001000ull) == -1 && errno == EFAULT,
	      "uname into the emulator's own memory is EFAULT");
	errno = 0;
	check(write(9, "x", 1) == -1 && errno == EBADF,
	      "write to a descriptor that is not open is EBADF");
}

static void check_identity(void)
{
	struct utsname names;
	check(uname(&names) == 0 && strcmp(names.machine, "x86_64") == 0,
	      "uname says x86_64 (%s %s)", names.sysname, names.release);
	struct stat status;
	check(fstat(1, &status) == 0 && S_ISCHR(status.st_mode), "stdout is a character device");
	check(!isatty(1) && errno == ENOTTY, "stdout is not a terminal yet (ENOTTY)");
	struct rlimit limit;
	check(getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur == 8u << 20,
	      "the stack limit is 8 MiB");
	limit.rlim_cur = 4u << 20;
	check(setrlimit(RLIMIT_STACK, &limit) == 0 && getrlimit(RLIMIT_STACK, &limit) == 0 &&
	          limit.rlim_cur == 4u << 20,
	      "setrlimit is recorded");
	check(getpid() > 1 && getppid() == 1 && getuid() == 0, "getpid %d, getppid %d, getuid %d",
	      getpid(), getppid(), getuid());
}

static void check_memory(void)
{
	size_t page = 4096;
	char *area =
	    mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(area != MAP_FAILED && area[0] == 0, "anonymous mmap gives zeroed memory");
	if (area == MAP_FAILED)
		return;
	memset(area, 0x5a, 4 * page);
	check(madvise(area, 2 * page, MADV_DONTNEED) == 0 && area[0] == 0 && area[page] == 0 &&
	          area[2 * page] == 0x5a,
	      "MADV_DONTNEED zeroes exactly its pages");
	void *taken =
	    mmap(area, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check(taken == MAP_FAILED && errno == EEXIST,
	      "MAP_FIXED_NOREPLACE over a mapping is EEXIST");
	void *fixed = mmap(area + page, page, PROT_READ | PROT_WRITE,
	                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(fixed == area + page && area[page] == 0 && area[3 * page] == 0x5a,
	      "MAP_FIXED replaces a page");
	check(mprotect(area, page, PROT_READ) == 0, "mprotect to read-only");
	char *grown = mremap(area + 2 * page, 2 * page, 64 * page, MREMAP_MAYMOVE);
	check(grown != MAP_FAILED && grown[0] == 0x5a && grown[page] == 0x5a &&
	          grown[63 * page] == 0,
	      "mremap grows a mapping and keeps its contents");
	check(munmap(area, 2 * page) == 0 && munmap(grown, 64 * page) == 0, "munmap");
	errno = 0;
	check(munmap((void *)1, page) == -1 && errno == EINVAL,
	      "munmap of an unaligned address is EINVAL");
	errno = 0;
	check(mmap(NULL, page, PROT_READ, MAP_PRIVATE, 0, 0) == MAP_FAILED,
	      "mmap of a descriptor that is no file fails");
	void *low = sbrk(0);
	check(sbrk(1 << 20) == low && ((char *)low)[(1 << 20) - 1] == 0 &&
	          sbrk(-(1 << 20)) != (void *)-1,
	      "brk grows by 1 MiB of zeroes and shrinks");
	errno = 0;
	check(munmap((void *)0x7ffe00000000ull, page) == -1 && errno == EINVAL,
	      "the emulator cannot be unmapped");
}

/* syscall_registers.S: getppid with known values in every register it must
 * keep, xmm5 and xmm15, the carry flag set and the red zone filled. */
void syscall_registers(const uint64_t in[12], uint64_t out[12], uint64_t flags[4],
                       const uint64_t xmm_in[2], uint64_t xmm_out[4]);

/* Every register but rax, rcx and r11 must come back from a system call as it
 * went in (Linux's rule), SSE registers included (the emulator must not use
 * them), and the 128 bytes below the stack pointer untouched. */
static void check_registers(void)
{
	uint64_t in[12], out[12], flags[4], xmm_in[2] = {0x0123456789abcdef, 0xfedcba9876543210};
	uint64_t xmm_out[4] = {0};
	for (unsigned i = 0; i < 12; i++)
		in[i] = 0x1111111111111111ull * (i + 1);
	syscall_registers(in, out, flags, xmm_in, xmm_out);
	check(memcmp(in, out, sizeof(in)) == 0,
	      "rdi, rsi, rdx, r10, r8, r9, rbx, rbp, r12-r15 survive a system call");
	check(memcmp(xmm_out, xmm_in, 16) == 0 && memcmp(xmm_out + 2, xmm_in, 16) == 0,
	      "xmm5 and xmm15 survive a system call");
	check((flags[0] & 1) && flags[2] == 1 && !(flags[1] & 0x400),
	      "the carry flag survives, the direction flag stays clear (flags 0x%llx, then 0x%llx)",
	      (unsigned long long)flags[0], (unsigned long long)flags[1]);
	check(flags[3] == 0, "the caller's red zone is untouched");
}

int main(void)
{
	check_registers();
	check_unimplemented();
	check_bad_pointers();
	check_identity();
	check_memory();
	printf("syscall_checks: %d failed\n", failures);
	return failures;
}
