/* Module for the fault system test: does one bad thing, named by argv[1], that
 * the kernel must answer by terminating this task alone. */
#include "rt/rt.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	print("fault_child: about to %s\n", what);
	if (strcmp(what, "null-read") == 0)
		return *(volatile int *)0;
	if (strcmp(what, "wild-write") == 0)
		*(volatile int *)0x5000000000ull = 1;
	if (strcmp(what, "kernel-read") == 0)
		return *(volatile int *)0xffff800000000000ull;
	if (strcmp(what, "write-code") == 0)
		*(volatile uint8_t *)(uint64_t)main = 0xc3;
	if (strcmp(what, "bad-opcode") == 0)
		__asm__ volatile("ud2");
	if (strcmp(what, "privileged") == 0)
		__asm__ volatile("hlt");
	if (strcmp(what, "divide") == 0) {
		uint32_t quotient = 1, zero = 0;
		__asm__ volatile("xorl %%edx, %%edx; divl %1" : "+a"(quotient) : "r"(zero) : "rdx");
		return (int)quotient;
	}
	if (strcmp(what, "linux-syscall") == 0) {
		long result;
		__asm__ volatile("syscall" : "=a"(result) : "a"(39L) : "rcx", "r11", "memory");
	}
	if (strcmp(what, "stack-overflow") == 0) {
		volatile char big[4096];
		big[0] = 1;
		return main(argc, argv) + big[0];
	}
	print("fault_child: %s did not fault\n", what);
	return 42;
}
