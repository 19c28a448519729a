/* Mapping a validated ELF image's PT_LOAD segments into a task: zero-filled
 * memory with vm_allocate, the file bytes written page by page with vm_write
 * (a page shared by two segments gets both segments' bytes), then each page's
 * protection: the union of the segments on it. */
#include <stdbool.h>
#include "loader.h"
#include "kern/elf_image.h"
#include "lib/kstring.h"

#define PAGE        4096ull
#define WRITE_PAGES 64 /* pages composed and written per vm_write */

static uint64_t page_down(uint64_t value)
{
	return value & ~(PAGE - 1);
}

static uint64_t page_up(uint64_t value)
{
	return (value + PAGE - 1) & ~(PAGE - 1);
}

static vm_prot_t segment_protection(uint32_t flags)
{
	vm_prot_t protection = 0;
	if (flags & ELF_PF_R)
		protection |= VM_PROT_READ;
	if (flags & ELF_PF_W)
		protection |= VM_PROT_WRITE;
	if (flags & ELF_PF_X)
		protection |= VM_PROT_EXECUTE;
	return protection;
}

/* Fills buffer with the bytes of [address, address + length) as the image's
 * segments define them (file bytes, zero elsewhere). */
static void compose(const void *image, uint64_t address, uint64_t length, char *buffer)
{
	const struct elf64_header *header = image;
	memset(buffer, 0, length);
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type != ELF_PT_LOAD || segment->filesz == 0)
			continue;
		uint64_t start = segment->vaddr > address ? segment->vaddr : address;
		uint64_t file_end = segment->vaddr + segment->filesz;
		uint64_t end = file_end < address + length ? file_end : address + length;
		if (start >= end)
			continue;
		memcpy(buffer + (start - address),
		       (const char *)image + segment->offset + (start - segment->vaddr),
		       end - start);
	}
}

/* The protection of the page at address: every segment touching it. */
static vm_prot_t page_protection(const void *image, uint64_t page)
{
	const struct elf64_header *header = image;
	vm_prot_t protection = 0;
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type == ELF_PT_LOAD && page_down(segment->vaddr) <= page &&
		    page < page_up(segment->vaddr + segment->memsz))
			protection |= segment_protection(segment->flags);
	}
	return protection;
}

/* The mapping at or after address in task: its start and end; false if none. */
static bool next_region(mach_port_t task, uint64_t address, uint64_t *start, uint64_t *end)
{
	vm_address_t region = address;
	vm_size_t size = 0;
	vm_prot_t protection, maximum;
	vm_inherit_t inheritance;
	boolean_t shared;
	mach_port_t object_name = MACH_PORT_NULL;
	vm_offset_t offset;
	kern_return_t result = vm_region(task, &region, &size, &protection, &maximum, &inheritance,
	                                 &shared, &object_name, &offset);
	if (MACH_PORT_VALID(object_name))
		(void)mach_port_deallocate(mach_task_self(), object_name);
	if (result != KERN_SUCCESS)
		return false;
	*start = region;
	*end = region + size;
	return true;
}

/* Allocates the segment's pages that are not allocated yet: an earlier
 * segment may hold some (a shared page, or a hostile image's overlap), which
 * are skipped a whole mapping at a time. */
static kern_return_t allocate_segment(mach_port_t task, const struct elf64_program_header *segment)
{
	uint64_t page = page_down(segment->vaddr), end = page_up(segment->vaddr + segment->memsz);
	while (page < end) {
		vm_address_t at = page;
		kern_return_t result = vm_allocate(task, &at, end - page, FALSE);
		if (result != KERN_NO_SPACE)
			return result;
		uint64_t taken_start, taken_end;
		if (!next_region(task, page, &taken_start, &taken_end) || taken_start >= end)
			return KERN_NO_SPACE;
		if (taken_start > page) {
			at = page;
			result = vm_allocate(task, &at, taken_start - page, FALSE);
			if (result != KERN_SUCCESS)
				return result;
		}
		page = taken_end;
	}
	return KERN_SUCCESS;
}

static kern_return_t write_segment(mach_port_t task, const void *image,
                                   const struct elf64_program_header *segment, char *buffer)
{
	uint64_t page = page_down(segment->vaddr), end = page_up(segment->vaddr + segment->filesz);
	while (page < end) {
		uint64_t length = end - page < WRITE_PAGES * PAGE ? end - page : WRITE_PAGES * PAGE;
		compose(image, page, length, buffer);
		kern_return_t result = vm_write(task, page, (vm_offset_t)buffer, length);
		if (result != KERN_SUCCESS)
			return result;
		page += length;
	}
	return KERN_SUCCESS;
}

static kern_return_t protect_segment(mach_port_t task, const void *image,
                                     const struct elf64_program_header *segment)
{
	uint64_t first = page_down(segment->vaddr), end = page_up(segment->vaddr + segment->memsz);
	/* The inner pages have the segment's own protection, the edge pages may
	 * be shared. */
	kern_return_t result =
	    vm_protect(task, first, end - first, FALSE, segment_protection(segment->flags));
	if (result == KERN_SUCCESS)
		result = vm_protect(task, first, PAGE, FALSE, page_protection(image, first));
	if (result == KERN_SUCCESS && end - PAGE != first)
		result =
		    vm_protect(task, end - PAGE, PAGE, FALSE, page_protection(image, end - PAGE));
	return result;
}

kern_return_t loader_map_segments(mach_port_t task, const void *image, uint64_t *end)
{
	const struct elf64_header *header = image;
	vm_address_t buffer = 0;
	kern_return_t result = vm_allocate(mach_task_self(), &buffer, WRITE_PAGES * PAGE, TRUE);
	if (result != KERN_SUCCESS)
		return result;
	*end = 0;
	for (unsigned i = 0; i < header->phnum && result == KERN_SUCCESS; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type != ELF_PT_LOAD || segment->memsz == 0)
			continue;
		result = allocate_segment(task, segment);
		if (result == KERN_SUCCESS)
			result = write_segment(task, image, segment, (char *)buffer);
		if (segment->vaddr + segment->memsz > *end)
			*end = segment->vaddr + segment->memsz;
	}
	for (unsigned i = 0; i < header->phnum && result == KERN_SUCCESS; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type == ELF_PT_LOAD && segment->memsz != 0)
			result = protect_segment(task, image, segment);
	}
	(void)vm_deallocate(mach_task_self(), buffer, WRITE_PAGES * PAGE);
	return result;
}
