/* The Linux initial stack in the new task: its 8 MiB mapped below
 * LINUX_STACK_TOP, the layout (loader_stack_layout.c) built in a local buffer
 * and written to its top pages. */
#include <wildebeest/emul_image.h>
#include "loader.h"
#include "loader_stack_layout.h"

#define PAGE 4096ull

enum loader_error loader_build_stack(mach_port_t task, const struct loader_program *program,
                                     uint64_t brk_start, const uint32_t *init_port_names,
                                     const uint32_t *fd_names, uint64_t *stack_pointer,
                                     uint64_t *start_block, kern_return_t *mach_result)
{
	/* Checked first: the layout's pointer array holds LOADER_MAX_WORDS + 2 entries. */
	if (loader_count_words(program->argv) + loader_count_words(program->envp) >=
	    LOADER_MAX_WORDS)
		return LOADER_BAD_ARGUMENTS;
	vm_address_t stack = LINUX_STACK_TOP - LINUX_STACK_SIZE;
	*mach_result = vm_allocate(task, &stack, LINUX_STACK_SIZE, FALSE);
	if (*mach_result != KERN_SUCCESS)
		return LOADER_MACH_ERROR;
	/* The stack image, then the argv and envp pointers while they are laid out. */
	vm_address_t buffer = 0;
	uint64_t size = LOADER_ARGUMENTS_LIMIT + PAGE,
	         pointers_size = (LOADER_MAX_WORDS + 2) * sizeof(uint64_t);
	*mach_result = vm_allocate(mach_task_self(), &buffer, size + pointers_size, TRUE);
	if (*mach_result != KERN_SUCCESS)
		return LOADER_MACH_ERROR;
	struct stack_builder builder = {(char *)buffer, size, LINUX_STACK_TOP, LINUX_STACK_TOP, 0};
	struct loader_stack_input input = {
	    .image = program->image,
	    .argv = program->argv,
	    .envp = program->envp,
	    .execfn = program->execfn,
	    .pid = program->pid,
	    .ppid = program->ppid,
	    .device_master = program->device_master,
	    .brk_start = brk_start,
	    .init_ports = init_port_names,
	    .init_port_count = program->init_port_count,
	    .start_flags = program->start_flags,
	    .fds = program->fds ? fd_names : NULL,
	    .fd_count = program->fd_count,
	    .ints = program->ints,
	    .int_count = program->int_count,
	};
	loader_lay_out_stack(&builder, &input, (uint64_t *)(buffer + size), stack_pointer,
	                     start_block);
	enum loader_error error = LOADER_OK;
	if (builder.overflow) {
		error = LOADER_BAD_ARGUMENTS;
	} else {
		uint64_t first_page = builder.cursor & ~(PAGE - 1);
		*mach_result =
		    vm_write(task, first_page, buffer + (first_page - (LINUX_STACK_TOP - size)),
		             LINUX_STACK_TOP - first_page);
		if (*mach_result != KERN_SUCCESS)
			error = LOADER_MACH_ERROR;
	}
	(void)vm_deallocate(mach_task_self(), buffer, size + pointers_size);
	return error;
}
