/* gsync (gsync.h): waiters hashed by key into buckets, each a spinlock and a
 * FIFO of waiters that live on their sleeping threads' stacks. The word is
 * compared under its bucket's lock, which every wake and requeue also takes,
 * so a wake that follows a change of the word cannot pass a waiter by.
 * Portable: the thread system through gsync_sleep.h, memory through
 * vm/gsync_memory.h (the host unit tests provide both). */
#include "kern/gsync.h"
#include "kern/gsync_sleep.h"
#include "kern/irq_state.h"
#include "kern/spinlock.h"
#include "vm/gsync_memory.h"
#include <wildebeest/gsync.h>
#include <stddef.h>

#define GSYNC_BUCKETS 256 /* a power of two */
/* Faulting the word in and trying again under the lock: a page that keeps
 * being taken away in between makes the call fail rather than loop. */
#define GSYNC_ACCESS_TRIES 4

struct gsync_bucket;

struct gsync_waiter {
	struct gsync_waiter *next, *prev; /* in its bucket, under the bucket's lock */
	struct gsync_key key;             /* changed by requeue, under the bucket lock(s) */
	struct gsync_bucket *bucket;      /* changed by requeue holding old and new locks */
	struct thread *thread;
	bool woken; /* set, and the waiter unlinked, by a wake under the bucket lock */
};

struct gsync_bucket {
	spinlock_t lock;
	struct gsync_waiter *first, *last;
} __attribute__((aligned(64)));

/* All-zero: unlocked and empty, so no initialization is needed. */
static struct gsync_bucket gsync_buckets[GSYNC_BUCKETS];

static bool keys_equal(const struct gsync_key *a, const struct gsync_key *b)
{
	return a->kind == b->kind && a->object == b->object && a->offset == b->offset;
}

static struct gsync_bucket *bucket_of(const struct gsync_key *key)
{
	uint64_t hash = key->object * 0x9e3779b97f4a7c15ull;
	hash ^= (key->offset >> 2) * 0xc2b2ae3d27d4eb4full + key->kind;
	hash ^= hash >> 31;
	hash *= 0x94d049bb133111ebull;
	hash ^= hash >> 29;
	return &gsync_buckets[hash & (GSYNC_BUCKETS - 1)];
}

static void bucket_append(struct gsync_bucket *bucket, struct gsync_waiter *waiter)
{
	waiter->next = NULL;
	waiter->prev = bucket->last;
	if (bucket->last)
		bucket->last->next = waiter;
	else
		bucket->first = waiter;
	bucket->last = waiter;
	__atomic_store_n(&waiter->bucket, bucket, __ATOMIC_RELEASE);
}

static void bucket_remove(struct gsync_bucket *bucket, struct gsync_waiter *waiter)
{
	if (waiter->prev)
		waiter->prev->next = waiter->next;
	else
		bucket->first = waiter->next;
	if (waiter->next)
		waiter->next->prev = waiter->prev;
	else
		bucket->last = waiter->prev;
	waiter->next = waiter->prev = NULL;
}

/* Under the bucket lock: the waiter leaves the list woken. Its thread cannot
 * return from gsync_wait_address before we drop the lock (it takes the lock
 * to look at woken), so waiter stays valid until then. */
static void wake_waiter(struct gsync_bucket *bucket, struct gsync_waiter *waiter)
{
	bucket_remove(bucket, waiter);
	waiter->woken = true;
	gsync_wakeup(waiter->thread);
}

/* Wakes up to limit waiters of key, first come first woken. */
static unsigned wake_waiters(struct gsync_bucket *bucket, const struct gsync_key *key,
                             unsigned limit)
{
	unsigned woken = 0;
	struct gsync_waiter *waiter = bucket->first;
	while (waiter && woken < limit) {
		struct gsync_waiter *next = waiter->next;
		if (keys_equal(&waiter->key, key)) {
			wake_waiter(bucket, waiter);
			woken++;
		}
		waiter = next;
	}
	return woken;
}

