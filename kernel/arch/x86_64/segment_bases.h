/* The FS and GS base addresses of user threads (i386_FSGS_BASE_STATE, the
 * thread pointer of TLS): validated here, loaded into a CPU on switch-in. */
#ifndef WB_ARCH_SEGMENT_BASES_H
#define WB_ARCH_SEGMENT_BASES_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct thread;

/* True if base may be a user thread's FS or GS base: a user-space address
 * (so canonical, and wrmsr cannot fault on it). */
bool segment_base_is_valid(uint64_t base);
/* Every CPU at start: FS base 0 and user GS base 0, as a new thread has them. */
void segment_bases_init_cpu(struct cpu *cpu);
/* On a context switch from previous to next (interrupts off): next's bases are
 * loaded if it is a user thread and the CPU does not hold them already. */
void segment_bases_switch(struct cpu *cpu, struct thread *previous, struct thread *next);
/* After the current thread's bases changed (thread_set_state on itself): they
 * take effect on its return to user mode. */
void segment_bases_reload_current(void);

#endif
