/* loader_start (loader.h): validates both images, then task_create, the
 * program's and the emulator's segments, the stack, the bootstrap and device
 * ports, the emulation vector, and a thread that begins in the emulator's
 * start routine. */
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>
#include <wildebeest/emul_image.h>
#include "loader.h"
#include "kern/elf_image.h"
#include "lib/kstring.h"

/* Validates the emulator: an ELF within [EMUL_IMAGE_BASE, EMUL_IMAGE_END)
 * whose entry point is an image header naming code of its own. */
static int emulator_header(const void *image, size_t size, struct emul_image_header *out)
{
	if (elf_image_check(image, size, EMUL_IMAGE_END) != ELF_IMAGE_OK)
		return 0;
	const struct elf64_header *header = image;
	int header_found = 0;
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type != ELF_PT_LOAD)
			continue;
		if (segment->vaddr < EMUL_IMAGE_BASE)
			return 0;
		if (header->entry >= segment->vaddr && segment->filesz >= sizeof(*out) &&
		    header->entry - segment->vaddr <= segment->filesz - sizeof(*out)) {
			memcpy(out, (const char *)image + segment->offset +
			                (header->entry - segment->vaddr),
			       sizeof(*out));
			header_found = 1;
		}
	}
	if (!header_found || out->magic != EMUL_IMAGE_MAGIC)
		return 0;
	/* Both routines must lie inside the emulator's executable segments. */
	uint64_t routines[2] = {out->start, out->syscall_entry};
	for (unsigned r = 0; r < 2; r++) {
		int inside = 0;
		for (unsigned i = 0; i < header->phnum; i++) {
			const struct elf64_program_header *segment = elf_image_segment(image, i);
			if (segment->type == ELF_PT_LOAD && (segment->flags & ELF_PF_X) &&
			    routines[r] >= segment->vaddr && routines[r] - segment->vaddr < segment->filesz)
				inside = 1;
		}
		if (!inside)
			return 0;
	}
	return 1;
}

static kern_return_t give_ports(mach_port_t task, const struct loader_program *program)
{
	kern_return_t result = KERN_SUCCESS;
	if (MACH_PORT_VALID(program->bootstrap))
		result = task_set_special_port(task, TASK_BOOTSTRAP_PORT, program->bootstrap);
	/* The device master keeps its name: the new task's name space is empty. */
	if (result == KERN_SUCCESS && MACH_PORT_VALID(program->device_master))
		result = mach_port_insert_right(task, program->device_master, program->device_master,
		                                MACH_MSG_TYPE_COPY_SEND);
	return result;
}

static kern_return_t start_thread(mach_port_t task, uint64_t start, uint64_t stack_pointer,
                                  uint64_t start_block)
{
	mach_port_t thread = MACH_PORT_NULL;
	kern_return_t result = thread_create(task, &thread);
	if (result != KERN_SUCCESS)
		return result;
	struct i386_thread_state state;
	memset(&state, 0, sizeof(state));
	state.rip = start;
	state.ursp = stack_pointer;
	state.rdi = start_block;
	state.rfl = 0x202; /* IF, and the always-one bit */
	result = thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                          i386_THREAD_STATE_COUNT);
	if (result == KERN_SUCCESS)
		result = thread_resume(thread);
	(void)mach_port_deallocate(mach_task_self(), thread);
	return result;
}

static enum loader_error fill_task(mach_port_t task, const struct loader_program *program,
                                   const struct emul_image_header *emulator,
                                   kern_return_t *mach_result)
{
	uint64_t brk_start = 0, emulator_end = 0, stack_pointer = 0, start_block = 0;
	*mach_result = loader_map_segments(task, program->image, &brk_start);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = loader_map_segments(task, program->emulator, &emulator_end);
	if (*mach_result != KERN_SUCCESS)
		return LOADER_MACH_ERROR;
	enum loader_error error = loader_build_stack(task, program, brk_start, &stack_pointer,
	                                             &start_block, mach_result);
	if (error != LOADER_OK)
		return error;
	*mach_result = give_ports(task, program);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = task_set_emulation(task, emulator->syscall_entry, 0);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = start_thread(task, emulator->start, stack_pointer, start_block);
	return *mach_result == KERN_SUCCESS ? LOADER_OK : LOADER_MACH_ERROR;
}

enum loader_error loader_start(mach_port_t parent_task, const struct loader_program *program,
                               mach_port_t *task, kern_return_t *mach_result,
                               const char **detail)
{
	*mach_result = KERN_SUCCESS;
	*task = MACH_PORT_NULL;
	enum elf_image_error image_error =
	    elf_image_check(program->image, program->image_size, EMUL_IMAGE_BASE);
	if (image_error != ELF_IMAGE_OK) {
		*detail = elf_image_error_text(image_error);
		return LOADER_BAD_PROGRAM;
	}
	struct emul_image_header emulator;
	if (!emulator_header(program->emulator, program->emulator_size, &emulator)) {
		*detail = "the emulator image is not a Wildebeest emulator";
		return LOADER_BAD_EMULATOR;
	}
	*mach_result = task_create(parent_task, FALSE, task);
	if (*mach_result != KERN_SUCCESS) {
		*detail = "task_create failed";
		return LOADER_MACH_ERROR;
	}
	enum loader_error error = fill_task(*task, program, &emulator, mach_result);
	if (error != LOADER_OK) {
		*detail = error == LOADER_BAD_ARGUMENTS ? "arguments too large for the initial stack"
		                                        : "a Mach call failed while loading";
		(void)task_terminate(*task);
		(void)mach_port_deallocate(mach_task_self(), *task);
		*task = MACH_PORT_NULL;
	}
	return error;
}
