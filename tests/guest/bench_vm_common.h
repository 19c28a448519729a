/* Helpers of the VM benchmarks' guest programs (bench/vm.sh): starting a server module and
 * getting its port, registering with the client, order statistics, error names, copying. */
#ifndef WB_BENCH_VM_COMMON_H
#define WB_BENCH_VM_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <mach.h>

#define BENCH_VM_PAGE_SIZE 4096u

/* Prints "bench: vm <program>: <what> failed (<error>)" unless result is KERN_SUCCESS;
 * returns whether it is. */
bool bench_vm_succeeded(const char *program, kern_return_t result, const char *what);

/* The name of a kern_return_t or mach_msg_return_t a benchmark may meet ("MIG_BAD_ID"),
 * or NULL when it is not one of them. */
const char *bench_vm_error_name(kern_return_t result);

/* Client side (bench_vm_spawn.c): starts boot module `module` with a fresh receive right
 * as this task's bootstrap port, and waits for the send right it registers there. */
bool bench_vm_spawn_server(const char *program, unsigned module, mach_port_t *service);

/* Server side (bench_vm_register.c): gives the client that spawned this task, through
 * the inherited bootstrap port, a send right made from the receive right `service`. */
bool bench_vm_register(const char *program, mach_port_t service);

struct bench_vm_summary {
	uint64_t minimum;
	uint64_t median; /* the sample of rank count / 2 */
	uint64_t maximum;
};

/* Summarizes samples[0..count), count >= 1; sorts the array. */
struct bench_vm_summary bench_vm_summarize(uint64_t *samples, unsigned count);

/* Copies n bytes (a multiple of 8, both pointers 8-aligned) with `rep movsq`, as a kernel's
 * copy to user space would: the VM benchmarks' readers copy what they read. */
static inline void bench_vm_copy(void *destination, const void *source, uint64_t n)
{
	uint64_t words = n / 8;

	__asm__ volatile("rep movsq" : "+D"(destination), "+S"(source), "+c"(words) : : "memory");
}

#endif
