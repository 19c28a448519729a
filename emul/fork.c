/* fork, vfork and clone of a process, the parent's half: a new task with a
 * copy-on-write copy of this one's memory (task_create inheriting memory; the
 * kernel copies the emulation vector), this task's send rights under the same
 * names (fork_ports.c), the child made proc's child of this process before it
 * runs, its own proc port under the name of ours, and one thread that starts
 * in the emulator (fork_child.c) to resume the program where the parent's
 * syscall returns, with rax 0. The parent gets the child's pid. */
#include <mach.h>
#include <mach/thread_status.h>
#include "emul.h"
#include "files.h"
#include "fork.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "syscalls.h"
#include "timed_proc.h"
#include "lib/kstring.h"

#define PROC_TIMEOUT_MS       5000
#define FORK_STACK_BYTES      (16u << 10)
#define FORK_EXIT_SIGNAL_NONE 0

/* What a process clone may ask for besides the exit signal. CLONE_VM comes
 * only with CLONE_VFORK (posix_spawn): the child is a copy all the same. */
#define FORK_FLAGS_ALLOWED                                                                         \
	(LINUX_CSIGNAL | LINUX_CLONE_VM | LINUX_CLONE_VFORK | LINUX_CLONE_PARENT_SETTID |          \
	 LINUX_CLONE_CHILD_SETTID | LINUX_CLONE_CHILD_CLEARTID | LINUX_CLONE_SETTLS |              \
	 LINUX_CLONE_DETACHED)

static emul_lock_t fork_lock; /* one fork at a time: fork_start and fork_stack */
/* Read by the child in its copy of this memory, never by the parent after. */
static struct emul_fork_start fork_start;
static uint8_t fork_stack[FORK_STACK_BYTES] __attribute__((aligned(16)));
static volatile int is_forked_child;

bool emul_fork_is_child(void)
{
	return is_forked_child != 0;
}

void emul_fork_child_begin(void)
{
	is_forked_child = 1;
	emul_unlock(&fork_lock);       /* held by the parent when the memory was copied */
	emul_unlock(&emul_files.lock); /* likewise */
}

static long refuse(const char *why, uint64_t flags, long error)
{
	emul_log("clone of a process with flags 0x%lx: %s", (unsigned long)flags, why);
	return error;
}

static long check_request(const struct emul_fork_request *request)
{
	uint64_t flags = request->flags;
	uint64_t exit_signal = flags & LINUX_CSIGNAL;
	if ((flags & ~FORK_FLAGS_ALLOWED) != 0)
		return refuse("flags beyond a new process's", flags, -LINUX_EINVAL);
	if ((flags & LINUX_CLONE_VM) && !(flags & LINUX_CLONE_VFORK))
		return refuse("shared memory between processes is not implemented", flags,
		              -LINUX_ENOSYS);
	if (exit_signal != FORK_EXIT_SIGNAL_NONE && exit_signal != LINUX_SIGCHLD)
		return refuse("an exit signal other than SIGCHLD", flags, -LINUX_EINVAL);
	return 0;
}

/* The child's registers: the parent's at its syscall, rax 0, maybe a new stack. */
static void fill_start(const struct emul_frame *frame, const struct emul_fork_request *request)
{
	memset(&fork_start, 0, sizeof(fork_start));
	struct linux_sigcontext *registers = &fork_start.context.registers;
	registers->r8 = frame->r8, registers->r9 = frame->r9, registers->r10 = frame->r10;
	registers->r11 = frame->r11, registers->r12 = frame->r12, registers->r13 = frame->r13;
	registers->r14 = frame->r14, registers->r15 = frame->r15, registers->rdi = frame->rdi;
	registers->rsi = frame->rsi, registers->rbp = frame->rbp, registers->rbx = frame->rbx;
	registers->rdx = frame->rdx, registers->rcx = frame->rcx;
	registers->rax = 0;
	registers->rsp = request->stack_pointer ? request->stack_pointer : frame->rsp;
	registers->rip = frame->rcx;
	registers->rflags = frame->r11;
	emul_signal_save_fpu(fork_start.context.fxsave); /* the program's: the emulator uses none */
	fork_start.flags = request->flags;
	fork_start.child_tid = request->child_tid;
	fork_start.fs_base =
	    (request->flags & LINUX_CLONE_SETTLS) ? request->tls : emul_thread_self()->fs_base;
}

/* The child's first thread, made but not started: the emulator's child start
 * on the fork stack, GS on the forking thread's block (in the child's copy). */
static kern_return_t make_first_thread(mach_port_t child, const struct emul_thread *self,
                                       uint64_t fs_base, mach_port_t *thread)
{
	kern_return_t result = thread_create(child, thread);
	if (result != KERN_SUCCESS)
		return result;
	struct i386_thread_state state;
	memset(&state, 0, sizeof(state));
	state.rip = (uint64_t)emul_fork_child_main;
	state.rdi = (uint64_t)&fork_start;
	state.rsp = state.ursp =
	    (uint64_t)(fork_stack + FORK_STACK_BYTES - 8); /* as after a call */
	state.rfl = 0x202;
	struct i386_fsgs_base_state bases = {.fs_base = fs_base, .gs_base = (unsigned long)self};
	result = thread_set_state(*thread, i386_THREAD_STATE, (thread_state_t)&state,
	                          i386_THREAD_STATE_COUNT);
	if (result == KERN_SUCCESS)
		result = thread_set_state(*thread, i386_FSGS_BASE_STATE, (thread_state_t)&bases,
		                          i386_FSGS_BASE_STATE_COUNT);
	return result;
}

