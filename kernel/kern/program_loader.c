/* Static ELF64 loading (see program_loader.h): segments copied into anonymous
 * memory of the task's map, a 64 KiB stack below USER_STACK_TOP, argv laid out
 * as on Linux (the command line, then any words the caller's prepare step adds). */
#include "kern/program_loader.h"
#include "kern/arguments.h"
#include "kern/boot_info.h"
#include "kern/elf_image.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include "arch/x86_64/layout.h"
#include "vm/user_copy.h"
#include "dev/console.h"
#include "lib/kstring.h"

#define STACK_PAGES 16
#define MAX_ARGUMENTS 32

static vm_prot_t segment_protection(uint32_t flags)
{
	vm_prot_t protection = VM_PROT_READ;
	if (flags & ELF_PF_W)
		protection |= VM_PROT_WRITE;
	if (flags & ELF_PF_X)
		protection |= VM_PROT_EXECUTE;
	return protection;
}

/* Maps what of a segment's pages is not mapped yet as anonymous read/write
 * memory and copies its file part in; protect_segments narrows it later. */
static kern_return_t map_segment(struct task *task, const char *image,
				 const struct elf64_program_header *segment)
{
	uint64_t page = segment->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t end = (segment->vaddr + segment->memsz + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	while (page < end) {
		struct vm_map_region region;
		bool found = vm_map_region(task->map, page, &region) == KERN_SUCCESS;
		if (found && region.start <= page) { /* already mapped by an earlier segment */
			page = region.start + region.size;
			continue;
		}
		uint64_t run_end = found && region.start < end ? region.start : end;
		uint64_t at = page;
		kern_return_t result = vm_map_enter(task->map, &at, run_end - page, 0, false, NULL, 0,
						    false, VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL,
						    VM_INHERIT_COPY);
		if (result != KERN_SUCCESS)
			return result;
		page = run_end;
	}
	if (segment->filesz > 0 &&
	    !copy_to_user(&task->space, segment->vaddr, image + segment->offset, segment->filesz))
		return KERN_RESOURCE_SHORTAGE;
	return KERN_SUCCESS;
}

/* After every segment is in: each segment's pages get their final rights
 * (pages shared by two segments keep the union). */
static void protect_segments(struct task *task, const char *image)
{
	const struct elf64_header *header = (const struct elf64_header *)image;
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type != ELF_PT_LOAD)
			continue;
		uint64_t first = segment->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t end = (segment->vaddr + segment->memsz + PAGE_SIZE - 1) &
			       ~(uint64_t)(PAGE_SIZE - 1);
		vm_prot_t protection = segment_protection(segment->flags);
		for (unsigned j = 0; j < header->phnum; j++) {
			const struct elf64_program_header *other = elf_image_segment(image, j);
			if (j == i || other->type != ELF_PT_LOAD)
				continue;
			uint64_t other_first = other->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
			uint64_t other_end = (other->vaddr + other->memsz + PAGE_SIZE - 1) &
					     ~(uint64_t)(PAGE_SIZE - 1);
			if (other_first < end && other_end > first)
				protection |= segment_protection(other->flags);
		}
		vm_map_protect(task->map, first, end, protection, false);
	}
}

