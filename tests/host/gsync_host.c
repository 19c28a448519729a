/* Host implementations of gsync_sleep.h and vm/gsync_memory.h for the gsync
 * unit test (see gsync_host.h): pthread condition variables and host memory. */
#include "gsync_host.h"
#include "kern/gsync_sleep.h"
#include "vm/gsync_memory.h"
#include <errno.h>
#include <time.h>

#define HOST_PAGE_SIZE 4096

static __thread struct thread *self_thread;
static __thread struct thread self_storage;
static unsigned sleepers;
static unsigned long wakeups;
static struct thread *last_woken;

struct thread *gsync_host_self(void)
{
	if (!self_thread) {
		pthread_mutex_init(&self_storage.lock, NULL);
		pthread_cond_init(&self_storage.wakeup, NULL);
		self_thread = &self_storage;
	}
	return self_thread;
}

struct thread *gsync_current_thread(void)
{
	return gsync_host_self();
}

uint64_t gsync_now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

unsigned gsync_host_sleepers(void)
{
	return __atomic_load_n(&sleepers, __ATOMIC_ACQUIRE);
}

static struct timespec realtime_of_deadline(uint64_t deadline_ms)
{
	uint64_t now_ms = gsync_now_ms();
	uint64_t wait_ms = deadline_ms > now_ms ? deadline_ms - now_ms : 0;
	struct timespec when;
	clock_gettime(CLOCK_REALTIME, &when);
	when.tv_sec += (time_t)(wait_ms / 1000);
	when.tv_nsec += (long)(wait_ms % 1000) * 1000000;
	if (when.tv_nsec >= 1000000000) {
		when.tv_sec++;
		when.tv_nsec -= 1000000000;
	}
	return when;
}

enum gsync_sleep_result gsync_sleep(spinlock_t *held, uint64_t deadline_ms)
{
	struct thread *self = gsync_host_self();
	pthread_mutex_lock(&self->lock);
	if (self->interrupt_pending) {
		self->interrupt_pending = false;
		pthread_mutex_unlock(&self->lock);
		spin_unlock(held);
		return GSYNC_SLEEP_INTERRUPTED;
	}
	self->asleep = true;
	__atomic_add_fetch(&sleepers, 1, __ATOMIC_ACQ_REL);
	spin_unlock(held);
	enum gsync_sleep_result result = GSYNC_SLEEP_WOKEN;
	struct timespec when = realtime_of_deadline(deadline_ms);
	while (self->asleep && !self->interrupt_pending) {
		if (deadline_ms == GSYNC_NO_DEADLINE) {
			pthread_cond_wait(&self->wakeup, &self->lock);
		} else if (pthread_cond_timedwait(&self->wakeup, &self->lock, &when) == ETIMEDOUT) {
			result = GSYNC_SLEEP_TIMED_OUT;
			break;
		}
	}
	if (self->interrupt_pending) {
		self->interrupt_pending = false;
		result = GSYNC_SLEEP_INTERRUPTED;
	}
	self->asleep = false;
	__atomic_sub_fetch(&sleepers, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_unlock(&self->lock);
	return result;
}

unsigned long gsync_host_wakeups(void)
{
	return __atomic_load_n(&wakeups, __ATOMIC_ACQUIRE);
}

struct thread *gsync_host_last_woken(void)
{
	return __atomic_load_n(&last_woken, __ATOMIC_ACQUIRE);
}

void gsync_wakeup(struct thread *thread)
{
	__atomic_store_n(&last_woken, thread, __ATOMIC_RELEASE);
	__atomic_add_fetch(&wakeups, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_lock(&thread->lock);
	thread->asleep = false;
	pthread_cond_signal(&thread->wakeup);
	pthread_mutex_unlock(&thread->lock);
}

void gsync_host_interrupt(struct thread *thread)
{
	pthread_mutex_lock(&thread->lock);
	thread->interrupt_pending = true;
	pthread_cond_signal(&thread->wakeup);
	pthread_mutex_unlock(&thread->lock);
}

/* --- memory --- */

static uint8_t *host_of(struct task *task, uint64_t address, size_t size)
{
	if (address < task->origin || address - task->origin > task->size ||
	    task->size - (address - task->origin) < size)
		return NULL;
	return task->base + (address - task->origin);
}

static bool miss_now(struct task *task)
{
	unsigned misses = __atomic_load_n(&task->nofault_misses, __ATOMIC_ACQUIRE);
	while (misses > 0) {
		if (__atomic_compare_exchange_n(&task->nofault_misses, &misses, misses - 1, false,
		                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return true;
	}
	return false;
}

bool gsync_resolve_key(struct task *task, uint64_t address, bool shared, struct gsync_key *key)
{
	uint8_t *host = host_of(task, address, 1);
	if (!host)
		return false;
	if (shared) {
		uint64_t where = (uint64_t)(uintptr_t)host;
		key->kind = GSYNC_KEY_SHARED;
		key->object = where & ~(uint64_t)(HOST_PAGE_SIZE - 1);
		key->offset = where & (HOST_PAGE_SIZE - 1);
	} else {
		key->kind = GSYNC_KEY_PRIVATE;
		key->object = (uint64_t)(uintptr_t)task;
		key->offset = address;
	}
	return true;
}

bool gsync_read_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t *value)
{
	uint8_t *host = host_of(task, address, quad ? 8 : 4);
	if (!host || (address & (quad ? 7 : 3)) != 0 || miss_now(task))
		return false;
	if (quad)
		*value = __atomic_load_n((uint64_t *)host, __ATOMIC_SEQ_CST);
	else
		*value = __atomic_load_n((uint32_t *)host, __ATOMIC_SEQ_CST);
	return true;
}

bool gsync_write_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t value)
{
	uint8_t *host = host_of(task, address, quad ? 8 : 4);
	if (!host || task->read_only || (address & (quad ? 7 : 3)) != 0 || miss_now(task))
		return false;
	if (quad)
		__atomic_store_n((uint64_t *)host, value, __ATOMIC_SEQ_CST);
	else
		__atomic_store_n((uint32_t *)host, (uint32_t)value, __ATOMIC_SEQ_CST);
	return true;
}

bool gsync_fault_in(struct task *task, uint64_t address, bool write)
{
	__atomic_add_fetch(&task->fault_ins, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&task->fault_in_fails, __ATOMIC_ACQUIRE))
		return false;
	return host_of(task, address, 1) && !(write && task->read_only);
}
