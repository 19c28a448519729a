/* The x86_64 part of each CPU's data: its GDT (with its own TSS) and TSS.
 * Embedded in struct cpu (kern/cpu.h). */
#ifndef WB_ARCH_CPU_ARCH_H
#define WB_ARCH_CPU_ARCH_H

#include <stdint.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	/* One bit per I/O port, set = refused at CPL 3 (io_bitmap.c), and the
	 * all-ones byte the CPU reads past the last port. */
	uint8_t io_bitmap[65536 / 8 + 1];
} __attribute__((packed));

struct cpu_arch {
	uint64_t gdt[10]; /* null, kcode32, kcode, kdata, ucode32, udata, ucode, null, tss (2 slots) */
	struct tss tss;
	uint8_t double_fault_stack[4096] __attribute__((aligned(16)));
	/* The user FS and GS bases this CPU holds (segment_bases.c). */
	uint64_t loaded_fs_base;
	uint64_t loaded_user_gs_base;
	/* The version of the I/O-port grants io_bitmap holds (0: none). */
	uint64_t loaded_io_version;
};

struct cpu;
/* Loads this CPU's GDT, TSS, IDT, the syscall MSRs and GS base = cpu. */
void cpu_arch_init(struct cpu *cpu);
void cpu_arch_set_kernel_stack(struct cpu *cpu, uint64_t stack_top);

#endif