/* Lays out strings and the argc/argv/envp/auxv vector at the top of the stack. */
static kern_return_t build_stack(struct task *task, const char *cmdline, uint64_t *rsp_out)
{
	uint64_t stack = USER_STACK_TOP - STACK_PAGES * PAGE_SIZE;
	kern_return_t result = vm_map_enter(task->map, &stack, STACK_PAGES * PAGE_SIZE, 0, false, NULL, 0,
					    false, VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL,
					    VM_INHERIT_COPY);
	if (result != KERN_SUCCESS)
		return result;
	char storage[512];
	char *words[MAX_ARGUMENTS];
	int argc = arguments_split(cmdline, storage, sizeof(storage), words, MAX_ARGUMENTS);
	if (argc < 0)
		return KERN_INVALID_ARGUMENT;
	uint64_t strings_size = 0;
	for (int i = 0; i < argc; i++)
		strings_size += strlen(words[i]) + 1;
	uint64_t strings = (USER_STACK_TOP - strings_size) & ~(uint64_t)15;
	/* argc, argv[argc], NULL, envp NULL, auxv AT_NULL pair */
	uint64_t vector_words = 1 + (uint64_t)argc + 1 + 1 + 2;
	uint64_t rsp = (strings - vector_words * 8) & ~(uint64_t)15;
	uint64_t vector[1 + MAX_ARGUMENTS + 4];
	unsigned n = 0;
	vector[n++] = (uint64_t)argc;
	uint64_t cursor = strings;
	for (int i = 0; i < argc; i++) {
		size_t length = strlen(words[i]) + 1;
		if (!copy_to_user(&task->space, cursor, words[i], length))
			return KERN_INVALID_ARGUMENT;
		vector[n++] = cursor;
		cursor += length;
	}
	vector[n++] = 0; /* end of argv */
	vector[n++] = 0; /* empty environment */
	vector[n++] = 0; /* AT_NULL */
	vector[n++] = 0;
	if (!copy_to_user(&task->space, rsp, vector, n * 8))
		return KERN_INVALID_ARGUMENT;
	*rsp_out = rsp;
	return KERN_SUCCESS;
}

static void task_name_from(const char *cmdline, char *name, size_t size)
{
	const char *start = cmdline, *end = cmdline;
	while (*end && *end != ' ' && *end != '\t') {
		if (*end == '/')
			start = end + 1;
		end++;
	}
	size_t length = (size_t)(end - start) < size - 1 ? (size_t)(end - start) : size - 1;
	memcpy(name, start, length);
	name[length] = '\0';
}

/* cmdline, then the words prepare wrote, in line (size bytes). */
static kern_return_t prepare_task(struct task *task, const char *cmdline, program_prepare_t prepare,
				  char *line, size_t size)
{
	size_t length = strnlen(cmdline, size);
	if (length >= size)
		return KERN_INVALID_ARGUMENT;
	memcpy(line, cmdline, length + 1);
	if (!prepare)
		return KERN_SUCCESS;
	if (length + 2 >= size)
		return KERN_INVALID_ARGUMENT;
	line[length++] = ' ';
	line[length] = '\0';
	return prepare(task, line + length, size - length);
}

kern_return_t program_spawn(struct task *parent, const void *image, size_t size, const char *cmdline,
			    struct task **task_out)
{
	return program_spawn_prepared(parent, image, size, cmdline, NULL, task_out);
}

kern_return_t program_spawn_prepared(struct task *parent, const void *image, size_t size,
				     const char *cmdline, program_prepare_t prepare,
				     struct task **task_out)
{
	char name[32];
	task_name_from(cmdline, name, sizeof(name));
	enum elf_image_error error = elf_image_check(image, size, USER_STACK_TOP - STACK_PAGES * PAGE_SIZE);
	if (error != ELF_IMAGE_OK) {
		kprintf("loader: %s: %s\n", name[0] ? name : "(unnamed)", elf_image_error_text(error));
		return KERN_INVALID_ARGUMENT;
	}
	struct task *task = task_create_child(parent, name, true);
	if (!task)
		return KERN_RESOURCE_SHORTAGE;
	kern_return_t result = KERN_SUCCESS;
	const struct elf64_header *header = image;
	for (unsigned i = 0; i < header->phnum && result == KERN_SUCCESS; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type == ELF_PT_LOAD)
			result = map_segment(task, image, segment);
	}
	if (result == KERN_SUCCESS)
		protect_segments(task, image);
	char line[BOOT_CMDLINE_MAX + PROGRAM_EXTRA_WORDS_MAX];
	if (result == KERN_SUCCESS)
		result = prepare_task(task, cmdline, prepare, line, sizeof(line));
	uint64_t rsp = 0;
	if (result == KERN_SUCCESS)
		result = build_stack(task, line, &rsp);
	struct thread *thread = NULL;
	if (result == KERN_SUCCESS) {
		thread = thread_create_user(task, header->entry, rsp, 0);
		if (!thread)
			result = KERN_RESOURCE_SHORTAGE;
	}
	if (result != KERN_SUCCESS) {
		task_discard(task);
		return result;
	}
	*task_out = task;
	thread_start(thread);
	return KERN_SUCCESS;
}
