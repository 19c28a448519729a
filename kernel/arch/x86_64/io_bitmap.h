/* The I/O ports a user task may use directly (i386_io_perm_modify): its grants,
 * and the TSS's I/O permission bitmap loaded from them on a context switch. */
#ifndef WB_ARCH_IO_BITMAP_H
#define WB_ARCH_IO_BITMAP_H

#include <stdbool.h>
#include <stdint.h>
#include "kern/spinlock.h"

/* Distinct port ranges one task may hold at once. */
#define IO_GRANT_LIMIT 16

struct io_port_range {
	uint16_t from, to; /* inclusive */
};

/* A task's grants. version names this set of grants for every CPU's cached
 * bitmap: a fresh system-wide value at each change, 0 while there are none. */
struct io_grants {
	spinlock_t lock;
	uint64_t version;
	unsigned count;
	struct io_port_range ranges[IO_GRANT_LIMIT];
};

struct cpu;

/* A task's grants at its creation: none. */
void io_grants_init(struct io_grants *grants);
/* True if some port in [from, to] is one the kernel drives itself (PIC, PIT,
 * CMOS, its COM1 console, the POST and debug-exit ports, ACPI power-off). */
bool io_ports_kernel_owned(unsigned from, unsigned to);
/* Grants (enable) or withdraws [from, to]; false if the task holds
 * IO_GRANT_LIMIT ranges already. Takes effect on this CPU at once if grants
 * are the current task's, elsewhere at the task's next switch-in. */
bool io_grants_modify(struct io_grants *grants, uint16_t from, uint16_t to, bool enable,
                      bool current_task);
/* On a context switch (interrupts off): loads next's grants (NULL: none) into
 * this CPU's bitmap unless it holds them already. */
void io_bitmap_switch(struct cpu *cpu, struct io_grants *next);

#endif
