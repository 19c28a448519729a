/* loader_start (loader.h): validates both images, then task_create, the
 * program's and the emulator's segments, the stack, the bootstrap and device
 * ports, the emulation vector, and a thread that begins in the emulator's
 * start routine; loader_load_into does the same in a task the caller made. */
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>
#include <wildebeest/emul_image.h>
#include "loader.h"
#include "loader_image.h"
#include "lib/kstring.h"

static kern_return_t give_ports(mach_port_t task, const struct loader_program *program)
{
	kern_return_t result = KERN_SUCCESS;
	mach_port_t bootstrap = program->bootstrap;
	if (program->init_ports && program->init_port_count > LOADER_INIT_PORT_BOOTSTRAP &&
	    MACH_PORT_VALID(program->init_ports[LOADER_INIT_PORT_BOOTSTRAP]))
		bootstrap = program->init_ports[LOADER_INIT_PORT_BOOTSTRAP];
	if (MACH_PORT_VALID(bootstrap))
		result = task_set_special_port(task, TASK_BOOTSTRAP_PORT, bootstrap);
	/* The device master keeps its name: the new task's name space is empty. */
	if (result == KERN_SUCCESS && MACH_PORT_VALID(program->device_master))
		result = mach_port_insert_right(task, program->device_master,
		                                program->device_master, MACH_MSG_TYPE_COPY_SEND);
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
	uint32_t init_port_names[LOADER_INIT_PORTS_MAX], fd_names[LOADER_FDS_MAX];
	*mach_result = loader_map_segments(task, program->image, &brk_start);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = loader_map_segments(task, program->emulator, &emulator_end);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = loader_give_init_ports(task, program, init_port_names);
	if (*mach_result == KERN_SUCCESS)
		*mach_result = loader_give_fds(task, program, fd_names);
	if (*mach_result != KERN_SUCCESS)
		return LOADER_MACH_ERROR;
	enum loader_error error =
	    loader_build_stack(task, program, brk_start, init_port_names, fd_names, &stack_pointer,
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

/* Both images' checks: a reason, or NULL with *emulator filled in. */
static enum loader_error check_images(const struct loader_program *program,
                                      struct emul_image_header *emulator, const char **detail)
{
	*detail = loader_check_program(program->image, program->image_size);
	if (*detail)
		return LOADER_BAD_PROGRAM;
	*detail = loader_check_emulator(program->emulator, program->emulator_size, emulator);
	if (*detail)
		return LOADER_BAD_EMULATOR;
	if (program->init_port_count > LOADER_INIT_PORTS_MAX) {
		*detail = "too many init ports";
		return LOADER_BAD_ARGUMENTS;
	}
	if (program->fd_count > LOADER_FDS_MAX) {
		*detail = "too many descriptors";
		return LOADER_BAD_ARGUMENTS;
	}
	return LOADER_OK;
}

static const char *failure_text(enum loader_error error)
{
	return error == LOADER_BAD_ARGUMENTS ? "arguments too large for the initial stack"
	                                     : "a Mach call failed while loading";
}

enum loader_error loader_load_into(mach_port_t task, const struct loader_program *program,
                                   kern_return_t *mach_result, const char **detail)
{
	*mach_result = KERN_SUCCESS;
	struct emul_image_header emulator;
	enum loader_error error = check_images(program, &emulator, detail);
	if (error != LOADER_OK)
		return error;
	error = fill_task(task, program, &emulator, mach_result);
	if (error != LOADER_OK)
		*detail = failure_text(error);
	return error;
}

enum loader_error loader_start(mach_port_t parent_task, const struct loader_program *program,
                               mach_port_t *task, kern_return_t *mach_result, const char **detail)
{
	*mach_result = KERN_SUCCESS;
	*task = MACH_PORT_NULL;
	struct emul_image_header emulator;
	enum loader_error error = check_images(program, &emulator, detail);
	if (error != LOADER_OK)
		return error;
	*mach_result = task_create(parent_task, FALSE, task);
	if (*mach_result != KERN_SUCCESS) {
		*detail = "task_create failed";
		return LOADER_MACH_ERROR;
	}
	error = fill_task(*task, program, &emulator, mach_result);
	if (error != LOADER_OK) {
		*detail = failure_text(error);
		(void)task_terminate(*task);
		(void)mach_port_deallocate(mach_task_self(), *task);
		*task = MACH_PORT_NULL;
	}
	return error;
}