/* The child's proc port under the name of ours, so that its copy of the
 * emulator's tables is right. */
static kern_return_t give_proc_port(mach_port_t proc, mach_port_t child)
{
	mach_port_t child_proc = MACH_PORT_NULL;
	kern_return_t result = timed_proc_task2proc(proc, PROC_TIMEOUT_MS, child, &child_proc);
	if (result != KERN_SUCCESS)
		return result;
	mach_port_urefs_t references = 1;
	if (mach_port_get_refs(mach_task_self(), proc, MACH_PORT_RIGHT_SEND, &references) !=
	        KERN_SUCCESS ||
	    references == 0)
		references = 1;
	result = emul_fork_give_right(child, proc, child_proc, references);
	(void)mach_port_deallocate(mach_task_self(), child_proc);
	return result;
}

/* A child proc knows of that will not run: gone, and its zombie reaped so
 * that no wait of ours sees it. */
static void discard_registered(mach_port_t proc, mach_port_t child, hurd_pid_t pid)
{
	(void)task_terminate(child);
	int status = 0, sigcode = 0;
	hurd_pid_t waited = 0;
	rusage_t usage;
	(void)timed_proc_wait(proc, PROC_TIMEOUT_MS, pid, 0, &status, &sigcode, &usage, &waited);
}

static long error_of(kern_return_t result)
{
	if (result == KERN_RESOURCE_SHORTAGE || result == KERN_NO_SPACE)
		return -LINUX_ENOMEM;
	return -LINUX_EAGAIN;
}

static long fork_locked(struct emul_frame *frame, const struct emul_fork_request *request,
                        mach_port_t proc)
{
	mach_port_t self_task = mach_task_self();
	struct emul_thread *self = emul_thread_self();
	fill_start(frame, request);
	mach_port_t child = MACH_PORT_NULL, thread = MACH_PORT_NULL;
	/* The descriptor table must not change under the copy of memory and rights. */
	emul_lock(&emul_files.lock);
	kern_return_t result = task_create(self_task, TRUE, &child);
	if (result == KERN_SUCCESS) {
		mach_port_t skip[] = {self_task, proc, child};
		result = emul_fork_copy_rights(child, skip, 3);
		if (result == KERN_SUCCESS) /* the child's own task port where it keeps its own */
			result = emul_fork_give_right(child, self_task, child, 1);
	}
	emul_unlock(&emul_files.lock);
	if (result != KERN_SUCCESS) {
		emul_log("fork: cannot make the child task (0x%x)", result);
		if (MACH_PORT_VALID(child)) {
			(void)task_terminate(child);
			(void)mach_port_deallocate(self_task, child);
		}
		return error_of(result);
	}
	result = make_first_thread(child, self, fork_start.fs_base, &thread);
	if (result != KERN_SUCCESS) {
		emul_log("fork: cannot make the child's thread (0x%x)", result);
		(void)task_terminate(child);
		if (MACH_PORT_VALID(thread))
			(void)mach_port_deallocate(self_task, thread);
		(void)mach_port_deallocate(self_task, child);
		return error_of(result);
	}
	hurd_pid_t pid = 0;
	result = timed_proc_child(proc, PROC_TIMEOUT_MS, child, &pid);
	if (result != KERN_SUCCESS || pid <= 0) {
		emul_log("fork: proc does not take the child (0x%x)", result);
		(void)task_terminate(child);
		(void)mach_port_deallocate(self_task, thread);
		(void)mach_port_deallocate(self_task, child);
		return -LINUX_EAGAIN;
	}
	result = give_proc_port(proc, child);
	if (result == KERN_SUCCESS)
		result = thread_resume(thread);
	if (result != KERN_SUCCESS) {
		emul_log("fork: cannot start the child (0x%x)", result);
		discard_registered(proc, child, pid);
		(void)mach_port_deallocate(self_task, thread);
		(void)mach_port_deallocate(self_task, child);
		return -LINUX_EAGAIN;
	}
	(void)mach_port_deallocate(self_task, thread);
	(void)mach_port_deallocate(self_task, child);
	if (request->flags & LINUX_CLONE_PARENT_SETTID) {
		int32_t tid = pid;
		(void)emul_copy_to_user(request->parent_tid, &tid, sizeof(tid));
	}
	return pid;
}

long emul_fork_process(struct emul_frame *frame, const struct emul_fork_request *request)
{
	long checked = check_request(request);
	if (checked < 0)
		return checked;
	if ((request->flags & LINUX_CLONE_PARENT_SETTID) &&
	    !emul_user_range_ok(request->parent_tid, sizeof(int32_t), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return refuse("no proc server: a new process would have no pid", request->flags,
		              -LINUX_ENOSYS);
	emul_lock(&fork_lock);
	long result = fork_locked(frame, request, proc);
	emul_unlock(&fork_lock);
	return result;
}

long emul_sys_fork(struct emul_frame *frame)
{
	struct emul_fork_request request = {.flags = LINUX_SIGCHLD};
	return emul_fork_process(frame, &request);
}

/* vfork is fork: the parent goes on at once and the child has a copy of the
 * memory (docs/ARCHITECTURE.md, "Processes: fork and wait in the emulator"). */
long emul_sys_vfork(struct emul_frame *frame)
{
	struct emul_fork_request request = {.flags = LINUX_CLONE_VFORK | LINUX_SIGCHLD};
	return emul_fork_process(frame, &request);
}
