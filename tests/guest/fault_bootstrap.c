/* Module 0 of the fault system test: starts a busy worker and one faulting task
 * per kind of fault, checks each faulter is terminated with its exception and
 * the worker (and this task) keep running; a corrupt module is refused. */
#include "rt/rt.h"
#include <wildebeest/boot_traps.h>

struct expectation {
	const char *name;
	int vector; /* the exception that should end it */
};

/* Module order given by the harness: 0 this, 1 busy_worker, 2 not-an-elf,
 * then fault_child with each of these arguments. */
static const struct expectation faults[] = {
	{"null-read", 14},  {"wild-write", 14},   {"kernel-read", 14},
	{"write-code", 14}, {"bad-opcode", 6},    {"privileged", 13},
	{"divide", 0},      {"linux-syscall", 0xff}, {"stack-overflow", 14},
};

int main(void)
{
	uint64_t worker = 0;
	check(wb_task_spawn(1, &worker) == KERN_SUCCESS, "busy worker started");
	uint64_t corrupt = 0;
	kern_return_t result = wb_task_spawn(2, &corrupt);
	check(result == KERN_INVALID_ARGUMENT, "a module that is not an ELF executable is refused (%d)",
	      result);

	unsigned count = sizeof(faults) / sizeof(faults[0]);
	uint64_t ids[16];
	for (unsigned i = 0; i < count; i++) {
		result = wb_task_spawn(3 + i, &ids[i]);
		check(result == KERN_SUCCESS, "faulting task '%s' started", faults[i].name);
	}
	for (unsigned i = 0; i < count; i++) {
		int status = -1;
		result = wb_task_wait(ids[i], &status);
		int expected = WB_TASK_STATUS_FAULTED | faults[i].vector;
		check(result == KERN_SUCCESS && status == expected,
		      "task '%s' was terminated by the kernel (status 0x%x, expected 0x%x)", faults[i].name,
		      status, expected);
	}
	int status = -1;
	result = wb_task_wait(worker, &status);
	check(result == KERN_SUCCESS && status == 0,
	      "the busy worker ran to completion while the others faulted (status %d)", status);
	check(true, "the bootstrap task is still running after %u faults", count);
	return checks_failed() ? 1 : 0;
}