enum word_access {
	WORD_NONE,  /* only the key */
	WORD_READ,  /* *value = the word */
	WORD_WRITE, /* the word = *value */
};

/* A word whose bucket the caller holds locked, interrupts disabled. */
struct locked_word {
	struct gsync_key key;
	struct gsync_bucket *bucket;
	irq_state_t irq;
};

static void unlock_word(struct locked_word *word)
{
	spin_unlock_irqrestore(&word->bucket->lock, word->irq);
}

/* Finds address's key and locks its bucket, doing the access under the lock:
 * memory that is not there is faulted in outside the lock and tried again. */
static kern_return_t lock_word(struct task *task, uint64_t address, int flags,
                               enum word_access access, bool quad, uint64_t *value,
                               struct locked_word *word)
{
	bool shared = (flags & GSYNC_SHARED) != 0;
	for (unsigned attempt = 0; attempt < GSYNC_ACCESS_TRIES; attempt++) {
		if (!gsync_resolve_key(task, address, shared, &word->key))
			return KERN_INVALID_ADDRESS;
		word->bucket = bucket_of(&word->key);
		word->irq = spin_lock_irqsave(&word->bucket->lock);
		bool done;
		switch (access) {
		case WORD_READ:
			done = gsync_read_word_nofault(task, address, quad, value);
			break;
		case WORD_WRITE:
			done = gsync_write_word_nofault(task, address, quad, *value);
			break;
		default:
			done = true;
			break;
		}
		if (done)
			return KERN_SUCCESS;
		unlock_word(word);
		if (!gsync_fault_in(task, address, access == WORD_WRITE))
			return KERN_INVALID_ADDRESS;
	}
	return KERN_MEMORY_FAILURE;
}

/* After a sleep, with interrupts disabled: locks the bucket the waiter is in
 * now (a requeue may have moved it while we were not holding a lock). */
static struct gsync_bucket *lock_bucket_of_waiter(struct gsync_waiter *waiter)
{
	for (;;) {
		struct gsync_bucket *bucket = __atomic_load_n(&waiter->bucket, __ATOMIC_ACQUIRE);
		spin_lock(&bucket->lock);
		if (__atomic_load_n(&waiter->bucket, __ATOMIC_RELAXED) == bucket)
			return bucket;
		spin_unlock(&bucket->lock);
	}
}

kern_return_t gsync_wait_address(struct task *task, uint64_t address, uint32_t low, uint32_t high,
                                 uint32_t msec, int flags)
{
	if (!task)
		return KERN_INVALID_TASK;
	bool quad = (flags & GSYNC_QUAD) != 0;
	if ((address & (quad ? 7 : 3)) != 0)
		return KERN_INVALID_ADDRESS;
	bool timed = (flags & GSYNC_TIMED) != 0;
	/* The clock is whole milliseconds, truncated: one more keeps the wait from
	 * ending before msec have passed. */
	uint64_t deadline = timed ? gsync_now_ms() + msec + 1 : GSYNC_NO_DEADLINE;
	uint64_t expected = quad ? (uint64_t)high << 32 | low : low;

	struct locked_word word;
	uint64_t value;
	kern_return_t result = lock_word(task, address, flags, WORD_READ, quad, &value, &word);
	if (result != KERN_SUCCESS)
		return result;
	if (value != expected)
		result = KERN_INVALID_ARGUMENT;
	else if (timed && msec == 0)
		result = KERN_TIMEDOUT;
	if (result != KERN_SUCCESS) {
		unlock_word(&word);
		return result;
	}

	struct gsync_waiter waiter = {.key = word.key, .thread = gsync_current_thread()};
	bucket_append(word.bucket, &waiter);
	struct gsync_bucket *bucket = word.bucket;
	for (;;) {
		enum gsync_sleep_result slept = gsync_sleep(&bucket->lock, deadline);
		bucket = lock_bucket_of_waiter(&waiter);
		/* A wake that took us off the list counts, whatever else happened. */
		if (waiter.woken) {
			result = KERN_SUCCESS;
			break;
		}
		if (slept == GSYNC_SLEEP_INTERRUPTED) {
			result = KERN_INTERRUPTED;
			break;
		}
		if (slept == GSYNC_SLEEP_TIMED_OUT || (timed && gsync_now_ms() >= deadline)) {
			result = KERN_TIMEDOUT;
			break;
		}
		/* Woken for nothing: sleep again, still on the list. */
	}
	if (!waiter.woken)
		bucket_remove(bucket, &waiter);
	spin_unlock(&bucket->lock);
	irq_restore(word.irq);
	return result;
}

