/* clone and clone3 for threads: a new Mach thread in this task whose registers
 * are the caller's at its syscall (it resumes after it with rax 0, on the new
 * stack, every other register the parent's: glibc's wrappers rely on that),
 * with the TLS given (CLONE_SETTLS) or the parent's FS base, and its own
 * emulator block behind GS. Without CLONE_THREAD, and without CLONE_VM or with
 * CLONE_VFORK, it is a new process: fork.c. Other combinations are -ENOSYS,
 * logged. */
#include <mach.h>
#include <mach/thread_status.h>
#include "emul.h"
#include "fork.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "syscalls.h"
#include "signal_internal.h"
#include "threads.h"
#include "lib/kstring.h"

/* What a thread clone needs, and what it may ask for besides. */
#define THREAD_FLAGS_NEEDED (LINUX_CLONE_VM | LINUX_CLONE_SIGHAND | LINUX_CLONE_THREAD)
#define THREAD_FLAGS_ALLOWED                                                                       \
	(THREAD_FLAGS_NEEDED | LINUX_CLONE_FS | LINUX_CLONE_FILES | LINUX_CLONE_SYSVSEM |          \
	 LINUX_CLONE_SETTLS | LINUX_CLONE_PARENT_SETTID | LINUX_CLONE_CHILD_CLEARTID |             \
	 LINUX_CLONE_CHILD_SETTID | LINUX_CLONE_DETACHED)

struct thread_request {
	uint64_t flags, stack_pointer, parent_tid, child_tid, tls;
};

static long refuse(const char *why, uint64_t flags, long error)
{
	emul_log("clone with flags 0x%lx: %s", (unsigned long)flags, why);
	return error;
}

static struct emul_thread *new_block(const struct emul_thread *parent,
                                     const struct thread_request *request)
{
	vm_address_t address = 0;
	if (vm_allocate(mach_task_self(), &address, EMUL_THREAD_BLOCK_BYTES, TRUE) != KERN_SUCCESS)
		return NULL;
	struct emul_thread *block = (struct emul_thread *)address; /* zero-filled */
	block->self = block;
	block->tid = emul_thread_new_tid();
	block->stack_base = block;
	block->stack_size = EMUL_THREAD_BLOCK_BYTES;
	block->signal_mask = parent->signal_mask;
	block->fs_base = (request->flags & LINUX_CLONE_SETTLS) ? request->tls : parent->fs_base;
	if (request->flags & LINUX_CLONE_CHILD_CLEARTID)
		block->clear_child_tid = (int32_t *)request->child_tid;
	return block;
}

/* The child's registers: the parent's at its syscall, but rax 0 and the new stack. */
static void child_state(const struct emul_frame *frame, uint64_t stack_pointer,
                        struct i386_thread_state *state)
{
	memset(state, 0, sizeof(*state));
	state->rdi = frame->rdi, state->rsi = frame->rsi, state->rdx = frame->rdx;
	state->r10 = frame->r10, state->r8 = frame->r8, state->r9 = frame->r9;
	state->rbx = frame->rbx, state->rbp = frame->rbp, state->r12 = frame->r12;
	state->r13 = frame->r13, state->r14 = frame->r14, state->r15 = frame->r15;
	state->rcx = frame->rcx,
	state->r11 = frame->r11; /* as the syscall instruction leaves them */
	state->rax = 0;
	state->rip = frame->rcx;
	state->rfl = frame->r11;
	state->rsp = state->ursp = stack_pointer;
}

