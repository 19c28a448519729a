/* The emulator's record of the process's threads (threads.h): the next thread
 * id, the live count, and the list of ended threads whose blocks are freed
 * once the kernel has their thread port dead (the thread can no longer run). */
#include <mach.h>
#include "emul.h"
#include "fork.h"
#include "threads.h"

static int32_t tids_given;        /* beyond the process id */
static uint32_t live_threads = 1; /* the main thread */
static emul_lock_t ended_lock;
static struct emul_thread *ended; /* under ended_lock */

int32_t emul_thread_new_tid(void)
{
	return emul_process.pid + __atomic_add_fetch(&tids_given, 1, __ATOMIC_RELAXED);
}

void emul_threads_add(void)
{
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
}

bool emul_threads_remove(void)
{
	return __atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0;
}

void emul_threads_mark_ended(struct emul_thread *thread)
{
	emul_lock(&ended_lock);
	thread->next_ended = ended;
	ended = thread;
	emul_unlock(&ended_lock);
}

struct emul_thread *emul_threads_forked(void)
{
	emul_unlock(&ended_lock); /* see emul_signal_threads_forked */
	struct emul_thread *blocks = ended;
	ended = NULL;
	tids_given = 0;
	live_threads = 1;
	return blocks;
}

static bool thread_gone(mach_port_t thread_port)
{
	mach_port_type_t type = 0;
	kern_return_t result = mach_port_type(mach_task_self(), thread_port, &type);
	return result != KERN_SUCCESS || (type & MACH_PORT_TYPE_DEAD_NAME);
}

static void free_block(struct emul_thread *thread)
{
	mach_port_t self = mach_task_self();
	(void)mach_port_deallocate(self, thread->thread_port);
	if (MACH_PORT_VALID(thread->mach.reply_port))
		(void)mach_port_destroy(self, thread->mach.reply_port);
	if (thread->stack_base) /* the main thread's block is static */
		(void)vm_deallocate(self, (vm_address_t)thread->stack_base, thread->stack_size);
}

void emul_threads_reap_ended(void)
{
	struct emul_thread *gone = NULL;
	emul_lock(&ended_lock);
	for (struct emul_thread **link = &ended; *link;) {
		struct emul_thread *thread = *link;
		if (thread_gone(thread->thread_port)) {
			*link = thread->next_ended;
			thread->next_ended = gone;
			gone = thread;
		} else {
			link = &thread->next_ended;
		}
	}
	emul_unlock(&ended_lock);
	while (gone) {
		struct emul_thread *next = gone->next_ended;
		free_block(gone);
		gone = next;
	}
}
