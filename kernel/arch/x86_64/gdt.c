/* Per-CPU descriptor tables and the syscall MSRs: each CPU gets a GDT with its
 * own TSS (kernel stack for interrupts from user mode, IST for double faults). */
#include "arch/x86_64/cpu_arch.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/segment_bases.h"
#include "kern/cpu.h"
#include "lib/kstring.h"

extern char syscall_entry[];

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static uint64_t segment(uint8_t access, uint8_t flags)
{
	return ((uint64_t)access << 40) | ((uint64_t)flags << 52) | 0xffff | (0xfull << 48);
}

void cpu_arch_init(struct cpu *cpu)
{
	struct cpu_arch *arch = &cpu->arch;
	memset(arch->gdt, 0, sizeof(arch->gdt));
	arch->gdt[1] = segment(0x9a, 0xc); /* kernel code, 32-bit: unused */
	arch->gdt[2] = segment(0x9a, 0xa); /* kernel code, 64-bit */
	arch->gdt[3] = segment(0x92, 0xc); /* kernel data */
	arch->gdt[4] = segment(0xfa, 0xc); /* user code, 32-bit: unused, keeps SYSRET's layout */
	arch->gdt[5] = segment(0xf2, 0xc); /* user data */
	arch->gdt[6] = segment(0xfa, 0xa); /* user code, 64-bit */
	memset(&arch->tss, 0, sizeof(arch->tss));
	arch->tss.iomap_base = __builtin_offsetof(struct tss, io_bitmap);
	memset(arch->tss.io_bitmap, 0xff, sizeof(arch->tss.io_bitmap));
	arch->loaded_io_version = 0;
	arch->tss.ist[0] = (uint64_t)(arch->double_fault_stack + sizeof(arch->double_fault_stack));
	uint64_t base = (uint64_t)&arch->tss, limit = sizeof(struct tss) - 1;
	arch->gdt[8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		       (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	arch->gdt[9] = base >> 32;

	struct descriptor_pointer gdtr = {sizeof(arch->gdt) - 1, (uint64_t)arch->gdt};
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(SEL_KERNEL_CODE), "r"(SEL_KERNEL_DATA), "r"(SEL_TSS)
			 : "rax", "memory");
	idt_load();

	cpu->self = cpu;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
	segment_bases_init_cpu(cpu);
	uint32_t regs[4];
	cpuid(0x80000001, 0, regs);
	if (regs[3] & (1u << 27)) /* RDTSCP: user code can read its CPU number */
		wrmsr(MSR_TSC_AUX, cpu->index);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((uint64_t)SEL_USER_CODE32 << 48) | ((uint64_t)SEL_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Clear IF, TF, DF, AC and NT on entry. */
	wrmsr(MSR_SFMASK, (1u << 9) | (1u << 8) | (1u << 10) | (1u << 18) | (1u << 14));
}

void cpu_arch_set_kernel_stack(struct cpu *cpu, uint64_t stack_top)
{
	cpu->arch.tss.rsp[0] = stack_top;
	cpu->kernel_stack_top = stack_top;
}
