/* Where things are in the kernel's virtual address space on x86_64.
 * Shared by C and assembly; the lower half belongs to user tasks. */
#ifndef WB_ARCH_LAYOUT_H
#define WB_ARCH_LAYOUT_H

#define KERNEL_VIRT_BASE  0xffffffff80000000 /* kernel image: physical 0.. mapped here */
#define DIRECT_MAP_BASE   0xffff800000000000 /* all physical memory mapped here */
#define USER_SPACE_END    0x0000800000000000 /* user addresses are below this */
#define USER_STACK_TOP    0x00007ffffffff000
#define PAGE_SIZE         4096
#define KERNEL_STACK_SIZE 16384

/* GDT selectors. User data sits below user code as SYSRET requires. */
#define SEL_KERNEL_CODE 0x10
#define SEL_KERNEL_DATA 0x18
#define SEL_USER_CODE32 0x23 /* 0x20 | RPL 3: SYSRET's base selector */
#define SEL_USER_DATA   0x2b /* 0x28 | RPL 3 */
#define SEL_USER_CODE   0x33 /* 0x30 | RPL 3 */
#define SEL_TSS         0x40

/* The AP start-up trampoline is copied to this physical page (below 1 MiB). */
#define AP_TRAMPOLINE_PHYS 0x8000

#endif
