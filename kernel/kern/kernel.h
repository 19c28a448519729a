/* Entry points from the arch boot code into the machine-independent kernel. */
#ifndef WB_KERN_KERNEL_H
#define WB_KERN_KERNEL_H

#include <stdint.h>

struct cpu;

_Noreturn void kernel_main(uint32_t multiboot_magic, uint64_t multiboot_info_phys);
_Noreturn void kernel_ap_main(struct cpu *cpu);

#endif
