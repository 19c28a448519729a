/* The parts of the in-guest VM hostile test (vm_hostile.c runs them): errors,
 * never a panic, and the kernel's accounting where it started. */
#ifndef WB_GUEST_VM_HOSTILE_H
#define WB_GUEST_VM_HOSTILE_H

#include "vm_common.h"

/* The task the hostile calls aim at: made with task_create (no inherited
 * memory), holding `small` (16 pages, fixed) and `large` (1 GiB, lazy). */
struct vm_hostile_target {
	mach_port_t victim;
	mach_port_t host_priv;
	vm_address_t small, large;
	vm_address_t buffer; /* 2 pages of ours, for vm_write */
};
#define VM_HOSTILE_SMALL_PAGES 16

void vm_hostile_bad_ports(const struct vm_hostile_target *target);
void vm_hostile_bad_arguments(const struct vm_hostile_target *target);
void vm_hostile_fuzz(const struct vm_hostile_target *target, unsigned rounds);
void vm_hostile_children(void);
/* Last, on tasks of its own: more wired or touched memory than the machine has. */
void vm_hostile_pressure(mach_port_t host_priv);

#endif
