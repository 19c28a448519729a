/* Helpers of the VM routines that act on a task's memory from the kernel:
 * checking a range's rights, copying within a task, wiring new memory. */
#ifndef WB_KSERVER_VM_ACCESS_H
#define WB_KSERVER_VM_ACCESS_H

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct task;

/* Most bytes vm_read returns in one call (its data is copied, not mapped). */
#define VM_TRANSFER_MAX (16ull << 20)

/* KERN_SUCCESS if every page of [address, address+size) is mapped with
 * access; else KERN_INVALID_ADDRESS (a hole, or outside the map) or
 * KERN_PROTECTION_FAILURE. */
kern_return_t vm_task_check_access(struct task *task, uint64_t address, uint64_t size,
                                   vm_prot_t access);
/* Copies size bytes from source to dest within task, as memmove would. */
kern_return_t vm_task_copy(struct task *task, uint64_t source, uint64_t dest, uint64_t size);
/* After vm_allocate/vm_map: wires the new range if vm_wire_all asked for
 * future memory to be wired. */
void vm_task_wire_new(struct task *task, uint64_t address, uint64_t size);

#endif
