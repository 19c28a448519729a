/* Tasks (see task.h). Lifetime: a task holds one reference until it ends, a
 * waitable task's parent one until it has waited for it (or ended), ports and
 * kernel routines theirs; the last one frees it. Its memory goes at its end. */
#include "kern/task.h"
#include "kern/thread.h"
#include "kern/zone.h"
#include "kern/cpu.h"
#include "vm/vm_map.h"
#include "arch/x86_64/layout.h"
#include "dev/console.h"
#include "arch/x86_64/machine.h"
#include "lib/kstring.h"

#define TASK_LIMIT 1024

static struct zone task_zone;
static spinlock_t task_tree_lock = SPINLOCK_INIT;
static uint64_t next_task_id = 1;

static void task_end(struct task *task);

void task_system_init(void)
{
	zone_init(&task_zone, "task", sizeof(struct task), TASK_LIMIT);
}

struct task *task_create_child(struct task *parent, const char *name, bool waitable)
{
	struct task *task = zone_alloc(&task_zone);
	if (!task)
		return NULL;
	if (!pmap_create(&task->space)) {
		zone_free(&task_zone, task);
		return NULL;
	}
	task->map = vm_map_create(&task->space, USER_SPACE_END);
	if (!task->map) {
		pmap_destroy(&task->space);
		zone_free(&task_zone, task);
		return NULL;
	}
	task->id = __atomic_fetch_add(&next_task_id, 1, __ATOMIC_RELAXED);
	size_t length = strnlen(name, sizeof(task->name) - 1);
	memcpy(task->name, name, length);
	task->name[length] = '\0';
	task->lock = (spinlock_t)SPINLOCK_INIT;
	task->ended_waiters = (struct wait_queue)WAIT_QUEUE_INIT;
	io_grants_init(&task->io_grants);
	waitable = waitable && parent;
	task->references = waitable ? 2 : 1;
	task->is_bootstrap = parent == NULL;
	if (task_create_hook && !task_create_hook(task, parent)) {
		vm_map_destroy(task->map);
		pmap_destroy(&task->space);
		zone_free(&task_zone, task);
		return NULL;
	}
	if (waitable) {
		irq_state_t state = spin_lock_irqsave(&task_tree_lock);
		task->parent = parent;
		task->sibling = parent->children;
		parent->children = task;
		spin_unlock_irqrestore(&task_tree_lock, state);
	}
	return task;
}

bool (*task_create_hook)(struct task *task, struct task *parent);
void (*task_end_hook)(struct task *task);

void task_reference(struct task *task)
{
	__atomic_add_fetch(&task->references, 1, __ATOMIC_ACQ_REL);
}

void task_release(struct task *task)
{
	if (__atomic_sub_fetch(&task->references, 1, __ATOMIC_ACQ_REL) == 0)
		zone_free(&task_zone, task);
}

void task_terminate_with_status(struct task *task, int status)
{
	irq_state_t state = spin_lock_irqsave(&task->lock);
	if (!task->terminating) {
		task->terminating = true;
		task->exit_status = status;
	}
	/* Under the task lock no thread of the list can be reaped (reaping takes it). */
	for (struct thread *t = task->threads; t; t = t->task_next) {
		if (t != current_thread())
			thread_request_termination(t);
		else
			t->terminate_requested = true;
	}
	/* A task without threads (made by task_create) ends here and now. */
	bool end_now = task->thread_count == 0 && !task->end_started;
	if (end_now)
		task->end_started = true;
	spin_unlock_irqrestore(&task->lock, state);
	if (end_now)
		task_end(task);
}

static void task_end(struct task *task)
{
	if (task_end_hook)
		task_end_hook(task);
	vm_map_destroy(task->map);
	task->map = NULL;
	pmap_destroy(&task->space);
	if (task->is_bootstrap) {
		kprintf("bootstrap: task %lu (%s) ended with status %d; powering off\n",
			(unsigned long)task->id, task->name, task->exit_status);
		machine_power_off(task->exit_status == 0 ? MACHINE_VERDICT_PASS : MACHINE_VERDICT_FAIL);
	}
	/* Orphan the children: their parent reference is dropped. */
	irq_state_t state = spin_lock_irqsave(&task_tree_lock);
	struct task *child = task->children;
	task->children = NULL;
	for (struct task *c = child; c; c = c->sibling)
		c->parent = NULL;
	spin_unlock_irqrestore(&task_tree_lock, state);
	while (child) {
		struct task *next = child->sibling;
		task_release(child);
		child = next;
	}
	state = spin_lock_irqsave(&task->ended_waiters.lock);
	task->ended = true;
	spin_unlock_irqrestore(&task->ended_waiters.lock, state);
	wait_queue_wake_all(&task->ended_waiters);
	task_release(task);
}

void task_thread_gone(struct task *task)
{
	irq_state_t state = spin_lock_irqsave(&task->lock);
	bool last = --task->thread_count == 0 && !task->end_started;
	if (last) {
		task->terminating = true;
		task->end_started = true;
	}
	spin_unlock_irqrestore(&task->lock, state);
	if (last)
		task_end(task);
}

bool task_wait_child(struct task *parent, uint64_t child_id, int *status, bool *interrupted)
{
	*interrupted = false;
	irq_state_t state = spin_lock_irqsave(&task_tree_lock);
	struct task *child = parent->children;
	while (child && child->id != child_id)
		child = child->sibling;
	if (child)
		__atomic_add_fetch(&child->references, 1, __ATOMIC_ACQ_REL);
	spin_unlock_irqrestore(&task_tree_lock, state);
	if (!child)
		return false;

	state = spin_lock_irqsave(&child->ended_waiters.lock);
	while (!child->ended) {
		if (wait_queue_sleep_locked(&child->ended_waiters) == WAIT_INTERRUPTED) {
			irq_restore(state);
			task_release(child);
			*interrupted = true;
			return true;
		}
		spin_lock(&child->ended_waiters.lock);
	}
	spin_unlock_irqrestore(&child->ended_waiters.lock, state);
	*status = child->exit_status;

	/* Unlink and drop the parent's reference, unless another thread already did. */
	bool unlinked = false;
	state = spin_lock_irqsave(&task_tree_lock);
	for (struct task **link = &parent->children; *link; link = &(*link)->sibling) {
		if (*link == child) {
			*link = child->sibling;
			child->parent = NULL;
			unlinked = true;
			break;
		}
	}
	spin_unlock_irqrestore(&task_tree_lock, state);
	if (unlinked)
		task_release(child);
	task_release(child);
	return unlinked;
}

void task_discard(struct task *task)
{
	irq_state_t state = spin_lock_irqsave(&task_tree_lock);
	if (task->parent) {
		for (struct task **link = &task->parent->children; *link; link = &(*link)->sibling) {
			if (*link == task) {
				*link = task->sibling;
				break;
			}
		}
	}
	spin_unlock_irqrestore(&task_tree_lock, state);
	if (task_end_hook)
		task_end_hook(task);
	vm_map_destroy(task->map);
	task->map = NULL;
	pmap_destroy(&task->space);
	zone_free(&task_zone, task);
}