kern_return_t gsync_wake_address(struct task *task, uint64_t address, uint32_t value, int flags)
{
	if (!task)
		return KERN_INVALID_TASK;
	if ((address & 3) != 0)
		return KERN_INVALID_ADDRESS;
	bool mutate = (flags & GSYNC_MUTATE) != 0;
	uint64_t stored = value;
	struct locked_word word;
	kern_return_t result =
	    lock_word(task, address, flags, mutate ? WORD_WRITE : WORD_NONE, false, &stored, &word);
	if (result != KERN_SUCCESS)
		return result;
	unsigned limit = (flags & GSYNC_BROADCAST) ? ~0u : 1;
	unsigned woken = wake_waiters(word.bucket, &word.key, limit);
	unlock_word(&word);
	return woken ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

/* Locks two buckets (the same one once) in address order, interrupts disabled. */
static irq_state_t lock_two(struct gsync_bucket *a, struct gsync_bucket *b)
{
	irq_state_t irq = irq_save_disable();
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
	return irq;
}

static void unlock_two(struct gsync_bucket *a, struct gsync_bucket *b, irq_state_t irq)
{
	spin_unlock(&a->lock);
	if (b != a)
		spin_unlock(&b->lock);
	irq_restore(irq);
}

kern_return_t gsync_requeue_address(struct task *task, uint64_t source, uint64_t destination,
                                    bool wake_one, int flags)
{
	if (!task)
		return KERN_INVALID_TASK;
	if (((source | destination) & 3) != 0)
		return KERN_INVALID_ADDRESS;
	bool shared = (flags & GSYNC_SHARED) != 0;
	struct gsync_key from, to;
	if (!gsync_resolve_key(task, source, shared, &from) ||
	    !gsync_resolve_key(task, destination, shared, &to))
		return KERN_INVALID_ADDRESS;
	struct gsync_bucket *from_bucket = bucket_of(&from), *to_bucket = bucket_of(&to);
	irq_state_t irq = lock_two(from_bucket, to_bucket);

	unsigned found = wake_one ? wake_waiters(from_bucket, &from, 1) : 0;
	/* Taken out first and appended after, so that a requeue onto the same
	 * key (or bucket) does not meet the waiters it already moved. */
	unsigned limit = (flags & GSYNC_BROADCAST) ? ~0u : 1, moving = 0;
	struct gsync_waiter *moved_first = NULL, *moved_last = NULL;
	struct gsync_waiter *waiter = from_bucket->first;
	while (waiter && moving < limit) {
		struct gsync_waiter *next = waiter->next;
		if (keys_equal(&waiter->key, &from)) {
			bucket_remove(from_bucket, waiter);
			if (moved_last)
				moved_last->next = waiter;
			else
				moved_first = waiter;
			moved_last = waiter;
			moving++;
		}
		waiter = next;
	}
	while (moved_first) {
		struct gsync_waiter *next = moved_first->next;
		moved_first->key = to;
		bucket_append(to_bucket, moved_first);
		moved_first = next;
	}

	unlock_two(from_bucket, to_bucket, irq);
	return found + moving ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}
