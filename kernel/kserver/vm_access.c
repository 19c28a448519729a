/* Helpers of the VM routines (see vm_access.h): range checks on a task's map,
 * copying within a task through a page-sized bounce buffer, wiring new memory. */
#include "vm_access.h"
#include "kern/kalloc.h"
#include "kern/task.h"
#include "vm/user_copy.h"
#include "../vm/vm_map.h" /* past the shim of the same name */

#define CHUNK 4096ull

kern_return_t vm_task_check_access(struct task *task, uint64_t address, uint64_t size,
                                   vm_prot_t access)
{
	if (address + size < address)
		return KERN_INVALID_ADDRESS;
	return vm_map_check_access(task->map, address, address + size, access);
}

kern_return_t vm_task_copy(struct task *task, uint64_t source, uint64_t dest, uint64_t size)
{
	if (size == 0 || source == dest)
		return KERN_SUCCESS;
	char *bounce = kalloc(CHUNK);
	if (!bounce)
		return KERN_RESOURCE_SHORTAGE;
	/* Overlapping with dest above source: copy from the end, as memmove does. */
	bool backwards = dest > source && dest - source < size;
	kern_return_t result = KERN_SUCCESS;
	for (uint64_t done = 0; done < size && result == KERN_SUCCESS;) {
		uint64_t n = size - done < CHUNK ? size - done : CHUNK;
		uint64_t at = backwards ? size - done - n : done;
		if (!copy_from_user(&task->space, bounce, source + at, n) ||
		    !copy_to_user(&task->space, dest + at, bounce, n))
			result = KERN_INVALID_ADDRESS;
		done += n;
	}
	kfree(bounce, CHUNK);
	return result;
}

void vm_task_wire_new(struct task *task, uint64_t address, uint64_t size)
{
	if (task->map->wire_future)
		(void)vm_map_wire(task->map, address, address + size, VM_PROT_READ | VM_PROT_WRITE);
}
