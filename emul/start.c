/* The emulator's start routine (entry.S's emul_start calls emul_start_main):
 * takes what the loader left in the start block, sets up libmach, the main
 * thread's block behind GS, the ports, and gives the program's entry back. */
#include <mach.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "execve.h"
#include "files.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "lib/kstring.h"

struct emul_process emul_process;

static struct emul_thread main_thread;
static char program_name[EMUL_PROGRAM_NAME_MAX];
/* Until GS points at main_thread, libmach's per-thread data is main_thread's:
 * only the first thread runs then. */
static volatile int segment_bases_ready;

struct libmach_thread_data *libmach_thread_data(void)
{
	if (__builtin_expect(!segment_bases_ready, 0))
		return &main_thread.mach;
	return &emul_thread_self()->mach;
}

int emul_set_segment_bases(struct emul_thread *thread, uint64_t fs_base)
{
	struct i386_fsgs_base_state state = {.fs_base = fs_base, .gs_base = (unsigned long)thread};
	kern_return_t result = thread_set_state(thread->thread_port, i386_FSGS_BASE_STATE,
	                                        (thread_state_t)&state, i386_FSGS_BASE_STATE_COUNT);
	if (result != KERN_SUCCESS)
		return 0;
	thread->fs_base = fs_base;
	return 1;
}

static _Noreturn void start_failed(const char *what, kern_return_t result)
{
	emul_log("cannot start: %s (error 0x%x)", what, result);
	(void)task_terminate(mach_task_self());
	for (;;)
		(void)swtch_pri(0);
}

uint64_t emul_start_main(const struct emul_start_block *block)
{
	if (block->magic != EMUL_START_MAGIC)
		start_failed("the loader's start block is missing", KERN_INVALID_ARGUMENT);
	memcpy(program_name, block->program_name, sizeof(program_name));
	program_name[sizeof(program_name) - 1] = '\0';
	emul_process.program_name = program_name;
	emul_process.pid = block->pid;
	emul_process.ppid = block->ppid;
	emul_process.device_master = block->device_master;
	for (uint32_t i = 0; i < EMUL_INIT_PORTS_MAX; i++)
		emul_process.init_ports[i] = i < block->init_port_count ? block->init_ports[i] : 0;
	emul_process.start_flags = block->flags;
	emul_memory_init(block->brk_start);
	emul_limits_init();

	if (mach_init() != KERN_SUCCESS)
		start_failed("no task port", KERN_FAILURE);
	main_thread.self = &main_thread;
	main_thread.thread_port = mach_thread_self();
	main_thread.tid = block->pid;
	if (!emul_set_segment_bases(&main_thread, 0))
		start_failed("cannot set the GS base", KERN_FAILURE);
	segment_bases_ready = 1;
	emul_signal_thread_add(&main_thread);
	kern_return_t result = task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
	                                             &emul_process.bootstrap_port);
	if (result != KERN_SUCCESS)
		emul_process.bootstrap_port = MACH_PORT_NULL;
	emul_files_init(block->init_port_count);
	emul_files_inherit(block->fds, block->fd_count);
	emul_execve_inherit(block); /* umask, signals, console fds after an execve */
	emul_process_identity_init();
	main_thread.tid = emul_process.pid; /* proc's pid when there is a proc */
	emul_signal_service_start();
	return block->program_entry;
}