static long start_thread(struct emul_frame *frame, const struct thread_request *request)
{
	uint64_t flags = request->flags;
	if ((flags & THREAD_FLAGS_NEEDED) != THREAD_FLAGS_NEEDED)
		return refuse("only threads (CLONE_VM|CLONE_SIGHAND|CLONE_THREAD) are implemented",
		              flags, -LINUX_ENOSYS);
	if ((flags & ~THREAD_FLAGS_ALLOWED) != 0)
		return refuse("flags beyond a thread's", flags, -LINUX_EINVAL);
	if (request->stack_pointer == 0)
		return -LINUX_EINVAL; /* a thread sharing the caller's stack could not return */
	emul_threads_reap_ended();
	struct emul_thread *parent = emul_thread_self();
	struct emul_thread *block = new_block(parent, request);
	if (!block)
		return -LINUX_EAGAIN;
	long result = 0;
	int32_t tid = block->tid;
	if (flags & LINUX_CLONE_PARENT_SETTID)
		result = emul_copy_to_user(request->parent_tid, &tid, sizeof(tid));
	if (result == 0 && (flags & LINUX_CLONE_CHILD_SETTID))
		result = emul_copy_to_user(request->child_tid, &tid, sizeof(tid));
	if (result < 0) {
		(void)vm_deallocate(mach_task_self(), (vm_address_t)block, EMUL_THREAD_BLOCK_BYTES);
		return result;
	}
	mach_port_t child = MACH_PORT_NULL;
	struct i386_thread_state state;
	child_state(frame, request->stack_pointer, &state);
	struct i386_fsgs_base_state bases = {.fs_base = block->fs_base,
	                                     .gs_base = (unsigned long)block};
	kern_return_t created = thread_create(mach_task_self(), &child);
	kern_return_t set = KERN_FAILURE;
	if (created == KERN_SUCCESS) {
		block->thread_port = child;
		set = thread_set_state(child, i386_THREAD_STATE, (thread_state_t)&state,
		                       i386_THREAD_STATE_COUNT);
		if (set == KERN_SUCCESS)
			set = thread_set_state(child, i386_FSGS_BASE_STATE, (thread_state_t)&bases,
			                       i386_FSGS_BASE_STATE_COUNT);
		if (set == KERN_SUCCESS) {
			emul_threads_add();
			emul_signal_thread_add(block);
			set = thread_resume(child);
			if (set != KERN_SUCCESS) {
				emul_signal_thread_remove(block);
				(void)emul_threads_remove();
			}
		}
	}
	if (created != KERN_SUCCESS || set != KERN_SUCCESS) {
		emul_log("clone: cannot start a thread (0x%x, 0x%x)", created, set);
		if (created == KERN_SUCCESS) {
			(void)thread_terminate(child);
			(void)mach_port_deallocate(mach_task_self(), child);
		}
		(void)vm_deallocate(mach_task_self(), (vm_address_t)block, EMUL_THREAD_BLOCK_BYTES);
		return -LINUX_EAGAIN;
	}
	return tid;
}

/* A new process rather than a thread: fork, or posix_spawn's CLONE_VM|CLONE_VFORK. */
static bool is_process_clone(uint64_t flags)
{
	return !(flags & LINUX_CLONE_THREAD) &&
	       (!(flags & LINUX_CLONE_VM) || (flags & LINUX_CLONE_VFORK));
}

long emul_sys_clone(struct emul_frame *frame)
{
	/* Linux x86_64's order: flags, stack, parent_tid, child_tid, tls. */
	struct thread_request request = {frame->rdi, frame->rsi, frame->rdx, frame->r10, frame->r8};
	if (is_process_clone(request.flags)) {
		struct emul_fork_request process = {request.flags, request.stack_pointer,
		                                    request.parent_tid, request.child_tid,
		                                    request.tls};
		return emul_fork_process(frame, &process);
	}
	if (request.flags & LINUX_CSIGNAL)
		return refuse("an exit signal for a thread", request.flags, -LINUX_EINVAL);
	return start_thread(frame, &request);
}

long emul_sys_clone3(struct emul_frame *frame)
{
	struct linux_clone_args arguments;
	uint64_t size = frame->rsi;
	if (size < LINUX_CLONE_ARGS_SIZE_VER0)
		return -LINUX_EINVAL;
	if (size > 4096)
		return -LINUX_E2BIG;
	memset(&arguments, 0, sizeof(arguments));
	uint64_t known = size < sizeof(arguments) ? size : sizeof(arguments);
	long result = emul_copy_from_user(&arguments, frame->rdi, known);
	if (result < 0)
		return result;
	for (uint64_t offset = known; offset < size; offset++) { /* newer fields must be 0 */
		uint8_t byte;
		result = emul_copy_from_user(&byte, frame->rdi + offset, 1);
		if (result < 0)
			return result;
		if (byte)
			return -LINUX_E2BIG;
	}
	if (is_process_clone(arguments.flags) && !arguments.set_tid && !arguments.set_tid_size &&
	    !(arguments.flags & LINUX_CSIGNAL) && arguments.exit_signal <= LINUX_CSIGNAL &&
	    !(arguments.stack && !arguments.stack_size)) {
		struct emul_fork_request process = {
		    arguments.flags | arguments.exit_signal,
		    arguments.stack ? arguments.stack + arguments.stack_size : 0,
		    arguments.parent_tid, arguments.child_tid, arguments.tls};
		return emul_fork_process(frame, &process);
	}
	if (arguments.exit_signal || arguments.set_tid || arguments.set_tid_size ||
	    (arguments.flags & LINUX_CSIGNAL) || (arguments.stack && !arguments.stack_size))
		return refuse("clone3 arguments beyond a thread's", arguments.flags, -LINUX_EINVAL);
	struct thread_request request = {arguments.flags, arguments.stack + arguments.stack_size,
	                                 arguments.parent_tid, arguments.child_tid, arguments.tls};
	return start_thread(frame, &request);
}
