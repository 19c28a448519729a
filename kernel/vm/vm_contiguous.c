/* Physically contiguous memory for drivers' DMA (vm_allocate_contiguous): a
 * run of frames becomes the pages of a new object, mapped and wired. */
#include "vm/vm_map.h"
#include "vm/vm_lock.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/physmem.h"
#include "arch/x86_64/layout.h"

kern_return_t vm_map_enter_contiguous(struct vm_map *map, uint64_t size, uint64_t from_phys,
				      uint64_t below_phys, uint64_t align, uint64_t *address,
				      uint64_t *phys)
{
	if (size == 0 || size > (1ull << 30) || (align & (align - 1)))
		return KERN_INVALID_ARGUMENT;
	uint64_t count = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t align_frames = align > PAGE_SIZE ? align / PAGE_SIZE : 1;
	uint64_t first;
	if (!physmem_alloc_contiguous_range(count, align_frames, from_phys, below_phys, &first))
		return KERN_RESOURCE_SHORTAGE;
	vm_lock_acquire();
	struct vm_object *object = vm_object_allocate(count * PAGE_SIZE);
	if (!object) {
		vm_lock_release();
		physmem_free_pages(first, count);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (uint64_t i = 0; i < count; i++)
		vm_page_insert_frame(object, i * PAGE_SIZE, first + i * PAGE_SIZE);
	vm_lock_release();
	uint64_t where = 0;
	kern_return_t result = vm_map_enter(map, &where, count * PAGE_SIZE, 0, true, object, 0, false,
					    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_SHARE);
	if (result != KERN_SUCCESS) {
		vm_lock_acquire();
		vm_object_release(object); /* frees the frames with the pages */
		vm_lock_release();
		return result;
	}
	result = vm_map_wire(map, where, where + count * PAGE_SIZE, VM_PROT_READ | VM_PROT_WRITE);
	if (result != KERN_SUCCESS) {
		vm_map_remove(map, where, where + count * PAGE_SIZE);
		return result;
	}
	*address = where;
	*phys = first;
	return KERN_SUCCESS;
}
